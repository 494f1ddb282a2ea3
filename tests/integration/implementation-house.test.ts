import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, ukToday } from "../../src/server/modules/implementation/house.rules.js";
import { seedHouseDemo } from "../../src/server/modules/implementation/house.seed.js";
import type { ModuleStatusResult, ProgrammeHouse, TeamHouse } from "../../src/shared/implementation-house.js";
import { auditFor, buildOrganisation, buildUser, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  buildRegistration,
  buildTeam,
  houseOf,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
let house: Awaited<ReturnType<typeof houseOf>>;
const cookies: Record<string, string> = {};

type Method = "GET" | "PUT";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function progressCount(): Promise<number> {
  const [row] = (await ctx.database.rawQuery(
    "select count(*)::int as n, coalesce(sum(revision), 0)::int as r from team_module_progress",
  )) as Array<{ n: number; r: number }>;
  return (row?.n ?? 0) * 1000 + (row?.r ?? 0);
}

async function counts() {
  return { ...(await tableCounts(ctx)), progress: await progressCount() };
}

const moduleId = (title: string) => {
  const module = house.find((m) => m.title === title);
  if (!module) throw new Error(`no module ${title}`);
  return module.id;
};
const WOWE = "Well Organised Working Environment";
const KHWAD = "Knowing How We Are Doing";
const PLANNING = "Planning Our Workload";

const statusUrl = (teamId: string, title: string) =>
  `/api/implementation/teams/${teamId}/modules/${moduleId(title)}`;

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  house = await houseOf(ctx, cast.programmeId);
  for (const key of [
    "programmeLead",
    "executive",
    "financeLead",
    "teamLeaderA",
    "teamLeaderB",
    "colleague",
    "otherLead",
    "admin",
  ] as const) {
    cookies[key] = await signIn(ctx, cast[key]);
  }
});

afterAll(async () => {
  await ctx.close();
});

