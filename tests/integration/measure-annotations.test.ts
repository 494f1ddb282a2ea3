import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeasureAnnotation, MeasureDetail } from "../../src/shared/measures.js";
import { buildUser, signIn, tableCounts } from "../support/factories.js";
import { buildMeasure, buildPdsaCycle, buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let leadCookie = "";
let readerCookie = "";
let outsiderCookie = "";
let projectId = "";
let privateProjectId = "";

beforeAll(async () => {
  ctx = await createTestApp();
  const lead = await buildUser(ctx);
  leadCookie = await signIn(ctx, lead);
  readerCookie = await signIn(ctx, await buildUser(ctx));
  outsiderCookie = await signIn(ctx, await buildUser(ctx));
  projectId = (await buildProject(ctx, { leadId: lead.id, visibility: "signed_in" })).id;
  privateProjectId = (await buildProject(ctx, { leadId: lead.id, visibility: "team" })).id;
});

afterAll(async () => {
  await ctx?.close();
});

function call(method: "GET" | "POST" | "DELETE", url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function detail(measureId: string): Promise<MeasureDetail> {
  const response = await call("GET", `/api/measures/${measureId}`, leadCookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MeasureDetail;
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    "select (select count(*)::int from measure_annotations) as annotations",
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

describe("measure annotations", () => {
  it("adds a note shown on the chart in date order with PDSA cycles, and removes it", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [3, 4, 5, 4, 3] });
    await buildPdsaCycle(ctx, projectId, { title: "Night rounding", startsOn: "2026-01-12" });
    const v0 = (await detail(m.id)).measure.dataVersion;
    const added = await call("POST", `/api/measures/${m.id}/annotations`, leadCookie, {
      date: "2026-01-26",
      label: "  Bed rails audit  ",
    });
    expect(added.statusCode, added.body).toBe(201);
    const note = added.json() as MeasureAnnotation;
    expect(note).toMatchObject({ date: "2026-01-26", label: "Bed rails audit" });
    const body = await detail(m.id);
    expect(body.measure.dataVersion).toBe(v0 + 1);
    expect(body.chartAnnotations).toEqual([
      { date: "2026-01-12", label: "Night rounding", kind: "pdsa" },
      { date: "2026-01-26", label: "Bed rails audit", kind: "note" },
    ]);
    const removed = await call("DELETE", `/api/measures/${m.id}/annotations/${note.id}`, leadCookie);
    expect(removed.statusCode).toBe(204);
    expect((await detail(m.id)).annotations).toEqual([]);
  });

  it("shows the project's PDSA cycles on every measure of the project, and not on other projects' measures", async () => {
    const a = await buildMeasure(ctx, privateProjectId, { values: [1, 2] });
    const b = await buildMeasure(ctx, privateProjectId, { values: [1, 2] });
    await buildPdsaCycle(ctx, privateProjectId, { title: "Huddle board", startsOn: "2026-02-09" });
    for (const id of [a.id, b.id]) {
      expect((await detail(id)).chartAnnotations).toContainEqual({
        date: "2026-02-09",
        label: "Huddle board",
        kind: "pdsa",
      });
    }
    const other = await buildMeasure(ctx, projectId);
    expect((await detail(other.id)).chartAnnotations.map((x) => x.label)).not.toContain("Huddle board");
  });

  it("refuses bad notes with nothing written: no label, too long, bad dates, unknown fields", async () => {
    const m = await buildMeasure(ctx, projectId);
    const before = await counts();
    for (const body of [
      { date: "2026-01-05", label: "" },
      { date: "2026-01-05", label: "   " },
      { date: "2026-01-05", label: "x".repeat(201) },
      { date: "2026-13-01", label: "Note" },
      { date: "1989-01-01", label: "Note" },
      { label: "Note" },
      { date: "2026-01-05", label: "Note", kind: "pdsa" },
    ]) {
      const response = await call("POST", `/api/measures/${m.id}/annotations`, leadCookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().details?.[0]?.message).toBeTruthy();
    }
    expect(await counts()).toEqual(before);
  });

  it("answers 401, 403 to readers, 404 to outsiders of private projects and for another measure's note", async () => {
    const m = await buildMeasure(ctx, projectId);
    const hidden = await buildMeasure(ctx, privateProjectId);
    const note = (
      await call("POST", `/api/measures/${m.id}/annotations`, leadCookie, {
        date: "2026-01-05",
        label: "Note",
      })
    ).json() as MeasureAnnotation;
    const before = await counts();
    const body = { date: "2026-01-05", label: "Mine" };
    expect((await call("POST", `/api/measures/${m.id}/annotations`, null, body)).statusCode).toBe(401);
    expect((await call("POST", `/api/measures/${m.id}/annotations`, readerCookie, body)).statusCode).toBe(
      403,
    );
    expect(
      (await call("DELETE", `/api/measures/${m.id}/annotations/${note.id}`, readerCookie)).statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/measures/${hidden.id}/annotations`, outsiderCookie, body)).statusCode,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/measures/${hidden.id}/annotations/${note.id}`, leadCookie)).statusCode,
    ).toBe(404);
    expect(
      (
        await call(
          "DELETE",
          `/api/measures/${m.id}/annotations/00000000-0000-4000-8000-000000000000`,
          leadCookie,
        )
      ).statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });
});
