import { type FormEvent, useState } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import {
  BENEFIT_STATUS_LABELS,
  BENEFIT_STATUSES,
  type BenefitStatus,
} from "../../../../shared/implementation";
import type { BenefitSummary } from "../../../../shared/implementation-benefits";
import { Button } from "../../../components/button";
import { RegistrationNav } from "../../../components/implementation-nav";
import { ActionLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { Select } from "../../../components/select";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useBenefitList } from "../api/benefits";
import { amountWords, BenefitStatusTag, benefitPaths, orderWords } from "../components/benefit-words";

const statusFrom = (value: string): BenefitStatus | "" => BENEFIT_STATUSES.find((s) => s === value) ?? "";

function Cell({ heading, children }: { heading: string; children: React.ReactNode }) {
  return (
    <td className="nhsuk-table__cell">
      <span className="nhsuk-table-responsive__heading" aria-hidden="true">
        {heading}{" "}
      </span>
      {children}
    </td>
  );
}

/** A table of benefits: title, team, area, order, forecast, realised and status. */
function BenefitsTable({ caption, benefits }: { caption: string; benefits: BenefitSummary[] }) {
  return (
    <table className="nhsuk-table-responsive">
      <caption className="nhsuk-table__caption nhsuk-table__caption--m">{caption}</caption>
      <thead className="nhsuk-table__head">
        <tr>
          {["Benefit", "Team", "Area", "Cashable", "Forecast", "Realised", "Status"].map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="nhsuk-table__body">
        {benefits.map((b) => (
          <tr className="nhsuk-table__row" key={b.id}>
            <Cell heading="Benefit">
              <Link to={benefitPaths.benefit(b.id)}>{b.title}</Link>
            </Cell>
            <Cell heading="Team">{b.team.name}</Cell>
            <Cell heading="Area">{b.area.label}</Cell>
            <Cell heading="Cashable">{orderWords(b.cashable, b.cashOrder)}</Cell>
            <Cell heading="Forecast">{amountWords(b, b.forecastPence, b.forecastValue)}</Cell>
            <Cell heading="Realised">{amountWords(b, b.realisedPence, b.realisedValue)}</Cell>
            <Cell heading="Status">
              <BenefitStatusTag status={b.status} />
            </Cell>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A registration's benefits with filters by team and status; finance leads see what awaits their sign-off first. */
export function BenefitsListPage() {
  const { registrationId = "" } = useParams();
  const [params, setParams] = useSearchParams();
  const teamId = params.get("teamId") ?? "";
  const status = statusFrom(params.get("status") ?? "");
  const list = useBenefitList(registrationId, { teamId, status });
  const [teamChoice, setTeamChoice] = useState(teamId);
  const [statusChoice, setStatusChoice] = useState<string>(status);
  usePageTitle("Benefits");

  if (list.isPending) return <LoadingPage title="Benefits" />;
  if (list.isError)
    return (
      <ProblemPage
        title={isApiError(list.error, 404) ? "Programme registration not found" : "Sorry, there is a problem"}
        message={
          isApiError(list.error, 404)
            ? "This registration does not exist, or you are not named on it."
            : list.error.message
        }
      />
    );
  const data = list.data;
  const mine = data.benefits.filter((b) => b.awaitingMySignOff);
  const others = data.myAccess.isFinanceLead
    ? data.benefits.filter((b) => !b.awaitingMySignOff)
    : data.benefits;
  const applyFilters = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (teamChoice) next.set("teamId", teamChoice);
    if (statusChoice) next.set("status", statusChoice);
    setParams(next);
  };
  const filtered = Boolean(teamId || status);

  return (
    <>
      <span className="nhsuk-caption-l">
        {data.registration.organisationName}: {data.registration.programmeTitle}
      </span>
      <h1>Benefits</h1>
      <RegistrationNav registrationId={registrationId} />
      <p>
        Benefits each team has recorded, in the organisation's benefit areas. Cashable benefits count as
        realised only once a finance lead signs them off.
      </p>
      {data.myAccess.canRecord ? (
        <ActionLink to={benefitPaths.create(registrationId, teamId || undefined)}>
          Record a benefit
        </ActionLink>
      ) : null}
      {data.myAccess.canManageAreas ? (
        <p>
          <Link to={benefitPaths.areas(registrationId)}>Change the benefit areas</Link>
        </p>
      ) : null}

      <form onSubmit={applyFilters} noValidate className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <Select
              id="team"
              label="Team"
              value={teamChoice}
              onChange={setTeamChoice}
              options={[
                { value: "", label: "All teams" },
                ...data.teams.map((t) => ({ value: t.id, label: t.name })),
              ]}
            />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <Select
              id="status"
              label="Status"
              value={statusChoice}
              onChange={setStatusChoice}
              options={[
                { value: "", label: "Any status" },
                ...BENEFIT_STATUSES.map((s) => ({ value: s, label: BENEFIT_STATUS_LABELS[s] })),
              ]}
            />
          </div>
        </div>
        <Button variant="secondary" small>
          Apply filters
        </Button>
        {filtered ? (
          <p>
            <Link to={benefitPaths.list(registrationId)}>Clear filters</Link>
          </p>
        ) : null}
      </form>

      {mine.length > 0 ? <BenefitsTable caption="Awaiting your sign-off" benefits={mine} /> : null}
      {others.length > 0 ? (
        <BenefitsTable caption={mine.length > 0 ? "Other benefits" : "All benefits"} benefits={others} />
      ) : mine.length === 0 ? (
        <p>{filtered ? "No benefits match these filters." : "No benefits have been recorded yet."}</p>
      ) : null}
    </>
  );
}
