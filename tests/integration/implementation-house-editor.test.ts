import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HouseEditor, HouseModule } from "../../src/shared/implementation-house.js";
import { auditFor, buildAdmin, buildEditor, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  type ImplementationCast,
  programmeBySlug,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
let editorCookie = "";
let adminCookie = "";
let leadCookie = "";
let wardId = "";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function houseRows(programmeId: string) {
  return (await ctx.database.rawQuery(
    "select id, position, kind, title, summary, typical_weeks from house_modules where programme_id = $1 order by position",
    [programmeId],
  )) as Array<{
    id: string;
    position: number;
    kind: string;
    title: string;
    summary: string;
    typical_weeks: number;
  }>;
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select count(*)::int as modules, coalesce(sum(position * 7 + typical_weeks), 0)::int as shape,
            coalesce(string_agg(title || kind || summary, '|' order by id), '') as text from house_modules`,
  )) as Array<{ modules: number; shape: number; text: string }>;
  return { ...(await tableCounts(ctx)), ...row };
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  editorCookie = await signIn(ctx, await buildEditor(ctx));
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
  leadCookie = await signIn(ctx, cast.programmeLead);
  wardId = await programmeBySlug(ctx, "productive-ward");
});

afterAll(async () => {
  await ctx.close();
});

describe("the house editor", () => {
  it("lists a house with the teams that have a status on each module", async () => {
    const first = (await houseRows(cast.programmeId)).find(
      (m) => m.title === "Well Organised Working Environment",
    );
    await ctx.database.rawQuery(
      "insert into team_module_progress (team_id, house_module_id, status, started_on) values ($1, $2, 'in_progress', '2026-02-02')",
      [cast.teamA.id, first?.id],
    );
    const response = await call("GET", `/api/manage/programmes/${cast.programmeId}/house`, editorCookie);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as HouseEditor;
    expect(body.programme.title).toBe("Productive Community Services");
    expect(body.modules).toHaveLength(13);
    expect(body.modules.find((m) => m.id === first?.id)?.teamsWithStatus).toBe(1);
    expect(body.modules.filter((m) => m.teamsWithStatus === 0)).toHaveLength(12);
  });

  it("adds modules at the end of a house, audited", async () => {
    const response = await call("POST", `/api/manage/programmes/${wardId}/house/modules`, editorCookie, {
      kind: "foundation",
      title: "  Knowing How We Are Doing  ",
      summary: "Measures on the ward's board.",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      position: 1,
      kind: "foundation",
      title: "Knowing How We Are Doing",
      typicalWeeks: 6,
    });
    const second = await call("POST", `/api/manage/programmes/${wardId}/house/modules`, adminCookie, {
      kind: "process",
      title: "Meals",
      typicalWeeks: 8,
    });
    expect(second.statusCode).toBe(201);
    expect((second.json() as HouseModule).position).toBe(2);
    const [audit] = await auditFor(ctx, "implementation.house_module_created");
    expect(audit?.details).toMatchObject({ programmeId: wardId, title: "Meals" });
  });

  it("changes a module's fields, audited", async () => {
    const [module] = await houseRows(wardId);
    const response = await call("PATCH", `/api/manage/house-modules/${module?.id}`, editorCookie, {
      title: "Well Organised Ward",
      typicalWeeks: 10,
      kind: "foundation",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ title: "Well Organised Ward", typicalWeeks: 10 });
    const [audit] = await auditFor(ctx, "implementation.house_module_changed");
    expect(audit?.details).toMatchObject({
      changes: { title: ["Knowing How We Are Doing", "Well Organised Ward"], typicalWeeks: [6, 10] },
    });
  });

  it("moves modules up and down, and says when one cannot move", async () => {
    const [first, second] = await houseRows(wardId);
    const down = await call("POST", `/api/manage/house-modules/${first?.id}/move`, editorCookie, {
      direction: "down",
    });
    expect(down.statusCode, down.body).toBe(200);
    expect((down.json() as HouseModule[]).map((m) => m.id)).toEqual([second?.id, first?.id]);
    expect((await houseRows(wardId)).map((m) => [m.id, m.position])).toEqual([
      [second?.id, 1],
      [first?.id, 2],
    ]);
    const before = await counts();
    const stuck = await call("POST", `/api/manage/house-modules/${first?.id}/move`, editorCookie, {
      direction: "down",
    });
    expect(stuck.statusCode).toBe(409);
    expect((stuck.json() as { message: string }).message).toContain("already last");
    expect(await counts()).toEqual(before);
    const up = await call("POST", `/api/manage/house-modules/${first?.id}/move`, editorCookie, {
      direction: "up",
    });
    expect(up.statusCode).toBe(200);
    expect((await auditFor(ctx, "implementation.house_module_moved")).length).toBe(2);
  });

  it("deletes a module no team has a status on, and refuses one in use (409)", async () => {
    const [, meals] = await houseRows(wardId);
    const response = await call("DELETE", `/api/manage/house-modules/${meals?.id}`, editorCookie);
    expect(response.statusCode).toBe(204);
    expect(await houseRows(wardId)).toHaveLength(1);
    expect((await auditFor(ctx, "implementation.house_module_deleted"))[0]?.subjectId).toBe(meals?.id);
    const inUse = (await houseRows(cast.programmeId)).find(
      (m) => m.title === "Well Organised Working Environment",
    );
    const before = await counts();
    const refused = await call("DELETE", `/api/manage/house-modules/${inUse?.id}`, editorCookie);
    expect(refused.statusCode).toBe(409);
    expect((refused.json() as { message: string }).message).toBe(
      "1 team has a status on Well Organised Working Environment, so it cannot be deleted. Change its title or summary instead.",
    );
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input (400) and a title already in the house (409), writing nothing", async () => {
    const before = await counts();
    const [module] = await houseRows(cast.programmeId);
    for (const payload of [
      { kind: "roof", title: "Roof" },
      { kind: "process", title: "   " },
      { kind: "process", title: "Long", typicalWeeks: 53 },
      { kind: "process", title: "Zero", typicalWeeks: 0 },
      { kind: "process", title: "Half", typicalWeeks: 1.5 },
    ]) {
      const response = await call(
        "POST",
        `/api/manage/programmes/${cast.programmeId}/house/modules`,
        editorCookie,
        payload,
      );
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const patch = await call("PATCH", `/api/manage/house-modules/${module?.id}`, editorCookie, {
      typicalWeeks: 60,
    });
    expect(patch.statusCode).toBe(400);
    const move = await call("POST", `/api/manage/house-modules/${module?.id}/move`, editorCookie, {
      direction: "left",
    });
    expect(move.statusCode).toBe(400);
    const duplicate = await call(
      "POST",
      `/api/manage/programmes/${cast.programmeId}/house/modules`,
      editorCookie,
      {
        kind: "process",
        title: "planning our workload",
      },
    );
    expect(duplicate.statusCode).toBe(409);
    const renamed = await call("PATCH", `/api/manage/house-modules/${module?.id}`, editorCookie, {
      title: "Technology",
    });
    expect(renamed.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("is for content editors and administrators only", async () => {
    const before = await counts();
    const [module] = await houseRows(cast.programmeId);
    const requests: Array<[Method, string, unknown?]> = [
      ["GET", `/api/manage/programmes/${cast.programmeId}/house`],
      [
        "POST",
        `/api/manage/programmes/${cast.programmeId}/house/modules`,
        { kind: "guide", title: "New guide" },
      ],
      ["PATCH", `/api/manage/house-modules/${module?.id}`, { title: "Renamed" }],
      ["POST", `/api/manage/house-modules/${module?.id}/move`, { direction: "down" }],
      ["DELETE", `/api/manage/house-modules/${module?.id}`],
    ];
    for (const [method, url, payload] of requests) {
      expect((await call(method, url, null, payload)).statusCode, `${method} ${url}`).toBe(401);
      expect((await call(method, url, leadCookie, payload)).statusCode, `${method} ${url}`).toBe(403);
    }
    const missing = "00000000-0000-0000-0000-000000000000";
    expect((await call("GET", `/api/manage/programmes/${missing}/house`, editorCookie)).statusCode).toBe(404);
    expect(
      (await call("PATCH", `/api/manage/house-modules/${missing}`, editorCookie, { title: "X" })).statusCode,
    ).toBe(404);
    expect((await call("DELETE", `/api/manage/house-modules/${missing}`, editorCookie)).statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
