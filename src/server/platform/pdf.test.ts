import fontkit from "@pdf-lib/fontkit";
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractPdfText } from "../../../tests/support/pdf-text.js";
import { A4, createPdf, drawText, type PdfWarnings, textWidth, wrapText } from "./pdf.js";

/** Collects warnings instead of printing them. */
function collectWarnings(): PdfWarnings & { seen: Array<Record<string, unknown>> } {
  const seen: Array<Record<string, unknown>> = [];
  return { seen, warn: (details) => void seen.push(details) };
}

/** Names of the fonts a saved PDF embeds (subset tag stripped). */
async function embeddedFontNames(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  const names: string[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFDict && object.get(PDFName.of("Type")) === PDFName.of("Font")) {
      const base = object.get(PDFName.of("BaseFont"));
      if (base instanceof PDFName && object.get(PDFName.of("Subtype")) === PDFName.of("Type0")) {
        // pdf-lib tags each embedded font's name with a random number, e.g. /DejaVuSans-9742.
        names.push(base.asString().replace(/-\d+$/, ""));
      }
    }
  }
  return names.sort();
}

/** Outline sizes (SVG path length) of every glyph in each embedded font file, keyed by the font's name. */
async function embeddedGlyphOutlines(bytes: Uint8Array): Promise<Map<string, number[]>> {
  const doc = await PDFDocument.load(bytes);
  const result = new Map<string, number[]>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of("Type")) !== PDFName.of("FontDescriptor"))
      continue;
    const file = object.lookup(PDFName.of("FontFile2"));
    if (!(file instanceof PDFRawStream)) continue;
    const font = fontkit.create(decodePDFRawStream(file).decode());
    const outlines: number[] = [];
    for (let id = 1; id < font.numGlyphs; id++) outlines.push(font.getGlyph(id).path.toSVG().length);
    // The subset has no name table; the descriptor names it (with pdf-lib's random suffix).
    const name = object.get(PDFName.of("FontName"));
    result.set(name instanceof PDFName ? name.decodeText().replace(/-\d+$/, "") : "?", outlines);
  }
  return result;
}

const NAMES = {
  latin: "Zoë Łukasz-Ñúñez Ðorđe Øystein Ægir Çelik Şükrü",
  greek: "Αλέξανδρος Παπαδόπουλος",
  cyrillic: "Иван Петрович Сидоров",
  vietnamese: "Nguyễn Thị Ánh Tuyết",
  chinese: "王小明",
  japanese: "やまだ さくら",
};

