import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedMeasuresDemo } from "../../src/server/modules/projects/measures.seed.js";
import type { Measure, MeasureDetail, MeasureList, MeasurePoint } from "../../src/shared/measures.js";
import { auditFor, buildAdmin, buildUser, signIn, tableCounts } from "../support/factories.js";
import { buildMeasure, buildPdsaCycle, buildProject, weeklyDates } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let leadCookie = "";
let memberCookie = "";
let readerCookie = "";
let outsiderCookie = "";
let adminCookie = "";
let projectId = "";
let privateProjectId = "";

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
    `select (select count(*)::int from project_measures) as measures,
            (select count(*)::int from measure_points) as points,
            (select count(*)::int from measure_annotations) as annotations,
            (select coalesce(sum(data_version), 0)::int from project_measures) as versions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

async function detail(measureId: string, cookie = leadCookie): Promise<MeasureDetail> {
  const response = await call("GET", `/api/measures/${measureId}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as MeasureDetail;
}

const newMeasure = {
  kind: "outcome",
  title: "Missed doses per 100 administrations",
  definition: "Doses missed or delayed over two hours.",
  unit: "per 100",
  improvementDirection: "decrease",
  frequency: "weekly",
  target: 2,
};

beforeAll(async () => {
  ctx = await createTestApp();
  const lead = await buildUser(ctx);
  const member = await buildUser(ctx);
  const reader = await buildUser(ctx);
  const outsider = await buildUser(ctx, { organisationId: null });
  leadCookie = await signIn(ctx, lead);
  memberCookie = await signIn(ctx, member);
  readerCookie = await signIn(ctx, reader);
  outsiderCookie = await signIn(ctx, outsider);
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
  const [org] = (await ctx.database.rawQuery("select organisation_id from users where id = $1", [
    reader.id,
  ])) as Array<{
    organisation_id: string;
  }>;
  projectId = (
    await buildProject(ctx, {
      leadId: lead.id,
      members: [{ userId: member.id }],
      organisationId: org?.organisation_id ?? null,
      visibility: "organisation",
    })
  ).id;
  privateProjectId = (await buildProject(ctx, { leadId: lead.id, visibility: "team" })).id;
});

afterAll(async () => {
  await ctx?.close();
});

