import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import {
  type AdminUser,
  ExpireUserSchema,
  ROLE_LABELS,
  ROLES,
  type Role,
  SECTOR_LABELS,
} from "../../../../shared/accounts";
import { Button } from "../../../components/button";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { SummaryList, Tag } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import {
  emptyOrganisationChoice,
  OrganisationPicker,
  validateOrganisationChoice,
} from "../../../components/organisation-picker";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Radios } from "../../../components/radios";
import { Textarea } from "../../../components/textarea";
import { isApiError } from "../../../lib/api-client";
import { type FieldErrors, validateFields } from "../../../lib/form-errors";
import { formatDate, formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useTeamChoices } from "../../../lib/teams";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useAdminUser } from "../api/admin-user";
import { useExpireUser } from "../api/expire-user";
import { useGrantRole } from "../api/grant-role";
import { useReactivateUser } from "../api/reactivate-user";
import { useRevokeRole } from "../api/revoke-role";

type Announce = (message: string) => void;

const ROLE_FIELDS = ["role", "organisationId"] as const;
const EXPIRE_FIELDS = ["reason"] as const;

function RolesSection({ user, announce }: { user: AdminUser; announce: Announce }) {
  const revoke = useRevokeRole(user.id);
  const grant = useGrantRole(user.id);
  const [role, setRole] = useState<Role | "">("");
  const [organisation, setOrganisation] = useState(emptyOrganisationChoice);
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(ROLE_FIELDS);

  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors: FieldErrors = role ? {} : { role: "Select a role" };
    if (role === "learner_admin") {
      Object.assign(fieldErrors, validateOrganisationChoice(organisation, true));
    }
    if (showFieldErrors(fieldErrors) || !role || grant.isPending) return;
    const body: { role: Role; organisationId?: string } = { role };
    if (role === "learner_admin" && organisation.organisationId)
      body.organisationId = organisation.organisationId;
    grant.mutate(body, {
      onSuccess: () => {
        announce(`${ROLE_LABELS[role]} role added`);
        setRole("");
        setOrganisation(emptyOrganisationChoice);
      },
      onError: showFailure,
    });
  };

  return (
    <>
      <h2>Roles</h2>
      <RequestErrorSummary error={revoke.error} />
      {user.roles.length === 0 ? (
        <p>This person has no roles.</p>
      ) : (
        <SummaryList>
          {user.roles.map((g) => (
            <SummaryList.Row key={g.id}>
              <SummaryList.Key>{ROLE_LABELS[g.role]}</SummaryList.Key>
              <SummaryList.Value>{g.organisationName ?? "All organisations"}</SummaryList.Value>
              <dd className="nhsuk-summary-list__actions">
                <form
                  noValidate
                  onSubmit={(event) => {
                    event.preventDefault();
                    if (revoke.isPending) return;
                    revoke.mutate(g.id, { onSuccess: () => announce(`${ROLE_LABELS[g.role]} role removed`) });
                  }}
                >
                  <Button
                    variant="secondary"
                    small
                    busy={revoke.isPending}
                    className="nhsuk-u-margin-bottom-0"
                  >
                    Remove<span className="nhsuk-u-visually-hidden"> {ROLE_LABELS[g.role]} role</span>
                  </Button>
                </form>
              </dd>
            </SummaryList.Row>
          ))}
        </SummaryList>
      )}

      <h3>Add a role</h3>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={add}>
        <Radios
          name="role"
          legend="Which role?"
          small
          options={ROLES.map((r) => ({
            value: r,
            label: ROLE_LABELS[r],
            ...(r === "learner_admin"
              ? {
                  hint: "Sees progress reports for one organisation and those below it",
                  conditional: (
                    <OrganisationPicker
                      legend="Which organisation?"
                      allowNotListed={false}
                      value={organisation}
                      onChange={setOrganisation}
                      errors={errors}
                    />
                  ),
                }
              : {}),
          }))}
          value={role}
          onChange={(value) => setRole(ROLES.find((r) => r === value) ?? "")}
          error={errors.role}
        />
        <Button variant="secondary" busy={grant.isPending}>
          Add role
        </Button>
      </form>
    </>
  );
}

