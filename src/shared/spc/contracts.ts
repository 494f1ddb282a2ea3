/**
 * zod contracts of the public SPC API (POST /api/spc/analyse), mirroring types.ts. The schema checks shapes and types
 * (400); the engine's own validation (validate.ts) checks lengths, ranges, dates and positions (422), so a tool gets
 * one list of every problem it can fix.
 */
import { z } from "zod";
import { IMPROVEMENT_DIRECTIONS, MAX_SERIES_POINTS } from "../projects.js";
import {
  DEFAULT_SPC_RULES,
  MINIMUM_POINTS_FOR_LIMITS,
  RULE_LENGTH_MAX,
  RULE_LENGTH_MIN,
  SPC_RULE_NAMES,
} from "./types.js";

/** A finite number at a list position; the message names the position, e.g. "values[3] is not a finite number". */
function finiteAt(list: string) {
  return z.number({
    error: (issue) => {
      const index = issue.path?.[issue.path.length - 1];
      const where = typeof index === "number" ? `${list}[${index}]` : list;
      return `${where} is not a finite number: send JSON numbers (not strings, null or Infinity)`;
    },
  });
}

/** Rule settings a request may give; any left out take their defaults. */
export const SpcRulesInputSchema = z
  .object({
    shiftLength: z
      .number()
      .optional()
      .describe(
        `Consecutive points on one side of the mean that make a shift: a whole number from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX} (default ${DEFAULT_SPC_RULES.shiftLength}).`,
      ),
    trendLength: z
      .number()
      .optional()
      .describe(
        `Consecutive strictly rising or falling points that make a trend: a whole number from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX} (default ${DEFAULT_SPC_RULES.trendLength}).`,
      ),
    excludeMovingRangeOutliers: z
      .boolean()
      .optional()
      .describe(
        "Drop moving ranges of at least 3.267 × mean(MR) before recomputing mean(MR) (default false).",
      ),
    twoOfThreeCountsBeyondLimits: z
      .boolean()
      .optional()
      .describe(
        "true: points beyond a process limit count towards two-of-three (NHS England SQL, the default); false: only points between the two-sigma line and the limit count (NHSRplotthedots).",
      ),
  })
  .strict();

/** The body of POST /api/spc/analyse. */
export const SpcAnalyseRequestSchema = z
  .object({
    values: z
      .array(finiteAt("values"))
      .describe(
        `The measurements in time order: 1 to ${MAX_SERIES_POINTS.toLocaleString("en-GB")} finite numbers.`,
      ),
    dates: z
      .array(z.string().max(40))
      .optional()
      .describe(
        "One ISO date (YYYY-MM-DD) per value, strictly increasing. Dates out of order are refused rather than sorted, because values are positional: baselineEnd and rebaseAt count positions.",
      ),
    improvementDirection: z
      .enum(IMPROVEMENT_DIRECTIONS)
      .describe(
        'Which way is better: "increase", "decrease" or "neither" (then flagged points are "neither").',
      ),
    rules: SpcRulesInputSchema.optional(),
    baselineEnd: z
      .number()
      .optional()
      .describe(
        "Index of the last baseline point, counted from the start of each segment (at least 1): mean and limits are fixed on the first baselineEnd + 1 points of each segment (the whole segment when it is shorter). Without it each whole segment is its baseline.",
      ),
    rebaseAt: z
      .array(z.number())
      .max(MAX_SERIES_POINTS)
      .optional()
      .describe(
        "Indices (1 or later, no repeats) where a new segment starts, with its own mean, limits and runs.",
      ),
    target: finiteAt("target")
      .optional()
      .describe("The target, for the assurance icon (needs a better direction)."),
  })
  .strict();

/** The body of POST /api/spc/analyse, as sent. */
export type SpcAnalyseRequest = z.infer<typeof SpcAnalyseRequestSchema>;

const ruleName = z.enum(SPC_RULE_NAMES);

/** One analysed point. */
export const SpcPointSchema = z.object({
  index: z.number().int(),
  date: z.string().nullable().describe("The point's date when dates were given, otherwise null."),
  value: z.number(),
  segment: z
    .number()
    .int()
    .describe("Which segment (0, 1, …) the point belongs to; each rebase starts a new one."),
  mean: z.number().describe("The segment's mean (of its baseline)."),
  median: z.number().describe("The segment's median (of its baseline), for a run chart."),
  upperProcessLimit: z.number(),
  lowerProcessLimit: z.number(),
  upperTwoSigma: z.number(),
  lowerTwoSigma: z.number(),
  movingRange: z
    .number()
    .nullable()
    .describe("|value − previous value|; null for the first point of a segment."),
  specialCause: z
    .enum(["improvement", "concern", "neither"])
    .nullable()
    .describe(
      "null when no rule flags the point; otherwise read from the deciding rule's side and the direction.",
    ),
  rules: z
    .array(ruleName)
    .describe(
      "Every rule the point is part of. When their sides disagree, outside_limits decides, then trend, then two_of_three, then shift.",
    ),
});

/** The settings an analysis used. */
export const SpcRulesSchema = z.object({
  shiftLength: z.number().int(),
  trendLength: z.number().int(),
  excludeMovingRangeOutliers: z.boolean(),
  twoOfThreeCountsBeyondLimits: z.boolean(),
});

/** The summary of an analysis: icons, sentences and the settings used. */
export const SpcSummarySchema = z.object({
  variation: z
    .enum([
      "common_cause",
      "improvement_high",
      "improvement_low",
      "concern_high",
      "concern_low",
      "neither_high",
      "neither_low",
    ])
    .describe("The variation icon, read from the latest point."),
  assurance: z
    .enum(["consistently_met", "possibly_met", "never_met", "none"])
    .describe("The assurance icon: the target against the latest segment's process limits."),
  rules: SpcRulesSchema.describe("The rule settings used, defaults filled in."),
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  target: z.number().nullable(),
  pointCount: z.number().int(),
  segmentStarts: z.array(z.number().int()).describe("First index of each segment."),
  baselineEnd: z.number().int().nullable(),
  enoughDataForLimits: z
    .boolean()
    .describe(
      `False when the latest segment has fewer than ${MINIMUM_POINTS_FOR_LIMITS} points: show a run chart and say the limits are not yet reliable.`,
    ),
  variationText: z.string().describe("The variation icon as a sentence, for screen readers and documents."),
  assuranceText: z.string().describe("The assurance icon as a sentence."),
});

/** The answer of POST /api/spc/analyse. */
export const SpcAnalyseResponseSchema = z.object({
  points: z.array(SpcPointSchema),
  summary: SpcSummarySchema,
});
