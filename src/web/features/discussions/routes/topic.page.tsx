import { useState } from "react";
import { useParams } from "react-router";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { isApiError } from "../../../lib/api-client";
import { usePageTitle } from "../../../lib/page-title";
import { usePostComment } from "../api/comment-actions";
import { useTopic } from "../api/topics";
import { type CommentContext, CommentItem } from "../components/comment-item";
import { commentCountWords } from "../components/comment-words";
import { DiscussionThread } from "../components/discussion-thread";
import { useThreadParams } from "../components/thread-params";
import "../components/discussions.css";

/** /runs/:runId/board/:topicId: a topic's opening post, its comments and replies. */
export function TopicPage() {
  const { runId = "", topicId = "" } = useParams();
  const { sort, page, hrefForPage, setSort } = useThreadParams();
  const query = useTopic(topicId, sort, page);
  const post = usePostComment({ kind: "topic", topicId });
  const [message, setMessage] = useState("");
  usePageTitle(query.data?.topic.title ?? "Topic");

  if (query.isPending) return <LoadingPage title="Topic" />;
  if (query.isError) {
    return (
      <>
        <BackLink to={`/runs/${runId}/board`}>Discussion board</BackLink>
        <ProblemPage
          title={isApiError(query.error, 404) ? "Topic not found" : "You cannot see this topic"}
          message={query.error.message}
        />
      </>
    );
  }
  const data = query.data;
  const context: CommentContext = {
    facilitators: data.run.facilitators,
    replying: post.isPending,
    reply: (parentId, body) => post.mutateAsync({ body, parentId }),
    announce: setMessage,
  };
  return (
    <>
      <BackLink to={`/runs/${data.run.id}/board`}>{data.run.title} discussion board</BackLink>
      <span className="nhsuk-caption-l">{data.run.title}</span>
      <h1 className="app-comment__body">{data.topic.title}</h1>
      <div role="status" aria-live="polite">
        {message}
      </div>
      {data.openingPost && (
        <>
          <CommentItem comment={data.openingPost} context={context} />
          {data.openingPost.replies.length > 0 && (
            <ol className="app-comment__replies" aria-label="Replies to the opening post">
              {data.openingPost.replies.map((reply) => (
                <li key={reply.id}>
                  <CommentItem comment={reply} context={context} />
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      <DiscussionThread
        data={data}
        target={{ kind: "topic", topicId }}
        heading={`Comments (${commentCountWords(Math.max(0, data.commentCount - (data.openingPost ? 1 : 0)))})`}
        headingLevel="h2"
        hrefForPage={hrefForPage}
        onSortChange={setSort}
      />
    </>
  );
}
