import { degrees, type PDFPage, rgb } from "pdf-lib";
import { formatPence } from "../../../shared/catalogue.js";
import { formatCalendarDate } from "../../../shared/dates.js";
import {
  type BenefitsSummary,
  formatMonth,
  formatShare,
  nationalSentence,
  SUMMARY_SCOPE_LABELS,
  type SummaryMoney,
  type SummaryMonth,
} from "../../../shared/implementation-summary.js";
import {
  A4,
  createPdf,
  drawText,
  PDF_COLOURS,
  type PdfKit,
  textWidth,
  wrapText,
} from "../../platform/pdf.js";

/**
 * The benefits summary as an A4 board paper: a title block (organisation, programme, date), the headline figures,
 * the national comparison for NHS England organisations, a vector chart of forecast against realised by month
 * (cumulative lines with axis labels and a key), then tables by area and order, by team and by module, with page
 * numbers. Drawn with the shared PDF toolkit (embedded DejaVu, so any name prints).
 */

const MARGIN = { left: 50, right: 50, top: 64, bottom: 60 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BODY = 10;
const LEADING = 14;
/** NHS identity colours for the two series; the lines also differ by dash and marker, never by colour alone. */
const FORECAST_COLOUR = PDF_COLOURS.blue;
const REALISED_COLOUR = rgb(0, 0.498, 0.231); // #007f3b NHS green
const GRID = rgb(0.91, 0.93, 0.93);

interface Flow {
  kit: PdfKit;
  page: PDFPage;
  y: number;
}

function newPage(flow: Flow): void {
  flow.page = flow.kit.doc.addPage([A4.width, A4.height]);
  flow.y = A4.height - MARGIN.top;
}

function ensure(flow: Flow, height: number): void {
  if (flow.y - height < MARGIN.bottom) newPage(flow);
}

function lines(
  flow: Flow,
  text: string,
  o: { size?: number; bold?: boolean; colour?: typeof PDF_COLOURS.text; leading?: number } = {},
): void {
  const size = o.size ?? BODY;
  const leading = o.leading ?? LEADING;
  for (const line of wrapText(flow.kit, text, size, CONTENT_WIDTH, o.bold)) {
    ensure(flow, leading);
    flow.y -= leading;
    drawText(flow.kit, flow.page, line, {
      x: MARGIN.left,
      y: flow.y + 3,
      size,
      bold: o.bold,
      color: o.colour,
    });
  }
}

function heading(flow: Flow, text: string, keepWith = LEADING * 4): void {
  ensure(flow, 30 + keepWith);
  flow.y -= 14;
  lines(flow, text, { size: 13, bold: true, colour: PDF_COLOURS.blue, leading: 18 });
  flow.y -= 4;
}

/** Pounds short enough for an axis: "£0", "£800", "£12k", "£1.5m". */
export function compactPounds(pence: number): string {
  const pounds = pence / 100;
  const fmt = (n: number) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(n);
  if (pounds >= 1_000_000) return `£${fmt(pounds / 1_000_000)}m`;
  if (pounds >= 1_000) return `£${fmt(pounds / 1_000)}k`;
  return `£${fmt(pounds)}`;
}

/** A step of 1, 2 or 5 × 10^n giving about `count` ticks up to max (pence), and the axis top. */
export function niceScale(maxPence: number, count = 5): { step: number; top: number } {
  if (maxPence <= 0) return { step: 100, top: 100 };
  const rough = maxPence / count;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude) || 1;
  return { step, top: Math.ceil(maxPence / step) * step };
}

interface Column {
  header: string;
  width: number;
  align?: "left" | "right";
}

