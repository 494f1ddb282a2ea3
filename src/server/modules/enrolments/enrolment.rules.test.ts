import { describe, expect, it } from "vitest";
import {
  accessExpiresAt,
  checkDeferralRequest,
  decideEnrolment,
  deferredWindow,
  type EnrolmentContext,
} from "./enrolment.rules.js";

const at = (iso: string) => new Date(iso);

// Times are written with their UK offsets: access ends at the same UK clock time it began, across GMT and BST.
describe("access windows", () => {
  it.each([
    ["introductory", "2026-03-10T09:00:00+00:00", "2026-09-10T09:00:00+01:00"],
    ["accredited_introduction", "2026-01-15T12:30:00+00:00", "2026-07-15T12:30:00+01:00"],
    ["facilitator", "2026-01-15T12:30:00+00:00", "2026-10-15T12:30:00+01:00"],
    ["programme_manager", "2026-01-15T12:30:00+00:00", "2027-07-15T12:30:00+01:00"],
    ["module", "2026-11-24T08:00:00+00:00", "2027-05-24T08:00:00+01:00"],
  ] as const)("%s starting %s ends %s", (level, start, end) => {
    expect(accessExpiresAt(at(start), level).toISOString()).toBe(at(end).toISOString());
  });

  it.each([
    [
      "a month end into a shorter month",
      "practitioner",
      "2026-08-31T10:00:00+01:00",
      "2027-02-28T10:00:00+00:00",
    ],
    [
      "a month end into a leap February",
      "foundation",
      "2027-08-31T10:00:00+01:00",
      "2028-02-29T10:00:00+00:00",
    ],
    ["29 February onwards", "introductory", "2028-02-29T10:00:00+00:00", "2028-08-29T10:00:00+01:00"],
    [
      "29 February over 18 months",
      "programme_manager",
      "2028-02-29T10:00:00+00:00",
      "2029-08-29T10:00:00+01:00",
    ],
    ["31 May over 9 months", "facilitator", "2027-05-31T10:00:00+01:00", "2028-02-29T10:00:00+00:00"],
    [
      "31 May over 9 months in a common year",
      "facilitator",
      "2026-05-31T10:00:00+01:00",
      "2027-02-28T10:00:00+00:00",
    ],
    ["the clocks going forward", "practitioner", "2026-09-29T09:00:00+01:00", "2027-03-29T09:00:00+01:00"],
  ] as const)("handles %s", (_label, level, start, end) => {
    expect(accessExpiresAt(at(start), level).toISOString()).toBe(at(end).toISOString());
  });
});

describe("deferral", () => {
  const start = at("2026-02-01T09:00:00Z");

  it("is open for the first four weeks of a Practitioner, Facilitator or Programme Manager course", () => {
    for (const level of ["practitioner", "facilitator", "programme_manager"] as const) {
      const check = checkDeferralRequest(level, start, at("2026-02-28T23:59:59Z"));
      expect(check).toEqual({ allowed: true, deadline: at("2026-03-01T09:00:00Z") });
    }
  });

  it("closes exactly four weeks after the start, with a reason the learner can act on", () => {
    const check = checkDeferralRequest("practitioner", start, at("2026-03-01T09:00:00Z"));
    expect(check).toMatchObject({ allowed: false, code: "deferral_window_closed" });
    if (!check.allowed) expect(check.message).toContain("first 4 weeks");
  });

  it("spans the leap day in a leap year", () => {
    const check = checkDeferralRequest("facilitator", at("2028-02-10T09:00:00Z"), at("2028-03-08T08:59:59Z"));
    expect(check).toEqual({ allowed: true, deadline: at("2028-03-09T09:00:00Z") });
  });

  it.each(["introductory", "accredited_introduction", "foundation", "module"] as const)(
    "is not offered on %s",
    (level) => {
      expect(checkDeferralRequest(level, start, start)).toMatchObject({
        allowed: false,
        code: "level_not_deferrable",
      });
    },
  );

  it("restarts the whole access window from the new start date", () => {
    expect(deferredWindow("programme_manager", at("2026-09-01T00:00:00+01:00"))).toEqual({
      startsAt: at("2026-09-01T00:00:00+01:00"),
      expiresAt: at("2028-03-01T00:00:00+00:00"),
    });
  });
});

describe("enrolment decision", () => {
  const base: EnrolmentContext = {
    level: "introductory",
    listPriceExVatPence: 4_500,
    sector: "nhs_england",
    emailVerified: true,
    hasAdminGrant: false,
    licenceSeatAvailable: false,
    declarationGiven: false,
  };

  it("lets NHS England staff with a confirmed email take Introductory free", () => {
    expect(decideEnrolment(base)).toEqual({ allowed: true, via: "free", priceExVatPence: 0 });
  });

  it("needs a confirmed email address first, whatever the entitlement", () => {
    expect(decideEnrolment({ ...base, emailVerified: false, hasAdminGrant: true })).toMatchObject({
      allowed: false,
      error: "not_eligible",
    });
  });

  it.each(["nhs_outside_england", "non_nhs", "student", "independent"] as const)(
    "tells a %s learner what Introductory costs them and what to do",
    (sector) => {
      const decision = decideEnrolment({ ...base, sector });
      expect(decision).toMatchObject({ allowed: false, error: "payment_required" });
      if (!decision.allowed) {
        expect(decision.message).toBe(
          "Introductory is free for NHS England staff. For your sector it costs £45 (£54 including VAT). Ask your organisation for a seat on its licence, or contact the support team to arrange payment.",
        );
      }
    },
  );

  it("accepts a grant from an administrator, then a licence seat, for a paid course", () => {
    const paid = { ...base, level: "programme_manager" as const, listPriceExVatPence: 59_500 };
    expect(decideEnrolment(paid)).toMatchObject({
      allowed: false,
      error: "payment_required",
      message: expect.stringContaining("£595 (£714 including VAT)"),
    });
    expect(decideEnrolment({ ...paid, hasAdminGrant: true })).toEqual({
      allowed: true,
      via: "grant",
      priceExVatPence: 59_500,
    });
    expect(decideEnrolment({ ...paid, licenceSeatAvailable: true })).toEqual({
      allowed: true,
      via: "licence",
      priceExVatPence: 59_500,
    });
  });

  it("asks for the declaration of involvement on Accredited Introduction", () => {
    const ai = {
      ...base,
      level: "accredited_introduction" as const,
      listPriceExVatPence: 1_500,
      hasAdminGrant: true,
    };
    expect(decideEnrolment(ai)).toMatchObject({ allowed: false, error: "declaration_required" });
    expect(decideEnrolment({ ...ai, declarationGiven: true })).toMatchObject({ allowed: true, via: "grant" });
  });
});
