/**
 * A reflection as the server rendered it from Markdown: raw HTML escaped and unsafe link targets dropped
 * (src/server/platform/markdown.ts), so it can go into the page as it is.
 */
export function ReflectionHtml({ html }: { html: string }) {
  if (!html.trim()) return <p>You did not write a reflection for this activity.</p>;
  return (
    <div
      className="nhsuk-u-reading-width app-cpd-reflection"
      // biome-ignore lint/security/noDangerouslySetInnerHtml: the server sanitises this HTML (renderMarkdown)
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
