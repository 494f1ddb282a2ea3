import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  checkRecognitionDecision,
  feedbackField,
  RECOGNITION_RUBRIC,
  RECOGNITION_TEXT_MAX,
  type RecognitionOutcome,
  type RecognitionSubmissionDetail,
  RUBRIC_SCORE_LABELS,
  RUBRIC_SCORES,
  scoreField,
} from "../../../../shared/recognition";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { Details, InsetText } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Textarea } from "../../../components/textarea";
import { flash } from "../../../lib/flash";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { caseStudyPath, useCaseStudySubmission, useDecideCaseStudy } from "../api/recognition";
import { CaseStudyView, parseCaseStudy } from "../components/case-study-view";
import { DecisionRecord } from "../components/decision-record";
import { RecognitionStatusTag } from "../components/recognition-words";

const FIELDS = [
  ...RECOGNITION_RUBRIC.criteria.flatMap((c) => [scoreField(c.id), feedbackField(c.id)]),
  "outcome",
  "feedback",
];

type Scores = Record<string, { score: string; feedback: string }>;

function DecisionForm({ submission }: { submission: RecognitionSubmissionDetail }) {
  const navigate = useNavigate();
  const decide = useDecideCaseStudy(submission.submissionId);
  const [scores, setScores] = useState<Scores>({});
  const [outcome, setOutcome] = useState<RecognitionOutcome | "">("");
  const [feedback, setFeedback] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);
  usePageTitle("Assess a case study", summary.length > 0);
  const set = (id: string, change: Partial<Scores[string]>) =>
    setScores((current) => ({ ...current, [id]: { score: "", feedback: "", ...current[id], ...change } }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    const draft = {
      outcome,
      feedback,
      scores: RECOGNITION_RUBRIC.criteria.map((c) => ({
        criterionId: c.id,
        score: scores[c.id]?.score ? Number(scores[c.id]?.score) : null,
        feedback: scores[c.id]?.feedback ?? "",
      })),
    };
    const fieldErrors: Record<string, string> = {};
    for (const p of checkRecognitionDecision(draft))
      if (!(p.field in fieldErrors)) fieldErrors[p.field] = p.message;
    if (showFieldErrors(fieldErrors) || outcome === "") return;
    decide.mutate(
      {
        outcome,
        feedback: feedback.trim(),
        scores: draft.scores.map((s) => ({
          criterionId: s.criterionId,
          score: s.score ?? 0,
          feedback: s.feedback.trim(),
        })),
      },
      {
        onSuccess: (result) =>
          navigate("/assessment/case-studies", {
            state: flash(
              result.status === "passed" ? "Project recognised" : "Case study referred back",
              result.status === "passed"
                ? `${result.certificatesIssued} certificates were issued${result.inLibrary ? " and the case study is in the public library" : ""}. The team has been emailed.`
                : "The team has been emailed and can read your feedback.",
            ),
          }),
        onError: showFailure,
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit}>
      <ErrorSummary errors={summary} />
      <h2>Your scores</h2>
      <p>
        Score every criterion. A project is recognised only when every criterion scores 2 or more; give
        feedback on any criterion scored below 2.
      </p>
      {RECOGNITION_RUBRIC.criteria.map((c) => (
        <section key={c.id} className="nhsuk-u-margin-bottom-6">
          <h3>{c.title}</h3>
          <p className="nhsuk-body-s">{c.lookFor}</p>
          <Radios
            name={scoreField(c.id)}
            legend={`Score for "${c.title}"`}
            legendSize="s"
            small
            error={errors[scoreField(c.id)]}
            value={scores[c.id]?.score ?? ""}
            onChange={(value) => set(c.id, { score: value })}
            options={RUBRIC_SCORES.map((s) => ({
              value: String(s),
              label: `${s} – ${RUBRIC_SCORE_LABELS[s]}`,
              hint: c.descriptors[s],
            }))}
          />
          <Textarea
            id={feedbackField(c.id)}
            label={`Feedback on "${c.title}"`}
            hint="Needed when you score below 2: say what the team needs to show."
            error={errors[feedbackField(c.id)]}
            value={scores[c.id]?.feedback ?? ""}
            onChange={(value) => set(c.id, { feedback: value })}
            rows={3}
          />
        </section>
      ))}
      <h2>Your decision</h2>
      <Radios
        name="outcome"
        legend="Overall outcome"
        error={errors.outcome}
        value={outcome}
        onChange={(value) => setOutcome(value === "refer" ? "refer" : "pass")}
        options={[
          { value: "pass", label: "Recognise the project", hint: "Every criterion scores 2 or more." },
          {
            value: "refer",
            label: "Refer back",
            hint: "At least one criterion scores below 2. The team revises the write-up and submits again.",
          },
        ]}
      />
      <CharacterCount
        id="feedback"
        label="Overall feedback for the team"
        labelSize="s"
        hint="Needed when you refer back."
        error={errors.feedback}
        value={feedback}
        onChange={setFeedback}
        maxLength={RECOGNITION_TEXT_MAX}
        rows={5}
      />
      <Button busy={decide.isPending}>Record decision</Button>
    </form>
  );
}

/** /assessment/case-studies/:submissionId: the frozen case study read-only, the rubric form, earlier versions. */
export function CaseStudyAssessPage() {
  const { submissionId = "" } = useParams();
  const query = useCaseStudySubmission(submissionId);
  usePageTitle("Assess a case study");
  if (query.isPending) return <LoadingPage title="Assess a case study" />;
  if (query.isError) return <ProblemPage title="Assess a case study" message={query.error.message} />;
  const submission = query.data;
  const document = parseCaseStudy(submission.document);
  return (
    <>
      <BackLink to="/assessment/case-studies">Case studies for recognition</BackLink>
      <span className="nhsuk-caption-l">
        Version {submission.version}, submitted {formatDate(submission.submittedAt)}
      </span>
      <h1>{document?.project.title ?? "Case study"}</h1>
      <p>
        <RecognitionStatusTag status={submission.status} /> Rubric version {submission.rubricVersion}.{" "}
        <a href={`${caseStudyPath(submission.submissionId)}/pdf`} download>
          Download the case study (PDF)
        </a>
      </p>
      {submission.reason && submission.status === "awaiting_assessment" ? (
        <InsetText>
          <p>{submission.reason}</p>
        </InsetText>
      ) : null}
      {document ? <CaseStudyView document={document} showTeam /> : <p>This case study could not be shown.</p>}
      {submission.decision ? (
        <>
          <h2>Decision</h2>
          <DecisionRecord decision={submission.decision} caption="Scores" />
        </>
      ) : null}
      {submission.earlierVersions.length > 0 ? (
        <>
          <h2>Earlier versions</h2>
          {submission.earlierVersions.map((v) => (
            <Details key={v.id}>
              <Details.Summary>
                Version {v.version}, submitted {formatDate(v.submittedAt)}
              </Details.Summary>
              <Details.Text>
                {v.decision ? (
                  <DecisionRecord decision={v.decision} caption={`Scores for version ${v.version}`} />
                ) : (
                  <p>Not decided.</p>
                )}
              </Details.Text>
            </Details>
          ))}
        </>
      ) : null}
      {submission.canDecide ? <DecisionForm submission={submission} /> : null}
      <p>
        <Link to="/case-studies/rubric">Read the published rubric</Link>
      </p>
    </>
  );
}
