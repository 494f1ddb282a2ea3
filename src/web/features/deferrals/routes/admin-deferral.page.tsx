import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { ACCESS_MONTHS, LEVEL_LABELS } from "../../../../shared/catalogue";
import {
  type AdminDeferral,
  DEFERRAL_TEXT_MAX,
  DeferralDeclineSchema,
  DeferralMessageCreateSchema,
} from "../../../../shared/deferrals";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { DateInput, type DateParts, emptyDateParts, isoDateFrom } from "../../../components/date-input";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList, Tag } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { validateFields } from "../../../lib/form-errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  useAdminDeferral,
  useApproveDeferral,
  useDeclineDeferral,
  useMessageLearner,
} from "../api/admin-deferrals";
import { DeferralMessages } from "../components/deferral-messages";
import { DEFERRAL_STATUS_TAGS } from "../components/deferral-words";
import "../components/deferrals.css";

type Announce = (heading: string, body?: string) => void;

function MessageForm({ request, announce }: { request: AdminDeferral; announce: Announce }) {
  const send = useMessageLearner(request.id);
  const [body, setBody] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["body"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      showFieldErrors(validateFields({ body: [DeferralMessageCreateSchema.shape.body, body] })) ||
      send.isPending
    )
      return;
    send.mutate(body.trim(), {
      onSuccess: () => {
        setBody("");
        announce("Message sent", `We have emailed it to ${request.learner.name}.`);
      },
      onError: showFailure,
    });
  };
  return (
    <>
      <h2>Write to the learner</h2>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <CharacterCount
          id="body"
          label="Your message"
          labelSize="s"
          hint="For example, ask for a medical certificate. We email it to the learner, who can reply on their request page."
          value={body}
          onChange={setBody}
          error={errors.body}
          maxLength={DEFERRAL_TEXT_MAX}
          rows={4}
        />
        <Button variant="secondary" busy={send.isPending}>
          Send message
        </Button>
      </form>
    </>
  );
}

function ApproveForm({ request, announce }: { request: AdminDeferral; announce: Announce }) {
  const approve = useApproveDeferral(request.id);
  const [resumesOn, setResumesOn] = useState<DateParts>(emptyDateParts);
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["resumesOn"]);
  const months = ACCESS_MONTHS[request.course.level];
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const date = isoDateFrom(resumesOn, "the new start date");
    if (showFieldErrors(date.error ? { resumesOn: date.error } : {}) || !date.date || approve.isPending)
      return;
    approve.mutate(date.date, {
      onSuccess: (decided) =>
        announce(
          "Deferral approved",
          `The course starts again on ${formatDate(decided.enrolment.startsAt)} and access ends on ${formatDate(decided.enrolment.expiresAt)}. We have emailed ${request.learner.name} the dates.`,
        ),
      onError: showFailure,
    });
  };
  return (
    <>
      <h3>Approve</h3>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <DateInput
          id="resumesOn"
          legend="When should the course start again?"
          hint={`From today, up to 12 months ahead. The learner gets a full new access period of ${months} months from this date. For example, 2 3 2027`}
          value={resumesOn}
          onChange={setResumesOn}
          error={errors.resumesOn}
        />
        <Button busy={approve.isPending}>Approve deferral</Button>
      </form>
    </>
  );
}

function DeclineForm({ request, announce }: { request: AdminDeferral; announce: Announce }) {
  const decline = useDeclineDeferral(request.id);
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["reason"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      showFieldErrors(validateFields({ reason: [DeferralDeclineSchema.shape.reason, reason] })) ||
      decline.isPending
    )
      return;
    decline.mutate(reason.trim(), {
      onSuccess: () =>
        announce(
          "Request declined",
          `We have emailed ${request.learner.name} your reason. Their course carries on.`,
        ),
      onError: showFailure,
    });
  };
  return (
    <>
      <h3>Decline</h3>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <CharacterCount
          id="reason"
          label="Why are you declining the request?"
          labelSize="s"
          hint="We email this to the learner."
          value={reason}
          onChange={setReason}
          error={errors.reason}
          maxLength={DEFERRAL_TEXT_MAX}
          rows={3}
        />
        <Button variant="warning" busy={decline.isPending}>
          Decline request
        </Button>
      </form>
    </>
  );
}

