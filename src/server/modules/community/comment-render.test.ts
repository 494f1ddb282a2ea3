import { describe, expect, it } from "vitest";
import { renderCommentBody } from "./comment-render.js";

const REL = 'rel="nofollow noopener noreferrer ugc"';

describe("renderCommentBody", () => {
  it("renders the subset: paragraphs, line breaks, emphasis, strong, lists, inline code, quotes", () => {
    expect(renderCommentBody("a *b* **c** `d`\ne\n\nf")).toBe(
      "<p>a <em>b</em> <strong>c</strong> <code>d</code><br />\ne</p>\n<p>f</p>",
    );
    expect(renderCommentBody("- x\n- y")).toBe("<ul>\n<li>x</li>\n<li>y</li>\n</ul>");
    expect(renderCommentBody("1. x")).toBe("<ol>\n<li>x</li>\n</ol>");
    expect(renderCommentBody("> q")).toBe("<blockquote>\n<p>q</p>\n</blockquote>");
  });

  it("links http(s) and mailto with a fixed rel and no target; bare URLs too", () => {
    expect(renderCommentBody("[a](https://example.org)")).toBe(
      `<p><a href="https://example.org" ${REL}>a</a></p>`,
    );
    expect(renderCommentBody("[m](mailto:x@example.org)")).toContain('href="mailto:x@example.org"');
    expect(renderCommentBody("see https://nhs.uk")).toContain(`<a href="https://nhs.uk" ${REL}>`);
  });

  it("never links javascript:, data:, vbscript: or entity-disguised schemes", () => {
    for (const source of [
      "[x](javascript:alert(1))",
      "[x](JaVaScRiPt:alert(1))",
      "[x](data:text/html;base64,PHNjcmlwdD4=)",
      "[x](vbscript:msgbox)",
      "[x](&#x6A;avascript:alert(1))",
      "[x](java&#x09;script:alert(1))",
      "[x](//evil.example/)",
      "<javascript:alert(1)>",
    ]) {
      expect(renderCommentBody(source), source).not.toContain("<a");
    }
  });

  it("escapes raw HTML: script, event handlers, iframes", () => {
    const html = renderCommentBody('<script>alert(1)</script><img src=x onerror="alert(1)"><iframe src=x>');
    expect(html).not.toMatch(/<(script|img|iframe)/);
    expect(html).toContain("&lt;script&gt;");
  });

  it("renders no images, headings, tables or code blocks", () => {
    expect(renderCommentBody("![a](https://x.example/a.png)")).not.toContain("<img");
    expect(renderCommentBody("# Title")).toBe("<p># Title</p>");
    expect(renderCommentBody("    code")).toBe("<p>code</p>");
    expect(renderCommentBody("| a |\n|---|\n| 1 |")).not.toContain("<table");
  });
});