describe("PUT /api/implementation/teams/:teamId/modules/:moduleId", () => {
  it("lets the team leader record a status with dates and notes, audited, with updated_by", async () => {
    const response = await call("PUT", statusUrl(cast.teamA.id, WOWE), cookies.teamLeaderA ?? "", {
      status: "complete",
      startedOn: "2026-01-12",
      completedOn: "2026-02-23",
      sustainingFrom: "2026-03-01",
      notes: "  Stock room sorted.  ",
      revision: 0,
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ModuleStatusResult;
    expect(body.progress).toMatchObject({
      status: "complete",
      startedOn: "2026-01-12",
      completedOn: "2026-02-23",
      sustainingFrom: null,
      notes: "Stock room sorted.",
      revision: 1,
      sequence: 1,
      plannedStart: "2026-01-05",
      plannedEnd: "2026-02-16",
      behind: false,
    });
    expect(body.warnings).toEqual([]);
    const [row] = (await ctx.database.rawQuery(
      "select updated_by from team_module_progress where team_id = $1 and house_module_id = $2",
      [cast.teamA.id, moduleId(WOWE)],
    )) as Array<{ updated_by: string }>;
    expect(row?.updated_by).toBe(cast.teamLeaderA.id);
    const [audit] = await auditFor(ctx, "implementation.module_status_changed");
    expect(audit).toMatchObject({ actorUserId: cast.teamLeaderA.id, subjectId: cast.teamA.id });
    expect(audit?.details).toMatchObject({ from: "not_started", to: "complete", outOfOrder: false });
  });

  it("lets a programme lead change any team, and warns but saves when a module is started out of order", async () => {
    const response = await call("PUT", statusUrl(cast.teamB.id, PLANNING), cookies.programmeLead ?? "", {
      status: "in_progress",
      startedOn: "2026-03-02",
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ModuleStatusResult;
    expect(body.progress.status).toBe("in_progress");
    expect(body.warnings).toHaveLength(1);
    expect(body.warnings[0]).toContain(`Planning Our Workload has been started before ${WOWE}, ${KHWAD}`);
  });

  it("answers 409 for a stale revision and changes nothing", async () => {
    const before = await counts();
    const response = await call("PUT", statusUrl(cast.teamA.id, WOWE), cookies.teamLeaderA ?? "", {
      status: "in_progress",
      startedOn: "2026-01-12",
      revision: 0,
    });
    expect(response.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("refuses dates in the future, before the team started, or missing (422, one detail per field)", async () => {
    const before = await counts();
    const tomorrow = addDays(ukToday(new Date()), 1);
    const response = await call("PUT", statusUrl(cast.teamA.id, KHWAD), cookies.teamLeaderA ?? "", {
      status: "sustaining",
      startedOn: "2026-01-01",
      completedOn: tomorrow,
    });
    expect(response.statusCode).toBe(422);
    const body = response.json() as { details: Array<{ field: string; message: string }> };
    expect(body.details).toEqual([
      {
        field: "startedOn",
        message:
          "The date the module started is before Northfield district nursing started on the programme (5 January 2026)",
      },
      { field: "completedOn", message: "The date the module was completed must be today or in the past" },
      { field: "sustainingFrom", message: "Enter the date the team started sustaining" },
    ]);
    const backwards = await call("PUT", statusUrl(cast.teamA.id, KHWAD), cookies.teamLeaderA ?? "", {
      status: "complete",
      startedOn: "2026-03-01",
      completedOn: "2026-02-01",
    });
    expect(backwards.statusCode).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("answers 400 for a malformed body and long notes, writing nothing", async () => {
    const before = await counts();
    for (const payload of [
      { status: "finished" },
      { status: "in_progress", startedOn: "02/03/2026" },
      { status: "in_progress", startedOn: "2026-02-30" },
      { status: "in_progress", startedOn: "2026-03-02", notes: "x".repeat(2001) },
    ]) {
      const response = await call("PUT", statusUrl(cast.teamA.id, KHWAD), cookies.teamLeaderA ?? "", payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await counts()).toEqual(before);
  });

  it("follows the authorisation matrix", async () => {
    const before = await counts();
    const body = { status: "in_progress", startedOn: "2026-03-02" };
    expect((await call("PUT", statusUrl(cast.teamA.id, KHWAD), null, body)).statusCode).toBe(401);
    for (const who of ["teamLeaderB", "executive", "financeLead", "admin"] as const) {
      const response = await call("PUT", statusUrl(cast.teamA.id, KHWAD), cookies[who] ?? "", body);
      expect(response.statusCode, who).toBe(403);
    }
    for (const who of ["colleague", "otherLead"] as const) {
      const response = await call("PUT", statusUrl(cast.teamA.id, KHWAD), cookies[who] ?? "", body);
      expect(response.statusCode, who).toBe(404);
    }
    // A module of another programme's house.
    const [otherModule] = (await ctx.database.rawQuery(
      `insert into house_modules (programme_id, position, kind, title)
       select id, 1, 'foundation', 'Elsewhere module' from programmes where slug = 'productive-ward' returning id`,
    )) as Array<{ id: string }>;
    const otherHouse = await call(
      "PUT",
      `/api/implementation/teams/${cast.teamA.id}/modules/${otherModule?.id}`,
      cookies.programmeLead ?? "",
      body,
    );
    expect(otherHouse.statusCode).toBe(404);
    const missingModule = await call(
      "PUT",
      `/api/implementation/teams/${cast.teamA.id}/modules/00000000-0000-0000-0000-000000000000`,
      cookies.programmeLead ?? "",
      body,
    );
    expect(missingModule.statusCode).toBe(404);
    const missingTeam = await call(
      "PUT",
      `/api/implementation/teams/00000000-0000-0000-0000-000000000000/modules/${moduleId(KHWAD)}`,
      cookies.programmeLead ?? "",
      body,
    );
    expect(missingTeam.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("GET /api/implementation/teams/:teamId/house", () => {
  it("shows the team's house with plan, behind flags, warnings and canEdit", async () => {
    const response = await call(
      "GET",
      `/api/implementation/teams/${cast.teamB.id}/house`,
      cookies.teamLeaderB ?? "",
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as TeamHouse;
    expect(body.team).toMatchObject({
      id: cast.teamB.id,
      registrationId: cast.registration.id,
      startedOn: "2026-01-05",
    });
    expect(body.programme.title).toBe("Productive Community Services");
    expect(body.modules).toHaveLength(13);
    expect(body.modules.map((m) => m.position)).toEqual(
      [...body.modules.map((m) => m.position)].sort((a, b) => a - b),
    );
    const guide = body.modules.find((m) => m.kind === "guide");
    expect(guide?.progress).toMatchObject({ sequence: null, plannedStart: null, behind: false });
    const first = body.modules.find((m) => m.title === WOWE);
    expect(first?.progress).toMatchObject({ sequence: 1, status: "not_started", behind: true });
    expect(first?.progress.weeksBehind).toBeGreaterThan(0);
    expect(body.behind).toBe(true);
    expect(body.warnings).toHaveLength(1);
    expect(body.canEdit).toBe(true);
  });

  it("says who may edit, and follows the matrix", async () => {
    const asExecutive = await call(
      "GET",
      `/api/implementation/teams/${cast.teamB.id}/house`,
      cookies.executive ?? "",
    );
    expect(asExecutive.statusCode).toBe(200);
    expect((asExecutive.json() as TeamHouse).canEdit).toBe(false);
    const asLead = await call(
      "GET",
      `/api/implementation/teams/${cast.teamB.id}/house`,
      cookies.programmeLead ?? "",
    );
    expect((asLead.json() as TeamHouse).canEdit).toBe(true);
    expect((await call("GET", `/api/implementation/teams/${cast.teamB.id}/house`, null)).statusCode).toBe(
      401,
    );
    expect(
      (await call("GET", `/api/implementation/teams/${cast.teamB.id}/house`, cookies.teamLeaderA ?? ""))
        .statusCode,
    ).toBe(403);
    expect(
      (await call("GET", `/api/implementation/teams/${cast.teamB.id}/house`, cookies.colleague ?? ""))
        .statusCode,
    ).toBe(404);
    expect(
      (await call("GET", `/api/implementation/teams/${cast.teamB.id}/house`, cookies.otherLead ?? ""))
        .statusCode,
    ).toBe(404);
  });
});

describe("GET /api/programmes/:id/house", () => {
  it("gives any signed-in person the modules in order", async () => {
    const someone = await signIn(ctx, await buildUser(ctx));
    const response = await call("GET", `/api/programmes/${cast.programmeId}/house`, someone);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as ProgrammeHouse;
    expect(body.modules.map((m) => m.title)).toEqual(house.map((m) => m.title));
    expect(body.modules[0]).toEqual({
      id: house[0]?.id,
      position: 1,
      kind: "guide",
      title: "Executive Leaders Guide",
      summary: house[0]?.summary,
      typicalWeeks: 6,
    });
    expect(body.organisation).toBeNull();
    expect((await call("GET", `/api/programmes/${cast.programmeId}/house`, null)).statusCode).toBe(401);
    expect(
      (await call("GET", "/api/programmes/00000000-0000-0000-0000-000000000000/house", someone)).statusCode,
    ).toBe(404);
  });

  it("gives leads, executives, finance leads and admins every team with statuses and counts", async () => {
    for (const who of ["programmeLead", "executive", "financeLead", "admin"] as const) {
      const response = await call(
        "GET",
        `/api/programmes/${cast.programmeId}/house?organisationId=${cast.organisationId}`,
        cookies[who] ?? "",
      );
      expect(response.statusCode, who).toBe(200);
      const body = response.json() as ProgrammeHouse;
      expect(
        body.organisation?.teams.map((t) => t.name),
        who,
      ).toEqual(["Northfield district nursing", "Southgate therapy"]);
    }
    const response = await call(
      "GET",
      `/api/programmes/${cast.programmeId}/house?organisationId=${cast.organisationId}`,
      cookies.programmeLead ?? "",
    );
    const body = response.json() as ProgrammeHouse;
    const org = body.organisation;
    expect(org?.registrationId).toBe(cast.registration.id);
    expect(org?.canImport).toBe(true);
    const teamA = org?.teams.find((t) => t.id === cast.teamA.id);
    expect(teamA?.modules).toHaveLength(13);
    expect(teamA?.modules.find((m) => m.moduleId === moduleId(WOWE))).toMatchObject({
      status: "complete",
      startedOn: "2026-01-12",
      notes: "Stock room sorted.",
    });
    const wowe = org?.moduleCounts.find((c) => c.moduleId === moduleId(WOWE));
    expect(wowe?.counts).toEqual({ not_started: 1, in_progress: 0, complete: 1, sustaining: 0 });
    expect(org?.counts).toEqual({ not_started: 24, in_progress: 1, complete: 1, sustaining: 0 });
    expect(org?.teamsBehind).toBe(2);
  });

  it("gives a team leader only their own team", async () => {
    const response = await call(
      "GET",
      `/api/programmes/${cast.programmeId}/house?organisationId=${cast.organisationId}`,
      cookies.teamLeaderA ?? "",
    );
    expect(response.statusCode).toBe(200);
    const body = response.json() as ProgrammeHouse;
    expect(body.organisation?.teams.map((t) => t.id)).toEqual([cast.teamA.id]);
    expect(body.organisation?.counts).toEqual({
      not_started: 12,
      in_progress: 0,
      complete: 1,
      sustaining: 0,
    });
  });

  it("answers 404 for an organisation with no registration or one the actor may not read", async () => {
    for (const who of ["colleague", "otherLead"] as const) {
      const response = await call(
        "GET",
        `/api/programmes/${cast.programmeId}/house?organisationId=${cast.organisationId}`,
        cookies[who] ?? "",
      );
      expect(response.statusCode, who).toBe(404);
    }
    const unregistered = await call(
      "GET",
      `/api/programmes/${cast.programmeId}/house?organisationId=00000000-0000-0000-0000-000000000000`,
      cookies.programmeLead ?? "",
    );
    expect(unregistered.statusCode).toBe(404);
    const bad = await call(
      "GET",
      `/api/programmes/${cast.programmeId}/house?organisationId=nope`,
      cookies.programmeLead ?? "",
    );
    expect(bad.statusCode).toBe(400);
  });

  it("reads many teams in the same number of queries", async () => {
    for (let i = 0; i < 30; i += 1) await buildTeam(ctx, cast.registration.id, { name: `Extra team ${i}` });
    const response = await call(
      "GET",
      `/api/programmes/${cast.programmeId}/house?organisationId=${cast.organisationId}`,
      cookies.programmeLead ?? "",
    );
    expect(response.statusCode).toBe(200);
    expect((response.json() as ProgrammeHouse).organisation?.teams).toHaveLength(32);
  });
});

describe("seedHouseDemo", () => {
  it("gives Northfield a completed first module and leaves it behind plan, and Southgate an out-of-order start", async () => {
    const organisationId = await buildOrganisation(ctx, { type: "nhs_trust" });
    const lead = await buildUser(ctx, { organisationId });
    const registration = await buildRegistration(ctx, {
      organisationId,
      people: [{ userId: lead.id, role: "programme_lead" }],
    });
    const startedOn = "2026-03-02";
    const north = await buildTeam(ctx, registration.id, {
      name: "Northfield district nursing",
      startedOn,
      leaderUserId: lead.id,
    });
    const south = await buildTeam(ctx, registration.id, {
      name: "Southgate community therapy",
      startedOn,
      leaderUserId: lead.id,
    });
    const demo = {
      registrationId: registration.id,
      programmeId: cast.programmeId,
      organisationId,
      teams: [
        { ...north, startedOn, leaderUserId: lead.id },
        { ...south, startedOn, leaderUserId: lead.id },
      ],
      users: { lead: lead.id, executive: lead.id, finance: lead.id, teamLeader: lead.id, learner: lead.id },
      areaIds: registration.areaIds,
    };
    await seedHouseDemo(ctx.database.db, demo);
    await seedHouseDemo(ctx.database.db, demo);
    const leadCookie = await signIn(ctx, lead);
    const northHouse = (
      await call("GET", `/api/implementation/teams/${north.id}/house`, leadCookie)
    ).json() as TeamHouse;
    const byTitle = (h: TeamHouse, title: string) => h.modules.find((m) => m.title === title)?.progress;
    expect(byTitle(northHouse, WOWE)).toMatchObject({
      status: "complete",
      startedOn: "2026-03-09",
      completedOn: "2026-04-20",
    });
    expect(byTitle(northHouse, KHWAD)).toMatchObject({ status: "in_progress", startedOn: "2026-04-27" });
    expect(byTitle(northHouse, "Patient Status at a Glance")).toMatchObject({
      status: "not_started",
      behind: true,
    });
    expect(northHouse.behind).toBe(true);
    expect(northHouse.warnings).toEqual([]);
    const southHouse = (
      await call("GET", `/api/implementation/teams/${south.id}/house`, leadCookie)
    ).json() as TeamHouse;
    expect(byTitle(southHouse, PLANNING)).toMatchObject({ status: "in_progress", startedOn: "2026-06-01" });
    expect(southHouse.warnings).toHaveLength(1);
  });
});