/** A table with a bold header row (repeated on each new page) and wrapped cells; rows with bold: true stand out. */
function table(
  flow: Flow,
  columns: Column[],
  rows: Array<{ cells: string[]; bold?: boolean; indent?: boolean; keepWithNext?: number }>,
): void {
  const size = 9;
  const pad = 4;
  const xOf = (i: number) => MARGIN.left + columns.slice(0, i).reduce((n, c) => n + c.width, 0);
  const drawRow = (cells: string[], bold: boolean, header: boolean, indent = false) => {
    const inset = (i: number) => (indent && i === 0 ? 14 : 0);
    const wrapped = cells.map((cell, i) =>
      wrapText(flow.kit, cell, size, (columns[i]?.width ?? 60) - pad * 2 - inset(i), bold),
    );
    const height = Math.max(...wrapped.map((w) => w.length)) * 11 + pad * 2;
    ensure(flow, height);
    const top = flow.y;
    if (header)
      flow.page.drawRectangle({
        x: MARGIN.left,
        y: top - height,
        width: CONTENT_WIDTH,
        height,
        color: rgb(0.94, 0.96, 0.96),
      });
    wrapped.forEach((cellLines, i) => {
      const column = columns[i];
      if (!column) return;
      cellLines.forEach((line, l) => {
        const width = textWidth(flow.kit, line, size, bold);
        const x = column.align === "right" ? xOf(i) + column.width - pad - width : xOf(i) + pad + inset(i);
        drawText(flow.kit, flow.page, line, { x, y: top - pad - 8 - l * 11, size, bold });
      });
    });
    flow.page.drawLine({
      start: { x: MARGIN.left, y: top - height },
      end: { x: MARGIN.left + CONTENT_WIDTH, y: top - height },
      thickness: header ? 1 : 0.5,
      color: header ? PDF_COLOURS.secondary : PDF_COLOURS.border,
    });
    flow.y = top - height;
  };
  const headerCells = columns.map((c) => c.header);
  drawRow(headerCells, true, true);
  for (const row of rows) {
    const before = flow.kit.doc.getPageCount();
    // A group's heading row stays with the rows under it.
    ensure(flow, (11 + pad * 2) * (1 + (row.keepWithNext ?? 0)));
    if (flow.kit.doc.getPageCount() !== before) drawRow(headerCells, true, true);
    drawRow(row.cells, row.bold ?? false, false, row.indent ?? false);
  }
  flow.y -= 6;
}

const money = (m: SummaryMoney) => [
  formatPence(m.forecastPence),
  formatPence(m.realisedPence),
  formatPence(m.notYetSignedOffPence),
];

/** The headline figures as four boxes: realised first-order, realised second-order, forecast, not yet signed off. */
function headlines(flow: Flow, summary: BenefitsSummary): void {
  const figures = [
    { label: "Realised first-order", value: summary.totals.first.realisedPence },
    { label: "Realised second-order", value: summary.totals.second.realisedPence },
    { label: "Forecast", value: summary.totals.total.forecastPence },
    { label: "Not yet signed off", value: summary.totals.total.notYetSignedOffPence },
  ];
  const gap = 8;
  const width = (CONTENT_WIDTH - gap * 3) / 4;
  const height = 54;
  ensure(flow, height + 8);
  const top = flow.y - 6;
  figures.forEach((figure, i) => {
    const x = MARGIN.left + i * (width + gap);
    flow.page.drawRectangle({
      x,
      y: top - height,
      width,
      height,
      borderColor: PDF_COLOURS.border,
      borderWidth: 1,
      color: rgb(1, 1, 1),
    });
    flow.page.drawRectangle({
      x,
      y: top - height,
      width: 4,
      height,
      color: i < 2 ? REALISED_COLOUR : FORECAST_COLOUR,
    });
    drawText(flow.kit, flow.page, figure.label, {
      x: x + 10,
      y: top - 16,
      size: 8.5,
      color: PDF_COLOURS.secondary,
    });
    const value = formatPence(figure.value);
    let size = 15;
    while (size > 8 && textWidth(flow.kit, value, size, true) > width - 16) size -= 0.5;
    drawText(flow.kit, flow.page, value, { x: x + 10, y: top - 40, size, bold: true });
  });
  flow.y = top - height - 6;
}

/**
 * Cumulative forecast (dashed blue, square markers) against cumulative realised (solid green, round markers) by
 * month, with £ on the y axis, months on the x axis and a key underneath.
 */
