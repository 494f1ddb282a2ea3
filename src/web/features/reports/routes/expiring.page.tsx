import { Link, useParams, useSearchParams } from "react-router";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import type { ExpiringPage } from "../../../../shared/reports";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Pagination } from "../../../components/pagination";
import { formatDate } from "../../../lib/format";
import { useExpiring } from "../api/reports";
import { DownloadLinks } from "../components/download-links";
import { ReportFrame } from "../components/report-frame";
import { type ReportColumn, ReportTable } from "../components/report-table";

const PAGE_SIZE = 25;
const WINDOWS = [7, 30, 60, 90] as const;

const COLUMNS: ReportColumn<ExpiringPage["rows"][number]>[] = [
  {
    key: "learner",
    header: "Learner",
    render: (row) => (
      <span className="app-report-cell">
        {row.givenName} {row.familyName}
        <br />
        <span className="nhsuk-u-font-size-16">{row.email}</span>
      </span>
    ),
  },
  { key: "team", header: "Team", render: (row) => row.team?.name ?? "None" },
  {
    key: "course",
    header: "Course",
    render: (row) => (
      <span className="app-report-cell">
        {row.course.title}
        <br />
        <span className="nhsuk-u-font-size-16">{LEVEL_LABELS[row.course.level]}</span>
      </span>
    ),
  },
  { key: "progress", header: "Progress", numeric: true, render: (row) => `${row.progressPercent}%` },
  { key: "expires", header: "Access ends", render: (row) => formatDate(row.expiresAt) },
];

function Expiring() {
  const { organisationId = "" } = useParams();
  const [params] = useSearchParams();
  const withinDays = WINDOWS.find((d) => String(d) === params.get("withinDays")) ?? 30;
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const expiring = useExpiring(organisationId, withinDays, page, PAGE_SIZE);
  const base = `/reports/${encodeURIComponent(organisationId)}/expiring`;
  return (
    <>
      <p>Learners who have not completed a course and whose access to it ends soon, soonest first.</p>
      <nav aria-label="Access ending within" className="nhsuk-u-margin-bottom-4">
        <ul className="nhsuk-list app-admin-nav">
          {WINDOWS.map((days) => (
            <li key={days}>
              <Link to={`${base}?withinDays=${days}`} aria-current={days === withinDays ? "page" : undefined}>
                Next {days} days
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {expiring.isError ? <RequestErrorSummary error={expiring.error} /> : null}
      {expiring.isPending ? <p aria-live="polite">Loading…</p> : null}
      {expiring.data ? (
        expiring.data.rows.length === 0 ? (
          <p>No learner's access ends in the next {withinDays} days without them having completed.</p>
        ) : (
          <>
            <DownloadLinks
              apiUrl={`/api/reports/expiring?organisationId=${encodeURIComponent(organisationId)}&withinDays=${withinDays}`}
              what="learners whose access ends soon"
            />
            <ReportTable
              caption={`${expiring.data.total} ${expiring.data.total === 1 ? "enrolment" : "enrolments"} ending in the next ${withinDays} days`}
              columns={COLUMNS}
              rows={expiring.data.rows}
              rowKey={(row) => row.enrolmentId}
            />
            <Pagination
              page={expiring.data.page}
              pageSize={PAGE_SIZE}
              total={expiring.data.total}
              hrefFor={(n) => `${base}?withinDays=${withinDays}&page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}

/** /reports/:organisationId/expiring: access windows ending soon. */
export function ExpiringReportPage() {
  return <ReportFrame report="expiring">{() => <Expiring />}</ReportFrame>;
}
