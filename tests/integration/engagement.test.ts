import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comments, stepProgress } from "../../src/server/db/schema/index.js";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import type { Engagement } from "../../src/shared/runs.js";
import {
  buildFacilitator,
  buildRun,
  buildRunMember,
  MINI_COURSE_SLUG,
  runSteps,
} from "../support/community-fixtures.js";
import { buildAdmin, buildEnrolment, buildUser, signIn, tableCounts } from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let adminCookie = "";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  ctx = await createTestApp();
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
});

afterAll(async () => {
  await ctx?.close();
});

function get(url: string, cookie: string | null) {
  return ctx.app.inject({ method: "GET", url, ...(cookie ? { headers: { cookie } } : {}) });
}

describe("GET /api/runs/:runId/engagement", () => {
  it("counts a hand-built run: two started, one completed, one comment on step 2, where the other stopped", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const facilitator = await buildFacilitator(ctx, run);
    const steps = await runSteps(ctx, run);
    const [step1, step2, step3] = steps;
    if (!step1 || !step2 || !step3) throw new Error("the mini-course needs three steps");
    const finisher = await buildRunMember(ctx, run, { givenName: "Fin", familyName: "Isher" });
    const stopper = await buildRunMember(ctx, run, { givenName: "Sto", familyName: "Pper" });
    await buildRunMember(ctx, run, { givenName: "Not", familyName: "Started" });
    const db = ctx.database.db;
    // The stopper opened step 3 first, then went back to step 1: the furthest in course order counts.
    await db.insert(stepProgress).values([
      { enrolmentId: finisher.enrolmentId, stepId: step1.id, status: "completed" },
      { enrolmentId: stopper.enrolmentId, stepId: step3.id, status: "started" },
      { enrolmentId: stopper.enrolmentId, stepId: step1.id, status: "completed" },
    ]);
    await ctx.database.rawQuery("update enrolments set completed_at = now() where id = $1", [
      finisher.enrolmentId,
    ]);
    await db.insert(comments).values([
      { runId: run.id, stepId: step2.id, authorId: finisher.id, body: "Seen on step 2" },
      { runId: run.id, stepId: step2.id, authorId: stopper.id, body: "Hidden", state: "hidden" },
    ]);
    // Another run's comment on step 1 is not this run's.
    const otherRun = await buildRun(ctx, { phase: "live" });
    const outsider = await buildRunMember(ctx, otherRun);
    await db
      .insert(comments)
      .values({ runId: otherRun.id, stepId: step1.id, authorId: outsider.id, body: "Other" });

    const audits = (await tableCounts(ctx)).audit;
    const response = await get(`/api/runs/${run.id}/engagement`, facilitator.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as Engagement;
    expect(figures.scope).toMatchObject({ kind: "run", runId: run.id, to: ukDate(new Date()) });
    expect(figures.enrolled).toBe(3);
    expect(figures.started).toEqual({ count: 2, percent: 67 });
    expect(figures.completed).toEqual({ count: 1, percent: 50 });
    expect(figures.commentsPerStep).toHaveLength(steps.length);
    expect(figures.commentsPerStep.map((s) => s.stepId)).toEqual(steps.map((s) => s.id));
    expect(figures.commentsPerStep.find((s) => s.stepId === step2.id)?.comments).toBe(1);
    expect(figures.commentsPerStep.reduce((n, s) => n + s.comments, 0)).toBe(1);
    expect(figures.commentsPerStep[0]?.number).toBe("1.1");
    expect(figures.stops.filter((s) => s.learners > 0)).toEqual([
      expect.objectContaining({ stepId: step3.id, learners: 1 }),
    ]);
    // Activity days come from the triggers on step progress and comments: today, the two who started are active (the other run's commenter is not counted).
    const today = figures.activeByDay.find((d) => d.day === ukDate(new Date()));
    expect(today?.learners).toBe(2);
    expect(figures.activeByDay[0]?.day).toBe(figures.scope.from);
    // Counts only, nobody named: not audited.
    expect((await tableCounts(ctx)).audit).toBe(audits);
  });

  it("gives zeros for a run with no members, with no division errors", async () => {
    const run = await buildRun(ctx, { phase: "upcoming" });
    const response = await get(`/api/runs/${run.id}/engagement`, adminCookie);
    expect(response.statusCode, response.body).toBe(200);
    const figures = response.json() as Engagement;
    expect(figures.enrolled).toBe(0);
    expect(figures.started).toEqual({ count: 0, percent: 0 });
    expect(figures.completed).toEqual({ count: 0, percent: 0 });
    expect(figures.activeByDay).toEqual([]);
    expect(figures.scope.from).toBeNull();
    expect(figures.stops.every((s) => s.learners === 0)).toBe(true);
  });

  it("answers 401 signed out, 403 for members and other facilitators, 404 for an unknown run, 400 bad id", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, run);
    const stranger = await buildFacilitator(ctx);
    expect((await get(`/api/runs/${run.id}/engagement`, null)).statusCode).toBe(401);
    expect((await get(`/api/runs/${run.id}/engagement`, member.cookie)).statusCode).toBe(403);
    expect((await get(`/api/runs/${run.id}/engagement`, stranger.cookie)).statusCode).toBe(403);
    expect((await get(`/api/runs/${UNKNOWN}/engagement`, adminCookie)).statusCode).toBe(404);
    expect((await get("/api/runs/nope/engagement", adminCookie)).statusCode).toBe(400);
  });
});

describe("GET /api/courses/:courseId/engagement", () => {
  it("counts every enrolment on the course for admins and the course's facilitators", async () => {
    const courseId = await courseIdBySlug(ctx, MINI_COURSE_SLUG);
    const run = await buildRun(ctx, { phase: "live" });
    const facilitator = await buildFacilitator(ctx, run);
    const loner = await buildEnrolment(ctx, { courseId });
    const steps = await runSteps(ctx, run);
    await ctx.database.db
      .insert(stepProgress)
      .values({ enrolmentId: loner.id, stepId: steps[0]?.id ?? "", status: "started" });
    const admin = await get(`/api/courses/${courseId}/engagement`, adminCookie);
    expect(admin.statusCode, admin.body).toBe(200);
    const figures = admin.json() as Engagement;
    const [row] = (await ctx.database.rawQuery(
      "select count(*)::int as n from enrolments where course_id = $1",
      [courseId],
    )) as Array<{ n: number }>;
    expect(figures.enrolled).toBe(row?.n);
    expect(figures.scope).toMatchObject({ kind: "course", courseId, runId: null });
    expect(figures.activeByDay).toHaveLength(90);
    expect(figures.started.count).toBeGreaterThanOrEqual(1);
    const byFacilitator = await get(`/api/courses/${courseId}/engagement`, facilitator.cookie);
    expect(byFacilitator.statusCode).toBe(200);
  });

  it("answers 401, 403 for learners and facilitators of no run of the course, 404 unknown", async () => {
    const courseId = await courseIdBySlug(ctx, MINI_COURSE_SLUG);
    const learner = await buildUser(ctx);
    const learnerCookie = await signIn(ctx, learner);
    const stranger = await buildFacilitator(ctx);
    expect((await get(`/api/courses/${courseId}/engagement`, null)).statusCode).toBe(401);
    expect((await get(`/api/courses/${courseId}/engagement`, learnerCookie)).statusCode).toBe(403);
    expect((await get(`/api/courses/${courseId}/engagement`, stranger.cookie)).statusCode).toBe(403);
    expect((await get(`/api/courses/${UNKNOWN}/engagement`, adminCookie)).statusCode).toBe(404);
  });
});
