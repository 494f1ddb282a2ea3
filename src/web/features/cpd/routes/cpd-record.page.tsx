import { type FormEvent, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { CpdActivity, CpdCourseEntry, CpdRecord, CpdTotals } from "../../../../shared/cpd";
import { Button } from "../../../components/button";
import { ProblemPage } from "../../../components/page-state";
import { Select } from "../../../components/select";
import { toQueryString } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useCpdRecord } from "../api/cpd-record";
import { CertificateCell } from "../components/certificate-cell";
import { activityPath, cpdYearPath, NEW_ACTIVITY_PATH, TRANSCRIPT_PATH } from "../components/cpd-paths";
import { type CpdColumn, CpdTable } from "../components/cpd-table";
import { hoursWords, pointsWords } from "../components/cpd-words";
import "../components/cpd.css";

const TITLE = "Your CPD record";

/** Points and hours in words: "24.5 CPD points and 3 hours". */
function totalsWords(totals: CpdTotals): string {
  return `${pointsWords(totals.points)} and ${hoursWords(totals.hours)}`;
}

const COURSE_COLUMNS: CpdColumn<CpdCourseEntry>[] = [
  {
    key: "course",
    header: "Course",
    render: (c) => (
      <>
        {c.courseTitle}
        <br />
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          {c.levelLabel}, {c.programmeTitle}
        </span>
      </>
    ),
  },
  { key: "date", header: "Completed", render: (c) => formatDate(c.achievedOn) },
  {
    key: "points",
    header: "CPD points",
    numeric: true,
    render: (c) => (c.counted ? c.cpdPoints : <>{c.cpdPoints} (not counted)</>),
  },
  {
    key: "certificate",
    header: "Certificate",
    render: (c) => <CertificateCell certificate={c.certificate} courseTitle={c.courseTitle} />,
  },
];

const ACTIVITY_COLUMNS: CpdColumn<CpdActivity>[] = [
  { key: "title", header: "Activity", render: (a) => <Link to={activityPath(a.id)}>{a.title}</Link> },
  { key: "date", header: "Date", render: (a) => formatDate(a.activityDate) },
  { key: "hours", header: "Hours", numeric: true, render: (a) => a.hours ?? "None" },
  { key: "points", header: "CPD points", numeric: true, render: (a) => a.points ?? "None" },
];

/** Which CPD year to show: the select, and a button that puts the choice in the address. */
function YearFilter({ record, year }: { record: CpdRecord; year: string }) {
  const navigate = useNavigate();
  const [choice, setChoice] = useState(year || String(record.currentYear.startYear));
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    navigate(cpdYearPath(choice === String(record.currentYear.startYear) ? "" : choice));
  };
  return (
    <form className="app-cpd-year-filter" noValidate onSubmit={submit}>
      <Select
        id="year"
        label="CPD year"
        hint="CPD years run from 1 April to 31 March"
        options={[
          ...record.years.map((y) => ({
            value: String(y.startYear),
            label: `${y.label}${y.startYear === record.currentYear.startYear ? " (this year)" : ""}`,
          })),
          { value: "all", label: "All years" },
        ]}
        value={choice}
        onChange={setChoice}
      />
      <Button variant="secondary">Show</Button>
    </form>
  );
}

/** The period a download covers, as the API's from/to. */
function downloadUrl(record: CpdRecord, format: "csv" | "pdf"): string {
  const period = record.selectedYear ? { from: record.selectedYear.from, to: record.selectedYear.to } : {};
  return `/api/me/cpd-record.${format}${toQueryString(period)}`;
}

/**
 * /cpd: the learner's CPD record. Totals for this CPD year and all time, then the chosen year's courses (added
 * automatically when completed) and the learner's own activities, with downloads of the year as CSV or PDF.
 */
