import { useId, useState } from "react";
import { Button } from "../../../components/button";
import { Details } from "../../../components/nhs";
import { Textarea } from "../../../components/textarea";
import { usePreview } from "../api/preview";

interface MarkdownEditorProps {
  /** The field name: the textarea's id. */
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
}

/**
 * A Markdown textarea with a Preview button that shows the server's rendering, the same sanitised HTML learners
 * will see (script, iframes and javascript: links never survive it).
 */
export function MarkdownEditor({ id, label, hint, error, value, onChange, rows = 12 }: MarkdownEditorProps) {
  const preview = usePreview();
  const [previewed, setPreviewed] = useState<string | null>(null);
  const headingId = useId();
  const showPreview = () => {
    if (preview.isPending) return;
    preview.mutate(value, { onSuccess: () => setPreviewed(value) });
  };
  const html = previewed !== null ? preview.data?.html : undefined;

  return (
    <>
      <Textarea
        id={id}
        label={label}
        hint={hint}
        error={error}
        value={value}
        onChange={onChange}
        rows={rows}
      />
      <Details>
        <Details.Summary>How to format the text</Details.Summary>
        <Details.Text>
          <ul>
            <li>
              <code>## Heading</code> for a heading (the step's title is the page's main heading)
            </li>
            <li>
              <code>**bold**</code> for <strong>bold</strong>, <code>*italic*</code> for <em>italic</em>
            </li>
            <li>
              <code>- item</code> for a bulleted list, <code>1. item</code> for a numbered list
            </li>
            <li>
              <code>[words](https://example.org)</code> for a link
            </li>
            <li>
              <code>![description](/api/files/…)</code> for an uploaded image
            </li>
          </ul>
          <p>HTML is shown as text, not run, so learners' pages stay safe.</p>
        </Details.Text>
      </Details>
      <div className="app-actions nhsuk-u-margin-bottom-6">
        <Button type="button" variant="secondary" small busy={preview.isPending} onClick={showPreview}>
          {previewed === null ? "Preview" : "Preview again"}
          <span className="nhsuk-u-visually-hidden"> {label.toLowerCase()}</span>
        </Button>
        {previewed !== null ? (
          <Button type="button" variant="secondary" small onClick={() => setPreviewed(null)}>
            Hide preview
          </Button>
        ) : null}
      </div>
      <div aria-live="polite">
        {preview.isPending ? <p>Preparing the preview…</p> : null}
        {preview.isError ? <p className="nhsuk-error-message">{preview.error.message}</p> : null}
        {html !== undefined && !preview.isPending ? (
          <section aria-labelledby={headingId}>
            <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-2" id={headingId}>
              Preview of {label.toLowerCase()}
            </h3>
            {previewed !== value ? (
              <p className="nhsuk-body-s">
                The text has changed since this preview. Preview again to see it.
              </p>
            ) : null}
            <div
              className="app-markdown-preview"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the server rendered this with html disabled and links limited to safe schemes (platform/markdown.ts).
              dangerouslySetInnerHTML={{ __html: html }}
            />
          </section>
        ) : null}
      </div>
    </>
  );
}
