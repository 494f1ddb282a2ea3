import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { benefits } from "../../src/server/db/schema/index.js";
import type { OrganisationBenefitsSummary } from "../../src/shared/implementation-summary.js";
import { auditFor, buildOrganisation, buildUser, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  buildRegistration,
  buildTeam,
  type ImplementationCast,
  programmeBySlug,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};
/** The cast's organisation also implements The Productive Ward. */
let ward: { id: string; programmeId: string; areaIds: string[] };
let wardTeam: { id: string; name: string };

type BenefitInsert = typeof benefits.$inferInsert;

/** A benefit straight in the database; cashable first-order signed off unless told. */
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

const url = (organisationId = cast.organisationId, suffix = "") =>
  `/api/benefits/organisation-summary${suffix}?organisationId=${organisationId}`;

async function summaryFor(who: string, organisationId?: string): Promise<OrganisationBenefitsSummary> {
  const response = await get(url(organisationId), who);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as OrganisationBenefitsSummary;
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  // The Productive Ward: the programme lead and the finance lead are on it, the executive is not but leads a ward
  // team, and team leader A leads another.
  ward = await buildRegistration(ctx, {
    organisationId: cast.organisationId,
    programmeId: await programmeBySlug(ctx, "productive-ward"),
    people: [
      { userId: cast.programmeLead.id, role: "programme_lead" },
      { userId: cast.financeLead.id, role: "finance_lead" },
    ],
  });
  wardTeam = await buildTeam(ctx, ward.id, { leaderUserId: cast.teamLeaderA.id, name: "Ward 7" });
  await buildTeam(ctx, ward.id, { leaderUserId: cast.executive.id, name: "Ward 9" });
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

  const pcs = cast.registration;
  // Productive Community Services: £3,100 realised first-order (forecast £3,000), £20,000 second-order awaiting
  // sign-off, a non-cashable one.
  await insertBenefit({
    registrationId: pcs.id,
    teamId: cast.teamA.id,
    areaId: pcs.areaIds[3] ?? "",
    forecastPence: 300_000,
    realisedPence: 310_000,
    forecastOn: "2026-02-28",
    realisedOn: "2026-03-15",
  });
  await insertBenefit({
    registrationId: pcs.id,
    teamId: cast.teamB.id,
    areaId: pcs.areaIds[3] ?? "",
    title: "Fewer agency shifts",
    cashCategory: "revenue_spend",
    cashOrder: "second",
    status: "awaiting_sign_off",
    forecastPence: 2_000_000,
  });
  await insertBenefit({
    registrationId: pcs.id,
    teamId: cast.teamB.id,
    areaId: pcs.areaIds[2] ?? "",
    title: "Team morale",
    cashable: false,
  });
  // The Productive Ward: £1,000.50 realised first-order, £5,000 second-order queried, a rejected £9,999.99.
  await insertBenefit({
    registrationId: ward.id,
    teamId: wardTeam.id,
    areaId: ward.areaIds[3] ?? "",
    forecastPence: 100_000,
    realisedPence: 100_050,
    realisedOn: "2026-04-01",
  });
  await insertBenefit({
    registrationId: ward.id,
    teamId: wardTeam.id,
    areaId: ward.areaIds[3] ?? "",
    title: "Linen",
    cashCategory: "revenue_spend",
    cashOrder: "second",
    status: "queried",
    forecastPence: 500_000,
  });
  await insertBenefit({
    registrationId: ward.id,
    teamId: wardTeam.id,
    areaId: ward.areaIds[3] ?? "",
    title: "Sell a bed",
    cashCategory: "assets",
    cashOrder: "second",
    status: "rejected",
    forecastPence: 999_999,
  });
});

afterAll(async () => {
  await ctx.close();
});

