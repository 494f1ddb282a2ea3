/**
 * The SPC engine (XmR charts with the four Making Data Count rules): a pure function of its input, linear in the
 * number of points (one pass per rule). Semantics are written out in docs/spc.md.
 */
import {
  type AssuranceIcon,
  DEFAULT_SPC_RULES,
  type ImprovementDirection,
  MINIMUM_POINTS_FOR_LIMITS,
  type SpcInput,
  type SpcPoint,
  type SpcResult,
  type SpcRuleName,
  type SpcRules,
  type SpecialCause,
  type VariationIcon,
} from "./types.js";
import { SpcInputError, spcInputIssues } from "./validate.js";

export { SpcInputError } from "./validate.js";

/** Process limits sit this many mean moving ranges from the mean (3 sigma, sigma = mean(MR) / 1.128). */
export const LIMIT_FACTOR = 2.66;
/** Two-sigma lines sit this many mean moving ranges from the mean. */
export const TWO_SIGMA_FACTOR = 1.773;
/** Moving ranges of at least this many mean moving ranges are outliers (when excluding them is asked for). */
export const MOVING_RANGE_OUTLIER_FACTOR = 3.267;

/** +1 high, −1 low, 0 none. */
type Side = 1 | -1 | 0;

/** The fixed lines of one segment. */
interface SegmentLines {
  start: number;
  end: number; // exclusive
  mean: number;
  median: number;
  upper: number;
  lower: number;
  upperTwo: number;
  lowerTwo: number;
  /** Values this close to a line count as on it: guards against floating-point noise in the mean. */
  tolerance: number;
}

/** Fills in the default rule settings. */
export function resolveRules(rules: Partial<SpcRules> | undefined): SpcRules {
  return {
    shiftLength: rules?.shiftLength ?? DEFAULT_SPC_RULES.shiftLength,
    trendLength: rules?.trendLength ?? DEFAULT_SPC_RULES.trendLength,
    excludeMovingRangeOutliers:
      rules?.excludeMovingRangeOutliers ?? DEFAULT_SPC_RULES.excludeMovingRangeOutliers,
    twoOfThreeCountsBeyondLimits:
      rules?.twoOfThreeCountsBeyondLimits ?? DEFAULT_SPC_RULES.twoOfThreeCountsBeyondLimits,
  };
}

/** Rounds to 12 significant figures (and never gives −0). */
function tidy(value: number): number {
  return Number(value.toPrecision(12)) + 0;
}

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] ?? 0;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** Computes a segment's mean, median and limits from its baseline (its first `baselineLength` points). */
function segmentLines(
  values: number[],
  start: number,
  end: number,
  baselineLength: number,
  excludeOutliers: boolean,
): SegmentLines {
  const baselineEnd = start + baselineLength; // exclusive
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = start; i < baselineEnd; i += 1) {
    const value = values[i] ?? 0;
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  // Equal values give their own value as the mean exactly, so flat data never sits a rounding error off its mean.
  const mean = min === max ? min : sum / baselineLength;

  const ranges: number[] = [];
  let rangeSum = 0;
  for (let i = start + 1; i < baselineEnd; i += 1) {
    const range = Math.abs((values[i] ?? 0) - (values[i - 1] ?? 0));
    ranges.push(range);
    rangeSum += range;
  }
  let meanRange = ranges.length > 0 ? rangeSum / ranges.length : 0;
  if (excludeOutliers && meanRange > 0) {
    // With mean(MR) > 0 at least one range is below 3.267 × mean(MR), so the kept list is never empty.
    const cutOff = MOVING_RANGE_OUTLIER_FACTOR * meanRange;
    let keptSum = 0;
    let kept = 0;
    for (const range of ranges) {
      if (range < cutOff) {
        keptSum += range;
        kept += 1;
      }
    }
    meanRange = kept > 0 ? keptSum / kept : meanRange;
  }

  // Lines are rounded to 12 significant figures: far below any measurement's precision, and it turns floating-point
  // noise such as -2.3200000000000003 back into the -2.32 a person would work out by hand.
  return {
    start,
    end,
    mean: tidy(mean),
    median: tidy(medianOf(values.slice(start, baselineEnd))),
    upper: tidy(mean + LIMIT_FACTOR * meanRange),
    lower: tidy(mean - LIMIT_FACTOR * meanRange),
    upperTwo: tidy(mean + TWO_SIGMA_FACTOR * meanRange),
    lowerTwo: tidy(mean - TWO_SIGMA_FACTOR * meanRange),
    tolerance: 1e-9 * Math.max(Math.abs(mean), meanRange),
  };
}

/** Per-point sides for each rule (0 where the point is not part of it). */
interface RuleSides {
  outside: Int8Array;
  shift: Int8Array;
  trend: Int8Array;
  twoOfThree: Int8Array;
}

