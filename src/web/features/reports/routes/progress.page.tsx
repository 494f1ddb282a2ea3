import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { LEVEL_LABELS, LEVELS } from "../../../../shared/catalogue";
import {
  type ProgressRow,
  REPORT_STATUS_LABELS,
  REPORT_STATUSES,
  type ReportFilterOptions,
} from "../../../../shared/reports";
import { Button } from "../../../components/button";
import {
  DateInput,
  type DateParts,
  datePartsFrom,
  emptyDateParts,
  isoDateFrom,
} from "../../../components/date-input";
import { ErrorSummary, RequestErrorSummary } from "../../../components/error-summary";
import { Details } from "../../../components/nhs";
import { Pagination } from "../../../components/pagination";
import { Select } from "../../../components/select";
import { formatDate } from "../../../lib/format";
import { useFormErrors } from "../../../lib/use-form-errors";
import {
  PROGRESS_PAGE_SIZE,
  type ProgressFilterKey,
  type ProgressView,
  progressApiUrl,
  progressSearch,
  progressViewFrom,
  useProgress,
} from "../api/reports";
import { ReportFrame } from "../components/report-frame";
import { type ReportColumn, ReportTable } from "../components/report-table";
import { StatusTag } from "../components/status-tag";

/** The date ranges a report can be narrowed to: [from field, to field, what the dates are]. */
const DATE_RANGES = [
  ["enrolledFrom", "enrolledTo", "enrolled"],
  ["completedFrom", "completedTo", "completed"],
  ["lastActiveFrom", "lastActiveTo", "last active"],
] as const;
const DATE_FIELDS = [
  "enrolledFrom",
  "enrolledTo",
  "completedFrom",
  "completedTo",
  "lastActiveFrom",
  "lastActiveTo",
] as const;
type DateField = (typeof DATE_FIELDS)[number];

const COLUMNS: ReportColumn<ProgressRow>[] = [
  {
    key: "name",
    header: "Learner",
    sort: "name",
    render: (row) => (
      <span className="app-report-cell">
        {row.givenName} {row.familyName}
        <br />
        <span className="nhsuk-u-font-size-16">{row.email}</span>
        {row.esrNumber ? (
          <>
            <br />
            <span className="nhsuk-u-font-size-16">ESR {row.esrNumber}</span>
          </>
        ) : null}
      </span>
    ),
  },
  { key: "team", header: "Team", sort: "team", render: (row) => row.team?.name ?? "None" },
  {
    key: "course",
    header: "Course",
    sort: "course",
    render: (row) => (
      <span className="app-report-cell">
        {row.course.title}
        <br />
        <span className="nhsuk-u-font-size-16">{LEVEL_LABELS[row.course.level]}</span>
      </span>
    ),
  },
  { key: "status", header: "Status", sort: "status", render: (row) => <StatusTag status={row.status} /> },
  {
    key: "progress",
    header: "Progress",
    sort: "progress",
    numeric: true,
    render: (row) => `${row.progressPercent}%`,
  },
  { key: "enrolled", header: "Enrolled", sort: "enrolled", render: (row) => formatDate(row.enrolledAt) },
  {
    key: "lastActive",
    header: "Last active",
    sort: "lastActive",
    render: (row) => (row.lastActiveAt ? formatDate(row.lastActiveAt) : "Not yet"),
  },
  {
    key: "completed",
    header: "Completed",
    sort: "completed",
    render: (row) => (row.completedAt ? formatDate(row.completedAt) : "Not yet"),
  },
  { key: "expires", header: "Access ends", sort: "expires", render: (row) => formatDate(row.expiresAt) },
  { key: "certificate", header: "Certificate", render: (row) => row.certificate ?? "None" },
];

function datesFrom(view: ProgressView): Record<DateField, DateParts> {
  const out = {} as Record<DateField, DateParts>;
  for (const field of DATE_FIELDS) {
    const value = view.filters[field];
    out[field] = value ? datePartsFrom(value) : emptyDateParts;
  }
  return out;
}

