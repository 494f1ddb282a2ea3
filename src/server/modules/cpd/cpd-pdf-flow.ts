import type { PDFPage } from "pdf-lib";
import {
  A4,
  createPdf,
  drawText,
  PDF_COLOURS,
  type PdfKit,
  textWidth,
  wrapText,
} from "../../platform/pdf.js";

/** Page margins in points: about 18 mm at the sides, more at the foot for the page number. */
const MARGIN = { left: 50, right: 50, top: 44, bottom: 56 } as const;
/** Where the running header's rule sits below the top edge. */
const HEADER_HEIGHT = 30;

/** How one piece of text is set. */
export interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: "text" | "secondary" | "blue";
  /** Points in from the left margin. */
  indent?: number;
  /** Width available, in points; the rest of the line by default. */
  width?: number;
}

/**
 * Lays text down A4 pages from the top, starting a new page whenever the next line would not fit. Every page gets the
 * running header (what the document is and whose it is) at the top, and "Page n of N" at the foot once the whole
 * document is laid out.
 */
export class PdfFlow {
  /** The usable width between the margins, in points. */
  static readonly contentWidth = A4.width - MARGIN.left - MARGIN.right;
  /** The left margin's x. */
  static readonly left = MARGIN.left;

  private readonly pages: PDFPage[] = [];
  /** Widths of words already measured, by size, weight and word: text repeats its words, and measuring is slow. */
  private readonly widths = new Map<string, number>();
  private page: PDFPage;
  private y = 0;

  private constructor(
    readonly kit: PdfKit,
    private readonly header: { left: string; right: string },
  ) {
    this.page = this.newPage();
  }

  /** A new document with its metadata and the first page, header drawn. */
  static async start(meta: { title: string; subject: string; header: { left: string; right: string } }) {
    const kit = await createPdf({ title: meta.title, subject: meta.subject });
    return new PdfFlow(kit, meta.header);
  }

  private newPage(): PDFPage {
    const page = this.kit.doc.addPage([A4.width, A4.height]);
    this.pages.push(page);
    const top = A4.height - MARGIN.top;
    const size = 8.5;
    const rightWidth = textWidth(this.kit, this.header.right, size, true);
    // The header's left part gives way to the right part (the person's name), which is never cut.
    const leftLines = wrapText(this.kit, this.header.left, size, PdfFlow.contentWidth - rightWidth - 12);
    drawText(this.kit, page, leftLines[0] ?? "", {
      x: MARGIN.left,
      y: top,
      size,
      color: PDF_COLOURS.secondary,
    });
    drawText(this.kit, page, this.header.right, {
      x: A4.width - MARGIN.right - rightWidth,
      y: top,
      size,
      bold: true,
      color: PDF_COLOURS.secondary,
    });
    page.drawLine({
      start: { x: MARGIN.left, y: top - 8 },
      end: { x: A4.width - MARGIN.right, y: top - 8 },
      thickness: 0.75,
      color: PDF_COLOURS.border,
    });
    this.page = page;
    this.y = A4.height - MARGIN.top - HEADER_HEIGHT;
    return page;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (this.y - height < MARGIN.bottom) this.newPage();
  }

  /** Leaves `points` of space (never carried over to a new page). */
  gap(points: number): void {
    this.y -= points;
  }

  /** A thin rule across the text column. */
  rule(indent = 0): void {
    this.keep(8);
    this.page.drawLine({
      start: { x: MARGIN.left + indent, y: this.y },
      end: { x: A4.width - MARGIN.right, y: this.y },
      thickness: 0.5,
      color: PDF_COLOURS.border,
    });
    this.y -= 8;
  }

  /** The height of one line of text at a size. */
  static lineHeight(size: number): number {
    return size * 1.4;
  }

