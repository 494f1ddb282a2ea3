import { describe, expect, it } from "vitest";
import {
  type BenefitState,
  benefitProblems,
  cashOrderOf,
  decisionRefusal,
  diffBenefit,
  initialChanges,
  mergeBenefit,
  statusAfterChange,
} from "./benefits.rules.js";

const TODAY = "2026-06-01";
const cash: BenefitState = {
  houseModuleId: null,
  areaId: "area",
  title: "Stock reduction",
  description: "",
  cashable: true,
  cashCategory: "stock",
  method: "Stock count before and after",
  unit: "",
  baselinePence: 420000,
  forecastPence: 300000,
  realisedPence: 310000,
  baselineValue: null,
  forecastValue: null,
  realisedValue: null,
  baselineOn: "2026-03-01",
  forecastOn: "2026-06-30",
  realisedOn: "2026-05-29",
};
const nonCash: BenefitState = {
  ...cash,
  cashable: false,
  cashCategory: null,
  method: "",
  unit: "minutes per week",
  baselinePence: null,
  forecastPence: null,
  realisedPence: null,
  baselineValue: 95,
  forecastValue: 30,
  realisedValue: 30,
};
const fields = (state: BenefitState) => benefitProblems(state, TODAY).map((p) => p.field);

describe("benefitProblems", () => {
  it("accepts good cashable and non-cashable benefits", () => {
    expect(benefitProblems(cash, TODAY)).toEqual([]);
    expect(benefitProblems(nonCash, TODAY)).toEqual([]);
  });

  it("needs a category and a method for a cashable benefit", () => {
    expect(fields({ ...cash, cashCategory: null, method: " " })).toEqual(["cashCategory", "method"]);
  });

  it("refuses negative pence and more than £1bn, saying the figure", () => {
    const problems = benefitProblems({ ...cash, baselinePence: -1, forecastPence: 120000000000 }, TODAY);
    expect(problems.map((p) => p.field)).toEqual(["baselinePence", "forecastPence"]);
    expect(problems[1]?.message).toBe(
      "£1,200,000,000.00 is more than one team could realise. Check the figure: the most we accept for one benefit is £1,000,000,000.",
    );
    expect(benefitProblems({ ...cash, forecastPence: 100000000000 }, TODAY)).toEqual([]);
  });

  it("keeps cash and non-cash values apart", () => {
    expect(fields({ ...cash, forecastValue: 3 })).toEqual(["forecastValue"]);
    expect(fields({ ...nonCash, forecastPence: 3, cashCategory: "stock" })).toEqual([
      "cashCategory",
      "forecastPence",
    ]);
  });

  it("needs a unit for values and keeps percentages within 0–100", () => {
    expect(fields({ ...nonCash, unit: "" })).toEqual(["unit"]);
    expect(
      fields({ ...nonCash, unit: "%", baselineValue: 21, forecastValue: 135, realisedValue: -2 }),
    ).toEqual(["forecastValue", "realisedValue"]);
    expect(fields({ ...nonCash, realisedValue: -3 })).toEqual(["realisedValue"]);
    expect(fields({ ...nonCash, realisedValue: 1e13 })).toEqual(["realisedValue"]);
  });

  it("needs dates with a forecast and a realised value, and no realised date in the future", () => {
    expect(fields({ ...cash, forecastOn: null, realisedOn: null })).toEqual(["forecastOn", "realisedOn"]);
    expect(fields({ ...cash, realisedOn: "2026-06-02" })).toEqual(["realisedOn"]);
    expect(fields({ ...cash, realisedOn: TODAY })).toEqual([]);
    expect(fields({ ...cash, forecastPence: null, forecastOn: null })).toEqual([]);
  });
});

describe("cashOrderOf", () => {
  it("derives the order from the category", () => {
    expect(cashOrderOf(cash)).toBe("first");
    expect(cashOrderOf({ cashable: true, cashCategory: "revenue_spend" })).toBe("second");
    expect(cashOrderOf(nonCash)).toBeNull();
  });
});

