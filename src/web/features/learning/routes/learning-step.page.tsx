import { useCallback, useEffect, useRef, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { ErrorSummary } from "../../../components/error-summary";
import { Tag } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import type { SummaryError } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { Slot } from "../../../lib/slots";
import { useLearningOutline } from "../api/learning-outline";
import type { LearningOutlineView, StepViewData } from "../api/learning-schemas";
import { useLearningStep } from "../api/learning-step";
import { useRecordProgress } from "../api/record-progress";
import { continuePath, moduleAnchor, outlinePath, stepPath } from "../components/learning-paths";
import { accessSentence, enrolmentAccess, minutesWords, stepKindWords } from "../components/learning-words";
import { ReadOnlyNotice } from "../components/read-only-notice";
import { StepBody } from "../components/step-body";
import { type NeighbourStep, StepPagination } from "../components/step-pagination";

/** Where a step sits in its course: "Step 2 of 5 in Module 1", and its neighbours' titles. */
function placeInCourse(outline: LearningOutlineView | undefined, step: StepViewData) {
  if (!outline) return { caption: null, titles: new Map<string, string>() };
  const modules = [...outline.modules].sort((a, b) => a.position - b.position);
  const moduleIndex = modules.findIndex((module) => module.id === step.module.id);
  const steps = [...(modules[moduleIndex]?.steps ?? [])].sort((a, b) => a.position - b.position);
  const stepIndex = steps.findIndex((s) => s.id === step.id);
  const titles = new Map(modules.flatMap((module) => module.steps.map((s) => [s.id, s.title] as const)));
  const caption =
    moduleIndex >= 0 && stepIndex >= 0
      ? `Step ${stepIndex + 1} of ${steps.length} in Module ${moduleIndex + 1}`
      : null;
  return { caption, titles };
}

/** One step, with where it sits in the course, its content, and the way on. */
function StepContent({ step, outline }: { step: StepViewData; outline: LearningOutlineView | undefined }) {
  const navigate = useNavigate();
  const [summary, setSummary] = useState<SummaryError[]>([]);
  usePageTitle(step.title, summary.length > 0);
  const opened = useRecordProgress(step.enrolmentId, step.id);
  const completion = useRecordProgress(step.enrolmentId, step.id);
  const sentOpened = useRef<string | null>(null);

  // Say where the learner is, once per step, unless nothing can change any more.
  const { mutate: recordOpened } = opened;
  useEffect(() => {
    if (step.readOnly || sentOpened.current === step.id) return;
    sentOpened.current = step.id;
    recordOpened({ event: "opened" });
  }, [step.id, step.readOnly, recordOpened]);

  const onComplete = (andContinue: boolean) => {
    if (completion.isPending) return;
    completion.mutate(
      { event: "completed" },
      {
        onSuccess: () => {
          setSummary([]);
          if (andContinue) navigate(continuePath(step.enrolmentId));
        },
        onError: (error) => setSummary([{ message: error.message }]),
      },
    );
  };
  const onProgress = (percent: number) => opened.mutate({ event: "progress", percent });
  const onSummaryChange = useCallback((lines: SummaryError[]) => setSummary(lines), []);

  const { caption, titles } = placeInCourse(outline, step);
  const neighbour = (id: string | null): NeighbourStep | null =>
    id ? { to: stepPath(step.enrolmentId, id), title: titles.get(id) ?? null } : null;
  const enrolment = outline?.enrolment;
  const isFinal = step.quiz?.isFinal ?? false;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/my-learning", text: "My learning" },
          { to: outlinePath(step.enrolmentId), text: step.course.title },
          {
            to: `${outlinePath(step.enrolmentId)}#${moduleAnchor(step.module.id)}`,
            text: step.module.title,
          },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={summary} />
          {caption ? <span className="nhsuk-caption-l">{caption}</span> : null}
          <h1>{step.title}</h1>
          <ul className="nhsuk-list nhsuk-body-s app-step-facts">
            <li>
              {stepKindWords(step.kind, isFinal)}, {minutesWords(step.minutes)}
              {step.required ? "" : ", optional"}
            </li>
            {enrolment ? <li>{accessSentence(enrolmentAccess(enrolment))}</li> : null}
            {step.status === "completed" ? (
              <li>
                <Tag modifier="green">Completed</Tag>
              </li>
            ) : null}
          </ul>
          {step.readOnly ? <ReadOnlyNotice expiresAt={enrolment?.expiresAt} /> : null}
          <StepBody
            step={step}
            completing={completion.isPending}
            onComplete={onComplete}
            onProgress={onProgress}
            onSummaryChange={onSummaryChange}
          />
        </div>
      </div>
      <StepPagination previous={neighbour(step.previousStepId)} next={neighbour(step.nextStepId)} />
      <Slot
        name="learningStep"
        props={{ courseId: step.course.id, enrolmentId: step.enrolmentId, stepId: step.id }}
      />
    </>
  );
}

/** /learning/:enrolmentId/steps/:stepId: one step of a course the learner is enrolled on. */
export function LearningStepPage() {
  const { enrolmentId = "", stepId = "" } = useParams();
  const step = useLearningStep(enrolmentId, stepId);
  const outline = useLearningOutline(enrolmentId);

  if (step.isPending) return <LoadingPage title="Loading step" />;
  if (step.isError) {
    if (isApiError(step.error, 404) || isApiError(step.error, 400)) {
      return (
        <ProblemPage
          title="Step not found"
          message="This step is not part of a course you are enrolled on. If you typed the web address, check it is correct."
        >
          <p>
            <Link to="/my-learning">Go to My learning</Link>
          </p>
        </ProblemPage>
      );
    }
    return (
      <ProblemPage title="Sorry, there is a problem with the service" message={step.error.message}>
        <p>
          <Link to="/my-learning">Go to My learning</Link>
        </p>
      </ProblemPage>
    );
  }
  return <StepContent key={step.data.id} step={step.data} outline={outline.data} />;
}
