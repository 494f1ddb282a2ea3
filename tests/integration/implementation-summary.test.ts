import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  benefitAreas,
  benefitEvidence,
  benefits,
  houseModules,
  implementationTeams,
  programmeRegistrations,
  storedFiles,
} from "../../src/server/db/schema/index.js";
import type { BenefitsSummary } from "../../src/shared/implementation-summary.js";
import { buildOrganisation, buildUser, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  buildRegistration,
  buildTeam,
  houseOf,
  type ImplementationCast,
  programmeBySlug,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};
let moduleIds: string[] = [];
/** Areas of the cast's registration: safety and quality, patient experience, staff experience, value and efficiency. */
let areas: string[] = [];

type BenefitInsert = typeof benefits.$inferInsert;

/** A benefit straight in the database (the benefits API is another part's); cashable first-order signed off unless told. */
async function insertBenefit(
  overrides: Partial<BenefitInsert> & { registrationId: string; teamId: string; areaId: string },
) {
  const cashable = overrides.cashable ?? true;
  const [row] = await ctx.database.db
    .insert(benefits)
    .values({
      title: "Stock reduction",
      cashable,
      cashCategory: cashable ? "stock" : null,
      cashOrder: cashable ? "first" : null,
      status: cashable ? "signed_off" : "recorded",
      ...overrides,
    })
    .returning({ id: benefits.id });
  if (!row) throw new Error("no benefit");
  return row.id;
}

function get(url: string, who: string | null) {
  return ctx.app.inject({ method: "GET", url, ...(who ? { headers: { cookie: cookies[who] ?? "" } } : {}) });
}

async function summaryOf(query: string, who = "lead"): Promise<BenefitsSummary> {
  const response = await get(`/api/benefits/summary?${query}`, who);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as BenefitsSummary;
}

const byOrg = () => `organisationId=${cast.organisationId}&programmeId=${cast.programmeId}`;

async function versionOf(registrationId: string): Promise<number> {
  const [row] = await ctx.database.db
    .select({ v: programmeRegistrations.benefitsVersion })
    .from(programmeRegistrations)
    .where(eq(programmeRegistrations.id, registrationId));
  return row?.v ?? -1;
}

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
  moduleIds = (await houseOf(ctx, cast.programmeId)).map((m) => m.id);
  areas = cast.registration.areaIds;
  const reg = cast.registration.id;
  const value = areas[3] ?? "";
  const staff = areas[2] ?? "";
  // Team A: £3,100 realised first-order (forecast £3,000), and £20,000 second-order awaiting sign-off.
  await insertBenefit({
    registrationId: reg,
    teamId: cast.teamA.id,
    areaId: value,
    houseModuleId: moduleIds[5],
    forecastPence: 300_000,
    realisedPence: 310_000,
    forecastOn: "2026-02-28",
    realisedOn: "2026-03-15",
    signedOffBy: cast.financeLead.id,
    signedOffAt: new Date("2026-03-20T10:00:00Z"),
  });
  await insertBenefit({
    registrationId: reg,
    teamId: cast.teamA.id,
    areaId: value,
    title: "Fewer agency shifts",
    cashCategory: "revenue_spend",
    cashOrder: "second",
    status: "awaiting_sign_off",
    forecastPence: 2_000_000,
    forecastOn: "2026-04-30",
  });
  // Team B: £500 forecast queried (realised £400 claimed), a rejected £9,999.99 and a non-cashable morale benefit.
  await insertBenefit({
    registrationId: reg,
    teamId: cast.teamB.id,
    areaId: value,
    title: "Dressings",
    cashCategory: "consumables",
    status: "queried",
    forecastPence: 50_000,
    realisedPence: 40_000,
    forecastOn: "2026-01-10",
    realisedOn: "2026-02-01",
  });
  await insertBenefit({
    registrationId: reg,
    teamId: cast.teamB.id,
    areaId: value,
    title: "Sell a van",
    cashCategory: "assets",
    cashOrder: "second",
    status: "rejected",
    forecastPence: 999_999,
    forecastOn: "2026-03-01",
  });
  await insertBenefit({
    registrationId: reg,
    teamId: cast.teamB.id,
    areaId: staff,
    title: "Team morale",
    cashable: false,
  });
  // Another organisation's benefit must never show.
  await insertBenefit({
    registrationId: cast.otherRegistration.id,
    teamId: cast.otherTeam.id,
    areaId: cast.otherRegistration.areaIds[3] ?? "",
    forecastPence: 123_456_789,
    realisedPence: 123_456_789,
  });
});

