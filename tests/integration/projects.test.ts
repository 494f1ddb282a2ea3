import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedProjectsDemo } from "../../src/server/modules/projects/projects.seed.js";
import type { MyProjects, ProjectDetail } from "../../src/shared/project-contracts.js";
import { buildRun, buildRunMember } from "../support/community-fixtures.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  organisationByOds,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { buildMeasure, buildProject } from "../support/projects-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let orgId = "";
let otherOrgId = "";
let lead: TestUser & { cookie: string };
let member: TestUser & { cookie: string };
let colleague: TestUser & { cookie: string };
let stranger: TestUser & { cookie: string };
let adminCookie = "";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

function call(method: Method, url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function person(organisationId: string | null = orgId) {
  const user = await buildUser(ctx, { organisationId });
  return { ...user, cookie: await signIn(ctx, user) };
}

async function projectCounts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from improvement_projects) as projects,
            (select count(*)::int from project_members) as members,
            (select count(*)::int from project_progress_scores) as progress,
            (select coalesce(max(updated_at)::text, '') from improvement_projects) as last_change`,
  )) as Array<Record<string, number | string>>;
  return row;
}

const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

function newProject(overrides: Record<string, unknown> = {}) {
  return {
    title: "Reducing missed doses on Ward 10",
    problem: "Doses are missed at the evening round.",
    aimWhat: "Reduce missed medication doses on Ward 10",
    aimHowMuch: "by 50%",
    aimByWhen: inAYear,
    setting: "acute_ward",
    topic: "medicines",
    teamName: "Ward 10 nursing team",
    ...overrides,
  };
}

async function detail(cookie: string, id: string): Promise<ProjectDetail> {
  const response = await call("GET", `/api/projects/${id}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ProjectDetail;
}

beforeAll(async () => {
  ctx = await createTestApp();
  orgId = await organisationByOds(ctx, "RR8");
  otherOrgId = await organisationByOds(ctx, "RJ1").catch(async () => {
    const [row] = (await ctx.database.rawQuery(
      "select id from organisations where id <> $1 order by name limit 1",
      [orgId],
    )) as Array<{ id: string }>;
    if (!row) throw new Error("no second organisation");
    return row.id;
  });
  lead = await person();
  member = await person();
  colleague = await person();
  stranger = await person(otherOrgId);
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
});

afterAll(async () => {
  await ctx?.close();
});

