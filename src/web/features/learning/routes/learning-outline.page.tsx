import { useEffect } from "react";
import { Link, useLocation, useParams } from "react-router";
import { isPortfolioLevel } from "../../../../shared/portfolios";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Details, InsetText } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { Slot } from "../../../lib/slots";
import { useLearningOutline } from "../api/learning-outline";
import type { LearningOutlineView, OutlineModuleView } from "../api/learning-schemas";
import { continuePath, moduleAnchor, stepPath } from "../components/learning-paths";
import {
  accessSentence,
  enrolmentAccess,
  stepFactsWords,
  stepsCompleteWords,
} from "../components/learning-words";
import { LevelTag } from "../components/level-tag";
import { ReadOnlyNotice } from "../components/read-only-notice";
import { StepStatusCell } from "../components/step-status";
import "../components/learning.css";

/** A module's heading, summary and its steps as an NHS task list, each step linking to itself with its status. */
function ModuleSteps({
  enrolmentId,
  module,
  number,
}: {
  enrolmentId: string;
  module: OutlineModuleView;
  number: number;
}) {
  const steps = [...module.steps].sort((a, b) => a.position - b.position);
  const done = steps.filter((step) => step.status === "completed").length;
  return (
    <section aria-labelledby={moduleAnchor(module.id)}>
      <span className="nhsuk-caption-m">Module {number}</span>
      <h2 id={moduleAnchor(module.id)} tabIndex={-1}>
        {module.title}
      </h2>
      {module.summary ? <p>{module.summary}</p> : null}
      <p className="nhsuk-body-s">
        {stepsCompleteWords(done, steps.length, module.progressPercent)} in this module
      </p>
      {steps.length === 0 ? (
        <p>This module has no steps yet.</p>
      ) : (
        <ul className="nhsuk-task-list">
          {steps.map((step) => {
            const hintId = `step-${step.id}-hint`;
            const statusId = `step-${step.id}-status`;
            return (
              <li className="nhsuk-task-list__item nhsuk-task-list__item--with-link" key={step.id}>
                <div className="nhsuk-task-list__name-and-hint">
                  <Link
                    className="nhsuk-link nhsuk-task-list__link"
                    to={stepPath(enrolmentId, step.id)}
                    aria-describedby={`${hintId} ${statusId}`}
                  >
                    {step.title}
                  </Link>
                  <div className="nhsuk-task-list__hint" id={hintId}>
                    {stepFactsWords(step)}
                  </div>
                </div>
                <StepStatusCell id={statusId} status={step.status} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Required steps done out of required steps, the measure the course's percentage is worked out on. */
function requiredSteps(outline: LearningOutlineView): { done: number; total: number; started: boolean } {
  const steps = outline.modules.flatMap((module) => module.steps);
  const required = steps.filter((step) => step.required);
  return {
    done: required.filter((step) => step.status === "completed").length,
    total: required.length,
    started: steps.some((step) => step.status !== "not_started"),
  };
}

/** The course outline: progress, access, the way on, and every module's steps with their status. */
function OutlineContent({ outline }: { outline: LearningOutlineView }) {
  usePageTitle(outline.course.title);
  const { hash } = useLocation();
  // Breadcrumbs from a step link to its module: bring that module's heading into view and focus.
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.focus({ preventScroll: true });
    target.scrollIntoView();
  }, [hash]);
  const { enrolment, course, deferral } = outline;
  const enrolmentId = enrolment.id;
  const modules = [...outline.modules].sort((a, b) => a.position - b.position);
  const progress = requiredSteps(outline);
  const completed = enrolment.completedAt !== null;
  const canContinue = !enrolment.readOnly && enrolment.state === "active" && outline.nextStepId !== null;

  return (
    <>
      <Breadcrumbs items={[{ to: "/my-learning", text: "My learning" }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">{course.programmeTitle}</span>
          <h1 className="nhsuk-u-margin-bottom-3">{course.title}</h1>
          <LevelTag level={course.level} />

          {completed && enrolment.completedAt ? (
            <div className="nhsuk-panel">
              <h2 className="nhsuk-panel__title">You have completed this course</h2>
              <div className="nhsuk-panel__body">
                <p>You completed it on {formatDate(enrolment.completedAt)}.</p>
              </div>
            </div>
          ) : null}
          {enrolment.readOnly ? <ReadOnlyNotice expiresAt={enrolment.expiresAt} /> : null}
          {enrolment.state === "deferred" ? (
            <InsetText>
              <p>
                This course is deferred. {accessSentence(enrolmentAccess(enrolment))}. Until then you can look
                at the course but your access window is paused.
              </p>
            </InsetText>
          ) : null}

          <ul className="nhsuk-list app-outline-facts">
            <li>
              <strong>{stepsCompleteWords(progress.done, progress.total, enrolment.progressPercent)}</strong>
            </li>
            <li>{accessSentence(enrolmentAccess(enrolment))}</li>
          </ul>

          {canContinue ? (
            <Link className="nhsuk-button" to={continuePath(enrolmentId)} draggable={false}>
              {progress.started ? "Continue" : "Start the course"}
            </Link>
          ) : null}

          {isPortfolioLevel(course.level) ? (
            <p>
              <Link to={`/learning/${encodeURIComponent(enrolmentId)}/portfolio`}>Your portfolio</Link>: add
              evidence against the assessment criteria and submit it for assessment.
            </p>
          ) : null}

          <Slot
            name="learningOutline"
            props={{ courseId: course.id, enrolmentId, level: course.level, completed }}
          />

          {deferral.pendingRequest ? (
            <p>
              You have asked to defer this course.{" "}
              <Link to={`/learning/${encodeURIComponent(enrolmentId)}/defer`}>See your request</Link>
            </p>
          ) : deferral.allowed ? (
            <p>
              <Link to={`/learning/${encodeURIComponent(enrolmentId)}/defer`}>Ask to defer this course</Link>
              {deferral.deadline ? ` (you can ask until ${formatDate(deferral.deadline)})` : ""}
            </p>
          ) : null}

          {modules.map((module, index) => (
            <ModuleSteps key={module.id} enrolmentId={enrolmentId} module={module} number={index + 1} />
          ))}

          {!deferral.allowed && deferral.message ? (
            <Details>
              <Details.Summary>Can I defer this course?</Details.Summary>
              <Details.Text>
                <p>{deferral.message}</p>
              </Details.Text>
            </Details>
          ) : null}

          <p>
            <Link to={`/courses/${encodeURIComponent(course.id)}`}>About this course</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** /learning/:enrolmentId: the outline of a course the learner is enrolled on. */
export function LearningOutlinePage() {
  const { enrolmentId = "" } = useParams();
  const outline = useLearningOutline(enrolmentId);
  if (outline.isPending) return <LoadingPage title="Loading course" />;
  if (outline.isError) {
    if (isApiError(outline.error, 404) || isApiError(outline.error, 400)) {
      return (
        <ProblemPage
          title="Course not found"
          message="This is not a course you are enrolled on. If you typed the web address, check it is correct."
        >
          <p>
            <Link to="/my-learning">Go to My learning</Link>
          </p>
        </ProblemPage>
      );
    }
    return (
      <ProblemPage title="Sorry, there is a problem with the service" message={outline.error.message}>
        <p>
          <Link to="/my-learning">Go to My learning</Link>
        </p>
      </ProblemPage>
    );
  }
  return <OutlineContent outline={outline.data} />;
}
