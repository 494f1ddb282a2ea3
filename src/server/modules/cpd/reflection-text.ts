import MarkdownIt from "markdown-it";

/** Parses only: raw HTML stays text, as on the page. */
const parser = new MarkdownIt({ html: false, linkify: true, typographer: false });

type Token = ReturnType<typeof parser.parse>[number];

/** An inline token's children as plain text: emphasis marks dropped, a link's address after its text. */
function inlineText(children: Token[] | null): string {
  let text = "";
  let href: string | null = null;
  let linkText = "";
  for (const child of children ?? []) {
    switch (child.type) {
      case "text":
      case "code_inline":
        if (href !== null) linkText += child.content;
        text += child.content;
        break;
      case "softbreak":
      case "hardbreak":
        text += "\n";
        break;
      case "image":
        text += child.content ? `[image: ${child.content}]` : "[image]";
        break;
      case "link_open":
        href = String(child.attrGet("href") ?? "");
        linkText = "";
        break;
      case "link_close":
        // A bare address (linkify, or <https://…>) already shows itself; a named link shows where it goes.
        if (href && linkText !== href && !href.startsWith("mailto:")) text += ` (${href})`;
        href = null;
        break;
      default:
        break;
    }
  }
  return text;
}

/**
 * A reflection's Markdown as plain text for the PDF and CSV: paragraphs and headings as lines separated by a blank
 * line, list items with a bullet or their number, code as written, emphasis marks gone. Nothing is interpreted as
 * HTML, so `<script>` stays the characters `<script>`.
 */
export function reflectionPlainText(markdown: string): string {
  const tokens = parser.parse(markdown, {});
  const blocks: Array<{ text: string; list: number | null }> = [];
  const lists: Array<{ ordered: boolean; next: number; id: number }> = [];
  let listsOpened = 0;
  let prefix = "";
  for (const token of tokens) {
    switch (token.type) {
      case "bullet_list_open":
        lists.push({ ordered: false, next: 1, id: ++listsOpened });
        break;
      case "ordered_list_open":
        lists.push({ ordered: true, next: Number(token.attrGet("start") ?? 1), id: ++listsOpened });
        break;
      case "bullet_list_close":
      case "ordered_list_close":
        lists.pop();
        break;
      case "list_item_open": {
        const list = lists.at(-1);
        const indent = "  ".repeat(Math.max(0, lists.length - 1));
        prefix = list?.ordered ? `${indent}${list.next++}. ` : `${indent}• `;
        break;
      }
      case "inline": {
        const text = inlineText(token.children);
        blocks.push({ text: `${prefix}${text}`, list: lists[0]?.id ?? null });
        prefix = "";
        break;
      }
      case "fence":
      case "code_block":
        blocks.push({ text: token.content.replace(/\n$/, ""), list: null });
        break;
      case "hr":
        blocks.push({ text: "—", list: null });
        break;
      default:
        break;
    }
  }
  // Items of a list (and of lists inside it) sit on consecutive lines; other blocks are separated by a blank line.
  let out = "";
  let previousList: number | null = null;
  for (const block of blocks) {
    const sameList = block.list !== null && block.list === previousList;
    if (out !== "") out += sameList ? "\n" : "\n\n";
    out += block.text;
    previousList = block.list;
  }
  return out;
}
