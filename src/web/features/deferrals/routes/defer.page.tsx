import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import {
  DEFERRAL_TEXT_MAX,
  DeferralCreateSchema,
  DeferralMessageCreateSchema,
  type DeferralRequest,
  type LearnerDeferrals,
} from "../../../../shared/deferrals";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { InsetText, SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { validateFields } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAskToDefer, useLearnerDeferrals, useReplyToDeferral } from "../api/learner-deferrals";
import { DeferralMessages } from "../components/deferral-messages";
import { DEFERRAL_STATUS_TAGS } from "../components/deferral-words";
import "../components/deferrals.css";

const TITLE = "Ask to defer your course";

/** The course's dates as they stand: when it started (or starts again) and when access ends. */
function CourseDates({ view }: { view: LearnerDeferrals }) {
  const { enrolment } = view;
  return (
    <SummaryList>
      <SummaryList.Row>
        <SummaryList.Key>{enrolment.state === "deferred" ? "Starts again on" : "Started on"}</SummaryList.Key>
        <SummaryList.Value>{formatDate(enrolment.startsAt)}</SummaryList.Value>
      </SummaryList.Row>
      <SummaryList.Row>
        <SummaryList.Key>Access ends on</SummaryList.Key>
        <SummaryList.Value>{formatDate(enrolment.expiresAt)}</SummaryList.Value>
      </SummaryList.Row>
    </SummaryList>
  );
}

/** The learner's reply box on their pending request. */
function ReplyForm({ enrolmentId, requestId }: { enrolmentId: string; requestId: string }) {
  const reply = useReplyToDeferral(enrolmentId, requestId);
  const [body, setBody] = useState("");
  const [sent, setSent] = useState(0);
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["body"]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      showFieldErrors(validateFields({ body: [DeferralMessageCreateSchema.shape.body, body] })) ||
      reply.isPending
    )
      return;
    reply.mutate(body.trim(), {
      onSuccess: () => {
        setBody("");
        setSent((n) => n + 1);
      },
      onError: showFailure,
    });
  };
  return (
    <>
      {sent > 0 ? <NotificationBanner key={sent} heading="Message sent" /> : null}
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <CharacterCount
          id="body"
          label="Reply to QI Academy"
          labelSize="s"
          hint="An administrator will see your reply with your request."
          value={body}
          onChange={setBody}
          error={errors.body}
          maxLength={DEFERRAL_TEXT_MAX}
          rows={4}
        />
        <Button variant="secondary" busy={reply.isPending}>
          Send reply
        </Button>
      </form>
    </>
  );
}

/** One of the learner's requests: its status, reason, decision and messages. */
function RequestSummary({
  request,
  enrolmentId,
  headingLevel,
}: {
  request: DeferralRequest;
  enrolmentId: string;
  headingLevel: "h2" | "h3";
}) {
  const Heading = headingLevel;
  const tag = DEFERRAL_STATUS_TAGS[request.status];
  return (
    <section aria-labelledby={`request-${request.id}`}>
      <Heading id={`request-${request.id}`}>Your request of {formatDate(request.requestedAt)}</Heading>
      <p>
        <Tag modifier={tag.modifier}>{tag.text}</Tag>
      </p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Your reason</SummaryList.Key>
          <SummaryList.Value>
            <span className="app-pre-wrap">{request.reason}</span>
          </SummaryList.Value>
        </SummaryList.Row>
        {request.status === "approved" && request.resumesAt ? (
          <SummaryList.Row>
            <SummaryList.Key>Course starts again on</SummaryList.Key>
            <SummaryList.Value>{formatDate(request.resumesAt)}</SummaryList.Value>
          </SummaryList.Row>
        ) : null}
        {request.status === "declined" && request.decisionNote ? (
          <SummaryList.Row>
            <SummaryList.Key>Why it was declined</SummaryList.Key>
            <SummaryList.Value>
              <span className="app-pre-wrap">{request.decisionNote}</span>
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      {request.status === "pending" ? (
        <p>
          An administrator will decide. We will email you when they do, or if they need anything from you,
          such as a medical certificate.
        </p>
      ) : null}
      {request.messages.length > 0 || request.status === "pending" ? (
        <>
          <Heading className="nhsuk-heading-s">Messages</Heading>
          <DeferralMessages messages={request.messages} learnerLabel={() => "You"} />
        </>
      ) : null}
      {request.status === "pending" ? <ReplyForm enrolmentId={enrolmentId} requestId={request.id} /> : null}
    </section>
  );
}

/** The request form: why they need to defer, nothing else (evidence is never needed up front). */
function AskForm({ view, onSent }: { view: LearnerDeferrals; onSent: () => void }) {
  const ask = useAskToDefer(view.enrolment.id);
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["reason"]);
  usePageTitle(TITLE, summary.length > 0);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (
      showFieldErrors(validateFields({ reason: [DeferralCreateSchema.shape.reason, reason] })) ||
      ask.isPending
    )
      return;
    ask.mutate({ reason: reason.trim() }, { onSuccess: onSent, onError: showFailure });
  };
  return (
    <>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <CharacterCount
          id="reason"
          label="Why do you need to defer?"
          labelSize="m"
          hint="For example, illness, caring for someone, or a change in your job. You do not need to send any evidence now."
          value={reason}
          onChange={setReason}
          error={errors.reason}
          maxLength={DEFERRAL_TEXT_MAX}
          rows={6}
        />
        <Button busy={ask.isPending}>Send request</Button>
      </form>
    </>
  );
}

