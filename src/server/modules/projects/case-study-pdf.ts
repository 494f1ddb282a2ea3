import type { PDFPage } from "pdf-lib";
import type { CaseStudyChart, CaseStudyDocument, CaseStudyDriverNode } from "../../../shared/case-study.js";
import { formatCalendarDate } from "../../../shared/dates.js";
import {
  CASE_STUDY_SECTION_TEXT,
  type CaseStudySection,
  DRIVER_NODE_KIND_LABELS,
  IMPROVEMENT_DIRECTION_LABELS,
  MEASURE_KIND_LABELS,
  PDSA_DECISION_LABELS,
  PROGRESS_SCORE_LABELS,
  PROJECT_SETTING_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECT_TOPIC_LABELS,
  type ProgressScore,
} from "../../../shared/projects.js";
import { describeRules, formatChartNumber, layoutSpcChart } from "../../../shared/spc/chart-layout.js";
import { MINIMUM_POINTS_FOR_LIMITS } from "../../../shared/spc/types.js";
import {
  A4,
  createPdf,
  drawText,
  PDF_COLOURS,
  type PdfKit,
  textWidth,
  wrapText,
} from "../../platform/pdf.js";
import { drawChartLegendPdf, drawChartPdf } from "./chart-pdf.js";

const MARGIN = { left: 56, right: 56, top: 72, bottom: 64 };
const CONTENT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BODY = 10.5;
const LEADING = 15;

/** A page flow: the current page and the baseline of the next line, adding pages as content needs them. */
interface Flow {
  kit: PdfKit;
  page: PDFPage;
  y: number;
}

function newPage(flow: Flow): void {
  flow.page = flow.kit.doc.addPage([A4.width, A4.height]);
  flow.y = A4.height - MARGIN.top;
}

/** Makes sure `height` points fit above the bottom margin; otherwise starts a new page. */
function ensure(flow: Flow, height: number): void {
  if (flow.y - height < MARGIN.bottom) newPage(flow);
}

/** Draws wrapped lines at an indent, never cutting a line in half across pages. */
function lines(
  flow: Flow,
  text: string,
  o: {
    size?: number;
    bold?: boolean;
    indent?: number;
    colour?: typeof PDF_COLOURS.text;
    leading?: number;
  } = {},
) {
  const size = o.size ?? BODY;
  const leading = o.leading ?? LEADING;
  const indent = o.indent ?? 0;
  for (const line of wrapText(flow.kit, text, size, CONTENT_WIDTH - indent, o.bold)) {
    ensure(flow, leading);
    flow.y -= leading;
    drawText(flow.kit, flow.page, line, {
      x: MARGIN.left + indent,
      y: flow.y + 4,
      size,
      bold: o.bold,
      color: o.colour,
    });
  }
}

/** A section heading kept with at least a few lines of what follows. */
function heading(flow: Flow, text: string, level: 1 | 2 = 1): void {
  const size = level === 1 ? 15 : 12;
  ensure(flow, size + 8 + LEADING * 3);
  flow.y -= level === 1 ? 14 : 8;
  lines(flow, text, {
    size,
    bold: true,
    colour: level === 1 ? PDF_COLOURS.blue : PDF_COLOURS.text,
    leading: size + 6,
  });
  flow.y -= 2;
}

/**
 * Markdown-ish text: blank lines separate paragraphs, lines starting "- " or "* " are list items (a bullet and a
 * hanging indent), other single line breaks are kept as line breaks.
 */
function richText(flow: Flow, text: string): void {
  const trimmed = text.trim();
  if (trimmed === "") {
    lines(flow, "Not written yet.", { colour: PDF_COLOURS.secondary });
    return;
  }
  const blocks = trimmed.split(/\r?\n\s*\r?\n/);
  blocks.forEach((block, b) => {
    if (b > 0) flow.y -= 6;
    for (const raw of block.split(/\r?\n/)) {
      const item = /^\s*[-*•]\s+(.*)$/.exec(raw);
      if (item) {
        const wrapped = wrapText(flow.kit, item[1] ?? "", BODY, CONTENT_WIDTH - 16);
        wrapped.forEach((line, i) => {
          ensure(flow, LEADING);
          flow.y -= LEADING;
          if (i === 0) drawText(flow.kit, flow.page, "•", { x: MARGIN.left + 5, y: flow.y + 4, size: BODY });
          drawText(flow.kit, flow.page, line, { x: MARGIN.left + 16, y: flow.y + 4, size: BODY });
        });
      } else {
        lines(flow, raw);
      }
    }
  });
}

