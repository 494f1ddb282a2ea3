import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import {
  AccessRevokeSchema,
  type AdminApplication,
  ApplicationApproveSchema,
  ApplicationRejectSchema,
  LEARNER_ADMIN_TEXT_MAX,
} from "../../../../shared/learner-admin";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
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
import { useAdminApplication, useDecide, useRevoke } from "../api/learner-admin";
import { APPLICATION_STATUS_TAGS } from "../components/learner-admin-words";
import { NomineesTable } from "../components/nominees-table";

type Announce = (heading: string, body?: string) => void;

function ReasonForm({
  id,
  heading,
  label,
  hint,
  button,
  variant,
  required,
  schema,
  busy,
  onSubmit,
}: {
  id: string;
  heading?: string;
  label: string;
  hint: string;
  button: string;
  variant: "primary" | "warning";
  required: boolean;
  schema: typeof ApplicationRejectSchema.shape.reason | typeof ApplicationApproveSchema.shape.reason;
  busy: boolean;
  onSubmit: (reason: string, showFailure: (error: unknown) => void) => void;
}) {
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors([id]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (showFieldErrors(validateFields({ [id]: [schema, reason] })) || busy) return;
    onSubmit(reason.trim(), showFailure);
  };
  return (
    <>
      {heading ? <h3>{heading}</h3> : null}
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <CharacterCount
          id={id}
          label={required ? label : `${label} (optional)`}
          labelSize="s"
          hint={hint}
          value={reason}
          onChange={setReason}
          error={errors[id]}
          maxLength={LEARNER_ADMIN_TEXT_MAX}
          rows={3}
        />
        <Button variant={variant} busy={busy}>
          {button}
        </Button>
      </form>
    </>
  );
}

function Decision({ application, announce }: { application: AdminApplication; announce: Announce }) {
  const decide = useDecide(application.id);
  return (
    <>
      <h2>Decision</h2>
      <ReasonForm
        id="approveNote"
        heading="Approve"
        label="A note for the applicant"
        hint="We email the applicant either way. Access lasts 12 months from today."
        button="Approve application"
        variant="primary"
        required={false}
        schema={ApplicationApproveSchema.shape.reason}
        busy={decide.isPending}
        onSubmit={(reason, showFailure) =>
          decide.mutate(
            { kind: "approve", reason },
            {
              onSuccess: (decided) =>
                announce(
                  "Application approved",
                  `${application.applicant.name} has learner administrator access for ${application.organisation.name}${decided.access?.expiresAt ? ` until ${formatDate(decided.access.expiresAt)}` : ""}. We have emailed them.`,
                ),
              onError: showFailure,
            },
          )
        }
      />
      <ReasonForm
        id="rejectReason"
        heading="Reject"
        label="Why are you rejecting the application?"
        hint="We email this to the applicant."
        button="Reject application"
        variant="warning"
        required
        schema={ApplicationRejectSchema.shape.reason}
        busy={decide.isPending}
        onSubmit={(reason, showFailure) =>
          decide.mutate(
            { kind: "reject", reason },
            {
              onSuccess: () =>
                announce(
                  "Application rejected",
                  `We have emailed ${application.applicant.name} your reason.`,
                ),
              onError: showFailure,
            },
          )
        }
      />
    </>
  );
}

function Revoke({
  application,
  roleId,
  announce,
}: {
  application: AdminApplication;
  roleId: string;
  announce: Announce;
}) {
  const revoke = useRevoke();
  return (
    <>
      <h2>Revoke access</h2>
      <p>Access ends at once, on every device. The learner administrator is emailed your reason.</p>
      <ReasonForm
        id="revokeReason"
        label="Why are you revoking access?"
        hint="For example, they have left the organisation."
        button="Revoke access"
        variant="warning"
        required
        schema={AccessRevokeSchema.shape.reason}
        busy={revoke.isPending}
        onSubmit={(reason, showFailure) =>
          revoke.mutate(
            { roleId, reason },
            {
              onSuccess: () =>
                announce(
                  "Access revoked",
                  `${application.applicant.name} no longer has learner administrator access.`,
                ),
              onError: showFailure,
            },
          )
        }
      />
    </>
  );
}

