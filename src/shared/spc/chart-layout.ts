/**
 * Lays out an SPC chart once, as plain numbers and strings, so the web page (React SVG), the server's SVG download and
 * the PDF draw exactly the same chart: scales and ticks, stepped centre lines and limits per segment, each point's
 * colour and shape, the target, annotation markers stacked so their labels never collide, a sentence describing the
 * chart and the rows of its data table. Pure and deterministic.
 */
import { formatCalendarDate, formatShortCalendarDate } from "../dates.js";
import {
  type ChartAnnotation,
  MINIMUM_POINTS_FOR_LIMITS,
  type SpcPoint,
  type SpcResult,
  type SpcRuleName,
  type SpecialCause,
} from "./types.js";

/** How a point is drawn: by what it signals. Colour is never the only difference, so each has its own shape. */
export type PointKind = "improvement" | "concern" | "neither" | "common";
/** Marker shapes: improvement points are triangles, concern squares, neither diamonds, common cause circles. */
export type PointShape = "triangle" | "square" | "diamond" | "circle";

/** Colours (Making Data Count, NHS identity) and the shape for each kind of point. */
export const POINT_STYLES: Record<
  PointKind,
  { fill: string; stroke: string; shape: PointShape; label: string }
> = {
  improvement: {
    fill: "#41B6E6",
    stroke: "#005EB8",
    shape: "triangle",
    label: "Special cause: improvement (blue triangle)",
  },
  concern: {
    fill: "#ED8B00",
    stroke: "#8A4D00",
    shape: "square",
    label: "Special cause: concern (orange square)",
  },
  neither: {
    fill: "#330072",
    stroke: "#330072",
    shape: "diamond",
    label: "Special cause: neither (purple diamond)",
  },
  common: {
    fill: "#AEB7BD",
    stroke: "#425563",
    shape: "circle",
    label: "Common cause variation (grey circle)",
  },
};

/** Colours of the chart's lines and text. */
export const CHART_COLOURS = {
  text: "#212B32",
  secondaryText: "#4C6272",
  axis: "#425563",
  grid: "#E8EDEE",
  dataLine: "#768692",
  centre: "#212B32",
  limit: "#4C6272",
  twoSigma: "#AEB7BD",
  target: "#DA291C",
  annotation: "#005EB8",
  rebase: "#330072",
} as const;

/** Which horizontal line of the chart. */
export type ChartLineKind =
  | "mean"
  | "median"
  | "upper_limit"
  | "lower_limit"
  | "upper_two_sigma"
  | "lower_two_sigma"
  | "target";

/** One horizontal line piece: a segment's mean, limit or two-sigma line, the median, or the target. */
export interface ChartLine {
  kind: ChartLineKind;
  x1: number;
  x2: number;
  y: number;
  value: number;
  /** "solid", "dashed" or "dotted": how the line is stroked. */
  dash: "solid" | "dashed" | "dotted";
  colour: string;
  width: number;
}

/** One plotted point. */
export interface ChartPoint {
  index: number;
  x: number;
  y: number;
  value: number;
  date: string | null;
  kind: PointKind;
  fill: string;
  stroke: string;
  shape: PointShape;
}

/** An annotation placed on the time axis, with its label row (0 is nearest the plot). */
export interface ChartMarker {
  x: number;
  date: string;
  kind: ChartAnnotation["kind"];
  label: string;
  shortLabel: string;
  row: number;
  /** Baseline of the label text, and the label's left edge (labels are left-aligned on the marker, kept inside). */
  labelX: number;
  labelY: number;
  colour: string;
}

/** A tick on an axis with its label. */
export interface ChartTick {
  value: number;
  /** Pixel position along the axis (y for the value axis, x for the time axis). */
  position: number;
  label: string;
}

/** One row of the data table alternative. */
export interface ChartTableRow {
  index: number;
  date: string;
  value: string;
  centre: string;
  lowerLimit: string;
  upperLimit: string;
  signal: string;
  rules: string;
}