afterAll(async () => {
  await ctx.close();
});

describe("GET /api/benefits/summary", () => {
  it("rolls up the organisation for the programme lead: realised signed off only, forecast not rejected, awaiting apart", async () => {
    const s = await summaryOf(byOrg());
    expect(s.scope).toBe("organisation");
    expect(s.registrationId).toBe(cast.registration.id);
    expect(s.teamIds).toEqual([cast.teamA.id, cast.teamB.id].sort());
    expect(s.totals.first).toEqual({
      forecastPence: 350_000,
      realisedPence: 310_000,
      notYetSignedOffPence: 40_000,
    });
    expect(s.totals.second).toEqual({
      forecastPence: 2_000_000,
      realisedPence: 0,
      notYetSignedOffPence: 2_000_000,
    });
    expect(s.totals.total).toEqual({
      forecastPence: 2_350_000,
      realisedPence: 310_000,
      notYetSignedOffPence: 2_040_000,
    });
    expect(s.counts).toMatchObject({ benefits: 5, cashable: 4, nonCashable: 1 });
    expect(s.counts.byStatus).toEqual({
      recorded: 1,
      awaiting_sign_off: 1,
      queried: 1,
      signed_off: 1,
      rejected: 1,
    });
    expect(s.byArea.map((a) => a.label)).toEqual([
      "Safety and quality",
      "Patient experience",
      "Staff experience",
      "Value and efficiency",
    ]);
    const staff = s.byArea[2];
    expect(staff?.counts).toEqual({ benefits: 1, cashable: 0, nonCashable: 1 });
    expect(staff?.total.forecastPence).toBe(0);
    const teamA = s.byTeam.find((t) => t.teamId === cast.teamA.id);
    expect(teamA?.total.realisedPence).toBe(310_000);
    expect(s.byModule.find((m) => m.houseModuleId === moduleIds[5])?.first.realisedPence).toBe(310_000);
    expect(s.byModule.find((m) => m.houseModuleId === null)?.counts.benefits).toBe(4);
    expect(s.byMonth.map((m) => m.month)).toEqual(["2026-01", "2026-02", "2026-03", "2026-04"]);
    expect(s.byMonth.map((m) => m.realisedPence)).toEqual([0, 0, 310_000, 0]);
    expect(s.byMonth.at(-1)).toMatchObject({
      cumulativeForecastPence: 2_350_000,
      cumulativeRealisedPence: 310_000,
    });
    expect(s.organisation.id).toBe(cast.organisationId);
    expect(s.programme.title).toBe("Productive Community Services");
    expect(s.national).toEqual({
      potentialPence: 44_700_000_000,
      realisedPence: 310_000,
      forecastPence: 2_350_000,
      realisedShare: 310_000 / 44_700_000_000,
      forecastShare: 2_350_000 / 44_700_000_000,
    });
  });

  it("answers the same by registration id", async () => {
    const a = await summaryOf(byOrg());
    const b = await summaryOf(`registrationId=${cast.registration.id}`);
    expect(b).toEqual(a);
  });

  it("shows the executive, the finance lead and an administrator the whole organisation", async () => {
    for (const who of ["executive", "finance", "admin"]) {
      const s = await summaryOf(byOrg(), who);
      expect(s.scope).toBe("organisation");
      expect(s.totals.total.realisedPence).toBe(310_000);
    }
  });

  it("shows a team leader their own team only", async () => {
    const s = await summaryOf(byOrg(), "leaderB");
    expect(s.scope).toBe("teams");
    expect(s.teamIds).toEqual([cast.teamB.id]);
    expect(s.byTeam.map((t) => t.name)).toEqual([cast.teamB.name]);
    expect(s.totals.total).toEqual({ forecastPence: 50_000, realisedPence: 0, notYetSignedOffPence: 40_000 });
    expect(s.counts.benefits).toBe(3);
    const own = await summaryOf(`${byOrg()}&teamId=${cast.teamB.id}`, "leaderB");
    expect(own.scope).toBe("team");
    expect(own.totals).toEqual(s.totals);
  });

  it("narrows to one team for someone who sees them all", async () => {
    const s = await summaryOf(`${byOrg()}&teamId=${cast.teamA.id}`, "finance");
    expect(s.scope).toBe("team");
    expect(s.teamIds).toEqual([cast.teamA.id]);
    expect(s.totals.total.forecastPence).toBe(2_300_000);
  });

  it("refuses another team to a team leader (403), and a team of another registration (404)", async () => {
    const other = await get(`/api/benefits/summary?${byOrg()}&teamId=${cast.teamA.id}`, "leaderB");
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toMatch(/teams you lead/);
    const elsewhere = await get(`/api/benefits/summary?${byOrg()}&teamId=${cast.otherTeam.id}`, "lead");
    expect(elsewhere.statusCode).toBe(404);
  });

  it("hides the registration from a colleague with no role and from another organisation's lead (404)", async () => {
    for (const who of ["colleague", "other"]) {
      const response = await get(`/api/benefits/summary?${byOrg()}`, who);
      expect(response.statusCode, who).toBe(404);
      expect(JSON.stringify(response.json())).not.toContain("310000");
    }
    const byId = await get(`/api/benefits/summary?registrationId=${cast.registration.id}`, "other");
    expect(byId.statusCode).toBe(404);
  });

  it("asks to sign in (401) and checks the query (400), writing nothing", async () => {
    const before = await tableCounts(ctx);
    expect((await get(`/api/benefits/summary?${byOrg()}`, null)).statusCode).toBe(401);
    const none = await get("/api/benefits/summary", "lead");
    expect(none.statusCode).toBe(400);
    expect(none.json().message).toMatch(/registrationId, or both the organisationId and the programmeId/);
    const half = await get(`/api/benefits/summary?organisationId=${cast.organisationId}`, "lead");
    expect(half.statusCode).toBe(400);
    const bad = await get("/api/benefits/summary?registrationId=not-a-uuid", "lead");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details?.[0]?.field).toBe("registrationId");
    const unknown = await get(`/api/benefits/summary?registrationId=${crypto.randomUUID()}`, "lead");
    expect(unknown.statusCode).toBe(404);
    const notRegistered = await get(
      `/api/benefits/summary?organisationId=${cast.organisationId}&programmeId=${await programmeBySlug(ctx, "productive-ward")}`,
      "lead",
    );
    expect(notRegistered.statusCode).toBe(404);
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it("gives no national comparison outside NHS England or where the programme publishes no potential", async () => {
    const lead = await buildUser(ctx);
    const charity = await buildOrganisation(ctx, { type: "non_nhs", name: "Community Care Charity" });
    const reg = await buildRegistration(ctx, {
      organisationId: charity,
      people: [{ userId: lead.id, role: "programme_lead" }],
    });
    const team = await buildTeam(ctx, reg.id);
    await insertBenefit({
      registrationId: reg.id,
      teamId: team.id,
      areaId: reg.areaIds[0] ?? "",
      forecastPence: 100,
      realisedPence: 100,
    });
    cookies.charity = await signIn(ctx, lead);
    expect((await summaryOf(`registrationId=${reg.id}`, "charity")).national).toBeNull();

    const icb = await buildOrganisation(ctx, { type: "icb", name: "North ICB" });
    const noPotential = await buildRegistration(ctx, {
      organisationId: icb,
      programmeId: await programmeBySlug(ctx, "productive-community-hospital"),
      people: [{ userId: lead.id, role: "programme_lead" }],
    });
    expect((await summaryOf(`registrationId=${noPotential.id}`, "charity")).national).toBeNull();
    const icbOnPcs = await buildRegistration(ctx, {
      organisationId: icb,
      people: [{ userId: lead.id, role: "programme_lead" }],
    });
    expect((await summaryOf(`registrationId=${icbOnPcs.id}`, "charity")).national?.potentialPence).toBe(
      44_700_000_000,
    );
  });
});

describe("benefits_version: every kind of change moves it (migration 0016)", () => {
  it("moves on benefits, areas, evidence and teams, and on house module titles for every registration of the programme", async () => {
    const reg = await buildRegistration(ctx, {
      organisationId: await buildOrganisation(ctx, { type: "nhs_trust" }),
    });
    const team = await buildTeam(ctx, reg.id);
    const db = ctx.database.db;
    const moves = async (what: string, change: () => Promise<unknown>, registrationId = reg.id) => {
      const before = await versionOf(registrationId);
      await change();
      expect(await versionOf(registrationId), what).toBeGreaterThan(before);
    };
    let benefitId = "";
    await moves("benefit inserted", async () => {
      benefitId = await insertBenefit({
        registrationId: reg.id,
        teamId: team.id,
        areaId: reg.areaIds[0] ?? "",
      });
    });
    await moves("benefit updated", () =>
      db.update(benefits).set({ status: "queried" }).where(eq(benefits.id, benefitId)),
    );
    let fileId = "";
    await moves("evidence added", async () => {
      const [file] = await db
        .insert(storedFiles)
        .values({
          filename: "receipt.pdf",
          contentType: "application/pdf",
          sizeBytes: 3,
          sha256: "x",
          purpose: "benefit_evidence",
          content: Buffer.from("pdf"),
        })
        .returning({ id: storedFiles.id });
      fileId = file?.id ?? "";
      await db.insert(benefitEvidence).values({ benefitId, storedFileId: fileId });
    });
    await moves("evidence removed", () =>
      db.delete(benefitEvidence).where(eq(benefitEvidence.benefitId, benefitId)),
    );
    await moves("benefit deleted", () => db.delete(benefits).where(eq(benefits.id, benefitId)));
    let areaId = "";
    await moves("area added", async () => {
      const [area] = await db
        .insert(benefitAreas)
        .values({ registrationId: reg.id, label: "Sustainability", position: 5 })
        .returning({ id: benefitAreas.id });
      areaId = area?.id ?? "";
    });
    await moves("area renamed", () =>
      db.update(benefitAreas).set({ label: "Greener care" }).where(eq(benefitAreas.id, areaId)),
    );
    await moves("area removed", () => db.delete(benefitAreas).where(eq(benefitAreas.id, areaId)));
    await moves("team renamed", () =>
      db.update(implementationTeams).set({ name: "Renamed team" }).where(eq(implementationTeams.id, team.id)),
    );
    await moves("team added", () => buildTeam(ctx, reg.id));
    await moves("team removed", () =>
      db.delete(implementationTeams).where(eq(implementationTeams.id, team.id)),
    );

    const module = (await houseOf(ctx, cast.programmeId))[0];
    if (!module) throw new Error("no module");
    const otherBefore = await versionOf(cast.otherRegistration.id);
    await moves("module renamed", () =>
      db
        .update(houseModules)
        .set({ title: `${module.title} (revised)` })
        .where(eq(houseModules.id, module.id)),
    );
    expect(await versionOf(cast.otherRegistration.id)).toBeGreaterThan(otherBefore);
    const unchanged = await versionOf(reg.id);
    await db.update(houseModules).set({ summary: "A new summary" }).where(eq(houseModules.id, module.id));
    expect(await versionOf(reg.id), "a module's summary is not in the benefits summary").toBe(unchanged);
    await db.update(houseModules).set({ title: module.title }).where(eq(houseModules.id, module.id));
  });

  it("moves once for a bulk insert, and never for another registration", async () => {
    const reg = await buildRegistration(ctx, {
      organisationId: await buildOrganisation(ctx, { type: "nhs_trust" }),
    });
    const team = await buildTeam(ctx, reg.id);
    const before = await versionOf(reg.id);
    const castBefore = await versionOf(cast.registration.id);
    await ctx.database.db.insert(benefits).values(
      Array.from({ length: 50 }, (_, i) => ({
        registrationId: reg.id,
        teamId: team.id,
        areaId: reg.areaIds[i % 4] ?? "",
        title: `Benefit ${i}`,
        cashable: false,
        status: "recorded" as const,
      })),
    );
    expect(await versionOf(reg.id)).toBe(before + 1);
    expect(await versionOf(cast.registration.id)).toBe(castBefore);
  });

  it("serves a fresh summary after any change, whichever way it was written", async () => {
    const before = await summaryOf(byOrg());
    const [queried] = await ctx.database.db
      .update(benefits)
      .set({ status: "signed_off", signedOffBy: cast.financeLead.id, signedOffAt: new Date() })
      .where(eq(benefits.title, "Dressings"))
      .returning({ id: benefits.id });
    const after = await summaryOf(byOrg());
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.totals.first.realisedPence).toBe(before.totals.first.realisedPence + 40_000);
    expect(after.totals.first.notYetSignedOffPence).toBe(before.totals.first.notYetSignedOffPence - 40_000);
    await ctx.database.db
      .update(benefits)
      .set({ status: "queried", signedOffBy: null, signedOffAt: null })
      .where(eq(benefits.id, queried?.id ?? ""));
    await ctx.database.db
      .update(implementationTeams)
      .set({ name: "Northfield nursing" })
      .where(eq(implementationTeams.id, cast.teamA.id));
    expect((await summaryOf(byOrg())).byTeam.map((t) => t.name)).toContain("Northfield nursing");
    await ctx.database.db
      .update(implementationTeams)
      .set({ name: cast.teamA.name })
      .where(eq(implementationTeams.id, cast.teamA.id));
  });
});