/** Rule 1: a point above the upper or below the lower process limit. */
function markOutsideLimits(values: number[], lines: SegmentLines, out: Int8Array): void {
  for (let i = lines.start; i < lines.end; i += 1) {
    const value = values[i] ?? 0;
    if (value > lines.upper + lines.tolerance) out[i] = 1;
    else if (value < lines.lower - lines.tolerance) out[i] = -1;
  }
}

/** Rule 2: at least `length` consecutive points all above or all below the mean; a point on the mean breaks it. */
function markShifts(values: number[], lines: SegmentLines, length: number, out: Int8Array): void {
  let runStart = lines.start;
  let runSide: Side = 0;
  const close = (endExclusive: number) => {
    if (runSide !== 0 && endExclusive - runStart >= length) out.fill(runSide, runStart, endExclusive);
  };
  for (let i = lines.start; i < lines.end; i += 1) {
    const value = values[i] ?? 0;
    const side: Side =
      value > lines.mean + lines.tolerance ? 1 : value < lines.mean - lines.tolerance ? -1 : 0;
    if (side !== runSide) {
      close(i);
      runStart = i;
      runSide = side;
    }
  }
  close(lines.end);
}

/**
 * Rule 3: at least `length` consecutive points each strictly higher (or lower) than the one before; equal neighbours
 * break it. Rising is high and falling is low wherever the points sit. A turning point shared by a rising and a
 * falling trend keeps the side of the earlier trend (the one it ends).
 */
function markTrends(values: number[], lines: SegmentLines, length: number, out: Int8Array): void {
  let runStart = lines.start; // first point of the current run of same-direction steps
  let runSide: Side = 0;
  const close = (endExclusive: number) => {
    if (runSide === 0 || endExclusive - runStart < length) return;
    for (let j = runStart; j < endExclusive; j += 1) if (out[j] === 0) out[j] = runSide;
  };
  for (let i = lines.start + 1; i < lines.end; i += 1) {
    const step = (values[i] ?? 0) - (values[i - 1] ?? 0);
    const side: Side = step > 0 ? 1 : step < 0 ? -1 : 0;
    if (side !== runSide) {
      close(i);
      runStart = i - 1; // the step's first point starts the new run
      runSide = side;
    }
  }
  close(lines.end);
}

/**
 * Rule 4: two of three consecutive points beyond a two-sigma line on the same side. Only the qualifying points are
 * marked (not a point between them that is not beyond the line), as NHSRplotthedots and the NHS England SQL do.
 * With `countsBeyondLimits` false only points between the two-sigma line and the process limit qualify.
 */
function markTwoOfThree(
  values: number[],
  lines: SegmentLines,
  countsBeyondLimits: boolean,
  out: Int8Array,
): void {
  const qualifies = (i: number): Side => {
    const value = values[i] ?? 0;
    const t = lines.tolerance;
    if (value > lines.upperTwo + t && (countsBeyondLimits || value <= lines.upper + t)) return 1;
    if (value < lines.lowerTwo - t && (countsBeyondLimits || value >= lines.lower - t)) return -1;
    return 0;
  };
  // Two qualifying points on one side within two positions of each other share a window of three.
  let lastHigh = Number.NEGATIVE_INFINITY;
  let lastLow = Number.NEGATIVE_INFINITY;
  for (let i = lines.start; i < lines.end; i += 1) {
    const side = qualifies(i);
    if (side === 1) {
      if (i - lastHigh <= 2) {
        out[lastHigh] = 1;
        out[i] = 1;
      }
      lastHigh = i;
    } else if (side === -1) {
      if (i - lastLow <= 2) {
        out[lastLow] = -1;
        out[i] = -1;
      }
      lastLow = i;
    }
  }
}

/** Special cause for a side, given the better direction. */
function causeFor(side: Side, direction: ImprovementDirection): SpecialCause {
  if (direction === "neither") return "neither";
  const good: Side = direction === "increase" ? 1 : -1;
  return side === good ? "improvement" : "concern";
}

/** Formats a number for the summary sentences: at most six significant figures, no trailing zeros. */
function formatNumber(value: number): string {
  return String(Number(value.toPrecision(6)));
}

/** Formats a process limit for the summary sentences: three significant figures, whole numbers from 100 up. */
function formatLimit(value: number): string {
  if (Math.abs(value) >= 100) return String(Math.round(value) + 0);
  return String(Number(value.toPrecision(3)) + 0);
}

function variationText(icon: VariationIcon): string {
  if (icon === "common_cause") return "Common cause variation: the latest point shows no special cause.";
  const [cause, side] = icon.split("_");
  return `Special cause variation: ${cause} (${side}).`;
}