describe("pdf toolkit", () => {
  it("draws names in Latin, Greek, Cyrillic, Vietnamese, Chinese and Japanese, and they read back the same", async () => {
    const warnings = collectWarnings();
    const kit = await createPdf({ title: "Names", warnings });
    const page = kit.doc.addPage([A4.width, A4.height]);
    let y = 780;
    for (const name of Object.values(NAMES)) {
      drawText(kit, page, name, { x: 50, y, size: 18 });
      drawText(kit, page, name, { x: 50, y: y - 24, size: 18, bold: true });
      y -= 60;
    }
    const bytes = await kit.doc.save();
    expect(warnings.seen).toEqual([]);

    const [texts = []] = await extractPdfText(bytes);
    const joined = texts.join("");
    // CJK characters come from the fallback face in runs of their own; joined, every name reads back whole.
    for (const name of Object.values(NAMES)) expect(joined).toContain(name);
    expect(texts.join("|")).toContain("Zoë Łukasz-Ñúñez Ðorđe Øystein Ægir Çelik Şükrü");
    expect(texts).toContain("王小明");
    expect(await embeddedFontNames(bytes)).toEqual([
      "/DejaVuSans",
      "/DejaVuSans-Bold",
      "/NotoSansSC-Regular",
    ]);
  });

  it("embeds the CJK font only when some text needs it, and keeps a Latin-only PDF small", async () => {
    const kit = await createPdf({ title: "Latin only" });
    const page = kit.doc.addPage([A4.height, A4.width]);
    drawText(kit, page, "Certificate of achievement", { x: 50, y: 500, size: 30, bold: true });
    const bytes = await kit.doc.save();
    expect(await embeddedFontNames(bytes)).toEqual(["/DejaVuSans", "/DejaVuSans-Bold"]);
    expect(bytes.length).toBeLessThan(60_000);

    const cjkKit = await createPdf({ title: "Chinese" });
    drawText(cjkKit, cjkKit.doc.addPage(), "王小明", { x: 50, y: 500, size: 30 });
    const cjkBytes = await cjkKit.doc.save();
    // A subset: a handful of glyphs, not the 10 MB font.
    expect(cjkBytes.length).toBeLessThan(200_000);
  });

  it("keeps every glyph's outline in the subsets (Noto Sans SC's unpadded glyphs once came out blank)", async () => {
    const kit = await createPdf({ title: "Outlines" });
    drawText(kit, kit.doc.addPage(), "王小明やまださくら Zoë Αλέξανδρος", { x: 50, y: 500, size: 20 });
    const outlines = await embeddedGlyphOutlines(await kit.doc.save());
    expect([...outlines.keys()].sort()).toEqual(["DejaVuSans", "DejaVuSans-Bold", "NotoSansSC-Regular"]);
    const cjk = outlines.get("NotoSansSC-Regular") ?? [];
    expect(cjk).toHaveLength(9);
    for (const commands of cjk) expect(commands).toBeGreaterThan(0);
    // DejaVu's subset holds the Latin and Greek letters plus the space, which has no outline.
    expect((outlines.get("DejaVuSans") ?? []).filter((commands) => commands === 0)).toHaveLength(1);
  });

  it("normalises decomposed accents so they draw as one glyph", async () => {
    const kit = await createPdf({ title: "NFC" });
    drawText(kit, kit.doc.addPage(), "Zoe\u0308 Nguye\u0302\u0303n", { x: 50, y: 500, size: 20 });
    const [texts = []] = await extractPdfText(await kit.doc.save());
    expect(texts).toEqual(["Zoë Nguyễn"]);
  });

  it("draws a visible replacement for characters no font has, warns with code points only, and never throws", async () => {
    const warnings = collectWarnings();
    const kit = await createPdf({ title: "Gaps", warnings });
    // Devanagari and Korean are in neither DejaVu Sans nor Noto Sans SC.
    drawText(kit, kit.doc.addPage(), "Amit अमित 김", { x: 50, y: 500, size: 20 });
    const [texts = []] = await extractPdfText(await kit.doc.save());
    expect(texts.join("")).toBe("Amit \uFFFD\uFFFD\uFFFD \uFFFD");
    expect(warnings.seen).toHaveLength(1);
    expect(warnings.seen[0]).toEqual({ codePoints: ["U+0905", "U+092E", "U+093F", "U+0924", "U+AE40"] });
    expect(JSON.stringify(warnings.seen)).not.toContain("Amit");
  });

  it("turns control characters into spaces and drops invisible format characters", async () => {
    const warnings = collectWarnings();
    const kit = await createPdf({ title: "Controls", warnings });
    drawText(kit, kit.doc.addPage(), "Ann\tLee\u200D\u0007", { x: 50, y: 500, size: 20 });
    const [texts = []] = await extractPdfText(await kit.doc.save());
    expect(texts.join("")).toBe("Ann Lee ");
    expect(warnings.seen).toEqual([]);
  });

  it("measures text with the fonts it draws with, bold wider than regular", async () => {
    const kit = await createPdf({ title: "Widths" });
    expect(textWidth(kit, "", 12)).toBe(0);
    const regular = textWidth(kit, "Productive Ward", 12);
    expect(regular).toBeCloseTo(kit.fonts.regular.widthOfTextAtSize("Productive Ward", 12), 5);
    expect(textWidth(kit, "Productive Ward", 12, true)).toBeGreaterThan(regular);
    expect(textWidth(kit, "Productive Ward", 24)).toBeCloseTo(regular * 2, 5);
    expect(textWidth(kit, "王小明", 12)).toBeGreaterThan(30);
  });

  it("wraps at spaces, breaks words longer than a line, and keeps line breaks", async () => {
    const kit = await createPdf({ title: "Wrap" });
    const text = "The Productive Community Services programme: Well Organised Working Environment";
    const lines = wrapText(kit, text, 12, 200);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe(text);
    for (const line of lines) expect(textWidth(kit, line, 12)).toBeLessThanOrEqual(200);

    const long = wrapText(kit, "Supercalifragilisticexpialidocious", 12, 60);
    expect(long.length).toBeGreaterThan(2);
    expect(long.join("")).toBe("Supercalifragilisticexpialidocious");
    for (const line of long) expect(textWidth(kit, line, 12)).toBeLessThanOrEqual(60);

    const chinese = wrapText(kit, "质量改进学院证书由国家认证机构颁发并可在线验证", 12, 60);
    expect(chinese.join("")).toBe("质量改进学院证书由国家认证机构颁发并可在线验证");
    expect(chinese.length).toBeGreaterThan(3);

    expect(wrapText(kit, "First line\nSecond line", 12, 500)).toEqual(["First line", "Second line"]);
    expect(wrapText(kit, "", 12, 500)).toEqual([""]);
  });

  it("sets the document's metadata", async () => {
    const kit = await createPdf({ title: "Certificate: Productive Ward", author: "QI Academy" });
    kit.doc.addPage();
    const loaded = await PDFDocument.load(await kit.doc.save(), { updateMetadata: false });
    expect(loaded.getTitle()).toBe("Certificate: Productive Ward");
    expect(loaded.getAuthor()).toBe("QI Academy");
  });
});
