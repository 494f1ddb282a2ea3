import { useId, useMemo } from "react";
import {
  CHART_COLOURS,
  dashArray,
  estimateTextWidth,
  layoutSpcChart,
  markerPath,
} from "../../../../shared/spc/chart-layout";
import type { ChartAnnotation, SpcResult } from "../../../../shared/spc/types";

const r2 = (v: number) => Number(v.toFixed(2));

/**
 * A small SPC chart for a board card, drawn from the same layout as the full chart (points coloured by special cause,
 * mean and limits, target, module dates) but without the key, data table and downloads. The SVG scales with its card
 * and carries a title and the layout's one-sentence description for screen readers.
 */
export function MiniChart({
  result,
  title,
  unit,
  annotations,
  target,
  large = false,
}: {
  result: SpcResult;
  title: string;
  unit: string;
  annotations: ChartAnnotation[];
  target: number | null;
  /** Bigger type for the full-screen board. */
  large?: boolean;
}) {
  const titleId = useId();
  const descId = useId();
  const layout = useMemo(
    () =>
      layoutSpcChart(result, {
        width: 480,
        height: 240,
        title: "",
        unit,
        annotations,
        target,
        fontSize: large ? 14 : 12,
      }),
    [result, unit, annotations, target, large],
  );
  const { plot, fontSize } = layout;
  return (
    <svg
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width="100%"
      style={{ display: "block", height: "auto" }}
    >
      <title id={titleId}>{title}</title>
      <desc id={descId}>{layout.description}</desc>
      <g fontFamily="Frutiger, Arial, Helvetica, sans-serif" fontSize={fontSize}>
        <rect width={layout.width} height={layout.height} fill="#FFFFFF" />
        {layout.yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line
              x1={plot.left}
              x2={plot.right}
              y1={r2(t.position)}
              y2={r2(t.position)}
              stroke={CHART_COLOURS.grid}
            />
            <text
              x={plot.left - 6}
              y={r2(t.position + fontSize * 0.35)}
              textAnchor="end"
              fill={CHART_COLOURS.secondaryText}
            >
              {t.label}
            </text>
          </g>
        ))}
        <path
          d={`M${plot.left} ${plot.top}V${plot.bottom}H${plot.right}`}
          fill="none"
          stroke={CHART_COLOURS.axis}
        />
        {layout.xTicks.map((t) => (
          <text
            key={`x${t.value}`}
            x={r2(t.position)}
            y={plot.bottom + fontSize + 6}
            textAnchor="middle"
            fill={CHART_COLOURS.secondaryText}
          >
            {t.label}
          </text>
        ))}
        {layout.markers.map((m) => (
          <g key={`m${m.date}${m.label}`}>
            <line
              x1={r2(m.x)}
              x2={r2(m.x)}
              y1={r2(m.labelY + 3)}
              y2={plot.bottom}
              stroke={m.colour}
              strokeDasharray="3 3"
            />
            <rect
              x={r2(m.labelX - 1)}
              y={r2(m.labelY - fontSize)}
              width={r2(estimateTextWidth(m.shortLabel, fontSize) + 2)}
              height={r2(fontSize * 1.3)}
              fill="#FFFFFF"
            />
            <text x={r2(m.labelX)} y={r2(m.labelY)} fill={m.colour}>
              {m.shortLabel}
            </text>
          </g>
        ))}
        {layout.lines.map((l, i) => (
          <line
            // Lines have no identity beyond their place in the layout, which is deterministic.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={`l${i}`}
            x1={r2(l.x1)}
            x2={r2(l.x2)}
            y1={r2(l.y)}
            y2={r2(l.y)}
            stroke={l.colour}
            strokeWidth={l.width}
            strokeDasharray={dashArray(l.dash).join(" ") || undefined}
          />
        ))}
        {layout.path.length > 1 ? (
          <polyline
            points={layout.path.map((p) => `${r2(p.x)},${r2(p.y)}`).join(" ")}
            fill="none"
            stroke={CHART_COLOURS.dataLine}
            strokeWidth={1.5}
          />
        ) : null}
        {layout.points.map((p) => (
          <path key={`p${p.index}`} d={markerPath(p.shape, p.x, p.y, 4)} fill={p.fill} stroke={p.stroke} />
        ))}
      </g>
    </svg>
  );
}
