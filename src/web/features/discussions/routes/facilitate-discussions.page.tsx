import { Link, useParams } from "react-router";
import { Breadcrumbs } from "../../../components/breadcrumbs";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useStepCommentCounts } from "../api/step-counts";
import { commentCountWords } from "../components/comment-words";

/** /facilitate/runs/:runId/discussions: every step of the run's course with its comment counts, for facilitators. */
export function FacilitateDiscussionsPage() {
  const { runId = "" } = useParams();
  const query = useStepCommentCounts(runId);
  usePageTitle(query.data ? `Discussions: ${query.data.run.title}` : "Discussions");

  if (query.isPending) return <LoadingPage title="Discussions" />;
  if (query.isError)
    return <ProblemPage title="You cannot see these discussions" message={query.error.message} />;
  const { run, modules } = query.data;
  return (
    <>
      <Breadcrumbs
        items={[
          { to: "/facilitate", text: "Facilitate" },
          { to: `/facilitate/runs/${run.id}`, text: run.title },
        ]}
      />
      <span className="nhsuk-caption-l">{run.courseTitle}</span>
      <h1>Discussions in {run.title}</h1>
      <p>
        Open a step to read its discussion, highlight helpful comments and pin one to the top.{" "}
        <Link to={`/runs/${run.id}/board`}>Go to the run's discussion board</Link>.
      </p>
      {modules.map((module) => (
        <table className="nhsuk-table" key={module.id}>
          <caption className="nhsuk-table__caption">
            Module {module.position}: {module.title}
          </caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Comments</th>
              <th scope="col">Highlighted</th>
              <th scope="col">Last comment</th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {module.steps.map((step) => (
              <tr key={step.id}>
                <td>
                  <Link to={`/runs/${run.id}/steps/${step.id}`}>{step.title}</Link>
                </td>
                <td>{commentCountWords(step.commentCount)}</td>
                <td>{step.highlightedCount.toLocaleString("en-GB")}</td>
                <td>{step.lastCommentAt ? formatDateTime(step.lastCommentAt) : "None yet"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}
