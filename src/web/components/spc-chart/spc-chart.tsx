import { Details, Table } from "nhsuk-react-components";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import {
  CHART_COLOURS,
  type ChartLayout,
  dashArray,
  describeRules,
  estimateTextWidth,
  layoutSpcChart,
  markerPath,
} from "../../../shared/spc/chart-layout";
import { type ChartAnnotation, MINIMUM_POINTS_FOR_LIMITS, type SpcResult } from "../../../shared/spc/types";
import { downloadPng, downloadSvg } from "./download";
import { SpcIcons } from "./spc-icons";

/** What SpcChart draws. */
export interface SpcChartProps {
  result: SpcResult;
  title: string;
  unit: string;
  annotations?: ChartAnnotation[];
  target?: number | null;
  /** Hide the download buttons (for example inside a printed page). */
  hideDownloads?: boolean;
  /** What the dashed upright lines mark, for the key (default: PDSA cycles, notes and rebases). */
  annotationsKey?: string;
}

/** Follows an element's width, so the chart is laid out for the space it has (readable at 320 px). */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(Math.max(280, Math.round(element.getBoundingClientRect().width)));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

const r2 = (v: number) => Number(v.toFixed(2));

/**
 * The chart itself as SVG elements (the same drawing the server's SVG and the PDF make from the layout); the board's
 * small charts draw it too.
 */
export function ChartDrawing({ layout }: { layout: ChartLayout }) {
  const { plot, fontSize } = layout;
  const dash = (d: ChartLayout["lines"][number]["dash"]) => {
    const a = dashArray(d);
    return a.length ? a.join(" ") : undefined;
  };
  return (
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
      {layout.yAxisLabel.text && (
        <text
          x={layout.yAxisLabel.x}
          y={r2(layout.yAxisLabel.y)}
          textAnchor="middle"
          transform={`rotate(-90 ${layout.yAxisLabel.x} ${r2(layout.yAxisLabel.y)})`}
          fill={CHART_COLOURS.secondaryText}
        >
          {layout.yAxisLabel.text}
        </text>
      )}
      <path
        d={`M${plot.left} ${plot.top}V${plot.bottom}H${plot.right}`}
        fill="none"
        stroke={CHART_COLOURS.axis}
      />
      {layout.xTicks.map((t) => (
        <g key={`x${t.value}`}>
          <line
            x1={r2(t.position)}
            x2={r2(t.position)}
            y1={plot.bottom}
            y2={plot.bottom + 4}
            stroke={CHART_COLOURS.axis}
          />
          <text
            x={r2(t.position)}
            y={plot.bottom + fontSize + 6}
            textAnchor="middle"
            fill={CHART_COLOURS.secondaryText}
          >
            {t.label}
          </text>
        </g>
      ))}
      {layout.markers.map((m) => (
        <line
          key={`ml${m.date}${m.label}`}
          x1={r2(m.x)}
          x2={r2(m.x)}
          y1={r2(m.labelY + 3)}
          y2={plot.bottom}
          stroke={m.colour}
          strokeDasharray="3 3"
        />
      ))}
      {layout.markers.map((m) => (
        <g key={`mt${m.date}${m.label}`}>
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
          strokeDasharray={dash(l.dash)}
        />
      ))}
      {layout.path.length > 1 && (
        <polyline
          points={layout.path.map((p) => `${r2(p.x)},${r2(p.y)}`).join(" ")}
          fill="none"
          stroke={CHART_COLOURS.dataLine}
          strokeWidth={1.5}
        />
      )}
      {layout.points.map((p) => (
        <path key={`p${p.index}`} d={markerPath(p.shape, p.x, p.y, 4)} fill={p.fill} stroke={p.stroke} />
      ))}
    </g>
  );
}

function Swatch({ children }: { children: React.ReactNode }) {
  return (
    <svg
      width="20"
      height="12"
      viewBox="0 0 20 12"
      aria-hidden="true"
      focusable="false"
      style={{ marginRight: 6, verticalAlign: "middle" }}
    >
      {children}
    </svg>
  );
}

/**
 * An accessible SPC chart: an SVG with a title and a one-sentence description, the legend in words (shapes as well as
 * colours), the variation and assurance icons with their words, the rule settings used, a run-chart warning when the
 * limits are not yet reliable, the numbers in a table inside "Show the data", and SVG and PNG downloads.
 */