function RequestDetails({ request }: { request: AdminDeferral }) {
  usePageTitle(`Deferral request from ${request.learner.name}`);
  const [announcement, setAnnouncement] = useState<{ heading: string; body?: string; n: number } | null>(
    null,
  );
  const announce: Announce = (heading, body) =>
    setAnnouncement((a) => ({ heading, ...(body ? { body } : {}), n: (a?.n ?? 0) + 1 }));
  const tag = DEFERRAL_STATUS_TAGS[request.status];
  return (
    <>
      <BackLink to="/admin/deferrals">Deferral requests</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {announcement ? (
            <NotificationBanner key={announcement.n} heading={announcement.heading}>
              {announcement.body ? <p>{announcement.body}</p> : null}
            </NotificationBanner>
          ) : null}
          <span className="nhsuk-caption-l">Deferral request</span>
          <h1>{request.learner.name}</h1>
          <p>
            <Tag modifier={tag.modifier}>{tag.text}</Tag>
          </p>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Email address</SummaryList.Key>
              <SummaryList.Value className="app-break-anywhere">{request.learner.email}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Organisation</SummaryList.Key>
              <SummaryList.Value>{request.organisationName ?? "None given"}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Course</SummaryList.Key>
              <SummaryList.Value>
                {request.course.title}
                <br />
                {LEVEL_LABELS[request.course.level]}, {request.course.programmeTitle}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Reason</SummaryList.Key>
              <SummaryList.Value>
                <span className="app-pre-wrap">{request.reason}</span>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Asked on</SummaryList.Key>
              <SummaryList.Value>{formatDateTime(request.requestedAt)}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>
                {request.enrolment.state === "deferred" ? "Starts again on" : "Course started"}
              </SummaryList.Key>
              <SummaryList.Value>{formatDate(request.enrolment.startsAt)}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Access ends</SummaryList.Key>
              <SummaryList.Value>{formatDate(request.enrolment.expiresAt)}</SummaryList.Value>
            </SummaryList.Row>
            {request.status === "pending" ? (
              <SummaryList.Row>
                <SummaryList.Key>Could ask until</SummaryList.Key>
                <SummaryList.Value>{formatDate(request.windowDeadline)}</SummaryList.Value>
              </SummaryList.Row>
            ) : (
              <SummaryList.Row>
                <SummaryList.Key>Decided</SummaryList.Key>
                <SummaryList.Value>
                  {request.decidedAt ? formatDateTime(request.decidedAt) : ""}
                  {request.decidedByName ? ` by ${request.decidedByName}` : ""}
                  {request.decisionNote ? (
                    <p className="app-pre-wrap nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                      {request.decisionNote}
                    </p>
                  ) : null}
                </SummaryList.Value>
              </SummaryList.Row>
            )}
          </SummaryList>

          <h2>Messages</h2>
          <DeferralMessages messages={request.messages} learnerLabel={() => request.learner.name} />
          {request.status === "pending" ? (
            <>
              <MessageForm request={request} announce={announce} />
              <h2>Decision</h2>
              <ApproveForm request={request} announce={announce} />
              <DeclineForm request={request} announce={announce} />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /admin/deferrals/:id: one request with its messages; write to the learner, approve with a date or decline. */
export function AdminDeferralPage() {
  const { id = "" } = useParams();
  const request = useAdminDeferral(id);
  if (request.isPending) return <LoadingPage title="Deferral request" />;
  if (request.isError) {
    const notFound = isApiError(request.error, 404) || isApiError(request.error, 400);
    return (
      <ProblemPage
        title={notFound ? "Request not found" : "Sorry, there is a problem"}
        message={request.error.message}
      >
        <p>
          <Link to="/admin/deferrals">Go to deferral requests</Link>
        </p>
      </ProblemPage>
    );
  }
  return <RequestDetails request={request.data} />;
}
