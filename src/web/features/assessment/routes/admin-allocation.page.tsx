import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import {
  type AllocationQuery,
  OPEN_SUBMISSION_STATUSES,
  SUBMISSION_STATUS_LABELS,
} from "../../../../shared/assessment";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import { Button } from "../../../components/button";
import { RequestErrorSummary } from "../../../components/error-summary";
import { Table } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { Select } from "../../../components/select";
import { toQueryString } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { useAllocationList } from "../api/allocation";
import { SubmissionStatusTag, waitingWords } from "../components/assessment-words";
import "../components/assessment.css";

const PAGE_SIZE = 25;
const ALLOCATED = ["yes", "no"] as const;

/** The filters as the address holds them, with anything unknown dropped. */
function filtersFrom(params: URLSearchParams) {
  const status = OPEN_SUBMISSION_STATUSES.find((s) => s === params.get("status"));
  const allocated = ALLOCATED.find((a) => a === params.get("allocated"));
  const courseId = params.get("courseId") ?? undefined;
  const requested = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isFinite(requested) && requested > 0 ? requested : 1;
  return { status, allocated, courseId: courseId || undefined, page };
}

/** /admin/assessment: submissions waiting for an assessor, a decision or verification; allocate or re-allocate them. */
export function AdminAllocationPage() {
  usePageTitle("Assessment allocation");
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const query: Partial<AllocationQuery> = { ...filters, pageSize: PAGE_SIZE };
  const list = useAllocationList(query);
  const [course, setCourse] = useState(filters.courseId ?? "");
  const [status, setStatus] = useState<string>(filters.status ?? "");
  const [allocated, setAllocated] = useState<string>(filters.allocated ?? "");
  useEffect(() => {
    setCourse(filters.courseId ?? "");
    setStatus(filters.status ?? "");
    setAllocated(filters.allocated ?? "");
  }, [filters.courseId, filters.status, filters.allocated]);

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (course) next.courseId = course;
    if (status) next.status = status;
    if (allocated) next.allocated = allocated;
    setParams(next);
  };
  const hrefFor = (page: number) =>
    `/admin/assessment${toQueryString({ courseId: filters.courseId, status: filters.status, allocated: filters.allocated, page })}`;

  return (
    <>
      <h1>Assessment allocation</h1>
      <p>
        Portfolios waiting for an assessor, a decision or internal verification, oldest first. Allocate each
        to an assessor who is not the learner and not in the learner's team; assessors can also pick up
        unallocated ones themselves.
      </p>
      <p>
        <Link to="/admin/assessment/settings">
          Change how decisions are sampled for internal verification
        </Link>
      </p>

      <form noValidate onSubmit={apply} aria-label="Filter submissions">
        <div className="app-allocation-filters">
          <Select
            id="courseId"
            label="Course"
            value={course}
            onChange={setCourse}
            options={[
              { value: "", label: "All courses" },
              ...(list.data?.courses ?? []).map((c) => ({ value: c.id, label: c.title })),
              ...(filters.courseId && !list.data?.courses.some((c) => c.id === filters.courseId)
                ? [{ value: filters.courseId, label: "The course chosen" }]
                : []),
            ]}
          />
          <Select
            id="status"
            label="Status"
            value={status}
            onChange={setStatus}
            options={[
              { value: "", label: "Any open status" },
              ...OPEN_SUBMISSION_STATUSES.map((s) => ({ value: s, label: SUBMISSION_STATUS_LABELS[s] })),
            ]}
          />
          <Select
            id="allocated"
            label="Allocated"
            value={allocated}
            onChange={setAllocated}
            options={[
              { value: "", label: "Allocated or not" },
              { value: "yes", label: "Allocated" },
              { value: "no", label: "Not allocated" },
            ]}
          />
        </div>
        <Button variant="secondary">Apply filters</Button>
      </form>

      {list.isError ? <RequestErrorSummary error={list.error} /> : null}
      {list.isPending ? <p aria-live="polite">Loading submissions…</p> : null}
      {list.data ? (
        list.data.items.length === 0 ? (
          <p>No submissions match these filters.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${list.data.total} ${list.data.total === 1 ? "submission" : "submissions"}, oldest first`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Learner</Table.Cell>
                  <Table.Cell>Course</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                  <Table.Cell>Assessor</Table.Cell>
                  <Table.Cell>Waiting</Table.Cell>
                  <Table.Cell>Action</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {list.data.items.map((item) => (
                  <Table.Row key={item.submissionId}>
                    <Table.Cell>
                      <span className="app-queue-cell">
                        <Link to={`/assessment/submissions/${encodeURIComponent(item.submissionId)}`}>
                          {item.learner.name}
                        </Link>
                      </span>
                    </Table.Cell>
                    <Table.Cell>
                      <span className="app-queue-cell">
                        {item.course.title}
                        <br />
                        <span className="nhsuk-body-s">
                          {LEVEL_LABELS[item.course.level]}, version {item.version}
                        </span>
                      </span>
                    </Table.Cell>
                    <Table.Cell>
                      <SubmissionStatusTag status={item.status} />
                    </Table.Cell>
                    <Table.Cell>
                      <span className="app-queue-cell">{item.assessor?.name ?? "Not allocated"}</span>
                    </Table.Cell>
                    <Table.Cell>{waitingWords(item.waitingDays)}</Table.Cell>
                    <Table.Cell>
                      {item.status === "awaiting_verification" ? (
                        "With a verifier"
                      ) : (
                        <Link to={`/admin/assessment/${encodeURIComponent(item.submissionId)}/allocate`}>
                          {item.assessor ? "Re-allocate" : "Allocate"}
                          <span className="nhsuk-u-visually-hidden"> {item.learner.name}'s portfolio</span>
                        </Link>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={list.data.page}
              pageSize={list.data.pageSize}
              total={list.data.total}
              hrefFor={hrefFor}
            />
          </>
        )
      ) : null}
    </>
  );
}