/** "Label: value" facts, the label in bold. */
function fact(flow: Flow, label: string, value: string): void {
  if (value.trim() === "") return;
  const labelText = `${label}: `;
  const labelWidth = textWidth(flow.kit, labelText, BODY, true);
  const wrapped = wrapText(flow.kit, value, BODY, CONTENT_WIDTH - labelWidth);
  wrapped.forEach((line, i) => {
    ensure(flow, LEADING);
    flow.y -= LEADING;
    if (i === 0)
      drawText(flow.kit, flow.page, labelText, { x: MARGIN.left, y: flow.y + 4, size: BODY, bold: true });
    drawText(flow.kit, flow.page, line, { x: MARGIN.left + labelWidth, y: flow.y + 4, size: BODY });
  });
}

function driverTree(flow: Flow, nodes: CaseStudyDriverNode[], depth: number): void {
  for (const node of nodes) {
    const indent = depth * 18;
    const label = `${DRIVER_NODE_KIND_LABELS[node.kind]}: `;
    const wrapped = wrapText(flow.kit, `${label}${node.text}`, BODY, CONTENT_WIDTH - indent - 12);
    wrapped.forEach((line, i) => {
      ensure(flow, LEADING);
      flow.y -= LEADING;
      if (i === 0)
        drawText(flow.kit, flow.page, depth === 0 ? "■" : "–", {
          x: MARGIN.left + indent,
          y: flow.y + 4,
          size: BODY - 2,
          color: PDF_COLOURS.blue,
        });
      drawText(flow.kit, flow.page, line, { x: MARGIN.left + indent + 12, y: flow.y + 4, size: BODY });
    });
    driverTree(flow, node.children, depth + 1);
  }
}

/** The PDSA cycles as a table: each row kept whole on one page, the header repeated on every page. */
function pdsaTable(flow: Flow, doc: CaseStudyDocument): void {
  const size = 9;
  const lead = 12;
  const columns = [
    { title: "Cycle and change idea", width: 0.3 },
    { title: "Dates", width: 0.17 },
    { title: "Prediction and what happened", width: 0.35 },
    { title: "Decision", width: 0.18 },
  ].map((c) => ({ ...c, width: c.width * CONTENT_WIDTH }));
  const drawHeader = () => {
    ensure(flow, lead * 4);
    flow.y -= lead + 2;
    let x = MARGIN.left;
    for (const c of columns) {
      drawText(flow.kit, flow.page, c.title, { x: x + 2, y: flow.y + 3, size, bold: true });
      x += c.width;
    }
    flow.y -= 4;
    flow.page.drawLine({
      start: { x: MARGIN.left, y: flow.y },
      end: { x: MARGIN.left + CONTENT_WIDTH, y: flow.y },
      thickness: 1,
      color: PDF_COLOURS.text,
    });
  };
  drawHeader();
  for (const cycle of doc.pdsaCycles) {
    const dates = `${formatCalendarDate(cycle.startsOn)}${cycle.endsOn ? ` to ${formatCalendarDate(cycle.endsOn)}` : " (ongoing)"}`;
    const story = [
      cycle.prediction && `Predicted: ${cycle.prediction}`,
      cycle.study && `Found: ${cycle.study}`,
    ]
      .filter(Boolean)
      .join("\n");
    const cells = [
      [cycle.title, cycle.changeIdea ? `Tests: ${cycle.changeIdea}` : ""].filter(Boolean).join("\n"),
      dates,
      story || "—",
      cycle.decision ? PDSA_DECISION_LABELS[cycle.decision] : "Not decided yet",
    ].map((text, i) => {
      const width = (columns[i]?.width ?? 100) - 6;
      if (i > 0) return wrapText(flow.kit, text, size, width).slice(0, 40);
      // The cycle's title is bold, so it is measured in bold.
      const [title = "", ...rest] = text.split("\n");
      return [
        ...wrapText(flow.kit, title, size, width, true).map((line) => ({ line, bold: true })),
        ...rest.flatMap((r) => wrapText(flow.kit, r, size, width)),
      ].slice(0, 40);
    });
    const rowHeight = Math.max(...cells.map((c) => c.length)) * lead + 8;
    if (flow.y - rowHeight < MARGIN.bottom) {
      newPage(flow);
      drawHeader();
    }
    let x = MARGIN.left;
    cells.forEach((cellLines, i) => {
      cellLines.forEach((cell, j) => {
        const text = typeof cell === "string" ? cell : cell.line;
        const bold = typeof cell !== "string";
        drawText(flow.kit, flow.page, text, { x: x + 2, y: flow.y - 4 - lead * (j + 1) + 3, size, bold });
      });
      x += columns[i]?.width ?? 0;
    });
    flow.y -= rowHeight;
    flow.page.drawLine({
      start: { x: MARGIN.left, y: flow.y },
      end: { x: MARGIN.left + CONTENT_WIDTH, y: flow.y },
      thickness: 0.5,
      color: PDF_COLOURS.border,
    });
  }
}