function chart(flow: Flow, months: SummaryMonth[]): void {
  const height = 225;
  ensure(flow, height + 40);
  const kit = flow.kit;
  const page = flow.page;
  const top = flow.y - 4;
  const plot = {
    left: MARGIN.left + 48,
    right: MARGIN.left + CONTENT_WIDTH - 10,
    top: top - 8,
    bottom: top - height + 48,
  };
  const max = Math.max(
    0,
    ...months.map((m) => Math.max(m.cumulativeForecastPence, m.cumulativeRealisedPence)),
  );
  const { step, top: axisTop } = niceScale(max);
  const yOf = (pence: number) => plot.bottom + ((plot.top - plot.bottom) * pence) / axisTop;
  const n = months.length;
  const xOf = (i: number) =>
    n <= 1 ? (plot.left + plot.right) / 2 : plot.left + ((plot.right - plot.left) * i) / (n - 1);

  for (let v = 0; v <= axisTop + 0.5; v += step) {
    const y = yOf(v);
    page.drawLine({ start: { x: plot.left, y }, end: { x: plot.right, y }, thickness: 0.5, color: GRID });
    const label = compactPounds(v);
    drawText(kit, page, label, {
      x: plot.left - 6 - textWidth(kit, label, 8),
      y: y - 3,
      size: 8,
      color: PDF_COLOURS.secondary,
    });
  }
  page.drawLine({
    start: { x: plot.left, y: plot.bottom },
    end: { x: plot.left, y: plot.top },
    thickness: 0.75,
    color: PDF_COLOURS.secondary,
  });
  page.drawLine({
    start: { x: plot.left, y: plot.bottom },
    end: { x: plot.right, y: plot.bottom },
    thickness: 0.75,
    color: PDF_COLOURS.secondary,
  });
  const yLabel = "Cumulative £";
  page.drawText(yLabel, {
    x: MARGIN.left + 6,
    y: (plot.top + plot.bottom) / 2 - textWidth(kit, yLabel, 8) / 2,
    size: 8,
    font: kit.fonts.regular,
    color: PDF_COLOURS.secondary,
    rotate: degrees(90),
  });

  // At most about eight month labels, always the first and the last.
  const every = Math.max(1, Math.ceil(n / 8));
  months.forEach((m, i) => {
    if (i % every !== 0 && i !== n - 1) return;
    if (i !== n - 1 && n - 1 - i < every && i !== 0) return;
    const label = formatMonth(m.month, true);
    const w = textWidth(kit, label, 7.5);
    page.drawLine({
      start: { x: xOf(i), y: plot.bottom },
      end: { x: xOf(i), y: plot.bottom - 3 },
      thickness: 0.5,
      color: PDF_COLOURS.secondary,
    });
    drawText(kit, page, label, {
      x: xOf(i) - w / 2,
      y: plot.bottom - 13,
      size: 7.5,
      color: PDF_COLOURS.secondary,
    });
  });
  const xLabel = "Month";
  drawText(kit, page, xLabel, {
    x: (plot.left + plot.right) / 2 - textWidth(kit, xLabel, 8) / 2,
    y: plot.bottom - 25,
    size: 8,
    color: PDF_COLOURS.secondary,
  });

  const series = (
    value: (m: SummaryMonth) => number,
    colour: typeof FORECAST_COLOUR,
    dashed: boolean,
    square: boolean,
  ) => {
    for (let i = 1; i < n; i += 1) {
      const a = months[i - 1];
      const b = months[i];
      if (!a || !b) continue;
      page.drawLine({
        start: { x: xOf(i - 1), y: yOf(value(a)) },
        end: { x: xOf(i), y: yOf(value(b)) },
        thickness: 1.6,
        color: colour,
        ...(dashed ? { dashArray: [5, 3] } : {}),
      });
    }
    if (n > 40) return;
    months.forEach((m, i) => {
      if (square)
        page.drawRectangle({ x: xOf(i) - 2.5, y: yOf(value(m)) - 2.5, width: 5, height: 5, color: colour });
      else page.drawCircle({ x: xOf(i), y: yOf(value(m)), size: 2.8, color: colour });
    });
  };
  series((m) => m.cumulativeForecastPence, FORECAST_COLOUR, true, true);
  series((m) => m.cumulativeRealisedPence, REALISED_COLOUR, false, false);

  // The key, in words, under the chart.
  const keyY = top - height + 4;
  let x = plot.left;
  const keyItem = (label: string, colour: typeof FORECAST_COLOUR, dashed: boolean, square: boolean) => {
    page.drawLine({
      start: { x, y: keyY + 3 },
      end: { x: x + 22, y: keyY + 3 },
      thickness: 1.6,
      color: colour,
      ...(dashed ? { dashArray: [5, 3] } : {}),
    });
    if (square) page.drawRectangle({ x: x + 8.5, y: keyY + 0.5, width: 5, height: 5, color: colour });
    else page.drawCircle({ x: x + 11, y: keyY + 3, size: 2.8, color: colour });
    drawText(kit, page, label, { x: x + 28, y: keyY, size: 8.5 });
    x += 28 + textWidth(kit, label, 8.5) + 24;
  };
  keyItem("Forecast to date (dashed, squares)", FORECAST_COLOUR, true, true);
  keyItem("Realised to date, signed off (solid, circles)", REALISED_COLOUR, false, false);
  flow.y = top - height - 6;
}