describe("POST /api/projects", () => {
  it("creates a project in the creator's organisation with them as lead", async () => {
    const response = await call("POST", "/api/projects", lead.cookie, newProject());
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: string };
    const project = await detail(lead.cookie, id);
    expect(project).toMatchObject({
      title: "Reducing missed doses on Ward 10",
      aimHowMuch: "by 50%",
      aimByWhen: inAYear,
      organisation: { id: orgId },
      visibility: "team",
      status: "planning",
      progressScore: null,
      course: null,
      run: null,
      revision: 1,
      myAccess: { canEdit: true, canManage: true, role: "lead" },
      recognition: null,
      measures: [],
      counts: { driverNodes: 0, pdsaCycles: 0 },
    });
    expect(project.members).toEqual([
      expect.objectContaining({ userId: lead.id, role: "lead", email: lead.email, nameInLibrary: false }),
    ]);
  });

  it("takes no organisation when told null", async () => {
    const response = await call("POST", "/api/projects", lead.cookie, newProject({ organisationId: null }));
    expect(response.statusCode, response.body).toBe(201);
    const project = await detail(lead.cookie, (response.json() as { id: string }).id);
    expect(project.organisation).toBeNull();
  });

  it("links a course the creator is enrolled on and a run they are in, and offers only those", async () => {
    const run = await buildRun(ctx, { phase: "live", title: "Spring run" });
    const runner = await buildRunMember(ctx, run);
    const options = await call("GET", "/api/projects/options", runner.cookie);
    expect(options.statusCode).toBe(200);
    expect(options.json()).toMatchObject({
      courses: [expect.objectContaining({ id: run.courseId })],
      runs: [{ id: run.id, title: "Spring run", courseId: run.courseId }],
    });
    const response = await call("POST", "/api/projects", runner.cookie, newProject({ runId: run.id }));
    expect(response.statusCode, response.body).toBe(201);
    const project = await detail(runner.cookie, (response.json() as { id: string }).id);
    expect(project.course?.id).toBe(run.courseId);
    expect(project.run).toEqual({ id: run.id, title: "Spring run" });
  });

  it("refuses a course the creator is not enrolled on, or a run they are not in (422, nothing written)", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const enrolment = await buildEnrolment(ctx, { level: "foundation" });
    const before = await projectCounts();
    const notEnrolled = await call(
      "POST",
      "/api/projects",
      lead.cookie,
      newProject({ courseId: enrolment.course.id }),
    );
    expect(notEnrolled.statusCode).toBe(422);
    expect(notEnrolled.json().details[0].field).toBe("courseId");
    const notInRun = await call("POST", "/api/projects", lead.cookie, newProject({ runId: run.id }));
    expect(notInRun.statusCode).toBe(422);
    expect(notInRun.json().details[0].field).toBe("runId");
    expect(await projectCounts()).toEqual(before);
  });

  it("refuses bad input naming the field, and writes nothing", async () => {
    const before = await projectCounts();
    const past = await call("POST", "/api/projects", lead.cookie, newProject({ aimByWhen: "2020-01-01" }));
    expect(past.statusCode).toBe(422);
    expect(past.json().details[0].field).toBe("aimByWhen");
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ title: "" }, "title"],
      [{ title: "x".repeat(201) }, "title"],
      [{ aimByWhen: "2027-02-30" }, "aimByWhen"],
      [{ setting: "moon" }, "setting"],
      [{ organisationId: "not-a-uuid" }, "organisationId"],
      [{ problem: "x".repeat(5001) }, "problem"],
      [{ extra: 1 }, "extra"],
    ];
    for (const [override, field] of cases) {
      const response = await call("POST", "/api/projects", lead.cookie, newProject(override));
      expect(response.statusCode, JSON.stringify(override)).toBe(400);
      expect(response.json().details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const unknownOrg = await call(
      "POST",
      "/api/projects",
      lead.cookie,
      newProject({ organisationId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknownOrg.statusCode).toBe(422);
    expect(await projectCounts()).toEqual(before);
  });

  it("needs sign-in", async () => {
    expect((await call("POST", "/api/projects", null, newProject())).statusCode).toBe(401);
    expect((await call("GET", "/api/projects", null)).statusCode).toBe(401);
    expect((await call("GET", "/api/projects/options", null)).statusCode).toBe(401);
  });
});

describe("GET /api/projects (My projects)", () => {
  it("lists my projects with my role and counts, and not other people's", async () => {
    const mine = await buildProject(ctx, { leadId: member.id, title: "Member-led project" });
    await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }], title: "Lead's project" });
    await buildProject(ctx, { leadId: stranger.id, title: "Someone else's" });
    await buildMeasure(ctx, mine.id, { values: [1, 2, 3] });
    const response = await call("GET", "/api/projects", member.cookie);
    expect(response.statusCode).toBe(200);
    const body = response.json() as MyProjects;
    expect(body.projects.map((p) => [p.title, p.role]).sort()).toEqual([
      ["Lead's project", "member"],
      ["Member-led project", "lead"],
    ]);
    expect(body.projects.find((p) => p.id === mine.id)).toMatchObject({ measureCount: 1, memberCount: 1 });
  });
});

