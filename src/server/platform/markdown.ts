import MarkdownIt from "markdown-it";

/**
 * Markdown → HTML for lessons, transcripts and help answers. Raw HTML in the source is escaped, not passed through
 * (`html: false`), so script, iframe and style can never reach the page; link and image targets are limited to
 * https, http, mailto and this platform's own paths, so javascript:, data: and vbscript: URLs are dropped.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;

markdown.validateLink = (url: string) => SAFE_URL.test(url.trim());

const defaultLinkOpen =
  markdown.renderer.rules.link_open ??
  ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
markdown.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const token = tokens[idx];
  const href = String(token?.attrGet("href") ?? "");
  if (token && /^https?:\/\//i.test(href)) {
    // Links out of the platform open normally but give the other site no handle on this page.
    token.attrSet("rel", "noopener noreferrer");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

/**
 * Every page that shows Markdown has its own h1 (the step title, the help question), so when the source uses
 * top-level headings every heading moves down one level, keeping their order and the page's single h1.
 */
markdown.core.ruler.push("nest_headings_under_the_page_title", (state) => {
  const headings = state.tokens.filter((t) => t.type === "heading_open" || t.type === "heading_close");
  if (!headings.some((t) => t.tag === "h1")) return;
  for (const token of headings) token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
});

/** Renders Markdown to HTML that is safe to insert into a page, its headings under the page's h1. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
