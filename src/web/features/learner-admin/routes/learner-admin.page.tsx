import { useState } from "react";
import { Link } from "react-router";
import { type Access, type Application, OPEN_APPLICATION_STATUSES } from "../../../../shared/learner-admin";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { InsetText, SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useLearnerAdminOverview, useResend, useWithdraw } from "../api/learner-admin";
import { APPLICATION_STATUS_TAGS } from "../components/learner-admin-words";
import { NomineesTable } from "../components/nominees-table";

const TITLE = "Learner administrator access";

type Announce = (heading: string, body?: string) => void;

function AccessList({ access }: { access: Access[] }) {
  return (
    <SummaryList>
      {access.map((a) => (
        <SummaryList.Row key={a.roleId}>
          <SummaryList.Key>{a.organisation.name}</SummaryList.Key>
          <SummaryList.Value>
            {a.expiresAt ? `Until ${formatDate(a.expiresAt)}` : "Does not end"}
            {a.renewalOpen ? (
              <>
                <br />
                <Tag modifier="orange">Ending soon</Tag>
                <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                  <Link
                    to={`/account/learner-administrator/apply?organisationId=${encodeURIComponent(a.organisation.id)}`}
                  >
                    Renew access<span className="nhsuk-u-visually-hidden"> for {a.organisation.name}</span>
                  </Link>
                </p>
              </>
            ) : null}
          </SummaryList.Value>
          <SummaryList.Action
            asElement={Link}
            to={`/account/learner-administrator/access/${encodeURIComponent(a.roleId)}/give-up`}
            visuallyHiddenText={`access for ${a.organisation.name}`}
          >
            Give up
          </SummaryList.Action>
        </SummaryList.Row>
      ))}
    </SummaryList>
  );
}

function OpenActions({ application, announce }: { application: Application; announce: Announce }) {
  const resend = useResend(application.id);
  const withdraw = useWithdraw(application.id);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const pending = application.nominees.filter((n) => n.status === "pending");
  return (
    <>
      {resend.isError ? <RequestErrorSummary error={resend.error} /> : null}
      {withdraw.isError ? <RequestErrorSummary error={withdraw.error} /> : null}
      {application.status === "awaiting_nominees" && pending.length > 0 ? (
        <ul className="nhsuk-list">
          {pending.map((n) => (
            <li key={n.id}>
              <Button
                variant="secondary"
                small
                type="button"
                busy={resend.isPending}
                onClick={() =>
                  resend.mutate(n.id, {
                    onSuccess: () =>
                      announce(
                        "Email sent again",
                        `We have sent ${n.name} a new link. The old link no longer works.`,
                      ),
                  })
                }
              >
                Send {n.name} the email again
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {confirmWithdraw ? (
        <WarningCallout>
          <WarningCallout.Heading headingLevel="h4">Withdraw this application?</WarningCallout.Heading>
          <p>Your nominees' links will stop working. You can apply again later.</p>
          <Button
            variant="warning"
            type="button"
            busy={withdraw.isPending}
            onClick={() =>
              withdraw.mutate(undefined, {
                onSuccess: () => announce("Application withdrawn", "Your nominees' links no longer work."),
              })
            }
          >
            Yes, withdraw the application
          </Button>{" "}
          <Button variant="secondary" type="button" onClick={() => setConfirmWithdraw(false)}>
            No, keep it
          </Button>
        </WarningCallout>
      ) : (
        <Button variant="secondary" type="button" onClick={() => setConfirmWithdraw(true)}>
          Withdraw application
        </Button>
      )}
    </>
  );
}

function ApplicationCard({ application, announce }: { application: Application; announce: Announce }) {
  const tag = APPLICATION_STATUS_TAGS[application.status];
  const open = OPEN_APPLICATION_STATUSES.includes(application.status);
  return (
    <section className="nhsuk-u-margin-bottom-7" aria-labelledby={`application-${application.id}`}>
      <h3 id={`application-${application.id}`}>
        {application.kind === "renewal" ? "Renewal" : "Application"} for {application.organisation.name}
      </h3>
      <p>
        <Tag modifier={tag.modifier}>{tag.text}</Tag>
      </p>
      <SummaryList>
        <SummaryList.Row>
          <SummaryList.Key>Applied on</SummaryList.Key>
          <SummaryList.Value>{formatDate(application.createdAt)}</SummaryList.Value>
        </SummaryList.Row>
        <SummaryList.Row>
          <SummaryList.Key>Your reason</SummaryList.Key>
          <SummaryList.Value>
            <span className="app-pre-wrap">{application.reason}</span>
          </SummaryList.Value>
        </SummaryList.Row>
        {application.decidedAt ? (
          <SummaryList.Row>
            <SummaryList.Key>Decided on</SummaryList.Key>
            <SummaryList.Value>
              {formatDate(application.decidedAt)}
              {application.decisionReason ? (
                <p className="app-pre-wrap nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                  {application.decisionReason}
                </p>
              ) : null}
            </SummaryList.Value>
          </SummaryList.Row>
        ) : null}
      </SummaryList>
      <NomineesTable nominees={application.nominees} />
      {open ? <OpenActions application={application} announce={announce} /> : null}
    </section>
  );
}

/** /account/learner-administrator: my access with its end date, and where each application stands. */
export function LearnerAdminPage() {
  usePageTitle(TITLE);
  const overview = useLearnerAdminOverview();
  const [announcement, setAnnouncement] = useState<{ heading: string; body?: string; n: number } | null>(
    null,
  );
  const announce: Announce = (heading, body) =>
    setAnnouncement((a) => ({ heading, ...(body ? { body } : {}), n: (a?.n ?? 0) + 1 }));

  if (overview.isPending) return <LoadingPage title={TITLE} />;
  if (overview.isError) return <ProblemPage title={TITLE} message={overview.error.message} />;
  const { access, applications, cannotApply, organisations } = overview.data;
  const open = applications.filter((a) => OPEN_APPLICATION_STATUSES.includes(a.status));
  const past = applications.filter((a) => !OPEN_APPLICATION_STATUSES.includes(a.status));
  const canApplyMore = !cannotApply && organisations.length > 0;

  return (
    <>
      <BackLink to="/account">My account</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {announcement ? (
            <NotificationBanner key={announcement.n} heading={announcement.heading}>
              {announcement.body ? <p>{announcement.body}</p> : null}
            </NotificationBanner>
          ) : null}
          <h1>{TITLE}</h1>
          <p>
            Learner administrators see progress reports for their organisation and the teams below it. Access
            needs your line manager, your Caldicott Guardian or information governance lead, and your HR or
            learning and development lead to confirm, then a QI Academy administrator to approve. It lasts 12
            months.
          </p>

          <h2>Your access</h2>
          {access.length === 0 ? (
            <p>You do not have learner administrator access.</p>
          ) : (
            <AccessList access={access} />
          )}

          {cannotApply ? (
            <InsetText>
              <p>{cannotApply}</p>
            </InsetText>
          ) : canApplyMore ? (
            <p>
              <Link
                to="/account/learner-administrator/apply"
                className="nhsuk-button nhsuk-button--secondary"
              >
                Apply for access
              </Link>
            </p>
          ) : null}

          <h2>Open applications</h2>
          {open.length === 0 ? <p>You have no open applications.</p> : null}
          {open.map((a) => (
            <ApplicationCard key={a.id} application={a} announce={announce} />
          ))}

          {past.length > 0 ? (
            <>
              <h2>Past applications</h2>
              {past.map((a) => (
                <ApplicationCard key={a.id} application={a} announce={announce} />
              ))}
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
