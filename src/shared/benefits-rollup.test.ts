import { describe, expect, it } from "vitest";
import {
  addPence,
  assertExactPence,
  type BenefitForRollup,
  type BenefitGroupRow,
  groupBenefits,
  nextMonth,
  type RollupDimensions,
  rollUpBenefits,
  rollUpProgrammes,
} from "./benefits-rollup.js";
import { formatMonth, formatShare, nationalSentence } from "./implementation-summary.js";

const AREA_SAFETY = "00000000-0000-4000-8000-00000000000a";
const AREA_VALUE = "00000000-0000-4000-8000-00000000000b";
const TEAM_NORTH = "00000000-0000-4000-8000-0000000000t1";
const TEAM_SOUTH = "00000000-0000-4000-8000-0000000000t2";
const MODULE_WOWE = "00000000-0000-4000-8000-0000000000m1";
const MODULE_KHWD = "00000000-0000-4000-8000-0000000000m2";

const dimensions: RollupDimensions = {
  areas: [
    { id: AREA_VALUE, label: "Value and efficiency", position: 4 },
    { id: AREA_SAFETY, label: "Safety and quality", position: 1 },
  ],
  teams: [
    { id: TEAM_SOUTH, name: "Southgate therapy" },
    { id: TEAM_NORTH, name: "Northfield district nursing" },
  ],
  modules: [
    { id: MODULE_KHWD, title: "Knowing How We Are Doing", position: 7 },
    { id: MODULE_WOWE, title: "Well Organised Working Environment", position: 6 },
  ],
};

function benefit(overrides: Partial<BenefitForRollup>): BenefitForRollup {
  return {
    teamId: TEAM_NORTH,
    houseModuleId: MODULE_WOWE,
    areaId: AREA_VALUE,
    cashable: true,
    cashOrder: "first",
    status: "signed_off",
    forecastPence: 300_000,
    realisedPence: 310_000,
    forecastOn: "2026-03-31",
    realisedOn: "2026-04-15",
    ...overrides,
  };
}

const rollUp = (benefits: BenefitForRollup[]) => rollUpBenefits(groupBenefits(benefits), dimensions);