const CHART_HEIGHT = 250;

/** One chart block: heading, what the measure is, the vector chart, its legend, icons' text, rules and a summary. */
function chartBlock(flow: Flow, chart: CaseStudyChart): void {
  const layout = layoutSpcChart(chart.result, {
    width: CONTENT_WIDTH,
    height: CHART_HEIGHT,
    title: "",
    unit: chart.unit,
    annotations: chart.annotations,
    target: chart.target,
    fontSize: 7.5,
  });
  // Keep the heading, the facts and the chart together.
  ensure(flow, 40 + LEADING * 3 + CHART_HEIGHT + 60);
  heading(flow, chart.title, 2);
  const facts = [
    MEASURE_KIND_LABELS[chart.kind],
    IMPROVEMENT_DIRECTION_LABELS[chart.improvementDirection],
    chart.unit ? `Unit: ${chart.unit}` : "",
    chart.target !== null ? `Target: ${formatChartNumber(chart.target)}` : "",
  ].filter(Boolean);
  lines(flow, facts.join(" · "), { size: 9, colour: PDF_COLOURS.secondary, leading: 13 });
  if (chart.definition.trim())
    lines(flow, `Definition: ${chart.definition}`, { size: 9, colour: PDF_COLOURS.secondary, leading: 13 });
  flow.y -= 6;
  ensure(flow, CHART_HEIGHT + 40);
  drawChartPdf(flow.kit, flow.page, layout, { left: MARGIN.left, top: flow.y });
  flow.y -= CHART_HEIGHT + 4;
  flow.y -= drawChartLegendPdf(flow.kit, flow.page, layout, {
    left: MARGIN.left,
    top: flow.y,
    width: CONTENT_WIDTH,
    size: 8,
  });
  flow.y -= 4;
  const s = chart.result.summary;
  if (layout.mode === "run") {
    lines(
      flow,
      `The limits are not yet reliable: fewer than ${MINIMUM_POINTS_FOR_LIMITS} points. This is a run chart around the median.`,
      { size: 9, bold: true, leading: 13 },
    );
  }
  lines(flow, `Variation: ${s.variationText}`, { size: 9, leading: 13 });
  lines(flow, `Assurance: ${s.assuranceText}`, { size: 9, leading: 13 });
  lines(flow, describeRules(s.rules), { size: 9, leading: 13, colour: PDF_COLOURS.secondary });
  lines(flow, layout.description, { size: 9, leading: 13, colour: PDF_COLOURS.secondary });
  const values = chart.result.points.map((p) => p.value);
  if (values.length > 0) {
    const latest = chart.result.points[values.length - 1];
    const summary = `Data: ${values.length} points; lowest ${formatChartNumber(Math.min(...values))}, highest ${formatChartNumber(Math.max(...values))}, latest ${formatChartNumber(latest?.value ?? 0)}${latest?.date ? ` on ${formatCalendarDate(latest.date)}` : ""}.`;
    lines(flow, summary, { size: 9, leading: 13, colour: PDF_COLOURS.secondary });
  }
  flow.y -= 8;
}

