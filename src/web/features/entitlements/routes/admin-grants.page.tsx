import { type FormEvent, useState } from "react";
import { useSearchParams } from "react-router";
import {
  GRANT_REASON_MAX,
  GRANT_STATUSES,
  type Grant,
  GrantCreateSchema,
  type GrantStatus,
} from "../../../../shared/entitlements";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { Table, Tag } from "../../../components/nhs";
import { NotificationBanner } from "../../../components/notification-banner";
import { Pagination } from "../../../components/pagination";
import { Select } from "../../../components/select";
import { TextInput } from "../../../components/text-input";
import { toQueryString } from "../../../lib/api-client";
import { type FieldErrors, validateFields } from "../../../lib/form-errors";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { type CourseOption, useCourseOptions } from "../api/course-options";
import { type GrantFilters, useGiveGrant, useGrants, useRevokeGrant } from "../api/grants";
import { CourseSelect } from "../components/course-select";
import { GRANT_STATUS_TAGS } from "../components/entitlement-words";

const PAGE_SIZE = 25;
const GIVE_FIELDS = ["email", "courseId", "reason"] as const;

function readFilters(params: URLSearchParams): GrantFilters {
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const filters: GrantFilters = { page: Number.isFinite(page) && page > 0 ? page : 1, pageSize: PAGE_SIZE };
  const email = params.get("email")?.trim();
  if (email) filters.email = email;
  const courseId = params.get("courseId");
  if (courseId) filters.courseId = courseId;
  const status = GRANT_STATUSES.find((s) => s === params.get("status"));
  if (status) filters.status = status;
  return filters;
}

/** The "Give a place" form: the learner's email, the course and why. */
function GiveForm({ courses, onGiven }: { courses: CourseOption[]; onGiven: (grant: Grant) => void }) {
  const give = useGiveGrant();
  const [email, setEmail] = useState("");
  const [courseId, setCourseId] = useState("");
  const [reason, setReason] = useState("");
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(GIVE_FIELDS);
  // The form is always on the page, so it sets the page's title (with "Error: " while it shows errors).
  usePageTitle("Places on courses", summary.length > 0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldErrors: FieldErrors = validateFields({
      email: [GrantCreateSchema.shape.email.unwrap(), email],
      courseId: [GrantCreateSchema.shape.courseId, courseId],
      reason: [GrantCreateSchema.shape.reason, reason],
    });
    if (!email.trim()) fieldErrors.email = "Enter the learner's email address";
    if (showFieldErrors(fieldErrors) || give.isPending) return;
    give.mutate(
      { email: email.trim(), courseId, reason: reason.trim() },
      {
        onSuccess: (grant) => {
          setEmail("");
          setCourseId("");
          setReason("");
          showFieldErrors({});
          onGiven(grant);
        },
        onError: showFailure,
      },
    );
  };

  return (
    <>
      <h2>Give a place</h2>
      <p>
        The learner can then enrol on the course without paying. We email them a link to the course page. They
        need a QI Academy account first.
      </p>
      <ErrorSummary errors={summary} />
      <form noValidate onSubmit={submit}>
        <TextInput
          id="email"
          label="Learner's email address"
          hint="The address they use to sign in to QI Academy"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={setEmail}
          error={errors.email}
        />
        <CourseSelect
          id="courseId"
          label="Course"
          options={courses}
          value={courseId}
          onChange={setCourseId}
          error={errors.courseId}
          emptyLabel="Select a course"
        />
        <CharacterCount
          id="reason"
          label="Why are you giving this place?"
          hint="For example, a bursary or an agreement with their organisation. This is recorded in the audit log."
          value={reason}
          onChange={setReason}
          error={errors.reason}
          maxLength={GRANT_REASON_MAX}
          rows={3}
        />
        <Button busy={give.isPending}>Give place</Button>
      </form>
    </>
  );
}

/** One place given, as a table row, with Revoke while it has not been used. */
function GrantRow({ grant, onRevoke, busy }: { grant: Grant; onRevoke: () => void; busy: boolean }) {
  const tag = GRANT_STATUS_TAGS[grant.status];
  return (
    <Table.Row>
      <Table.Cell>
        {grant.user.name}
        <br />
        <span className="nhsuk-body-s app-break-anywhere">{grant.user.email}</span>
      </Table.Cell>
      <Table.Cell>{grant.course.title}</Table.Cell>
      <Table.Cell>{grant.reason}</Table.Cell>
      <Table.Cell>
        {formatDate(grant.createdAt)}
        {grant.grantedByName ? (
          <>
            <br />
            <span className="nhsuk-body-s">by {grant.grantedByName}</span>
          </>
        ) : null}
      </Table.Cell>
      <Table.Cell>
        <Tag modifier={tag.modifier}>{tag.text}</Tag>
        {grant.status === "live" ? (
          <form
            noValidate
            className="nhsuk-u-margin-top-2"
            onSubmit={(event) => {
              event.preventDefault();
              onRevoke();
            }}
          >
            <Button variant="secondary" small busy={busy} className="nhsuk-u-margin-bottom-0">
              Revoke<span className="nhsuk-u-visually-hidden"> {grant.user.name}'s place</span>
            </Button>
          </form>
        ) : null}
        {grant.status === "revoked" && grant.revokedAt ? (
          <p className="nhsuk-body-s nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-0">
            on {formatDate(grant.revokedAt)}
          </p>
        ) : null}
      </Table.Cell>
    </Table.Row>
  );
}

