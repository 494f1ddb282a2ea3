import { Link, useParams, useSearchParams } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { formatDate } from "../../../lib/format";
import { useCompletions } from "../api/reports";
import { DownloadLinks } from "../components/download-links";
import { ReportFrame } from "../components/report-frame";
import { type ReportColumn, ReportTable } from "../components/report-table";

type Period = { start: string; completions: number };

const monthFormat = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

function Completions() {
  const { organisationId = "" } = useParams();
  const [params] = useSearchParams();
  const interval = params.get("interval") === "week" ? "week" : "month";
  const completions = useCompletions(organisationId, interval);
  const base = `/reports/${encodeURIComponent(organisationId)}/completions`;
  const columns: ReportColumn<Period>[] = [
    {
      key: "period",
      header: interval === "month" ? "Month" : "Week starting",
      render: (row) =>
        interval === "month"
          ? monthFormat.format(new Date(`${row.start}T00:00:00Z`))
          : formatDate(`${row.start}T12:00:00Z`),
    },
    { key: "completions", header: "Completions", numeric: true, render: (row) => row.completions },
  ];
  return (
    <>
      <p>How many courses learners in this organisation completed, over the last 12 months.</p>
      <nav aria-label="Group completions by" className="nhsuk-u-margin-bottom-4">
        <ul className="nhsuk-list app-admin-nav">
          <li>
            <Link to={base} aria-current={interval === "month" ? "page" : undefined}>
              By month
            </Link>
          </li>
          <li>
            <Link to={`${base}?interval=week`} aria-current={interval === "week" ? "page" : undefined}>
              By week
            </Link>
          </li>
        </ul>
      </nav>
      {completions.isError ? <RequestErrorSummary error={completions.error} /> : null}
      {completions.data ? (
        <>
          <DownloadLinks
            apiUrl={`/api/reports/completions?organisationId=${encodeURIComponent(organisationId)}&interval=${interval}`}
            what="completions over time"
          />
          <ReportTable
            caption={`${completions.data.total} ${completions.data.total === 1 ? "completion" : "completions"} from ${formatDate(`${completions.data.from}T12:00:00Z`)} to ${formatDate(`${completions.data.to}T12:00:00Z`)}`}
            columns={columns}
            rows={completions.data.periods}
            rowKey={(row) => row.start}
          />
        </>
      ) : (
        <p aria-live="polite">Loading completions…</p>
      )}
    </>
  );
}

/** /reports/:organisationId/completions: completions per month or week. */
export function CompletionsReportPage() {
  return <ReportFrame report="completions">{() => <Completions />}</ReportFrame>;
}
