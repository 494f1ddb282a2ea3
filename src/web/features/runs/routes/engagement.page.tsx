import { useParams } from "react-router";
import type { Engagement } from "../../../../shared/runs";
import { BackLink } from "../../../components/links";
import { Details, Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { formatDate } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useEngagement } from "../api/runs";
import { BarChart, LineChart } from "../components/charts";
import { FACILITATE_PATH, runOverviewPath } from "../components/run-paths";
import "../components/runs.css";

const shortDay = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });
const shortLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

function stepLabel(s: { number: string; title: string }) {
  return `${s.number} ${s.title}`;
}

/** The headline figures, as the paper's Table 1 writes them: "Learners who started the course 2326 (71%)". */
function Headline({ e }: { e: Engagement }) {
  const who = e.scope.kind === "run" ? "Learners in the run" : "Learners enrolled on the course";
  return (
    <Table caption="Learners" responsive={false}>
      <Table.Head>
        <Table.Row>
          <Table.Cell>Measure</Table.Cell>
          <Table.Cell format="numeric">Learners</Table.Cell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        <Table.Row>
          <Table.Cell>{who}</Table.Cell>
          <Table.Cell format="numeric">{e.enrolled}</Table.Cell>
        </Table.Row>
        <Table.Row>
          <Table.Cell>Learners who started the course (of those enrolled)</Table.Cell>
          <Table.Cell format="numeric">
            {e.started.count} ({e.started.percent}%)
          </Table.Cell>
        </Table.Row>
        <Table.Row>
          <Table.Cell>Learners who completed every module (of those who started)</Table.Cell>
          <Table.Cell format="numeric">
            {e.completed.count} ({e.completed.percent}%)
          </Table.Cell>
        </Table.Row>
      </Table.Body>
    </Table>
  );
}

function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: [string, string];
  rows: Array<{ key: string; label: string; value: number }>;
}) {
  return (
    <Details>
      <Details.Summary>Show the data as a table</Details.Summary>
      <Details.Text>
        <Table caption={caption} responsive={false}>
          <Table.Head>
            <Table.Row>
              <Table.Cell>{head[0]}</Table.Cell>
              <Table.Cell format="numeric">{head[1]}</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {rows.map((r) => (
              <Table.Row key={r.key}>
                <Table.Cell>{r.label}</Table.Cell>
                <Table.Cell format="numeric">{r.value}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </Details.Text>
    </Details>
  );
}

/** Engagement figures for a run or a course, with charts and their data as tables. */
function EngagementPage({ kind, id }: { kind: "run" | "course"; id: string }) {
  const figures = useEngagement(kind, id);
  const e = figures.data;
  const heading = "Engagement";
  const caption = e
    ? e.scope.kind === "run"
      ? `${e.scope.runTitle} – ${e.scope.courseTitle}`
      : e.scope.courseTitle
    : "";
  usePageTitle(e ? `${heading}: ${caption}` : heading);
  const back =
    kind === "run" ? (
      <BackLink to={runOverviewPath(id)}>The run</BackLink>
    ) : (
      <BackLink to={FACILITATE_PATH}>Facilitate</BackLink>
    );

  if (figures.isPending) return <LoadingPage title={heading} />;
  if (figures.isError || !e) {
    return (
      <>
        {back}
        <ProblemPage
          title={
            isApiError(figures.error, 404)
              ? "Page not found"
              : isApiError(figures.error, 403)
                ? "You cannot see these figures"
                : "Sorry, there is a problem"
          }
          message={figures.error?.message ?? ""}
        />
      </>
    );
  }
  const days = e.activeByDay.map((d) => ({
    label: formatDate(d.day),
    shortLabel: shortLabel(d.day),
    value: d.learners,
  }));
  const comments = e.commentsPerStep.map((s) => ({ key: s.stepId, label: stepLabel(s), value: s.comments }));
  const stops = e.stops.map((s) => ({ key: s.stepId, label: stepLabel(s), value: s.learners }));
  const stopped = e.started.count - e.completed.count;
  return (
    <>
      {back}
      <span className="nhsuk-caption-l">{caption}</span>
      <h1>{heading}</h1>
      <p>
        Counts only: no learner is named.{" "}
        {e.scope.kind === "run"
          ? "These figures are for the run's members."
          : "These figures are for everyone enrolled on the course, in every run."}
      </p>
      <Headline e={e} />

      <h2>Active learners per day</h2>
      <p className="nhsuk-body-s">
        A learner is active on a day they open or progress a step, or comment.{" "}
        {e.scope.from && e.scope.to
          ? `From ${formatDate(e.scope.from)} to ${formatDate(e.scope.to)}.`
          : "The run has not opened yet, so there are no days to show."}
      </p>
      {days.length > 0 ? (
        <>
          <LineChart
            title="Active learners per day"
            description="A line chart of how many learners were active each day."
            points={days}
            unit="learners"
          />
          <DataTable
            caption="Active learners per day"
            head={["Day", "Active learners"]}
            rows={days.map((d) => ({ key: d.label, label: d.label, value: d.value }))}
          />
        </>
      ) : null}

      <h2>Comments per step</h2>
      <p className="nhsuk-body-s">Visible comments and replies on each step, in course order.</p>
      <BarChart
        title="Comments per step"
        description="A bar chart of the number of visible comments on each step, in course order."
        data={comments}
        unit="comments"
      />
      <DataTable caption="Comments per step" head={["Step", "Comments"]} rows={comments} />

      <h2>Where learners stop</h2>
      <p className="nhsuk-body-s">
        The {stopped} {stopped === 1 ? "learner" : "learners"} who started but have not completed, by the
        furthest step they reached.
      </p>
      <BarChart
        title="Where learners stop"
        description="A bar chart of learners who started but did not complete, by the furthest step they reached."
        data={stops}
        unit="learners"
      />
      <DataTable caption="Where learners stop" head={["Furthest step", "Learners"]} rows={stops} />
    </>
  );
}

/** /facilitate/runs/:runId/engagement: a run's engagement figures (its facilitators, administrators). */
export function RunEngagementPage() {
  const { runId = "" } = useParams();
  return <EngagementPage kind="run" id={runId} />;
}

/** /facilitate/courses/:courseId/engagement: a course's engagement figures. */
export function CourseEngagementPage() {
  const { courseId = "" } = useParams();
  return <EngagementPage kind="course" id={courseId} />;
}