describe("benefits roll-up: what counts", () => {
  it("splits first-order from second-order money, with the total of both", () => {
    const figures = rollUp([
      benefit({ cashOrder: "first", forecastPence: 300_000, realisedPence: 310_000 }),
      benefit({ cashOrder: "second", forecastPence: 200_000_000, realisedPence: 150_000_000 }),
    ]);
    expect(figures.totals.first).toEqual({
      forecastPence: 300_000,
      realisedPence: 310_000,
      notYetSignedOffPence: 0,
    });
    expect(figures.totals.second).toEqual({
      forecastPence: 200_000_000,
      realisedPence: 150_000_000,
      notYetSignedOffPence: 0,
    });
    expect(figures.totals.total).toEqual({
      forecastPence: 200_300_000,
      realisedPence: 150_310_000,
      notYetSignedOffPence: 0,
    });
  });

  it("counts realised money of signed-off benefits only; awaiting and queried ones are 'not yet signed off'", () => {
    const figures = rollUp([
      benefit({ status: "signed_off", forecastPence: 100, realisedPence: 110 }),
      benefit({ status: "awaiting_sign_off", forecastPence: 1_000, realisedPence: 900 }),
      benefit({ status: "queried", forecastPence: 5_000, realisedPence: null }),
      benefit({ status: "rejected", forecastPence: 70_000, realisedPence: 60_000 }),
    ]);
    // Forecast: everything not rejected. Realised: signed off only. Not yet: realised, else forecast.
    expect(figures.totals.total).toEqual({
      forecastPence: 100 + 1_000 + 5_000,
      realisedPence: 110,
      notYetSignedOffPence: 900 + 5_000,
    });
    expect(figures.counts.byStatus).toEqual({
      recorded: 0,
      awaiting_sign_off: 1,
      queried: 1,
      signed_off: 1,
      rejected: 1,
    });
  });

  it("counts non-cashable benefits per area but never in pounds", () => {
    const figures = rollUp([
      benefit({
        areaId: AREA_SAFETY,
        cashable: false,
        cashOrder: null,
        status: "recorded",
        forecastPence: 999,
      }),
      benefit({
        areaId: AREA_SAFETY,
        cashable: false,
        cashOrder: null,
        status: "recorded",
        realisedPence: 5,
      }),
      benefit({ areaId: AREA_VALUE, forecastPence: 400, realisedPence: 300 }),
    ]);
    const safety = figures.byArea.find((a) => a.areaId === AREA_SAFETY);
    expect(safety?.counts).toEqual({ benefits: 2, cashable: 0, nonCashable: 2 });
    expect(safety?.total).toEqual({ forecastPence: 0, realisedPence: 0, notYetSignedOffPence: 0 });
    expect(figures.totals.total.forecastPence).toBe(400);
    expect(figures.counts).toMatchObject({ benefits: 3, cashable: 1, nonCashable: 2 });
  });

  it("lists every area and team in order, even those with nothing, and modules by their place in the house", () => {
    const figures = rollUp([benefit({ houseModuleId: MODULE_KHWD }), benefit({ houseModuleId: null })]);
    expect(figures.byArea.map((a) => a.label)).toEqual(["Safety and quality", "Value and efficiency"]);
    expect(figures.byTeam.map((t) => t.name)).toEqual(["Northfield district nursing", "Southgate therapy"]);
    expect(figures.byTeam[1]?.counts.benefits).toBe(0);
    expect(figures.byModule.map((m) => m.title)).toEqual([
      "Well Organised Working Environment",
      "Knowing How We Are Doing",
      "No module",
    ]);
    expect(figures.byModule.map((m) => m.counts.benefits)).toEqual([0, 1, 1]);
  });

  it("adds up the same way by team, by module and by area", () => {
    const many: BenefitForRollup[] = [];
    for (let i = 0; i < 200; i += 1) {
      many.push(
        benefit({
          teamId: i % 3 === 0 ? TEAM_SOUTH : TEAM_NORTH,
          houseModuleId: i % 5 === 0 ? null : i % 2 === 0 ? MODULE_WOWE : MODULE_KHWD,
          areaId: i % 2 === 0 ? AREA_SAFETY : AREA_VALUE,
          cashOrder: i % 4 === 0 ? "second" : "first",
          status: (["signed_off", "awaiting_sign_off", "queried", "rejected"] as const)[i % 4],
          forecastPence: 1_000 + i,
          realisedPence: i % 7 === 0 ? null : 900 + i,
        }),
      );
    }
    const figures = rollUp(many);
    const sum = (rows: Array<{ total: { forecastPence: number; realisedPence: number } }>) =>
      rows.reduce((n, r) => n + r.total.forecastPence * 3 + r.total.realisedPence, 0);
    const whole = figures.totals.total.forecastPence * 3 + figures.totals.total.realisedPence;
    expect(sum(figures.byTeam)).toBe(whole);
    expect(sum(figures.byModule)).toBe(whole);
    expect(sum(figures.byArea)).toBe(whole);
  });

  it("gives the same figures however the rows were grouped (split rows add up)", () => {
    const rows = groupBenefits([benefit({ forecastPence: 500, realisedPence: 400 })]);
    const split: BenefitGroupRow[] = rows.flatMap((r) => [
      { ...r, count: 1, forecastPence: 200, realisedPence: 100, pendingPence: 100 },
      { ...r, count: 0, forecastPence: 300, realisedPence: 300, pendingPence: 300 },
    ]);
    expect(rollUpBenefits(split, dimensions).totals).toEqual(rollUpBenefits(rows, dimensions).totals);
  });
});

