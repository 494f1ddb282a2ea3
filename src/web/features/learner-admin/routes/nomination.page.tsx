import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import {
  LEARNER_ADMIN_TEXT_MAX,
  NOMINEE_ROLE_LABELS,
  NOMINEE_ROLE_PHRASES,
  type NominationAnswer,
  NominationDeclineSchema,
} from "../../../../shared/learner-admin";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { SummaryList } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { ConfirmationPanel } from "../../../components/panel";
import { isApiError } from "../../../lib/api-client";
import { validateFields } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAnswerNomination, useNomination } from "../api/learner-admin";

const TITLE = "Confirm a learner administrator application";

function Answered({ answer }: { answer: NominationAnswer }) {
  usePageTitle(answer.status === "confirmed" ? "Application confirmed" : "Application declined");
  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ConfirmationPanel
          title={answer.status === "confirmed" ? "Application confirmed" : "Application declined"}
        >
          Thank you. We have recorded your answer.
        </ConfirmationPanel>
        <h2>What happens next</h2>
        {answer.status === "confirmed" ? (
          <p>
            When all three people {answer.applicantName} named have confirmed, a QI Academy administrator will
            decide. You do not need to do anything else.
          </p>
        ) : (
          <p>
            The application has ended. We have emailed {answer.applicantName} to say so, with your reason if
            you gave one.
          </p>
        )}
      </div>
    </div>
  );
}

/** /nominations/respond?token=: a nominee sees who applied, for which organisation, as what and why, then answers. */
export function NominationPage() {
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const nomination = useNomination(token);
  const answer = useAnswerNomination();
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["reason"]);
  usePageTitle(TITLE, summary.length > 0);

  if (answer.data) return <Answered answer={answer.data} />;
  if (!token)
    return (
      <ProblemPage
        title="This link is not complete"
        message="Open the link from your email again. If you copied it, check you copied all of it."
      />
    );
  if (nomination.isPending) return <LoadingPage title={TITLE} />;
  if (nomination.isError) {
    const gone = isApiError(nomination.error, 410);
    const missing = isApiError(nomination.error, 404) || isApiError(nomination.error, 400);
    return (
      <ProblemPage
        title={
          gone
            ? "This link no longer works"
            : missing
              ? "This link is not valid"
              : "Sorry, there is a problem"
        }
        message={
          missing
            ? "Check you opened the whole link from your email. If you were sent a newer email, use the link in that one."
            : nomination.error.message
        }
      />
    );
  }
  const n = nomination.data;
  const decline = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      showFieldErrors(validateFields({ reason: [NominationDeclineSchema.shape.reason, reason] })) ||
      answer.isPending
    )
      return;
    answer.mutate({ token, status: "declined", reason: reason.trim() }, { onError: showFailure });
  };

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        <ErrorSummary errors={summary} />
        <h1>{TITLE}</h1>
        <p>
          {n.applicantName} has applied {n.kind === "renewal" ? "to renew their" : "for"} learner
          administrator access on QI Academy and named you, {n.nomineeName}, as their{" "}
          {NOMINEE_ROLE_PHRASES[n.nomineeRole]}.
        </p>
        <p>
          Learner administrators can see the names, email addresses, ESR numbers and learning progress of
          everyone in the organisation and the teams below it. Confirm only if this person needs that for
          their job.
        </p>
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Who applied</SummaryList.Key>
            <SummaryList.Value>
              {n.applicantName}
              <br />
              <span className="app-break-anywhere">{n.applicantEmail}</span>
              {n.applicantJobRole ? (
                <>
                  <br />
                  {n.applicantJobRole}
                </>
              ) : null}
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Organisation</SummaryList.Key>
            <SummaryList.Value>{n.organisationName}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>You are named as</SummaryList.Key>
            <SummaryList.Value>{NOMINEE_ROLE_LABELS[n.nomineeRole]}</SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Their reason</SummaryList.Key>
            <SummaryList.Value>
              <span className="app-pre-wrap">{n.reason}</span>
            </SummaryList.Value>
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>This link works until</SummaryList.Key>
            <SummaryList.Value>{formatDate(n.linkExpiresAt)}</SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>

        <h2>Confirm</h2>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (answer.isPending) return;
            answer.mutate({ token, status: "confirmed" }, { onError: showFailure });
          }}
        >
          <Button busy={answer.isPending}>Confirm</Button>
        </form>

        <h2>Decline</h2>
        <p>
          If you do not know this person, or they do not need this access, decline. The application then ends.
        </p>
        <form noValidate onSubmit={decline}>
          <CharacterCount
            id="reason"
            label="Why are you declining? (optional)"
            labelSize="s"
            hint="We email this to the person who applied."
            value={reason}
            onChange={setReason}
            error={errors.reason}
            maxLength={LEARNER_ADMIN_TEXT_MAX}
            rows={3}
          />
          <Button variant="warning" busy={answer.isPending}>
            Decline
          </Button>
        </form>
      </div>
    </div>
  );
}