describe("measures: signed out", () => {
  it("answers 401 everywhere", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const requests: Array<[Method, string, unknown?]> = [
      ["GET", `/api/projects/${id}/measures`],
      ["POST", `/api/projects/${id}/measures`, newMeasure],
      ["GET", `/api/measures/${id}`],
      ["PATCH", `/api/measures/${id}`, { title: "x" }],
      ["DELETE", `/api/measures/${id}`],
      ["POST", `/api/measures/${id}/points`, { date: "2026-01-05", value: 1 }],
      ["PATCH", `/api/measures/${id}/points/${id}`, { value: 1 }],
      ["DELETE", `/api/measures/${id}/points/${id}`],
      ["POST", `/api/measures/${id}/import/preview`, { text: "2026-01-05\t1" }],
      ["POST", `/api/measures/${id}/import`, { text: "2026-01-05\t1", mode: "add", onExisting: "refuse" }],
      ["POST", `/api/measures/${id}/annotations`, { date: "2026-01-05", label: "x" }],
      ["DELETE", `/api/measures/${id}/annotations/${id}`],
    ];
    for (const [method, url, body] of requests) {
      const response = await call(method, url, null, body);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe("measures: create and list", () => {
  it("lets the team add a measure with default rules, listed with its latest value and icons", async () => {
    const created = await call("POST", `/api/projects/${projectId}/measures`, memberCookie, newMeasure);
    expect(created.statusCode, created.body).toBe(201);
    const measure = created.json() as Measure;
    expect(measure.rules).toEqual({
      shiftLength: 6,
      trendLength: 6,
      excludeMovingRangeOutliers: false,
      twoOfThreeCountsBeyondLimits: true,
    });
    expect(measure.target).toBe(2);
    const point = await call("POST", `/api/measures/${measure.id}/points`, memberCookie, {
      date: "2026-01-05",
      value: 6,
    });
    expect(point.statusCode, point.body).toBe(201);
    const list = await call("GET", `/api/projects/${projectId}/measures`, readerCookie);
    expect(list.statusCode, list.body).toBe(200);
    const body = list.json() as MeasureList;
    const item = body.measures.find((m) => m.id === measure.id);
    expect(item?.latest?.value).toBe(6);
    expect(item?.pointCount).toBe(1);
    expect(item?.summary?.variation).toBe("common_cause");
    expect(body.myAccess.canEdit).toBe(false);
  });

  it("keeps rule settings the team gives, and refuses lengths outside 5–10 with nothing written", async () => {
    const ok = await call("POST", `/api/projects/${projectId}/measures`, leadCookie, {
      ...newMeasure,
      title: "Seven-point rules",
      rules: {
        shiftLength: 7,
        trendLength: 7,
        excludeMovingRangeOutliers: true,
        twoOfThreeCountsBeyondLimits: false,
      },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((ok.json() as Measure).rules.shiftLength).toBe(7);
    const before = await counts();
    for (const body of [
      {
        ...newMeasure,
        rules: {
          shiftLength: 4,
          trendLength: 6,
          excludeMovingRangeOutliers: false,
          twoOfThreeCountsBeyondLimits: true,
        },
      },
      {
        ...newMeasure,
        rules: {
          shiftLength: 6,
          trendLength: 11,
          excludeMovingRangeOutliers: false,
          twoOfThreeCountsBeyondLimits: true,
        },
      },
      { ...newMeasure, title: "" },
      { ...newMeasure, title: "x".repeat(201) },
      { ...newMeasure, kind: "other" },
      { ...newMeasure, improvementDirection: "up" },
      { ...newMeasure, target: "lots" },
      { ...newMeasure, surprise: true },
    ]) {
      const response = await call("POST", `/api/projects/${projectId}/measures`, leadCookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().details?.length).toBeGreaterThan(0);
    }
    expect(await counts()).toEqual(before);
  });

  it("answers 403 to a reader who tries to add one, and 404 to outsiders and for private projects", async () => {
    const before = await counts();
    expect(
      (await call("POST", `/api/projects/${projectId}/measures`, readerCookie, newMeasure)).statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/projects/${projectId}/measures`, outsiderCookie, newMeasure)).statusCode,
    ).toBe(404);
    expect((await call("GET", `/api/projects/${projectId}/measures`, outsiderCookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/projects/${privateProjectId}/measures`, readerCookie)).statusCode).toBe(
      404,
    );
    // A platform administrator reads but does not edit.
    expect((await call("GET", `/api/projects/${privateProjectId}/measures`, adminCookie)).statusCode).toBe(
      200,
    );
    expect(
      (await call("POST", `/api/projects/${privateProjectId}/measures`, adminCookie, newMeasure)).statusCode,
    ).toBe(403);
    expect(
      (await call("GET", "/api/projects/00000000-0000-4000-8000-000000000000/measures", leadCookie))
        .statusCode,
    ).toBe(404);
    expect((await call("GET", "/api/projects/not-a-uuid/measures", leadCookie)).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("measures: the measure page's data", () => {
  it("gives points, notes, PDSA cycles, rebases and the analysis, with the viewer's access", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6] });
    await buildPdsaCycle(ctx, projectId, { title: "Protected drug rounds", startsOn: "2026-02-02" });
    const note = await call("POST", `/api/measures/${m.id}/annotations`, memberCookie, {
      date: "2026-01-19",
      label: "New tabards",
    });
    expect(note.statusCode, note.body).toBe(201);
    const body = await detail(m.id);
    expect(body.points).toHaveLength(12);
    expect(body.points[0]).toMatchObject({ date: "2026-01-05", value: 5 });
    expect(body.annotations).toEqual([expect.objectContaining({ date: "2026-01-19", label: "New tabards" })]);
    expect(body.chartAnnotations).toEqual(
      expect.arrayContaining([
        { date: "2026-01-19", label: "New tabards", kind: "note" },
        { date: "2026-02-02", label: "Protected drug rounds", kind: "pdsa" },
      ]),
    );
    expect(body.analysis?.points).toHaveLength(12);
    expect(body.analysis?.summary.rules.shiftLength).toBe(6);
    expect(body.myAccess.canEdit).toBe(true);
    const asReader = await detail(m.id, readerCookie);
    expect(asReader.myAccess.canEdit).toBe(false);
    expect((await call("GET", `/api/measures/${m.id}`, outsiderCookie)).statusCode).toBe(404);
    expect(
      (await call("GET", "/api/measures/00000000-0000-4000-8000-000000000000", leadCookie)).statusCode,
    ).toBe(404);
  });

  it("gives a null analysis for a measure with no values", async () => {
    const m = await buildMeasure(ctx, projectId);
    const body = await detail(m.id);
    expect(body.points).toEqual([]);
    expect(body.analysis).toBeNull();
  });
});

describe("measures: statements per read", () => {
  it("reads a measure, and a project's list, in a constant number of statements whatever the number of values", async () => {
    const small = await buildMeasure(ctx, projectId, { values: [1, 2, 3] });
    const large = await buildMeasure(ctx, projectId, {
      values: Array.from({ length: 300 }, (_, i) => i % 7),
    });
    await buildPdsaCycle(ctx, projectId, { startsOn: "2026-02-02" });
    const statements = async (url: string) => {
      await call("GET", url, leadCookie); // warm the session cache
      const before = ctx.database.queryCount();
      const response = await call("GET", url, leadCookie);
      expect(response.statusCode).toBe(200);
      return ctx.database.queryCount() - before;
    };
    const one = await statements(`/api/measures/${small.id}`);
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThanOrEqual(7);
    expect(await statements(`/api/measures/${large.id}`)).toBe(one);
    const listBefore = await statements(`/api/projects/${projectId}/measures`);
    await buildMeasure(ctx, projectId, { values: [4, 5, 6, 7] });
    expect(await statements(`/api/projects/${projectId}/measures`)).toBe(listBefore);
  });
});

describe("measures: settings", () => {
  it("changes the analysis: a rebase makes two segments, a fixed baseline fixes the limits, data_version goes up", async () => {
    const values = [
      ...Array.from({ length: 12 }, (_, i) => 6 + ((i % 3) - 1) * 0.5),
      ...Array.from({ length: 12 }, (_, i) => 3 + ((i % 3) - 1) * 0.3),
    ];
    const m = await buildMeasure(ctx, projectId, { values });
    const dates = weeklyDates("2026-01-05", 24);
    const before = await detail(m.id);
    expect(before.analysis?.summary.segmentStarts).toEqual([0]);
    expect(before.analysis?.summary.variation).toBe("improvement_low");

    const rebased = await call("PATCH", `/api/measures/${m.id}`, memberCookie, { rebaseOn: [dates[12]] });
    expect(rebased.statusCode, rebased.body).toBe(200);
    expect((rebased.json() as Measure).dataVersion).toBe(before.measure.dataVersion + 1);
    const after = await detail(m.id);
    expect(after.analysis?.summary.segmentStarts).toEqual([0, 12]);
    expect(after.analysis?.points[13]?.segment).toBe(1);
    expect(after.chartAnnotations).toContainEqual({
      date: dates[12],
      label: "Limits recalculated",
      kind: "rebase",
    });

    const fixed = await call("PATCH", `/api/measures/${m.id}`, memberCookie, {
      rebaseOn: [],
      baselineEndOn: dates[5],
    });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const baseline = await detail(m.id);
    expect(baseline.analysis?.summary.baselineEnd).toBe(5);
    const firstSix = values.slice(0, 6).reduce((s, v) => s + v, 0) / 6;
    expect(baseline.analysis?.points[20]?.mean).toBeCloseTo(firstSix, 6);

    const rules = await call("PATCH", `/api/measures/${m.id}`, memberCookie, {
      baselineEndOn: null,
      target: null,
      rules: {
        shiftLength: 8,
        trendLength: 5,
        excludeMovingRangeOutliers: false,
        twoOfThreeCountsBeyondLimits: false,
      },
    });
    expect(rules.statusCode, rules.body).toBe(200);
    const last = await detail(m.id);
    expect(last.analysis?.summary.rules).toMatchObject({ shiftLength: 8, trendLength: 5 });
    expect(last.measure.baselineEndOn).toBeNull();
  });

  it("refuses bad settings with nothing written, and readers with 403", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [1, 2, 3] });
    const before = await counts();
    for (const body of [
      { rebaseOn: ["2026-01-05", "2026-01-05"] },
      { rebaseOn: Array.from({ length: 21 }, (_, i) => weeklyDates("2026-01-05", 21)[i]) },
      { rebaseOn: ["05/01/2026"] },
      { baselineEndOn: "1989-12-31" },
      { baselineEndOn: "2026-02-30" },
      {
        rules: {
          shiftLength: 11,
          trendLength: 6,
          excludeMovingRangeOutliers: false,
          twoOfThreeCountsBeyondLimits: true,
        },
      },
      { title: "" },
    ]) {
      const response = await call("PATCH", `/api/measures/${m.id}`, leadCookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await call("PATCH", `/api/measures/${m.id}`, readerCookie, { title: "Mine" })).statusCode).toBe(
      403,
    );
    expect((await call("PATCH", `/api/measures/${m.id}`, outsiderCookie, { title: "Mine" })).statusCode).toBe(
      404,
    );
    expect((await call("DELETE", `/api/measures/${m.id}`, readerCookie)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it("refuses to make a measure a percentage while a value is over 100", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [50, 140] });
    const response = await call("PATCH", `/api/measures/${m.id}`, leadCookie, { unit: "%" });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().message).toContain("12 January 2026");
  });

  it("deletes a measure with its values and notes, audited", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [1, 2, 3] });
    const response = await call("DELETE", `/api/measures/${m.id}`, memberCookie);
    expect(response.statusCode, response.body).toBe(204);
    expect((await call("GET", `/api/measures/${m.id}`, leadCookie)).statusCode).toBe(404);
    const [entry] = await auditFor(ctx, "measures.deleted");
    expect(entry?.subjectId).toBe(m.id);
    expect(entry?.details).toMatchObject({ rows: 3 });
  });
});

