import { Link } from "react-router";
import { type FacilitatedRun, RUN_PHASE_LABELS, RUN_PHASES, type RunPhase } from "../../../../shared/runs";
import { ActionLink } from "../../../components/links";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useMe } from "../../../lib/use-me";
import { useFacilitatedRuns } from "../api/runs";
import { courseEngagementPath, NEW_RUN_PATH, runOverviewPath } from "../components/run-paths";
import { ukDay, ukDaySpan } from "../components/run-words";

/** Phases in the order a facilitator cares about: live first, ended last. */
const PHASE_ORDER: RunPhase[] = ["live", "open", "open_after_live", "upcoming", "catch_up", "ended"];

function RunsTable({ runs, phase }: { runs: FacilitatedRun[]; phase: RunPhase }) {
  return (
    <Table caption={`${RUN_PHASE_LABELS[phase]} (${runs.length})`}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Run</Table.Cell>
          <Table.Cell>Course</Table.Cell>
          <Table.Cell>Opens</Table.Cell>
          <Table.Cell>Live week</Table.Cell>
          <Table.Cell format="numeric">Members</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {runs.map((run) => (
          <Table.Row key={run.id}>
            <Table.Cell>
              <Link to={runOverviewPath(run.id)}>{run.title}</Link>
            </Table.Cell>
            <Table.Cell>
              {run.courseTitle}
              <br />
              <Link className="nhsuk-body-s" to={courseEngagementPath(run.courseId)}>
                Course engagement<span className="nhsuk-u-visually-hidden">: {run.courseTitle}</span>
              </Link>
            </Table.Cell>
            <Table.Cell>{ukDay(run.opensAt)}</Table.Cell>
            <Table.Cell>{ukDaySpan(run.liveStartsAt, run.liveEndsAt)}</Table.Cell>
            <Table.Cell format="numeric">{run.memberCount}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** /facilitate: the facilitator hub — runs I facilitate (administrators: every run), by phase. */
export function FacilitatePage() {
  const me = useMe();
  const runs = useFacilitatedRuns();
  const isAdmin = me.data?.roles.some((r) => r.role === "platform_admin") ?? false;
  const title = "Facilitate course runs";
  usePageTitle(title);
  if (runs.isPending) return <LoadingPage title={title} />;
  if (runs.isError) return <ProblemPage title="Sorry, there is a problem" message={runs.error.message} />;
  const byPhase = new Map<RunPhase, FacilitatedRun[]>(RUN_PHASES.map((p) => [p, []]));
  for (const run of runs.data.runs) byPhase.get(run.phase)?.push(run);
  return (
    <>
      <h1>{title}</h1>
      <p>
        {isAdmin
          ? "Every run of every mini-course, because you are a platform administrator."
          : "The runs of mini-courses you facilitate."}{" "}
        Open a run to see its members, discussions, moderation, announcements, engagement and surveys.
      </p>
      <ActionLink to={NEW_RUN_PATH}>Schedule a run</ActionLink>
      <p>
        <Link to="/facilitate/moderation">Moderation queue across your runs</Link>: reported and hidden
        comments and suspended members.
      </p>
      {runs.data.runs.length === 0 ? (
        <p>You do not facilitate any runs yet. Schedule one, or ask a colleague to add you to theirs.</p>
      ) : (
        PHASE_ORDER.filter((p) => (byPhase.get(p)?.length ?? 0) > 0).map((phase) => (
          <RunsTable key={phase} phase={phase} runs={byPhase.get(phase) ?? []} />
        ))
      )}
    </>
  );
}
