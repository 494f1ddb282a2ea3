import { writeFileSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benefits } from "../../src/server/db/schema/index.js";
import { auditFor, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  houseOf,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { pdfPlainText } from "../support/pdf-text.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};

function get(url: string, who: string | null) {
  return ctx.app.inject({ method: "GET", url, ...(who ? { headers: { cookie: cookies[who] ?? "" } } : {}) });
}

const query = () => `organisationId=${cast.organisationId}&programmeId=${cast.programmeId}`;

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  const people = {
    lead: cast.programmeLead,
    executive: cast.executive,
    finance: cast.financeLead,
    leaderA: cast.teamLeaderA,
    leaderB: cast.teamLeaderB,
    colleague: cast.colleague,
    other: cast.otherLead,
    admin: cast.admin,
  };
  for (const [name, user] of Object.entries(people)) cookies[name] = await signIn(ctx, user);
  const house = await houseOf(ctx, cast.programmeId);
  const wowe = house.find((m) => m.title === "Well Organised Working Environment");
  const [value, , staff] = [
    cast.registration.areaIds[3],
    cast.registration.areaIds[1],
    cast.registration.areaIds[2],
  ];
  await ctx.database.db.insert(benefits).values([
    {
      registrationId: cast.registration.id,
      teamId: cast.teamA.id,
      houseModuleId: wowe?.id,
      areaId: value ?? "",
      title: "Stock reduction in the clinic store",
      cashable: true,
      cashCategory: "stock",
      cashOrder: "first",
      method: "Stock count before and after, valued at cost price",
      status: "signed_off",
      baselinePence: 400_000,
      forecastPence: 300_000,
      realisedPence: 310_000,
      baselineOn: "2026-01-05",
      forecastOn: "2026-02-28",
      realisedOn: "2026-03-15",
      signedOffBy: cast.financeLead.id,
      signedOffAt: new Date("2026-03-20T10:00:00Z"),
    },
    {
      registrationId: cast.registration.id,
      teamId: cast.teamB.id,
      areaId: value ?? "",
      title: '=HYPERLINK("http://example.com")',
      cashable: true,
      cashCategory: "revenue_spend",
      cashOrder: "second",
      status: "awaiting_sign_off",
      forecastPence: 2_000_050,
      forecastOn: "2026-04-30",
    },
    {
      registrationId: cast.registration.id,
      teamId: cast.teamB.id,
      areaId: staff ?? "",
      title: "Team morale",
      cashable: false,
      status: "recorded",
      unit: "% agreeing",
      baselineValue: 40,
      realisedValue: 77,
    },
  ]);
});

afterAll(async () => {
  await ctx.close();
});

