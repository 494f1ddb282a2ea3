import { writeFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { extractPdfText, pdfPlainText } from "../../../../tests/support/pdf-text.js";
import { type BenefitForRollup, groupBenefits, rollUpBenefits } from "../../../shared/benefits-rollup.js";
import { type BenefitsSummary, BenefitsSummarySchema } from "../../../shared/implementation-summary.js";
import { nationalComparison } from "./benefits-summary.service.js";
import { compactPounds, niceScale, renderSummaryPdf } from "./summary-pdf.js";

const AREAS = [
  { id: "7d9f1a52-0000-4000-8000-000000000001", label: "Safety and quality", position: 1 },
  { id: "7d9f1a52-0000-4000-8000-000000000002", label: "Patient experience", position: 2 },
  { id: "7d9f1a52-0000-4000-8000-000000000003", label: "Staff experience", position: 3 },
  { id: "7d9f1a52-0000-4000-8000-000000000004", label: "Value and efficiency", position: 4 },
];
const MODULE = {
  id: "7d9f1a52-0000-4000-8000-0000000000a1",
  title: "Well Organised Working Environment",
  position: 6,
};

/** A trust with `teamCount` teams, a year of benefits each, the first realised £3,100 of stock. */
function sampleSummary(teamCount: number, organisationType = "nhs_trust"): BenefitsSummary {
  const teams = Array.from({ length: teamCount }, (_, i) => ({
    id: `7d9f1a52-0000-4000-8000-${String(100_000_000_000 + i)}`,
    name: i === 0 ? "Northfield district nursing" : `Community team ${i + 1} — Siân's patch`,
  }));
  const list: BenefitForRollup[] = [
    {
      teamId: teams[0]?.id ?? "",
      houseModuleId: MODULE.id,
      areaId: AREAS[3]?.id ?? "",
      cashable: true,
      cashOrder: "first",
      status: "signed_off",
      forecastPence: 300_000,
      realisedPence: 310_000,
      forecastOn: "2026-02-28",
      realisedOn: "2026-03-15",
    },
  ];
  teams.forEach((team, t) => {
    for (let m = 0; m < 12; m += 1) {
      list.push({
        teamId: team.id,
        houseModuleId: m % 2 === 0 ? MODULE.id : null,
        areaId: AREAS[m % 4]?.id ?? "",
        cashable: m % 4 !== 1,
        cashOrder: m % 4 === 1 ? null : m % 3 === 0 ? "second" : "first",
        status:
          m % 4 === 1
            ? "recorded"
            : ((["signed_off", "awaiting_sign_off", "queried"] as const)[(m + t) % 3] ?? "recorded"),
        forecastPence: 120_000 + m * 10_000,
        realisedPence: 100_000 + m * 9_000,
        forecastOn: `2026-${String(m + 1).padStart(2, "0")}-20`,
        realisedOn: `2026-${String(Math.min(12, m + 2)).padStart(2, "0")}-10`,
      });
    }
  });
  const figures = rollUpBenefits(groupBenefits(list), { areas: AREAS, teams, modules: [MODULE] });
  return BenefitsSummarySchema.parse({
    registrationId: "7d9f1a52-0000-4000-8000-0000000000f1",
    organisation: {
      id: "7d9f1a52-0000-4000-8000-0000000000f2",
      name: "Northshire Community Health NHS Trust",
      type: organisationType,
    },
    programme: { id: "7d9f1a52-0000-4000-8000-0000000000f3", title: "Productive Community Services" },
    scope: "organisation",
    teamIds: teams.map((t) => t.id),
    version: 7,
    national: nationalComparison(organisationType, 44_700_000_000, figures.totals.total),
    ...figures,
  });
}

describe("the benefits summary PDF", () => {
  it("prints the title block, headline figures, national comparison, chart labels, tables and page numbers", async () => {
    const summary = sampleSummary(3);
    const bytes = await renderSummaryPdf(summary, { generatedOn: "2026-11-25" });
    if (process.env.SUMMARY_PDF_OUT) writeFileSync(process.env.SUMMARY_PDF_OUT, bytes);
    const doc = await PDFDocument.load(bytes);
    const first = doc.getPage(0);
    expect(Math.round(first.getWidth())).toBe(595);
    expect(Math.round(first.getHeight())).toBe(842);
    expect(doc.getTitle()).toBe(
      "Benefits summary: Northshire Community Health NHS Trust, Productive Community Services",
    );
    const pages = await extractPdfText(bytes);
    const text = await pdfPlainText(bytes);
    for (const expected of [
      "Benefits summary",
      "Productive Community Services",
      "Northshire Community Health NHS Trust",
      "prepared 25 November 2026",
      "Realised first-order",
      "Realised second-order",
      "Not yet signed off",
      "national potential for Productive Community Services",
      "Forecast against realised, by month",
      "Cumulative £",
      "Jan 2026",
      "Dec 2026",
      "Forecast to date (dashed, squares)",
      "Realised to date, signed off (solid, circles)",
      "By benefit area and order",
      "Value and efficiency",
      "First-order",
      "By team",
      "Northfield district nursing",
      "Community team 2 — Siân's patch",
      "All teams",
      "By module",
      "Well Organised Working Environment",
      `Page 1 of ${pages.length}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    const realisedFirst = summary.totals.first.realisedPence;
    expect(text).toContain(`£${(realisedFirst / 100).toLocaleString("en-GB")}`);
  });

  it("runs onto more pages for 300 teams, numbering each, and says so when nothing is dated", async () => {
    const bytes = await renderSummaryPdf(sampleSummary(300), { generatedOn: "2026-11-25" });
    const pages = await extractPdfText(bytes);
    expect(pages.length).toBeGreaterThan(5);
    expect(await pdfPlainText(bytes)).toContain(`Page ${pages.length} of ${pages.length}`);

    const empty = sampleSummary(1, "non_nhs");
    const bare = { ...empty, byMonth: [], national: null };
    const text = await pdfPlainText(await renderSummaryPdf(bare, { generatedOn: "2026-11-25" }));
    expect(text).toContain("nothing to chart");
    expect(text).not.toContain("national potential");
  });

  it("scales the axis in round steps and labels pounds briefly", () => {
    expect(niceScale(2_350_000)).toEqual({ step: 500_000, top: 2_500_000 });
    expect(niceScale(0)).toEqual({ step: 100, top: 100 });
    expect(compactPounds(2_500_000)).toBe("£25k");
    expect(compactPounds(150_000_000)).toBe("£1.5m");
    expect(compactPounds(80_000)).toBe("£800");
  });
});
