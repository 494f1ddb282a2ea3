import { type FormEvent, useState } from "react";
import { Link, Navigate, useNavigate } from "react-router";
import { Button } from "../../../components/button";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { emptyOrganisationChoice, OrganisationPicker } from "../../../components/organisation-picker";
import { ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useReportOrganisations } from "../api/reports";

const TITLE = "Reports";
const progressPath = (organisationId: string) => `/reports/${encodeURIComponent(organisationId)}/progress`;

/** Platform administrators may report on any organisation: they search the directory for it. */
function ChooseAnyOrganisation() {
  const navigate = useNavigate();
  const [choice, setChoice] = useState(emptyOrganisationChoice);
  const form = useFormErrors(["organisationId"]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!choice.organisationId) {
      form.showFieldErrors({ organisationId: "Search for the organisation and select it" });
      return;
    }
    navigate(progressPath(choice.organisationId));
  };
  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary errors={form.summary} />
      <OrganisationPicker
        legend="Which organisation's reports do you want to see?"
        hint="Reports include the organisation and every organisation below it."
        value={choice}
        onChange={setChoice}
        errors={form.errors}
        allowNotListed={false}
      />
      <Button>Continue</Button>
    </form>
  );
}

/** /reports: choose an organisation; a learner administrator of one organisation goes straight to its report. */
export function ReportsPage() {
  usePageTitle(TITLE);
  const reach = useReportOrganisations();
  if (reach.isError) {
    if (isApiError(reach.error, 403)) return <ProblemPage title={TITLE} message={reach.error.message} />;
    return (
      <>
        <h1>{TITLE}</h1>
        <RequestErrorSummary error={reach.error} />
      </>
    );
  }
  if (!reach.data)
    return (
      <>
        <h1>{TITLE}</h1>
        <p aria-live="polite">Loading…</p>
      </>
    );
  const only = reach.data.organisations[0];
  if (!reach.data.allOrganisations && reach.data.organisations.length === 1 && only)
    return <Navigate to={progressPath(only.id)} replace />;

  return (
    <>
      <h1>{TITLE}</h1>
      <p>
        See how learners are getting on: progress by learner and course, the engagement funnel, completions
        over time, access ending soon and counts by team. Downloads include an ESR-ready completions file.
      </p>
      {reach.data.allOrganisations ? (
        <ChooseAnyOrganisation />
      ) : (
        <>
          <h2 className="nhsuk-heading-m">Your organisations</h2>
          <ul className="nhsuk-list">
            {reach.data.organisations.map((o) => (
              <li key={o.id}>
                <Link to={progressPath(o.id)}>{o.name}</Link>
                {o.teams.length > 0 ? (
                  <span className="nhsuk-u-font-size-16">
                    {" "}
                    and {o.teams.length} {o.teams.length === 1 ? "organisation" : "organisations"} below it
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