describe("GET /api/benefits/summary.csv", () => {
  it("sends one row per benefit with the team, module, area, order, category, status, £ values, dates and sign-off; audited", async () => {
    const response = await get(`/api/benefits/summary.csv?${query()}`, "finance");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toMatch(
      /^attachment; filename="benefits-summary-trust-[a-z0-9-]+-productive-community-services-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(response.headers["cache-control"]).toBe("private, no-store");
    const body = response.body;
    expect(body.startsWith("\uFEFF")).toBe(true);
    const lines = body.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(
      "Team,Module,Area,Benefit,Cashable,Order,Category,Status,Baseline (£),Forecast (£),Realised (£),Baseline date,Forecast date,Realised date,Signed off by,Signed off at,Method of calculation",
    );
    expect(lines).toHaveLength(4);
    const stock = lines.find((l) => l.includes("Stock reduction"));
    expect(stock).toBe(
      `${cast.teamA.name},Well Organised Working Environment,Value and efficiency,Stock reduction in the clinic store,Yes,First-order,Stock,Signed off,4000.00,3000.00,3100.00,2026-01-05,2026-02-28,2026-03-15,Finance Morgan,2026-03-20T10:00:00Z,"Stock count before and after, valued at cost price"`,
    );
    // A title that looks like a formula is neutralised.
    expect(body).toContain(`"'=HYPERLINK(""http://example.com"")"`);
    expect(body).toContain("20000.50");
    expect(lines.find((l) => l.includes("Team morale"))).toContain(",No,,,Recorded,,,,");
    const [audit] = await auditFor(ctx, "benefits.summary_exported");
    expect(audit?.actorUserId).toBe(cast.financeLead.id);
    expect(audit?.subjectId).toBe(cast.registration.id);
    expect(audit?.details).toMatchObject({ format: "csv", scope: "organisation", teams: 2, benefits: 3 });
  });

  it("gives a team leader their own team's rows only", async () => {
    const response = await get(`/api/benefits/summary.csv?${query()}`, "leaderA");
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain("Stock reduction");
    expect(response.body).not.toContain("Team morale");
    expect((await auditFor(ctx, "benefits.summary_exported"))[0]?.details).toMatchObject({
      scope: "teams",
      teams: 1,
    });
  });
});

describe("GET /api/benefits/summary.xlsx", () => {
  it("sends a workbook with a Summary sheet of the totals tables and a Benefits sheet; audited", async () => {
    const response = await get(`/api/benefits/summary.xlsx?registrationId=${cast.registration.id}`, "lead");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer); // a Node Buffer, which ExcelJS reads
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Summary", "Benefits"]);
    const summary = workbook.getWorksheet("Summary");
    const cells: unknown[][] = [];
    summary?.eachRow((row) => {
      cells.push((row.values as unknown[]).slice(1));
    });
    expect(cells[0]?.[0]).toBe("Benefits summary: Productive Community Services");
    const total = cells.find((r) => r[0] === "Total");
    expect(total?.slice(1, 4)).toEqual([23_000.5, 3_100, 20_000.5]);
    expect(
      cells.some((r) => String(r[0]).includes("national potential for Productive Community Services")),
    ).toBe(true);
    expect(cells.some((r) => r[0] === cast.teamA.name && r[2] === 3_100)).toBe(true);
    expect(cells.some((r) => r[0] === "March 2026" && r[2] === 3_100)).toBe(true);
    const list = workbook.getWorksheet("Benefits");
    expect(list?.rowCount).toBe(4);
    expect(list?.getRow(1).getCell(1).value).toBe("Team");
    const stockRow = [2, 3, 4]
      .map((n) => list?.getRow(n))
      .find((r) => String(r?.getCell(4).value).startsWith("Stock"));
    expect(stockRow?.getCell(11).value).toBe(3_100);
    expect(stockRow?.getCell(11).numFmt).toBe('"£"#,##0.00');
    expect((await auditFor(ctx, "benefits.summary_exported"))[0]?.details).toMatchObject({ format: "xlsx" });
  });
});

describe("GET /api/benefits/summary.pdf", () => {
  it("sends an A4 PDF with the title block, headline figures, national comparison and tables; audited", async () => {
    const response = await get(`/api/benefits/summary.pdf?${query()}`, "executive");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const bytes = new Uint8Array(response.rawPayload);
    if (process.env.SUMMARY_EXPORT_PDF_OUT) writeFileSync(process.env.SUMMARY_EXPORT_PDF_OUT, bytes);
    const text = await pdfPlainText(bytes);
    for (const expected of [
      "Benefits summary",
      "Productive Community Services",
      "£3,100",
      "£23,000.50",
      "0.0007% of the £447,000,000 national potential",
      cast.teamA.name,
      "Page 1 of",
    ]) {
      expect(text, expected).toContain(expected);
    }
    expect((await auditFor(ctx, "benefits.summary_exported"))[0]?.details).toMatchObject({ format: "pdf" });
  });
});

describe("summary exports: who may download them", () => {
  it("refuses without writing an audit record: 401 signed out, 404 no role or another organisation, 403 another team", async () => {
    const before = await tableCounts(ctx);
    for (const format of ["csv", "xlsx", "pdf"]) {
      const url = `/api/benefits/summary.${format}?${query()}`;
      expect((await get(url, null)).statusCode).toBe(401);
      expect((await get(url, "colleague")).statusCode).toBe(404);
      expect((await get(url, "other")).statusCode).toBe(404);
      expect((await get(`${url}&teamId=${cast.teamA.id}`, "leaderB")).statusCode).toBe(403);
      expect((await get(`/api/benefits/summary.${format}`, "lead")).statusCode).toBe(400);
    }
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it("lets an administrator download it, audited as them", async () => {
    const response = await get(`/api/benefits/summary.csv?${query()}`, "admin");
    expect(response.statusCode).toBe(200);
    expect((await auditFor(ctx, "benefits.summary_exported"))[0]?.actorUserId).toBe(cast.admin.id);
  });
});
