import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { CustomFontSubsetEmbedder, PDFDocument, PDFFont, type PDFPage, type RGB, rgb } from "pdf-lib";

/**
 * The shared PDF toolkit: certificates, CPD records and transcripts. pdf-lib draws with embedded TrueType fonts, so
 * names in any script the fonts cover come out right: DejaVu Sans (Latin with every diacritic, Greek, Cyrillic,
 * Vietnamese, Armenian, Georgian, Hebrew, Arabic letters) first, then Noto Sans SC (Chinese, Japanese kana) for what
 * DejaVu lacks. Fonts are embedded as subsets; the 10 MB CJK font only when some text needs it. See
 * docs/decisions/0017-certificate-pdf-fonts.md.
 */

/** A document being built, with its two DejaVu faces (the CJK fallback is embedded lazily, out of sight). */
export interface PdfKit {
  doc: PDFDocument;
  fonts: { regular: PDFFont; bold: PDFFont };
}

/** A4 portrait in PDF points (1/72 inch); swap width and height for landscape. */
export const A4 = { width: 595.28, height: 841.89 } as const;

/** Where a warning about characters no font has goes; a pino logger fits. */
export interface PdfWarnings {
  warn: (details: Record<string, unknown>, message: string) => void;
}

/** What the NHS identity calls NHS Blue and NHS Black; handy defaults for every PDF we draw. */
export const PDF_COLOURS = {
  text: rgb(0.129, 0.169, 0.196), // #212b32
  secondary: rgb(0.298, 0.384, 0.424), // #4c6272
  blue: rgb(0, 0.369, 0.722), // #005eb8
  border: rgb(0.847, 0.867, 0.878), // #d8dde0
} as const;

type FontKey = "regular" | "bold" | "cjk";

/** The character drawn in place of one no font has: visible, so a wrong name is noticed rather than silently shortened. */
const REPLACEMENT = "\uFFFD";

const requireFromHere = createRequire(import.meta.url);

/** Font files resolved from node_modules by package name, so any working directory works. */
const FONT_FILES: Record<FontKey, string> = {
  regular: "dejavu-fonts-ttf/ttf/DejaVuSans.ttf",
  bold: "dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf",
  cjk: "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
};

/** A font file read and parsed once per process: its bytes for embedding, the parsed font for coverage checks. */
interface LoadedFont {
  bytes: Uint8Array;
  parsed: ReturnType<typeof fontkit.create>;
}

const loadedFonts = new Map<FontKey, LoadedFont>();

/** The part of fontkit's TrueType subsetter that padGlyphsInSubsets corrects. */
interface TtfSubsetInternals {
  glyf: Uint8Array[];
  offset: number;
  _addGlyph: (gid: number) => number;
  qiaPadsGlyphs?: boolean;
}

/**
 * Corrects a bug in @pdf-lib/fontkit 1.1.1's TrueType subsetter: it copies each glyph's bytes as they are, and when a
 * glyph has an odd length every later offset is odd, which the short `loca` format (offset / 2) cannot hold, so
 * later glyphs come out blank or garbled. DejaVu pads its glyphs; Noto Sans SC does not, so without this only the
 * first CJK character of a name appeared. Upstream fontkit 2 pads each glyph to four bytes; this does the same.
 */
function padGlyphsInSubsets(parsed: ReturnType<typeof fontkit.create>): void {
  // The subsetter class is not exported; a subset instance's prototype is it (TTFSubset for glyf fonts).
  const proto = Object.getPrototypeOf(parsed.createSubset()) as TtfSubsetInternals;
  if (proto.qiaPadsGlyphs || typeof proto._addGlyph !== "function") return;
  const addGlyph = proto._addGlyph;
  proto._addGlyph = function paddedAddGlyph(this: TtfSubsetInternals, gid: number): number {
    const index = addGlyph.call(this, gid);
    const last = this.glyf[this.glyf.length - 1];
    const padding = last ? (4 - (last.length % 4)) % 4 : 0;
    if (last && padding > 0) {
      const padded = new Uint8Array(last.length + padding);
      padded.set(last);
      // fontkit's bundled stream only accepts its own Buffer polyfill (a Uint8Array with Buffer's prototype).
      Object.setPrototypeOf(padded, Object.getPrototypeOf(last));
      this.glyf[this.glyf.length - 1] = padded;
      this.offset += padding;
    }
    return index;
  };
  proto.qiaPadsGlyphs = true;
}

