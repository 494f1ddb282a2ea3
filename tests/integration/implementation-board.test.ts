import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { teamModuleProgress } from "../../src/server/db/schema/index.js";
import type { TeamBoard, TeamMeasure } from "../../src/shared/implementation-measures.js";
import { signIn, tableCounts } from "../support/factories.js";
import {
  buildImplementationCast,
  houseOf,
  type ImplementationCast,
} from "../support/implementation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let cast: ImplementationCast;
const cookies: Record<string, string> = {};

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
            (select count(*)::int from team_measures where on_board) as on_board,
            (select coalesce(sum(board_position), 0)::int from team_measures) as positions,
            (select coalesce(sum(data_version), 0)::int from team_measures) as versions`,
  )) as Array<Record<string, number>>;
  return { ...(await tableCounts(ctx)), ...row };
}

async function addMeasure(teamId: string, title: string, values: number[] = [], unit = "minutes") {
  const cookie = teamId === cast.teamB.id ? (cookies.leaderB ?? "") : (cookies.lead ?? "");
  const response = await call("POST", `/api/implementation/teams/${teamId}/measures`, cookie, {
    kind: "outcome",
    title,
    unit,
    improvementDirection: "decrease",
    frequency: "weekly",
    target: 30,
  });
  expect(response.statusCode, response.body).toBe(201);
  const measure = response.json() as TeamMeasure;
  if (values.length > 0) {
    const text = values
      .map((v, i) => `${new Date(Date.UTC(2026, 0, 5) + i * 7 * 86_400_000).toISOString().slice(0, 10)},${v}`)
      .join("\n");
    const imported = await call(
      "POST",
      `/api/implementation/team-measures/${measure.id}/import/apply`,
      cookie,
      {
        text,
        mode: "add",
        onExisting: "overwrite",
      },
    );
    expect(imported.statusCode, imported.body).toBe(200);
  }
  return measure;
}

async function board(cookie = cookies.leaderA ?? "", teamId = cast.teamA.id): Promise<TeamBoard> {
  const response = await call("GET", `/api/implementation/teams/${teamId}/board`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as TeamBoard;
}

let stock: TeamMeasure;
let morale: TeamMeasure;
let empty: TeamMeasure;

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
  stock = await addMeasure(
    cast.teamA.id,
    "Time looking for stock",
    [95, 97, 93, 96, 94, 95, 60, 40, 31, 30, 29, 28, 31, 30],
  );
  morale = await addMeasure(cast.teamA.id, "Team morale", [5, 6, 7], "score");
  empty = await addMeasure(cast.teamA.id, "Interruptions");
  const [house] = [await houseOf(ctx, cast.programmeId)];
  const wowe = house[5];
  if (!wowe) throw new Error("house not seeded");
  await ctx.database.db.insert(teamModuleProgress).values({
    teamId: cast.teamA.id,
    houseModuleId: wowe.id,
    status: "in_progress",
    startedOn: "2026-02-09",
  });
});

afterAll(async () => {
  await ctx.close();
});

describe("board: choosing its measures", () => {
  it("starts empty, then shows the chosen measures in the order given", async () => {
    expect((await board()).measures).toEqual([]);
    const response = await call(
      "PUT",
      `/api/implementation/teams/${cast.teamA.id}/board`,
      cookies.leaderA ?? "",
      {
        measureIds: [morale.id, stock.id, empty.id],
      },
    );
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as TeamBoard;
    expect(body.measures.map((m) => m.id)).toEqual([morale.id, stock.id, empty.id]);
    expect(body.measures.map((m) => m.boardPosition)).toEqual([1, 2, 3]);

    const reordered = await call(
      "PUT",
      `/api/implementation/teams/${cast.teamA.id}/board`,
      cookies.lead ?? "",
      {
        measureIds: [stock.id, morale.id],
      },
    );
    expect(reordered.statusCode).toBe(200);
    const now = await board();
    expect(now.measures.map((m) => m.id)).toEqual([stock.id, morale.id]);
    const list = (
      await call("GET", `/api/implementation/teams/${cast.teamA.id}/measures`, cookies.leaderA ?? "")
    )
      .json()
      .measures.find((m: TeamMeasure) => m.id === empty.id) as TeamMeasure;
    expect(list).toMatchObject({ onBoard: false, boardPosition: 0 });
  });

  it("refuses another team's measures, more than 12, repeats, and people who may not change the team", async () => {
    await call("PUT", `/api/implementation/teams/${cast.teamA.id}/board`, cookies.leaderA ?? "", {
      measureIds: [stock.id, morale.id],
    });
    const other = await addMeasure(cast.teamB.id, "Driving distance");
    const before = await counts();
    const url = `/api/implementation/teams/${cast.teamA.id}/board`;
    const strangers = await call("PUT", url, cookies.leaderA ?? "", { measureIds: [stock.id, other.id] });
    expect(strangers.statusCode).toBe(422);
    expect(strangers.json().details).toEqual([
      { field: "measureIds.1", message: `Measure 2 is not one of ${cast.teamA.name}'s measures` },
    ]);
    const tooMany = await call("PUT", url, cookies.leaderA ?? "", {
      measureIds: Array.from(
        { length: 13 },
        (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
      ),
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toBe("Choose 12 measures or fewer for the board");
    const repeated = await call("PUT", url, cookies.leaderA ?? "", { measureIds: [stock.id, stock.id] });
    expect(repeated.statusCode).toBe(400);
    expect((await call("PUT", url, cookies.leaderA ?? "", {})).statusCode).toBe(400);
    const body = { measureIds: [stock.id] };
    expect((await call("PUT", url, null, body)).statusCode).toBe(401);
    for (const who of ["leaderB", "executive", "finance", "admin"]) {
      expect((await call("PUT", url, cookies[who] ?? "", body)).statusCode, who).toBe(403);
    }
    for (const who of ["colleague", "otherLead"]) {
      expect((await call("PUT", url, cookies[who] ?? "", body)).statusCode, who).toBe(404);
    }
    expect(await counts()).toEqual(before);
    expect((await board()).measures.map((m) => m.id)).toEqual([stock.id, morale.id]);
  });

  it("takes at most 12 measures on the board through a measure's settings too", async () => {
    const extra: TeamMeasure[] = [];
    for (let i = 0; i < 11; i += 1) extra.push(await addMeasure(cast.teamB.id, `Board measure ${i}`));
    const put = await call("PUT", `/api/implementation/teams/${cast.teamB.id}/board`, cookies.leaderB ?? "", {
      measureIds: extra.map((m) => m.id),
    });
    expect(put.statusCode, put.body).toBe(200);
    const twelfth = await addMeasure(cast.teamB.id, "Twelfth");
    const on = await call("PATCH", `/api/implementation/team-measures/${twelfth.id}`, cookies.leaderB ?? "", {
      onBoard: true,
    });
    expect(on.json()).toMatchObject({ onBoard: true, boardPosition: 12 });
    const thirteenth = await addMeasure(cast.teamB.id, "Thirteenth");
    const before = await counts();
    const full = await call(
      "PATCH",
      `/api/implementation/team-measures/${thirteenth.id}`,
      cookies.leaderB ?? "",
      {
        onBoard: true,
      },
    );
    expect(full.statusCode).toBe(422);
    expect(full.json().message).toBe("The board already shows 12 measures. Take one off the board first.");
    expect(await counts()).toEqual(before);
  });
});