/** Header (document title) and footer (page numbers) on every page, drawn once the page count is known. */
function headersAndFooters(kit: PdfKit, doc: CaseStudyDocument): void {
  const pages = kit.doc.getPages();
  const generated = formatCalendarDate(doc.generatedAt.slice(0, 10));
  pages.forEach((page, i) => {
    const title = wrapText(kit, doc.project.title, 8, CONTENT_WIDTH - 130)[0] ?? "";
    if (i > 0) {
      drawText(kit, page, title, {
        x: MARGIN.left,
        y: A4.height - 40,
        size: 8,
        color: PDF_COLOURS.secondary,
      });
    }
    drawText(kit, page, "QI Academy case study", {
      x: A4.width - MARGIN.right - textWidth(kit, "QI Academy case study", 8),
      y: A4.height - 40,
      size: 8,
      color: PDF_COLOURS.secondary,
    });
    page.drawLine({
      start: { x: MARGIN.left, y: A4.height - 46 },
      end: { x: A4.width - MARGIN.right, y: A4.height - 46 },
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
    drawText(kit, page, `Generated ${generated}`, {
      x: MARGIN.left,
      y: 32,
      size: 8,
      color: PDF_COLOURS.secondary,
    });
  });
}

/**
 * Renders a case study as an A4 PDF: a title block, every section with its heading, the driver diagram, the PDSA
 * cycles table, and under Results each chart drawn as vector graphics from the same layout the web page uses. Team
 * names are printed only when asked (the library's copy has none).
 */
export async function renderCaseStudyPdf(
  doc: CaseStudyDocument,
  options: { includeTeamNames?: boolean } = {},
): Promise<Uint8Array> {
  const includeNames = options.includeTeamNames ?? true;
  const authors = includeNames ? doc.team.map((m) => m.name).join(", ") : "";
  const kit = await createPdf({
    title: doc.project.title,
    author: authors || doc.project.organisationName || "QI Academy",
    subject: "Improvement project case study",
  });
  const flow: Flow = { kit, page: kit.doc.addPage([A4.width, A4.height]), y: A4.height - MARGIN.top };
  const p = doc.project;

  lines(flow, "Improvement project case study", { size: 10, bold: true, colour: PDF_COLOURS.blue });
  flow.y -= 4;
  lines(flow, p.title, { size: 22, bold: true, leading: 28 });
  flow.y -= 6;
  fact(flow, "Organisation", p.organisationName ?? "");
  fact(flow, "Team", p.teamName);
  fact(flow, "Setting", PROJECT_SETTING_LABELS[p.setting]);
  fact(flow, "Topic", PROJECT_TOPIC_LABELS[p.topic]);
  const score = p.progressScore && p.progressScore in PROGRESS_SCORE_LABELS ? p.progressScore : null;
  fact(
    flow,
    "Status",
    `${PROJECT_STATUS_LABELS[p.status]}${score ? `; progress score ${score} (${PROGRESS_SCORE_LABELS[score as ProgressScore]})` : ""}`,
  );
  fact(flow, "Linked course", p.courseTitle ?? "");
  const aim = [p.aimWhat, p.aimHowMuch, p.aimByWhen ? `by ${formatCalendarDate(p.aimByWhen)}` : ""]
    .filter((s) => s.trim())
    .join(" ");
  fact(flow, "Aim", aim);
  if (includeNames && doc.team.length > 0) {
    fact(
      flow,
      "Project team",
      doc.team
        .map(
          (m) =>
            `${m.name} (${m.role === "lead" ? "lead" : "member"}${m.responsibility ? `, ${m.responsibility}` : ""})`,
        )
        .join("; "),
    );
  }
  flow.y -= 4;
  flow.page.drawLine({
    start: { x: MARGIN.left, y: flow.y },
    end: { x: A4.width - MARGIN.right, y: flow.y },
    thickness: 1,
    color: PDF_COLOURS.blue,
  });

  const section = (key: CaseStudySection) => {
    heading(flow, CASE_STUDY_SECTION_TEXT[key].heading);
    richText(flow, doc.sections[key]);
  };
  section("background");
  if (p.problem.trim() && !doc.sections.background.includes(p.problem.trim())) {
    flow.y -= 4;
    fact(flow, "The problem", p.problem);
  }
  section("aim");
  if (doc.driverDiagram.length > 0) {
    heading(flow, "Driver diagram");
    lines(flow, `Aim: ${aim || p.title}`, { bold: true });
    driverTree(flow, doc.driverDiagram, 0);
  }
  section("methods");
  if (doc.pdsaCycles.length > 0) {
    heading(flow, "PDSA cycles", 2);
    pdsaTable(flow, doc);
  }
  section("results");
  for (const chart of doc.charts) chartBlock(flow, chart);
  section("lessons");
  section("nextSteps");
  section("involvement");

  headersAndFooters(kit, doc);
  return kit.doc.save();
}
