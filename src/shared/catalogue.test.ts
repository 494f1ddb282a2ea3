import { describe, expect, it } from "vitest";
import {
  formatPence,
  formatPrice,
  priceForSector,
  recommendLevel,
  STARTING_POINTS,
  vatOn,
  withVat,
} from "./catalogue.js";

describe("VAT and money", () => {
  it.each([
    [1_500, 300, 1_800],
    [59_500, 11_900, 71_400],
    [1, 0, 1],
    [3, 1, 4],
    [999, 200, 1_199],
    [0, 0, 0],
  ])("%i pence has %i pence VAT, %i with VAT", (ex, vat, total) => {
    expect(vatOn(ex)).toBe(vat);
    expect(withVat(ex)).toBe(total);
  });

  it("writes prices the way the style guide does", () => {
    expect(formatPrice(59_500)).toBe("£595 (£714 including VAT)");
    expect(formatPrice(1_500)).toBe("£15 (£18 including VAT)");
    expect(formatPrice(1_250)).toBe("£12.50 (£15 including VAT)");
    expect(formatPrice(0)).toBe("Free");
    expect(formatPence(138_001_830_000)).toBe("£1,380,018,300");
    expect(formatPence(-305)).toBe("-£3.05");
  });

  it("makes Introductory free to NHS England staff only", () => {
    expect(priceForSector("introductory", 4_500, "nhs_england")).toBe(0);
    expect(priceForSector("introductory", 4_500, "non_nhs")).toBe(4_500);
    expect(priceForSector("foundation", 9_500, "nhs_england")).toBe(9_500);
  });
});

describe("Where should I start?", () => {
  it("recommends the level that fits each answer (domain.md)", () => {
    expect(recommendLevel("new")).toBe("introductory");
    expect(recommendLevel("used_tools")).toBe("accredited_introduction");
    expect(recommendLevel("involved")).toBe("foundation");
    expect(recommendLevel("proactive")).toBe("practitioner");
    expect(recommendLevel("coached")).toBe("facilitator");
    expect(recommendLevel("strategic")).toBe("programme_manager");
    expect(new Set(STARTING_POINTS.map((p) => p.level)).size).toBe(STARTING_POINTS.length);
  });
});