describe("statements per summary", () => {
  it("reads a summary in a constant number of statements whatever the number of benefits, cached or not", async () => {
    const lead = await buildUser(ctx);
    cookies.counter = await signIn(ctx, lead);
    const registrationFor = async (count: number) => {
      const reg = await buildRegistration(ctx, {
        organisationId: await buildOrganisation(ctx, { type: "nhs_trust" }),
        people: [{ userId: lead.id, role: "programme_lead" }],
      });
      const teams = [await buildTeam(ctx, reg.id), await buildTeam(ctx, reg.id)];
      const statuses = ["recorded", "awaiting_sign_off", "queried", "signed_off", "rejected"] as const;
      await ctx.database.db.insert(benefits).values(
        Array.from({ length: count }, (_, i) => ({
          registrationId: reg.id,
          teamId: teams[i % 2]?.id ?? "",
          areaId: reg.areaIds[i % 4] ?? "",
          houseModuleId: moduleIds[i % 13],
          title: `Benefit ${i}`,
          cashable: true,
          cashCategory: "stock" as const,
          cashOrder: (i % 3 === 0 ? "second" : "first") as "first" | "second",
          status: statuses[i % 5] ?? "recorded",
          forecastPence: 1_000 + i,
          realisedPence: 900 + i,
          forecastOn: `2026-${String((i % 12) + 1).padStart(2, "0")}-01`,
          realisedOn: `2027-${String((i % 12) + 1).padStart(2, "0")}-15`,
        })),
      );
      return reg;
    };
    const small = await registrationFor(10);
    const large = await registrationFor(200);
    const statements = async (registrationId: string) => {
      const url = `/api/benefits/summary?registrationId=${registrationId}`;
      const before = ctx.database.queryCount();
      const response = await get(url, "counter");
      expect(response.statusCode).toBe(200);
      return ctx.database.queryCount() - before;
    };
    await get("/api/me", "counter"); // warm the session cache
    const coldSmall = await statements(small.id);
    const warmSmall = await statements(small.id);
    const coldLarge = await statements(large.id);
    const warmLarge = await statements(large.id);
    expect(warmSmall).toBeGreaterThan(0);
    expect(warmSmall).toBeLessThanOrEqual(3);
    expect(warmLarge).toBe(warmSmall);
    expect(coldLarge).toBe(coldSmall);
    expect(coldSmall).toBeLessThanOrEqual(warmSmall + 4);
    // One more benefit: a miss, at the same cold cost.
    await insertBenefit({
      registrationId: large.id,
      teamId:
        (
          await ctx.database.db
            .select()
            .from(implementationTeams)
            .where(eq(implementationTeams.registrationId, large.id))
        )[0]?.id ?? "",
      areaId: large.areaIds[0] ?? "",
    });
    expect(await statements(large.id)).toBe(coldSmall);
    expect((await summaryOf(`registrationId=${large.id}`, "counter")).counts.benefits).toBe(201);
  });
});

describe("the OpenAPI document", () => {
  it("lists the summary and its three exports under implementation", async () => {
    const response = await get("/api/openapi.json", null);
    expect(response.statusCode).toBe(200);
    const paths = response.json().paths as Record<string, { get?: { tags?: string[] } }>;
    for (const path of [
      "/api/benefits/summary",
      "/api/benefits/summary.csv",
      "/api/benefits/summary.xlsx",
      "/api/benefits/summary.pdf",
    ]) {
      expect(paths[path]?.get?.tags, path).toEqual(["implementation"]);
    }
  });
});
