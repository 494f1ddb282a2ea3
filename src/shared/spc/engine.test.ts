import { describe, expect, it } from "vitest";
import { analyseSpc, SpcInputError } from "./engine.js";
import type { SpcInput, SpcResult } from "./types.js";

/**
 * A baseline used by most examples: ten points alternating 4, 2 (ending on 2, below the mean).
 *   mean = 30 / 10 = 3; moving ranges are all 2, so mean(MR) = 2
 *   process limits = 3 ± 2.66 × 2 = 8.32 and −2.32
 *   two-sigma lines = 3 ± 1.773 × 2 = 6.546 and −0.546
 * Alternating values never make a shift (they cross the mean) nor a trend (they turn each step).
 */
const BASELINE = [4, 2, 4, 2, 4, 2, 4, 2, 4, 2];

/** Analyses BASELINE followed by `after`, with the baseline fixed on the first ten points. */
function withBaseline(after: number[], extra: Partial<SpcInput> = {}): SpcResult {
  return analyseSpc({
    values: [...BASELINE, ...after],
    improvementDirection: "increase",
    baselineEnd: 9,
    ...extra,
  });
}

/** The indices of the points a rule marks. */
function marked(result: SpcResult, rule: string): number[] {
  return result.points.filter((p) => p.rules.some((r) => r === rule)).map((p) => p.index);
}

function issuesOf(input: SpcInput): { field: string; message: string }[] {
  try {
    analyseSpc(input);
  } catch (error) {
    if (error instanceof SpcInputError) return error.issues;
    throw error;
  }
  return [];
}

describe("lines", () => {
  it("sets mean, limits, two-sigma lines, moving ranges and median from the baseline", () => {
    const result = withBaseline([5]);
    const point = result.points[10];
    expect(point?.mean).toBe(3);
    // Exactly the hand-worked figures: lines are rounded to 12 significant figures, so no 8.320000000000002.
    expect(point?.upperProcessLimit).toBe(8.32);
    expect(point?.lowerProcessLimit).toBe(-2.32);
    expect(point?.upperTwoSigma).toBe(6.546);
    expect(point?.lowerTwoSigma).toBe(-0.546);
    // Median of the baseline 2,2,2,2,2,4,4,4,4,4 = (2 + 4) / 2.
    expect(point?.median).toBe(3);
    expect(result.points[0]?.movingRange).toBeNull();
    expect(result.points[10]?.movingRange).toBe(3); // |5 − 2|
    expect(result.points.every((p) => p.specialCause === null)).toBe(true);
  });

  it("uses the whole series as the baseline without baselineEnd", () => {
    // 1, 3, 2, 10: mean 16 / 4 = 4; MRs 2, 1, 8 → mean(MR) 11 / 3; median (2 + 3) / 2 = 2.5.
    const result = analyseSpc({ values: [1, 3, 2, 10], improvementDirection: "increase" });
    expect(result.points[0]?.mean).toBe(4);
    expect(result.points[0]?.upperProcessLimit).toBeCloseTo(4 + (2.66 * 11) / 3, 10);
    expect(result.points[0]?.median).toBe(2.5);
    expect(result.summary.baselineEnd).toBeNull();
  });

  it("fixes the mean and median on the first baselineEnd + 1 points", () => {
    // Baseline 1, 3, 2: mean 2, MRs 2, 1 → 1.5, median 2. The 10 after it does not move them.
    const result = analyseSpc({ values: [1, 3, 2, 10], improvementDirection: "increase", baselineEnd: 2 });
    expect(result.points[3]?.mean).toBe(2);
    expect(result.points[3]?.median).toBe(2);
    expect(result.points[3]?.upperProcessLimit).toBeCloseTo(2 + 2.66 * 1.5, 10);
    // 10 > 5.99: outside the upper limit.
    expect(result.points[3]?.rules).toEqual(["outside_limits"]);
    expect(result.summary.baselineEnd).toBe(2);
  });
});