describe("GET /api/benefits/organisation-summary", () => {
  it("adds up every programme the programme lead sees in full, with each programme's totals and national comparison", async () => {
    const s = await summaryFor("lead");
    expect(s.organisation.id).toBe(cast.organisationId);
    expect(s.programmes.map((p) => p.programme.title)).toEqual([
      "Productive Community Services",
      "The Productive Ward",
    ]);
    const [pcs, pw] = s.programmes;
    expect(pcs?.registrationId).toBe(cast.registration.id);
    expect(pcs?.teams).toBe(2);
    expect(pcs?.totals.total).toEqual({
      forecastPence: 2_300_000,
      realisedPence: 310_000,
      notYetSignedOffPence: 2_000_000,
    });
    expect(pcs?.counts).toMatchObject({ benefits: 3, cashable: 2, nonCashable: 1 });
    expect(pcs?.national?.potentialPence).toBe(44_700_000_000);
    expect(pw?.registrationId).toBe(ward.id);
    expect(pw?.teams).toBe(2);
    expect(pw?.totals.first).toEqual({
      forecastPence: 100_000,
      realisedPence: 100_050,
      notYetSignedOffPence: 0,
    });
    expect(pw?.totals.second).toEqual({
      forecastPence: 500_000,
      realisedPence: 0,
      notYetSignedOffPence: 500_000,
    });
    expect(pw?.national?.potentialPence).toBe(25_918_855_000);
    expect(pw?.national?.realisedPence).toBe(100_050);
    // Grand totals in integer pence: realised signed off only, rejected forecasts left out.
    expect(s.totals.first).toEqual({
      forecastPence: 400_000,
      realisedPence: 410_050,
      notYetSignedOffPence: 0,
    });
    expect(s.totals.second).toEqual({
      forecastPence: 2_500_000,
      realisedPence: 0,
      notYetSignedOffPence: 2_500_000,
    });
    expect(s.totals.total).toEqual({
      forecastPence: 2_900_000,
      realisedPence: 410_050,
      notYetSignedOffPence: 2_500_000,
    });
    expect(s.counts).toEqual({
      benefits: 6,
      cashable: 5,
      nonCashable: 1,
      byStatus: { recorded: 1, awaiting_sign_off: 1, queried: 1, signed_off: 2, rejected: 1 },
    });
    expect(s.teamsOnly).toEqual([]);
  });

  it("agrees with each programme's own summary", async () => {
    const s = await summaryFor("lead");
    for (const p of s.programmes) {
      const response = await get(`/api/benefits/summary?registrationId=${p.registrationId}`, "lead");
      expect(response.statusCode).toBe(200);
      const one = response.json();
      expect(p.totals).toEqual(one.totals);
      expect(p.counts).toEqual(one.counts);
      expect(p.version).toBe(one.version);
    }
  });

  it("shows the finance lead and an administrator both programmes, the executive only the one they are named on", async () => {
    const finance = await summaryFor("finance");
    expect(finance.programmes).toHaveLength(2);
    expect(finance.totals.total.realisedPence).toBe(410_050);
    const admin = await summaryFor("admin");
    expect(admin.programmes).toHaveLength(2);
    expect(admin.totals).toEqual(finance.totals);
    // The executive sponsor is named on Productive Community Services and leads a ward team: the ward is listed
    // apart (its summary shows their team) and left out of the totals.
    const executive = await summaryFor("executive");
    expect(executive.programmes.map((p) => p.registrationId)).toEqual([cast.registration.id]);
    expect(executive.totals.total.realisedPence).toBe(310_000);
    expect(executive.teamsOnly).toEqual([
      { registrationId: ward.id, programme: { id: ward.programmeId, title: "The Productive Ward" } },
    ]);
  });

  it("refuses team leaders with no programme they see in full (403), pointing at their teams' summary", async () => {
    for (const who of ["leaderA", "leaderB"]) {
      const response = await get(url(), who);
      expect(response.statusCode, who).toBe(403);
      expect(response.json().message).toMatch(/programme's benefits summary/);
    }
    expect((await get(url(), "leaderA")).json().message).toMatch(
      /Productive Community Services and The Productive Ward/,
    );
  });

  it("hides the organisation from a colleague with no role, another organisation's lead and for an unknown id (404)", async () => {
    for (const who of ["colleague", "other"]) expect((await get(url(), who)).statusCode, who).toBe(404);
    expect((await get(url("00000000-0000-4000-8000-000000000000"), "admin")).statusCode).toBe(404);
    // Another organisation's lead sees their own organisation.
    const other = await summaryFor(
      "other",
      (await registrationOrganisation(cast.otherRegistration.id)) ?? "",
    );
    expect(other.programmes.map((p) => p.registrationId)).toEqual([cast.otherRegistration.id]);
  });

  it("gives an administrator an organisation with no registration, empty; its own people get 404", async () => {
    const bare = await buildOrganisation(ctx, { type: "nhs_trust" });
    const s = await summaryFor("admin", bare);
    expect(s.programmes).toEqual([]);
    expect(s.totals.total).toEqual({ forecastPence: 0, realisedPence: 0, notYetSignedOffPence: 0 });
    const member = await buildUser(ctx, { organisationId: bare });
    cookies.member = await signIn(ctx, member);
    expect((await get(url(bare), "member")).statusCode).toBe(404);
  });

  it("asks to sign in (401) and checks the query (400)", async () => {
    expect((await get(url(), null)).statusCode).toBe(401);
    expect((await get(url("not-a-uuid"), "lead")).statusCode).toBe(400);
    expect((await get("/api/benefits/organisation-summary", "lead")).statusCode).toBe(400);
  });

  it("shows a new benefit at once (each programme's summary is cached at its benefits version)", async () => {
    const before = await summaryFor("lead");
    const id = await insertBenefit({
      registrationId: ward.id,
      teamId: wardTeam.id,
      areaId: ward.areaIds[3] ?? "",
      title: "Another",
      forecastPence: 1,
      realisedPence: 1,
    });
    const after = await summaryFor("lead");
    expect(after.totals.total.realisedPence).toBe(before.totals.total.realisedPence + 1);
    expect(after.programmes[1]?.version).toBeGreaterThan(before.programmes[1]?.version ?? 0);
    await ctx.database.db.delete(benefits).where(eq(benefits.id, id));
    expect((await summaryFor("lead")).totals).toEqual(before.totals);
  });
});

async function registrationOrganisation(registrationId: string): Promise<string | undefined> {
  const rows = (await ctx.database.rawQuery(
    "select organisation_id from programme_registrations where id = $1",
    [registrationId],
  )) as Array<{ organisation_id: string }>;
  return rows[0]?.organisation_id;
}

describe("statements per organisation summary", () => {
  it("costs one context statement when every programme's summary is cached, and a fixed few per programme otherwise", async () => {
    const lead = await buildUser(ctx);
    cookies.counter = await signIn(ctx, lead);
    const organisationFor = async (programmeSlugs: string[], benefitsEach: number) => {
      const organisationId = await buildOrganisation(ctx, { type: "nhs_trust" });
      for (const slug of programmeSlugs) {
        const reg = await buildRegistration(ctx, {
          organisationId,
          programmeId: await programmeBySlug(ctx, slug),
          people: [{ userId: lead.id, role: "programme_lead" }],
        });
        const team = await buildTeam(ctx, reg.id);
        await ctx.database.db.insert(benefits).values(
          Array.from({ length: benefitsEach }, (_, i) => ({
            registrationId: reg.id,
            teamId: team.id,
            areaId: reg.areaIds[i % 4] ?? "",
            title: `Benefit ${i}`,
            cashable: true,
            cashCategory: "stock" as const,
            cashOrder: "first" as const,
            status: "signed_off" as const,
            forecastPence: 1_000 + i,
            realisedPence: 900 + i,
            realisedOn: `2026-${String((i % 12) + 1).padStart(2, "0")}-15`,
          })),
        );
      }
      return organisationId;
    };
    const one = await organisationFor(["productive-community-services"], 5);
    const two = await organisationFor(["productive-community-services", "productive-ward"], 150);
    const statements = async (organisationId: string) => {
      const before = ctx.database.queryCount();
      const response = await get(url(organisationId), "counter");
      expect(response.statusCode).toBe(200);
      return ctx.database.queryCount() - before;
    };
    await get("/api/me", "counter"); // warm the session cache
    const coldOne = await statements(one);
    const warmOne = await statements(one);
    const coldTwo = await statements(two);
    const warmTwo = await statements(two);
    expect(warmOne).toBeGreaterThan(0);
    expect(warmOne).toBeLessThanOrEqual(2);
    expect(warmTwo).toBe(warmOne);
    const perProgramme = coldOne - warmOne;
    expect(perProgramme).toBeGreaterThan(0);
    expect(perProgramme).toBeLessThanOrEqual(4);
    expect(coldTwo).toBe(warmOne + 2 * perProgramme);
    expect((await summaryFor("counter", two)).counts.benefits).toBe(300);
  });
});

describe("GET /api/benefits/organisation-summary.csv", () => {
  it("downloads one row per programme and the total, audited as organisation-csv", async () => {
    const before = (await auditFor(ctx, "benefits.summary_exported")).length;
    const response = await get(url(cast.organisationId, ".csv"), "finance");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/csv/);
    expect(response.headers["content-disposition"]).toMatch(
      /attachment; filename="benefits-across-programmes-/,
    );
    const lines = response.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toMatch(/^Programme,First-order forecast \(£\),First-order realised \(£\)/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([
      "Productive Community Services",
      "The Productive Ward",
      "All programmes",
    ]);
    // All programmes: first-order forecast £4,000, realised £4,100.50, … realised total £4,100.50, 6 benefits.
    expect(lines[3]).toBe(
      "All programmes,4000.00,4100.50,0.00,25000.00,0.00,25000.00,29000.00,4100.50,25000.00,6",
    );
    const audits = await auditFor(ctx, "benefits.summary_exported");
    expect(audits).toHaveLength(before + 1);
    expect(audits[0]).toMatchObject({
      actorUserId: cast.financeLead.id,
      subjectType: "organisation",
      subjectId: cast.organisationId,
    });
    expect(audits[0]?.details).toMatchObject({ format: "organisation-csv", programmes: 2, benefits: 6 });
  });

  it("refuses team leaders (403), colleagues (404) and signed-out people (401), auditing nothing", async () => {
    const before = await tableCounts(ctx);
    expect((await get(url(cast.organisationId, ".csv"), "leaderB")).statusCode).toBe(403);
    expect((await get(url(cast.organisationId, ".csv"), "colleague")).statusCode).toBe(404);
    expect((await get(url(cast.organisationId, ".csv"), "other")).statusCode).toBe(404);
    expect((await get(url(cast.organisationId, ".csv"), null)).statusCode).toBe(401);
    expect((await tableCounts(ctx)).audit).toBe(before.audit);
  });
});

describe("the OpenAPI document", () => {
  it("lists the organisation summary and its CSV under implementation", async () => {
    const response = await get("/api/openapi.json", null);
    const paths = response.json().paths as Record<string, { get?: { tags?: string[] } }>;
    for (const path of ["/api/benefits/organisation-summary", "/api/benefits/organisation-summary.csv"])
      expect(paths[path]?.get?.tags, path).toEqual(["implementation"]);
  });
});
