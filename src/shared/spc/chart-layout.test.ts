import { describe, expect, it } from "vitest";
import { describeRules, formatChartNumber, layoutSpcChart, niceTicks, POINT_STYLES } from "./chart-layout.js";
import { DEFAULT_SPC_RULES, type SpcPoint, type SpcResult, type SpecialCause } from "./types.js";

/** Weekly ISO dates from 5 January 2026. */
function weekly(count: number): string[] {
  const start = Date.parse("2026-01-05T00:00:00Z");
  return Array.from({ length: count }, (_, i) =>
    new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
  );
}

/**
 * A hand-written result: 12 points around 12 (segment 0), then 12 around 7 after a rebase at index 12, the last 8 of
 * them flagged as improvement by a shift. Limits are mean ± 3, two-sigma ± 2.
 */
function fixture(
  options: { segments?: boolean; enough?: boolean; causes?: (SpecialCause | null)[] } = {},
): SpcResult {
  const dates = weekly(24);
  const values = [12, 13, 11, 12, 14, 12, 11, 13, 12, 10, 13, 12, 8, 7, 9, 6, 7, 8, 7, 6, 7, 8, 6, 7];
  const rebased = options.segments ?? true;
  const points: SpcPoint[] = values.map((value, index) => {
    const segment = rebased && index >= 12 ? 1 : 0;
    const mean = segment === 1 ? 7.1 : rebased ? 12.3 : 9.8;
    const flagged = options.causes ? (options.causes[index] ?? null) : index >= 16 ? "improvement" : null;
    return {
      index,
      date: dates[index] ?? null,
      value,
      segment,
      mean,
      median: mean - 0.3,
      upperProcessLimit: mean + 3,
      lowerProcessLimit: mean - 3,
      upperTwoSigma: mean + 2,
      lowerTwoSigma: mean - 2,
      movingRange: index === 0 ? null : Math.abs(value - (values[index - 1] ?? value)),
      specialCause: flagged,
      rules: flagged ? ["shift"] : [],
    };
  });
  return {
    points,
    summary: {
      variation: "improvement_low",
      assurance: "none",
      rules: DEFAULT_SPC_RULES,
      improvementDirection: "decrease",
      target: null,
      pointCount: points.length,
      segmentStarts: rebased ? [0, 12] : [0],
      baselineEnd: null,
      enoughDataForLimits: options.enough ?? true,
      variationText: "Special cause variation: improvement (low).",
      assuranceText: "No target set.",
    },
  };
}

const size = { width: 720, height: 360, title: "Falls per week", unit: "falls" };

