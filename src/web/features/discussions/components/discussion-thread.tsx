import { useState } from "react";
import {
  COMMENT_SORT_LABELS,
  COMMENT_SORTS,
  type CommentSort,
  type DiscussionRun,
  type ThreadComment,
} from "../../../../shared/discussions";
import { Pagination } from "../../../components/pagination";
import { Select } from "../../../components/select";
import { type CommentTarget, usePostComment } from "../api/comment-actions";
import { CommentComposer } from "./comment-composer";
import { type CommentContext, CommentItem } from "./comment-item";
import { commentCountWords } from "./comment-words";
import "./discussions.css";

/** A page of a thread as the API gives it. */
export interface ThreadPage {
  sort: CommentSort;
  page: number;
  pageSize: number;
  pageCount: number;
  topLevelCount: number;
  commentCount: number;
  comments: ThreadComment[];
  run: DiscussionRun;
  viewer: { canPost: boolean; canFacilitate: boolean; cannotPostReason: string | null };
}

interface DiscussionThreadProps {
  data: ThreadPage;
  target: CommentTarget;
  /** The section's heading, e.g. "Discussion (12 comments)". */
  heading: string;
  headingLevel: "h2" | "h3";
  hrefForPage: (page: number) => string;
  onSortChange: (sort: CommentSort) => void;
  /** Whether to show the composer for a new top-level comment. */
  showComposer?: boolean;
  composerLabel?: string;
}

/** A thread: sort control, composer, comments with their replies, pagination, and a live region for results. */
export function DiscussionThread({
  data,
  target,
  heading,
  headingLevel: Heading,
  hrefForPage,
  onSortChange,
  showComposer = true,
  composerLabel = "Add a comment",
}: DiscussionThreadProps) {
  const [message, setMessage] = useState("");
  const post = usePostComment(target);
  const context: CommentContext = {
    facilitators: data.run.facilitators,
    replying: post.isPending,
    reply: (parentId, body) => post.mutateAsync({ body, parentId }),
    announce: setMessage,
  };
  const prefix = target.kind === "step" ? `step-${target.stepId}` : `topic-${target.topicId}`;

  return (
    <section aria-labelledby={`${prefix}-heading`} className="nhsuk-u-margin-top-6">
      <Heading className="nhsuk-heading-m" id={`${prefix}-heading`}>
        {heading}
      </Heading>
      <div role="status" aria-live="polite" className={message ? "nhsuk-inset-text" : undefined}>
        {message}
      </div>
      {data.viewer.canPost ? (
        showComposer && (
          <CommentComposer
            id={`${prefix}-new`}
            label={composerLabel}
            submitText="Post comment"
            facilitators={data.run.facilitators}
            busy={post.isPending}
            onSubmit={async (body) => {
              await post.mutateAsync({ body });
              setMessage("Your comment was posted.");
            }}
          />
        )
      ) : (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{data.viewer.cannotPostReason ?? "You cannot post in this discussion."}</p>
        </div>
      )}
      <div className="app-discussion-toolbar">
        <Select
          id={`${prefix}-sort`}
          label="Sort comments"
          options={COMMENT_SORTS.map((value) => ({ value, label: COMMENT_SORT_LABELS[value] }))}
          value={data.sort}
          onChange={(value) => onSortChange(value as CommentSort)}
        />
      </div>
      {data.comments.length === 0 ? (
        <p>
          {data.sort === "highlighted"
            ? "No comments have been highlighted by a facilitator yet."
            : "No comments yet. Be the first to share your thoughts."}
        </p>
      ) : (
        <ol className="nhsuk-list" aria-label="Comments">
          {data.comments.map((comment) => (
            <li key={comment.id}>
              <CommentItem comment={comment} context={context} />
              {comment.replies.length > 0 && (
                <ol className="app-comment__replies" aria-label={`Replies to ${comment.author.name}`}>
                  {comment.replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentItem comment={reply} context={context} />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
      <Pagination
        page={data.page}
        pageSize={data.pageSize}
        total={data.pageCount * data.pageSize}
        hrefFor={hrefForPage}
      />
    </section>
  );
}

/** "Discussion (12 comments)". */
export function discussionHeading(count: number): string {
  return `Discussion (${commentCountWords(count)})`;
}
