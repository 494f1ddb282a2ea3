/**
 * The SPC engine's contract: what `analyseSpc` (engine.ts) takes and gives, and therefore what
 * `POST /api/spc/analyse` takes and gives. Semantics follow domain.md ("Making Data Count") and issue 8.
 */
import type { ImprovementDirection } from "../projects.js";

export type { ImprovementDirection };

/** The four special-cause rules, by the names the API reports. */
export const SPC_RULE_NAMES = ["outside_limits", "shift", "trend", "two_of_three"] as const;
/** One of SPC_RULE_NAMES. */
export type SpcRuleName = (typeof SPC_RULE_NAMES)[number];

/** Rule settings; every chart records the ones it used. */
export interface SpcRules {
  /** Consecutive points on one side of the mean that make a shift (5–10; 6 by default). */
  shiftLength: number;
  /** Consecutive strictly rising or falling points that make a trend (5–10; 6 by default). */
  trendLength: number;
  /** Drop moving ranges of at least 3.267 × mean(MR) and recompute mean(MR) before setting the limits. */
  excludeMovingRangeOutliers: boolean;
  /** Count points beyond the process limit towards two-of-three (NHS England SQL) or only those between (plotthedots). */
  twoOfThreeCountsBeyondLimits: boolean;
}

/** The settings used when a request gives none. */
export const DEFAULT_SPC_RULES: SpcRules = {
  shiftLength: 6,
  trendLength: 6,
  excludeMovingRangeOutliers: false,
  twoOfThreeCountsBeyondLimits: true,
};

/** Shortest and longest allowed shift and trend lengths. */
export const RULE_LENGTH_MIN = 5;
export const RULE_LENGTH_MAX = 10;
/** Fewer points than this in a segment: show a run chart and say the limits are not yet reliable. */
export const MINIMUM_POINTS_FOR_LIMITS = 12;

/** What analyseSpc takes. Dates, when given, are ISO dates (YYYY-MM-DD), one per value, strictly increasing. */
export interface SpcInput {
  values: number[];
  dates?: string[];
  improvementDirection: ImprovementDirection;
  rules?: Partial<SpcRules>;
  /** Index of the last baseline point of each segment (counted from the segment's start): fixes mean and limits. */
  baselineEnd?: number;
  /** Indices at which a new segment (its own mean, limits and runs) starts. */
  rebaseAt?: number[];
  target?: number;
}

/** Whether a flagged point is good news, bad news, or (for a measure with no better direction) just unusual. */
export type SpecialCause = "improvement" | "concern" | "neither";

/** One analysed point. */
export interface SpcPoint {
  index: number;
  date: string | null;
  value: number;
  /** Which segment (0, 1, …) the point belongs to; a rebase starts a new one. */
  segment: number;
  mean: number;
  /** The segment's median, for the run chart. */
  median: number;
  upperProcessLimit: number;
  lowerProcessLimit: number;
  upperTwoSigma: number;
  lowerTwoSigma: number;
  movingRange: number | null;
  specialCause: SpecialCause | null;
  /** Every rule the point is part of. */
  rules: SpcRuleName[];
}

/**
 * The variation icon (Making Data Count): common cause, or special cause of improvement / concern / neither, and for
 * special cause whether it is high or low. Read from the latest point.
 */
export type VariationIcon =
  | "common_cause"
  | "improvement_high"
  | "improvement_low"
  | "concern_high"
  | "concern_low"
  | "neither_high"
  | "neither_low";

/**
 * The assurance icon: whether the latest segment's process will meet the target consistently (the target lies beyond
 * the limits on the good side), possibly (between the limits: hit and miss), or never (beyond on the bad side).
 * "none" when there is no target or no better direction.
 */
export type AssuranceIcon = "consistently_met" | "possibly_met" | "never_met" | "none";

/** The summary of an analysis. */
export interface SpcSummary {
  variation: VariationIcon;
  assurance: AssuranceIcon;
  /** The rule settings used (defaults filled in). */
  rules: SpcRules;
  improvementDirection: ImprovementDirection;
  target: number | null;
  pointCount: number;
  /** First index of each segment. */
  segmentStarts: number[];
  baselineEnd: number | null;
  /** False when the latest segment has fewer than MINIMUM_POINTS_FOR_LIMITS points: show the run chart. */
  enoughDataForLimits: boolean;
  /** A sentence a person can read aloud, e.g. "Special cause variation: improvement (high)." */
  variationText: string;
  assuranceText: string;
}

/** What analyseSpc gives. */
export interface SpcResult {
  points: SpcPoint[];
  summary: SpcSummary;
}

/** Something marked on a chart's time axis: a PDSA cycle's start, a team's note, or a rebase. */
export interface ChartAnnotation {
  /** ISO date (YYYY-MM-DD) on the time axis. */
  date: string;
  label: string;
  kind: "pdsa" | "note" | "rebase";
}