function assurance(
  direction: ImprovementDirection,
  target: number | null,
  lines: SegmentLines,
): { icon: AssuranceIcon; text: string } {
  if (target === null) return { icon: "none", text: "No target is set, so there is no assurance to give." };
  if (direction === "neither") {
    return {
      icon: "none",
      text: "The measure has no better direction, so there is no assurance about its target.",
    };
  }
  const limits = `process limits ${formatLimit(lines.lower)} to ${formatLimit(lines.upper)}`;
  const goal = `the target of ${formatNumber(target)}`;
  // A target a rounding error from a limit counts as on it.
  const t = lines.tolerance;
  const met = direction === "increase" ? target <= lines.lower + t : target >= lines.upper - t;
  const never = direction === "increase" ? target > lines.upper + t : target < lines.lower - t;
  if (met)
    return { icon: "consistently_met", text: `The process will consistently meet ${goal} (${limits}).` };
  if (never) {
    return {
      icon: "never_met",
      text: `The process will not meet ${goal} unless something changes (${limits}).`,
    };
  }
  return {
    icon: "possibly_met",
    text: `The process may or may not meet ${goal}: it lies within the ${limits}, so it will be hit and miss.`,
  };
}

/** Analyses a series; throws SpcInputError for input it cannot analyse. */
export function analyseSpc(input: SpcInput): SpcResult {
  const issues = spcInputIssues(input);
  if (issues.length > 0) throw new SpcInputError(issues);

  const { values, improvementDirection } = input;
  const n = values.length;
  const rules = resolveRules(input.rules);
  const target = input.target ?? null;
  const baselineEnd = input.baselineEnd ?? null;
  const segmentStarts = [0, ...[...(input.rebaseAt ?? [])].sort((a, b) => a - b)];

  const sides: RuleSides = {
    outside: new Int8Array(n),
    shift: new Int8Array(n),
    trend: new Int8Array(n),
    twoOfThree: new Int8Array(n),
  };
  const segments: SegmentLines[] = [];
  for (let s = 0; s < segmentStarts.length; s += 1) {
    const start = segmentStarts[s] ?? 0;
    const end = segmentStarts[s + 1] ?? n;
    const length = end - start;
    // The baseline is the segment's first baselineEnd + 1 points, or the whole segment when that is shorter.
    const baselineLength = baselineEnd === null ? length : Math.min(baselineEnd + 1, length);
    const lines = segmentLines(values, start, end, baselineLength, rules.excludeMovingRangeOutliers);
    segments.push(lines);
    markOutsideLimits(values, lines, sides.outside);
    markShifts(values, lines, rules.shiftLength, sides.shift);
    markTrends(values, lines, rules.trendLength, sides.trend);
    markTwoOfThree(values, lines, rules.twoOfThreeCountsBeyondLimits, sides.twoOfThree);
  }

  const points: SpcPoint[] = new Array(n);
  const decidingSides = new Int8Array(n);
  for (let s = 0; s < segments.length; s += 1) {
    const lines = segments[s];
    if (!lines) continue;
    for (let i = lines.start; i < lines.end; i += 1) {
      const value = values[i] ?? 0;
      const pointRules: SpcRuleName[] = [];
      // SPC_RULE_NAMES order.
      if (sides.outside[i]) pointRules.push("outside_limits");
      if (sides.shift[i]) pointRules.push("shift");
      if (sides.trend[i]) pointRules.push("trend");
      if (sides.twoOfThree[i]) pointRules.push("two_of_three");
      // Precedence when the rules disagree: outside_limits, trend, two_of_three, shift.
      const side = (sides.outside[i] || sides.trend[i] || sides.twoOfThree[i] || sides.shift[i] || 0) as Side; // Int8Array holds only −1, 0, 1 here
      decidingSides[i] = side;
      points[i] = {
        index: i,
        date: input.dates?.[i] ?? null,
        value,
        segment: s,
        mean: lines.mean,
        median: lines.median,
        upperProcessLimit: lines.upper,
        lowerProcessLimit: lines.lower,
        upperTwoSigma: lines.upperTwo,
        lowerTwoSigma: lines.lowerTwo,
        movingRange: i === lines.start ? null : Math.abs(value - (values[i - 1] ?? 0)),
        specialCause: side === 0 ? null : causeFor(side, improvementDirection),
        rules: pointRules,
      };
    }
  }

  const latest = points[n - 1];
  const latestSide = decidingSides[n - 1] ?? 0;
  const variation: VariationIcon =
    !latest?.specialCause || latestSide === 0
      ? "common_cause"
      : `${latest.specialCause}_${latestSide === 1 ? "high" : "low"}`;
  const latestSegment = segments[segments.length - 1];
  const latestLength = latestSegment ? latestSegment.end - latestSegment.start : 0;
  const assured = latestSegment
    ? assurance(improvementDirection, target, latestSegment)
    : { icon: "none" as const, text: "" };

  return {
    points,
    summary: {
      variation,
      assurance: assured.icon,
      rules,
      improvementDirection,
      target,
      pointCount: n,
      segmentStarts,
      baselineEnd,
      enoughDataForLimits: latestLength >= MINIMUM_POINTS_FOR_LIMITS,
      variationText: variationText(variation),
      assuranceText: assured.text,
    },
  };
}