  /** The width of a word at a size, measured once per document. */
  private wordWidth(word: string, size: number, bold: boolean): number {
    const key = `${bold ? "b" : "r"}${size}|${word}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = textWidth(this.kit, word, size, bold);
      this.widths.set(key, width);
    }
    return width;
  }

  /**
   * The lines `text` wraps to in a style: at spaces, keeping line breaks, as pdf.ts's wrapText does, but adding up
   * word widths (measured once each) instead of measuring every growing line, so long reflections lay out in linear
   * time. pdf-lib's widths are sums of glyph advances, so a line's width is its words' widths plus its spaces'. A
   * word too long for a line is broken by wrapText itself.
   */
  lines(text: string, style: TextStyle = {}): string[] {
    const size = style.size ?? 10;
    const bold = style.bold ?? false;
    const maxWidth = style.width ?? PdfFlow.contentWidth - (style.indent ?? 0);
    const space = this.wordWidth(" ", size, bold);
    const lines: string[] = [];
    for (const paragraph of text.normalize("NFC").split(/\r?\n/)) {
      let line = "";
      let width = 0;
      for (const word of paragraph.split(/ +/)) {
        const w = this.wordWidth(word, size, bold);
        if (line !== "" && width + space + w <= maxWidth) {
          line += ` ${word}`;
          width += space + w;
          continue;
        }
        if (line !== "") lines.push(line);
        if (w <= maxWidth) {
          line = word;
          width = w;
          continue;
        }
        const pieces = wrapText(this.kit, word, size, maxWidth, bold);
        lines.push(...pieces.slice(0, -1));
        line = pieces.at(-1) ?? "";
        width = this.wordWidth(line, size, bold);
      }
      lines.push(line);
    }
    return lines;
  }

  /** Sets text, wrapped to the width, moving to a new page between lines when the page is full. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const lineHeight = PdfFlow.lineHeight(size);
    for (const line of this.lines(text, style)) {
      this.keep(lineHeight);
      this.y -= lineHeight;
      if (line !== "") {
        drawText(this.kit, this.page, line, {
          x: MARGIN.left + (style.indent ?? 0),
          y: this.y + size * 0.3,
          size,
          bold: style.bold ?? false,
          color: PDF_COLOURS[style.colour ?? "text"],
        });
      }
    }
  }

  /**
   * Sets `label` in a column at the left and `text` beside it, on the same first line: a date beside an entry's
   * title, for example. The label column is `labelWidth` wide.
   */
  labelled(
    label: string,
    text: string,
    labelWidth: number,
    style: TextStyle & { labelSize?: number } = {},
  ): void {
    const size = style.size ?? 10;
    const labelSize = style.labelSize ?? size;
    const lineHeight = PdfFlow.lineHeight(size);
    const textLines = this.lines(text, { ...style, indent: labelWidth });
    const labelLines = wrapText(this.kit, label, labelSize, labelWidth - 8);
    const count = Math.max(textLines.length, labelLines.length);
    for (let i = 0; i < count; i++) {
      this.keep(lineHeight);
      this.y -= lineHeight;
      const baseline = this.y + size * 0.3;
      const labelLine = labelLines[i];
      if (labelLine)
        drawText(this.kit, this.page, labelLine, { x: MARGIN.left, y: baseline, size: labelSize });
      const line = textLines[i];
      if (line) {
        drawText(this.kit, this.page, line, {
          x: MARGIN.left + labelWidth,
          y: baseline,
          size,
          bold: style.bold ?? false,
          color: PDF_COLOURS[style.colour ?? "text"],
        });
      }
    }
  }

  /** Numbers every page ("Page 2 of 5") and returns the document's bytes. */
  async finish(): Promise<Uint8Array> {
    const total = this.pages.length;
    this.pages.forEach((page, index) => {
      const label = `Page ${index + 1} of ${total}`;
      const size = 8.5;
      drawText(this.kit, page, label, {
        x: (A4.width - textWidth(this.kit, label, size)) / 2,
        y: MARGIN.bottom - 30,
        size,
        color: PDF_COLOURS.secondary,
      });
    });
    return this.kit.doc.save();
  }
}
