import { describe, expect, it } from "vitest";
import {
  describeCharge,
  freeSetsUsed,
  priceBoxSetOrder,
  qualificationReason,
  qualifiesForFreeBoxSets,
} from "./box-sets.rules.js";

const unitPence = { executive: 45_00, team: 65_00 };
const none = { executive: 0, team: 0 };

describe("priceBoxSetOrder", () => {
  it("gives everything free within the entitlement", () => {
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: none,
      requested: { executive: 2, team: 4 },
      unitPence,
    });
    expect(price.executive).toEqual({ free: 2, charged: 0, unitPence: 45_00 });
    expect(price.team).toEqual({ free: 4, charged: 0, unitPence: 65_00 });
    expect(price.totalPence).toBe(0);
  });

  it("gives exactly the entitlement free with nothing charged", () => {
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: none,
      requested: { executive: 3, team: 5 },
      unitPence,
    });
    expect(price.executive.charged + price.team.charged).toBe(0);
    expect(price.totalPence).toBe(0);
  });

  it("prices the excess beyond the entitlement instead of refusing it", () => {
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: none,
      requested: { executive: 4, team: 7 },
      unitPence,
    });
    expect(price.executive).toEqual({ free: 3, charged: 1, unitPence: 45_00 });
    expect(price.team).toEqual({ free: 5, charged: 2, unitPence: 65_00 });
    expect(price.totalPence).toBe(45_00 + 2 * 65_00);
  });

  it("counts free sets earlier orders took", () => {
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: { executive: 3, team: 2 },
      requested: { executive: 1, team: 4 },
      unitPence,
    });
    expect(price.executive).toEqual({ free: 0, charged: 1, unitPence: 45_00 });
    expect(price.team).toEqual({ free: 3, charged: 1, unitPence: 65_00 });
    expect(price.totalPence).toBe(110_00);
  });

  it("charges a non-qualifying organisation for every set", () => {
    const price = priceBoxSetOrder({
      qualifies: false,
      alreadyFree: none,
      requested: { executive: 1, team: 2 },
      unitPence,
    });
    expect(price.executive.free + price.team.free).toBe(0);
    expect(price.totalPence).toBe(45_00 + 130_00);
  });

  it("prices nothing at nothing", () => {
    const price = priceBoxSetOrder({ qualifies: true, alreadyFree: none, requested: none, unitPence });
    expect(price).toEqual({
      executive: { free: 0, charged: 0, unitPence: 45_00 },
      team: { free: 0, charged: 0, unitPence: 65_00 },
      totalPence: 0,
    });
    expect(describeCharge(price, true)).toBe("");
  });

  it("never gives more free than FREE_BOX_SETS even if earlier orders over-used it", () => {
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: { executive: 9, team: 9 },
      requested: { executive: 1, team: 1 },
      unitPence,
    });
    expect(price.executive.free + price.team.free).toBe(0);
  });
});

describe("freeSetsUsed", () => {
  it("gives back the free sets of cancelled orders", () => {
    const orders = [
      { status: "dispatched", freeExecutiveCount: 2, freeTeamCount: 3 },
      { status: "cancelled", freeExecutiveCount: 1, freeTeamCount: 2 },
      { status: "ordered", freeExecutiveCount: 1, freeTeamCount: 0 },
    ];
    const used = freeSetsUsed(orders);
    expect(used).toEqual({ executive: 3, team: 3 });
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: used,
      requested: { executive: 1, team: 2 },
      unitPence,
    });
    expect(price.executive).toMatchObject({ free: 0, charged: 1 });
    expect(price.team).toMatchObject({ free: 2, charged: 0 });
  });
});

describe("qualification and words", () => {
  it("qualifies NHS trusts and ICBs only", () => {
    expect(qualifiesForFreeBoxSets("nhs_trust")).toBe(true);
    expect(qualifiesForFreeBoxSets("icb")).toBe(true);
    expect(qualifiesForFreeBoxSets("directorate")).toBe(false);
    expect(qualifiesForFreeBoxSets("non_nhs")).toBe(false);
    expect(qualificationReason("Northfield", "non_nhs")).toContain("every box set is charged");
  });

  it("says how many sets are charged and what they cost", () => {
    const price = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: none,
      requested: { executive: 0, team: 7 },
      unitPence,
    });
    expect(describeCharge(price, true)).toBe(
      "2 team box sets are beyond your free entitlement and cost £130.00 at cost price.",
    );
    const one = priceBoxSetOrder({
      qualifies: true,
      alreadyFree: { executive: 3, team: 5 },
      requested: { executive: 1, team: 1 },
      unitPence,
    });
    expect(describeCharge(one, true)).toBe(
      "1 executive box set and 1 team box set are beyond your free entitlement and cost £110.00 at cost price.",
    );
  });
});
