/**
 * Lesson text (or a transcript, or a quiz's introduction) rendered from Markdown by the server, which escapes any
 * raw HTML and drops unsafe link targets (platform/markdown.ts), so it can go into the page as it is.
 */
export function RichText({ html, className }: { html: string; className?: string }) {
  if (!html.trim()) return null;
  return (
    <div
      className={`nhsuk-u-reading-width app-rich-text${className ? ` ${className}` : ""}`}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitises this HTML (renderMarkdown)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
