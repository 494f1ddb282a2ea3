import { Link } from "react-router";
import { RequestErrorSummary } from "../../../components/error-summary";
import { useStepComments } from "../api/step-comments";
import { DiscussionThread, discussionHeading } from "./discussion-thread";
import { useThreadParams } from "./thread-params";

/** A step's discussion in one run, for whoever may read the run (members, its facilitators, administrators). */
export function StepThread({
  stepId,
  runId,
  headingLevel,
  boardLink = true,
}: {
  stepId: string;
  runId: string;
  headingLevel: "h2" | "h3";
  boardLink?: boolean;
}) {
  const { sort, page, hrefForPage, setSort } = useThreadParams();
  const query = useStepComments(stepId, runId, sort, page);
  if (query.isPending) return <p>Loading the discussion…</p>;
  if (query.isError) return <RequestErrorSummary error={query.error} />;
  const data = query.data;
  return (
    <>
      <DiscussionThread
        data={data}
        target={{ kind: "step", stepId, runId }}
        heading={discussionHeading(data.commentCount)}
        headingLevel={headingLevel}
        hrefForPage={hrefForPage}
        onSortChange={setSort}
      />
      {boardLink && (
        <p>
          <Link to={`/runs/${runId}/board`}>Go to the {data.run.title} discussion board</Link> for
          introductions and general discussion.
        </p>
      )}
    </>
  );
}
