/**
 * Analyses a measure's dated data points: sorts them by date and turns the team's baseline and rebase dates into the
 * positions the engine counts in. Used by the measure pages, the chart downloads and the case-study PDF.
 */
import { analyseSpc } from "./engine.js";
import type { ImprovementDirection, SpcResult, SpcRules } from "./types.js";

/** One dated value of a measure. */
export interface MeasureSeriesPoint {
  /** ISO date (YYYY-MM-DD). */
  date: string;
  value: number;
}

/** What analyseMeasureSeries takes: a measure's points in any order and its chart settings. */
export interface MeasureSeriesInput {
  points: MeasureSeriesPoint[];
  improvementDirection: ImprovementDirection;
  target: number | null;
  rules: SpcRules;
  /** The baseline ends at the last point on or before this date (counted within its segment). */
  baselineEndOn: string | null;
  /** A new segment starts at the first point on or after each date. */
  rebaseOn: string[];
}

/** Index of the first sorted point dated on or after `date` (points.length when none is). */
function firstOnOrAfter(dates: string[], date: string): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((dates[middle] ?? "") < date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Maps the rebase dates to segment starts: dates before the first point (index 0), after the last point, or mapping to
 * the same point as another are ignored. Exported for the chart, which marks each rebase on the time axis.
 */
export function rebaseIndices(sortedDates: string[], rebaseOn: string[]): number[] {
  const starts = new Set<number>();
  for (const date of rebaseOn) {
    const index = firstOnOrAfter(sortedDates, date);
    if (index > 0 && index < sortedDates.length) starts.add(index);
  }
  return [...starts].sort((a, b) => a - b);
}

/**
 * Maps the baseline end date to the engine's baselineEnd (an index within each segment): the last point on or before
 * the date, counted from the start of the segment it falls in. Null when no point is that early or the baseline would
 * be a single point (a baseline needs a moving range), so the whole segment is the baseline.
 */
export function baselineEndIndex(
  sortedDates: string[],
  segmentStarts: number[],
  date: string | null,
): number | null {
  if (date === null) return null;
  const first = firstOnOrAfter(sortedDates, date);
  const last = sortedDates[first] === date ? first : first - 1;
  if (last < 0) return null;
  let segmentStart = 0;
  for (const start of segmentStarts) if (start <= last) segmentStart = start;
  const within = last - segmentStart;
  return within >= 1 ? within : null;
}

/** Analyses a measure's points by date; null for an empty series. Throws SpcInputError as analyseSpc does. */
export function analyseMeasureSeries(input: MeasureSeriesInput): SpcResult | null {
  if (input.points.length === 0) return null;
  const sorted = [...input.points].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const dates = sorted.map((point) => point.date);
  const rebaseAt = rebaseIndices(dates, input.rebaseOn);
  const baselineEnd = baselineEndIndex(dates, [0, ...rebaseAt], input.baselineEndOn);
  return analyseSpc({
    values: sorted.map((point) => point.value),
    dates,
    improvementDirection: input.improvementDirection,
    rules: input.rules,
    ...(baselineEnd === null ? {} : { baselineEnd }),
    ...(rebaseAt.length > 0 ? { rebaseAt } : {}),
    ...(input.target === null ? {} : { target: input.target }),
  });
}
