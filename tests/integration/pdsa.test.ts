import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriverDiagram, PdsaCycle, PdsaList } from "../../src/shared/project-contracts.js";
import { buildUser, signIn, type TestUser } from "../support/factories.js";
import { buildPdsaCycle, buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let lead: TestUser & { cookie: string };
let member: TestUser & { cookie: string };
let reader: TestUser & { cookie: string };

type Method = "GET" | "POST" | "PUT" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function person() {
  const user = await buildUser(ctx);
  return { ...user, cookie: await signIn(ctx, user) };
}

async function cycleCount(): Promise<number> {
  const [row] = (await ctx.database.rawQuery("select count(*)::int as n from pdsa_cycles")) as Array<{
    n: number;
  }>;
  return row?.n ?? 0;
}

/** A project with one change idea (under a secondary under a primary driver) and its secondary driver's id. */
async function projectWithIdea() {
  const project = await buildProject(ctx, {
    leadId: lead.id,
    members: [{ userId: member.id }],
    visibility: "signed_in",
  });
  const post = async (parentId: string | null, kind: string, text: string) =>
    (
      await call("POST", `/api/projects/${project.id}/driver-nodes`, lead.cookie, { parentId, kind, text })
    ).json() as DriverDiagram;
  const primary = (await post(null, "primary_driver", "P")).nodes[0];
  if (!primary) throw new Error("no primary");
  const secondary = (await post(primary.id, "secondary_driver", "S")).nodes[0]?.children[0];
  if (!secondary) throw new Error("no secondary");
  const idea = (await post(secondary.id, "change_idea", "Tabards")).nodes[0]?.children[0]?.children[0];
  if (!idea) throw new Error("no idea");
  return { id: project.id, ideaId: idea.id, secondaryId: secondary.id };
}

const cycle = (overrides: Record<string, unknown> = {}) => ({
  title: "Tabards on the morning round",
  plan: "Wear tabards for one week.",
  prediction: "Interruptions halve.",
  doNotes: "",
  study: "",
  act: "",
  decision: null,
  startsOn: "2026-03-02",
  endsOn: "2026-03-09",
  ...overrides,
});

beforeAll(async () => {
  ctx = await createTestApp();
  lead = await person();
  member = await person();
  reader = await person();
});

afterAll(async () => {
  await ctx?.close();
});

describe("PDSA cycles", () => {
  it("creates, lists by start date, reads, edits and deletes, linked to a change idea", async () => {
    const project = await projectWithIdea();
    await buildPdsaCycle(ctx, project.id, { title: "Earlier cycle", startsOn: "2026-02-01" });
    const created = await call(
      "POST",
      `/api/projects/${project.id}/pdsa-cycles`,
      member.cookie,
      cycle({ changeIdeaId: project.ideaId }),
    );
    expect(created.statusCode, created.body).toBe(201);
    const saved = created.json() as PdsaCycle;
    expect(saved).toMatchObject({
      title: "Tabards on the morning round",
      changeIdea: { id: project.ideaId, text: "Tabards" },
      startsOn: "2026-03-02",
      endsOn: "2026-03-09",
      decision: null,
    });

    const list = (
      await call("GET", `/api/projects/${project.id}/pdsa-cycles`, lead.cookie)
    ).json() as PdsaList;
    expect(list.cycles.map((c) => c.title)).toEqual(["Tabards on the morning round", "Earlier cycle"]);
    expect(list.changeIdeas).toEqual([{ id: project.ideaId, text: "Tabards" }]);
    expect(list.canEdit).toBe(true);

    const edited = await call(
      "PUT",
      `/api/projects/${project.id}/pdsa-cycles/${saved.id}`,
      lead.cookie,
      cycle({ study: "Interruptions fell from 9 to 4.", decision: "adopt", changeIdeaId: null }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      decision: "adopt",
      changeIdea: null,
      study: "Interruptions fell from 9 to 4.",
    });
    const read = await call("GET", `/api/projects/${project.id}/pdsa-cycles/${saved.id}`, reader.cookie);
    expect(read.statusCode).toBe(200);
    expect((read.json() as PdsaCycle).decision).toBe("adopt");

    const removed = await call(
      "DELETE",
      `/api/projects/${project.id}/pdsa-cycles/${saved.id}`,
      member.cookie,
    );
    expect(removed.statusCode).toBe(204);
    expect(
      (await call("GET", `/api/projects/${project.id}/pdsa-cycles/${saved.id}`, lead.cookie)).statusCode,
    ).toBe(404);
  });

  it("refuses an end before the start, a node that is not one of this project's change ideas, and bad input", async () => {
    const project = await projectWithIdea();
    const other = await projectWithIdea();
    const before = await cycleCount();
    const backwards = await call(
      "POST",
      `/api/projects/${project.id}/pdsa-cycles`,
      lead.cookie,
      cycle({ startsOn: "2026-03-09", endsOn: "2026-03-02" }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details[0].field).toBe("endsOn");
    for (const changeIdeaId of [project.secondaryId, other.ideaId]) {
      const response = await call(
        "POST",
        `/api/projects/${project.id}/pdsa-cycles`,
        lead.cookie,
        cycle({ changeIdeaId }),
      );
      expect(response.statusCode).toBe(422);
      expect(response.json().details[0].field).toBe("changeIdeaId");
    }
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: "" }, "title"],
      [{ startsOn: "2026-13-01" }, "startsOn"],
      [{ decision: "keep" }, "decision"],
      [{ plan: "x".repeat(5001) }, "plan"],
    ];
    for (const [override, field] of cases) {
      const response = await call(
        "POST",
        `/api/projects/${project.id}/pdsa-cycles`,
        lead.cookie,
        cycle(override),
      );
      expect(response.statusCode, field).toBe(400);
      expect(response.json().details[0].field).toBe(field);
    }
    expect(await cycleCount()).toBe(before);
  });

  it("is read-only for readers, hidden from outsiders, and a cycle of another project is 404", async () => {
    const project = await projectWithIdea();
    const other = await projectWithIdea();
    const foreign = await buildPdsaCycle(ctx, other.id);
    const own = await buildPdsaCycle(ctx, project.id);
    const before = await cycleCount();
    expect(
      (await call("POST", `/api/projects/${project.id}/pdsa-cycles`, reader.cookie, cycle())).statusCode,
    ).toBe(403);
    expect(
      (await call("PUT", `/api/projects/${project.id}/pdsa-cycles/${own.id}`, reader.cookie, cycle()))
        .statusCode,
    ).toBe(403);
    expect(
      (await call("DELETE", `/api/projects/${project.id}/pdsa-cycles/${own.id}`, reader.cookie)).statusCode,
    ).toBe(403);
    expect((await call("GET", `/api/projects/${project.id}/pdsa-cycles`, reader.cookie)).json().canEdit).toBe(
      false,
    );
    expect(
      (await call("PUT", `/api/projects/${project.id}/pdsa-cycles/${foreign.id}`, lead.cookie, cycle()))
        .statusCode,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/projects/${project.id}/pdsa-cycles/${foreign.id}`, lead.cookie)).statusCode,
    ).toBe(404);
    expect(await cycleCount()).toBe(before);
    const hidden = await buildProject(ctx, { leadId: lead.id });
    expect((await call("GET", `/api/projects/${hidden.id}/pdsa-cycles`, reader.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/projects/${hidden.id}/pdsa-cycles`, null)).statusCode).toBe(401);
  });
});
