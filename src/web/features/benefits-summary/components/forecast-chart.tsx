import { useId } from "react";
import { formatPence } from "../../../../shared/catalogue";
import { formatMonth, type SummaryMonth } from "../../../../shared/implementation-summary";
import { Details, Table } from "../../../components/nhs";

const WIDTH = 640;
const HEIGHT = 300;
/** The right margin leaves room for half of the last month's label ("Dec 2026"), centred on the last point. */
const PLOT = { left: 64, right: WIDTH - 32, top: 16, bottom: HEIGHT - 52 };
/** NHS blue and NHS green; the lines also differ by dash and marker shape, never by colour alone. */
const FORECAST = "#005eb8";
const REALISED = "#007f3b";

/** Pounds short enough for an axis: "£0", "£800", "£12k", "£1.5m". */
function compactPounds(pence: number): string {
  const pounds = pence / 100;
  const fmt = (n: number) => new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(n);
  if (pounds >= 1_000_000) return `£${fmt(pounds / 1_000_000)}m`;
  if (pounds >= 1_000) return `£${fmt(pounds / 1_000)}k`;
  return `£${fmt(pounds)}`;
}

/** A 1, 2 or 5 × 10^n step giving about five ticks up to max. */
function niceScale(max: number): { step: number; top: number } {
  if (max <= 0) return { step: 100, top: 100 };
  const rough = max / 5;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  return { step, top: Math.ceil(max / step) * step };
}

/**
 * Forecast against realised by month, as running totals: an SVG with a title and a description, the key in words,
 * and the numbers in a table under "Show the data".
 */
export function ForecastChart({ months }: { months: SummaryMonth[] }) {
  const id = useId();
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) {
    return <p>No cashable benefit has a forecast or realised date yet, so there is nothing to chart.</p>;
  }
  const max = Math.max(...months.map((m) => Math.max(m.cumulativeForecastPence, m.cumulativeRealisedPence)));
  const { step, top } = niceScale(max);
  const ticks: number[] = [];
  for (let v = 0; v <= top; v += step) ticks.push(v);
  const n = months.length;
  const x = (i: number) =>
    n <= 1 ? (PLOT.left + PLOT.right) / 2 : PLOT.left + ((PLOT.right - PLOT.left) * i) / (n - 1);
  const y = (pence: number) => PLOT.bottom - ((PLOT.bottom - PLOT.top) * pence) / top;
  const path = (value: (m: SummaryMonth) => number) =>
    months.map((m, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(value(m)).toFixed(1)}`).join(" ");
  const every = Math.max(1, Math.ceil(n / 6));
  const title = "Forecast against realised benefits, by month (running totals)";
  const description = `From ${formatMonth(first.month)} to ${formatMonth(last.month)}: ${formatPence(
    last.cumulativeForecastPence,
  )} forecast and ${formatPence(last.cumulativeRealisedPence)} realised and signed off by the end.`;

  return (
    <figure className="app-benefits-chart nhsuk-u-margin-bottom-4" style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        style={{ maxWidth: WIDTH, height: "auto", display: "block" }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{description}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PLOT.left} x2={PLOT.right} y1={y(t)} y2={y(t)} stroke="#e8edee" />
            <text x={PLOT.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#4c6272">
              {compactPounds(t)}
            </text>
          </g>
        ))}
        <line x1={PLOT.left} x2={PLOT.left} y1={PLOT.top} y2={PLOT.bottom} stroke="#4c6272" />
        <line x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} stroke="#4c6272" />
        {months.map((m, i) =>
          i % every === 0 || i === n - 1 ? (
            <text
              key={m.month}
              x={x(i)}
              y={PLOT.bottom + 16}
              textAnchor="middle"
              fontSize="11"
              fill="#4c6272"
            >
              {formatMonth(m.month, true)}
            </text>
          ) : null,
        )}
        <text
          x={(PLOT.left + PLOT.right) / 2}
          y={HEIGHT - 18}
          textAnchor="middle"
          fontSize="12"
          fill="#4c6272"
        >
          Month
        </text>
        <text
          x={14}
          y={(PLOT.top + PLOT.bottom) / 2}
          textAnchor="middle"
          fontSize="12"
          fill="#4c6272"
          transform={`rotate(-90 14 ${(PLOT.top + PLOT.bottom) / 2})`}
        >
          Running total (£)
        </text>
        <path
          d={path((m) => m.cumulativeForecastPence)}
          fill="none"
          stroke={FORECAST}
          strokeWidth="2.5"
          strokeDasharray="7 4"
        />
        <path d={path((m) => m.cumulativeRealisedPence)} fill="none" stroke={REALISED} strokeWidth="2.5" />
        {n <= 40 &&
          months.map((m, i) => (
            <g key={`markers-${m.month}`}>
              <rect
                x={x(i) - 3.5}
                y={y(m.cumulativeForecastPence) - 3.5}
                width="7"
                height="7"
                fill={FORECAST}
              />
              <circle cx={x(i)} cy={y(m.cumulativeRealisedPence)} r="4" fill={REALISED} />
            </g>
          ))}
      </svg>
      <figcaption>
        <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-top-2">
          <li>
            <svg width="30" height="10" aria-hidden="true" focusable="false">
              <line x1="0" x2="30" y1="5" y2="5" stroke={FORECAST} strokeWidth="2.5" strokeDasharray="7 4" />
              <rect x="11.5" y="1.5" width="7" height="7" fill={FORECAST} />
            </svg>{" "}
            Forecast to date: dashed blue line, square markers
          </li>
          <li>
            <svg width="30" height="10" aria-hidden="true" focusable="false">
              <line x1="0" x2="30" y1="5" y2="5" stroke={REALISED} strokeWidth="2.5" />
              <circle cx="15" cy="5" r="4" fill={REALISED} />
            </svg>{" "}
            Realised to date (signed off only): solid green line, round markers
          </li>
        </ul>
        <p className="nhsuk-body-s">{description}</p>
      </figcaption>
      <Details>
        <Details.Summary>
          Show the data<span className="nhsuk-u-visually-hidden">: {title}</span>
        </Details.Summary>
        <Details.Text>
          <Table responsive caption="Forecast and realised benefits by month">
            <Table.Head>
              <Table.Row>
                <Table.Cell>Month</Table.Cell>
                <Table.Cell format="numeric">Forecast</Table.Cell>
                <Table.Cell format="numeric">Realised (signed off)</Table.Cell>
                <Table.Cell format="numeric">Forecast to date</Table.Cell>
                <Table.Cell format="numeric">Realised to date</Table.Cell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {months.map((m) => (
                <Table.Row key={m.month}>
                  <Table.Cell>{formatMonth(m.month)}</Table.Cell>
                  <Table.Cell format="numeric">{formatPence(m.forecastPence)}</Table.Cell>
                  <Table.Cell format="numeric">{formatPence(m.realisedPence)}</Table.Cell>
                  <Table.Cell format="numeric">{formatPence(m.cumulativeForecastPence)}</Table.Cell>
                  <Table.Cell format="numeric">{formatPence(m.cumulativeRealisedPence)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </Details.Text>
      </Details>
    </figure>
  );
}