/** Everything a renderer needs to draw the chart. */
export interface ChartLayout {
  width: number;
  height: number;
  title: string;
  unit: string;
  mode: "xmr" | "run";
  fontSize: number;
  /** Where the title is drawn (baseline, left). */
  titleX: number;
  titleY: number;
  plot: { left: number; top: number; right: number; bottom: number };
  yTicks: ChartTick[];
  xTicks: ChartTick[];
  /** The unit, drawn rotated beside the value axis; centre of the label. */
  yAxisLabel: { text: string; x: number; y: number };
  lines: ChartLine[];
  /** The data line through every point, in order. */
  path: { x: number; y: number }[];
  points: ChartPoint[];
  markers: ChartMarker[];
  /** Kinds of point present, for the legend. */
  legend: { kind: PointKind; label: string; fill: string; stroke: string; shape: PointShape }[];
  /** Line kinds present, for the legend. */
  lineLegend: { kind: ChartLineKind; label: string; colour: string; dash: ChartLine["dash"] }[];
  description: string;
  table: ChartTableRow[];
  /** Column heading for the centre line in the table: "Mean" or "Median". */
  centreHeading: string;
}

/** What layoutSpcChart takes besides the result. */
export interface ChartLayoutOptions {
  width: number;
  height: number;
  title: string;
  unit: string;
  annotations?: ChartAnnotation[];
  target?: number | null;
  runChart?: boolean;
  /** Font size for tick labels and annotations (11 by default). */
  fontSize?: number;
}

/** Rule names in words. */
export const RULE_LABELS: Record<SpcRuleName, string> = {
  outside_limits: "outside the limits",
  shift: "shift",
  trend: "trend",
  two_of_three: "two of three near a limit",
};

/** A number as people read it: at most two decimals (three significant below 1), no trailing zeros. */
export function formatChartNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 1 : abs >= 1 || abs === 0 ? 2 : 3;
  const rounded = Number(value.toFixed(digits));
  return (Object.is(rounded, -0) ? 0 : rounded).toLocaleString("en-GB", { maximumFractionDigits: digits });
}

/** A rough text width for the sans-serif fonts the renderers use (average glyph ≈ 0.6 em), for spacing only. */
export function estimateTextWidth(text: string, fontSize: number): number {
  return text.length * fontSize * 0.6;
}

/** "Nice" ticks (1, 2, 2.5 or 5 × 10ⁿ) covering [min, max], about `target` of them. */
export function niceTicks(
  min: number,
  max: number,
  target = 6,
): { min: number; max: number; step: number; ticks: number[] } {
  let lo = min;
  let hi = max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  const rough = (hi - lo) / Math.max(1, target - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const residual = rough / magnitude;
  const nice = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10;
  const step = nice * magnitude;
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + (nice === 2.5 ? 1 : 0));
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { min: start, max: ticks[ticks.length - 1] ?? end, step, ticks };
}

function pointKind(cause: SpecialCause | null): PointKind {
  return cause ?? "common";
}

/** Days between two ISO dates. */
function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** "weekly" and so on, from the typical gap between dates; empty when irregular or unknown. */
function frequencyWord(points: SpcPoint[]): string {
  const gaps: number[] = [];
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]?.date;
    const b = points[i]?.date;
    if (a && b) gaps.push(daysBetween(a, b));
  }
  if (gaps.length === 0) return "";
  gaps.sort((x, y) => x - y);
  const median = gaps[Math.floor(gaps.length / 2)] ?? 0;
  if (median === 1) return "daily ";
  if (median === 7) return "weekly ";
  if (median === 14) return "fortnightly ";
  if (median >= 28 && median <= 31) return "monthly ";
  if (median >= 89 && median <= 92) return "quarterly ";
  return "";
}