describe("GET /api/projects/:id", () => {
  it("answers 404 to outsiders and same-organisation colleagues when shared with the team only", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, organisationId: orgId });
    expect((await call("GET", `/api/projects/${project.id}`, stranger.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/projects/${project.id}`, colleague.cookie)).statusCode).toBe(404);
    expect((await call("GET", `/api/projects/${project.id}`, null)).statusCode).toBe(401);
    expect(
      (await call("GET", "/api/projects/00000000-0000-4000-8000-000000000000", lead.cookie)).statusCode,
    ).toBe(404);
    expect((await call("GET", "/api/projects/nope", lead.cookie)).statusCode).toBe(400);
  });

  it("shows an organisation-shared project read-only to a colleague, without emails, and audits the view", async () => {
    const project = await buildProject(ctx, {
      leadId: lead.id,
      organisationId: orgId,
      visibility: "organisation",
    });
    const seen = await detail(colleague.cookie, project.id);
    expect(seen.myAccess).toEqual({ canEdit: false, canManage: false, role: null });
    expect(seen.members[0]?.email).toBeNull();
    const audit = await auditFor(ctx, "project.viewed");
    expect(audit[0]).toMatchObject({ actorUserId: colleague.id, subjectId: project.id });
    expect((await call("GET", `/api/projects/${project.id}`, stranger.cookie)).statusCode).toBe(404);

    const before = (await auditFor(ctx, "project.viewed")).length;
    await detail(lead.cookie, project.id);
    expect((await auditFor(ctx, "project.viewed")).length).toBe(before);
  });

  it("shows measures and recognition read straight from their tables", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    const measure = await buildMeasure(ctx, project.id, { title: "Missed doses", values: [5, 4, 6] });
    await ctx.database.rawQuery(
      "insert into project_submissions (project_id, version, snapshot, status) values ($1, 1, '{}', 'awaiting_assessment')",
      [project.id],
    );
    const seen = await detail(lead.cookie, project.id);
    expect(seen.measures).toEqual([
      {
        id: measure.id,
        title: "Missed doses",
        kind: "outcome",
        unit: "falls",
        pointCount: 3,
        latest: { observedOn: measure.dates[2], value: 6 },
      },
    ]);
    expect(seen.recognition).toMatchObject({ status: "awaiting_assessment", version: 1, recognised: false });
  });
});

describe("PUT /api/projects/:id", () => {
  async function editable() {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    const current = await detail(lead.cookie, project.id);
    const body = {
      title: current.title,
      problem: current.problem,
      aimWhat: current.aimWhat,
      aimHowMuch: current.aimHowMuch,
      aimByWhen: current.aimByWhen ?? inAYear,
      setting: current.setting,
      topic: current.topic,
      organisationId: null,
      teamName: "Night team",
      courseId: null,
      runId: null,
      visibility: current.visibility,
      revision: current.revision,
    };
    return { id: project.id, body };
  }

  it("lets a member edit, bumping the revision, and refuses a stale form with 409", async () => {
    const { id, body } = await editable();
    const first = await call("PUT", `/api/projects/${id}`, member.cookie, { ...body, title: "New title" });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ revision: 2 });
    const stale = await call("PUT", `/api/projects/${id}`, lead.cookie, { ...body, title: "Other title" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().message).toMatch(/changed by someone else/);
    expect((await detail(lead.cookie, id)).title).toBe("New title");
  });

  it("keeps visibility changes to leads", async () => {
    const { id, body } = await editable();
    const byMember = await call("PUT", `/api/projects/${id}`, member.cookie, {
      ...body,
      visibility: "signed_in",
    });
    expect(byMember.statusCode).toBe(403);
    const byLead = await call("PUT", `/api/projects/${id}`, lead.cookie, {
      ...body,
      visibility: "signed_in",
    });
    expect(byLead.statusCode).toBe(200);
  });

  it("refuses readers (403), outsiders (404), the signed-out (401) and bad input (400) without writing", async () => {
    const { id, body } = await editable();
    await ctx.database.rawQuery("update improvement_projects set visibility = 'signed_in' where id = $1", [
      id,
    ]);
    const before = await projectCounts();
    expect((await call("PUT", `/api/projects/${id}`, stranger.cookie, body)).statusCode).toBe(403);
    await ctx.database.rawQuery("update improvement_projects set visibility = 'team' where id = $1", [id]);
    expect((await call("PUT", `/api/projects/${id}`, stranger.cookie, body)).statusCode).toBe(404);
    expect((await call("PUT", `/api/projects/${id}`, null, body)).statusCode).toBe(401);
    const bad = await call("PUT", `/api/projects/${id}`, lead.cookie, { ...body, aimHowMuch: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details[0].field).toBe("aimHowMuch");
    expect(await projectCounts()).toEqual(before);
  });
});

describe("DELETE /api/projects/:id", () => {
  it("lets a lead delete; refuses a member (403) and an outsider (404)", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    expect((await call("DELETE", `/api/projects/${project.id}`, member.cookie)).statusCode).toBe(403);
    expect((await call("DELETE", `/api/projects/${project.id}`, stranger.cookie)).statusCode).toBe(404);
    expect((await call("DELETE", `/api/projects/${project.id}`, null)).statusCode).toBe(401);
    const done = await call("DELETE", `/api/projects/${project.id}`, lead.cookie);
    expect(done.statusCode).toBe(204);
    expect((await call("GET", `/api/projects/${project.id}`, lead.cookie)).statusCode).toBe(404);
    expect((await auditFor(ctx, "project.deleted"))[0]).toMatchObject({ subjectId: project.id });
  });

  it("refuses once the project has been submitted for recognition", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    await ctx.database.rawQuery(
      "insert into project_submissions (project_id, version, snapshot) values ($1, 1, '{}')",
      [project.id],
    );
    const response = await call("DELETE", `/api/projects/${project.id}`, lead.cookie);
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/submitted for recognition/);
  });

  it("lets an administrator read but not delete", async () => {
    const project = await buildProject(ctx, { leadId: lead.id });
    expect((await call("GET", `/api/projects/${project.id}`, adminCookie)).statusCode).toBe(200);
    expect((await call("DELETE", `/api/projects/${project.id}`, adminCookie)).statusCode).toBe(403);
  });
});

describe("POST /api/projects/:id/progress", () => {
  it("records the score and status, copies them onto the project and keeps the history", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, members: [{ userId: member.id }] });
    const first = await call("POST", `/api/projects/${project.id}/progress`, member.cookie, {
      score: "2.0",
      status: "testing_changes",
      note: "First PDSA under way",
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      score: "2.0",
      status: "testing_changes",
      note: "First PDSA under way",
    });
    await call("POST", `/api/projects/${project.id}/progress`, lead.cookie, {
      score: "3.5",
      status: "implementing",
    });
    const seen = await detail(lead.cookie, project.id);
    expect(seen.progressScore).toBe("3.5");
    expect(seen.status).toBe("implementing");
    expect(seen.progress.map((p) => p.score)).toEqual(["3.5", "2.0"]);
    expect(seen.progress[1]?.recordedBy).toBe("Alex Morgan");
  });

  it("refuses scores off the scale, readers and outsiders, writing nothing", async () => {
    const project = await buildProject(ctx, { leadId: lead.id, visibility: "signed_in" });
    const before = await projectCounts();
    for (const score of ["0", "5.5", "3.25", 3]) {
      const response = await call("POST", `/api/projects/${project.id}/progress`, lead.cookie, {
        score,
        status: "planning",
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().details[0].field).toBe("score");
    }
    const reader = await call("POST", `/api/projects/${project.id}/progress`, stranger.cookie, {
      score: "1.0",
      status: "planning",
    });
    expect(reader.statusCode).toBe(403);
    expect(
      (await call("POST", `/api/projects/${project.id}/progress`, null, { score: "1.0", status: "planning" }))
        .statusCode,
    ).toBe(401);
    expect(await projectCounts()).toEqual(before);
  });
});

describe("seedProjectsDemo", () => {
  it("creates the demo project once, with its team, diagram, history, cycles and write-up", async () => {
    expect(await seedProjectsDemo(ctx.database.db)).toBeNull();
    const learner = await buildUser(ctx, { email: "learner@example.org" });
    await buildUser(ctx, { email: "facilitator@example.org" });
    const id = await seedProjectsDemo(ctx.database.db);
    expect(id).not.toBeNull();
    expect(await seedProjectsDemo(ctx.database.db)).toBe(id);
    const cookie = await signIn(ctx, learner);
    const project = await detail(cookie, id ?? "");
    expect(project.title).toBe("Reducing missed medication doses on Ward 10");
    expect(project.members.map((m) => m.role)).toEqual(["lead", "member"]);
    expect(project.progress).toHaveLength(3);
    expect(project.counts).toEqual({ driverNodes: 9, pdsaCycles: 2 });
    const [kinds] = (await ctx.database.rawQuery(
      `select count(*) filter (where kind = 'primary_driver')::int as p,
              count(*) filter (where kind = 'secondary_driver')::int as s,
              count(*) filter (where kind = 'change_idea')::int as c
       from driver_nodes where project_id = $1`,
      [id],
    )) as Array<{ p: number; s: number; c: number }>;
    expect(kinds).toEqual({ p: 2, s: 3, c: 4 });
    const writeUp = await call("GET", `/api/projects/${id}/write-up`, cookie);
    expect(writeUp.json().sections.background).toMatch(/Missed and delayed doses/);
  });
});

describe("OpenAPI", () => {
  it("describes the project routes", async () => {
    const response = await call("GET", "/api/openapi.json", null);
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/projects",
        "/api/projects/{projectId}",
        "/api/projects/{projectId}/driver-nodes/{nodeId}/move",
        "/api/projects/{projectId}/write-up",
        "/api/project-invitations/{invitationId}/accept",
      ]),
    );
  });
});