function headersAndFooters(kit: PdfKit, summary: BenefitsSummary, generatedOn: string): void {
  const pages = kit.doc.getPages();
  pages.forEach((page, i) => {
    const left = `${summary.organisation.name}: ${summary.programme.title}`;
    const leftLine = wrapText(kit, left, 8, CONTENT_WIDTH - 140)[0] ?? "";
    if (i > 0)
      drawText(kit, page, leftLine, {
        x: MARGIN.left,
        y: A4.height - 36,
        size: 8,
        color: PDF_COLOURS.secondary,
      });
    const right = "QI Academy benefits summary";
    drawText(kit, page, right, {
      x: A4.width - MARGIN.right - textWidth(kit, right, 8),
      y: A4.height - 36,
      size: 8,
      color: PDF_COLOURS.secondary,
    });
    page.drawLine({
      start: { x: MARGIN.left, y: A4.height - 42 },
      end: { x: A4.width - MARGIN.right, y: A4.height - 42 },
      thickness: 0.5,
      color: PDF_COLOURS.border,
    });
    page.drawLine({
      start: { x: MARGIN.left, y: 44 },
      end: { x: A4.width - MARGIN.right, y: 44 },
      thickness: 0.5,
      color: PDF_COLOURS.border,
    });
    const number = `Page ${i + 1} of ${pages.length}`;
    drawText(kit, page, number, {
      x: A4.width - MARGIN.right - textWidth(kit, number, 8),
      y: 32,
      size: 8,
      color: PDF_COLOURS.secondary,
    });
    drawText(kit, page, `Prepared ${formatCalendarDate(generatedOn)}`, {
      x: MARGIN.left,
      y: 32,
      size: 8,
      color: PDF_COLOURS.secondary,
    });
  });
}

