import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WriteUp } from "../../src/shared/project-contracts.js";
import { CASE_STUDY_SECTION_MAX } from "../../src/shared/projects.js";
import { buildUser, signIn, type TestUser } from "../support/factories.js";
import { buildMeasure, buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let lead: TestUser & { cookie: string };
let member: TestUser & { cookie: string };
let reader: TestUser & { cookie: string };

function call(method: "GET" | "PUT", url: string, cookie: string | null, payload?: unknown) {
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

async function stored(projectId: string) {
  return (await ctx.database.rawQuery("select sections, revision from case_studies where project_id = $1", [
    projectId,
  ])) as Array<{ sections: Record<string, string>; revision: number }>;
}

beforeAll(async () => {
  ctx = await createTestApp();
  lead = await person();
  member = await person();
  reader = await person();
});

afterAll(async () => {
  await ctx?.close();
});

describe("case-study write-up", () => {
  it("starts empty at revision 0, saves sections and charts in order, and refuses a stale save", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    const first = await buildMeasure(ctx, project.id, { title: "Missed doses" });
    const second = await buildMeasure(ctx, project.id, { title: "Interruptions", kind: "process" });
    const empty = (await call("GET", `/api/projects/${project.id}/write-up`, lead.cookie)).json() as WriteUp;
    expect(empty).toMatchObject({ revision: 0, chartMeasureIds: [], canEdit: true, updatedAt: null });
    expect(empty.sections.background).toBe("");
    expect(empty.measures.map((m) => m.title)).toEqual(["Missed doses", "Interruptions"]);

    const saved = await call("PUT", `/api/projects/${project.id}/write-up`, member.cookie, {
      sections: { background: "Doses were missed.", results: "Halved." },
      chartMeasureIds: [second.id, first.id],
      revision: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      revision: 1,
      chartMeasureIds: [second.id, first.id],
      sections: { background: "Doses were missed.", results: "Halved.", lessons: "" },
      updatedBy: "Alex Morgan",
    });

    const stale = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: { background: "Overwrite" },
      revision: 0,
    });
    expect(stale.statusCode).toBe(409);
    const staleUpdate = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: { background: "Overwrite" },
      revision: 2,
    });
    expect(staleUpdate.statusCode).toBe(409);
    const next = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: { background: "Now current" },
      chartMeasureIds: [],
      revision: 1,
    });
    expect(next.statusCode).toBe(200);
    expect((await stored(project.id))[0]).toMatchObject({ revision: 2 });
  });

  it("refuses a section over the limit (422 naming it), unknown or repeated charts, bad fields; nothing written", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    const other = await buildProject(ctx, { leadId: lead.id });
    const foreign = await buildMeasure(ctx, other.id);
    const own = await buildMeasure(ctx, project.id);
    const long = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: { methods: "x".repeat(CASE_STUDY_SECTION_MAX + 1) },
      revision: 0,
    });
    expect(long.statusCode).toBe(422);
    expect(long.json().details[0].field).toBe("sections.methods");
    const foreignChart = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: {},
      chartMeasureIds: [own.id, foreign.id],
      revision: 0,
    });
    expect(foreignChart.statusCode).toBe(422);
    expect(foreignChart.json().details[0].field).toBe("chartMeasureIds.1");
    const twice = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: {},
      chartMeasureIds: [own.id, own.id],
      revision: 0,
    });
    expect(twice.statusCode).toBe(422);
    const unknownSection = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: { summary: "x" },
      revision: 0,
    });
    expect(unknownSection.statusCode).toBe(400);
    const huge = await call("PUT", `/api/projects/${project.id}/write-up`, lead.cookie, {
      sections: { background: "x".repeat(2_000_000) },
      revision: 0,
    });
    expect(huge.statusCode).toBe(413);
    expect(await stored(project.id)).toEqual([]);
  });

  it("is read-only for readers and hidden from outsiders", async () => {
    const shared = await buildProject(ctx, { leadId: lead.id, visibility: "signed_in" });
    const seen = await call("GET", `/api/projects/${shared.id}/write-up`, reader.cookie);
    expect(seen.statusCode).toBe(200);
    expect((seen.json() as WriteUp).canEdit).toBe(false);
    const attempt = await call("PUT", `/api/projects/${shared.id}/write-up`, reader.cookie, {
      sections: { background: "x" },
      revision: 0,
    });
    expect(attempt.statusCode).toBe(403);
    expect(await stored(shared.id)).toEqual([]);
    const hidden = await buildProject(ctx, { leadId: lead.id });
    expect((await call("GET", `/api/projects/${hidden.id}/write-up`, reader.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/projects/${hidden.id}/write-up`, null)).statusCode).toBe(401);
  });
});
