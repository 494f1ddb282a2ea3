import { Link, useSearchParams } from "react-router";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { DEFERRAL_STATUSES } from "../../../../shared/learning";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Table, Tag } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { type DeferralStatus, useDeferralQueue } from "../api/admin-deferrals";
import { DEFERRAL_QUEUE_LABELS } from "../components/deferral-words";

const PAGE_SIZE = 25;

/** /admin/deferrals: requests waiting for a decision (oldest first), and those approved or declined. */
export function AdminDeferralsPage() {
  usePageTitle("Deferral requests");
  const [params] = useSearchParams();
  const status: DeferralStatus = DEFERRAL_STATUSES.find((s) => s === params.get("status")) ?? "pending";
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const queue = useDeferralQueue(status, page, PAGE_SIZE);
  const pending = status === "pending";

  return (
    <>
      <h1>Deferral requests</h1>
      <p>
        Learners on Practitioner, Facilitator and Programme Manager courses can ask to defer in the first 4
        weeks. You can ask them for evidence, such as a medical certificate, by message. Never ask for it as a
        condition of making the request.
      </p>
      <nav aria-label="Deferral requests by status" className="nhsuk-u-margin-bottom-5">
        <ul className="nhsuk-list app-admin-nav">
          {DEFERRAL_STATUSES.map((s) => (
            <li key={s}>
              <Link to={`/admin/deferrals?status=${s}`} aria-current={s === status ? "page" : undefined}>
                {DEFERRAL_QUEUE_LABELS[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      {queue.isError ? <RequestErrorSummary error={queue.error} /> : null}
      {queue.isPending ? <p aria-live="polite">Loading requests…</p> : null}
      {queue.data ? (
        queue.data.items.length === 0 ? (
          <p>
            {pending ? "There are no requests waiting for a decision." : "There are no requests here yet."}
          </p>
        ) : (
          <>
            <Table
              responsive
              caption={`${queue.data.total} ${queue.data.total === 1 ? "request" : "requests"}: ${DEFERRAL_QUEUE_LABELS[status].toLowerCase()}`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Learner</Table.Cell>
                  <Table.Cell>Course</Table.Cell>
                  <Table.Cell>Asked on</Table.Cell>
                  <Table.Cell>{pending ? "Could ask until" : "Decided on"}</Table.Cell>
                  <Table.Cell>Messages</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {queue.data.items.map((item) => (
                  <Table.Row key={item.id}>
                    <Table.Cell>
                      <Link to={`/admin/deferrals/${encodeURIComponent(item.id)}`}>{item.learner.name}</Link>
                      <br />
                      <span className="nhsuk-body-s app-break-anywhere">{item.learner.email}</span>
                    </Table.Cell>
                    <Table.Cell>
                      {item.course.title}
                      <br />
                      <span className="nhsuk-body-s">{LEVEL_LABELS[item.course.level]}</span>
                    </Table.Cell>
                    <Table.Cell>{formatDate(item.requestedAt)}</Table.Cell>
                    <Table.Cell>
                      {pending
                        ? formatDate(item.windowDeadline)
                        : item.decidedAt
                          ? formatDate(item.decidedAt)
                          : ""}
                    </Table.Cell>
                    <Table.Cell>
                      {item.messageCount === 0 ? "None" : item.messageCount}
                      {pending && item.lastMessageFrom === "learner" ? (
                        <>
                          <br />
                          <Tag modifier="blue">Learner replied</Tag>
                        </>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={queue.data.page}
              pageSize={queue.data.pageSize}
              total={queue.data.total}
              hrefFor={(n) => `/admin/deferrals?status=${status}&page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