function ApplicationDetails({ application }: { application: AdminApplication }) {
  usePageTitle(`Learner administrator application from ${application.applicant.name}`);
  const [announcement, setAnnouncement] = useState<{ heading: string; body?: string; n: number } | null>(
    null,
  );
  const announce: Announce = (heading, body) =>
    setAnnouncement((a) => ({ heading, ...(body ? { body } : {}), n: (a?.n ?? 0) + 1 }));
  const tag = APPLICATION_STATUS_TAGS[application.status];
  return (
    <>
      <BackLink to="/admin/learner-administrators">Learner administrator applications</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {announcement ? (
            <NotificationBanner key={announcement.n} heading={announcement.heading}>
              {announcement.body ? <p>{announcement.body}</p> : null}
            </NotificationBanner>
          ) : null}
          <span className="nhsuk-caption-l">
            {application.kind === "renewal"
              ? "Renewal of learner administrator access"
              : "Learner administrator application"}
          </span>
          <h1>{application.applicant.name}</h1>
          <p>
            <Tag modifier={tag.modifier}>{tag.text}</Tag>
          </p>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Email address</SummaryList.Key>
              <SummaryList.Value className="app-break-anywhere">
                {application.applicant.email}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Job role</SummaryList.Key>
              <SummaryList.Value>{application.applicant.jobRole ?? "Not given"}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Organisation</SummaryList.Key>
              <SummaryList.Value>{application.organisation.name}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Reason</SummaryList.Key>
              <SummaryList.Value>
                <span className="app-pre-wrap">{application.reason}</span>
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Applied on</SummaryList.Key>
              <SummaryList.Value>{formatDateTime(application.createdAt)}</SummaryList.Value>
            </SummaryList.Row>
            {application.decidedAt ? (
              <SummaryList.Row>
                <SummaryList.Key>Decided</SummaryList.Key>
                <SummaryList.Value>
                  {formatDateTime(application.decidedAt)}
                  {application.decidedByName ? ` by ${application.decidedByName}` : ""}
                  {application.decisionReason ? (
                    <p className="app-pre-wrap nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                      {application.decisionReason}
                    </p>
                  ) : null}
                </SummaryList.Value>
              </SummaryList.Row>
            ) : null}
            {application.status === "approved" ? (
              <SummaryList.Row>
                <SummaryList.Key>Access</SummaryList.Key>
                <SummaryList.Value>
                  {application.access?.active
                    ? application.access.expiresAt
                      ? `Active until ${formatDate(application.access.expiresAt)}`
                      : "Active"
                    : "Ended"}
                </SummaryList.Value>
              </SummaryList.Row>
            ) : null}
          </SummaryList>

          <NomineesTable nominees={application.nominees} />

          {application.status === "awaiting_decision" ? (
            <Decision application={application} announce={announce} />
          ) : null}
          {application.status === "approved" && application.access?.active ? (
            <Revoke application={application} roleId={application.access.roleId} announce={announce} />
          ) : null}
        </div>
      </div>
    </>
  );
}

/** /admin/learner-administrators/:id: one application with its nominees' answers; approve, reject or revoke. */
export function AdminApplicationPage() {
  const { id = "" } = useParams();
  const application = useAdminApplication(id);
  if (application.isPending) return <LoadingPage title="Learner administrator application" />;
  if (application.isError) {
    const notFound = isApiError(application.error, 404) || isApiError(application.error, 400);
    return (
      <ProblemPage
        title={notFound ? "Application not found" : "Sorry, there is a problem"}
        message={application.error.message}
      >
        <p>
          <Link to="/admin/learner-administrators">Go to learner administrator applications</Link>
        </p>
      </ProblemPage>
    );
  }
  return <ApplicationDetails application={application.data} />;
}
