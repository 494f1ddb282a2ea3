import { type FormEvent, useEffect, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import type { SurveyKind, SurveyQuestionKind } from "../../../../shared/survey-kinds";
import {
  SURVEY_INTRODUCTION_MAX,
  SURVEY_KIND_LABELS,
  SURVEY_PROMPT_MAX,
  SURVEY_QUESTIONS_MAX,
  type Survey,
  type SurveyInput,
  SurveyInputSchema,
} from "../../../../shared/surveys";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { Checkbox } from "../../../components/checkbox";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useCourseSurveys, useSaveSurvey } from "../api/surveys";
import { kindFrom, manageSurveysPath } from "../components/survey-paths";

interface QuestionDraft {
  /** A key for React that survives reordering. */
  key: string;
  id?: string;
  kind: SurveyQuestionKind;
  prompt: string;
  required: boolean;
}

interface Draft {
  title: string;
  introduction: string;
  anonymous: boolean;
  isOpen: boolean;
  questions: QuestionDraft[];
}

let nextKey = 0;
const newKey = () => {
  nextKey += 1;
  return `new-${nextKey}`;
};

function draftFrom(survey: Survey | undefined, kind: SurveyKind): Draft {
  if (!survey)
    return {
      title: SURVEY_KIND_LABELS[kind],
      introduction: "",
      anonymous: false,
      isOpen: true,
      questions: [{ key: newKey(), kind: "likert", prompt: "", required: true }],
    };
  return {
    title: survey.title,
    introduction: survey.introduction,
    anonymous: survey.anonymous,
    isOpen: survey.isOpen,
    questions: survey.questions.map((q) => ({
      key: q.id,
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
    })),
  };
}

function inputFrom(draft: Draft): SurveyInput {
  return {
    title: draft.title,
    introduction: draft.introduction,
    anonymous: draft.anonymous,
    isOpen: draft.isOpen,
    questions: draft.questions.map((q) => ({
      ...(q.id ? { id: q.id } : {}),
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
    })),
  };
}

const fieldsOf = (draft: Draft) => [
  "title",
  "introduction",
  ...draft.questions.flatMap((_, i) => [`questions.${i}.kind`, `questions.${i}.prompt`]),
  "questions",
];