/** /admin/grants: give learners places on courses, and see, filter and revoke the places given. */
export function AdminGrantsPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const grants = useGrants(filters);
  const courses = useCourseOptions();
  const revoke = useRevokeGrant();
  const [banner, setBanner] = useState<{ heading: string; body: string; n: number } | null>(null);
  const [email, setEmail] = useState(filters.email ?? "");
  const [courseId, setCourseId] = useState(filters.courseId ?? "");
  const [status, setStatus] = useState<string>(filters.status ?? "");

  const announce = (heading: string, body: string) =>
    setBanner((b) => ({ heading, body, n: (b?.n ?? 0) + 1 }));

  const filter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (email.trim()) next.set("email", email.trim());
    if (courseId) next.set("courseId", courseId);
    if (status) next.set("status", status);
    setParams(next);
  };
  const hrefFor = (page: number) =>
    `/admin/grants${toQueryString({ email: filters.email, courseId: filters.courseId, status: filters.status, page })}`;

  return (
    <>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {banner ? (
            <NotificationBanner key={banner.n} heading={banner.heading}>
              <p>{banner.body}</p>
            </NotificationBanner>
          ) : null}
          <h1>Places on courses</h1>
          {courses.isError ? <RequestErrorSummary error={courses.error} /> : null}
          <GiveForm
            courses={courses.data ?? []}
            onGiven={(grant) =>
              announce(
                `Place given to ${grant.user.name}`,
                `${grant.user.name} can now enrol on ${grant.course.title} without paying. We have emailed them a link to the course.`,
              )
            }
          />
        </div>
      </div>

      <h2>Places given</h2>
      <form noValidate onSubmit={filter} className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third">
            <TextInput
              id="filterEmail"
              label="Email address contains"
              type="search"
              value={email}
              onChange={setEmail}
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <CourseSelect
              id="filterCourse"
              label="Course"
              options={courses.data ?? []}
              value={courseId}
              onChange={setCourseId}
              emptyLabel="Any course"
            />
          </div>
          <div className="nhsuk-grid-column-one-third">
            <Select
              id="filterStatus"
              label="Status"
              value={status}
              onChange={setStatus}
              options={[
                { value: "", label: "Any" },
                ...GRANT_STATUSES.map((s: GrantStatus) => ({ value: s, label: GRANT_STATUS_TAGS[s].text })),
              ]}
            />
          </div>
        </div>
        <Button variant="secondary">Filter</Button>
      </form>

      <RequestErrorSummary error={revoke.error} />
      {grants.isError ? <RequestErrorSummary error={grants.error} /> : null}
      {grants.isPending ? <p aria-live="polite">Loading places…</p> : null}
      {grants.data ? (
        grants.data.items.length === 0 ? (
          <p>No places match.</p>
        ) : (
          <>
            <Table
              responsive
              caption={`${grants.data.total} ${grants.data.total === 1 ? "place" : "places"} given`}
            >
              <Table.Head>
                <Table.Row>
                  <Table.Cell>Learner</Table.Cell>
                  <Table.Cell>Course</Table.Cell>
                  <Table.Cell>Reason</Table.Cell>
                  <Table.Cell>Given</Table.Cell>
                  <Table.Cell>Status</Table.Cell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {grants.data.items.map((grant) => (
                  <GrantRow
                    key={grant.id}
                    grant={grant}
                    busy={revoke.isPending}
                    onRevoke={() => {
                      if (revoke.isPending) return;
                      revoke.mutate(grant.id, {
                        onSuccess: () =>
                          announce(
                            `${grant.user.name}'s place revoked`,
                            `They can no longer use it to enrol on ${grant.course.title}.`,
                          ),
                      });
                    }}
                  />
                ))}
              </Table.Body>
            </Table>
            <Pagination
              page={grants.data.page}
              pageSize={grants.data.pageSize}
              total={grants.data.total}
              hrefFor={hrefFor}
            />
          </>
        )
      ) : null}
    </>
  );
}
