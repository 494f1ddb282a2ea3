import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TeamChoices } from "../../src/shared/organisations.js";
import {
  auditFor,
  buildAdmin,
  buildUser,
  organisationByOds,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let adminCookie: string;
let leeds: string;
let directorate: string;
let ward: string;
let otherTrustWard: string;

async function insertOrganisation(name: string, type: string, parentId: string): Promise<string> {
  const [row] = (await ctx.database.rawQuery(
    "insert into organisations (name, type, parent_id) values ($1, $2::organisation_type, $3) returning id",
    [name, type, parentId],
  )) as Array<{ id: string }>;
  if (!row) throw new Error("no organisation inserted");
  return row.id;
}

async function teamOf(user: TestUser): Promise<string | null> {
  const [row] = (await ctx.database.rawQuery("select team_id from users where id = $1", [user.id])) as Array<{
    team_id: string | null;
  }>;
  return row?.team_id ?? null;
}

beforeAll(async () => {
  ctx = await createTestApp();
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
  leeds = await organisationByOds(ctx, "RR8");
  directorate = await insertOrganisation("Surgery Directorate", "directorate", leeds);
  ward = await insertOrganisation("Ward 7", "team", directorate);
  otherTrustWard = await insertOrganisation("Ward 40", "team", await organisationByOds(ctx, "RX1"));
});
afterAll(async () => ctx.close());

type Method = "GET" | "PUT";
const call = (method: Method, url: string, cookie?: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

describe("a learner's own team", () => {
  it("401 signed out", async () => {
    expect((await call("GET", "/api/me/team")).statusCode).toBe(401);
    expect((await call("PUT", "/api/me/team", undefined, { teamId: null })).statusCode).toBe(401);
  });

  it("lists the teams and units at any depth under the organisation, with their paths", async () => {
    const cookie = await signIn(ctx, await buildUser(ctx, { organisationId: leeds }));
    const response = await call("GET", "/api/me/team", cookie);
    expect(response.statusCode).toBe(200);
    const choices = response.json() as TeamChoices;
    expect(choices.organisation?.name).toBe("Leeds Teaching Hospitals NHS Trust");
    expect(choices.team).toBeNull();
    expect(choices.choices.map((c) => c.path)).toEqual([
      "Surgery Directorate",
      "Surgery Directorate › Ward 7",
    ]);
  });

  it("sets and clears the team, refusing one outside the organisation", async () => {
    const learner = await buildUser(ctx, { organisationId: leeds });
    const cookie = await signIn(ctx, learner);
    const set = await call("PUT", "/api/me/team", cookie, { teamId: ward });
    expect(set.statusCode, set.body).toBe(200);
    expect((set.json() as TeamChoices).team?.name).toBe("Ward 7");
    expect(await teamOf(learner)).toBe(ward);

    for (const teamId of [otherTrustWard, leeds, "00000000-0000-4000-8000-000000000000"]) {
      const refused = await call("PUT", "/api/me/team", cookie, { teamId });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().details[0]).toMatchObject({ field: "teamId" });
    }
    expect((await call("PUT", "/api/me/team", cookie, { teamId: "ward-7" })).statusCode).toBe(400);
    expect((await call("PUT", "/api/me/team", cookie, {})).statusCode).toBe(400);
    expect(await teamOf(learner)).toBe(ward);

    const cleared = await call("PUT", "/api/me/team", cookie, { teamId: null });
    expect(cleared.statusCode).toBe(200);
    expect(await teamOf(learner)).toBeNull();
  });

  it("someone with no organisation in the directory has no choices and cannot set a team", async () => {
    const cookie = await signIn(ctx, await buildUser(ctx, { organisationId: null }));
    expect((await call("GET", "/api/me/team", cookie)).json()).toEqual({
      organisation: null,
      team: null,
      choices: [],
    });
    const refused = await call("PUT", "/api/me/team", cookie, { teamId: ward });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/Choose the organisation on the account page first/);
  });

  it("a team left behind when the organisation changes is cleared by clearTeamIfOutsideOrganisation", async () => {
    const { clearTeamIfOutsideOrganisation } = await import(
      "../../src/server/modules/organisations/organisations-admin.service.js"
    );
    const learner = await buildUser(ctx, { organisationId: leeds });
    const stays = await buildUser(ctx, { organisationId: leeds });
    await ctx.database.rawQuery("update users set team_id = $2 where id = any($1::uuid[])", [
      [learner.id, stays.id],
      ward,
    ]);
    await ctx.database.rawQuery("update users set organisation_id = $2 where id = $1", [
      learner.id,
      await organisationByOds(ctx, "RX1"),
    ]);
    expect(await clearTeamIfOutsideOrganisation(ctx.database.db, learner.id)).toBe(true);
    expect(await clearTeamIfOutsideOrganisation(ctx.database.db, stays.id)).toBe(false);
    expect(await teamOf(learner)).toBeNull();
    expect(await teamOf(stays)).toBe(ward);
  });

  it("changing organisation on the account page clears a team that is not below the new one", async () => {
    const learner = await buildUser(ctx, { organisationId: leeds });
    const cookie = await signIn(ctx, learner);
    expect((await call("PUT", "/api/me/team", cookie, { teamId: ward })).statusCode).toBe(200);
    const moved = await ctx.app.inject({
      method: "PATCH",
      url: "/api/me",
      headers: { cookie },
      payload: { organisationId: await organisationByOds(ctx, "RX1") },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await teamOf(learner)).toBeNull();
  });
});

describe("platform administrators set someone's team", () => {
  it("401, and 403 for learners, learner administrators and lapsed access", async () => {
    const learner = await buildUser(ctx, { organisationId: leeds });
    const url = `/api/admin/users/${learner.id}/team`;
    expect((await call("GET", url)).statusCode).toBe(401);
    expect((await call("PUT", url, undefined, { teamId: ward })).statusCode).toBe(401);
    const cookies = [
      await signIn(ctx, await buildUser(ctx, { organisationId: leeds })),
      await signIn(
        ctx,
        await buildUser(ctx, { roles: ["learner", { role: "learner_admin", organisationId: leeds }] }),
      ),
      await signIn(
        ctx,
        await buildUser(ctx, {
          roles: [
            "learner",
            { role: "learner_admin", organisationId: leeds, expiresAt: new Date(Date.now() - 1000) },
          ],
        }),
      ),
    ];
    for (const cookie of cookies) {
      expect((await call("GET", url, cookie)).statusCode).toBe(403);
      expect((await call("PUT", url, cookie, { teamId: ward })).statusCode).toBe(403);
    }
    expect(await teamOf(learner)).toBeNull();
  });

  it("reads and sets a learner's team, audited; unknown people are 404", async () => {
    const learner = await buildUser(ctx, { organisationId: leeds });
    const url = `/api/admin/users/${learner.id}/team`;
    const read = await call("GET", url, adminCookie);
    expect(read.statusCode).toBe(200);
    expect((read.json() as TeamChoices).choices).toHaveLength(2);
    expect((await auditFor(ctx, "users.view"))[0]).toMatchObject({ subjectId: learner.id });

    const set = await call("PUT", url, adminCookie, { teamId: directorate });
    expect(set.statusCode).toBe(200);
    expect(await teamOf(learner)).toBe(directorate);
    expect((await auditFor(ctx, "teams.changed"))[0]).toMatchObject({
      subjectId: learner.id,
      details: { fromTeamId: null, toTeamId: directorate },
    });
    expect((await call("PUT", url, adminCookie, { teamId: otherTrustWard })).statusCode).toBe(400);
    const unknown = "/api/admin/users/00000000-0000-4000-8000-000000000000/team";
    expect((await call("GET", unknown, adminCookie)).statusCode).toBe(404);
    expect((await call("PUT", unknown, adminCookie, { teamId: null })).statusCode).toBe(404);
  });
});

describe("demo teams", () => {
  it("adds directorates and teams below the demo community trust once", async () => {
    const { seedDemoTeams } = await import(
      "../../src/server/modules/organisations/organisations-admin.seed.js"
    );
    expect(await seedDemoTeams(ctx.database.db)).toBe(6);
    expect(await seedDemoTeams(ctx.database.db)).toBe(0);
    const [trust] = (await ctx.database.rawQuery(
      "select id from organisations where name = 'QI Academy Demo Community NHS Trust'",
    )) as Array<{ id: string }>;
    const cookie = await signIn(ctx, await buildUser(ctx, { organisationId: trust?.id ?? null }));
    const choices = (await call("GET", "/api/me/team", cookie)).json() as TeamChoices;
    expect(choices.choices.map((c) => c.path)).toContain("Adult Community Services › District Nursing North");
  });
});
