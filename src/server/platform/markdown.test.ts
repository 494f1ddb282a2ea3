import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown.js";

describe("renderMarkdown", () => {
  it("leaves Markdown that starts at h2 as it is", () => {
    expect(renderMarkdown("## Sub\n\ntext")).toBe("<h2>Sub</h2>\n<p>text</p>\n");
  });

  it("moves every heading down a level when the source uses h1, so the page keeps one h1", () => {
    expect(renderMarkdown("# A\n\n## B\n\n###### F")).toBe("<h2>A</h2>\n<h3>B</h3>\n<h6>F</h6>\n");
  });

  it("renders headings, lists, emphasis and safe links", () => {
    const html = renderMarkdown("## Aim\n\n- **What** to improve\n- [NHS](https://www.nhs.uk)\n");
    expect(html).toContain("<h2>Aim</h2>");
    expect(html).toContain("<strong>What</strong>");
    expect(html).toContain('<a href="https://www.nhs.uk" rel="noopener noreferrer">NHS</a>');
  });

  it("escapes script, iframe and inline event handlers instead of passing them through", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n<img src=x onerror=alert(1)>',
    );
    expect(html).not.toMatch(/<script|<iframe|<img/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript:, data: and vbscript: links and images", () => {
    for (const url of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html;base64,PHNjcmlwdD4=",
      "vbscript:x",
    ]) {
      const html = renderMarkdown(`[click](${url}) ![pic](${url})`);
      expect(html).not.toMatch(/href=|src=/);
    }
  });

  it("keeps images uploaded to the platform and relative links", () => {
    const html = renderMarkdown(
      "![A process map](/api/files/0b6a3c52-3f38-4a43-9d43-5f4f0a4b8b1e)\n\n[Help](/help)",
    );
    expect(html).toContain('src="/api/files/0b6a3c52-3f38-4a43-9d43-5f4f0a4b8b1e"');
    expect(html).toContain('alt="A process map"');
    expect(html).toContain('href="/help"');
  });

  it("refuses protocol-relative URLs that would leave the site", () => {
    expect(renderMarkdown("[x](//evil.example/a)")).not.toContain("href=");
  });
});
