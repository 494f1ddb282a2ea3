import { useState } from "react";
import type { Comment } from "../../../../shared/discussions";
import { Button } from "../../../components/button";
import { formatDateTime } from "../../../lib/format";
import { useCommentActions } from "../api/comment-actions";
import { CommentComposer } from "./comment-composer";
import { likeWords } from "./comment-words";
import { ReportForm } from "./report-form";

/** What a comment needs from its thread: who may be mentioned, how to reply, and where to announce results. */
export interface CommentContext {
  facilitators: ReadonlyArray<{ id: string; name: string }>;
  reply: (parentId: string, body: string) => Promise<unknown>;
  replying: boolean;
  announce: (message: string) => void;
}

type Mode = "idle" | "reply" | "edit" | "delete" | "report";

function StateLine({ comment }: { comment: Comment }) {
  if (comment.state === "deleted")
    return <p className="nhsuk-body-s">This comment was deleted by its author.</p>;
  if (comment.state === "removed")
    return <p className="nhsuk-body-s">This comment was removed by a facilitator.</p>;
  if (comment.state === "hidden" && comment.bodyHtml === null) {
    return <p className="nhsuk-body-s">This comment has been hidden by a facilitator.</p>;
  }
  return (
    <div
      className="app-comment__body"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders a Markdown subset and sanitises it with an allow-list (comment-render.ts)
      dangerouslySetInnerHTML={{ __html: comment.bodyHtml ?? "" }}
    />
  );
}

