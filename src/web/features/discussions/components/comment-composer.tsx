import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { COMMENT_BODY_MAX } from "../../../../shared/discussions";
import { Button } from "../../../components/button";
import { CharacterCount } from "../../../components/character-count";
import { ErrorSummary } from "../../../components/error-summary";
import { Select } from "../../../components/select";
import { useFormErrors } from "../../../lib/use-form-errors";
import { GUIDELINES_PATH } from "./comment-words";

interface CommentComposerProps {
  /** Unique on the page: the textarea's id is `${id}-body`. */
  id: string;
  label: string;
  submitText: string;
  facilitators: ReadonlyArray<{ id: string; name: string }>;
  initialBody?: string;
  busy: boolean;
  /** Sends the body; rejects with the server's error, which the form shows. */
  onSubmit: (body: string) => Promise<unknown>;
  onCancel?: () => void;
}

/**
 * A comment box: a character count, a hint about the Markdown it understands, a "Mention a facilitator" select that
 * writes @Given Family into the text, and the community guidelines beside it.
 */
export function CommentComposer({
  id,
  label,
  submitText,
  facilitators,
  initialBody = "",
  busy,
  onSubmit,
  onCancel,
}: CommentComposerProps) {
  const [body, setBody] = useState(initialBody);
  const [mention, setMention] = useState("");
  const bodyId = `${id}-body`;
  const { errors, summary, showFieldErrors, showFailure } = useFormErrors([bodyId]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    if (body.trim().length === 0) {
      showFieldErrors({ [bodyId]: "Write a comment" });
      return;
    }
    if (body.length > COMMENT_BODY_MAX) {
      showFieldErrors({
        [bodyId]: `Your comment must be ${COMMENT_BODY_MAX.toLocaleString("en-GB")} characters or fewer`,
      });
      return;
    }
    try {
      await onSubmit(body);
      showFieldErrors({});
      setBody("");
    } catch (error) {
      // The server names the field "body"; show it against this form's textarea.
      showFailure(error);
      const detail = (error as { details?: Array<{ field?: string; message: string }> }).details?.find(
        (d) => d.field === "body",
      );
      if (detail) showFieldErrors({ [bodyId]: detail.message });
    }
  };

  const insertMention = (facilitatorId: string) => {
    setMention("");
    const person = facilitators.find((f) => f.id === facilitatorId);
    if (!person) return;
    setBody((current) => `${current}${current && !/\s$/.test(current) ? " " : ""}@${person.name} `);
    document.getElementById(bodyId)?.focus();
  };

  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <ErrorSummary errors={summary} />
      <CharacterCount
        id={bodyId}
        label={label}
        labelSize="s"
        hint="You can use Markdown: *italic*, **bold**, lists, > quotes, `code` and links starting https://"
        error={errors[bodyId]}
        value={body}
        onChange={setBody}
        maxLength={COMMENT_BODY_MAX}
        rows={4}
      />
      {facilitators.length > 0 && (
        <Select
          id={`${id}-mention`}
          label="Mention a facilitator"
          hint="Adds their name to your comment so they are told about it"
          options={[
            { value: "", label: "Choose a facilitator" },
            ...facilitators.map((f) => ({ value: f.id, label: f.name })),
          ]}
          value={mention}
          onChange={insertMention}
        />
      )}
      <p className="nhsuk-body-s">
        Be kind and keep it about improvement: read the <Link to={GUIDELINES_PATH}>Community guidelines</Link>
        .
      </p>
      <div className="app-comment__actions">
        <Button busy={busy}>{submitText}</Button>
        {onCancel && (
          <Button type="button" variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        )}
      </div>
    </form>
  );
}
