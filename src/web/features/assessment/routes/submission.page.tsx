import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import {
  ASSESSMENT_TEXT_MAX,
  checkDecision,
  criterionDecisionField,
  criterionFeedbackField,
  type DecisionResult,
  type SubmissionDetail,
} from "../../../../shared/assessment";
import type { AssessmentOutcome, CriterionDecision } from "../../../../shared/portfolios";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { InsetText, WarningCallout } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useMe } from "../../../lib/use-me";
import { useDecide, useSubmission } from "../api/submission";
import {
  CriteriaAndEvidence,
  DecisionHistory,
  SubmissionHeader,
  VerdictRecord,
} from "../components/submission-view";
import "../components/assessment.css";

type Judgements = Record<string, { decision: CriterionDecision | ""; feedback: string }>;

/** Where the viewer came from: assessors to their queue, verifiers to theirs, administrators to allocation. */
function useBackTo(): { to: string; text: string } {
  const { data: me } = useMe();
  const has = (role: string) => me?.roles.some((r) => r.role === role) ?? false;
  if (has("assessor")) return { to: "/assessment", text: "Assessment" };
  if (has("internal_verifier")) return { to: "/verification", text: "Internal verification" };
  return { to: "/admin/assessment", text: "Assessment allocation" };
}

/** What happened, for the banner on the queue. */
function outcomeWords(result: DecisionResult, learner: string): { heading: string; body: string } {
  if (result.sampled)
    return {
      heading: "Decision recorded",
      body: `Your decision on ${learner}'s portfolio has been sampled for internal verification. The learner will hear the outcome once a verifier has confirmed it.`,
    };
  return result.status === "passed"
    ? {
        heading: "Portfolio passed",
        body: `We have emailed ${learner} to tell them their portfolio has passed.`,
      }
    : {
        heading: "Portfolio referred back",
        body: `We have emailed ${learner} to read your feedback, revise their portfolio and resubmit it.`,
      };
}

