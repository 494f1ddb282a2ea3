import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { COMMENT_BODY_MAX, TOPIC_TITLE_MAX } from "../../../../shared/discussions";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { TextInput } from "../../../components/text-input";
import { isApiError } from "../../../lib/api-client";
import { formatDateTime } from "../../../lib/format";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { usePinTopic } from "../api/comment-actions";
import { useStartTopic, useTopics } from "../api/topics";
import { commentCountWords, GUIDELINES_PATH } from "../components/comment-words";
import "../components/discussions.css";

function NewTopicForm({ runId }: { runId: string }) {
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const start = useStartTopic(runId);
  const navigate = useNavigate();
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors(["title", "body"]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (start.isPending) return;
    const found: Record<string, string> = {};
    if (!title.trim()) found.title = "Enter a title for your topic";
    else if (title.trim().length > TOPIC_TITLE_MAX)
      found.title = `The title must be ${TOPIC_TITLE_MAX} characters or fewer`;
    if (!body.trim()) found.body = "Write a comment";
    else if (body.length > COMMENT_BODY_MAX)
      found.body = `Your comment must be ${COMMENT_BODY_MAX.toLocaleString("en-GB")} characters or fewer`;
    if (showFieldErrors(found)) return;
    try {
      const topic = await start.mutateAsync({ title, body });
      navigate(`/runs/${runId}/board/${topic.id}`);
    } catch (error) {
      showFailure(error);
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="new-topic-heading">
      <h2 className="nhsuk-heading-m" id="new-topic-heading">
        Start a new topic
      </h2>
      <ErrorSummary errors={summary} />
      <TextInput id="title" label="Title" error={errors.title} value={title} onChange={setTitle} />
      <CharacterCount
        id="body"
        label="Your opening post"
        labelSize="s"
        hint="You can use Markdown: *italic*, **bold**, lists, > quotes, `code` and links starting https://"
        error={errors.body}
        value={body}
        onChange={setBody}
        maxLength={COMMENT_BODY_MAX}
      />
      <p className="nhsuk-body-s">
        Be kind and keep it about improvement: read the <Link to={GUIDELINES_PATH}>Community guidelines</Link>
        .
      </p>
      <Button busy={start.isPending}>Start topic</Button>
    </form>
  );
}

/** /runs/:runId/board: the run's general discussion, its topics by last activity, and a form to start one. */
export function BoardPage() {
  const { runId = "" } = useParams();
  const query = useTopics(runId);
  const pin = usePinTopic();
  const [message, setMessage] = useState("");
  usePageTitle(query.data ? `${query.data.run.title} discussion board` : "Discussion board");

  if (query.isPending) return <LoadingPage title="Discussion board" />;
  if (query.isError) {
    return (
      <ProblemPage
        title={isApiError(query.error, 404) ? "Discussion board not found" : "You cannot see this board"}
        message={query.error.message}
      />
    );
  }
  const { run, viewer, topics } = query.data;
  return (
    <>
      <span className="nhsuk-caption-l">{run.courseTitle}</span>
      <h1>{run.title}: discussion board</h1>
      <p>Introduce yourself, share what you are working on and ask questions that are not about one step.</p>
      <div role="status" aria-live="polite">
        {message}
      </div>
      {topics.length === 0 ? (
        <p>No topics yet.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Topics, most recently active first</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Topic</th>
              <th scope="col">Comments</th>
              <th scope="col">Last activity</th>
              {viewer.canFacilitate && <th scope="col">Pin</th>}
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {topics.map((topic) => (
              <tr key={topic.id}>
                <td className="app-comment__body">
                  <Link to={`/runs/${run.id}/board/${topic.id}`}>{topic.title}</Link>
                  {topic.pinned && (
                    <strong className="nhsuk-tag nhsuk-tag--purple nhsuk-u-margin-left-2">Pinned</strong>
                  )}
                  <br />
                  <span className="nhsuk-body-s">Started by {topic.author.name}</span>
                </td>
                <td>{commentCountWords(topic.commentCount)}</td>
                <td>{formatDateTime(topic.lastActivityAt)}</td>
                {viewer.canFacilitate && (
                  <td>
                    <Button
                      type="button"
                      variant="secondary"
                      small
                      busy={pin.isPending}
                      onClick={async () => {
                        try {
                          await pin.mutateAsync({ id: topic.id, on: !topic.pinned });
                          setMessage(
                            topic.pinned
                              ? `Unpinned “${topic.title}”.`
                              : `Pinned “${topic.title}” to the top.`,
                          );
                        } catch (error) {
                          setMessage(error instanceof Error ? error.message : "That did not work.");
                        }
                      }}
                    >
                      {topic.pinned ? "Unpin" : "Pin"}
                      <span className="nhsuk-u-visually-hidden"> {topic.title}</span>
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {viewer.canPost ? (
        <NewTopicForm runId={run.id} />
      ) : (
        <div className="nhsuk-inset-text">
          <p>{viewer.cannotPostReason}</p>
        </div>
      )}
    </>
  );
}