/** The one-sentence description a screen reader hears and the PDF prints. */
function describe(result: SpcResult, mode: "xmr" | "run", target: number | null): string {
  const { points, summary } = result;
  if (points.length === 0) return "No data points yet, so there is no chart to describe.";
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return "";
  const n = points.length;
  const kind = mode === "xmr" ? "XmR chart" : "Run chart";
  const noun = n === 1 ? "point" : "points";
  let sentence = `${kind} of ${n} ${frequencyWord(points)}${noun}`;
  if (first.date && last.date) {
    sentence +=
      n === 1
        ? ` on ${formatCalendarDate(first.date)}`
        : ` from ${formatCalendarDate(first.date)} to ${formatCalendarDate(last.date)}`;
  }
  const segments = summary.segmentStarts.length > 0 ? summary.segmentStarts : [0];
  const centreWord = mode === "xmr" ? "mean" : "median";
  const centres = segments.map((start, i) => {
    const p = points[start];
    if (!p) return "";
    const value = formatChartNumber(mode === "xmr" ? p.mean : p.median);
    if (i === 0) return `${centreWord} ${value}`;
    const when = p.date ? ` on ${formatCalendarDate(p.date)}` : ` at point ${start + 1}`;
    return `then ${value} after a rebase${when}`;
  });
  sentence += `; ${centres.filter((c) => c !== "").join(" ")}`;
  if (target !== null) sentence += `; target ${formatChartNumber(target)}`;
  if (mode === "run") {
    sentence += `; with fewer than ${MINIMUM_POINTS_FOR_LIMITS} points the limits are not yet reliable`;
  }
  if (last.specialCause) {
    let count = 0;
    const rules = new Set<SpcRuleName>();
    for (let i = n - 1; i >= 0; i--) {
      const p = points[i];
      if (!p || p.specialCause !== last.specialCause) break;
      count++;
      for (const r of p.rules) rules.add(r);
    }
    const ruleWords = [...rules].map((r) => RULE_LABELS[r]).join(", ");
    const lead = count === 1 ? "the latest point shows" : `the last ${count} points show`;
    sentence += `; ${lead} special cause ${last.specialCause}${ruleWords ? ` (${ruleWords})` : ""}`;
  } else {
    sentence += "; the latest point shows common cause variation";
  }
  return `${sentence}.`;
}

/** Splits a segment's points into runs where a per-point value stays the same, so baselines and rebases step. */
function steppedPieces(
  points: SpcPoint[],
  xOf: (i: number) => number,
  half: number,
  value: (p: SpcPoint) => number,
): { x1: number; x2: number; value: number }[] {
  const pieces: { x1: number; x2: number; value: number }[] = [];
  let start = 0;
  for (let i = 1; i <= points.length; i++) {
    const a = points[start];
    const b = points[i];
    if (!a) break;
    if (b && b.segment === a.segment && value(b) === value(a)) continue;
    const prev = points[i - 1] ?? a;
    const x1 = xOf(a.index);
    const x2 = xOf(prev.index);
    pieces.push({ x1: x1 === x2 ? x1 - half : x1, x2: x1 === x2 ? x2 + half : x2, value: value(a) });
    start = i;
  }
  return pieces.filter((p) => Number.isFinite(p.value));
}

const ANNOTATION_PREFIX: Record<ChartAnnotation["kind"], string> = {
  pdsa: "PDSA: ",
  note: "",
  rebase: "Rebase: ",
};
const MAX_LABEL_CHARS = 28;
const MAX_MARKER_ROWS = 4;

