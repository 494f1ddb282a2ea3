import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamModuleProgress } from "../../src/server/db/schema/index.js";
import { seedImplementationDemo } from "../../src/server/modules/implementation/implementation-demo.seed.js";
import { seedTeamMeasuresDemo } from "../../src/server/modules/implementation/team-measures.seed.js";
import { DEMO_TRUST_NAME } from "../../src/server/seed-names.js";
import type {
  TeamBoard,
  TeamMeasure,
  TeamMeasureDetail,
  TeamMeasureList,
} from "../../src/shared/implementation-measures.js";
import type { ImportPreviewResult, ImportResult, MeasurePoint } from "../../src/shared/measures.js";
import { auditFor, buildUser, signIn, TEST_PASSWORD, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  houseOf,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { multipartBody } from "../support/portfolio-fixtures.js";
import { weeklyDates } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};
let house: Awaited<ReturnType<typeof houseOf>>;
let libraryIds: Record<string, string> = {};

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

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
    `select (select count(*)::int from team_measures) as measures,
            (select count(*)::int from team_measure_points) as points,
            (select coalesce(sum(data_version), 0)::int from team_measures) as versions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

const ownMeasure = {
  kind: "process",
  title: "Home visits cancelled on the day",
  definition: "Visits cancelled by the team on the day they were due.",
  unit: "visits",
  improvementDirection: "decrease",
  frequency: "weekly",
  target: 3,
};

async function addOwn(cookie = cookies.leaderA ?? "", teamId = cast.teamA.id, body: object = ownMeasure) {
  const response = await call("POST", `/api/implementation/teams/${teamId}/measures`, cookie, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as TeamMeasure;
}

async function detail(measureId: string, cookie = cookies.leaderA ?? ""): Promise<TeamMeasureDetail> {
  const response = await call("GET", `/api/implementation/team-measures/${measureId}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TeamMeasureDetail;
}

beforeAll(async () => {
  ctx = await createTestApp();
  cast = await buildImplementationCast(ctx);
  for (const [key, user] of Object.entries({
    lead: cast.programmeLead,
    executive: cast.executive,
    finance: cast.financeLead,
    leaderA: cast.teamLeaderA,
    leaderB: cast.teamLeaderB,
    colleague: cast.colleague,
    otherLead: cast.otherLead,
    admin: cast.admin,
  })) {
    cookies[key] = await signIn(ctx, user);
  }
  house = await houseOf(ctx, cast.programmeId);
  const library = (await ctx.database.rawQuery(
    "select id, title from measure_library_items where programme_id = $1",
    [cast.programmeId],
  )) as Array<{ id: string; title: string }>;
  libraryIds = Object.fromEntries(library.map((i) => [i.title, i.id]));
});

afterAll(async () => {
  await ctx.close();
});

