import type { PDFPage } from "pdf-lib";
import { rgb } from "pdf-lib";
import QRCode from "qrcode";
import {
  A4,
  createPdf,
  drawCentredText,
  drawText,
  fitTextSize,
  PDF_COLOURS,
  type PdfKit,
  type PdfWarnings,
  textWidth,
  wrapText,
} from "../../platform/pdf.js";

/** What a certificate prints: the facts copied at issue, its code and where to check it. */
export interface CertificateContent {
  certificateName: string;
  courseTitle: string;
  levelLabel: string;
  programmeTitle: string;
  cpdPoints: number;
  achievedAt: Date;
  issuedAt: Date;
  expiresAt: Date | null;
  code: string;
  verifyUrl: string;
  /** True for a reissue: the date it was reissued is printed beside the date of achievement. */
  reissued: boolean;
}

const UK_DAY = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** "22 November 2026", the UK day in London, as the NHS writes dates. */
export function formatUkDay(at: Date): string {
  return UK_DAY.format(at);
}

/** Draws a QR code of `text` as dark squares (one rectangle per run of dark modules in a row), `size` points wide. */
function drawQrCode(page: PDFPage, text: string, o: { x: number; y: number; size: number }): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  // A quiet zone of four modules on every side, as the QR specification asks, inside `size`.
  const count = modules.size + 8;
  const cell = o.size / count;
  page.drawRectangle({ x: o.x, y: o.y, width: o.size, height: o.size, color: rgb(1, 1, 1) });
  for (let row = 0; row < modules.size; row++) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col++;
      page.drawRectangle({
        x: o.x + (start + 4) * cell,
        y: o.y + o.size - (row + 5) * cell,
        width: (col - start) * cell,
        // A hair taller than a module, so no seams show between rows when a viewer anti-aliases.
        height: cell + 0.2,
        color: rgb(0, 0, 0),
      });
    }
  }
}

/** A label over a value, as the details row prints each fact. */
function drawFact(kit: PdfKit, page: PDFPage, label: string, value: string, o: { x: number; y: number }) {
  drawText(kit, page, label, { x: o.x, y: o.y, size: 10, color: PDF_COLOURS.secondary });
  drawText(kit, page, value, { x: o.x, y: o.y - 17, size: 13, bold: true });
}

/**
 * Renders a certificate: A4 landscape in the NHS identity's colours and type sizes, with the learner's name in any
 * script the toolkit's fonts cover, the course, level and programme, dates in UK form, CPD points, the code and a
 * QR code of the public verification page.
 */
export async function renderCertificatePdf(
  content: CertificateContent,
  options: { warnings?: PdfWarnings } = {},
): Promise<Uint8Array> {
  const kit = await createPdf({
    title: `Certificate ${content.code}: ${content.courseTitle}`,
    subject: `${content.levelLabel} certificate for ${content.certificateName}`,
    ...(options.warnings ? { warnings: options.warnings } : {}),
  });
  const width = A4.height;
  const height = A4.width;
  const page = kit.doc.addPage([width, height]);
  const margin = 48;
  const centre = width / 2;

  // A blue band across the top with the service's name, and a thin frame, as NHS certificates have.
  page.drawRectangle({ x: 0, y: height - 64, width, height: 64, color: PDF_COLOURS.blue });
  drawText(kit, page, "QI Academy", { x: margin, y: height - 41, size: 20, bold: true, color: rgb(1, 1, 1) });
  const strap = "Quality improvement for health and care";
  drawText(kit, page, strap, {
    x: width - margin - textWidth(kit, strap, 11),
    y: height - 39,
    size: 11,
    color: rgb(1, 1, 1),
  });
  page.drawRectangle({
    x: 18,
    y: 18,
    width: width - 36,
    height: height - 64 - 30,
    borderColor: PDF_COLOURS.border,
    borderWidth: 1.5,
  });

  let y = height - 122;
  drawCentredText(kit, page, "Certificate of achievement", { centreX: centre, y, size: 30, bold: true });
  y -= 36;
  drawCentredText(kit, page, "This is to certify that", {
    centreX: centre,
    y,
    size: 13,
    color: PDF_COLOURS.secondary,
  });
  y -= 42;
  const maxWidth = width - 2 * margin - 40;
  const nameSize = fitTextSize(kit, content.certificateName, 32, maxWidth, { minSize: 16, bold: true });
  const nameLines = wrapText(kit, content.certificateName, nameSize, maxWidth, true).slice(0, 2);
  for (const line of nameLines) {
    drawCentredText(kit, page, line, {
      centreX: centre,
      y,
      size: nameSize,
      bold: true,
      color: PDF_COLOURS.blue,
    });
    y -= nameSize + 6;
  }
  y -= 10;
  drawCentredText(kit, page, "has achieved", { centreX: centre, y, size: 13, color: PDF_COLOURS.secondary });
  y -= 30;
  for (const line of wrapText(kit, content.courseTitle, 20, maxWidth, true).slice(0, 2)) {
    drawCentredText(kit, page, line, { centreX: centre, y, size: 20, bold: true });
    y -= 26;
  }
  drawCentredText(kit, page, `${content.levelLabel} · ${content.programmeTitle}`, {
    centreX: centre,
    y: y - 2,
    size: 13,
  });

  // The facts, in a row under a rule.
  const factsTop = 168;
  page.drawLine({
    start: { x: margin, y: factsTop + 22 },
    end: { x: width - margin, y: factsTop + 22 },
    thickness: 1,
    color: PDF_COLOURS.border,
  });
  const facts: Array<[string, string]> = [
    ["Date of achievement", formatUkDay(content.achievedAt)],
    ["CPD points", String(content.cpdPoints)],
    ["Valid until", content.expiresAt ? formatUkDay(content.expiresAt) : "Does not expire"],
  ];
  if (content.reissued) facts.push(["Reissued", formatUkDay(content.issuedAt)]);
  const column = (width - 2 * margin - 130) / facts.length;
  facts.forEach(([label, value], i) => {
    drawFact(kit, page, label, value, { x: margin + i * column, y: factsTop });
  });

  // The code and where to check it, beside the QR code of the same address.
  const qrSize = 112;
  drawQrCode(page, content.verifyUrl, { x: width - margin - qrSize + 8, y: 40, size: qrSize });
  drawText(kit, page, "Certificate code", { x: margin, y: 112, size: 10, color: PDF_COLOURS.secondary });
  drawText(kit, page, content.code, { x: margin, y: 92, size: 16, bold: true });
  drawText(kit, page, "Check this certificate is genuine and current at", {
    x: margin,
    y: 68,
    size: 10,
    color: PDF_COLOURS.secondary,
  });
  const urlSize = fitTextSize(kit, content.verifyUrl, 11, width - 2 * margin - qrSize - 20, { minSize: 7 });
  drawText(kit, page, content.verifyUrl, { x: margin, y: 52, size: urlSize, color: PDF_COLOURS.blue });

  return kit.doc.save();
}