describe("benefits roll-up: forecast against realised by month", () => {
  it("puts forecast at its forecast date's month and realised (signed off) at its realised date's month, with running totals", () => {
    const figures = rollUp([
      benefit({
        forecastOn: "2026-01-31",
        realisedOn: "2026-03-02",
        forecastPence: 1_000,
        realisedPence: 800,
      }),
      benefit({
        forecastOn: "2026-03-01",
        realisedOn: null,
        status: "awaiting_sign_off",
        realisedPence: null,
        forecastPence: 2_000,
      }),
      benefit({
        forecastOn: "2026-03-20",
        realisedOn: "2026-04-01",
        status: "queried",
        forecastPence: 4_000,
        realisedPence: 4_100,
      }),
    ]);
    expect(figures.byMonth).toEqual([
      {
        month: "2026-01",
        forecastPence: 1_000,
        realisedPence: 0,
        cumulativeForecastPence: 1_000,
        cumulativeRealisedPence: 0,
      },
      {
        month: "2026-02",
        forecastPence: 0,
        realisedPence: 0,
        cumulativeForecastPence: 1_000,
        cumulativeRealisedPence: 0,
      },
      {
        month: "2026-03",
        forecastPence: 6_000,
        realisedPence: 800,
        cumulativeForecastPence: 7_000,
        cumulativeRealisedPence: 800,
      },
    ]);
    // The queried benefit's realised date is not a realised month: only signed-off money is realised.
    expect(figures.byMonth.some((m) => m.month === "2026-04")).toBe(false);
  });

  it("leaves undated money out of the months but in the totals", () => {
    const figures = rollUp([
      benefit({ forecastOn: null, realisedOn: null, forecastPence: 700, realisedPence: 600 }),
      benefit({ forecastOn: "2025-12-01", realisedOn: "2026-01-05", forecastPence: 100, realisedPence: 90 }),
    ]);
    expect(figures.undated).toEqual({ forecastPence: 700, realisedPence: 600 });
    expect(figures.totals.total.forecastPence).toBe(800);
    expect(figures.byMonth.map((m) => m.month)).toEqual(["2025-12", "2026-01"]);
    expect(figures.byMonth.at(-1)?.cumulativeRealisedPence).toBe(90);
  });

  it("leaves rejected forecasts and non-cashable benefits out of the months", () => {
    const figures = rollUp([
      benefit({ status: "rejected", forecastOn: "2026-05-01" }),
      benefit({ cashable: false, cashOrder: null, status: "recorded", forecastOn: "2026-05-01" }),
    ]);
    expect(figures.byMonth).toEqual([]);
  });

  it("steps months across a year end", () => {
    expect(nextMonth("2026-12")).toBe("2027-01");
    expect(nextMonth("2026-09")).toBe("2026-10");
    expect(formatMonth("2026-03")).toBe("March 2026");
    expect(formatMonth("2026-03", true)).toBe("Mar 2026");
  });
});

describe("benefits roll-up: integer pence", () => {
  it("keeps sums exact in whole pence up to 2^53 − 1, and refuses anything beyond or fractional", () => {
    expect(addPence(100_000_000_000, 100_000_000_000)).toBe(200_000_000_000);
    expect(() => addPence(Number.MAX_SAFE_INTEGER, 1)).toThrow(RangeError);
    expect(() => addPence(0.5, 1)).toThrow(RangeError);
    expect(() => assertExactPence(Number.NaN)).toThrow(RangeError);
    // 90,000 benefits of the £1bn maximum each still add up exactly (9 × 10^15 < 2^53).
    const rows = groupBenefits([benefit({ realisedPence: 100_000_000_000 })]).map((r) => ({
      ...r,
      count: 90_000,
      realisedPence: 9_000_000_000_000_000,
    }));
    expect(rollUpBenefits(rows, dimensions).totals.total.realisedPence).toBe(9_000_000_000_000_000);
    expect(Number.isSafeInteger(9_000_000_000_000_000)).toBe(true);
  });

  it("refuses a row whose pence are not whole", () => {
    const rows = groupBenefits([benefit({})]).map((r) => ({ ...r, forecastPence: 10.5 }));
    expect(() => rollUpBenefits(rows, dimensions)).toThrow(/not an exact whole number/);
  });
});

