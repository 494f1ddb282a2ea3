import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { ReportFilterOptions } from "../../../../shared/reports";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { RequestErrorSummary } from "../../../components/error-summary";
import { ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useMe } from "../../../lib/use-me";
import { useFilterOptions } from "../api/reports";
import "./reports.css";

/** The reports for an organisation, in the order of the links between them. */
const REPORTS = [
  { path: "progress", title: "Learner progress" },
  { path: "funnel", title: "Engagement funnel" },
  { path: "completions", title: "Completions over time" },
  { path: "expiring", title: "Access ending soon" },
  { path: "teams", title: "Teams" },
] as const;

/** Which report a page is. */
export type ReportPath = (typeof REPORTS)[number]["path"];

/**
 * The frame every organisation report shares: the organisation (its reach checked by the API), the page title and
 * h1, breadcrumbs and the links between reports. Children get the organisation and its filter options.
 */
export function ReportFrame({
  report,
  children,
}: {
  report: ReportPath;
  children: (options: ReportFilterOptions) => ReactNode;
}) {
  const { organisationId = "" } = useParams();
  const options = useFilterOptions(organisationId);
  const { data: me } = useMe();
  const isLearnerAdmin = me?.roles.some((grant) => grant.role === "learner_admin") ?? false;
  const title = REPORTS.find((r) => r.path === report)?.title ?? "Report";
  const organisationName = options.data?.organisation.name;
  usePageTitle(organisationName ? `${title}: ${organisationName}` : title);

  if (options.isError) {
    if (isApiError(options.error, 403) || isApiError(options.error, 404))
      return (
        <ProblemPage title={title} message={options.error.message}>
          <p>
            <Link to="/reports">Go to your reports</Link>
          </p>
        </ProblemPage>
      );
    return (
      <>
        <h1>{title}</h1>
        <RequestErrorSummary error={options.error} />
      </>
    );
  }

  return (
    <>
      <Breadcrumbs items={[{ to: "/reports", text: "Reports" }]} />
      <h1>
        {organisationName ? <span className="nhsuk-caption-l">{organisationName}</span> : null}
        {title}
      </h1>
      <nav aria-label="Reports for this organisation" className="nhsuk-u-margin-bottom-5">
        <ul className="nhsuk-list app-admin-nav">
          {REPORTS.map((r) => (
            <li key={r.path}>
              <Link
                to={`/reports/${encodeURIComponent(organisationId)}/${r.path}`}
                aria-current={r.path === report ? "page" : undefined}
              >
                {r.title}
              </Link>
            </li>
          ))}
          {isLearnerAdmin ? (
            <li>
              <Link to="/reports/activity">Your activity</Link>
            </li>
          ) : null}
        </ul>
      </nav>
      {options.data ? children(options.data) : <p aria-live="polite">Loading…</p>}
    </>
  );
}
