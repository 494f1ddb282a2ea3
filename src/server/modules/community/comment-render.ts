import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";

/**
 * Comments' Markdown subset → HTML, sanitised on output (docs/decisions/0019-comment-rendering.md). A stricter
 * instance than platform/markdown.ts: paragraphs, line breaks, emphasis, strong, lists, http(s) and mailto links,
 * inline code and block quotes only; no images, headings, tables, code blocks or raw HTML. sanitize-html then keeps
 * only the allow-listed tags and attributes, whatever markdown-it produced, so a renderer bug cannot reach the page.
 */
const markdown = new MarkdownIt("zero", { html: false, linkify: true, breaks: true, typographer: false });
markdown.enable(["paragraph", "list", "blockquote"]);
markdown.enable(["newline", "emphasis", "link", "backticks", "escape", "entity", "linkify", "autolink"]);
markdown.enable(["linkify"], true);

const LINK_SCHEMES = /^(https?:\/\/|mailto:)/i;
markdown.validateLink = (url: string) => LINK_SCHEMES.test(url.trim());

/** The rel every link in a comment carries: user content, not endorsed, no handle on this page. */
export const COMMENT_LINK_REL = "nofollow noopener noreferrer ugc";

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: ["a", "p", "br", "em", "strong", "ul", "ol", "li", "code", "blockquote"],
  allowedAttributes: { a: ["href", "rel"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...(attribs.href ? { href: attribs.href } : {}), rel: COMMENT_LINK_REL },
    }),
  },
};

/** Rendered bodies kept in memory: the most recently used, by their Markdown. */
const CACHE_MAX = 5000;
const cache = new Map<string, string>();

/**
 * Renders a comment's Markdown to HTML that is safe to insert into a page. Rendering and sanitising cost about 0.1 ms
 * a comment, and threads are read far more often than written, so results are kept in a bounded in-process cache
 * keyed by the Markdown itself (rendering is pure, so an entry can never be stale; an edit is a new key).
 */
export function renderCommentBody(source: string): string {
  const cached = cache.get(source);
  if (cached !== undefined) {
    // Move it to the end: Map keeps insertion order, so the first key is the least recently used.
    cache.delete(source);
    cache.set(source, cached);
    return cached;
  }
  const html = sanitizeHtml(markdown.render(source), SANITIZE).trim();
  cache.set(source, html);
  if (cache.size > CACHE_MAX) {
    const oldest = cache.keys().next().value;
    if (oldest !== undefined) cache.delete(oldest);
  }
  return html;
}
