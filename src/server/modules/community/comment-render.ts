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

/** Renders a comment's Markdown to HTML that is safe to insert into a page. */
export function renderCommentBody(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE).trim();
}
