import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  ASSESSMENT_TEXT_MAX,
  type SubmissionDetail,
  VerdictCreateSchema,
} from "../../../../shared/assessment";
import type { VerificationOutcome } from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { InsetText } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { validateFields } from "../../../lib/form-errors";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useVerdict, useVerificationSubmission } from "../api/verification";
import { JudgementTag, OutcomeTag } from "../components/assessment-words";
import { CriteriaAndEvidence, DecisionHistory, SubmissionHeader } from "../components/submission-view";
import "../components/assessment.css";

const FIELDS = ["outcome", "rationale"] as const;

function VerificationDetails({ submission }: { submission: SubmissionDetail }) {
  const navigate = useNavigate();
  const verdict = useVerdict(submission.id);
  const [outcome, setOutcome] = useState<VerificationOutcome | "">("");
  const [rationale, setRationale] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(FIELDS);
  usePageTitle(`Verify the decision on ${submission.learner.name}'s portfolio`, summary.length > 0);
  const review = submission.underReview;
  const judgementOf = new Map(review?.criteria.map((c) => [c.criterionId, c]) ?? []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (verdict.isPending) return;
    const fieldErrors = validateFields({
      outcome: [VerdictCreateSchema.shape.outcome, outcome],
      rationale: [VerdictCreateSchema.shape.rationale, rationale],
    });
    if (showFieldErrors(fieldErrors) || outcome === "") return;
    verdict.mutate(
      { outcome, rationale: rationale.trim() },
      {
        onSuccess: () =>
          navigate("/verification", {
            state:
              outcome === "confirmed"
                ? flash(
                    "Decision confirmed",
                    `The decision on ${submission.learner.name}'s portfolio now takes effect, and we have emailed them.`,
                  )
                : flash(
                    "Decision overturned",
                    `We have emailed ${submission.assessor?.name ?? "the assessor"} to read your rationale and decide again.`,
                  ),
          }),
        onError: showFailure,
      },
    );
  };

  return (
    <>
      <BackLink to="/verification">Internal verification</BackLink>
      <ErrorSummary errors={summary} />
      <SubmissionHeader submission={submission} />

      {review ? (
        <section>
          <h2>The decision under review</h2>
          <p>
            <OutcomeTag outcome={review.outcome} /> by {review.assessor?.name ?? "a former assessor"} on{" "}
            {formatDateTime(review.decidedAt)}
          </p>
          {review.feedback ? (
            <>
              <h3 className="nhsuk-heading-xs">Overall feedback to the learner</h3>
              <p className="app-pre-wrap">{review.feedback}</p>
            </>
          ) : null}
        </section>
      ) : (
        <InsetText>
          <p>Nothing on this version is waiting for internal verification.</p>
        </InsetText>
      )}
      {submission.actions.reason ? (
        <InsetText>
          <p>{submission.actions.reason}</p>
        </InsetText>
      ) : null}

      <DecisionHistory submission={submission} skip={review?.id} />

      <h2 className="nhsuk-u-margin-top-7">Criteria, evidence and the assessor's judgements</h2>
      <CriteriaAndEvidence
        submission={submission}
        extra={(criterion) => {
          const judgement = judgementOf.get(criterion.id);
          if (!judgement) return null;
          return (
            <div className="app-judgement">
              <p className="nhsuk-u-margin-bottom-2">
                Assessor's judgement: <JudgementTag decision={judgement.decision} />
              </p>
              {judgement.feedback ? <p className="app-pre-wrap">{judgement.feedback}</p> : null}
            </div>
          );
        }}
      />

      {submission.actions.verify ? (
        <form noValidate onSubmit={submit}>
          <h2>Your verdict</h2>
          <Radios
            name="outcome"
            legend="Do you confirm the assessor's decision?"
            error={errors.outcome}
            value={outcome}
            onChange={(value) => setOutcome(value === "overturned" ? "overturned" : "confirmed")}
            options={[
              {
                value: "confirmed",
                label: "Confirm the decision",
                hint: "It takes effect now and the learner is emailed.",
              },
              {
                value: "overturned",
                label: "Overturn the decision",
                hint: "It goes back to the assessor, who reads your rationale and decides again.",
              },
            ]}
          />
          <CharacterCount
            id="rationale"
            label="Your rationale"
            labelSize="s"
            hint="Say why, referring to the criteria and evidence. The assessor reads this."
            error={errors.rationale}
            value={rationale}
            onChange={setRationale}
            maxLength={ASSESSMENT_TEXT_MAX}
            rows={5}
          />
          <Button busy={verdict.isPending}>Record verdict</Button>
        </form>
      ) : null}
    </>
  );
}

/** /verification/:submissionId: the evidence with the sampled decision's judgements, and the verdict form. */
export function VerificationPage() {
  const { submissionId = "" } = useParams();
  const submission = useVerificationSubmission(submissionId);
  if (submission.isPending) return <LoadingPage title="Verify a decision" />;
  if (submission.isError) {
    const notFound = isApiError(submission.error, 404) || isApiError(submission.error, 400);
    return (
      <ProblemPage
        title={notFound ? "Submission not found" : "Sorry, there is a problem"}
        message={submission.error.message}
      >
        <p>
          <Link to="/verification">Go to internal verification</Link>
        </p>
      </ProblemPage>
    );
  }
  return <VerificationDetails submission={submission.data} />;
}