/** Renders the summary as an A4 PDF; `generatedOn` is the date printed on it (YYYY-MM-DD). */
export async function renderSummaryPdf(
  summary: BenefitsSummary,
  o: { generatedOn: string },
): Promise<Uint8Array> {
  const kit = await createPdf({
    title: `Benefits summary: ${summary.organisation.name}, ${summary.programme.title}`,
    subject: "Benefits realisation summary for a board paper",
  });
  const flow: Flow = { kit, page: kit.doc.addPage([A4.width, A4.height]), y: A4.height - MARGIN.top };

  lines(flow, "Benefits summary", { size: 22, bold: true, colour: PDF_COLOURS.blue, leading: 28 });
  lines(flow, summary.programme.title, { size: 14, bold: true, leading: 20 });
  lines(flow, summary.organisation.name, { size: 12, leading: 17 });
  lines(
    flow,
    `${SUMMARY_SCOPE_LABELS[summary.scope]} (${summary.byTeam.length} ${summary.byTeam.length === 1 ? "team" : "teams"}, ${summary.counts.benefits} ${summary.counts.benefits === 1 ? "benefit" : "benefits"}) · prepared ${formatCalendarDate(o.generatedOn)}`,
    { colour: PDF_COLOURS.secondary },
  );
  flow.y -= 6;

  heading(flow, "Headline figures", 70);
  headlines(flow, summary);
  lines(
    flow,
    "Realised counts signed-off cashable benefits only. Forecast counts cashable benefits not rejected. Not yet signed off counts benefits awaiting sign-off or queried by finance (their realised value, or forecast where none). Non-cashable benefits are counted, never added in pounds.",
    { size: 8.5, leading: 12, colour: PDF_COLOURS.secondary },
  );

  if (summary.national) {
    heading(flow, "National comparison", LEADING * 2);
    lines(flow, `${nationalSentence(summary.national, summary.programme.title)}.`);
    lines(
      flow,
      `The forecast of ${formatPence(summary.national.forecastPence)} is ${formatShare(summary.national.forecastShare)} of it.`,
    );
  }

  heading(flow, "Forecast against realised, by month", 250);
  if (summary.byMonth.length === 0) {
    lines(flow, "No cashable benefit has a forecast or realised date yet, so there is nothing to chart.", {
      colour: PDF_COLOURS.secondary,
    });
  } else {
    chart(flow, summary.byMonth);
    const last = summary.byMonth.at(-1);
    if (last)
      lines(
        flow,
        `By ${formatMonth(last.month)}: ${formatPence(last.cumulativeForecastPence)} forecast and ${formatPence(last.cumulativeRealisedPence)} realised (signed off), from ${formatMonth(summary.byMonth[0]?.month ?? last.month)}.`,
        { size: 9, leading: 13, colour: PDF_COLOURS.secondary },
      );
    if (summary.undated.forecastPence > 0 || summary.undated.realisedPence > 0)
      lines(
        flow,
        `Not in the chart for want of a date: ${formatPence(summary.undated.forecastPence)} forecast, ${formatPence(summary.undated.realisedPence)} realised.`,
        { size: 9, leading: 13, colour: PDF_COLOURS.secondary },
      );
  }

  const moneyColumns: Column[] = [
    { header: "Forecast", width: 80, align: "right" },
    { header: "Realised", width: 80, align: "right" },
    { header: "Not yet signed off", width: 86, align: "right" },
    { header: "Benefits", width: 50, align: "right" },
  ];
  const firstWidth = CONTENT_WIDTH - moneyColumns.reduce((n, c) => n + c.width, 0);

  heading(flow, "By benefit area and order");
  table(
    flow,
    [{ header: "Area and order", width: firstWidth }, ...moneyColumns],
    summary.byArea.flatMap((area) => [
      {
        cells: [area.label, ...money(area.total), String(area.counts.benefits)],
        bold: true,
        keepWithNext: area.counts.nonCashable > 0 ? 3 : 2,
      },
      { cells: ["First-order", ...money(area.first), ""], indent: true },
      { cells: ["Second-order", ...money(area.second), ""], indent: true },
      ...(area.counts.nonCashable > 0
        ? [{ cells: [`Non-cashable: ${area.counts.nonCashable} (not in £)`, "", "", "", ""], indent: true }]
        : []),
    ]),
  );

  heading(flow, "By team");
  table(
    flow,
    [{ header: "Team", width: firstWidth }, ...moneyColumns],
    [
      ...summary.byTeam.map((team) => ({
        cells: [team.name, ...money(team.total), String(team.counts.benefits)],
      })),
      { cells: ["All teams", ...money(summary.totals.total), String(summary.counts.benefits)], bold: true },
    ],
  );

  heading(flow, "By module");
  table(
    flow,
    [{ header: "Module", width: firstWidth }, ...moneyColumns],
    summary.byModule
      .filter((m) => m.counts.benefits > 0)
      .map((m) => ({ cells: [m.title, ...money(m.total), String(m.counts.benefits)] })),
  );

  headersAndFooters(kit, summary, o.generatedOn);
  return kit.doc.save();
}
