import { describe, expect, it } from "vitest";
import { analyseMeasureSeries, baselineEndIndex, rebaseIndices } from "./measure-series.js";
import { DEFAULT_SPC_RULES } from "./types.js";

const weeks = (count: number, from = "2026-01-05"): string[] => {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
};

describe("rebaseIndices", () => {
  const dates = weeks(6); // 01-05, 01-12, 01-19, 01-26, 02-02, 02-09
  it("starts a segment at the first point on or after each date", () => {
    expect(rebaseIndices(dates, ["2026-01-19"])).toEqual([2]);
    expect(rebaseIndices(dates, ["2026-01-20"])).toEqual([3]);
  });
  it("ignores dates before the first point, after the last, and ones that coincide", () => {
    expect(rebaseIndices(dates, ["2025-12-01", "2026-01-05", "2026-03-01"])).toEqual([]);
    expect(rebaseIndices(dates, ["2026-01-27", "2026-02-02", "2026-01-13"])).toEqual([2, 4]);
  });
});

describe("baselineEndIndex", () => {
  const dates = weeks(10);
  it("is the last point on or before the date, counted within its segment", () => {
    expect(baselineEndIndex(dates, [0], "2026-02-02")).toBe(4);
    expect(baselineEndIndex(dates, [0], "2026-02-03")).toBe(4);
    expect(baselineEndIndex(dates, [0, 3], "2026-02-09")).toBe(2);
  });
  it("is null with no date, a date before the data, or a one-point baseline", () => {
    expect(baselineEndIndex(dates, [0], null)).toBeNull();
    expect(baselineEndIndex(dates, [0], "2025-01-01")).toBeNull();
    expect(baselineEndIndex(dates, [0], "2026-01-05")).toBeNull();
    expect(baselineEndIndex(dates, [0, 3], "2026-01-26")).toBeNull();
  });
});

describe("analyseMeasureSeries", () => {
  it("is null for an empty series", () => {
    expect(
      analyseMeasureSeries({
        points: [],
        improvementDirection: "increase",
        target: null,
        rules: DEFAULT_SPC_RULES,
        baselineEndOn: null,
        rebaseOn: [],
      }),
    ).toBeNull();
  });

  it("sorts points by date and passes dates, baseline, rebase and target to the engine", () => {
    const dates = weeks(8);
    const values = [1, 3, 2, 4, 10, 12, 11, 13];
    const points = dates.map((date, i) => ({ date, value: values[i] ?? 0 })).reverse();
    const result = analyseMeasureSeries({
      points,
      improvementDirection: "increase",
      target: 5,
      rules: { ...DEFAULT_SPC_RULES, shiftLength: 5 },
      baselineEndOn: "2026-01-12", // second point of each segment
      rebaseOn: ["2026-01-31"], // first point on or after: 2026-02-02 (index 4)
    });
    expect(result?.points.map((p) => p.date)).toEqual(dates);
    expect(result?.points.map((p) => p.value)).toEqual(values);
    expect(result?.summary.segmentStarts).toEqual([0, 4]);
    expect(result?.summary.baselineEnd).toBe(1);
    expect(result?.summary.target).toBe(5);
    expect(result?.summary.rules.shiftLength).toBe(5);
    // Segment 0's baseline is 1 and 3: mean 2. Segment 1's baseline is 10 and 12: mean 11.
    expect(result?.points[3]?.mean).toBe(2);
    expect(result?.points[7]?.mean).toBe(11);
  });
});
