import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import type { SurveyKind } from "../../../../shared/survey-kinds";
import {
  type LearnerSurvey,
  LIKERT_LABELS,
  SURVEY_ANSWER_MAX,
  type SurveyReceipt,
  type SurveyResponseInput,
} from "../../../../shared/surveys";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { FieldsetGroup } from "../../../components/form-group";
import { BackLink } from "../../../components/links";
import { InsetText } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { ConfirmationPanel } from "../../../components/panel";
import { isApiError } from "../../../lib/api-client";
import type { FieldErrors } from "../../../lib/form-errors";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useLearnerSurvey, useRespondToSurvey } from "../api/surveys";
import { kindFrom, outlinePath } from "../components/survey-paths";
import "../components/surveys.css";

/** The field id of a question: also what the server names in its 422 details. */
const fieldOf = (questionId: string) => `question-${questionId}`;

/** One Likert statement: the statement is the legend, five radios, inline from tablet width, stacked on phones. */
function LikertQuestion({
  id,
  legend,
  optional,
  value,
  error,
  onChange,
}: {
  id: string;
  legend: string;
  optional: boolean;
  value: number | null;
  error: string | undefined;
  onChange: (rating: number) => void;
}) {
  return (
    <FieldsetGroup id={id} legend={optional ? `${legend} (optional)` : legend} legendSize="s" error={error}>
      <div className="nhsuk-radios nhsuk-radios--inline app-likert">
        {LIKERT_LABELS.map((label, index) => {
          const rating = index + 1;
          const optionId = index === 0 ? id : `${id}-${rating}`;
          return (
            <div className="nhsuk-radios__item" key={label}>
              <input
                className="nhsuk-radios__input"
                id={optionId}
                name={id}
                type="radio"
                value={rating}
                checked={value === rating}
                onChange={() => onChange(rating)}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={optionId}>
                {label}
              </label>
            </div>
          );
        })}
      </div>
    </FieldsetGroup>
  );
}

function Thanks({ receipt, enrolmentId }: { receipt: SurveyReceipt; enrolmentId: string }) {
  usePageTitle("Thank you for your answers");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel title="Thank you for your answers">
          {receipt.kind === "pre_course"
            ? "They help us see what difference the course makes."
            : "They help us improve the course for the next run."}
        </ConfirmationPanel>
        {receipt.anonymous ? (
          <p>This survey is anonymous: your answers are not stored with your name.</p>
        ) : null}
        <p>
          <Link to={outlinePath(enrolmentId)}>Back to your course</Link>
        </p>
      </div>
    </div>
  );
}