function DeferContent({ view }: { view: LearnerDeferrals }) {
  usePageTitle(TITLE);
  const [sent, setSent] = useState(false);
  const { enrolment, course, eligibility } = view;
  const pending = view.requests.find((r) => r.id === view.pendingRequestId) ?? null;
  const earlier = view.requests.filter((r) => r.id !== view.pendingRequestId);
  const coursePath = `/learning/${encodeURIComponent(enrolment.id)}`;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/my-learning", text: "My learning" },
          { to: coursePath, text: course.title },
        ]}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {sent ? (
            <NotificationBanner heading="Your request has been sent">
              <p>
                An administrator will decide. We will email you when they do, or if they need anything from
                you.
              </p>
            </NotificationBanner>
          ) : null}
          <span className="nhsuk-caption-l">{course.title}</span>
          <h1>{TITLE}</h1>

          {enrolment.state === "deferred" ? (
            <InsetText>
              <p>
                Your course is deferred. It starts again on {formatDate(enrolment.startsAt)}, and your access
                ends on {formatDate(enrolment.expiresAt)}.
              </p>
              <p>If you need a different start date, contact the QI Academy support team.</p>
            </InsetText>
          ) : null}
          <CourseDates view={view} />

          <p>
            If you find in the first 4 weeks of a Practitioner, Facilitator or Programme Manager course that
            you cannot carry on, you can ask to defer it.
          </p>
          <p>
            An administrator decides. If they agree, your course is paused and starts again on a date they
            set, with a full new access period. Your progress so far is kept.
          </p>
          <p>
            You do not need to send any evidence with your request. An administrator may ask you for
            something, such as a medical certificate. If they do, we will email you and you can reply on this
            page.
          </p>

          {pending ? (
            <RequestSummary request={pending} enrolmentId={enrolment.id} headingLevel="h2" />
          ) : eligibility.allowed ? (
            <>
              {eligibility.deadline ? (
                <p>
                  <strong>You can ask until {formatDate(eligibility.deadline)}.</strong>
                </p>
              ) : null}
              <AskForm view={view} onSent={() => setSent(true)} />
            </>
          ) : eligibility.code === "already_deferred" ? null : (
            <WarningCallout>
              <WarningCallout.Heading headingLevel="h2">
                You cannot ask to defer this course
              </WarningCallout.Heading>
              <p>{eligibility.message}</p>
            </WarningCallout>
          )}

          {earlier.length > 0 ? (
            <>
              <h2>Earlier requests</h2>
              {earlier.map((request) => (
                <RequestSummary
                  key={request.id}
                  request={request}
                  enrolmentId={enrolment.id}
                  headingLevel="h3"
                />
              ))}
            </>
          ) : null}

          <p>
            <Link to={coursePath}>Back to {course.title}</Link>
          </p>
        </div>
      </div>
    </>
  );
}

/** /learning/:enrolmentId/defer: the rule, the learner's requests and messages, and the request form. */
export function DeferPage() {
  const { enrolmentId = "" } = useParams();
  const view = useLearnerDeferrals(enrolmentId);
  if (view.isPending) return <LoadingPage title={TITLE} />;
  if (view.isError) {
    const notFound = isApiError(view.error, 404) || isApiError(view.error, 400);
    return (
      <ProblemPage
        title={notFound ? "Course not found" : "Sorry, there is a problem with the service"}
        message={
          notFound
            ? "This is not a course you are enrolled on. If you typed the web address, check it is correct."
            : view.error.message
        }
      >
        <p>
          <Link to="/my-learning">Go to My learning</Link>
        </p>
      </ProblemPage>
    );
  }
  return <DeferContent view={view.data} />;
}