/** Reads and parses a font file the first time it is needed; later calls return the cached copy. */
function loadFont(key: FontKey): LoadedFont {
  const cached = loadedFonts.get(key);
  if (cached) return cached;
  const bytes = new Uint8Array(readFileSync(requireFromHere.resolve(FONT_FILES[key])));
  const loaded = { bytes, parsed: fontkit.create(bytes) };
  padGlyphsInSubsets(loaded.parsed);
  loadedFonts.set(key, loaded);
  return loaded;
}

/** Per-document state kept out of the public PdfKit: the lazily embedded CJK face and where warnings go. */
interface KitState {
  cjk: PDFFont | null;
  warnings: PdfWarnings;
}

const kitStates = new WeakMap<PdfKit, KitState>();

/** Default warning sink when the caller passes no logger: Node's process warnings, which reach stderr. */
const processWarnings: PdfWarnings = {
  warn: (details, message) => process.emitWarning(`${message} ${JSON.stringify(details)}`, "PdfWarning"),
};

/** Creates an empty PDF with its metadata set and the DejaVu regular and bold faces embedded as subsets. */
export async function createPdf(meta: {
  title: string;
  author?: string;
  subject?: string;
  warnings?: PdfWarnings;
}): Promise<PdfKit> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author ?? "QI Academy");
  doc.setCreator("QI Academy");
  doc.setProducer("QI Academy");
  doc.setLanguage("en-GB");
  if (meta.subject) doc.setSubject(meta.subject);
  const regular = await doc.embedFont(loadFont("regular").bytes, { subset: true });
  const bold = await doc.embedFont(loadFont("bold").bytes, { subset: true });
  const kit: PdfKit = { doc, fonts: { regular, bold } };
  kitStates.set(kit, { cjk: null, warnings: meta.warnings ?? processWarnings });
  return kit;
}

function stateOf(kit: PdfKit): KitState {
  const state = kitStates.get(kit);
  if (!state) throw new Error("This PdfKit was not made by createPdf");
  return state;
}

/**
 * Embeds the CJK face into the document the first time a text needs it. pdf-lib only offers an async embedFont, but
 * its work is synchronous (fontkit parses in place); drawText must stay synchronous for callers, so this builds the
 * same embedder and PDFFont that embedFont would and registers it for embedding on save. pdf-lib 1.17.1 is the final
 * release, so these internals are stable; the unit tests cover the saved result.
 */
function cjkFont(kit: PdfKit): PDFFont {
  const state = stateOf(kit);
  if (state.cjk) return state.cjk;
  const font = loadFont("cjk");
  // The constructor is private in the type declarations only; CustomFontSubsetEmbedder.for does exactly this.
  const Embedder = CustomFontSubsetEmbedder as unknown as new (
    parsed: LoadedFont["parsed"],
    bytes: Uint8Array,
  ) => CustomFontSubsetEmbedder;
  const embedder = new Embedder(font.parsed, font.bytes);
  const pdfFont = PDFFont.of(kit.doc.context.nextRef(), kit.doc, embedder);
  // PDFDocument keeps its fonts in a private list that save() embeds; embedFont pushes to it the same way.
  (kit.doc as unknown as { fonts: PDFFont[] }).fonts.push(pdfFont);
  state.cjk = pdfFont;
  return pdfFont;
}

/** A piece of text that one font draws. */
interface Run {
  text: string;
  font: FontKey;
}

const graphemes = new Intl.Segmenter("en", { granularity: "grapheme" });
/** Control characters (tabs, line breaks) are drawn as spaces; a single-line draw has no use for them. */
const CONTROL = /\p{Cc}/u;
/** Invisible format characters (joiners, direction marks, soft hyphens): nothing to draw, so they are dropped. */
const FORMAT = /\p{Cf}/gu;

/** Whether a font has a glyph for every code point of a grapheme. */
function covers(key: FontKey, grapheme: string): boolean {
  const parsed = loadFont(key).parsed;
  for (const ch of grapheme) {
    const cp = ch.codePointAt(0);
    if (cp === undefined || !parsed.hasGlyphForCodePoint(cp)) return false;
  }
  return true;
}

/**
 * Splits text into runs, each drawn by the first font that has every character of a grapheme: DejaVu (regular or
 * bold) then Noto Sans SC. Graphemes no font has become the replacement character and are reported.
 */