/** The form for one survey: settings, and questions to add, remove and reorder with buttons. */
function SurveyForm({
  courseId,
  courseTitle,
  kind,
  survey,
}: {
  courseId: string;
  courseTitle: string;
  kind: SurveyKind;
  survey: Survey | undefined;
}) {
  const label = SURVEY_KIND_LABELS[kind];
  const title = survey ? `Change the ${label.toLowerCase()}` : `Add a ${label.toLowerCase()}`;
  const navigate = useNavigate();
  const save = useSaveSurvey(courseId, kind);
  const [draft, setDraft] = useState<Draft>(() => draftFrom(survey, kind));
  const fields = fieldsOf(draft);
  const form = useFormErrors(fields);
  const [focusId, setFocusId] = useState<string | null>(null);
  usePageTitle(title, form.summary.length > 0);
  const locked = (survey?.responseCount ?? 0) > 0;

  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId]);

  const change = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  const changeQuestion = (index: number, patch: Partial<QuestionDraft>) =>
    setDraft((current) => ({
      ...current,
      questions: current.questions.map((q, i) => (i === index ? { ...q, ...patch } : q)),
    }));
  const move = (index: number, by: -1 | 1, button: "up" | "down") => {
    const target = index + by;
    const moved = draft.questions[index];
    if (!moved || target < 0 || target >= draft.questions.length) return;
    const questions = [...draft.questions];
    questions.splice(index, 1);
    questions.splice(target, 0, moved);
    change("questions", questions);
    // Keep focus on the moved question: on the same button if it can still move that way, else the other one.
    const stillCan = button === "up" ? target > 0 : target < questions.length - 1;
    setFocusId(`move-${stillCan ? button : button === "up" ? "down" : "up"}-${moved.key}`);
  };
  const remove = (index: number) => {
    const questions = draft.questions.filter((_, i) => i !== index);
    change("questions", questions);
    const next = questions[Math.min(index, questions.length - 1)];
    setFocusId(next ? `question-heading-${next.key}` : "add-likert");
  };
  const add = (kind: SurveyQuestionKind) => {
    const key = newKey();
    change("questions", [...draft.questions, { key, kind, prompt: "", required: kind === "likert" }]);
    setFocusId(`questions.${draft.questions.length}.prompt`);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = inputFrom(draft);
    const parsed = SurveyInputSchema.safeParse(input);
    const errors: FieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".");
        if (!(field in errors)) errors[field] = issue.message;
      }
    }
    if (form.showFieldErrors(errors) || save.isPending) return;
    save.mutate(input, {
      onSuccess: () =>
        navigate(manageSurveysPath(courseId), {
          state: flash(`${label} saved`, "Learners see the changes at once."),
        }),
      onError: form.showFailure,
    });
  };

  return (
    <>
      <BackLink to={manageSurveysPath(courseId)}>Course surveys</BackLink>
      <ErrorSummary errors={form.summary} />
      <span className="nhsuk-caption-l">{courseTitle}</span>
      <h1>{title}</h1>
      {locked ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">This survey has responses</WarningCallout.Heading>
          <p>
            {survey?.responseCount} {survey?.responseCount === 1 ? "person has" : "people have"} answered it,
            so its questions cannot be added, removed or reworded, and it cannot be made anonymous or not. You
            can change its title and introduction, reorder its questions, say which must be answered, and open
            or close it.
          </p>
        </WarningCallout>
      ) : null}
      <form noValidate onSubmit={submit}>
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <TextInput
              id="title"
              label="Title"
              hint="Learners see it as the page heading."
              value={draft.title}
              onChange={(value) => change("title", value)}
              error={form.errors.title}
            />
            <CharacterCount
              id="introduction"
              label="Introduction (optional)"
              labelSize="s"
              hint="Why the survey matters and how long it takes."
              value={draft.introduction}
              onChange={(value) => change("introduction", value)}
              error={form.errors.introduction}
              maxLength={SURVEY_INTRODUCTION_MAX}
              rows={3}
            />
            <Checkbox
              id="isOpen"
              label="Open: learners can answer it"
              checked={draft.isOpen}
              onChange={(value) => change("isOpen", value)}
            />
            {locked ? (
              <p>{draft.anonymous ? "This survey is anonymous." : "This survey is not anonymous."}</p>
            ) : (
              <Checkbox
                id="anonymous"
                label="Anonymous: keep no link between answers and the people who gave them"
                hint="This cannot be changed once anyone has answered."
                checked={draft.anonymous}
                onChange={(value) => change("anonymous", value)}
              />
            )}
          </div>
        </div>
        <h2 id="questions">Questions</h2>
        {form.errors.questions ? <p className="nhsuk-error-message">{form.errors.questions}</p> : null}
        <ol className="nhsuk-list">
          {draft.questions.map((q, index) => (
            <li key={q.key} className="nhsuk-card">
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-heading-s" id={`question-heading-${q.key}`} tabIndex={-1}>
                  Question {index + 1}
                </h3>
                {locked ? (
                  <p>
                    {q.prompt}{" "}
                    <span className="nhsuk-body-s">
                      ({q.kind === "likert" ? "agree or disagree" : "written answer"})
                    </span>
                  </p>
                ) : (
                  <>
                    <Radios
                      name={`questions.${index}.kind`}
                      legend={`Kind of question ${index + 1}`}
                      legendSize="s"
                      small
                      options={[
                        { value: "likert", label: "A statement to agree or disagree with (5 answers)" },
                        { value: "free_text", label: "A question with a written answer" },
                      ]}
                      value={q.kind}
                      onChange={(value) => changeQuestion(index, { kind: value as SurveyQuestionKind })}
                      error={form.errors[`questions.${index}.kind`]}
                    />
                    <TextInput
                      id={`questions.${index}.prompt`}
                      label={q.kind === "likert" ? `Statement ${index + 1}` : `Question ${index + 1}`}
                      hint={`3 to ${SURVEY_PROMPT_MAX} characters.`}
                      value={q.prompt}
                      onChange={(value) => changeQuestion(index, { prompt: value })}
                      error={form.errors[`questions.${index}.prompt`]}
                    />
                  </>
                )}
                <Checkbox
                  id={`questions.${index}.required`}
                  label="Learners must answer this"
                  checked={q.required}
                  onChange={(value) => changeQuestion(index, { required: value })}
                />
                <div className="nhsuk-button-group">
                  {index > 0 ? (
                    <button
                      type="button"
                      id={`move-up-${q.key}`}
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      onClick={() => move(index, -1, "up")}
                    >
                      Move up<span className="nhsuk-u-visually-hidden"> question {index + 1}</span>
                    </button>
                  ) : null}
                  {index < draft.questions.length - 1 ? (
                    <button
                      type="button"
                      id={`move-down-${q.key}`}
                      className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                      onClick={() => move(index, 1, "down")}
                    >
                      Move down<span className="nhsuk-u-visually-hidden"> question {index + 1}</span>
                    </button>
                  ) : null}
                  {locked ? null : (
                    <button
                      type="button"
                      className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
                      onClick={() => remove(index)}
                    >
                      Remove<span className="nhsuk-u-visually-hidden"> question {index + 1}</span>
                    </button>
                  )}
                </div>
              </div>
            </li>
          ))}
        </ol>
        {locked || draft.questions.length >= SURVEY_QUESTIONS_MAX ? null : (
          <div className="nhsuk-button-group">
            <button
              type="button"
              id="add-likert"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => add("likert")}
            >
              Add a statement
            </button>
            <button
              type="button"
              className="nhsuk-button nhsuk-button--secondary"
              onClick={() => add("free_text")}
            >
              Add a written question
            </button>
          </div>
        )}
        <p className="nhsuk-body-s">
          Up to {SURVEY_QUESTIONS_MAX} questions. {draft.questions.length} so far.
        </p>
        <Button busy={save.isPending}>Save survey</Button>
      </form>
      <p>
        <Link to={manageSurveysPath(courseId)}>Cancel</Link>
      </p>
    </>
  );
}

/** /manage/courses/:courseId/surveys/:kind: add or change one of a course's surveys. */
export function EditSurveyPage() {
  const { courseId = "", kind: rawKind } = useParams();
  const kind = kindFrom(rawKind);
  const surveys = useCourseSurveys(courseId);
  if (!kind) return <ProblemPage title="Survey not found" message="There is no survey at this address." />;
  if (surveys.isPending)
    return <LoadingPage title={`Change the ${SURVEY_KIND_LABELS[kind].toLowerCase()}`} />;
  if (surveys.isError)
    return (
      <ProblemPage
        title={isApiError(surveys.error, 404) ? "Course not found" : "Sorry, there is a problem"}
        message={surveys.error.message}
      />
    );
  const survey = surveys.data.surveys.find((s) => s.kind === kind);
  return (
    <SurveyForm
      key={survey?.id ?? "new"}
      courseId={courseId}
      courseTitle={surveys.data.courseTitle}
      kind={kind}
      survey={survey}
    />
  );
}
