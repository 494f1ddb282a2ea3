import { useId } from "react";

/** NHS colours with at least 4.5:1 contrast on white: text, bars and lines (NHS blue), grid lines. */
const TEXT = "#212b32";
const BAR = "#005eb8";
const GRID = "#768692";

/** One bar: its label (shown beside it) and value (written at its end, so the value never relies on colour or length). */
export interface BarDatum {
  key: string;
  label: string;
  value: number;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A horizontal bar chart drawn as accessible SVG: role="img" with a title and a description that says what the chart
 * shows and its largest value; each bar has its label and its value as text. Pair it with a data table.
 */
export function BarChart({
  title,
  description,
  data,
  unit,
}: {
  title: string;
  description: string;
  data: readonly BarDatum[];
  /** What a value counts, for the value labels: "comments", "learners". */
  unit: string;
}) {
  const id = useId();
  // Each row: the label on its own line, the bar below it with its value at the end, so long step titles stay
  // readable when the chart is narrowed to a phone's width.
  const rowHeight = 46;
  const width = 400;
  const barArea = 330;
  const height = Math.max(1, data.length) * rowHeight + 4;
  const max = Math.max(1, ...data.map((d) => d.value));
  const top = data.reduce<BarDatum | null>(
    (best, d) => (best === null || d.value > best.value ? d : best),
    null,
  );
  return (
    <svg
      className="app-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {description}{" "}
        {top && top.value > 0 ? `The most is ${top.value} ${unit}, at ${top.label}.` : `All are 0 ${unit}.`}
      </desc>
      {data.map((d, i) => {
        const y = i * rowHeight + 2;
        const barWidth = (d.value / max) * barArea;
        return (
          <g key={d.key}>
            <text x={0} y={y + 14} fill={TEXT} fontSize="14">
              {shorten(d.label, 52)}
            </text>
            <rect x={0} y={y + 20} width={Math.max(barWidth, d.value > 0 ? 2 : 0)} height={18} fill={BAR} />
            <text x={barWidth + 6} y={y + 34} fill={TEXT} fontSize="14" fontWeight="600">
              {d.value}
            </text>
          </g>
        );
      })}
      <line x1={0} y1={0} x2={0} y2={height} stroke={GRID} strokeWidth="1" />
    </svg>
  );
}

/** One point of a line chart: a day and a count. */
export interface LinePoint {
  label: string;
  shortLabel: string;
  value: number;
}

/**
 * A line chart of counts over days as accessible SVG: role="img" with a title and a description giving the range and
 * the peak; the axes carry text labels (zero, the maximum, the first, middle and last days) and each point a marker.
 */
export function LineChart({
  title,
  description,
  points,
  unit,
}: {
  title: string;
  description: string;
  points: readonly LinePoint[];
  unit: string;
}) {
  const id = useId();
  const width = 420;
  const height = 220;
  const left = 36;
  const right = 12;
  const top = 14;
  const bottom = 34;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = Math.max(1, ...points.map((p) => p.value));
  const x = (i: number) => left + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const peak = points.reduce<LinePoint | null>(
    (best, p) => (best === null || p.value > best.value ? p : best),
    null,
  );
  const ticks = [...new Set([0, Math.floor((points.length - 1) / 2), points.length - 1])].filter(
    (i) => i >= 0,
  );
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`)
    .join(" ");
  return (
    <svg
      className="app-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>
        {description}{" "}
        {points.length > 0
          ? `From ${points[0]?.label} to ${points[points.length - 1]?.label}. ${
              peak && peak.value > 0
                ? `The most was ${peak.value} ${unit}, on ${peak.label}.`
                : `Nobody was active.`
            }`
          : "There are no days to show yet."}
      </desc>
      <line x1={left} y1={top + plotH} x2={left + plotW} y2={top + plotH} stroke={GRID} />
      <line x1={left} y1={top} x2={left + plotW} y2={top} stroke={GRID} strokeDasharray="4 4" />
      <text x={left - 6} y={top + plotH} textAnchor="end" dominantBaseline="middle" fill={TEXT} fontSize="14">
        0
      </text>
      <text x={left - 6} y={top} textAnchor="end" dominantBaseline="middle" fill={TEXT} fontSize="14">
        {max}
      </text>
      {ticks.map((i) => (
        <text
          key={i}
          x={x(i)}
          y={height - 12}
          textAnchor={i === 0 ? "start" : i === points.length - 1 ? "end" : "middle"}
          fill={TEXT}
          fontSize="14"
        >
          {points[i]?.shortLabel}
        </text>
      ))}
      {points.length > 0 ? <path d={path} fill="none" stroke={BAR} strokeWidth="2.5" /> : null}
      {points.map((p, i) => (
        <circle key={p.label} cx={x(i)} cy={y(p.value)} r={points.length > 60 ? 2 : 3.5} fill={BAR} />
      ))}
    </svg>
  );
}