describe("the national comparison in words", () => {
  it("reads like the issue's example", () => {
    const national = {
      potentialPence: 44_700_000_000,
      realisedPence: 310_000,
      forecastPence: 300_000,
      realisedShare: 310_000 / 44_700_000_000,
      forecastShare: 300_000 / 44_700_000_000,
    };
    expect(nationalSentence(national, "Productive Community Services")).toBe(
      "£3,100 realised is 0.0007% of the £447,000,000 national potential for Productive Community Services",
    );
    expect(formatShare(0.25)).toBe("25%");
    expect(formatShare(0.1234)).toBe("12.3%");
    expect(formatShare(0.0012)).toBe("0.12%");
    expect(formatShare(0)).toBe("0%");
  });
});

describe("organisation roll-up across programmes", () => {
  // Two programmes' figures from the per-registration roll-up, as the organisation summary adds them.
  const community = rollUp([
    benefit({ cashOrder: "first", status: "signed_off", forecastPence: 300_000, realisedPence: 310_000 }),
    benefit({
      cashOrder: "second",
      status: "awaiting_sign_off",
      forecastPence: 2_000_000,
      realisedPence: null,
    }),
    benefit({
      cashable: false,
      cashOrder: null,
      status: "recorded",
      forecastPence: null,
      realisedPence: null,
    }),
  ]);
  const ward = rollUp([
    benefit({ cashOrder: "first", status: "queried", forecastPence: 50_000, realisedPence: 40_000 }),
    benefit({ cashOrder: "second", status: "signed_off", forecastPence: 99_999, realisedPence: 100_001 }),
    benefit({ cashOrder: "second", status: "rejected", forecastPence: 999_999, realisedPence: null }),
  ]);

  it("adds each programme's first-order, second-order and total money in integer pence", () => {
    const { totals } = rollUpProgrammes([community, ward]);
    expect(totals.first).toEqual({
      forecastPence: 300_000 + 50_000,
      realisedPence: 310_000,
      notYetSignedOffPence: 40_000,
    });
    expect(totals.second).toEqual({
      forecastPence: 2_000_000 + 99_999,
      realisedPence: 100_001,
      notYetSignedOffPence: 2_000_000,
    });
    expect(totals.total).toEqual({
      forecastPence: 2_449_999,
      realisedPence: 410_001,
      notYetSignedOffPence: 2_040_000,
    });
    for (const money of Object.values(totals))
      for (const pence of Object.values(money)) expect(Number.isSafeInteger(pence)).toBe(true);
  });

  it("adds counts, cashable or not and by status", () => {
    const { counts } = rollUpProgrammes([community, ward]);
    expect(counts).toEqual({
      benefits: 6,
      cashable: 5,
      nonCashable: 1,
      byStatus: { recorded: 1, awaiting_sign_off: 1, queried: 1, signed_off: 2, rejected: 1 },
    });
  });

  it("gives zero for no programmes and the programme itself for one", () => {
    const none = rollUpProgrammes([]);
    expect(none.totals.total).toEqual({ forecastPence: 0, realisedPence: 0, notYetSignedOffPence: 0 });
    expect(none.counts.benefits).toBe(0);
    expect(rollUpProgrammes([ward])).toEqual({ totals: ward.totals, counts: ward.counts });
  });

  it("refuses sums beyond exact whole pence and fractional pence", () => {
    const huge = {
      ...ward,
      totals: {
        ...ward.totals,
        total: { ...ward.totals.total, realisedPence: Number.MAX_SAFE_INTEGER },
      },
    };
    expect(() => rollUpProgrammes([huge, ward])).toThrow(RangeError);
    const fractional = {
      ...ward,
      totals: { ...ward.totals, first: { ...ward.totals.first, forecastPence: 0.5 } },
    };
    expect(() => rollUpProgrammes([fractional])).toThrow(/not an exact whole number/);
  });
});
