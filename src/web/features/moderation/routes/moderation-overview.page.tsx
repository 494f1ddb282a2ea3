import { Link } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { Table } from "../../../components/nhs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { usePageTitle } from "../../../lib/page-title";
import { useModerationOverview } from "../api/moderation-overview";
import { FACILITATE_PATH, GUIDELINES_PATH, runModerationPath } from "../components/moderation-paths";

const TITLE = "Moderation queue";

/** /facilitate/moderation: what is waiting in each run I facilitate (administrators: every run with something in it). */
export function ModerationOverviewPage() {
  const overview = useModerationOverview();
  usePageTitle(TITLE);

  if (overview.isPending) return <LoadingPage title={TITLE} />;
  if (overview.isError)
    return <ProblemPage title="Sorry, there is a problem" message={overview.error.message} />;

  const runs = overview.data.runs;
  const waiting = runs.reduce((n, q) => n + q.reported.length, 0);
  return (
    <>
      <Breadcrumbs items={[{ to: FACILITATE_PATH, text: "Facilitate" }]} />
      <h1>{TITLE}</h1>
      <p>
        {waiting === 0
          ? "There are no reported comments waiting in your course runs."
          : `${waiting} reported ${waiting === 1 ? "comment is" : "comments are"} waiting for a facilitator.`}{" "}
        Decide against the <Link to={GUIDELINES_PATH}>community guidelines</Link>.
      </p>
      {runs.length === 0 ? (
        <p>You do not facilitate any course runs yet.</p>
      ) : (
        <Table responsive caption="Course runs and what is waiting in each">
          <Table.Head>
            <Table.Row>
              <Table.Cell>Course run</Table.Cell>
              <Table.Cell format="numeric">Reported</Table.Cell>
              <Table.Cell format="numeric">Hidden</Table.Cell>
              <Table.Cell format="numeric">Suspended members</Table.Cell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {runs.map((q) => (
              <Table.Row key={q.run.id}>
                <Table.Cell>
                  <Link to={runModerationPath(q.run.id)}>
                    {q.run.courseTitle}: {q.run.title}
                  </Link>
                </Table.Cell>
                <Table.Cell format="numeric">{q.reported.length}</Table.Cell>
                <Table.Cell format="numeric">{q.hidden.length}</Table.Cell>
                <Table.Cell format="numeric">{q.suspended.length}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </>
  );
}