function Filters({ options, view }: { options: ReportFilterOptions; view: ProgressView }) {
  const navigate = useNavigate();
  const { organisationId = "" } = useParams();
  const [choices, setChoices] = useState(view.filters);
  const [dates, setDates] = useState(() => datesFrom(view));
  const form = useFormErrors(DATE_FIELDS);
  const choose = (key: ProgressFilterKey) => (value: string) => setChoices((c) => ({ ...c, [key]: value }));

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const filters: ProgressView["filters"] = {};
    for (const key of ["courseId", "programmeId", "level", "status", "teamId", "hasEsr"] as const) {
      if (choices[key]) filters[key] = choices[key];
    }
    const problems: Record<string, string> = {};
    for (const [from, to, what] of DATE_RANGES) {
      for (const [field, end] of [
        [from, "from"],
        [to, "to"],
      ] as const) {
        const parts = dates[field];
        if (!parts.day.trim() && !parts.month.trim() && !parts.year.trim()) continue;
        const parsed = isoDateFrom(parts, `the ${what} ${end} date`);
        if (parsed.error) problems[field] = parsed.error;
        else filters[field] = parsed.date;
      }
      const start = filters[from];
      const finish = filters[to];
      if (start && finish && finish < start && !problems[to])
        problems[to] = `The ${what} to date must be the same as or after the ${what} from date`;
    }
    if (form.showFieldErrors(problems)) return;
    navigate(
      `/reports/${encodeURIComponent(organisationId)}/progress${progressSearch({ ...view, filters, page: 1 })}`,
    );
  };

  const any = (label: string) => ({ value: "", label });
  return (
    <form onSubmit={apply} noValidate aria-label="Filter the report">
      <ErrorSummary errors={form.summary} />
      <h2 className="nhsuk-heading-m">Filter the report</h2>
      <div className="app-report-filters">
        <Select
          id="courseId"
          label="Course"
          value={choices.courseId ?? ""}
          onChange={choose("courseId")}
          options={[any("All courses"), ...options.courses.map((c) => ({ value: c.id, label: c.title }))]}
        />
        <Select
          id="programmeId"
          label="Programme"
          value={choices.programmeId ?? ""}
          onChange={choose("programmeId")}
          options={[
            any("All programmes"),
            ...options.programmes.map((p) => ({ value: p.id, label: p.title })),
          ]}
        />
        <Select
          id="level"
          label="Level"
          value={choices.level ?? ""}
          onChange={choose("level")}
          options={[any("All levels"), ...LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] }))]}
        />
        <Select
          id="status"
          label="Status"
          value={choices.status ?? ""}
          onChange={choose("status")}
          options={[
            any("Any status"),
            ...REPORT_STATUSES.map((s) => ({ value: s, label: REPORT_STATUS_LABELS[s] })),
          ]}
        />
        <Select
          id="teamId"
          label="Team"
          value={choices.teamId ?? ""}
          onChange={choose("teamId")}
          options={[
            { value: "", label: `All of ${options.organisation.name}` },
            ...options.teams.map((t) => ({ value: t.id, label: t.name })),
          ]}
        />
        <Select
          id="hasEsr"
          label="ESR number"
          value={choices.hasEsr ?? ""}
          onChange={choose("hasEsr")}
          options={[
            any("With or without"),
            { value: "true", label: "Given" },
            { value: "false", label: "Not given" },
          ]}
        />
      </div>
      <Details open={DATE_FIELDS.some((f) => view.filters[f] || form.errors[f]) || undefined}>
        <Details.Summary>Filter by dates</Details.Summary>
        <Details.Text>
          {DATE_RANGES.map(([from, to, what]) => (
            <div key={from}>
              <DateInput
                id={from}
                legend={`${what[0]?.toUpperCase()}${what.slice(1)} from`}
                hint="For example, 1 4 2026"
                error={form.errors[from]}
                value={dates[from]}
                onChange={(value) => setDates((d) => ({ ...d, [from]: value }))}
              />
              <DateInput
                id={to}
                legend={`${what[0]?.toUpperCase()}${what.slice(1)} to`}
                error={form.errors[to]}
                value={dates[to]}
                onChange={(value) => setDates((d) => ({ ...d, [to]: value }))}
              />
            </div>
          ))}
        </Details.Text>
      </Details>
      <div className="nhsuk-button-group">
        <Button>Apply filters</Button>
        <Link className="nhsuk-link" to={`/reports/${encodeURIComponent(organisationId)}/progress`}>
          Clear filters
        </Link>
      </div>
    </form>
  );
}