describe("measures: values one by one", () => {
  it("adds, changes and deletes a value, bumping the data version each time", async () => {
    const m = await buildMeasure(ctx, projectId);
    const v0 = (await detail(m.id)).measure.dataVersion;
    const added = await call("POST", `/api/measures/${m.id}/points`, memberCookie, {
      date: "2026-01-05",
      value: 4.5,
      note: "Short-staffed",
    });
    expect(added.statusCode, added.body).toBe(201);
    const point = added.json() as MeasurePoint;
    expect(point).toMatchObject({ date: "2026-01-05", value: 4.5, note: "Short-staffed" });
    const changed = await call("PATCH", `/api/measures/${m.id}/points/${point.id}`, memberCookie, {
      value: 5,
      date: "2026-01-06",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ date: "2026-01-06", value: 5, note: "Short-staffed" });
    const deleted = await call("DELETE", `/api/measures/${m.id}/points/${point.id}`, memberCookie);
    expect(deleted.statusCode).toBe(204);
    const after = await detail(m.id);
    expect(after.points).toEqual([]);
    expect(after.measure.dataVersion).toBe(v0 + 3);
  });

  it("answers 409 for a date that already has a value, naming the date", async () => {
    const m = await buildMeasure(ctx, projectId, { values: [1, 2] });
    const before = await counts();
    const response = await call("POST", `/api/measures/${m.id}/points`, leadCookie, {
      date: "2026-01-05",
      value: 3,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe("There is already a value for 5 January 2026 — change it instead");
    const second = (await detail(m.id)).points[1];
    const moved = await call("PATCH", `/api/measures/${m.id}/points/${second?.id}`, leadCookie, {
      date: "2026-01-05",
    });
    expect(moved.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it("refuses bad values with nothing written: not numbers, infinite, out-of-range dates, percentages over 100", async () => {
    const m = await buildMeasure(ctx, projectId);
    const percent = await call("POST", `/api/projects/${projectId}/measures`, leadCookie, {
      ...newMeasure,
      title: "% with a second check",
      unit: "%",
      improvementDirection: "increase",
    });
    const percentId = (percent.json() as Measure).id;
    const before = await counts();
    for (const body of [
      { date: "2026-01-05", value: "six" },
      { date: "2026-01-05", value: null },
      { date: "2026-01-05" },
      { date: "1989-12-31", value: 1 },
      { date: "2101-01-01", value: 1 },
      { date: "05/01/2026", value: 1 },
      { date: "2026-01-05", value: 1, note: "x".repeat(501) },
    ]) {
      const response = await call("POST", `/api/measures/${m.id}/points`, leadCookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    // JSON has no Infinity, but a huge exponent parses to it.
    const infinite = await ctx.app.inject({
      method: "POST",
      url: `/api/measures/${m.id}/points`,
      headers: { cookie: leadCookie, "content-type": "application/json" },
      payload: '{"date":"2026-01-05","value":1e999}',
    });
    expect(infinite.statusCode).toBe(400);
    const over = await call("POST", `/api/measures/${percentId}/points`, leadCookie, {
      date: "2026-01-05",
      value: 101,
    });
    expect(over.statusCode).toBe(422);
    expect(over.json().details).toEqual([{ field: "value", message: "Enter a percentage from 0 to 100" }]);
    expect(await counts()).toEqual(before);
  });

  it("answers 404 for another measure's value, and 403 to readers", async () => {
    const a = await buildMeasure(ctx, projectId, { values: [1] });
    const b = await buildMeasure(ctx, projectId, { values: [2] });
    const bPoint = (await detail(b.id)).points[0]?.id;
    const before = await counts();
    expect(
      (await call("PATCH", `/api/measures/${a.id}/points/${bPoint}`, leadCookie, { value: 9 })).statusCode,
    ).toBe(404);
    expect((await call("DELETE", `/api/measures/${a.id}/points/${bPoint}`, leadCookie)).statusCode).toBe(404);
    expect(
      (await call("PATCH", `/api/measures/${b.id}/points/${bPoint}`, readerCookie, { value: 9 })).statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/measures/${b.id}/points`, readerCookie, { date: "2026-03-02", value: 9 }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call("POST", `/api/measures/${b.id}/points`, outsiderCookie, { date: "2026-03-02", value: 9 }))
        .statusCode,
    ).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe("measures: the demo seed", () => {
  it("adds three measures with data and notes to a project, once", async () => {
    const lead = await buildUser(ctx);
    const demo = await buildProject(ctx, {
      leadId: lead.id,
      title: "Reducing missed medication doses on Ward 10",
    });
    await buildPdsaCycle(ctx, demo.id, { title: "Protected drug rounds", startsOn: "2026-03-09" });
    await seedMeasuresDemo(ctx.database.db, demo.id);
    await seedMeasuresDemo(ctx.database.db, demo.id);
    const list = (
      await call("GET", `/api/projects/${demo.id}/measures`, await signIn(ctx, lead))
    ).json() as MeasureList;
    expect(list.measures.map((m) => m.kind)).toEqual(["outcome", "process", "balancing"]);
    const outcome = list.measures[0];
    expect(outcome?.pointCount).toBe(26);
    expect(list.measures[1]?.pointCount).toBe(20);
    expect(list.measures[2]?.pointCount).toBe(20);
    const body = await detail(outcome?.id ?? "", await signIn(ctx, lead));
    expect(body.annotations).toHaveLength(2);
    expect(body.analysis?.summary.segmentStarts).toEqual([0, 10]);
    expect(body.chartAnnotations.map((a) => a.kind)).toEqual(
      expect.arrayContaining(["pdsa", "rebase", "note"]),
    );
    // Without the rebase the drop shows as special cause improvement.
    const [row] = (await ctx.database.rawQuery(
      "update project_measures set rebase_on = '[]' where id = $1 returning id",
      [outcome?.id],
    )) as Array<{ id: string }>;
    expect(row).toBeDefined();
    const unrebased = await detail(outcome?.id ?? "", await signIn(ctx, lead));
    expect(unrebased.analysis?.summary.variation).toBe("improvement_low");
    expect(unrebased.analysis?.points.slice(10).every((p) => p.specialCause === "improvement")).toBe(true);
  });
});

describe("measures: API description", () => {
  it("describes the measure routes in the OpenAPI document", async () => {
    const response = await call("GET", "/api/openapi.json", null);
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/projects/{projectId}/measures",
        "/api/measures/{measureId}",
        "/api/measures/{measureId}/points/{pointId}",
        "/api/measures/{measureId}/import/preview",
        "/api/measures/{measureId}/import",
        "/api/measures/{measureId}/annotations/{annotationId}",
      ]),
    );
  });
});
