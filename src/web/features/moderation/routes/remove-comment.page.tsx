import { type FormEvent, useState } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { MODERATION_NOTE_MAX } from "../../../../shared/moderation";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { BackLink } from "../../../components/links";
import { LoadingPage, ProblemPage } from "../../../components/page-state";
import { flash } from "../../../lib/flash";
import { usePageTitle } from "../../../lib/page-title";
import { useFormErrors } from "../../../lib/use-form-errors";
import { useModerateComment } from "../api/moderate-comment";
import { useRunModeration } from "../api/run-moderation";
import { CommentText, CommentWhere } from "../components/comment-text";
import { runModerationPath } from "../components/moderation-paths";

const TITLE = "Are you sure you want to remove this comment?";
const FIELDS = ["note"] as const;

/** /facilitate/runs/:runId/moderation/comments/:commentId/remove: confirm a removal, which cannot be undone. */
export function RemoveCommentPage() {
  const { runId = "", commentId = "" } = useParams();
  const queue = useRunModeration(runId);
  const moderate = useModerateComment();
  const navigate = useNavigate();
  const [note, setNote] = useState("");
  const form = useFormErrors(FIELDS);
  usePageTitle(TITLE);

  if (queue.isPending) return <LoadingPage title={TITLE} />;
  const back = <BackLink to={runModerationPath(runId)}>Moderation</BackLink>;
  if (queue.isError) {
    return (
      <>
        {back}
        <ProblemPage title="Sorry, there is a problem" message={queue.error.message} />
      </>
    );
  }
  const comment =
    queue.data.reported.find((c) => c.commentId === commentId && c.state === "visible") ??
    queue.data.hidden.find((c) => c.commentId === commentId);
  if (!comment) {
    return (
      <>
        {back}
        <ProblemPage
          title="This comment is not waiting for moderation"
          message="Someone may have dealt with it already. Go back to the moderation page to see what is left."
        />
      </>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (moderate.isPending) return;
    if (note.length > MODERATION_NOTE_MAX) {
      form.showFieldErrors({
        note: `Keep the note to ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters or fewer`,
      });
      return;
    }
    form.showFieldErrors({});
    moderate.mutate(
      { commentId, action: "remove", ...(note.trim() ? { note } : {}) },
      {
        onSuccess: () =>
          navigate(runModerationPath(runId), {
            replace: true,
            state: flash(
              `Comment by ${comment.author.name} removed`,
              "No one will see it again. Its reports are resolved.",
            ),
          }),
        onError: (error) => form.showFailure(error),
      },
    );
  };

  return (
    <>
      {back}
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <ErrorSummary errors={form.summary} />
          <h1>{TITLE}</h1>
          <p>
            <strong>{comment.author.name}</strong>
            <br />
            <span className="nhsuk-body-s">
              <CommentWhere place={comment.place} postedAt={comment.postedAt} runId={runId} />
            </span>
          </p>
          <CommentText body={comment.body} />
          <p>
            Removing a comment is final: learners will see that a facilitator removed it, and you cannot
            restore it. If you are not sure yet, hide it instead.
          </p>
          <form noValidate onSubmit={submit}>
            <CharacterCount
              id="note"
              label="Note for the record (optional)"
              labelSize="s"
              hint="Why you removed it. Only facilitators and administrators see this, in the audit record."
              value={note}
              onChange={setNote}
              maxLength={MODERATION_NOTE_MAX}
              error={form.errors.note}
              rows={3}
            />
            <Button variant="warning" busy={moderate.isPending}>
              Remove comment
            </Button>
          </form>
          <p>
            <Link to={runModerationPath(runId)}>Cancel</Link>
          </p>
        </div>
      </div>
    </>
  );
}