describe("team measures: adding", () => {
  it("copies a library measure's details for the team leader, with a target; 409 the second time", async () => {
    const response = await call(
      "POST",
      `/api/implementation/teams/${cast.teamA.id}/measures`,
      cookies.leaderA ?? "",
      {
        libraryItemId: libraryIds["Time looking for stock"],
        target: 35,
      },
    );
    expect(response.statusCode, response.body).toBe(201);
    const measure = response.json() as TeamMeasure;
    expect(measure).toMatchObject({
      teamId: cast.teamA.id,
      libraryItemId: libraryIds["Time looking for stock"],
      houseModuleId: house[5]?.id,
      moduleTitle: "Well Organised Working Environment",
      kind: "outcome",
      title: "Time looking for stock",
      unit: "minutes",
      improvementDirection: "decrease",
      frequency: "weekly",
      target: 35,
      onBoard: false,
      rules: { shiftLength: 6, trendLength: 6 },
    });
    const before = await counts();
    const again = await call(
      "POST",
      `/api/implementation/teams/${cast.teamA.id}/measures`,
      cookies.lead ?? "",
      {
        libraryItemId: libraryIds["Time looking for stock"],
      },
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("already has Time looking for stock");
    expect(await counts()).toEqual(before);
  });

  it("adds the team's own measure, with a module of the house, for the programme lead", async () => {
    const measure = await addOwn(cookies.lead, cast.teamA.id, { ...ownMeasure, houseModuleId: house[9]?.id });
    expect(measure).toMatchObject({
      title: ownMeasure.title,
      libraryItemId: null,
      moduleTitle: house[9]?.title,
    });
  });

  it("refuses bad input and writes nothing", async () => {
    const before = await counts();
    const url = `/api/implementation/teams/${cast.teamA.id}/measures`;
    const missing = await call("POST", url, cookies.leaderA ?? "", { title: "" });
    expect(missing.statusCode).toBe(400);
    const fields = (missing.json().details as Array<{ field: string }>).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["title", "kind", "improvementDirection", "frequency"]));
    const mixed = await call("POST", url, cookies.leaderA ?? "", {
      libraryItemId: libraryIds["Stock value"],
      title: "Mine",
    });
    expect(mixed.statusCode).toBe(400);
    const foreignModule = await call("POST", url, cookies.leaderA ?? "", {
      ...ownMeasure,
      houseModuleId: "00000000-0000-4000-8000-000000000000",
    });
    expect(foreignModule.statusCode).toBe(422);
    expect(foreignModule.json().details[0].field).toBe("houseModuleId");
    const unknownItem = await call("POST", url, cookies.leaderA ?? "", {
      libraryItemId: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknownItem.statusCode).toBe(422);
    const percent = await call("POST", url, cookies.leaderA ?? "", {
      ...ownMeasure,
      unit: "%",
      target: 140,
    });
    expect(percent.statusCode).toBe(422);
    expect(percent.json().details[0]).toEqual({
      field: "target",
      message: "Enter a percentage from 0 to 100",
    });
    expect(await counts()).toEqual(before);
  });

  it("follows the authorisation matrix", async () => {
    const before = await counts();
    const url = `/api/implementation/teams/${cast.teamA.id}/measures`;
    expect((await call("POST", url, null, ownMeasure)).statusCode).toBe(401);
    for (const who of ["leaderB", "executive", "finance", "admin"]) {
      expect((await call("POST", url, cookies[who] ?? "", ownMeasure)).statusCode, who).toBe(403);
    }
    for (const who of ["colleague", "otherLead"]) {
      expect((await call("POST", url, cookies[who] ?? "", ownMeasure)).statusCode, who).toBe(404);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("team measures: the team's list", () => {
  it("lists measures with latest value, count and icons for everyone who can read the team", async () => {
    const measure = await addOwn();
    await call("POST", `/api/implementation/team-measures/${measure.id}/points`, cookies.leaderA ?? "", {
      date: "2026-03-02",
      value: 6,
    });
    await call("POST", `/api/implementation/team-measures/${measure.id}/points`, cookies.leaderA ?? "", {
      date: "2026-03-09",
      value: 4,
      note: "New rota",
    });
    for (const who of ["leaderA", "lead", "executive", "finance", "admin"]) {
      const response = await call(
        "GET",
        `/api/implementation/teams/${cast.teamA.id}/measures`,
        cookies[who] ?? "",
      );
      expect(response.statusCode, who).toBe(200);
      const list = response.json() as TeamMeasureList;
      expect(list.team).toEqual({
        id: cast.teamA.id,
        name: cast.teamA.name,
        registrationId: cast.registration.id,
      });
      expect(list.programmeId).toBe(cast.programmeId);
      expect(list.canEdit, who).toBe(who === "leaderA" || who === "lead");
      const item = list.measures.find((m) => m.id === measure.id);
      expect(item?.pointCount).toBe(2);
      expect(item?.latest).toMatchObject({ date: "2026-03-09", value: 4, note: "New rota" });
      expect(item?.summary?.variation).toBe("common_cause");
    }
    const url = `/api/implementation/teams/${cast.teamA.id}/measures`;
    expect((await call("GET", url, null)).statusCode).toBe(401);
    expect((await call("GET", url, cookies.leaderB ?? "")).statusCode).toBe(403);
    expect((await call("GET", url, cookies.colleague ?? "")).statusCode).toBe(404);
    expect((await call("GET", url, cookies.otherLead ?? "")).statusCode).toBe(404);
  });
});

describe("team measures: values", () => {
  it("adds, changes and deletes values; 409 on a date that has one; data_version goes up each time", async () => {
    const measure = await addOwn();
    const url = `/api/implementation/team-measures/${measure.id}/points`;
    const first = await call("POST", url, cookies.leaderA ?? "", { date: "2026-01-05", value: 5, note: "" });
    expect(first.statusCode, first.body).toBe(201);
    const point = first.json() as MeasurePoint;
    const before = await counts();
    const clash = await call("POST", url, cookies.leaderA ?? "", { date: "2026-01-05", value: 7 });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().message).toBe("There is already a value for 5 January 2026 — change it instead");
    expect(await counts()).toEqual(before);
    const second = await call("POST", url, cookies.lead ?? "", { date: "2026-01-12", value: 3 });
    expect(second.statusCode).toBe(201);
    const moveClash = await call("PATCH", `${url}/${point.id}`, cookies.leaderA ?? "", {
      date: "2026-01-12",
    });
    expect(moveClash.statusCode).toBe(409);
    const changed = await call("PATCH", `${url}/${point.id}`, cookies.leaderA ?? "", {
      value: 6,
      note: "Snow",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ date: "2026-01-05", value: 6, note: "Snow" });
    const version = (await detail(measure.id)).measure.dataVersion;
    expect((await call("DELETE", `${url}/${point.id}`, cookies.leaderA ?? "")).statusCode).toBe(204);
    const after = await detail(measure.id);
    expect(after.measure.dataVersion).toBe(version + 1);
    expect(after.points.map((p) => p.value)).toEqual([3]);
    expect((await call("DELETE", `${url}/${point.id}`, cookies.leaderA ?? "")).statusCode).toBe(404);
  });

  it("refuses values others may not write, percentages over 100 and bad dates, writing nothing", async () => {
    const measure = await addOwn(cookies.leaderA, cast.teamA.id, { ...ownMeasure, unit: "%", target: 40 });
    const url = `/api/implementation/team-measures/${measure.id}/points`;
    const before = await counts();
    expect((await call("POST", url, null, { date: "2026-01-05", value: 5 })).statusCode).toBe(401);
    for (const who of ["leaderB", "executive", "finance", "admin"]) {
      expect(
        (await call("POST", url, cookies[who] ?? "", { date: "2026-01-05", value: 5 })).statusCode,
        who,
      ).toBe(403);
    }
    for (const who of ["colleague", "otherLead"]) {
      expect(
        (await call("POST", url, cookies[who] ?? "", { date: "2026-01-05", value: 5 })).statusCode,
        who,
      ).toBe(404);
    }
    const over = await call("POST", url, cookies.leaderA ?? "", { date: "2026-01-05", value: 120 });
    expect(over.statusCode).toBe(422);
    expect(over.json().details).toEqual([{ field: "value", message: "Enter a percentage from 0 to 100" }]);
    const badDate = await call("POST", url, cookies.leaderA ?? "", { date: "2026-02-30", value: 5 });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().details[0].field).toBe("date");
    expect(await counts()).toEqual(before);
  });
});

describe("team measures: one measure, its chart and settings", () => {
  it("gives points, analysis and the team's module dates as chart annotations", async () => {
    const measure = await addOwn();
    const moduleA = house[5];
    const moduleB = house[6];
    if (!moduleA || !moduleB) throw new Error("house not seeded");
    await ctx.database.db.insert(teamModuleProgress).values([
      {
        teamId: cast.teamA.id,
        houseModuleId: moduleA.id,
        status: "complete",
        startedOn: "2026-01-12",
        completedOn: "2026-02-23",
      },
      { teamId: cast.teamA.id, houseModuleId: moduleB.id, status: "in_progress", startedOn: "2026-02-23" },
    ]);
    const text = Array.from({ length: 14 }, (_, i) => `${12 + i}/01/2026\t${i < 6 ? 9 : 3}`)
      .slice(0, 14)
      .join("\n");
    // 14 daily values: six around 9, then eight around 3 (a shift of improvement).
    const imported = await call(
      "POST",
      `/api/implementation/team-measures/${measure.id}/import/apply`,
      cookies.leaderA ?? "",
      { text, mode: "add", onExisting: "overwrite" },
    );
    expect(imported.statusCode, imported.body).toBe(200);
    const body = await detail(measure.id);
    expect(body.team.registrationId).toBe(cast.registration.id);
    expect(body.canEdit).toBe(true);
    expect(body.points).toHaveLength(14);
    expect(body.analysis?.summary.variation).toBe("improvement_low");
    expect(body.annotations).toEqual([
      { date: "2026-01-12", label: `Started ${moduleA.title}`, kind: "note" },
      { date: "2026-02-23", label: `Completed ${moduleA.title}`, kind: "note" },
      { date: "2026-02-23", label: `Started ${moduleB.title}`, kind: "note" },
    ]);
    expect((await detail(measure.id, cookies.executive)).canEdit).toBe(false);
    const url = `/api/implementation/team-measures/${measure.id}`;
    expect((await call("GET", url, null)).statusCode).toBe(401);
    expect((await call("GET", url, cookies.leaderB ?? "")).statusCode).toBe(403);
    expect((await call("GET", url, cookies.otherLead ?? "")).statusCode).toBe(404);
    expect((await call("GET", url, cookies.colleague ?? "")).statusCode).toBe(404);
    expect(
      (
        await call(
          "GET",
          "/api/implementation/team-measures/00000000-0000-4000-8000-000000000000",
          cookies.lead ?? "",
        )
      ).statusCode,
    ).toBe(404);
  });

  it("reads a measure and the team's list in a constant number of statements", async () => {
    const small = await addOwn();
    await call("POST", `/api/implementation/team-measures/${small.id}/points`, cookies.leaderA ?? "", {
      date: "2026-01-05",
      value: 1,
    });
    const large = await addOwn();
    const text = Array.from({ length: 300 }, (_, i) => {
      const d = new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      return `${d},${i % 7}`;
    }).join("\n");
    const imported = await call(
      "POST",
      `/api/implementation/team-measures/${large.id}/import/apply`,
      cookies.leaderA ?? "",
      { text, mode: "add", onExisting: "overwrite" },
    );
    expect(imported.statusCode, imported.body).toBe(200);
    const statements = async (url: string) => {
      await call("GET", url, cookies.leaderA ?? "");
      const before = ctx.database.queryCount();
      const response = await call("GET", url, cookies.leaderA ?? "");
      expect(response.statusCode).toBe(200);
      return ctx.database.queryCount() - before;
    };
    const one = await statements(`/api/implementation/team-measures/${small.id}`);
    expect(one).toBeLessThanOrEqual(8);
    expect(await statements(`/api/implementation/team-measures/${large.id}`)).toBe(one);
    const list = await statements(`/api/implementation/teams/${cast.teamA.id}/measures`);
    await addOwn();
    expect(await statements(`/api/implementation/teams/${cast.teamA.id}/measures`)).toBe(list);
  });

  it("changes details, target, rules and board place; refuses a % unit over existing values", async () => {
    const measure = await addOwn();
    await call("POST", `/api/implementation/team-measures/${measure.id}/points`, cookies.leaderA ?? "", {
      date: "2026-01-05",
      value: 150,
    });
    const url = `/api/implementation/team-measures/${measure.id}`;
    const before = await counts();
    const percent = await call("PATCH", url, cookies.leaderA ?? "", { unit: "%" });
    expect(percent.statusCode).toBe(422);
    expect(percent.json().message).toContain("5 January 2026 is 150");
    expect((await call("PATCH", url, cookies.executive ?? "", { title: "Mine" })).statusCode).toBe(403);
    expect((await call("PATCH", url, cookies.leaderB ?? "", { title: "Mine" })).statusCode).toBe(403);
    expect((await call("PATCH", url, cookies.otherLead ?? "", { title: "Mine" })).statusCode).toBe(404);
    expect((await call("PATCH", url, null, { title: "Mine" })).statusCode).toBe(401);
    expect((await call("PATCH", url, cookies.leaderA ?? "", { title: "" })).statusCode).toBe(400);
    expect(
      (await call("PATCH", url, cookies.leaderA ?? "", { rules: { shiftLength: 20, trendLength: 6 } }))
        .statusCode,
    ).toBe(400);
    expect(await counts()).toEqual(before);
    const version = (await detail(measure.id)).measure.dataVersion;
    const changed = await call("PATCH", url, cookies.leaderA ?? "", {
      title: "Visits cancelled",
      target: 2,
      rules: {
        shiftLength: 7,
        trendLength: 7,
        excludeMovingRangeOutliers: true,
        twoOfThreeCountsBeyondLimits: false,
      },
      onBoard: true,
      houseModuleId: house[9]?.id,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      title: "Visits cancelled",
      target: 2,
      onBoard: true,
      moduleTitle: house[9]?.title,
      rules: { shiftLength: 7 },
      dataVersion: version + 1,
    });
    expect((changed.json() as TeamMeasure).boardPosition).toBeGreaterThan(0);
    const off = await call("PATCH", url, cookies.lead ?? "", { onBoard: false });
    expect(off.json()).toMatchObject({ onBoard: false, boardPosition: 0 });
  });

  it("takes a fixed baseline and rebases as a project measure does: segments, fixed limits, annotations, data_version", async () => {
    const measure = await addOwn();
    const values = [
      ...Array.from({ length: 12 }, (_, i) => 6 + ((i % 3) - 1) * 0.5),
      ...Array.from({ length: 12 }, (_, i) => 3 + ((i % 3) - 1) * 0.3),
    ];
    const dates = weeklyDates("2026-01-05", 24);
    const imported = await call(
      "POST",
      `/api/implementation/team-measures/${measure.id}/import/apply`,
      cookies.leaderA ?? "",
      { text: dates.map((d, i) => `${d},${values[i]}`).join("\n"), mode: "add", onExisting: "overwrite" },
    );
    expect(imported.statusCode, imported.body).toBe(200);
    const url = `/api/implementation/team-measures/${measure.id}`;
    const before = await detail(measure.id);
    expect(before.measure).toMatchObject({ baselineEndOn: null, rebaseOn: [] });
    expect(before.analysis?.summary.segmentStarts).toEqual([0]);

    // Rebases are stored in date order.
    const rebased = await call("PATCH", url, cookies.leaderA ?? "", { rebaseOn: [dates[18], dates[12]] });
    expect(rebased.statusCode, rebased.body).toBe(200);
    expect(rebased.json()).toMatchObject({
      rebaseOn: [dates[12], dates[18]],
      dataVersion: before.measure.dataVersion + 1,
    });
    const after = await detail(measure.id);
    expect(after.analysis?.summary.segmentStarts).toEqual([0, 12, 18]);
    expect(after.analysis?.points[13]?.segment).toBe(1);
    expect(after.annotations.filter((a) => a.kind === "rebase")).toEqual([
      { date: dates[12], label: "Limits recalculated", kind: "rebase" },
      { date: dates[18], label: "Limits recalculated", kind: "rebase" },
    ]);

    // On the board too: the card's points carry the segments and the card names its rebases.
    await call("PATCH", url, cookies.leaderA ?? "", { onBoard: true });
    const board = await call(
      "GET",
      `/api/implementation/teams/${cast.teamA.id}/board`,
      cookies.executive ?? "",
    );
    const card = (board.json() as TeamBoard).measures.find((m) => m.id === measure.id);
    expect(card?.rebaseOn).toEqual([dates[12], dates[18]]);
    expect(card?.summary?.segmentStarts).toEqual([0, 12, 18]);
    await call("PATCH", url, cookies.leaderA ?? "", { onBoard: false });

    const fixed = await call("PATCH", url, cookies.lead ?? "", { rebaseOn: [], baselineEndOn: dates[5] });
    expect(fixed.statusCode, fixed.body).toBe(200);
    const baseline = await detail(measure.id);
    expect(baseline.measure).toMatchObject({ baselineEndOn: dates[5], rebaseOn: [] });
    expect(baseline.analysis?.summary.baselineEnd).toBe(5);
    const firstSix = values.slice(0, 6).reduce((sum, v) => sum + v, 0) / 6;
    expect(baseline.analysis?.points[20]?.mean).toBeCloseTo(firstSix, 6);
    expect(baseline.annotations.some((a) => a.kind === "rebase")).toBe(false);

    const cleared = await call("PATCH", url, cookies.leaderA ?? "", { baselineEndOn: null });
    expect(cleared.json()).toMatchObject({ baselineEndOn: null });
    expect((await detail(measure.id)).analysis?.summary.baselineEnd).toBeNull();
  });

  it("refuses bad baselines and rebases field by field, and those who may not change the team, writing nothing", async () => {
    const measure = await addOwn();
    const url = `/api/implementation/team-measures/${measure.id}`;
    const before = await counts();
    for (const [body, field] of [
      [{ rebaseOn: ["2026-01-05", "2026-01-05"] }, "rebaseOn"],
      [{ rebaseOn: weeklyDates("2026-01-05", 21) }, "rebaseOn"],
      [{ rebaseOn: ["05/01/2026"] }, "rebaseOn.0"],
      [{ rebaseOn: "2026-01-05" }, "rebaseOn"],
      [{ baselineEndOn: "1989-12-31" }, "baselineEndOn"],
      [{ baselineEndOn: "2026-02-30" }, "baselineEndOn"],
    ] as const) {
      const response = await call("PATCH", url, cookies.leaderA ?? "", body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      const details = (response.json() as { details?: Array<{ field: string }> }).details ?? [];
      expect(
        details.map((d) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    const twenty = await call("PATCH", url, cookies.leaderA ?? "", {
      rebaseOn: weeklyDates("2026-01-05", 20),
    });
    expect(twenty.statusCode, twenty.body).toBe(200);
    const afterTwenty = await counts();
    for (const cookie of [cookies.executive, cookies.finance, cookies.leaderB]) {
      expect((await call("PATCH", url, cookie ?? "", { rebaseOn: [] })).statusCode).toBe(403);
    }
    expect((await call("PATCH", url, cookies.otherLead ?? "", { rebaseOn: [] })).statusCode).toBe(404);
    expect((await call("PATCH", url, null, { baselineEndOn: null })).statusCode).toBe(401);
    expect(await counts()).toEqual(afterTwenty);
    const version = (c: object) => (c as Record<string, number>).versions ?? 0;
    expect(version(afterTwenty)).toBe(version(before) + 1);
  });

  it("deletes a measure with its values, audited; others may not", async () => {
    const measure = await addOwn();
    await call("POST", `/api/implementation/team-measures/${measure.id}/points`, cookies.leaderA ?? "", {
      date: "2026-01-05",
      value: 2,
    });
    const url = `/api/implementation/team-measures/${measure.id}`;
    expect((await call("DELETE", url, cookies.finance ?? "")).statusCode).toBe(403);
    expect((await call("DELETE", url, cookies.otherLead ?? "")).statusCode).toBe(404);
    expect((await call("DELETE", url, cookies.leaderA ?? "")).statusCode).toBe(204);
    expect((await call("GET", url, cookies.leaderA ?? "")).statusCode).toBe(404);
    const [audit] = await auditFor(ctx, "implementation.team_measure_deleted");
    expect(audit).toMatchObject({ subjectId: measure.id, actorUserId: cast.teamLeaderA.id });
    expect(audit?.details).toMatchObject({ teamId: cast.teamA.id, rows: 1 });
  });
});

describe("team measures: imports", () => {
  it("previews and applies pasted data, audited with the row count", async () => {
    const measure = await addOwn();
    const base = `/api/implementation/team-measures/${measure.id}/import`;
    const text = "Date\tValue\tNote\n05/01/2026\t4\t\n12/01/2026\t6\tShort-staffed\n19/01/2026\t5\t";
    const before = await counts();
    const preview = await call("POST", `${base}/preview`, cookies.leaderA ?? "", { text });
    expect(preview.statusCode, preview.body).toBe(200);
    expect((preview.json() as ImportPreviewResult).counts).toMatchObject({ rows: 3, new: 3, errors: 0 });
    expect(await counts()).toEqual(before);
    const applied = await call("POST", `${base}/apply`, cookies.leaderA ?? "", {
      text,
      mode: "add",
      onExisting: "overwrite",
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json() as ImportResult).toMatchObject({
      added: 3,
      pointCount: 3,
      message: "3 values added.",
    });
    const [audit] = await auditFor(ctx, "implementation.measure_data_imported");
    expect(audit).toMatchObject({ subjectId: measure.id, actorUserId: cast.teamLeaderA.id });
    expect(audit?.details).toMatchObject({ rows: 3, added: 3, source: "pasted", teamId: cast.teamA.id });
  });

  it("imports a CSV file, replacing all values", async () => {
    const measure = await addOwn();
    const base = `/api/implementation/team-measures/${measure.id}/import`;
    await call("POST", `${base}/apply`, cookies.leaderA ?? "", {
      text: "2026-01-05,1",
      mode: "add",
      onExisting: "overwrite",
    });
    const body = multipartBody(
      [
        ["mode", "replace_all"],
        ["onExisting", "overwrite"],
      ],
      { filename: "data.csv", bytes: Buffer.from("Date,Value\n2026-02-02,8\n2026-02-09,9\n") },
    );
    const response = await ctx.app.inject({
      method: "POST",
      url: `${base}/apply`,
      headers: { ...body.headers, cookie: cookies.lead ?? "" },
      payload: body.payload,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ added: 2, removed: 1, pointCount: 2 });
    expect((await detail(measure.id)).points.map((p) => p.date)).toEqual(["2026-02-02", "2026-02-09"]);
  });

  it("refuses the whole import listing every bad line, and those who may not import", async () => {
    const measure = await addOwn(cookies.leaderA, cast.teamA.id, { ...ownMeasure, unit: "%" });
    const base = `/api/implementation/team-measures/${measure.id}/import`;
    const text = "05/01/2026\t40\n12/01/2026\t140\nnot a date\t5\n19/01/2026\t30";
    const before = await counts();
    const response = await call("POST", `${base}/apply`, cookies.leaderA ?? "", {
      text,
      mode: "add",
      onExisting: "overwrite",
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe("import_invalid");
    expect((response.json().details as Array<{ field: string }>).map((d) => d.field)).toEqual([
      "line-2",
      "line-3",
    ]);
    const options = { text: "05/01/2026\t40", mode: "add", onExisting: "overwrite" };
    expect((await call("POST", `${base}/apply`, null, options)).statusCode).toBe(401);
    expect((await call("POST", `${base}/apply`, cookies.executive ?? "", options)).statusCode).toBe(403);
    expect((await call("POST", `${base}/preview`, cookies.leaderB ?? "", options)).statusCode).toBe(403);
    expect((await call("POST", `${base}/apply`, cookies.otherLead ?? "", options)).statusCode).toBe(404);
    expect((await call("POST", `${base}/apply`, cookies.leaderA ?? "", { text: "" })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });
});

describe("team measures: the demo seed", () => {
  it("gives Northfield a falling 'Time looking for stock' that the chart flags as improvement", async () => {
    const [row] = (await ctx.database.rawQuery(
      "insert into organisations (name, type) values ($1, 'nhs_trust') returning id",
      [DEMO_TRUST_NAME],
    )) as Array<{ id: string }>;
    for (const name of ["lead", "executive", "finance", "teamleader", "learner"]) {
      await buildUser(ctx, { email: `${name}@example.org`, organisationId: row?.id ?? null });
    }
    const demo = await seedImplementationDemo(ctx.database.db);
    if (!demo) throw new Error("demo registration not seeded");
    await seedTeamMeasuresDemo(ctx.database.db, demo);
    await seedTeamMeasuresDemo(ctx.database.db, demo); // idempotent
    const cookie = await signIn(ctx, { email: "teamleader@example.org", password: TEST_PASSWORD });
    const northfield = demo.teams[0]?.id ?? "";
    const response = await call("GET", `/api/implementation/teams/${northfield}/measures`, cookie);
    const list = response.json() as TeamMeasureList;
    expect(list.measures.map((m) => m.title).sort()).toEqual([
      "Stock value",
      "Team morale",
      "Time looking for stock",
    ]);
    const stock = list.measures.find((m) => m.title === "Time looking for stock");
    expect(stock?.pointCount).toBe(20);
    expect(stock?.latest?.date).toBe("2026-07-13");
    expect(stock?.summary?.variation).toBe("improvement_low");
    // Rebased on the day the module was completed: the new process's limits, and the target of 35 within them.
    expect(stock?.rebaseOn).toEqual(["2026-04-20"]);
    expect(stock?.summary?.segmentStarts).toEqual([0, 7]);
    expect(stock?.summary?.assurance).toBe("possibly_met");
    expect(list.measures.every((m) => m.onBoard)).toBe(true);
    const board = await call("GET", `/api/implementation/teams/${northfield}/board`, cookie);
    expect(board.json().measures.map((m: { title: string }) => m.title)).toEqual([
      "Time looking for stock",
      "Stock value",
      "Team morale",
    ]);
    const southgate = demo.teams[1]?.id ?? "";
    const [therapy] = (await ctx.database.rawQuery(
      "select title, unit, (select count(*)::int from team_measure_points p where p.measure_id = m.id) as n from team_measures m where team_id = $1",
      [southgate],
    )) as Array<{ title: string; unit: string; n: number }>;
    expect(therapy).toEqual({ title: "Patient-facing time", unit: "%", n: 4 });
  });
});