describe("board: reading", () => {
  it("gives each card its latest value, target, icons and analysed points, for everyone who can read the team", async () => {
    await call("PUT", `/api/implementation/teams/${cast.teamA.id}/board`, cookies.leaderA ?? "", {
      measureIds: [stock.id, morale.id, empty.id],
    });
    for (const who of ["leaderA", "lead", "executive", "finance", "admin"]) {
      const body = await board(cookies[who]);
      expect(body.team).toEqual({
        id: cast.teamA.id,
        name: cast.teamA.name,
        registrationId: cast.registration.id,
      });
      expect(body.canEdit, who).toBe(who === "leaderA" || who === "lead");
      expect(body.annotations).toEqual([
        { date: "2026-02-09", label: "Started Well Organised Working Environment", kind: "note" },
      ]);
      const [first, second, third] = body.measures;
      expect(first).toMatchObject({
        title: "Time looking for stock",
        unit: "minutes",
        improvementDirection: "decrease",
        target: 30,
        latest: { date: "2026-04-06", value: 30 },
      });
      expect(first?.summary?.variation).toBe("improvement_low");
      expect(first?.points).toHaveLength(14);
      expect(second?.summary?.variation).toBe("common_cause");
      expect(third).toMatchObject({ title: "Interruptions", latest: null, summary: null, points: [] });
    }
    const url = `/api/implementation/teams/${cast.teamA.id}/board`;
    expect((await call("GET", url, null)).statusCode).toBe(401);
    expect((await call("GET", url, cookies.leaderB ?? "")).statusCode).toBe(403);
    expect((await call("GET", url, cookies.colleague ?? "")).statusCode).toBe(404);
    expect((await call("GET", url, cookies.otherLead ?? "")).statusCode).toBe(404);
    expect(
      (
        await call(
          "GET",
          "/api/implementation/teams/00000000-0000-4000-8000-000000000000/board",
          cookies.lead ?? "",
        )
      ).statusCode,
    ).toBe(404);
  });

  it("reads the board in a constant number of statements, however many measures and values", async () => {
    const statements = async () => {
      await board();
      const before = ctx.database.queryCount();
      await board();
      return ctx.database.queryCount() - before;
    };
    await call("PUT", `/api/implementation/teams/${cast.teamA.id}/board`, cookies.leaderA ?? "", {
      measureIds: [stock.id],
    });
    const one = await statements();
    expect(one).toBeLessThanOrEqual(8);
    const more: string[] = [stock.id, morale.id, empty.id];
    for (let i = 0; i < 5; i += 1) {
      more.push(
        (
          await addMeasure(
            cast.teamA.id,
            `Extra ${i}`,
            Array.from({ length: 40 }, (_, j) => j % 9),
          )
        ).id,
      );
    }
    await call("PUT", `/api/implementation/teams/${cast.teamA.id}/board`, cookies.leaderA ?? "", {
      measureIds: more,
    });
    expect((await board()).measures).toHaveLength(8);
    expect(await statements()).toBe(one);
  });
});