/** One comment: author, time, tags, words (or why there are none), and what the reader may do with it. */
export function CommentItem({ comment, context }: { comment: Comment; context: CommentContext }) {
  const [mode, setMode] = useState<Mode>("idle");
  const actions = useCommentActions();
  const fail = (error: unknown) =>
    context.announce(error instanceof Error ? error.message : "That did not work. Try again.");

  const toggle = async (action: "like" | "highlight" | "pin", on: boolean, done: string) => {
    try {
      await actions[action].mutateAsync({ id: comment.id, on });
      context.announce(done);
    } catch (error) {
      fail(error);
    }
  };

  return (
    <article
      id={`comment-${comment.id}`}
      className={`app-comment${comment.highlighted ? " app-comment--highlighted" : ""}`}
      aria-label={`Comment by ${comment.author.name}`}
    >
      <div className="app-comment__meta">
        <strong>{comment.author.name}</strong>
        {comment.author.isFacilitator && <strong className="nhsuk-tag nhsuk-tag--blue">Facilitator</strong>}
        <span className="nhsuk-body-s nhsuk-u-margin-bottom-0">
          <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
          {comment.editedAt && " (edited)"}
        </span>
        {comment.pinned && <strong className="nhsuk-tag nhsuk-tag--purple">Pinned</strong>}
        {comment.highlighted && (
          <strong className="nhsuk-tag nhsuk-tag--green">Highlighted by a facilitator</strong>
        )}
        {comment.state === "hidden" && comment.bodyHtml !== null && (
          <strong className="nhsuk-tag nhsuk-tag--orange">Hidden</strong>
        )}
      </div>
      {comment.inReplyTo && (
        <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">
          In reply to <a href={`#comment-${comment.inReplyTo.commentId}`}>{comment.inReplyTo.authorName}</a>
        </p>
      )}
      {mode === "edit" ? (
        <CommentComposer
          id={`edit-${comment.id}`}
          label="Edit your comment"
          submitText="Save changes"
          facilitators={context.facilitators}
          initialBody={comment.body ?? ""}
          busy={actions.edit.isPending}
          onSubmit={async (body) => {
            await actions.edit.mutateAsync({ id: comment.id, body });
            setMode("idle");
            context.announce("Your comment was saved.");
          }}
          onCancel={() => setMode("idle")}
        />
      ) : (
        <StateLine comment={comment} />
      )}
      {mode !== "edit" && (
        <div className="app-comment__actions">
          {comment.state === "visible" &&
            (comment.canLike ? (
              <button
                type="button"
                className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
                aria-pressed={comment.likedByMe}
                aria-disabled={actions.like.isPending ? "true" : undefined}
                onClick={() => {
                  if (actions.like.isPending) return;
                  void toggle(
                    "like",
                    !comment.likedByMe,
                    comment.likedByMe ? "You took your like back." : "You liked this comment.",
                  );
                }}
              >
                Like<span className="nhsuk-u-visually-hidden"> comment by {comment.author.name}</span> (
                {likeWords(comment.likeCount)})
              </button>
            ) : (
              <span className="nhsuk-body-s nhsuk-u-margin-bottom-2">{likeWords(comment.likeCount)}</span>
            ))}
          {comment.canReply && (
            <Button
              type="button"
              variant="secondary"
              small
              onClick={() => setMode(mode === "reply" ? "idle" : "reply")}
            >
              Reply<span className="nhsuk-u-visually-hidden"> to {comment.author.name}</span>
            </Button>
          )}
          {comment.canEdit && (
            <Button type="button" variant="secondary" small onClick={() => setMode("edit")}>
              Edit<span className="nhsuk-u-visually-hidden"> your comment</span>
            </Button>
          )}
          {comment.canDelete && (
            <Button type="button" variant="secondary" small onClick={() => setMode("delete")}>
              Delete<span className="nhsuk-u-visually-hidden"> your comment</span>
            </Button>
          )}
          {comment.canReport && (
            <Button type="button" variant="secondary" small onClick={() => setMode("report")}>
              Report<span className="nhsuk-u-visually-hidden"> comment by {comment.author.name}</span>
            </Button>
          )}
          {comment.canHighlight && (
            <Button
              type="button"
              variant="secondary"
              small
              busy={actions.highlight.isPending}
              onClick={() =>
                toggle(
                  "highlight",
                  !comment.highlighted,
                  comment.highlighted
                    ? "Highlight taken off."
                    : "Comment highlighted. Its author has been told.",
                )
              }
            >
              {comment.highlighted ? "Remove highlight" : "Highlight"}
            </Button>
          )}
          {(comment.canPin || comment.pinned) && comment.canHighlight && (
            <Button
              type="button"
              variant="secondary"
              small
              busy={actions.pin.isPending}
              onClick={() =>
                toggle(
                  "pin",
                  !comment.pinned,
                  comment.pinned ? "Comment unpinned." : "Comment pinned to the top.",
                )
              }
            >
              {comment.pinned ? "Unpin" : "Pin to top"}
            </Button>
          )}
        </div>
      )}
      {mode === "delete" && (
        <div className="nhsuk-warning-callout">
          <h3 className="nhsuk-warning-callout__label">
            <span className="nhsuk-u-visually-hidden">Important: </span>Delete your comment?
          </h3>
          <p>Your words will be removed. Replies to your comment stay in the discussion.</p>
          <div className="app-comment__actions">
            <Button
              type="button"
              variant="warning"
              busy={actions.remove.isPending}
              onClick={async () => {
                try {
                  await actions.remove.mutateAsync(comment.id);
                  context.announce("Your comment was deleted.");
                } catch (error) {
                  fail(error);
                }
                setMode("idle");
              }}
            >
              Yes, delete it
            </Button>
            <Button type="button" variant="secondary" onClick={() => setMode("idle")}>
              No, keep it
            </Button>
          </div>
        </div>
      )}
      {mode === "report" && (
        <ReportForm
          commentId={comment.id}
          onCancel={() => setMode("idle")}
          onDone={(message) => {
            setMode("idle");
            context.announce(message);
          }}
        />
      )}
      {mode === "reply" && (
        <CommentComposer
          id={`reply-${comment.id}`}
          label={`Reply to ${comment.author.name}`}
          submitText="Post reply"
          facilitators={context.facilitators}
          busy={context.replying}
          onSubmit={async (body) => {
            await context.reply(comment.id, body);
            setMode("idle");
            context.announce("Your reply was posted.");
          }}
          onCancel={() => setMode("idle")}
        />
      )}
    </article>
  );
}
