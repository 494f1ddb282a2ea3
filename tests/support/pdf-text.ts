import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  type PDFRef,
  PDFStream,
} from "pdf-lib";

/**
 * Extracts the text drawn on each page of a PDF made by src/server/platform/pdf.ts, so tests can read a certificate
 * back without poppler. It follows pdf-lib's own output: `/F size Tf` selects a font, `<hex> Tj` shows glyph ids,
 * and each embedded font's ToUnicode CMap turns them back into text. One string per Tj, in drawing order.
 */
export async function extractPdfText(bytes: Uint8Array): Promise<string[][]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const fonts = new Map<string, Map<number, string>>();
    const resources = page.node.Resources();
    const fontDict = resources?.lookupMaybe(PDFName.of("Font"), PDFDict);
    for (const [name, ref] of fontDict?.entries() ?? []) {
      const font = doc.context.lookup(ref as PDFRef, PDFDict);
      const toUnicode = font.lookupMaybe(PDFName.of("ToUnicode"), PDFStream);
      fonts.set(name.asString(), toUnicode ? parseToUnicode(streamText(toUnicode)) : new Map());
    }
    const contents = page.node.Contents();
    const streams =
      contents instanceof PDFArray
        ? contents.asArray().map((ref) => doc.context.lookup(ref, PDFStream))
        : contents
          ? [contents]
          : [];
    const texts: string[] = [];
    for (const stream of streams) {
      let current = new Map<number, string>();
      const ops = streamText(stream).matchAll(/(\/[^\s/]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj/g);
      for (const op of ops) {
        if (op[1]) {
          current = fonts.get(op[1]) ?? new Map();
          continue;
        }
        const hex = op[2] ?? "";
        let text = "";
        for (let i = 0; i < hex.length; i += 4) {
          text += current.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? "\uFFFD";
        }
        texts.push(text);
      }
    }
    return texts;
  });
}

function streamText(stream: PDFStream): string {
  if (stream instanceof PDFRawStream)
    return Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
  return Buffer.from(stream.getContents()).toString("latin1");
}

/** Reads bfchar and bfrange entries of a ToUnicode CMap into glyph id → text. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => {
    const units: number[] = [];
    for (let i = 0; i < hex.length; i += 4) units.push(Number.parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...units);
  };
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const pair of (block[1] ?? "").matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      map.set(Number.parseInt(pair[1] ?? "0", 16), utf16(pair[2] ?? ""));
    }
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const range of (block[1] ?? "").matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g,
    )) {
      const start = Number.parseInt(range[1] ?? "0", 16);
      const end = Number.parseInt(range[2] ?? "0", 16);
      const target = range[3] ?? "";
      if (target.startsWith("[")) {
        const items = [...target.matchAll(/<([0-9A-Fa-f]+)>/g)].map((m) => utf16(m[1] ?? ""));
        items.forEach((item, i) => void map.set(start + i, item));
      } else {
        const base = utf16(target.slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let id = start; id <= end; id++) {
          map.set(id, base.slice(0, -1) + String.fromCharCode(last + (id - start)));
        }
      }
    }
  }
  return map;
}

/** All the page's text joined with single spaces, for `toContain` checks. */
export async function pdfPlainText(bytes: Uint8Array): Promise<string> {
  const pages = await extractPdfText(bytes);
  return pages.map((texts) => texts.join(" ")).join("\n");
}
