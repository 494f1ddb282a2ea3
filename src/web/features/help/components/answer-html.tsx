/**
 * An answer's body as the server rendered it. The HTML is safe to insert: the server renders Markdown with raw
 * HTML escaped and only https, http, mailto and on-site links kept (src/server/platform/markdown.ts).
 */
export function AnswerHtml({ html }: { html: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server's Markdown renderer (see above).
  return <div className="app-help-answer" dangerouslySetInnerHTML={{ __html: html }} />;
}