function Report({ options }: { options: ReportFilterOptions }) {
  const { organisationId = "" } = useParams();
  const [params] = useSearchParams();
  const view = progressViewFrom(params);
  const report = useProgress(organisationId, view);
  const base = `/reports/${encodeURIComponent(organisationId)}/progress`;
  const esrQuery = new URLSearchParams({ organisationId });
  if (view.filters.completedFrom) esrQuery.set("from", view.filters.completedFrom);
  if (view.filters.completedTo) esrQuery.set("to", view.filters.completedTo);
  if (view.filters.teamId) esrQuery.set("teamId", view.filters.teamId);

  return (
    <>
      <p>
        Each row is one learner on one course, for learners whose organisation or team is{" "}
        {options.organisation.name} or an organisation below it. The certificate column shows the code of the
        learner's valid certificate for the course; anyone can check it at{" "}
        <Link to="/verify">Check a certificate</Link>.
      </p>
      <Filters key={params.toString()} options={options} view={view} />
      {report.isError ? <RequestErrorSummary error={report.error} /> : null}
      {report.isPending ? <p aria-live="polite">Loading the report…</p> : null}
      {report.data ? (
        <>
          <h2 className="nhsuk-heading-m">Download</h2>
          <ul className="nhsuk-list app-report-downloads">
            <li>
              <a href={progressApiUrl(organisationId, view, "csv")} download>
                Download CSV<span className="nhsuk-u-visually-hidden"> of the learner progress report</span>
              </a>{" "}
              (CSV, {report.data.total} {report.data.total === 1 ? "row" : "rows"}, the filters above)
            </li>
            <li>
              <a href={progressApiUrl(organisationId, view, "xlsx")} download>
                Download Excel<span className="nhsuk-u-visually-hidden"> of the learner progress report</span>
              </a>{" "}
              (XLSX, {report.data.total} {report.data.total === 1 ? "row" : "rows"}, the filters above)
            </li>
            <li>
              <a href={`/api/reports/esr-completions?${esrQuery}`} download>
                Download ESR completions
              </a>{" "}
              (CSV for your workforce system: completions
              {view.filters.teamId ? " in the team chosen above" : ""}{" "}
              {view.filters.completedFrom || view.filters.completedTo
                ? "between the completion dates above"
                : "in the last 12 months"}
              )
            </li>
          </ul>
          {report.data.rows.length === 0 ? (
            <p>No learners match these filters. Clear or change the filters to see more.</p>
          ) : (
            <ReportTable
              caption={`${report.data.total} ${report.data.total === 1 ? "enrolment" : "enrolments"}, page ${report.data.page} of ${report.data.pageCount}`}
              columns={COLUMNS}
              rows={report.data.rows}
              rowKey={(row) => row.enrolmentId}
              wide
              sorting={{
                sort: view.sort,
                direction: view.direction,
                hrefFor: (sort) =>
                  `${base}${progressSearch({
                    ...view,
                    sort: sort as ProgressView["sort"],
                    direction: sort === view.sort && view.direction === "asc" ? "desc" : "asc",
                    page: 1,
                  })}`,
              }}
            />
          )}
          <Pagination
            page={report.data.page}
            pageSize={PROGRESS_PAGE_SIZE}
            total={report.data.total}
            hrefFor={(n) => `${base}${progressSearch({ ...view, page: n })}`}
          />
        </>
      ) : null}
    </>
  );
}

/** /reports/:organisationId/progress: every learner on every course, filtered, sorted, paged and downloadable. */
export function ProgressReportPage() {
  return <ReportFrame report="progress">{(options) => <Report options={options} />}</ReportFrame>;
}
