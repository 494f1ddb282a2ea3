import { Link } from "react-router";
import type { CommentPlace } from "../../../../shared/moderation";
import { formatDateTime } from "../../../lib/format";
import { runBoardPath } from "./moderation-paths";
import "./moderation.css";

/**
 * A comment's Markdown source shown as text (React escapes it), so a moderator sees exactly what was typed, links and
 * any markup included, and nothing in it can run.
 */
export function CommentText({ body }: { body: string }) {
  return <blockquote className="app-moderation-comment">{body}</blockquote>;
}

/** Where a comment was posted and when, in words. */
export function CommentWhere({
  place,
  postedAt,
  runId,
}: {
  place: CommentPlace;
  postedAt: string;
  runId: string;
}) {
  return (
    <>
      {place.kind === "topic" ? (
        <>
          Board topic: <Link to={runBoardPath(runId)}>{place.title}</Link>
        </>
      ) : (
        <>Step: {place.title}</>
      )}
      , posted {formatDateTime(postedAt)}
    </>
  );
}
