import { Link, useParams } from "react-router";
import { formatPence } from "../../../../shared/catalogue";
import {
  formatShare,
  nationalSentence,
  type OrganisationBenefitsSummary,
} from "../../../../shared/implementation-summary";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { InsetText, Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { organisationCsvHref, useMyRegistrationsFor, useOrganisationSummary } from "../api/benefits-summary";
import { countWords, HeadlineFigures, MoneyCells, MoneyHead } from "../components/money";

const TITLE = "Benefits across programmes";
const summaryPath = (registrationId: string) => `/implementation/${registrationId}/summary`;

/** For a team leader refused the organisation view: links to the summaries of their teams in this organisation. */
function YourTeamsSummaries({ organisationId }: { organisationId: string }) {
  const mine = useMyRegistrationsFor(true);
  const led = (mine.data?.registrations ?? []).filter(
    (r) => r.organisation.id === organisationId && r.ledTeams.length > 0,
  );
  if (led.length === 0) return <Link to="/implementation">Back to programmes</Link>;
  return (
    <ul className="nhsuk-list">
      {led.map((r) => (
        <li key={r.id}>
          <Link to={summaryPath(r.id)}>Benefits summary of your teams on {r.programme.title}</Link>
        </li>
      ))}
    </ul>
  );
}

/** Programme × forecast, realised, not yet signed off, each programme linking to its summary, with the total. */
function ProgrammesTable({ summary }: { summary: OrganisationBenefitsSummary }) {
  return (
    <Table responsive caption="Cashable benefits by programme, with the total across programmes">
      <MoneyHead first="Programme" />
      <Table.Body>
        {summary.programmes.map((p) => (
          <Table.Row key={p.registrationId}>
            <Table.Cell>
              <Link to={summaryPath(p.registrationId)}>
                {p.programme.title}
                <span className="nhsuk-u-visually-hidden"> benefits summary</span>
              </Link>
            </Table.Cell>
            <MoneyCells money={p.totals.total} />
            <Table.Cell format="numeric">{p.counts.benefits.toLocaleString("en-GB")}</Table.Cell>
          </Table.Row>
        ))}
        <Table.Row>
          <Table.Cell>
            <strong>All programmes</strong>
          </Table.Cell>
          <MoneyCells money={summary.totals.total} bold />
          <Table.Cell format="numeric">
            <strong>{summary.counts.benefits.toLocaleString("en-GB")}</strong>
          </Table.Cell>
        </Table.Row>
      </Table.Body>
    </Table>
  );
}

/** The same money split into first-order and second-order, per programme and in total. */
function OrdersTable({ summary }: { summary: OrganisationBenefitsSummary }) {
  const rows = [
    ...summary.programmes.map((p) => ({ key: p.registrationId, label: p.programme.title, totals: p.totals })),
    { key: "all", label: "All programmes", totals: summary.totals },
  ];
  return (
    <Table responsive caption="Realised and forecast by order of benefit">
      <Table.Head>
        <Table.Row>
          <Table.Cell>Programme</Table.Cell>
          <Table.Cell format="numeric">First-order realised</Table.Cell>
          <Table.Cell format="numeric">First-order forecast</Table.Cell>
          <Table.Cell format="numeric">Second-order realised</Table.Cell>
          <Table.Cell format="numeric">Second-order forecast</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((r) => {
          const wrap = (text: string) => (r.key === "all" ? <strong>{text}</strong> : text);
          return (
            <Table.Row key={r.key}>
              <Table.Cell>{wrap(r.label)}</Table.Cell>
              <Table.Cell format="numeric">{wrap(formatPence(r.totals.first.realisedPence))}</Table.Cell>
              <Table.Cell format="numeric">{wrap(formatPence(r.totals.first.forecastPence))}</Table.Cell>
              <Table.Cell format="numeric">{wrap(formatPence(r.totals.second.realisedPence))}</Table.Cell>
              <Table.Cell format="numeric">{wrap(formatPence(r.totals.second.forecastPence))}</Table.Cell>
            </Table.Row>
          );
        })}
      </Table.Body>
    </Table>
  );
}

/** /implementation/organisations/:organisationId/benefits: an organisation's benefits across its programmes. */
export function OrganisationSummaryPage() {
  const { organisationId = "" } = useParams();
  const query = useOrganisationSummary(organisationId);
  const summary = query.data;
  usePageTitle(summary ? `${TITLE}: ${summary.organisation.name}` : TITLE);

  if (query.isPending) return <LoadingPage title={TITLE} />;
  if (query.isError || !summary) {
    const forbidden = isApiError(query.error, 403);
    const missing = isApiError(query.error, 404);
    return (
      <ProblemPage
        title={
          missing
            ? "Benefits across programmes not found"
            : forbidden
              ? "You cannot see the benefits across programmes"
              : "Sorry, there is a problem"
        }
        message={
          missing
            ? "This organisation does not exist, or you are not named on any of its programmes. Ask your organisation's programme lead to add you."
            : (query.error?.message ?? "Try again later.")
        }
      >
        {forbidden ? (
          <YourTeamsSummaries organisationId={organisationId} />
        ) : (
          <p>
            <Link to="/implementation">Back to programmes</Link>
          </p>
        )}
      </ProblemPage>
    );
  }

  const nationals = summary.programmes.filter((p) => p.national !== null);
  return (
    <>
      <Breadcrumbs items={[{ to: "/implementation", text: "Programmes" }]} />
      <span className="nhsuk-caption-l">{summary.organisation.name}</span>
      <h1>{TITLE}</h1>
      <p className="nhsuk-body-l">
        {summary.programmes.length === 0
          ? `${summary.organisation.name} is not registered on any programme yet.`
          : `${countWords(summary.programmes.length, "programme", "programmes")}, ${countWords(
              summary.counts.benefits,
              "benefit",
              "benefits",
            )} recorded, ${countWords(summary.counts.cashable, "cashable", "cashable")}.`}
      </p>

      {summary.programmes.length > 0 && (
        <>
          <HeadlineFigures totals={summary.totals} across="all programmes" tablesBelow={false} />

          <h2>By programme</h2>
          <ProgrammesTable summary={summary} />
          <OrdersTable summary={summary} />

          {nationals.length > 0 && (
            <>
              <h2>Against the national potential</h2>
              <InsetText>
                {nationals.map((p) =>
                  p.national ? (
                    <p key={p.registrationId}>
                      {nationalSentence(p.national, p.programme.title)}. The forecast of{" "}
                      {formatPence(p.national.forecastPence)} is {formatShare(p.national.forecastShare)} of
                      it.
                    </p>
                  ) : null,
                )}
              </InsetText>
            </>
          )}

          <h2>Download for a board paper</h2>
          <p>
            <a href={organisationCsvHref(summary.organisation.id)} download>
              Benefits by programme with the total (CSV)
            </a>
          </p>
          <p className="nhsuk-body-s">
            Each programme's summary has its own PDF and Excel downloads with every benefit.
          </p>
        </>
      )}

      {summary.teamsOnly.length > 0 && (
        <>
          <h2>Programmes where you lead teams</h2>
          <p>These are not in the figures above: you see only your own teams' benefits on them.</p>
          <ul className="nhsuk-list">
            {summary.teamsOnly.map((r) => (
              <li key={r.registrationId}>
                <Link to={summaryPath(r.registrationId)}>
                  Benefits summary of your teams on {r.programme.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
