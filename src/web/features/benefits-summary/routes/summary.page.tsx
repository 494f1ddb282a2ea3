import { Link, useParams, useSearchParams } from "react-router";
import { formatPence } from "../../../../shared/catalogue";
import {
  type BenefitsSummary,
  formatShare,
  nationalSentence,
  type SummaryByOrder,
} from "../../../../shared/implementation-summary";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { RegistrationNav } from "../../../components/implementation-nav";
import { InsetText, Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { summaryDownloadHref, useBenefitsSummary } from "../api/benefits-summary";
import { ForecastChart } from "../components/forecast-chart";
import { countWords, HeadlineFigures, MoneyCells, MoneyHead } from "../components/money";

/** Rows of a group split by order: the group in bold, then first-order and second-order. */
function OrderRows({ label, group, count }: { label: string; group: SummaryByOrder; count: string }) {
  return (
    <>
      <Table.Row>
        <Table.Cell>
          <strong>{label}</strong>
        </Table.Cell>
        <MoneyCells money={group.total} bold />
        <Table.Cell format="numeric">{count}</Table.Cell>
      </Table.Row>
      <Table.Row>
        <Table.Cell>
          <span className="nhsuk-u-padding-left-4">First-order</span>
        </Table.Cell>
        <MoneyCells money={group.first} />
        <Table.Cell format="numeric" />
      </Table.Row>
      <Table.Row>
        <Table.Cell>
          <span className="nhsuk-u-padding-left-4">Second-order</span>
        </Table.Cell>
        <MoneyCells money={group.second} />
        <Table.Cell format="numeric" />
      </Table.Row>
    </>
  );
}

function Downloads({ registrationId, teamId }: { registrationId: string; teamId: string | null }) {
  return (
    <>
      <h2>Download for a board paper</h2>
      <ul className="nhsuk-list">
        <li>
          <a href={summaryDownloadHref("pdf", registrationId, teamId)} download>
            Benefits summary with its chart (PDF)
          </a>
        </li>
        <li>
          <a href={summaryDownloadHref("xlsx", registrationId, teamId)} download>
            Summary tables and every benefit (Excel workbook, XLSX)
          </a>
        </li>
        <li>
          <a href={summaryDownloadHref("csv", registrationId, teamId)} download>
            Every benefit, one row each (CSV)
          </a>
        </li>
      </ul>
      <p className="nhsuk-body-s">
        The downloads name who signed each benefit off, so each download is recorded in the audit log.
      </p>
    </>
  );
}

/** Lets someone who sees several teams narrow the summary to one (a GET form: the URL keeps the choice). */
function TeamFilter({ summary, teamId }: { summary: BenefitsSummary; teamId: string | null }) {
  if (summary.scope !== "team" && summary.byTeam.length < 2) return null;
  return (
    <form method="get" className="nhsuk-u-margin-bottom-5">
      <div className="nhsuk-form-group">
        <label className="nhsuk-label" htmlFor="summary-team">
          Show the benefits of
        </label>
        <select className="nhsuk-select" id="summary-team" name="teamId" defaultValue={teamId ?? ""}>
          <option value="">
            {summary.scope === "organisation" || teamId ? "Every team you can see" : "Your teams"}
          </option>
          {summary.byTeam.map((t) => (
            <option key={t.teamId} value={t.teamId}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">
        Show
      </button>
    </form>
  );
}

/** /implementation/:registrationId/summary: an organisation's benefits on a programme, for people on it. */
export function BenefitsSummaryPage() {
  const { registrationId = "" } = useParams();
  const [search] = useSearchParams();
  const teamId = search.get("teamId") || null;
  const query = useBenefitsSummary(registrationId, teamId);
  const summary = query.data;
  const title = summary
    ? `Benefits summary: ${summary.programme.title}, ${summary.organisation.name}`
    : "Benefits summary";
  usePageTitle(title);

  if (query.isPending) return <LoadingPage title="Benefits summary" />;
  if (query.isError || !summary) {
    const forbidden = isApiError(query.error, 403);
    return (
      <ProblemPage
        title={
          isApiError(query.error, 404)
            ? "Benefits summary not found"
            : forbidden
              ? "You cannot see this team's benefits"
              : "Sorry, there is a problem"
        }
        message={
          isApiError(query.error, 404)
            ? "This programme registration does not exist, or you are not named on it. Ask your organisation's programme lead to add you."
            : (query.error?.message ?? "Try again later.")
        }
      >
        <p>
          {forbidden ? (
            <Link to={`/implementation/${registrationId}/summary`}>See the summary of your own teams</Link>
          ) : (
            <Link to="/implementation">Back to programmes</Link>
          )}
        </p>
      </ProblemPage>
    );
  }

  const teamName = teamId ? summary.byTeam.find((t) => t.teamId === teamId)?.name : null;
  const who =
    summary.scope === "organisation"
      ? `All ${countWords(summary.byTeam.length, "team", "teams")} of ${summary.organisation.name}`
      : summary.scope === "teams"
        ? `The ${summary.byTeam.length === 1 ? "team" : "teams"} you lead: ${summary.byTeam.map((t) => t.name).join(", ")}`
        : `${teamName ?? "One team"} only`;

  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/implementation", text: "Programmes" },
          { to: `/implementation/${registrationId}`, text: summary.programme.title },
        ]}
      />
      <RegistrationNav registrationId={registrationId} />
      <span className="nhsuk-caption-l">
        {summary.organisation.name}: {summary.programme.title}
      </span>
      <h1>Benefits summary</h1>
      <p className="nhsuk-body-l">
        {who}. {countWords(summary.counts.benefits, "benefit", "benefits")} recorded,{" "}
        {countWords(summary.counts.cashable, "cashable", "cashable")}.
      </p>
      {summary.scope === "organisation" && (
        <p>
          <Link to={`/implementation/organisations/${summary.organisation.id}/benefits`}>
            Across all of {summary.organisation.name}'s programmes
          </Link>
        </p>
      )}
      <TeamFilter summary={summary} teamId={teamId} />

      <HeadlineFigures totals={summary.totals} tablesBelow />

      {summary.national && (
        <InsetText>
          <p>
            {nationalSentence(summary.national, summary.programme.title)}. The forecast of{" "}
            {formatPence(summary.national.forecastPence)} is {formatShare(summary.national.forecastShare)} of
            it.
          </p>
        </InsetText>
      )}

      <h2>Forecast against realised</h2>
      <ForecastChart months={summary.byMonth} />
      {(summary.undated.forecastPence > 0 || summary.undated.realisedPence > 0) && (
        <p className="nhsuk-body-s">
          Not in the chart because no date was given: {formatPence(summary.undated.forecastPence)} forecast
          and {formatPence(summary.undated.realisedPence)} realised. Both are in the totals.
        </p>
      )}

      <h2>By benefit area and order</h2>
      <Table responsive caption="Benefits by area, split into first-order and second-order">
        <MoneyHead first="Area and order" />
        <Table.Body>
          {summary.byArea.map((area) => (
            <OrderRows
              key={area.areaId}
              label={area.label}
              group={area}
              count={`${area.counts.benefits}${area.counts.nonCashable > 0 ? ` (${area.counts.nonCashable} non-cashable)` : ""}`}
            />
          ))}
          <OrderRows label="All areas" group={summary.totals} count={String(summary.counts.benefits)} />
        </Table.Body>
      </Table>

      <h2>By team</h2>
      <Table responsive caption="Benefits by team">
        <MoneyHead first="Team" />
        <Table.Body>
          {summary.byTeam.map((team) => (
            <Table.Row key={team.teamId}>
              <Table.Cell>
                <Link to={`/implementation/${registrationId}/summary?teamId=${team.teamId}`}>
                  {team.name}
                </Link>
              </Table.Cell>
              <MoneyCells money={team.total} />
              <Table.Cell format="numeric">{team.counts.benefits}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>

      <h2>By module</h2>
      <Table responsive caption="Benefits by module of the house (modules with benefits)">
        <MoneyHead first="Module" />
        <Table.Body>
          {summary.byModule
            .filter((m) => m.counts.benefits > 0)
            .map((m) => (
              <Table.Row key={m.houseModuleId ?? "none"}>
                <Table.Cell>{m.title}</Table.Cell>
                <MoneyCells money={m.total} />
                <Table.Cell format="numeric">{m.counts.benefits}</Table.Cell>
              </Table.Row>
            ))}
        </Table.Body>
      </Table>

      <Downloads registrationId={registrationId} teamId={teamId} />
    </>
  );
}