function SubmissionDetails({ submission }: { submission: SubmissionDetail }) {
  const navigate = useNavigate();
  const back = useBackTo();
  const decide = useDecide(submission.id);
  const criteria = useMemo(
    () => submission.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria)),
    [submission.units],
  );
  const fields = useMemo(
    () => [
      ...criteria.flatMap((c) => [criterionDecisionField(c.id), criterionFeedbackField(c.id)]),
      "outcome",
      "feedback",
    ],
    [criteria],
  );
  const [judgements, setJudgements] = useState<Judgements>({});
  const [outcome, setOutcome] = useState<AssessmentOutcome | "">("");
  const [feedback, setFeedback] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(fields);
  usePageTitle(`${submission.learner.name}'s portfolio for assessment`, summary.length > 0);

  const judge = (id: string, change: Partial<Judgements[string]>) =>
    setJudgements((current) => ({
      ...current,
      [id]: { decision: "", feedback: "", ...current[id], ...change },
    }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (decide.isPending) return;
    const draft = {
      outcome,
      feedback,
      criteria: criteria.map((c) => ({
        criterionId: c.id,
        decision: judgements[c.id]?.decision ?? "",
        feedback: judgements[c.id]?.feedback ?? "",
      })),
    };
    const problems = checkDecision(draft, criteria);
    const fieldErrors: Record<string, string> = {};
    for (const p of problems) if (!(p.field in fieldErrors)) fieldErrors[p.field] = p.message;
    if (showFieldErrors(fieldErrors) || outcome === "") return;
    decide.mutate(
      {
        outcome,
        feedback: feedback.trim(),
        criteria: draft.criteria.map((c) => ({
          criterionId: c.criterionId,
          decision: c.decision === "" ? "met" : c.decision,
          feedback: c.feedback.trim(),
        })),
      },
      {
        onSuccess: (result) =>
          navigate("/assessment", {
            state: (() => {
              const words = outcomeWords(result, submission.learner.name);
              return flash(words.heading, words.body);
            })(),
          }),
        onError: showFailure,
      },
    );
  };

  const canDecide = submission.actions.decide;
  const body = (
    <>
      <h2 className="nhsuk-u-margin-top-7">Criteria and evidence</h2>
      <p>Each criterion is beside the evidence the learner offered against it.</p>
      <CriteriaAndEvidence
        submission={submission}
        extra={
          canDecide
            ? (criterion) => (
                <>
                  <Radios
                    name={criterionDecisionField(criterion.id)}
                    legend={`Is criterion ${criterion.code} met?`}
                    legendSize="s"
                    small
                    error={errors[criterionDecisionField(criterion.id)]}
                    value={judgements[criterion.id]?.decision ?? ""}
                    onChange={(value) =>
                      judge(criterion.id, { decision: value === "not_yet_met" ? "not_yet_met" : "met" })
                    }
                    options={[
                      { value: "met", label: "Met" },
                      { value: "not_yet_met", label: "Not yet met" },
                    ]}
                  />
                  <Textarea
                    id={criterionFeedbackField(criterion.id)}
                    label={`Feedback on ${criterion.code}`}
                    hint="Needed when the criterion is not yet met: say what the learner needs to show."
                    error={errors[criterionFeedbackField(criterion.id)]}
                    value={judgements[criterion.id]?.feedback ?? ""}
                    onChange={(value) => judge(criterion.id, { feedback: value })}
                    rows={3}
                  />
                </>
              )
            : undefined
        }
      />
    </>
  );

  return (
    <>
      <BackLink to={back.to}>{back.text}</BackLink>
      <ErrorSummary errors={summary} />
      <SubmissionHeader submission={submission} />

      {submission.overturnedBy ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h2">
            An internal verifier overturned the decision
          </WarningCallout.Heading>
          <VerdictRecord verification={submission.overturnedBy} />
          <p>
            Read their rationale, look at the evidence again and make a new decision. It will be verified too.
          </p>
        </WarningCallout>
      ) : null}
      {submission.underReview ? (
        <InsetText>
          <p>
            The decision on this version is waiting for internal verification. The learner hears the outcome
            once a verifier has confirmed it.
          </p>
        </InsetText>
      ) : null}
      {submission.actions.reason ? (
        <InsetText>
          <p>{submission.actions.reason}</p>
        </InsetText>
      ) : null}

      <DecisionHistory submission={submission} />

      {canDecide ? (
        <form noValidate onSubmit={submit}>
          {body}
          <h2>Your decision</h2>
          <Radios
            name="outcome"
            legend="Overall outcome"
            error={errors.outcome}
            value={outcome}
            onChange={(value) => setOutcome(value === "refer" ? "refer" : "pass")}
            options={[
              { value: "pass", label: "Pass", hint: "Every criterion is met." },
              {
                value: "refer",
                label: "Refer back",
                hint: "At least one criterion is not yet met. The learner revises their portfolio and resubmits it.",
              },
            ]}
          />
          <CharacterCount
            id="feedback"
            label="Overall feedback for the learner"
            labelSize="s"
            hint="Needed when you refer back. The learner reads this with your feedback on each criterion."
            error={errors.feedback}
            value={feedback}
            onChange={setFeedback}
            maxLength={ASSESSMENT_TEXT_MAX}
            rows={5}
          />
          <Button busy={decide.isPending}>Record decision</Button>
        </form>
      ) : (
        body
      )}
    </>
  );
}

/** /assessment/submissions/:id: the criteria beside the evidence, with the decision form for the allocated assessor. */
export function SubmissionPage() {
  const { id = "" } = useParams();
  const submission = useSubmission(id);
  if (submission.isPending) return <LoadingPage title="Portfolio for assessment" />;
  if (submission.isError) {
    const notFound = isApiError(submission.error, 404) || isApiError(submission.error, 400);
    return (
      <ProblemPage
        title={
          notFound
            ? "Submission not found"
            : isApiError(submission.error, 403)
              ? "You cannot see this submission"
              : "Sorry, there is a problem"
        }
        message={submission.error.message}
      >
        <p>
          <Link to="/assessment">Go to your assessment queue</Link>
        </p>
      </ProblemPage>
    );
  }
  return <SubmissionDetails submission={submission.data} />;
}
