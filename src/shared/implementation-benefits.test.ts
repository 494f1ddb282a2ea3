import { describe, expect, it } from "vitest";
import {
  BenefitAreasUpdateSchema,
  BenefitDecisionSchema,
  formatPence,
  parsePounds,
} from "./implementation-benefits.js";

describe("parsePounds", () => {
  it.each([
    ["£3,000.50", 300050],
    ["3000", 300000],
    ["  £ 3000.5 ", 300050],
    ["12.05", 1205],
    ["0", 0],
    ["£1,000,000,000", 100000000000],
    ["1,234,567.89", 123456789],
  ])("reads %s as %i pence", (text, pence) => {
    expect(parsePounds(text)).toBe(pence);
  });

  it.each(["", "£", "-5", "£-5", "3,00", "12.345", "abc", "1,2345", "3 000", "£3k", "1e6"])(
    "refuses %j",
    (text) => {
      expect(parsePounds(text)).toBeNull();
    },
  );
});

describe("formatPence", () => {
  it("writes pounds with commas and two decimal places", () => {
    expect(formatPence(300050)).toBe("£3,000.50");
    expect(formatPence(5)).toBe("£0.05");
    expect(formatPence(0)).toBe("£0.00");
    expect(formatPence(120000000000)).toBe("£1,200,000,000.00");
  });

  it("drops the pence of whole pounds when asked", () => {
    expect(formatPence(100000000000, { wholePounds: true })).toBe("£1,000,000,000");
    expect(formatPence(123, { wholePounds: true })).toBe("£1.23");
  });

  it("round-trips with parsePounds", () => {
    for (const pence of [0, 1, 99, 100, 123456, 100000000000]) {
      expect(parsePounds(formatPence(pence))).toBe(pence);
    }
  });
});

describe("BenefitDecisionSchema", () => {
  it("needs a comment to query or reject, not to sign off", () => {
    expect(BenefitDecisionSchema.safeParse({ decision: "signed_off" }).success).toBe(true);
    expect(BenefitDecisionSchema.safeParse({ decision: "queried", comment: " " }).success).toBe(false);
    expect(BenefitDecisionSchema.safeParse({ decision: "rejected", comment: "Not ours" }).success).toBe(true);
  });
});

describe("BenefitAreasUpdateSchema", () => {
  it("takes 1 to 8 areas with different names", () => {
    expect(BenefitAreasUpdateSchema.safeParse({ areas: [] }).success).toBe(false);
    expect(
      BenefitAreasUpdateSchema.safeParse({ areas: Array.from({ length: 9 }, (_, i) => ({ label: `A${i}` })) })
        .success,
    ).toBe(false);
    const dup = BenefitAreasUpdateSchema.safeParse({ areas: [{ label: "Safety" }, { label: "safety " }] });
    expect(dup.success).toBe(false);
    expect(BenefitAreasUpdateSchema.safeParse({ areas: [{ label: "x".repeat(81) }] }).success).toBe(false);
    expect(BenefitAreasUpdateSchema.safeParse({ areas: [{ label: "Safety" }] }).success).toBe(true);
  });
});
