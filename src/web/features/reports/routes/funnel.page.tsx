import { useParams } from "react-router";
import { LEVEL_LABELS } from "../../../../shared/catalogue";
import type { FunnelCourse } from "../../../../shared/reports";
import { RequestErrorSummary } from "../../../components/error-summary";
import { useFunnel } from "../api/reports";
import { DownloadLinks } from "../components/download-links";
import { ReportFrame } from "../components/report-frame";
import { type ReportColumn, ReportTable } from "../components/report-table";

const COLUMNS: ReportColumn<FunnelCourse>[] = [
  {
    key: "course",
    header: "Course",
    render: (row) => (
      <span className="app-report-cell">
        {row.title}
        <br />
        <span className="nhsuk-u-font-size-16">{LEVEL_LABELS[row.level]}</span>
      </span>
    ),
  },
  { key: "enrolled", header: "Enrolled", numeric: true, render: (row) => row.enrolled },
  {
    key: "started",
    header: "Started",
    numeric: true,
    render: (row) => `${row.started} (${row.startedPercent}% of enrolled)`,
  },
  {
    key: "completed",
    header: "Completed all modules",
    numeric: true,
    render: (row) => `${row.completed} (${row.completedPercent}% of started)`,
  },
];

function Funnel() {
  const { organisationId = "" } = useParams();
  const funnel = useFunnel(organisationId);
  if (funnel.isError) return <RequestErrorSummary error={funnel.error} />;
  if (!funnel.data) return <p aria-live="polite">Loading the funnel…</p>;
  return (
    <>
      <p>
        For each course: how many learners enrolled, how many of them started (opened a step), and how many of
        those completed every required step. Percentages are rounded down.
      </p>
      {funnel.data.courses.length === 0 ? (
        <p>No learners in this organisation have enrolled on a course yet.</p>
      ) : (
        <>
          <DownloadLinks
            apiUrl={`/api/reports/funnel?organisationId=${encodeURIComponent(organisationId)}`}
            what="the engagement funnel"
          />
          <ReportTable
            caption="Enrolled, started and completed, by course"
            columns={COLUMNS}
            rows={funnel.data.courses}
            rowKey={(row) => row.courseId}
          />
        </>
      )}
    </>
  );
}

/** /reports/:organisationId/funnel: enrolled → started → completed per course. */
export function FunnelReportPage() {
  return <ReportFrame report="funnel">{() => <Funnel />}</ReportFrame>;
}
