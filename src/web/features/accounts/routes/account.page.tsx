import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { ROLE_LABELS, SECTOR_LABELS } from "../../../../shared/accounts";
import { ProgressVisibilitySchema } from "../../../../shared/learner-admin";
import { Button } from "../../../components/button";
import { ErrorSummary } from "../../../components/error-summary";
import { SummaryList, Tag, WarningCallout } from "../../../components/nhs";
import { LoadingPage } from "../../../components/page-state";
import { apiRequest } from "../../../lib/api-client";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useTeamChoices } from "../../../lib/teams";
import { useMe } from "../../../lib/use-me";
import { useSignOutEverywhere } from "../api/sign-out-everywhere";
import { describeOrganisation, formatEsr } from "../components/account-labels";

function change(to: string, what: string, text = "Change") {
  return (
    <SummaryList.Action asElement={Link} to={to} visuallyHiddenText={what}>
      {text}
    </SummaryList.Action>
  );
}

/** /account: everything we hold about the signed-in person, each with a way to change it. */
export function AccountPage() {
  usePageTitle("My account");
  const navigate = useNavigate();
  const { data: me } = useMe();
  const signOutEverywhere = useSignOutEverywhere();
  const team = useTeamChoices(null);
  const visibility = useQuery({
    queryKey: ["learner-admin", "visibility"],
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/me/progress-visibility", { schema: ProgressVisibilitySchema, signal }),
  });

  if (!me) return <LoadingPage title="My account" />;

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-two-thirds">
        {signOutEverywhere.isError ? (
          <ErrorSummary errors={[{ message: signOutEverywhere.error.message }]} />
        ) : null}
        <h1>My account</h1>

        {me.certificateNameConfirmed ? null : (
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">
              Check the name that will appear on your certificates
            </WarningCallout.Heading>
            <p>
              Your certificates will show the name <strong>{me.certificateName}</strong>. Check it is right,
              with any accents, before you start an accredited course.
            </p>
            <p>
              <Link to="/account/certificate-name">Check the name on your certificates</Link>
            </p>
          </WarningCallout>
        )}

        {me.emailVerified ? null : (
          <WarningCallout>
            <WarningCallout.Heading headingLevel="h2">Confirm your email address</WarningCallout.Heading>
            <p>
              We sent a link to {me.email} when you created your account. Select it to confirm your address.
            </p>
            <p>
              <Link to="/resend-verification">Resend the link</Link>
            </p>
          </WarningCallout>
        )}

        <h2>Your details</h2>
        <SummaryList>
          <SummaryList.Row>
            <SummaryList.Key>Name</SummaryList.Key>
            <SummaryList.Value>
              {me.givenName} {me.familyName}
            </SummaryList.Value>
            {change("/account/name", "name")}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Name on certificates</SummaryList.Key>
            <SummaryList.Value>
              {me.certificateName}
              {me.certificateNameConfirmed ? null : (
                <>
                  <br />
                  <Tag modifier="orange">Not checked yet</Tag>
                </>
              )}
            </SummaryList.Value>
            {change(
              "/account/certificate-name",
              "name on certificates",
              me.certificateNameConfirmed ? "Change" : "Check",
            )}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Email address</SummaryList.Key>
            <SummaryList.Value className="app-break-anywhere">
              {me.email}
              <br />
              {me.emailVerified ? (
                <Tag modifier="green">Confirmed</Tag>
              ) : (
                <Tag modifier="orange">Not confirmed</Tag>
              )}
              {me.pendingEmail ? (
                <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                  Pending change to {me.pendingEmail}: check that inbox for a link to confirm it.
                </p>
              ) : null}
              {me.emailVerified ? null : (
                <p className="nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
                  <Link to="/resend-verification">Resend the link</Link>
                </p>
              )}
            </SummaryList.Value>
            {change("/account/email", "email address")}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Password</SummaryList.Key>
            <SummaryList.Value>Hidden</SummaryList.Value>
            {change("/account/password", "password")}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Sector</SummaryList.Key>
            <SummaryList.Value>{SECTOR_LABELS[me.sector]}</SummaryList.Value>
            {change("/account/organisation", "sector")}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Organisation</SummaryList.Key>
            <SummaryList.Value>{describeOrganisation(me)}</SummaryList.Value>
            {change("/account/organisation", "organisation")}
          </SummaryList.Row>
          {me.organisation ? (
            <SummaryList.Row>
              <SummaryList.Key>Team</SummaryList.Key>
              <SummaryList.Value>
                {team.data ? (team.data.team?.name ?? "No team") : "Loading…"}
              </SummaryList.Value>
              {change("/account/team", "your team")}
            </SummaryList.Row>
          ) : null}
          <SummaryList.Row>
            <SummaryList.Key>Job role</SummaryList.Key>
            <SummaryList.Value>{me.jobRole ?? "Not given"}</SummaryList.Value>
            {change("/account/job-role", "job role")}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>ESR assignment number</SummaryList.Key>
            <SummaryList.Value>{formatEsr(me.esrNumber)}</SummaryList.Value>
            {change("/account/esr", "ESR assignment number")}
          </SummaryList.Row>
          <SummaryList.Row>
            <SummaryList.Key>Roles</SummaryList.Key>
            <SummaryList.Value>
              {me.roles.length === 0 ? (
                "Learner"
              ) : (
                <ul className="nhsuk-list nhsuk-u-margin-bottom-0">
                  {me.roles.map((grant) => (
                    <li key={grant.id}>
                      <Tag modifier="blue">{ROLE_LABELS[grant.role]}</Tag>
                      {grant.organisationName ? ` for ${grant.organisationName}` : null}
                    </li>
                  ))}
                </ul>
              )}
            </SummaryList.Value>
          </SummaryList.Row>
        </SummaryList>

        <h2>Who can see your progress</h2>
        {visibility.data ? (
          visibility.data.organisations.length === 0 ? (
            <p>No learner administrators can see your progress at the moment.</p>
          ) : (
            <>
              <p>
                Learner administrators for these organisations can see your progress on QI Academy courses:
              </p>
              <ul>
                {visibility.data.organisations.map((o) => (
                  <li key={o.id}>{o.name}</li>
                ))}
              </ul>
            </>
          )
        ) : (
          <p aria-live="polite">{visibility.isError ? visibility.error.message : "Loading…"}</p>
        )}

        <h2>Learner administrator access</h2>
        <p>
          Learner administrators see progress reports for their organisation and the teams below it.{" "}
          <Link to="/account/learner-administrator">Apply for or manage learner administrator access</Link>
        </p>

        <h2>Sign out of all devices</h2>
        <p>
          If you signed in on a shared or lost device, you can sign out everywhere. You will need to sign in
          again on this device too.
        </p>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (signOutEverywhere.isPending) return;
            signOutEverywhere.mutate(undefined, {
              onSuccess: () =>
                navigate("/sign-in", { state: flash("You have been signed out on all your devices") }),
            });
          }}
        >
          <Button variant="secondary" busy={signOutEverywhere.isPending}>
            Sign out of all devices
          </Button>
        </form>
      </div>
    </div>
  );
}