/** Lays out an SPC chart in a width × height box. */
export function layoutSpcChart(result: SpcResult, options: ChartLayoutOptions): ChartLayout {
  const { width, height } = options;
  const fontSize = options.fontSize ?? 11;
  const points = result.points;
  const target = options.target ?? result.summary.target ?? null;
  const mode: "xmr" | "run" = options.runChart || !result.summary.enoughDataForLimits ? "run" : "xmr";

  // Values the y axis must cover.
  const covered: number[] = points.map((p) => p.value);
  for (const p of points) {
    if (mode === "xmr") covered.push(p.upperProcessLimit, p.lowerProcessLimit, p.mean);
    else covered.push(p.median);
  }
  if (target !== null) covered.push(target);
  const finite = covered.filter((v) => Number.isFinite(v));
  const dataMin = finite.length ? Math.min(...finite) : 0;
  const dataMax = finite.length ? Math.max(...finite) : 1;
  // A little room above and below, so no point sits on an axis (but never below zero for data that is not).
  const pad = (dataMax - dataMin) * 0.04;
  const scale = niceTicks(dataMin >= 0 ? Math.max(0, dataMin - pad) : dataMin - pad, dataMax + pad);
  const tickDecimals = Math.max(
    0,
    ...scale.ticks.map((t) => {
      const s = String(t);
      return s.includes(".") ? (s.split(".")[1]?.length ?? 0) : 0;
    }),
  );
  const tickLabel = (v: number) =>
    v.toLocaleString("en-GB", { minimumFractionDigits: tickDecimals, maximumFractionDigits: tickDecimals });

  // Annotation markers: which fall inside the time range, and how many label rows they need.
  const dated = points.every((p) => p.date !== null) && points.length > 0;
  const firstDate = dated ? (points[0]?.date ?? null) : null;
  const lastDate = dated ? (points[points.length - 1]?.date ?? null) : null;
  const annotations = (options.annotations ?? [])
    .filter((a) => firstDate !== null && lastDate !== null && a.date >= firstDate && a.date <= lastDate)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.label.localeCompare(b.label)));

  const titleHeight = options.title ? fontSize * 1.5 + 8 : 0;
  const rowHeight = fontSize + 4;

  // Left margin from the widest tick label, plus room for the rotated unit.
  const widestTick = Math.max(...scale.ticks.map((t) => estimateTextWidth(tickLabel(t), fontSize)));
  const unitRoom = options.unit ? fontSize + 8 : 0;
  const left = Math.ceil(widestTick + 10 + unitRoom);
  const right = width - 12;

  // Place markers first (with a provisional x scale) so the top margin knows how many rows there are.
  const n = points.length;
  const plotWidth = Math.max(1, right - left);
  const spacing = n > 1 ? plotWidth / (n - 1 + 1) : plotWidth;
  const inset = n > 1 ? spacing / 2 : plotWidth / 2;
  const xOf = (i: number) => (n > 1 ? left + inset + i * spacing : left + plotWidth / 2);
  const xOfDate = (date: string): number => {
    for (let i = 0; i < n; i++) {
      const p = points[i];
      if (!p?.date) continue;
      if (p.date === date) return xOf(i);
      if (p.date > date) {
        const prev = points[i - 1];
        if (!prev?.date) return xOf(i);
        const frac = daysBetween(prev.date, date) / Math.max(1, daysBetween(prev.date, p.date));
        return xOf(i - 1) + frac * spacing;
      }
    }
    return xOf(n - 1);
  };

  const rowsEnd: number[] = [];
  const placed = annotations.map((a) => {
    const full = `${ANNOTATION_PREFIX[a.kind]}${a.label}`;
    const shortLabel =
      full.length > MAX_LABEL_CHARS ? `${full.slice(0, MAX_LABEL_CHARS - 1).trimEnd()}…` : full;
    const x = xOfDate(a.date);
    const labelWidth = estimateTextWidth(shortLabel, fontSize);
    const labelX = Math.max(left, Math.min(x - 2, right - labelWidth));
    let row = rowsEnd.findIndex((end) => end + 6 <= labelX);
    if (row === -1) {
      if (rowsEnd.length < MAX_MARKER_ROWS) {
        row = rowsEnd.length;
        rowsEnd.push(0);
      } else {
        // Every row is taken here: use the row that frees up first; the label overlaps least there.
        row = rowsEnd.indexOf(Math.min(...rowsEnd));
      }
    }
    rowsEnd[row] = labelX + labelWidth;
    return { a, x, shortLabel, labelX, row };
  });
  const markerBand = rowsEnd.length * rowHeight + (rowsEnd.length ? 4 : 0);
  const top = Math.ceil(titleHeight + markerBand + 8);
  const xLabelHeight = fontSize * 2 + 8;
  const bottom = Math.max(top + 20, height - xLabelHeight);

  const yOf = (v: number) => bottom - ((v - scale.min) / (scale.max - scale.min || 1)) * (bottom - top);

  const yTicks: ChartTick[] = scale.ticks.map((t) => ({ value: t, position: yOf(t), label: tickLabel(t) }));

  // Time axis ticks: dates (or point numbers), thinned so labels never overlap.
  const xLabels = points.map((p) => (p.date ? formatShortCalendarDate(p.date) : String(p.index + 1)));
  const widestX = Math.max(0, ...xLabels.map((l) => estimateTextWidth(l, fontSize)));
  const every = n > 0 ? Math.max(1, Math.ceil((widestX + 8) / Math.max(spacing, 1))) : 1;
  const xTicks: ChartTick[] = [];
  for (let i = 0; i < n; i += every) {
    xTicks.push({ value: i, position: xOf(i), label: xLabels[i] ?? "" });
  }

  const lines: ChartLine[] = [];
  const half = spacing / 2;
  if (n > 0) {
    const add = (
      kind: ChartLineKind,
      pick: (p: SpcPoint) => number,
      dash: ChartLine["dash"],
      colour: string,
      lineWidth: number,
    ) => {
      for (const piece of steppedPieces(points, xOf, half, pick)) {
        lines.push({
          kind,
          x1: piece.x1,
          x2: piece.x2,
          y: yOf(piece.value),
          value: piece.value,
          dash,
          colour,
          width: lineWidth,
        });
      }
    };
    if (mode === "xmr") {
      add("upper_two_sigma", (p) => p.upperTwoSigma, "dotted", CHART_COLOURS.twoSigma, 1);
      add("lower_two_sigma", (p) => p.lowerTwoSigma, "dotted", CHART_COLOURS.twoSigma, 1);
      add("upper_limit", (p) => p.upperProcessLimit, "dashed", CHART_COLOURS.limit, 1.25);
      add("lower_limit", (p) => p.lowerProcessLimit, "dashed", CHART_COLOURS.limit, 1.25);
      add("mean", (p) => p.mean, "solid", CHART_COLOURS.centre, 1.5);
    } else {
      add("median", (p) => p.median, "solid", CHART_COLOURS.centre, 1.5);
    }
  }
  if (target !== null && Number.isFinite(target)) {
    lines.push({
      kind: "target",
      x1: left,
      x2: right,
      y: yOf(target),
      value: target,
      dash: "dashed",
      colour: CHART_COLOURS.target,
      width: 1.5,
    });
  }

  const chartPoints: ChartPoint[] = points.map((p) => {
    // The engine's signals are shown in both modes, so the chart agrees with the variation icon and its words.
    const kind = pointKind(p.specialCause);
    const style = POINT_STYLES[kind];
    return {
      index: p.index,
      x: xOf(p.index),
      y: yOf(p.value),
      value: p.value,
      date: p.date,
      kind,
      fill: style.fill,
      stroke: style.stroke,
      shape: style.shape,
    };
  });

  const markers: ChartMarker[] = placed.map(({ a, x, shortLabel, labelX, row }) => ({
    x,
    date: a.date,
    kind: a.kind,
    label: a.label,
    shortLabel,
    row,
    labelX,
    labelY: top - 8 - row * rowHeight,
    colour: a.kind === "rebase" ? CHART_COLOURS.rebase : CHART_COLOURS.annotation,
  }));

  const kinds = new Set(chartPoints.map((p) => p.kind));
  const legend = (["improvement", "concern", "neither", "common"] as const)
    .filter((k) => kinds.has(k))
    .map((k) => ({ kind: k, ...POINT_STYLES[k] }));
  const lineKinds = new Set(lines.map((l) => l.kind));
  const lineLegend: ChartLayout["lineLegend"] = [];
  if (lineKinds.has("mean"))
    lineLegend.push({
      kind: "mean",
      label: "Mean (solid line)",
      colour: CHART_COLOURS.centre,
      dash: "solid",
    });
  if (lineKinds.has("median"))
    lineLegend.push({
      kind: "median",
      label: "Median (solid line)",
      colour: CHART_COLOURS.centre,
      dash: "solid",
    });
  if (lineKinds.has("upper_limit") || lineKinds.has("lower_limit"))
    lineLegend.push({
      kind: "upper_limit",
      label: "Process limits (dashed grey)",
      colour: CHART_COLOURS.limit,
      dash: "dashed",
    });
  if (lineKinds.has("upper_two_sigma") || lineKinds.has("lower_two_sigma"))
    lineLegend.push({
      kind: "upper_two_sigma",
      label: "Two-sigma lines (dotted)",
      colour: CHART_COLOURS.twoSigma,
      dash: "dotted",
    });
  if (lineKinds.has("target"))
    lineLegend.push({
      kind: "target",
      label: "Target (dashed red)",
      colour: CHART_COLOURS.target,
      dash: "dashed",
    });

  const table: ChartTableRow[] = points.map((p) => ({
    index: p.index,
    date: p.date ? formatCalendarDate(p.date) : `Point ${p.index + 1}`,
    value: formatChartNumber(p.value),
    centre: formatChartNumber(mode === "xmr" ? p.mean : p.median),
    lowerLimit: mode === "xmr" ? formatChartNumber(p.lowerProcessLimit) : "",
    upperLimit: mode === "xmr" ? formatChartNumber(p.upperProcessLimit) : "",
    signal: p.specialCause ? `Special cause: ${p.specialCause}` : "Common cause",
    rules: p.rules.map((r) => RULE_LABELS[r]).join(", "),
  }));

  return {
    width,
    height,
    title: options.title,
    unit: options.unit,
    mode,
    fontSize,
    titleX: left,
    titleY: fontSize * 1.5 + 2,
    plot: { left, top, right, bottom },
    yTicks,
    xTicks,
    yAxisLabel: { text: options.unit, x: fontSize, y: (top + bottom) / 2 },
    lines,
    path: chartPoints.map((p) => ({ x: p.x, y: p.y })),
    points: chartPoints,
    markers,
    legend,
    lineLegend,
    description: describe(result, mode, target),
    table,
    centreHeading: mode === "xmr" ? "Mean" : "Median",
  };
}