describe("niceTicks", () => {
  it("covers the range with 1, 2, 2.5 or 5 × 10ⁿ steps", () => {
    expect(niceTicks(3.2, 17.9)).toEqual({ min: 0, max: 20, step: 5, ticks: [0, 5, 10, 15, 20] });
    expect(niceTicks(0.12, 0.47).step).toBe(0.1);
    expect(niceTicks(0.12, 0.47).ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it("pads flat data so the scale has height", () => {
    const flat = niceTicks(5, 5);
    expect(flat.min).toBeLessThan(5);
    expect(flat.max).toBeGreaterThan(5);
    expect(niceTicks(0, 0).ticks.length).toBeGreaterThan(1);
  });
});

describe("layoutSpcChart", () => {
  it("scales values, limits and the target inside the plot, higher values higher up", () => {
    const layout = layoutSpcChart(fixture(), { ...size, target: 2 });
    const { plot } = layout;
    const first = layout.yTicks[0];
    const last = layout.yTicks[layout.yTicks.length - 1];
    expect(first?.value).toBeLessThanOrEqual(2);
    expect(last?.value).toBeGreaterThanOrEqual(15.3);
    expect(first?.position).toBeCloseTo(plot.bottom);
    expect(last?.position).toBeCloseTo(plot.top);
    for (const p of layout.points) {
      expect(p.x).toBeGreaterThanOrEqual(plot.left);
      expect(p.x).toBeLessThanOrEqual(plot.right);
      expect(p.y).toBeGreaterThanOrEqual(plot.top);
      expect(p.y).toBeLessThanOrEqual(plot.bottom);
    }
    const p0 = layout.points[0];
    const p12 = layout.points[12];
    expect(p0 && p12 && p0.y < p12.y).toBe(true); // 12 is above 8
    const targetLine = layout.lines.find((l) => l.kind === "target");
    expect(targetLine?.dash).toBe("dashed");
    expect(targetLine?.value).toBe(2);
  });

  it("steps the mean, limits and two-sigma lines at a rebase", () => {
    const layout = layoutSpcChart(fixture(), size);
    const means = layout.lines.filter((l) => l.kind === "mean");
    expect(means.map((l) => l.value)).toEqual([12.3, 7.1]);
    expect(means[0]?.x2).toBeLessThan(means[1]?.x1 ?? 0);
    expect(layout.lines.filter((l) => l.kind === "upper_limit").map((l) => l.value)).toEqual([15.3, 10.1]);
    expect(layout.lines.filter((l) => l.kind === "lower_two_sigma").map((l) => l.value)).toEqual([10.3, 5.1]);
    expect(layout.lines.some((l) => l.kind === "median")).toBe(false);
    expect(layout.mode).toBe("xmr");
  });

  it("colours and shapes each point by its special cause", () => {
    const causes: (SpecialCause | null)[] = Array.from({ length: 24 }, () => null);
    causes[3] = "concern";
    causes[5] = "neither";
    causes[20] = "improvement";
    const layout = layoutSpcChart(fixture({ causes }), size);
    expect(layout.points[3]).toMatchObject({ kind: "concern", fill: "#ED8B00", shape: "square" });
    expect(layout.points[5]).toMatchObject({ kind: "neither", fill: "#330072", shape: "diamond" });
    expect(layout.points[20]).toMatchObject({ kind: "improvement", fill: "#41B6E6", shape: "triangle" });
    expect(layout.points[0]).toMatchObject({ kind: "common", shape: "circle" });
    expect(layout.legend.map((l) => l.kind)).toEqual(["improvement", "concern", "neither", "common"]);
    expect(new Set(Object.values(POINT_STYLES).map((s) => s.shape)).size).toBe(4);
  });

  it("draws a run chart around the median when there are too few points, still showing the engine's signals", () => {
    const layout = layoutSpcChart(fixture({ segments: false, enough: false }), size);
    expect(layout.mode).toBe("run");
    expect(layout.lines.map((l) => l.kind)).toEqual(["median"]);
    expect(layout.points[20]?.kind).toBe("improvement");
    expect(layout.table[0]).toMatchObject({ lowerLimit: "", upperLimit: "" });
    expect(layout.centreHeading).toBe("Median");
    expect(layout.description).toContain("Run chart of 24 weekly points");
    expect(layout.description).toContain("not yet reliable");
    expect(layoutSpcChart(fixture(), { ...size, runChart: true }).mode).toBe("run");
  });

  it("describes the chart in one sentence", () => {
    expect(layoutSpcChart(fixture(), size).description).toBe(
      "XmR chart of 24 weekly points from 5 January 2026 to 15 June 2026; mean 12.3 then 7.1 after a rebase on 30 March 2026; the last 8 points show special cause improvement (shift).",
    );
  });

  it("thins date labels so they do not overlap", () => {
    const layout = layoutSpcChart(fixture(), { ...size, width: 320 });
    expect(layout.xTicks.length).toBeLessThan(24);
    expect(layout.xTicks[0]?.label).toBe("5 Jan 2026");
    for (let i = 1; i < layout.xTicks.length; i++) {
      const gap = (layout.xTicks[i]?.position ?? 0) - (layout.xTicks[i - 1]?.position ?? 0);
      expect(gap).toBeGreaterThanOrEqual(10 * 0.56 * 11);
    }
  });

  it("places annotations on the time axis and stacks labels that would collide", () => {
    const layout = layoutSpcChart(fixture(), {
      ...size,
      annotations: [
        { date: "2026-03-02", label: "Intentional rounding at night", kind: "pdsa" },
        { date: "2026-03-09", label: "New handover sheet", kind: "note" },
        { date: "2026-03-30", label: "New process", kind: "rebase" },
        { date: "2025-01-01", label: "Before the data", kind: "note" },
      ],
    });
    expect(layout.markers).toHaveLength(3);
    const [a, b, c] = layout.markers;
    expect(a?.x).toBeCloseTo(layout.points[8]?.x ?? 0);
    expect(a?.shortLabel.startsWith("PDSA: Intentional")).toBe(true);
    expect(a?.shortLabel.length).toBeLessThanOrEqual(28);
    expect(a?.row).toBe(0);
    expect(b?.row).toBe(1); // a week later: its label would overlap the first
    expect(c?.kind).toBe("rebase");
    for (const m of layout.markers) expect(m.labelY).toBeLessThan(layout.plot.top);
    // A marker between two points is placed between them.
    const mid = layoutSpcChart(fixture(), {
      ...size,
      annotations: [{ date: "2026-01-08", label: "x", kind: "note" }],
    });
    const x0 = mid.points[0]?.x ?? 0;
    const x1 = mid.points[1]?.x ?? 0;
    expect(mid.markers[0]?.x).toBeGreaterThan(x0);
    expect(mid.markers[0]?.x).toBeLessThan(x1);
  });

  it("copes with no data and with flat data", () => {
    const empty = layoutSpcChart(
      { points: [], summary: { ...fixture().summary, pointCount: 0, segmentStarts: [] } },
      size,
    );
    expect(empty.points).toEqual([]);
    expect(empty.lines).toEqual([]);
    expect(empty.description).toContain("No data points");
    const flatResult = fixture({ segments: false });
    for (const p of flatResult.points) {
      Object.assign(p, {
        value: 5,
        mean: 5,
        median: 5,
        upperProcessLimit: 5,
        lowerProcessLimit: 5,
        upperTwoSigma: 5,
        lowerTwoSigma: 5,
        specialCause: null,
        rules: [],
      });
    }
    const flat = layoutSpcChart(flatResult, size);
    expect(
      flat.points.every((p) => Number.isFinite(p.y) && p.y > flat.plot.top && p.y < flat.plot.bottom),
    ).toBe(true);
  });

  it("fills the data table rows and says which rules were used", () => {
    const layout = layoutSpcChart(fixture(), size);
    expect(layout.table[16]).toEqual({
      index: 16,
      date: "27 April 2026",
      value: "7",
      centre: "7.1",
      lowerLimit: "4.1",
      upperLimit: "10.1",
      signal: "Special cause: improvement",
      rules: "shift",
    });
    expect(describeRules(DEFAULT_SPC_RULES)).toBe(
      "Rules: shift 6, trend 6, two of three counts points beyond the limits, moving-range outliers kept.",
    );
    expect(formatChartNumber(0.12345)).toBe("0.123");
    expect(formatChartNumber(1234.56)).toBe("1,234.6");
  });

  it("is deterministic", () => {
    expect(layoutSpcChart(fixture(), size)).toEqual(layoutSpcChart(fixture(), size));
  });
});
