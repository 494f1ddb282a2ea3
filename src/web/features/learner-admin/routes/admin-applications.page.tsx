import { Link, useSearchParams } from "react-router";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../../../shared/learner-admin";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useAdminApplications } from "../api/learner-admin";
import { APPLICATION_STATUS_TAGS } from "../components/learner-admin-words";

const PAGE_SIZE = 25;
/** The list's tabs, most urgent first. */
const TABS: ApplicationStatus[] = [
  "awaiting_decision",
  "awaiting_nominees",
  "approved",
  "rejected",
  "declined_by_nominee",
  "withdrawn",
];

/** /admin/learner-administrators: applications by status; those waiting for a decision first, oldest first. */
export function AdminApplicationsPage() {
  usePageTitle("Learner administrator applications");
  const [params] = useSearchParams();
  const status: ApplicationStatus =
    APPLICATION_STATUSES.find((s) => s === params.get("status")) ?? "awaiting_decision";
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const list = useAdminApplications(status, page, PAGE_SIZE);
  const label = APPLICATION_STATUS_TAGS[status].text;

  return (
    <>
      <h1>Learner administrator applications</h1>
      <p>
        Members of an organisation apply for access to its progress reports. Their line manager, Caldicott
        Guardian or information governance lead, and HR or learning and development lead each confirm by
        email; then you approve for 12 months or reject with a reason.
      </p>
      <nav aria-label="Applications by status" className="nhsuk-u-margin-bottom-5">
        <ul className="nhsuk-list app-admin-nav">
          {TABS.map((s) => (
            <li key={s}>
              <Link
                to={`/admin/learner-administrators?status=${s}`}
                aria-current={s === status ? "page" : undefined}
              >
                {APPLICATION_STATUS_TAGS[s].text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {list.isError ? <RequestErrorSummary error={list.error} /> : null}
      {list.isPending ? <p aria-live="polite">Loading applications…</p> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>There are no applications here.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${list.data.total} ${list.data.total === 1 ? "application" : "applications"}: ${label.toLowerCase()}`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Applicant</Table.Cell>
                  <Table.Cell>Organisation</Table.Cell>
                  <Table.Cell>Applied on</Table.Cell>
                  <Table.Cell>Nominees confirmed</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {list.data.items.map((item) => (
                  <Table.Row key={item.id}>
                    <Table.Cell>
                      <Link to={`/admin/learner-administrators/${encodeURIComponent(item.id)}`}>
                        {item.applicant.name}
                      </Link>
                      <br />
                      <span className="nhsuk-body-s app-break-anywhere">{item.applicant.email}</span>
                    </Table.Cell>
                    <Table.Cell>
                      {item.organisation.name}
                      {item.kind === "renewal" ? (
                        <>
                          <br />
                          <span className="nhsuk-body-s">Renewal</span>
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>{formatDate(item.createdAt)}</Table.Cell>
                    <Table.Cell>{item.confirmedNominees} of 3</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              hrefFor={(n) => `/admin/learner-administrators?status=${status}&page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