function StatusSection({ user, announce }: { user: AdminUser; announce: Announce }) {
  const expire = useExpireUser(user.id);
  const reactivate = useReactivateUser(user.id);
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(EXPIRE_FIELDS);

  if (user.status === "expired") {
    return (
      <>
        <h2>Re-activate account</h2>
        <RequestErrorSummary error={reactivate.error} />
        <p>This account was expired{user.expiredReason ? `: ${user.expiredReason}` : "."}</p>
        <p>Re-activating lets this person sign in again.</p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (reactivate.isPending) return;
            reactivate.mutate(undefined, { onSuccess: () => announce("Account re-activated") });
          }}
        >
          <Button busy={reactivate.isPending}>Re-activate account</Button>
        </form>
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors = validateFields({ reason: [ExpireUserSchema.shape.reason, reason] });
    if (showFieldErrors(fieldErrors) || expire.isPending) return;
    expire.mutate(reason.trim(), {
      onSuccess: () => {
        setReason("");
        announce("Account expired");
      },
      onError: showFailure,
    });
  };

  return (
    <>
      <h2>Expire account</h2>
      <p>
        Expiring an account signs the person out everywhere and stops them signing in. You can re-activate it
        later.
      </p>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <Textarea
          id="reason"
          label="Why are you expiring this account?"
          hint="This is recorded in the audit log. Up to 500 characters."
          value={reason}
          onChange={setReason}
          error={errors.reason}
          rows={3}
        />
        <Button variant="warning" busy={expire.isPending}>
          Expire account
        </Button>
      </form>
    </>
  );
}

/** /admin/users/:id: one person's details, status and roles, with the actions an administrator can take. */
export function AdminUserPage() {
  const { id = "" } = useParams();
  const user = useAdminUser(id);
  const team = useTeamChoices(id);
  const [announcement, setAnnouncement] = useState<{ message: string; n: number } | null>(null);
  const name = user.data ? `${user.data.givenName} ${user.data.familyName}` : "User";
  usePageTitle(name);

  if (user.isPending) return <LoadingPage title="User" />;
  if (user.isError) {
    return (
      <>
        <BackLink to="/admin/users">Users</BackLink>
        <ProblemPage
          title={isApiError(user.error, 404) ? "User not found" : "Sorry, there is a problem"}
          message={user.error.message}
        />
      </>
    );
  }
  const u = user.data;
  const announce: Announce = (message) => setAnnouncement((a) => ({ message, n: (a?.n ?? 0) + 1 }));

  return (
    <>
      <BackLink to="/admin/users">Users</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {announcement ? <NotificationBanner key={announcement.n} heading={announcement.message} /> : null}
          <h1>{name}</h1>
          <SummaryList>
            <SummaryList.Row>
              <SummaryList.Key>Email address</SummaryList.Key>
              <SummaryList.Value className="app-break-anywhere">
                {u.email}
                <br />
                {u.emailVerified ? (
                  <Tag modifier="green">Confirmed</Tag>
                ) : (
                  <Tag modifier="orange">Not confirmed</Tag>
                )}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Status</SummaryList.Key>
              <SummaryList.Value>
                {u.status === "active" ? (
                  <Tag modifier="green">Active</Tag>
                ) : (
                  <Tag modifier="grey">Expired</Tag>
                )}
                {u.expiredReason ? (
                  <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">{u.expiredReason}</p>
                ) : null}
              </SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Sector</SummaryList.Key>
              <SummaryList.Value>{SECTOR_LABELS[u.sector]}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Organisation</SummaryList.Key>
              <SummaryList.Value>{u.organisationName ?? "None"}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Team</SummaryList.Key>
              <SummaryList.Value>
                {team.data ? (team.data.team?.name ?? "No team") : "Loading…"}
              </SummaryList.Value>
              <SummaryList.Action
                asElement={Link}
                to={`/admin/users/${encodeURIComponent(u.id)}/team`}
                visuallyHiddenText="team"
              >
                Change
              </SummaryList.Action>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Account created</SummaryList.Key>
              <SummaryList.Value>{formatDate(u.createdAt)}</SummaryList.Value>
            </SummaryList.Row>
            <SummaryList.Row>
              <SummaryList.Key>Last signed in</SummaryList.Key>
              <SummaryList.Value>
                {u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never"}
              </SummaryList.Value>
            </SummaryList.Row>
          </SummaryList>

          <p>
            <Link to={`/admin/users/${encodeURIComponent(u.id)}/scorm-attempts`}>SCORM attempts</Link>
          </p>
          <h2>CPD record and transcript</h2>
          <p>
            To help {name} when they cannot download their own. Each download is recorded in the audit log.
          </p>
          <ul className="nhsuk-list">
            <li>
              <a href={`/api/admin/users/${encodeURIComponent(u.id)}/cpd-record.pdf`} download>
                Download CPD record (PDF)
              </a>
            </li>
            <li>
              <a href={`/api/admin/users/${encodeURIComponent(u.id)}/cpd-record.csv`} download>
                Download CPD record (CSV)
              </a>
            </li>
            <li>
              <a href={`/api/admin/users/${encodeURIComponent(u.id)}/transcript.pdf`} download>
                Download transcript (PDF)
              </a>
            </li>
            <li>
              <a href={`/api/admin/users/${encodeURIComponent(u.id)}/transcript.csv`} download>
                Download transcript (CSV)
              </a>
            </li>
          </ul>
          <RolesSection user={u} announce={announce} />
          <StatusSection user={u} announce={announce} />
        </div>
      </div>
    </>
  );
}
