import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LibraryItem, MeasureLibrary, TeamMeasure } from "../../src/shared/implementation-measures.js";
import { auditFor, buildEditor, buildUser, signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  houseOf,
  type ImplementationCast,
  programmeBySlug,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
let editorCookie = "";
let adminCookie = "";
let leadCookie = "";
let learnerCookie = "";
let leaderCookie = "";
let house: Awaited<ReturnType<typeof houseOf>>;

type Method = "GET" | "POST" | "PATCH" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from measure_library_items) as items,
            (select count(*)::int from team_measures) as measures`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

const newItem = {
  kind: "process",
  title: "Handovers started on time",
  definition: "Handovers that start within five minutes of the planned time.",
  unit: "%",
  improvementDirection: "increase",
  frequency: "weekly",
};

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  house = await houseOf(ctx, cast.programmeId);
  editorCookie = await signIn(ctx, await buildEditor(ctx));
  adminCookie = await signIn(ctx, cast.admin);
  leadCookie = await signIn(ctx, cast.programmeLead);
  leaderCookie = await signIn(ctx, cast.teamLeaderA);
  learnerCookie = await signIn(ctx, await buildUser(ctx));
});

afterAll(async () => {
  await ctx.close();
});

describe("measure library: reading", () => {
  it("groups the seeded Productive Community Services library by module in house order, for anyone signed in", async () => {
    const response = await call("GET", `/api/programmes/${cast.programmeId}/measure-library`, learnerCookie);
    expect(response.statusCode, response.body).toBe(200);
    const library = response.json() as MeasureLibrary;
    expect(library.programme.id).toBe(cast.programmeId);
    expect(library.canEdit).toBe(false);
    expect(library.modules.map((m) => m.position)).toEqual(house.map((m) => m.position));
    const wowe = library.modules.find((m) => m.title === "Well Organised Working Environment");
    expect(wowe?.items.map((i) => i.title)).toEqual(["Time looking for stock", "Stock value"]);
    const titles = library.modules.flatMap((m) => m.items.map((i) => i.title));
    for (const title of [
      "Patient-facing time",
      "Driving distance",
      "Visits the team can make",
      "'Before no visit' referrals",
      "Time spent managing referrals",
      "Interruptions",
      "Team morale",
    ]) {
      expect(titles).toContain(title);
    }
    expect(library.otherItems).toEqual([]);
    const asEditor = (
      await call("GET", `/api/programmes/${cast.programmeId}/measure-library`, editorCookie)
    ).json();
    expect(asEditor.canEdit).toBe(true);
  });

  it("gives an empty house for a programme without one; 401 signed out; 404 for no programme", async () => {
    const ward = await programmeBySlug(ctx, "productive-ward");
    const response = await call("GET", `/api/programmes/${ward}/measure-library`, learnerCookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ modules: [], otherItems: [] });
    expect((await call("GET", `/api/programmes/${ward}/measure-library`, null)).statusCode).toBe(401);
    expect(
      (
        await call(
          "GET",
          "/api/programmes/00000000-0000-4000-8000-000000000000/measure-library",
          learnerCookie,
        )
      ).statusCode,
    ).toBe(404);
    expect((await call("GET", "/api/programmes/not-an-id/measure-library", learnerCookie)).statusCode).toBe(
      400,
    );
  });
});

describe("measure library: editing", () => {
  it("lets content editors and administrators add, change and delete items, audited", async () => {
    const url = `/api/manage/programmes/${cast.programmeId}/measure-library`;
    const added = await call("POST", url, editorCookie, { ...newItem, houseModuleId: house[6]?.id });
    expect(added.statusCode, added.body).toBe(201);
    const item = added.json() as LibraryItem;
    expect(item).toMatchObject({ ...newItem, houseModuleId: house[6]?.id, programmeId: cast.programmeId });
    const loose = await call("POST", url, adminCookie, { ...newItem, title: "Loose measure" });
    expect(loose.statusCode).toBe(201);
    const library = (
      await call("GET", `/api/programmes/${cast.programmeId}/measure-library`, editorCookie)
    ).json() as MeasureLibrary;
    expect(library.modules.find((m) => m.id === house[6]?.id)?.items.at(-1)?.title).toBe(newItem.title);
    expect(library.otherItems.map((i) => i.title)).toEqual(["Loose measure"]);

    const changed = await call("PATCH", `/api/manage/measure-library/${item.id}`, adminCookie, {
      title: "Handovers on time",
      houseModuleId: null,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ title: "Handovers on time", houseModuleId: null });

    const audits = await auditFor(ctx, "implementation.measure_library_changed");
    expect(audits.map((a) => (a.details as { change: string }).change).slice(0, 3)).toEqual([
      "changed",
      "added",
      "added",
    ]);
  });

  it("deleting a library item leaves teams' copies, no longer linked", async () => {
    const url = `/api/manage/programmes/${cast.programmeId}/measure-library`;
    const item = (
      await call("POST", url, editorCookie, { ...newItem, title: "Doomed measure" })
    ).json() as LibraryItem;
    const copy = await call("POST", `/api/implementation/teams/${cast.teamA.id}/measures`, leaderCookie, {
      libraryItemId: item.id,
    });
    expect(copy.statusCode, copy.body).toBe(201);
    const measure = copy.json() as TeamMeasure;
    expect(measure.libraryItemId).toBe(item.id);
    expect((await call("DELETE", `/api/manage/measure-library/${item.id}`, editorCookie)).statusCode).toBe(
      204,
    );
    expect((await call("DELETE", `/api/manage/measure-library/${item.id}`, editorCookie)).statusCode).toBe(
      404,
    );
    const after = await call("GET", `/api/implementation/team-measures/${measure.id}`, leaderCookie);
    expect(after.statusCode).toBe(200);
    expect(after.json().measure).toMatchObject({ title: "Doomed measure", libraryItemId: null });
    const [audit] = await auditFor(ctx, "implementation.measure_library_changed");
    expect(audit?.details).toMatchObject({ change: "deleted", title: "Doomed measure" });
  });

  it("refuses others, bad input and modules of another house, writing nothing", async () => {
    const url = `/api/manage/programmes/${cast.programmeId}/measure-library`;
    const [first] = house;
    const item = (
      await call("GET", `/api/programmes/${cast.programmeId}/measure-library`, editorCookie)
    ).json().modules[5].items[0] as LibraryItem;
    const before = await counts();
    expect((await call("POST", url, null, newItem)).statusCode).toBe(401);
    for (const cookie of [leadCookie, learnerCookie, leaderCookie]) {
      expect((await call("POST", url, cookie, newItem)).statusCode).toBe(403);
      expect(
        (await call("PATCH", `/api/manage/measure-library/${item.id}`, cookie, { title: "X" })).statusCode,
      ).toBe(403);
      expect((await call("DELETE", `/api/manage/measure-library/${item.id}`, cookie)).statusCode).toBe(403);
    }
    const blank = await call("POST", url, editorCookie, { ...newItem, title: " " });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().details[0].field).toBe("title");
    const noKind = await call("POST", url, editorCookie, { ...newItem, kind: "sideways" });
    expect(noKind.statusCode).toBe(400);
    const ward = await programmeBySlug(ctx, "productive-ward");
    const foreign = await call("POST", `/api/manage/programmes/${ward}/measure-library`, editorCookie, {
      ...newItem,
      houseModuleId: first?.id,
    });
    expect(foreign.statusCode).toBe(422);
    expect(foreign.json().details).toEqual([
      { field: "houseModuleId", message: "Choose a module of this programme's house" },
    ]);
    const foreignPatch = await call("PATCH", `/api/manage/measure-library/${item.id}`, editorCookie, {
      houseModuleId: "00000000-0000-4000-8000-000000000000",
    });
    expect(foreignPatch.statusCode).toBe(422);
    expect(
      (
        await call(
          "POST",
          "/api/manage/programmes/00000000-0000-4000-8000-000000000000/measure-library",
          editorCookie,
          newItem,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(
          "PATCH",
          "/api/manage/measure-library/00000000-0000-4000-8000-000000000000",
          editorCookie,
          {},
        )
      ).statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("measure library: API document", () => {
  it("lists the library, team measure and board routes under the implementation tag", async () => {
    const response = await call("GET", "/api/openapi.json", null);
    expect(response.statusCode).toBe(200);
    const spec = response.json() as { paths: Record<string, Record<string, { tags?: string[] }>> };
    for (const [path, method] of [
      ["/api/programmes/{id}/measure-library", "get"],
      ["/api/manage/programmes/{id}/measure-library", "post"],
      ["/api/manage/measure-library/{itemId}", "patch"],
      ["/api/implementation/teams/{teamId}/measures", "post"],
      ["/api/implementation/team-measures/{measureId}/import/apply", "post"],
      ["/api/implementation/teams/{teamId}/board", "put"],
    ] as const) {
      expect(spec.paths[path]?.[method]?.tags, `${method} ${path}`).toEqual(["implementation"]);
    }
  });
});