/** "Rules: shift 6, trend 6, two of three counts points beyond the limits, moving-range outliers kept." */
export function describeRules(rules: SpcResult["summary"]["rules"]): string {
  return `Rules: shift ${rules.shiftLength}, trend ${rules.trendLength}, two of three ${
    rules.twoOfThreeCountsBeyondLimits
      ? "counts points beyond the limits"
      : "counts only points between the two-sigma line and the limit"
  }, moving-range outliers ${rules.excludeMovingRangeOutliers ? "excluded" : "kept"}.`;
}

/** An SVG path (in chart coordinates) for a point marker of radius r; the PDF draws the same path. */
export function markerPath(shape: PointShape, x: number, y: number, r: number): string {
  const f = (v: number) => Number(v.toFixed(2));
  switch (shape) {
    case "triangle": {
      const h = r * 1.25;
      return `M${f(x)} ${f(y - h)}L${f(x + h)} ${f(y + h * 0.8)}L${f(x - h)} ${f(y + h * 0.8)}Z`;
    }
    case "square":
      return `M${f(x - r)} ${f(y - r)}H${f(x + r)}V${f(y + r)}H${f(x - r)}Z`;
    case "diamond": {
      const d = r * 1.35;
      return `M${f(x)} ${f(y - d)}L${f(x + d)} ${f(y)}L${f(x)} ${f(y + d)}L${f(x - d)} ${f(y)}Z`;
    }
    default:
      // A circle as two arcs.
      return `M${f(x - r)} ${f(y)}A${f(r)} ${f(r)} 0 1 0 ${f(x + r)} ${f(y)}A${f(r)} ${f(r)} 0 1 0 ${f(x - r)} ${f(y)}Z`;
  }
}

/** The stroke-dasharray for a line style, in the chart's units. */
export function dashArray(dash: "solid" | "dashed" | "dotted"): number[] {
  return dash === "dashed" ? [6, 4] : dash === "dotted" ? [2, 3] : [];
}