export function SpcChart({
  result,
  title,
  unit,
  annotations,
  target,
  hideDownloads,
  annotationsKey = "PDSA cycles, notes and rebases",
}: SpcChartProps) {
  const { ref, width } = useWidth(720);
  const svgRef = useRef<SVGSVGElement>(null);
  const titleId = useId();
  const descId = useId();
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const narrow = width < 520;
  const layout = useMemo(
    () =>
      layoutSpcChart(result, {
        width,
        height: Math.round(Math.min(440, Math.max(280, width * 0.5))),
        title,
        unit,
        annotations,
        target: target ?? null,
        fontSize: narrow ? 11 : 12,
      }),
    [result, width, title, unit, annotations, target, narrow],
  );

  const save = async (kind: "svg" | "png") => {
    const svg = svgRef.current;
    if (!svg) return;
    setDownloadError(null);
    try {
      if (kind === "svg") downloadSvg(svg, title);
      else await downloadPng(svg, title);
    } catch (error) {
      setDownloadError(error instanceof Error ? error.message : "The download did not work. Try again.");
    }
  };

  return (
    <figure className="app-spc-chart" style={{ margin: "0 0 24px" }}>
      <div ref={ref} style={{ width: "100%" }}>
        <svg
          ref={svgRef}
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          width="100%"
          style={{ display: "block", height: "auto", maxWidth: "100%" }}
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{layout.description}</desc>
          <ChartDrawing layout={layout} />
          {layout.title && (
            <text
              x={layout.titleX}
              y={layout.titleY}
              fontFamily="Frutiger, Arial, Helvetica, sans-serif"
              fontSize={layout.fontSize * 1.3}
              fontWeight="bold"
              fill={CHART_COLOURS.text}
            >
              {layout.title}
            </text>
          )}
        </svg>
      </div>
      <figcaption>
        <p className="nhsuk-body-s nhsuk-u-margin-top-2">{layout.description}</p>
        <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-2">Key</h3>
        <ul
          className="nhsuk-list nhsuk-body-s"
          style={{ display: "flex", flexWrap: "wrap", gap: "4px 20px" }}
        >
          {layout.legend.map((l) => (
            <li key={l.kind} style={{ marginBottom: 0 }}>
              <Swatch>
                <path d={markerPath(l.shape, 10, 6, 4)} fill={l.fill} stroke={l.stroke} />
              </Swatch>
              {l.label}
            </li>
          ))}
          {layout.lineLegend.map((l) => (
            <li key={l.kind} style={{ marginBottom: 0 }}>
              <Swatch>
                <line
                  x1="0"
                  x2="20"
                  y1="6"
                  y2="6"
                  stroke={l.colour}
                  strokeWidth="2"
                  strokeDasharray={dashArray(l.dash).join(" ") || undefined}
                />
              </Swatch>
              {l.label}
            </li>
          ))}
          {layout.markers.length > 0 && (
            <li style={{ marginBottom: 0 }}>
              <Swatch>
                <line
                  x1="10"
                  x2="10"
                  y1="0"
                  y2="12"
                  stroke={CHART_COLOURS.annotation}
                  strokeDasharray="3 3"
                />
              </Swatch>
              {annotationsKey} (dashed upright lines)
            </li>
          )}
        </ul>
      </figcaption>
      {layout.mode === "run" && (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            The limits are not yet reliable: fewer than {MINIMUM_POINTS_FOR_LIMITS} points. This is a run
            chart around the median.
          </p>
        </div>
      )}
      <SpcIcons summary={result.summary} />
      <p className="nhsuk-body-s">{describeRules(result.summary.rules)}</p>
      <Details>
        <Details.Summary>
          Show the data<span className="nhsuk-u-visually-hidden">: {title}</span>
        </Details.Summary>
        <Details.Text>
          <Table
            responsive
            caption={`${title}: ${result.points.length} ${result.points.length === 1 ? "point" : "points"}`}
          >
            <Table.Head>
              <Table.Row>
                <Table.Cell>Date</Table.Cell>
                <Table.Cell>Value{unit ? ` (${unit})` : ""}</Table.Cell>
                <Table.Cell>{layout.centreHeading}</Table.Cell>
                {layout.mode === "xmr" && <Table.Cell>Lower limit</Table.Cell>}
                {layout.mode === "xmr" && <Table.Cell>Upper limit</Table.Cell>}
                <Table.Cell>Signal</Table.Cell>
                <Table.Cell>Rules</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {layout.table.map((row) => (
                <Table.Row key={row.index}>
                  <Table.Cell>{row.date}</Table.Cell>
                  <Table.Cell>{row.value}</Table.Cell>
                  <Table.Cell>{row.centre}</Table.Cell>
                  {layout.mode === "xmr" && <Table.Cell>{row.lowerLimit}</Table.Cell>}
                  {layout.mode === "xmr" && <Table.Cell>{row.upperLimit}</Table.Cell>}
                  <Table.Cell>{row.signal}</Table.Cell>
                  <Table.Cell>{row.rules || "None"}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Details.Text>
      </Details>
      {!hideDownloads && (
        <div className="nhsuk-button-group" style={{ display: "flex", flexWrap: "wrap", gap: 16 }}>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => void save("svg")}
          >
            Download SVG<span className="nhsuk-u-visually-hidden">: {title}</span>
          </button>
          <button
            type="button"
            className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
            onClick={() => void save("png")}
          >
            Download PNG<span className="nhsuk-u-visually-hidden">: {title}</span>
          </button>
        </div>
      )}
      {downloadError && (
        <p className="nhsuk-error-message" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {downloadError}
        </p>
      )}
    </figure>
  );
}
