import { useParams } from "react-router";
import type { TeamCounts } from "../../../../shared/reports";
import { TEAMS_EXPIRING_DAYS } from "../../../../shared/reports";
import { RequestErrorSummary } from "../../../components/error-summary";
import { useTeams } from "../api/reports";
import { DownloadLinks } from "../components/download-links";
import { ReportFrame } from "../components/report-frame";
import { type ReportColumn, ReportTable } from "../components/report-table";

type TeamRow = TeamCounts & { key: string; label: string };

const COLUMNS: ReportColumn<TeamRow>[] = [
  { key: "team", header: "Team", render: (row) => <span className="app-report-cell">{row.label}</span> },
  { key: "learners", header: "Learners", numeric: true, render: (row) => row.learners },
  { key: "enrolled", header: "Enrolments", numeric: true, render: (row) => row.enrolled },
  { key: "started", header: "Started", numeric: true, render: (row) => row.started },
  { key: "completed", header: "Completed", numeric: true, render: (row) => row.completed },
  {
    key: "expiring",
    header: `Access ending in ${TEAMS_EXPIRING_DAYS} days`,
    numeric: true,
    render: (row) => row.expiring,
  },
];

function Teams() {
  const { organisationId = "" } = useParams();
  const teams = useTeams(organisationId);
  if (teams.isError) return <RequestErrorSummary error={teams.error} />;
  if (!teams.data) return <p aria-live="polite">Loading teams…</p>;
  const rows: TeamRow[] = [
    ...teams.data.teams.map((t) => ({
      ...t,
      key: t.team?.id ?? "none",
      label: t.team?.name ?? "No team given",
    })),
    { ...teams.data.total, team: null, key: "total", label: `All of ${teams.data.organisation.name}` },
  ];
  return (
    <>
      <p>
        Learners by the team on their account, with their enrolments: how many started, completed, and have
        access ending in the next {TEAMS_EXPIRING_DAYS} days without having completed.
      </p>
      <DownloadLinks
        apiUrl={`/api/reports/teams?organisationId=${encodeURIComponent(organisationId)}`}
        what="the counts by team"
      />
      <ReportTable caption="Counts by team" columns={COLUMNS} rows={rows} rowKey={(row) => row.key} />
    </>
  );
}

/** /reports/:organisationId/teams: the manager view, counts per team. */
export function TeamsReportPage() {
  return <ReportFrame report="teams">{() => <Teams />}</ReportFrame>;
}