describe("mergeBenefit and diffBenefit", () => {
  it("applies a patch and lists what changed from and to", () => {
    const after = mergeBenefit(cash, { realisedPence: 320000, title: undefined });
    expect(diffBenefit(cash, after)).toEqual({ realisedPence: [310000, 320000] });
  });

  it("clears the other kind's fields when a benefit stops or starts being cashable", () => {
    const toNon = mergeBenefit(cash, { cashable: false, unit: "items", realisedValue: 4 });
    expect(toNon).toMatchObject({
      cashCategory: null,
      baselinePence: null,
      realisedPence: null,
      realisedValue: 4,
    });
    const toCash = mergeBenefit(nonCash, { cashable: true, cashCategory: "consumables" });
    expect(toCash).toMatchObject({ baselineValue: null, forecastValue: null, cashCategory: "consumables" });
  });

  it("lists a new benefit's given values as changes from nothing", () => {
    const changes = initialChanges(nonCash);
    expect(changes.baselineValue).toEqual([null, 95]);
    expect(changes.description).toBeUndefined();
  });
});

describe("statusAfterChange", () => {
  it("returns a signed-off or rejected cashable benefit for sign-off when its figures change", () => {
    for (const status of ["signed_off", "rejected"] as const) {
      expect(statusAfterChange({ status, cashable: true }, cash, { realisedPence: [1, 2] })).toEqual({
        status: "awaiting_sign_off",
        returnedForSignOff: true,
      });
    }
  });

  it("keeps the status for changes finance does not sign off", () => {
    expect(statusAfterChange({ status: "signed_off", cashable: true }, cash, { title: ["a", "b"] })).toEqual({
      status: "signed_off",
      returnedForSignOff: false,
    });
    expect(
      statusAfterChange({ status: "queried", cashable: true }, cash, { realisedPence: [1, 2] }).status,
    ).toBe("queried");
  });

  it("records non-cashable benefits and sends newly cashable ones for sign-off", () => {
    expect(
      statusAfterChange({ status: "signed_off", cashable: true }, nonCash, { cashable: [true, false] }),
    ).toEqual({
      status: "recorded",
      returnedForSignOff: false,
    });
    expect(
      statusAfterChange({ status: "recorded", cashable: false }, cash, { cashable: [false, true] }).status,
    ).toBe("awaiting_sign_off");
  });
});

describe("decisionRefusal", () => {
  const facts = {
    isFinanceLead: true,
    organisationName: "Northfield Trust",
    actorUserId: "fin",
    recordedBy: "leader",
    lastValuesChangedBy: "leader",
    cashable: true,
    status: "awaiting_sign_off" as const,
  };

  it("lets another finance lead decide a cashable benefit awaiting sign-off", () => {
    expect(decisionRefusal(facts)).toBeNull();
  });

  it("refuses everyone but the organisation's finance leads", () => {
    expect(decisionRefusal({ ...facts, isFinanceLead: false })).toEqual({
      status: 403,
      message: "Only a finance lead of Northfield Trust can sign off benefits",
    });
  });

  it("refuses the finance lead who recorded the benefit or last changed its figures", () => {
    expect(decisionRefusal({ ...facts, recordedBy: "fin" })?.message).toBe(
      "You recorded this benefit, so another finance lead must sign it off",
    );
    expect(decisionRefusal({ ...facts, lastValuesChangedBy: "fin" })?.status).toBe(403);
  });

  it("refuses non-cashable benefits and those not awaiting sign-off with 409", () => {
    expect(decisionRefusal({ ...facts, cashable: false })?.status).toBe(409);
    expect(decisionRefusal({ ...facts, status: "signed_off" })?.status).toBe(409);
    expect(decisionRefusal({ ...facts, status: "queried" })?.status).toBe(409);
  });
});
