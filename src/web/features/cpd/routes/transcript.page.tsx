import { Link } from "react-router";
import type { TranscriptAchievement, TranscriptEnrolment } from "../../../../shared/cpd";
import { BackLink } from "../../../components/links";
import { ProblemPage } from "../../../components/page-state";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useTranscript } from "../api/transcript";
import { CertificateCell } from "../components/certificate-cell";
import { CPD_PATH } from "../components/cpd-paths";
import { type CpdColumn, CpdTable } from "../components/cpd-table";
import "../components/cpd.css";

const TITLE = "Your transcript";

const ACHIEVED_COLUMNS: CpdColumn<TranscriptAchievement>[] = [
  {
    key: "course",
    header: "Course",
    render: (a) => (
      <>
        {a.courseTitle}
        <br />
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          {a.levelLabel}, {a.programmeTitle}
        </span>
      </>
    ),
  },
  { key: "date", header: "Achieved", render: (a) => formatDate(a.achievedOn) },
  { key: "points", header: "CPD points", numeric: true, render: (a) => a.cpdPoints },
  {
    key: "certificate",
    header: "Certificate",
    render: (a) => (
      <>
        <CertificateCell certificate={a.certificate} courseTitle={a.courseTitle} />
        {a.replacedCodes.length > 0 ? (
          <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
            <br />
            Replaces {a.replacedCodes.join(", ")}
          </span>
        ) : null}
      </>
    ),
  },
];

const IN_PROGRESS_COLUMNS: CpdColumn<TranscriptEnrolment>[] = [
  {
    key: "course",
    header: "Course",
    render: (e) => (
      <>
        {e.courseTitle}
        <br />
        <span className="nhsuk-body-s nhsuk-u-secondary-text-colour">
          {e.levelLabel}, {e.programmeTitle}
        </span>
      </>
    ),
  },
  { key: "started", header: "Started", render: (e) => formatDate(e.startedOn) },
  {
    key: "progress",
    header: "Progress",
    numeric: true,
    render: (e) => `${e.progressPercent}%${e.deferred ? " (deferred)" : ""}`,
  },
  { key: "ends", header: "Access ends", render: (e) => formatDate(e.accessEndsOn) },
];

/** /transcript: every course the learner achieved with its certificate's status, and the courses under way. */
export function TranscriptPage() {
  usePageTitle(TITLE);
  const transcript = useTranscript();
  if (transcript.isError) return <ProblemPage title={TITLE} message={transcript.error.message} />;
  const data = transcript.data;
  return (
    <>
      <BackLink to={CPD_PATH}>Your CPD record</BackLink>
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-full">
          <h1>{TITLE}</h1>
          <p className="nhsuk-u-reading-width">
            The courses you have achieved on QI Academy, with their certificates, and the courses you are
            taking now. Anyone you give a certificate code to can check it on the certificate's page.
          </p>
          {!data ? (
            <p aria-live="polite">Loading your transcript…</p>
          ) : (
            <>
              <p>
                Name on your certificates: <strong>{data.certificateName}</strong>
              </p>
              <h2>Download your transcript</h2>
              <ul className="nhsuk-list app-cpd-downloads">
                <li>
                  <a href="/api/me/transcript.pdf" download>
                    Download PDF<span className="nhsuk-u-visually-hidden"> of your transcript</span>
                  </a>{" "}
                  (PDF, A4, to print or send)
                </li>
                <li>
                  <a href="/api/me/transcript.csv" download>
                    Download CSV<span className="nhsuk-u-visually-hidden"> of your transcript</span>
                  </a>{" "}
                  (CSV, for a spreadsheet)
                </li>
              </ul>
              {data.achievements.length === 0 ? (
                <>
                  <h2 className="nhsuk-heading-m">Courses achieved</h2>
                  <p>
                    You have not achieved a course yet. When you do, it appears here with its certificate.
                  </p>
                </>
              ) : (
                <CpdTable
                  caption="Courses achieved"
                  columns={ACHIEVED_COLUMNS}
                  rows={data.achievements}
                  rowKey={(a) => a.achievementId}
                />
              )}
              {data.inProgress.length === 0 ? (
                <>
                  <h2 className="nhsuk-heading-m">Courses in progress</h2>
                  <p>
                    You are not taking a course at the moment. <Link to="/courses">Find a course</Link>
                  </p>
                </>
              ) : (
                <CpdTable
                  caption="Courses in progress"
                  columns={IN_PROGRESS_COLUMNS}
                  rows={data.inProgress}
                  rowKey={(e) => e.enrolmentId}
                />
              )}
            </>
          )}
        </div>
      </div>
    </>
  );
}
