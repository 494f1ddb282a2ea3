import { useSearchParams } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Pagination } from "../../../components/pagination";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useMyAudit } from "../api/audit";
import { AuditTable } from "../components/audit-table";

const PAGE_SIZE = 25;

/** /reports/activity: a learner administrator's own record of what they viewed and exported. */
export function ActivityPage() {
  usePageTitle("Your activity");
  const [params] = useSearchParams();
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  const mine = useMyAudit(page, PAGE_SIZE);

  return (
    <>
      <h1>Your activity</h1>
      <p>
        Each time you view or export learners' details it is recorded here, with the filters you used and how
        many rows you saw. Platform administrators can see these records too.
      </p>
      {mine.isError ? (
        isApiError(mine.error, 403) ? (
          <p>{mine.error.message}</p>
        ) : (
          <RequestErrorSummary error={mine.error} />
        )
      ) : null}
      {mine.isPending ? <p aria-live="polite">Loading your activity…</p> : null}
      {mine.data ? (
        mine.data.items.length === 0 ? (
          <p>Nothing has been recorded yet.</p>
        ) : (
          <>
            <AuditTable
              events={mine.data.items}
              showActor={false}
              caption={`${mine.data.total.toLocaleString("en-GB")} ${mine.data.total === 1 ? "entry" : "entries"}, newest first`}
            />
            <Pagination
              page={mine.data.page}
              pageSize={mine.data.pageSize}
              total={mine.data.total}
              hrefFor={(n) => `/reports/activity?page=${n}`}
            />
          </>
        )
      ) : null}
    </>
  );
}