function SurveyForm({
  survey,
  enrolmentId,
  kind,
  onSent,
}: {
  survey: LearnerSurvey;
  enrolmentId: string;
  kind: SurveyKind;
  /** Told of the receipt; the page shows the thanks, since the survey then reads as answered. */
  onSent: (receipt: SurveyReceipt) => void;
}) {
  const fields = survey.questions.map((q) => fieldOf(q.id));
  const form = useFormErrors(fields);
  const respond = useRespondToSurvey(enrolmentId, kind);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  usePageTitle(survey.title, form.summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors: FieldErrors = {};
    for (const q of survey.questions) {
      const field = fieldOf(q.id);
      if (q.kind === "likert" && q.required && ratings[q.id] === undefined)
        errors[field] = `Select how much you agree with "${q.prompt}"`;
      const text = texts[q.id] ?? "";
      if (q.kind === "free_text" && q.required && text.trim() === "") errors[field] = `Answer "${q.prompt}"`;
      if (q.kind === "free_text" && text.length > SURVEY_ANSWER_MAX)
        errors[field] =
          `Your answer must be ${SURVEY_ANSWER_MAX.toLocaleString("en-GB")} characters or fewer`;
    }
    if (form.showFieldErrors(errors) || respond.isPending) return;
    const body: SurveyResponseInput = {
      answers: survey.questions.flatMap((q): SurveyResponseInput["answers"] => {
        if (q.kind === "likert") {
          const rating = ratings[q.id];
          return rating === undefined ? [] : [{ questionId: q.id, rating }];
        }
        const text = texts[q.id] ?? "";
        return text.trim() === "" ? [] : [{ questionId: q.id, text }];
      }),
    };
    respond.mutate(body, { onSuccess: onSent, onError: form.showFailure });
  };

  return (
    <>
      <BackLink to={outlinePath(enrolmentId)}>{survey.courseTitle}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <span className="nhsuk-caption-l">{survey.courseTitle}</span>
          <h1>{survey.title}</h1>
          {survey.introduction ? <p>{survey.introduction}</p> : null}
          <InsetText>
            <p>
              {survey.anonymous
                ? "This survey is anonymous: your answers are stored without your name, and nobody can tell which answers are yours."
                : "Facilitators and course staff see everyone's answers added up, and written answers without names."}
            </p>
          </InsetText>
        </div>
      </div>
      <form noValidate onSubmit={submit}>
        {survey.questions.map((q) =>
          q.kind === "likert" ? (
            <LikertQuestion
              key={q.id}
              id={fieldOf(q.id)}
              legend={q.prompt}
              optional={!q.required}
              value={ratings[q.id] ?? null}
              error={form.errors[fieldOf(q.id)]}
              onChange={(rating) => setRatings((current) => ({ ...current, [q.id]: rating }))}
            />
          ) : (
            <div className="nhsuk-grid-row" key={q.id}>
              <div className="nhsuk-grid-column-two-thirds">
                <CharacterCount
                  id={fieldOf(q.id)}
                  label={q.required ? q.prompt : `${q.prompt} (optional)`}
                  labelSize="s"
                  value={texts[q.id] ?? ""}
                  onChange={(text) => setTexts((current) => ({ ...current, [q.id]: text }))}
                  error={form.errors[fieldOf(q.id)]}
                  maxLength={SURVEY_ANSWER_MAX}
                />
              </div>
            </div>
          ),
        )}
        <Button busy={respond.isPending}>Send answers</Button>
      </form>
    </>
  );
}

/** /learning/:enrolmentId/surveys/:kind: a learner answers their course's pre- or post-course survey. */
export function TakeSurveyPage() {
  const { enrolmentId = "", kind: rawKind } = useParams();
  const kind = kindFrom(rawKind);
  const survey = useLearnerSurvey(enrolmentId, kind ?? "pre_course");
  // Kept here, not in the form: once sent, the survey reads as answered and the form is no longer shown.
  const [receipt, setReceipt] = useState<SurveyReceipt | null>(null);
  if (receipt) return <Thanks receipt={receipt} enrolmentId={enrolmentId} />;
  if (!kind) return <ProblemPage title="Survey not found" message="There is no survey at this address." />;
  if (survey.isPending) return <LoadingPage title="Course survey" />;
  if (survey.isError) {
    return (
      <>
        <BackLink to={outlinePath(enrolmentId)}>Your course</BackLink>
        <ProblemPage
          title={isApiError(survey.error, 404) ? "Survey not found" : "Sorry, there is a problem"}
          message={survey.error.message}
        />
      </>
    );
  }
  if (!survey.data.available) return <Unavailable survey={survey.data} enrolmentId={enrolmentId} />;
  return (
    <SurveyForm
      key={survey.data.surveyId}
      survey={survey.data}
      enrolmentId={enrolmentId}
      kind={kind}
      onSent={setReceipt}
    />
  );
}

function Unavailable({ survey, enrolmentId }: { survey: LearnerSurvey; enrolmentId: string }) {
  usePageTitle(survey.title);
  return (
    <>
      <BackLink to={outlinePath(enrolmentId)}>{survey.courseTitle}</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">{survey.courseTitle}</span>
          <h1>{survey.title}</h1>
          <p>{survey.unavailableReason}</p>
          <p>
            <Link to={outlinePath(enrolmentId)}>Back to your course</Link>
          </p>
        </div>
      </div>
    </>
  );
}