describe("rule 1: outside_limits", () => {
  it("flags a point above the upper limit as improvement when higher is better", () => {
    // 20 > 8.32. It is also beyond the upper two-sigma line, but alone: no two-of-three.
    const result = withBaseline([20]);
    expect(marked(result, "outside_limits")).toEqual([10]);
    expect(result.points[10]?.rules).toEqual(["outside_limits"]);
    expect(result.points[10]?.specialCause).toBe("improvement");
    expect(result.summary.variation).toBe("improvement_high");
  });

  it("flags a point below the lower limit; a point on a limit is not outside", () => {
    // −3 < −2.32 is outside; 8.32 sits on the upper limit, so it is not.
    const result = withBaseline([3, 8.32, 3, -3]);
    expect(marked(result, "outside_limits")).toEqual([13]);
    expect(result.points[13]?.specialCause).toBe("concern");
  });
});

describe("rule 2: shift", () => {
  it("flags every point of a run of six on one side of the mean", () => {
    // 5, 4, 5, 4, 5, 4 are all above 3 and below 6.546; the baseline's last point (2) is below.
    const result = withBaseline([5, 4, 5, 4, 5, 4]);
    expect(marked(result, "shift")).toEqual([10, 11, 12, 13, 14, 15]);
    expect(result.points.filter((p) => p.rules.length > 0).every((p) => p.rules.join() === "shift")).toBe(
      true,
    );
    expect(result.points[15]?.specialCause).toBe("improvement");
  });

  it("needs shiftLength points: the same run of six is not a shift of seven", () => {
    const result = withBaseline([5, 4, 5, 4, 5, 4], { rules: { shiftLength: 7 } });
    expect(marked(result, "shift")).toEqual([]);
    expect(result.summary.rules.shiftLength).toBe(7);
  });

  it("is broken by a point on the mean", () => {
    // 5, 4, 5 (three above), 3 (on the mean), 5, 4, 5, 4 (four above): no run of six.
    expect(marked(withBaseline([5, 4, 5, 3, 5, 4, 5, 4]), "shift")).toEqual([]);
    // Without the point on the mean, the eight points make one shift.
    expect(marked(withBaseline([5, 4, 5, 4, 5, 4, 5, 4]), "shift")).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it("counts a point a rounding error from the mean as on it", () => {
    // The mean of 0.1, 0.2 × 6, 0.3 is 0.2, though floating-point sums give 0.19999999999999998: the six 0.2s sit on it.
    const result = analyseSpc({
      values: [0.1, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3],
      improvementDirection: "increase",
    });
    expect(marked(result, "shift")).toEqual([]);
  });

  it("flags a low shift as concern when higher is better", () => {
    // With the baseline's last point (2) below the mean too: 2, 1, 2, 1, 2, 1 → a run of seven from index 9.
    const result = withBaseline([1, 2, 1, 2, 1, 2]);
    expect(marked(result, "shift")).toEqual([9, 10, 11, 12, 13, 14, 15]);
    expect(result.points[15]?.specialCause).toBe("concern");
    expect(result.summary.variation).toBe("concern_low");
  });
});

describe("rule 3: trend", () => {
  it("flags six strictly rising points, from the first of them", () => {
    // 2 (index 9) → 1 falls; then 1 < 2 < 2.5 < 3.5 < 4 < 5 rises over six points (indices 10–15). They straddle the
    // mean (four below, two above) so there is no shift, and none passes 6.546.
    const result = withBaseline([1, 2, 2.5, 3.5, 4, 5]);
    expect(marked(result, "trend")).toEqual([10, 11, 12, 13, 14, 15]);
    expect(marked(result, "shift")).toEqual([]);
    expect(result.points[15]?.specialCause).toBe("improvement");
    expect(result.summary.variation).toBe("improvement_high");
  });

  it("is broken by equal neighbours", () => {
    // 1, 2, 2, 3, 4, 5, 6: the repeated 2 splits it into runs of two and five points.
    const result = withBaseline([1, 2, 2, 2.5, 3.5, 4, 5], { rules: { shiftLength: 10 } });
    expect(marked(result, "trend")).toEqual([]);
  });

  it("keeps its own direction on the other side of the mean", () => {
    // 0, 0.5, 1, 1.5, 2, 2.5 rise (high) while all below the mean 3. shiftLength 10 keeps the shift rule out of it.
    const result = withBaseline([0, 0.5, 1, 1.5, 2, 2.5], { rules: { shiftLength: 10 } });
    expect(marked(result, "trend")).toEqual([10, 11, 12, 13, 14, 15]);
    expect(result.points[15]?.specialCause).toBe("improvement");
    expect(result.summary.variation).toBe("improvement_high");
  });

  it("flags a falling trend as low, an improvement when lower is better", () => {
    // 2 → 6 rises; then 6, 5.5, 5, 4.5, 4, 3.5 fall (indices 10–15), all above the mean (a shift of six too).
    const result = withBaseline([6, 5.5, 5, 4.5, 4, 3.5], { improvementDirection: "decrease" });
    expect(marked(result, "trend")).toEqual([10, 11, 12, 13, 14, 15]);
    // Trend (low) beats shift (high): improvement for a measure where lower is better.
    expect(result.points[15]?.rules).toEqual(["shift", "trend"]);
    expect(result.points[15]?.specialCause).toBe("improvement");
    expect(result.summary.variation).toBe("improvement_low");
  });

  it("gives a turning point shared by a rising and a falling trend the side of the trend it ends", () => {
    // Rising 0 → 5 (six points, indices 0–5) then falling 5 → 0 (indices 5–10).
    const result = analyseSpc({
      values: [0, 1, 2, 3, 4, 5, 4, 3, 2, 1, 0],
      improvementDirection: "increase",
      rules: { shiftLength: 10 },
    });
    expect(marked(result, "trend")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(result.points[5]?.specialCause).toBe("improvement");
    expect(result.points[6]?.specialCause).toBe("concern");
  });
});

describe("rule 4: two_of_three", () => {
  it("flags the two points beyond the two-sigma line, not the one between them", () => {
    // 7 > 6.546 and ≤ 8.32; 3 is on the mean; 7 again: two of three beyond the upper two-sigma line.
    const result = withBaseline([7, 3, 7, 3]);
    expect(marked(result, "two_of_three")).toEqual([10, 12]);
    expect(result.points[11]?.rules).toEqual([]);
    expect(result.points[12]?.specialCause).toBe("improvement");
  });

  it("needs them within three consecutive points", () => {
    // 7, 3, 3, 7: the two 7s are four points apart.
    expect(marked(withBaseline([7, 3, 3, 7]), "two_of_three")).toEqual([]);
  });

  it("flags the low side", () => {
    // −1 and −1.5 both lie between −0.546 and −2.32.
    const result = withBaseline([-1, -1.5, 3]);
    expect(marked(result, "two_of_three")).toEqual([10, 11]);
    expect(result.points[11]?.specialCause).toBe("concern");
  });

  it("counts a point beyond the process limit only when twoOfThreeCountsBeyondLimits is true", () => {
    // 7 lies between the lines; 9 > 8.32 lies beyond the limit.
    const counted = withBaseline([7, 3, 9, 3], { rules: { twoOfThreeCountsBeyondLimits: true } });
    expect(marked(counted, "two_of_three")).toEqual([10, 12]);
    expect(counted.points[12]?.rules).toEqual(["outside_limits", "two_of_three"]);
    const between = withBaseline([7, 3, 9, 3], { rules: { twoOfThreeCountsBeyondLimits: false } });
    expect(marked(between, "two_of_three")).toEqual([]);
    expect(between.points[12]?.rules).toEqual(["outside_limits"]);
    expect(between.summary.rules.twoOfThreeCountsBeyondLimits).toBe(false);
  });

  it("counts beyond-limit points by default (the NHS England SQL)", () => {
    expect(withBaseline([9, 9, 3]).summary.rules.twoOfThreeCountsBeyondLimits).toBe(true);
    expect(marked(withBaseline([9, 9, 3]), "two_of_three")).toEqual([10, 11]);
  });
});

describe("precedence when rules disagree", () => {
  it("takes outside_limits, then trend, then two_of_three, then shift", () => {
    // 9, 8, 7, 6, 5, 4 (indices 10–15): a falling trend (low), all above the mean (a shift, high); 9 is beyond the
    // upper limit (high); 9, 8 and 7 are beyond the upper two-sigma line (two-of-three, high).
    const result = withBaseline([9, 8, 7, 6, 5, 4]);
    expect(result.points[10]?.rules).toEqual(["outside_limits", "shift", "trend", "two_of_three"]);
    expect(result.points[10]?.specialCause).toBe("improvement"); // outside_limits (high) wins
    expect(result.points[11]?.rules).toEqual(["shift", "trend", "two_of_three"]);
    expect(result.points[11]?.specialCause).toBe("concern"); // trend (low) beats two-of-three (high)
    expect(result.points[13]?.rules).toEqual(["shift", "trend"]);
    expect(result.points[13]?.specialCause).toBe("concern"); // trend (low) beats shift (high)
    expect(result.summary.variation).toBe("concern_low");
  });
});

describe("moving-range outliers", () => {
  // 10, 11 alternating five times, then 10 and 40: mean 155 / 12. MRs: ten 1s and 30 → mean(MR) 40 / 11 ≈ 3.636.
  // 30 ≥ 3.267 × 3.636 ≈ 11.88, so excluding it leaves mean(MR) = 10 / 10 = 1.
  const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 40];
  it("keeps every moving range by default", () => {
    const result = analyseSpc({ values, improvementDirection: "increase" });
    expect(result.points[0]?.upperProcessLimit).toBeCloseTo(155 / 12 + (2.66 * 40) / 11, 10);
  });
  it("drops moving ranges of at least 3.267 × mean(MR) when asked", () => {
    const result = analyseSpc({
      values,
      improvementDirection: "increase",
      rules: { excludeMovingRangeOutliers: true },
    });
    expect(result.points[0]?.upperProcessLimit).toBeCloseTo(155 / 12 + 2.66, 10);
    expect(result.points[0]?.lowerTwoSigma).toBeCloseTo(155 / 12 - 1.773, 10);
    expect(result.points[11]?.movingRange).toBe(30); // still reported
  });
});

describe("flat data", () => {
  it("collapses the limits onto the mean with nothing outside and no NaN", () => {
    const result = analyseSpc({ values: Array(12).fill(3.1), improvementDirection: "increase", target: 3.1 });
    for (const p of result.points) {
      expect(p.mean).toBe(3.1);
      expect(p.upperProcessLimit).toBe(3.1);
      expect(p.lowerProcessLimit).toBe(3.1);
      expect(p.upperTwoSigma).toBe(3.1);
      expect(p.rules).toEqual([]);
    }
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity/);
    expect(result.summary.variation).toBe("common_cause");
    expect(result.summary.assurance).toBe("consistently_met");
  });

  it("flags a change after a flat baseline", () => {
    const result = analyseSpc({ values: [5, 5, 5, 6], improvementDirection: "decrease", baselineEnd: 2 });
    expect(result.points[3]?.rules).toEqual(["outside_limits"]);
    expect(result.points[3]?.specialCause).toBe("concern");
  });
});

describe("segments", () => {
  // Segment 0: 2, 2.5, 2, 4, 3.5, 4 — mean 3, mean(MR) 0.8. Segment 1: 14, 13.5, 14, 12, 12.5, 12 — mean 13.
  // Indices 3–8 are six consecutive points above their own segment's mean, but a run never crosses a rebase.
  const values = [2, 2.5, 2, 4, 3.5, 4, 14, 13.5, 14, 12, 12.5, 12];

  it("gives each segment its own mean, limits and runs", () => {
    const result = analyseSpc({ values, improvementDirection: "increase", rebaseAt: [6] });
    expect(result.points.map((p) => p.segment)).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    expect(result.points[0]?.mean).toBe(3);
    expect(result.points[6]?.mean).toBe(13);
    expect(result.points[6]?.upperProcessLimit).toBeCloseTo(13 + 2.66 * 0.8, 10);
    expect(result.points[6]?.movingRange).toBeNull();
    expect(result.points.every((p) => p.rules.length === 0)).toBe(true);
    expect(result.summary.segmentStarts).toEqual([0, 6]);
    expect(result.summary.enoughDataForLimits).toBe(false); // the latest segment has 6 points
  });

  it("without the rebase sees one process and its shift", () => {
    const result = analyseSpc({ values, improvementDirection: "increase" });
    expect(marked(result, "shift")).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(result.summary.enoughDataForLimits).toBe(true);
  });

  it("applies baselineEnd within each segment, and the whole segment when it is shorter", () => {
    // Segment 0: baseline 2, 2.5 → mean 2.25. Segment 1 (indices 10–11: 12.5, 12) is shorter than three points,
    // so both points are its baseline: mean 12.25.
    const result = analyseSpc({ values, improvementDirection: "increase", rebaseAt: [10], baselineEnd: 2 });
    expect(result.points[0]?.mean).toBeCloseTo(6.5 / 3, 10);
    expect(result.points[11]?.mean).toBe(12.25);
  });

  it("sorts rebaseAt", () => {
    const result = analyseSpc({ values, improvementDirection: "increase", rebaseAt: [9, 6] });
    expect(result.summary.segmentStarts).toEqual([0, 6, 9]);
  });
});

describe("summary", () => {
  it.each([
    ["increase", [20], "improvement_high"],
    ["decrease", [20], "concern_high"],
    ["neither", [20], "neither_high"],
    ["increase", [-10], "concern_low"],
    ["decrease", [-10], "improvement_low"],
    ["neither", [-10], "neither_low"],
    ["increase", [3], "common_cause"],
  ] as const)("%s with latest %j gives %s", (direction, after, icon) => {
    const result = withBaseline([...after], { improvementDirection: direction });
    expect(result.summary.variation).toBe(icon);
    expect(result.summary.variationText).toMatch(
      icon === "common_cause" ? /^Common cause variation/ : /^Special cause variation: \w+ \((high|low)\)\.$/,
    );
  });

  it("marks a point of a measure with no better direction as neither", () => {
    expect(withBaseline([20], { improvementDirection: "neither" }).points[10]?.specialCause).toBe("neither");
  });

  // Limits of the latest segment: −2.32 to 8.32.
  it.each([
    ["increase", -3, "consistently_met"],
    ["increase", -2.32, "consistently_met"],
    ["increase", 5, "possibly_met"],
    ["increase", 9, "never_met"],
    ["decrease", 9, "consistently_met"],
    ["decrease", 5, "possibly_met"],
    ["decrease", -3, "never_met"],
    ["neither", 5, "none"],
  ] as const)("%s with target %d gives %s", (direction, target, icon) => {
    const result = withBaseline([3], { improvementDirection: direction, target });
    expect(result.summary.assurance).toBe(icon);
    expect(result.summary.assuranceText.length).toBeGreaterThan(20);
  });

  it("gives no assurance without a target, and records the settings used", () => {
    const result = withBaseline([3]);
    expect(result.summary.assurance).toBe("none");
    expect(result.summary.target).toBeNull();
    expect(result.summary.rules).toEqual({
      shiftLength: 6,
      trendLength: 6,
      excludeMovingRangeOutliers: false,
      twoOfThreeCountsBeyondLimits: true,
    });
    expect(result.summary.pointCount).toBe(11);
    expect(result.summary.improvementDirection).toBe("increase");
  });

  it("says when there are too few points for reliable limits", () => {
    expect(
      analyseSpc({ values: Array(11).fill(1), improvementDirection: "increase" }).summary.enoughDataForLimits,
    ).toBe(false);
    expect(
      analyseSpc({ values: Array(12).fill(1), improvementDirection: "increase" }).summary.enoughDataForLimits,
    ).toBe(true);
  });

  it("carries dates through, or null without them", () => {
    const result = analyseSpc({
      values: [1, 2],
      dates: ["2026-01-05", "2026-01-12"],
      improvementDirection: "increase",
    });
    expect(result.points.map((p) => p.date)).toEqual(["2026-01-05", "2026-01-12"]);
    expect(analyseSpc({ values: [1], improvementDirection: "increase" }).points[0]?.date).toBeNull();
  });
});

describe("validation", () => {
  const ok = { values: [1, 2, 3], improvementDirection: "increase" as const };

  it.each<[string, SpcInput, string, string]>([
    ["an empty series", { ...ok, values: [] }, "values", "values is empty"],
    [
      "a non-finite value",
      { ...ok, values: [1, 2, 3, Number.NaN] },
      "values.3",
      "values[3] is not a finite number.",
    ],
    [
      "an infinite value",
      { ...ok, values: [Number.POSITIVE_INFINITY] },
      "values.0",
      "values[0] is not a finite number.",
    ],
    [
      "too many points",
      { ...ok, values: Array(10_001).fill(1) },
      "values",
      "the most that can be analysed at once is 10,000",
    ],
    [
      "an unknown direction",
      { ...ok, improvementDirection: "up" as "increase" },
      "improvementDirection",
      "must be",
    ],
    [
      "dates of the wrong length",
      { ...ok, dates: ["2026-01-05"] },
      "dates",
      "dates has 1 entries but values has 3",
    ],
    [
      "a date that is not ISO",
      { ...ok, dates: ["2026-01-05", "05/01/2026", "2026-01-19"] },
      "dates.1",
      "dates[1] is not a valid ISO date",
    ],
    [
      "a date not on the calendar",
      { ...ok, dates: ["2026-01-05", "2026-02-30", "2026-03-19"] },
      "dates.1",
      "not a valid ISO date",
    ],
    [
      "a duplicate date",
      { ...ok, dates: ["2026-01-05", "2026-01-12", "2026-01-05"] },
      "dates.2",
      "repeats dates[0]",
    ],
    [
      "dates out of order",
      { ...ok, dates: ["2026-01-12", "2026-01-05", "2026-01-19"] },
      "dates.1",
      "values are positional",
    ],
    ["a short shift length", { ...ok, rules: { shiftLength: 4 } }, "rules.shiftLength", "from 5 to 10"],
    ["a long trend length", { ...ok, rules: { trendLength: 11 } }, "rules.trendLength", "from 5 to 10"],
    ["a fractional rule length", { ...ok, rules: { shiftLength: 6.5 } }, "rules.shiftLength", "whole number"],
    ["a baselineEnd of 0", { ...ok, baselineEnd: 0 }, "baselineEnd", "at least 1"],
    ["a baselineEnd past the end", { ...ok, baselineEnd: 3 }, "baselineEnd", "the last index is 2"],
    ["a fractional baselineEnd", { ...ok, baselineEnd: 1.5 }, "baselineEnd", "whole number"],
    ["a rebase at 0", { ...ok, rebaseAt: [0] }, "rebaseAt.0", "rebaseAt[0] is 0"],
    ["a rebase past the end", { ...ok, rebaseAt: [1, 3] }, "rebaseAt.1", "rebaseAt[1] is 3"],
    ["a negative rebase", { ...ok, rebaseAt: [-1] }, "rebaseAt.0", "rebaseAt[0] is -1"],
    ["a fractional rebase", { ...ok, rebaseAt: [1.5] }, "rebaseAt.0", "whole number"],
    ["a duplicate rebase", { ...ok, rebaseAt: [1, 1] }, "rebaseAt.1", "repeats rebaseAt[0]"],
    ["a non-finite target", { ...ok, target: Number.NaN }, "target", "finite number"],
  ])("refuses %s", (_name, input, field, message) => {
    const issues = issuesOf(input);
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it("lists every problem at once, and caps a long list", () => {
    expect(
      issuesOf({ ...ok, values: [Number.NaN, 1, Number.NaN], rules: { shiftLength: 2 } }).map((i) => i.field),
    ).toEqual(["values.0", "values.2", "rules.shiftLength"]);
    const many = issuesOf({ ...ok, values: Array(200).fill(Number.NaN) });
    expect(many).toHaveLength(51);
    expect(many[50]?.message).toContain("150 more problems");
  });

  it("throws an SpcInputError whose message is the first problem", () => {
    expect(() => analyseSpc({ ...ok, values: [] })).toThrow(SpcInputError);
    expect(() => analyseSpc({ ...ok, values: [] })).toThrow(/values is empty/);
  });

  it("accepts 10,000 points", () => {
    expect(analyseSpc({ ...ok, values: Array(10_000).fill(1) }).points).toHaveLength(10_000);
  });
});