export function CpdRecordPage() {
  usePageTitle(TITLE);
  const [params] = useSearchParams();
  const year = params.get("year") ?? "";
  const record = useCpdRecord(year);

  if (record.isError) return <ProblemPage title={TITLE} message={record.error.message} />;
  const data = record.data;
  const which = data?.selectedYear ? `the CPD year ${data.selectedYear.label}` : "all years";

  return (
    <div className="nhsuk-grid-row">
      <div className="nhsuk-grid-column-full">
        <h1>{TITLE}</h1>
        <p className="nhsuk-u-reading-width">
          Your continuing professional development. Courses you complete on QI Academy add their CPD points
          here automatically. Add anything else you do to keep your record complete.
        </p>
        <p>
          <Link className="nhsuk-button nhsuk-button--secondary" to={NEW_ACTIVITY_PATH} draggable={false}>
            Add a CPD activity
          </Link>
        </p>
        {!data ? (
          <p aria-live="polite">Loading your CPD record…</p>
        ) : (
          <>
            <h2>Totals</h2>
            <div className="app-cpd-totals">
              <div className="nhsuk-card">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">
                    This CPD year, {data.currentYear.label}
                  </h3>
                  <p className="nhsuk-card__description">{totalsWords(data.totals.currentYear)}</p>
                  <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                    {formatDate(data.currentYear.from)} to {formatDate(data.currentYear.to)}
                  </p>
                </div>
              </div>
              <div className="nhsuk-card">
                <div className="nhsuk-card__content">
                  <h3 className="nhsuk-card__heading nhsuk-heading-s">All time</h3>
                  <p className="nhsuk-card__description">{totalsWords(data.totals.allTime)}</p>
                  <p className="nhsuk-body-s nhsuk-u-secondary-text-colour">
                    From {data.totals.allTime.courses} course{data.totals.allTime.courses === 1 ? "" : "s"}{" "}
                    and {data.totals.allTime.activities} activit
                    {data.totals.allTime.activities === 1 ? "y" : "ies"}
                  </p>
                </div>
              </div>
            </div>

            <h2>Your record by year</h2>
            <YearFilter key={year} record={data} year={year} />
            <p aria-live="polite">
              Showing {which}: {totalsWords(data.totals.selected)}.
            </p>

            {data.courses.length === 0 ? (
              <>
                <h3>Courses completed</h3>
                <p>You did not complete a course on QI Academy in {which}.</p>
              </>
            ) : (
              <CpdTable
                caption="Courses completed"
                columns={COURSE_COLUMNS}
                rows={data.courses}
                rowKey={(c) => c.achievementId}
              />
            )}
            {data.courses.some((c) => !c.counted) ? (
              <p className="nhsuk-body-s">
                A course whose certificate was revoked stays on your record but its points are not counted.
              </p>
            ) : null}

            {data.activities.length === 0 ? (
              <>
                <h3>Your own CPD activities</h3>
                <p>
                  You have not recorded an activity in {which}.{" "}
                  <Link to={NEW_ACTIVITY_PATH}>Add a CPD activity</Link>
                </p>
              </>
            ) : (
              <CpdTable
                caption="Your own CPD activities"
                columns={ACTIVITY_COLUMNS}
                rows={data.activities}
                rowKey={(a) => a.id}
              />
            )}

            <h2>Download your CPD record</h2>
            <p>Everything in {which}, with your reflections, for your appraisal or revalidation.</p>
            <ul className="nhsuk-list app-cpd-downloads">
              <li>
                <a href={downloadUrl(data, "pdf")} download>
                  Download PDF<span className="nhsuk-u-visually-hidden"> of your CPD record for {which}</span>
                </a>{" "}
                (PDF, A4, to print or send)
              </li>
              <li>
                <a href={downloadUrl(data, "csv")} download>
                  Download CSV<span className="nhsuk-u-visually-hidden"> of your CPD record for {which}</span>
                </a>{" "}
                (CSV, for a spreadsheet)
              </li>
            </ul>

            <h2>Your transcript</h2>
            <p>
              Every course you have achieved, with its certificate, and the courses you are taking now.{" "}
              <Link to={TRANSCRIPT_PATH}>See your transcript</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