function splitRuns(text: string, bold: boolean): { runs: Run[]; missing: string[] } {
  const primary: FontKey = bold ? "bold" : "regular";
  const runs: Run[] = [];
  const missing: string[] = [];
  const push = (piece: string, font: FontKey) => {
    const last = runs.at(-1);
    if (last && last.font === font) last.text += piece;
    else runs.push({ text: piece, font });
  };
  for (const { segment } of graphemes.segment(text.normalize("NFC").replace(FORMAT, ""))) {
    if (CONTROL.test(segment)) {
      push(" ", primary);
    } else if (covers(primary, segment)) {
      push(segment, primary);
    } else if (covers("cjk", segment)) {
      push(segment, "cjk");
    } else {
      missing.push(segment);
      push(REPLACEMENT, primary);
    }
  }
  return { runs, missing };
}

function fontFor(kit: PdfKit, key: FontKey): PDFFont {
  if (key === "cjk") return cjkFont(kit);
  return key === "bold" ? kit.fonts.bold : kit.fonts.regular;
}

/** Code points written as U+XXXX: enough to fix a font gap, without copying a person's name into the log. */
function describeMissing(missing: string[]): string[] {
  const codePoints = new Set<string>();
  for (const segment of missing) {
    for (const ch of segment) {
      codePoints.add(`U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`);
    }
  }
  return [...codePoints];
}

/** Draws text at (x, y) baseline, falling back per character run to a font that has the glyphs (DejaVu → Noto SC). */
export function drawText(
  kit: PdfKit,
  page: PDFPage,
  text: string,
  o: { x: number; y: number; size: number; bold?: boolean; color?: RGB },
): void {
  const { runs, missing } = splitRuns(text, o.bold ?? false);
  if (missing.length > 0) {
    stateOf(kit).warnings.warn(
      { codePoints: describeMissing(missing) },
      "PDF text has characters no embedded font can draw; drawn as the replacement character",
    );
  }
  let x = o.x;
  for (const run of runs) {
    const font = fontFor(kit, run.font);
    page.drawText(run.text, { x, y: o.y, size: o.size, font, color: o.color ?? PDF_COLOURS.text });
    x += font.widthOfTextAtSize(run.text, o.size);
  }
}

/** The width of text at a size, in points, measured with the same fonts drawText would use. */
export function textWidth(kit: PdfKit, text: string, size: number, bold?: boolean): number {
  const { runs } = splitRuns(text, bold ?? false);
  let width = 0;
  for (const run of runs) width += fontFor(kit, run.font).widthOfTextAtSize(run.text, size);
  return width;
}

/**
 * Breaks text into lines no wider than maxWidth: at spaces, and between any two characters of a word too long for a
 * line (or of text written without spaces, such as Chinese). Existing line breaks are kept.
 */
export function wrapText(
  kit: PdfKit,
  text: string,
  size: number,
  maxWidth: number,
  bold?: boolean,
): string[] {
  const lines: string[] = [];
  for (const paragraph of text.normalize("NFC").split(/\r?\n/)) {
    let line = "";
    for (const word of paragraph.split(/ +/)) {
      const candidate = line === "" ? word : `${line} ${word}`;
      if (textWidth(kit, candidate, size, bold) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line !== "") lines.push(line);
      line = "";
      // The word alone is too wide: break it between graphemes.
      let piece = "";
      for (const { segment } of graphemes.segment(word)) {
        if (piece !== "" && textWidth(kit, piece + segment, size, bold) > maxWidth) {
          lines.push(piece);
          piece = "";
        }
        piece += segment;
      }
      line = piece;
    }
    lines.push(line);
  }
  return lines;
}

/** Draws text centred on x (its middle at x). */
export function drawCentredText(
  kit: PdfKit,
  page: PDFPage,
  text: string,
  o: { centreX: number; y: number; size: number; bold?: boolean; color?: RGB },
): void {
  const width = textWidth(kit, text, o.size, o.bold);
  drawText(kit, page, text, { x: o.centreX - width / 2, y: o.y, size: o.size, bold: o.bold, color: o.color });
}

/** The largest size, from `size` down to `minSize`, at which text fits maxWidth on one line (minSize if none does). */
export function fitTextSize(
  kit: PdfKit,
  text: string,
  size: number,
  maxWidth: number,
  o: { minSize: number; bold?: boolean },
): number {
  let current = size;
  while (current > o.minSize && textWidth(kit, text, current, o.bold) > maxWidth) current -= 0.5;
  return Math.max(current, o.minSize);
}
