import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import {
  courseModules,
  courseSteps,
  enrolments,
  scormAttempts,
  scormPackages,
  scormScos,
  stepProgress,
} from "../../src/server/db/schema/index.js";
import type { MyLearning } from "../../src/shared/learning.js";
import type {
  ScormAttemptAdmin,
  ScormAttemptList,
  ScormLaunch,
  ScormVersion,
} from "../../src/shared/scorm.js";
import {
  auditFor,
  buildAdmin,
  buildEditor,
  buildEnrolment,
  buildUser,
  signIn,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

interface StepOptions {
  version?: ScormVersion;
  scos?: number;
  masteryScore?: number;
  completionThreshold?: number;
  scaledPassingScore?: number;
}

let coursesUsed = 0;
/**
 * A scorm step on a seeded course that has no steps yet (its only required step), with a package stored straight in
 * the tables the import fills, so these tests do not depend on the upload.
 */
async function scormStep(options: StepOptions = {}) {
  const db = ctx.database.db;
  const candidates = (await ctx.database.rawQuery(
    `select c.id, (select m.id from course_modules m where m.course_id = c.id order by m.position limit 1) as module_id
       from courses c
      where c.status = 'published'
        and not exists (select 1 from course_modules m join course_steps s on s.module_id = m.id where m.course_id = c.id)
        and exists (select 1 from course_modules m where m.course_id = c.id)
      order by c.position, c.id`,
  )) as Array<{ id: string; module_id: string }>;
  const course = candidates[0];
  if (!course) throw new Error(`no free course (${coursesUsed} used)`);
  coursesUsed += 1;
  const [pkg] = await db
    .insert(scormPackages)
    .values({
      lineageId: randomUUID(),
      version: 1,
      scormVersion: options.version ?? "1.2",
      title: "Measuring for improvement",
      organisationTitle: "Measuring for improvement",
      items: [],
      rawManifest: {},
      warnings: [],
      fileCount: 2,
      sizeBytes: 100,
    })
    .returning();
  if (!pkg) throw new Error("no package");
  const scos = await db
    .insert(scormScos)
    .values(
      Array.from({ length: options.scos ?? 1 }, (_, i) => ({
        packageId: pkg.id,
        identifier: `item-${i + 1}`,
        position: i + 1,
        title: `Part ${i + 1}`,
        launchHref: `sco-${i + 1}/index.html`,
        masteryScore: options.masteryScore ?? null,
        completionThreshold: options.completionThreshold ?? null,
        scaledPassingScore: options.scaledPassingScore ?? null,
        launchData: i === 0 ? "chapter=1" : null,
      })),
    )
    .returning();
  const [step] = await db
    .insert(courseSteps)
    .values({
      moduleId: course.module_id,
      position: 1,
      kind: "scorm",
      title: "E-learning",
      scormPackageId: pkg.id,
    })
    .returning();
  if (!step) throw new Error("no step");
  return { courseId: course.id, stepId: step.id, packageId: pkg.id, scoIds: scos.map((s) => s.id) };
}

/** A learner enrolled on the step's course, signed in. */
async function learnerOn(step: { courseId: string }, options: { state?: "active" | "expired" } = {}) {
  const enrolment = await buildEnrolment(ctx, {
    courseId: step.courseId,
    user: { givenName: "Priya", familyName: "Shah" },
    ...(options.state === "expired"
      ? {
          state: "expired" as const,
          startsAt: new Date(Date.now() - 400 * 86_400_000),
          expiresAt: new Date(Date.now() - 86_400_000),
        }
      : {}),
  });
  if (!enrolment.user) throw new Error("no user");
  return { enrolmentId: enrolment.id, userId: enrolment.userId, cookie: await signIn(ctx, enrolment.user) };
}

const stepUrl = (enrolmentId: string, stepId: string) =>
  `/api/learning/enrolments/${enrolmentId}/steps/${stepId}/scorm`;

async function launch(cookie: string | null, enrolmentId: string, stepId: string) {
  return ctx.app.inject({
    method: "GET",
    url: stepUrl(enrolmentId, stepId),
    headers: cookie ? { cookie } : {},
  });
}

async function launched(cookie: string, enrolmentId: string, stepId: string): Promise<ScormLaunch> {
  const response = await launch(cookie, enrolmentId, stepId);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

type CommitAt = { enrolmentId: string; stepId: string; attemptId: string };
type CommitBody = { scoId: string; sequence: number; values: Record<string, string>; finished?: boolean };

function commit(cookie: string | null, at: CommitAt, body: CommitBody, contentType = "application/json") {
  return commitVia(ctx.app, cookie, at, body, contentType);
}

/** A commit sent to a given app instance (several instances share one database). */
function commitVia(
  app: FastifyInstance,
  cookie: string | null,
  at: CommitAt,
  body: CommitBody,
  contentType = "application/json",
) {
  return app.inject({
    method: "POST",
    url: `${stepUrl(at.enrolmentId, at.stepId)}/attempts/${at.attemptId}/commits`,
    headers: { ...(cookie ? { cookie } : {}), "content-type": contentType },
    payload: JSON.stringify(body),
  });
}

async function rowOf(attemptId: string, scoId: string) {
  const [row] = await ctx.database.db
    .select()
    .from(scormAttempts)
    .where(and(eq(scormAttempts.attemptId, attemptId), eq(scormAttempts.scoId, scoId)));
  return row;
}

async function progressOf(enrolmentId: string, stepId: string) {
  const [row] = await ctx.database.db
    .select()
    .from(stepProgress)
    .where(and(eq(stepProgress.enrolmentId, enrolmentId), eq(stepProgress.stepId, stepId)));
  return row;
}

describe("launch and resume", () => {
  it("creates attempt 1 on the first launch, ab-initio, with the learner and the manifest's values", async () => {
    const step = await scormStep({ masteryScore: 70 });
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(first).toMatchObject({
      scormVersion: "1.2",
      attempt: { number: 1 },
      readOnly: false,
      canStartNewAttempt: false,
    });
    const sco = first.scos[0];
    expect(sco?.launchUrl).toBe(`/scorm-content/${step.packageId}/sco-1/index.html`);
    expect(sco?.values).toMatchObject({
      "cmi.core.entry": "ab-initio",
      "cmi.core.student_id": learner.userId,
      "cmi.core.student_name": "Priya Shah",
      "cmi.core.credit": "credit",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.total_time": "0000:00:00.00",
      "cmi.launch_data": "chapter=1",
      "cmi.student_data.mastery_score": "70",
    });
    expect(first.startScoId).toBe(step.scoIds[0]);
    // Launching again returns the same attempt; no second attempt is made.
    const again = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(again.attempt.id).toBe(first.attempt.id);
    const rows = await ctx.database.db
      .select()
      .from(scormAttempts)
      .where(eq(scormAttempts.enrolmentId, learner.enrolmentId));
    expect(rows).toHaveLength(1);
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("started");
  });

  it("resumes exactly after a suspend, accumulates total time, and gives '' after a normal exit", async () => {
    const step = await scormStep();
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    const at = { ...learner, stepId: step.stepId, attemptId: first.attempt.id };
    const scoId = step.scoIds[0] ?? "";
    const session = {
      ...first.scos[0]?.values,
      "cmi.core.lesson_location": "page-2",
      "cmi.suspend_data": "visited=1,2",
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.exit": "suspend",
      "cmi.core.session_time": "0000:01:30.00",
    };
    expect(
      (await commit(learner.cookie, at, { scoId, sequence: 1, values: session, finished: true })).json(),
    ).toEqual({
      applied: true,
      lastSequence: 1,
    });
    const resumed = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(resumed.scos[0]?.values).toMatchObject({
      "cmi.core.entry": "resume",
      "cmi.core.lesson_location": "page-2",
      "cmi.suspend_data": "visited=1,2",
      "cmi.core.lesson_status": "incomplete",
      "cmi.core.total_time": "0000:01:30.00",
    });
    expect(resumed.scos[0]?.values["cmi.core.exit"]).toBeUndefined();
    expect(resumed.scos[0]?.values["cmi.core.session_time"]).toBeUndefined();
    expect(resumed.scos[0]?.lastSequence).toBe(1);
    const second = {
      ...resumed.scos[0]?.values,
      "cmi.core.exit": "",
      "cmi.core.session_time": "0000:01:30.00",
    };
    expect(
      (await commit(learner.cookie, at, { scoId, sequence: 2, values: second, finished: true })).statusCode,
    ).toBe(200);
    const third = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(third.scos[0]?.values).toMatchObject({
      "cmi.core.entry": "",
      "cmi.core.total_time": "0000:03:00.00",
    });
  });

  it("2004: resumes with cmi.entry and an ISO 8601 total time", async () => {
    const step = await scormStep({ version: "2004-4th" });
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(first.scos[0]?.values).toMatchObject({
      "cmi.entry": "ab-initio",
      "cmi.learner_id": learner.userId,
      "cmi.total_time": "PT0S",
    });
    const at = { ...learner, stepId: step.stepId, attemptId: first.attempt.id };
    const values = {
      "cmi.location": "page-2",
      "cmi.suspend_data": "x".repeat(64_000),
      "cmi.exit": "suspend",
      "cmi.session_time": "PT1M30S",
    };
    const response = await commit(learner.cookie, at, {
      scoId: step.scoIds[0] ?? "",
      sequence: 1,
      values,
      finished: true,
    });
    expect(response.statusCode, response.body).toBe(200);
    const resumed = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(resumed.scos[0]?.values).toMatchObject({
      "cmi.entry": "resume",
      "cmi.location": "page-2",
      "cmi.total_time": "PT1M30S",
    });
    expect(resumed.scos[0]?.values["cmi.suspend_data"]).toHaveLength(64_000);
  });

  it("answers 401 signed out, 404 for another learner's enrolment and for a step that is not SCORM", async () => {
    const step = await scormStep();
    const learner = await learnerOn(step);
    expect((await launch(null, learner.enrolmentId, step.stepId)).statusCode).toBe(401);
    const other = await learnerOn(step);
    expect((await launch(other.cookie, learner.enrolmentId, step.stepId)).statusCode).toBe(404);
    const [article] = await ctx.database.db
      .insert(courseSteps)
      .values({
        moduleId:
          (
            await ctx.database.db
              .select({ id: courseModules.id })
              .from(courseModules)
              .where(eq(courseModules.courseId, step.courseId))
              .orderBy(asc(courseModules.position))
              .limit(1)
          )[0]?.id ?? "",
        position: 2,
        kind: "article",
        title: "Reading",
        required: false,
      })
      .returning();
    expect((await launch(learner.cookie, learner.enrolmentId, article?.id ?? "")).statusCode).toBe(404);
    const rows = await ctx.database.db
      .select()
      .from(scormAttempts)
      .where(eq(scormAttempts.enrolmentId, learner.enrolmentId));
    expect(rows).toHaveLength(0);
  });

  it("read-only enrolments launch without saving anything, and commits are refused", async () => {
    const step = await scormStep();
    const learner = await learnerOn(step, { state: "expired" });
    const view = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(view.readOnly).toBe(true);
    expect(view.canStartNewAttempt).toBe(false);
    const rows = await ctx.database.db
      .select()
      .from(scormAttempts)
      .where(eq(scormAttempts.enrolmentId, learner.enrolmentId));
    expect(rows).toHaveLength(0);
    const response = await commit(
      learner.cookie,
      { ...learner, stepId: step.stepId, attemptId: view.attempt.id },
      { scoId: step.scoIds[0] ?? "", sequence: 1, values: {} },
    );
    expect(response.statusCode).toBe(404);
    const start = await ctx.app.inject({
      method: "POST",
      url: `${stepUrl(learner.enrolmentId, step.stepId)}/attempts`,
      headers: { cookie: learner.cookie },
    });
    expect(start.statusCode).toBe(409);
    expect(start.json().error).toBe("read_only");
  });
});

describe("commits", () => {
  async function started(options: StepOptions = {}) {
    const step = await scormStep(options);
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    return { step, learner, first, at: { ...learner, stepId: step.stepId, attemptId: first.attempt.id } };
  }

  it("apply in sequence order: 3 then 2 leaves 3; 2 twice applies once", async () => {
    const { step, learner, at } = await started();
    const scoId = step.scoIds[0] ?? "";
    const send = (sequence: number, location: string) =>
      commit(learner.cookie, at, { scoId, sequence, values: { "cmi.core.lesson_location": location } });
    expect((await send(3, "three")).json()).toEqual({ applied: true, lastSequence: 3 });
    expect((await send(2, "two")).json()).toEqual({ applied: false, lastSequence: 3 });
    expect((await rowOf(at.attemptId, scoId))?.cmi["cmi.core.lesson_location"]).toBe("three");
    expect((await send(4, "four")).json()).toEqual({ applied: true, lastSequence: 4 });
    expect((await send(4, "four again")).json()).toEqual({ applied: false, lastSequence: 4 });
    expect((await rowOf(at.attemptId, scoId))?.cmi["cmi.core.lesson_location"]).toBe("four");
  });

  it("written together when they arrive together, each under its own conditions (decision 0018)", async () => {
    const step = await scormStep();
    const scoId = step.scoIds[0] ?? "";
    const learners = await Promise.all([learnerOn(step), learnerOn(step), learnerOn(step)]);
    const ats = await Promise.all(
      learners.map(async (learner) => ({
        ...learner,
        stepId: step.stepId,
        attemptId: (await launched(learner.cookie, learner.enrolmentId, step.stepId)).attempt.id,
      })),
    );
    const [, , leaver] = learners;
    await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: leaver?.cookie ?? "" },
    });
    const answers = await Promise.all(
      ats.map((at, i) =>
        commit(learners[i]?.cookie ?? null, at, {
          scoId,
          sequence: 1,
          values: { "cmi.core.lesson_location": `page ${i}` },
        }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 401]);
    expect(answers[0]?.json()).toEqual({ applied: true, lastSequence: 1 });
    expect(answers[1]?.json()).toEqual({ applied: true, lastSequence: 1 });
    for (const [i, expected] of [
      [0, "page 0"],
      [1, "page 1"],
    ] as const) {
      const row = await rowOf(ats[i]?.attemptId ?? "", scoId);
      expect(row?.lastSequence).toBe(1);
      expect(row?.cmi["cmi.core.lesson_location"]).toBe(expected);
    }
    expect((await rowOf(ats[2]?.attemptId ?? "", scoId))?.lastSequence).toBe(0);
  });

  it("two commits for one row at once: the higher sequence is what stays", async () => {
    const { step, learner, at } = await started();
    const scoId = step.scoIds[0] ?? "";
    const [first, second] = await Promise.all(
      [1, 2].map((sequence) =>
        commit(learner.cookie, at, {
          scoId,
          sequence,
          values: { "cmi.core.lesson_location": `at ${sequence}` },
        }),
      ),
    );
    expect(second?.json()).toEqual({ applied: true, lastSequence: 2 });
    expect([1, 2]).toContain(first?.json().lastSequence);
    const row = await rowOf(at.attemptId, scoId);
    expect(row?.lastSequence).toBe(2);
    expect(row?.cmi["cmi.core.lesson_location"]).toBe("at 2");
  });

  it("accepts text/plain bodies, as navigator.sendBeacon sends them", async () => {
    const { step, learner, at } = await started();
    const scoId = step.scoIds[0] ?? "";
    const response = await commit(
      learner.cookie,
      at,
      { scoId, sequence: 1, values: { "cmi.core.lesson_location": "beacon" }, finished: true },
      "text/plain;charset=UTF-8",
    );
    expect(response.statusCode, response.body).toBe(200);
    expect((await rowOf(at.attemptId, scoId))?.cmi["cmi.core.lesson_location"]).toBe("beacon");
    const broken = await ctx.app.inject({
      method: "POST",
      url: `${stepUrl(at.enrolmentId, at.stepId)}/attempts/${at.attemptId}/commits`,
      headers: { cookie: learner.cookie, "content-type": "text/plain" },
      payload: "{not json",
    });
    expect(broken.statusCode).toBe(400);
  });

  it("refuses invalid CMI with the SCORM error code and stores nothing from that commit", async () => {
    const { step, learner, at } = await started();
    const scoId = step.scoIds[0] ?? "";
    await commit(learner.cookie, at, { scoId, sequence: 1, values: { "cmi.core.lesson_location": "kept" } });
    const before = await rowOf(at.attemptId, scoId);
    const cases: Array<[Record<string, string>, string, number]> = [
      [
        { "cmi.core.lesson_location": "lost", "cmi.core.lesson_status": "finished" },
        "cmi.core.lesson_status",
        405,
      ],
      [{ "cmi.core.lesson_location": "lost", "cmi.core.student_id": "someone" }, "cmi.core.student_id", 403],
      [
        { "cmi.core.lesson_location": "lost", "cmi.completion_status": "completed" },
        "cmi.completion_status",
        401,
      ],
      [{ "cmi.suspend_data": "x".repeat(4097) }, "cmi.suspend_data", 405],
      [{ "cmi.core.session_time": "PT1M" }, "cmi.core.session_time", 405],
    ];
    for (const [values, element, code] of cases) {
      const response = await commit(learner.cookie, at, { scoId, sequence: 2, values });
      expect(response.statusCode, element).toBe(400);
      expect(response.json()).toMatchObject({ error: "invalid_cmi", element, scormErrorCode: code });
      expect(response.json().message).toContain(element);
    }
    const after = await rowOf(at.attemptId, scoId);
    expect(after?.cmi).toEqual(before?.cmi);
    expect(after?.lastSequence).toBe(1);
    const schema = await commit(learner.cookie, at, { scoId, sequence: 0, values: {} });
    expect(schema.statusCode).toBe(400);
    expect(schema.json().error).toBe("validation_failed");
  });

  it("answer 404 for another learner's attempt and 401 signed out", async () => {
    const { step, at } = await started();
    const other = await learnerOn(step);
    const scoId = step.scoIds[0] ?? "";
    const theirs = await commit(
      other.cookie,
      { ...at, enrolmentId: other.enrolmentId },
      { scoId, sequence: 1, values: {} },
    );
    expect(theirs.statusCode).toBe(404);
    const wrongUrl = await commit(other.cookie, at, { scoId, sequence: 1, values: {} });
    expect(wrongUrl.statusCode).toBe(404);
    expect((await commit(null, at, { scoId, sequence: 1, values: {} })).statusCode).toBe(401);
    expect((await rowOf(at.attemptId, scoId))?.lastSequence).toBe(0);
  });
});

describe("commits through two app instances on one database", () => {
  let other: FastifyInstance;
  beforeAll(async () => {
    other = await buildApp({ config: ctx.config, database: ctx.database });
    await other.ready();
  });
  afterAll(async () => other.close());

  async function started() {
    const step = await scormStep();
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    const scoId = step.scoIds[0] ?? "";
    const at = { ...learner, stepId: step.stepId, attemptId: first.attempt.id };
    const send = (app: FastifyInstance, sequence: number, values: Record<string, string>, finished = false) =>
      commitVia(app, learner.cookie, at, { scoId, sequence, values, finished });
    return { step, learner, at, scoId, send };
  }

  it("keeps the newest commit and the statuses it derived when instances take turns", async () => {
    const { at, scoId, send } = await started();
    expect((await send(ctx.app, 1, { "cmi.core.lesson_location": "one" })).json()).toEqual({
      applied: true,
      lastSequence: 1,
    });
    // The other instance writes 2 and completes the SCO; this instance last saw the row at 1.
    expect(
      (
        await send(other, 2, { "cmi.core.lesson_location": "two", "cmi.core.lesson_status": "completed" })
      ).json(),
    ).toEqual({ applied: true, lastSequence: 2 });
    // 3 through this instance builds on the other instance's write, not on what this instance remembered.
    expect((await send(ctx.app, 3, { "cmi.core.lesson_location": "three" })).json()).toEqual({
      applied: true,
      lastSequence: 3,
    });
    // A late 2 through the other instance is stale.
    expect((await send(other, 2, { "cmi.core.lesson_location": "late" })).json()).toEqual({
      applied: false,
      lastSequence: 3,
    });
    const row = await rowOf(at.attemptId, scoId);
    expect(row?.cmi["cmi.core.lesson_location"]).toBe("three");
    expect(row?.completionStatus).toBe("completed");
    expect(row?.lastSequence).toBe(3);
  });

  it("refuses at once when the access window closed or the attempt was reset since this instance last wrote", async () => {
    const closed = await started();
    expect((await closed.send(ctx.app, 1, { "cmi.core.lesson_location": "a" })).statusCode).toBe(200);
    await ctx.database.db
      .update(enrolments)
      .set({ startsAt: new Date(Date.now() - 2 * 86_400_000), expiresAt: new Date(Date.now() - 1000) })
      .where(eq(enrolments.id, closed.at.enrolmentId));
    const refused = await closed.send(ctx.app, 2, { "cmi.core.lesson_location": "b" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe("read_only");
    expect((await rowOf(closed.at.attemptId, closed.scoId))?.cmi["cmi.core.lesson_location"]).toBe("a");

    const reset = await started();
    expect((await reset.send(ctx.app, 1, { "cmi.core.lesson_location": "a" })).statusCode).toBe(200);
    const admin = await buildAdmin(ctx);
    const resetResponse = await other.inject({
      method: "POST",
      url: `/api/admin/scorm-attempts/${reset.at.attemptId}/reset`,
      headers: { cookie: await signIn(ctx, admin) },
      payload: { reason: "The learner asked to start again" },
    });
    expect(resetResponse.statusCode, resetResponse.body).toBe(200);
    const afterReset = await reset.send(ctx.app, 2, { "cmi.core.lesson_location": "b" });
    expect(afterReset.statusCode).toBe(409);
    expect(afterReset.json().error).toBe("attempt_reset");
  });
});

describe("the commit's own session check", () => {
  async function committing() {
    const step = await scormStep();
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    const scoId = step.scoIds[0] ?? "";
    const at = { ...learner, stepId: step.stepId, attemptId: first.attempt.id };
    const send = (sequence: number, location: string, headers: Record<string, string> = {}) =>
      ctx.app.inject({
        method: "POST",
        url: `${stepUrl(at.enrolmentId, at.stepId)}/attempts/${at.attemptId}/commits`,
        headers: { cookie: learner.cookie, "content-type": "application/json", ...headers },
        payload: JSON.stringify({ scoId, sequence, values: { "cmi.core.lesson_location": location } }),
      });
    expect((await send(1, "one")).statusCode).toBe(200);
    return { learner, at, scoId, send };
  }

  it("answers 401 and writes nothing once the learner has signed out, though this instance saw the session just now", async () => {
    const { learner, at, scoId, send } = await committing();
    const signOut = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: learner.cookie },
    });
    expect(signOut.statusCode).toBeLessThan(300);
    expect((await send(2, "two")).statusCode).toBe(401);
    const row = await rowOf(at.attemptId, scoId);
    expect(row?.lastSequence).toBe(1);
    expect(row?.cmi["cmi.core.lesson_location"]).toBe("one");
  });

  it("answers 401 once an administrator has expired the account", async () => {
    const { learner, at, scoId, send } = await committing();
    const admin = await buildAdmin(ctx);
    const expire = await ctx.app.inject({
      method: "POST",
      url: `/api/admin/users/${learner.userId}/expire`,
      headers: { cookie: await signIn(ctx, admin) },
      payload: { reason: "Left the trust" },
    });
    expect(expire.statusCode, expire.body).toBeLessThan(300);
    expect((await send(2, "two")).statusCode).toBe(401);
    expect((await rowOf(at.attemptId, scoId))?.lastSequence).toBe(1);
  });

  it("still refuses a cross-site commit that carries the cookie", async () => {
    const { at, scoId, send } = await committing();
    const forged = await send(2, "forged", {
      origin: "https://evil.example",
      "sec-fetch-site": "cross-site",
    });
    expect(forged.statusCode).toBe(403);
    expect((await rowOf(at.attemptId, scoId))?.lastSequence).toBe(1);
  });
});

describe("roll-up", () => {
  async function started(options: StepOptions = {}) {
    const step = await scormStep(options);
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    return { step, learner, first, at: { ...learner, stepId: step.stepId, attemptId: first.attempt.id } };
  }

  it("1.2 content that only initialises and finishes completes the step, the course and My learning", async () => {
    const { step, learner, at, first } = await started();
    const response = await commit(learner.cookie, at, {
      scoId: step.scoIds[0] ?? "",
      sequence: 1,
      values: { ...first.scos[0]?.values, "cmi.core.session_time": "0000:01:30.00" },
      finished: true,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
    const mine = await ctx.app.inject({
      method: "GET",
      url: "/api/me/learning",
      headers: { cookie: learner.cookie },
    });
    const item = (mine.json() as MyLearning).enrolments.find((e) => e.enrolmentId === learner.enrolmentId);
    expect(item).toMatchObject({
      completedSteps: 1,
      totalSteps: 1,
      progressPercent: 100,
      group: "completed",
    });
    const again = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(again.scos[0]).toMatchObject({ completionStatus: "completed" });
    expect(again.scos[0]?.values["cmi.core.lesson_status"]).toBe("completed");
    expect(again.canStartNewAttempt).toBe(true);
  });

  it("a mastery score fails a low score (step not complete) and passes a high one", async () => {
    const { step, learner, at } = await started({ masteryScore: 70 });
    const scoId = step.scoIds[0] ?? "";
    await commit(learner.cookie, at, {
      scoId,
      sequence: 1,
      values: { "cmi.core.lesson_status": "completed", "cmi.core.score.raw": "60" },
    });
    expect(await rowOf(at.attemptId, scoId)).toMatchObject({ successStatus: "failed", scoreRaw: 60 });
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("started");
    await commit(learner.cookie, at, { scoId, sequence: 2, values: { "cmi.core.score.raw": "80" } });
    expect(await rowOf(at.attemptId, scoId)).toMatchObject({
      completionStatus: "completed",
      successStatus: "passed",
      scoreRaw: 80,
    });
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
    // Completion is never undone by a later, lower score.
    await commit(learner.cookie, at, { scoId, sequence: 3, values: { "cmi.core.score.raw": "10" } });
    expect((await rowOf(at.attemptId, scoId))?.successStatus).toBe("failed");
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
  });

  it("2004: completion and success are separate, and every SCO must be done", async () => {
    const { step, learner, at } = await started({ version: "2004-4th", scos: 2, scaledPassingScore: 0.7 });
    const [one = "", two = ""] = step.scoIds;
    await commit(learner.cookie, at, {
      scoId: one,
      sequence: 1,
      values: { "cmi.completion_status": "completed", "cmi.score.scaled": "0.5" },
    });
    expect(await rowOf(at.attemptId, one)).toMatchObject({
      completionStatus: "completed",
      successStatus: "failed",
    });
    await commit(learner.cookie, at, { scoId: one, sequence: 2, values: { "cmi.score.scaled": "0.8" } });
    expect(await rowOf(at.attemptId, one)).toMatchObject({
      completionStatus: "completed",
      successStatus: "passed",
      scoreScaled: 0.8,
    });
    const half = await progressOf(learner.enrolmentId, step.stepId);
    expect(half).toMatchObject({ status: "started", percent: 50 });
    const resumed = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(resumed.startScoId).toBe(one);
    await commit(learner.cookie, at, {
      scoId: two,
      sequence: 1,
      values: {
        "cmi.completion_status": "completed",
        "cmi.success_status": "passed",
        "cmi.score.scaled": "0.9",
      },
    });
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
  });

  it("2004: a completion threshold decides completion from progress_measure", async () => {
    const { step, learner, at } = await started({ version: "2004-3rd", completionThreshold: 0.75 });
    const scoId = step.scoIds[0] ?? "";
    await commit(learner.cookie, at, {
      scoId,
      sequence: 1,
      values: { "cmi.completion_status": "completed", "cmi.progress_measure": "0.5" },
    });
    expect((await rowOf(at.attemptId, scoId))?.completionStatus).toBe("incomplete");
    await commit(learner.cookie, at, { scoId, sequence: 2, values: { "cmi.progress_measure": "0.8" } });
    expect((await rowOf(at.attemptId, scoId))?.completionStatus).toBe("completed");
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
  });

  it("learners cannot mark a SCORM step complete by hand", async () => {
    const { step, learner } = await started();
    const response = await ctx.app.inject({
      method: "POST",
      url: `/api/learning/enrolments/${learner.enrolmentId}/steps/${step.stepId}/progress`,
      headers: { cookie: learner.cookie },
      payload: { event: "completed" },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toBe("scorm_not_complete");
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("started");
  });
});

describe("attempts and administrators", () => {
  it("a new attempt only once the current one is finished and complete; earlier attempts stay", async () => {
    const step = await scormStep();
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    const at = { ...learner, stepId: step.stepId, attemptId: first.attempt.id };
    const scoId = step.scoIds[0] ?? "";
    const start = () =>
      ctx.app.inject({
        method: "POST",
        url: `${stepUrl(learner.enrolmentId, step.stepId)}/attempts`,
        headers: { cookie: learner.cookie },
      });
    await commit(learner.cookie, at, {
      scoId,
      sequence: 1,
      values: { "cmi.core.lesson_status": "incomplete" },
    });
    const early = await start();
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe("attempt_in_progress");
    await commit(learner.cookie, at, {
      scoId,
      sequence: 2,
      values: { "cmi.core.lesson_status": "completed" },
      finished: true,
    });
    const [a, b] = await Promise.all([start(), start()]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const second = (a.statusCode === 201 ? a : b).json() as ScormLaunch;
    expect(second.attempt.number).toBe(2);
    expect(second.scos[0]?.values["cmi.core.entry"]).toBe("ab-initio");
    expect((await launched(learner.cookie, learner.enrolmentId, step.stepId)).attempt.id).toBe(
      second.attempt.id,
    );
    const numbers = await ctx.database.db
      .select({ n: scormAttempts.attemptNumber })
      .from(scormAttempts)
      .where(eq(scormAttempts.enrolmentId, learner.enrolmentId));
    expect(numbers.map((r) => r.n).sort()).toEqual([1, 2]);
    // The step stays complete whatever the new attempt does.
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
  });

  it("administrators list, view (audited) and reset (audited) attempts; the next launch starts afresh", async () => {
    const step = await scormStep();
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    const at = { ...learner, stepId: step.stepId, attemptId: first.attempt.id };
    const scoId = step.scoIds[0] ?? "";
    await commit(learner.cookie, at, {
      scoId,
      sequence: 1,
      values: {
        "cmi.core.lesson_status": "completed",
        "cmi.core.score.raw": "90",
        "cmi.suspend_data": "state",
      },
    });
    const admin = await signIn(ctx, await buildAdmin(ctx));
    const list = await ctx.app.inject({
      method: "GET",
      url: `/api/admin/users/${learner.userId}/scorm-attempts`,
      headers: { cookie: admin },
    });
    expect(list.statusCode, list.body).toBe(200);
    const attempts = (list.json() as ScormAttemptList).attempts;
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({
      id: first.attempt.id,
      number: 1,
      completionStatus: "completed",
      scoreRaw: 90,
      resetAt: null,
    });
    expect((await auditFor(ctx, "scorm.attempts_listed"))[0]?.subjectId).toBe(learner.userId);

    const view = await ctx.app.inject({
      method: "GET",
      url: `/api/admin/scorm-attempts/${first.attempt.id}`,
      headers: { cookie: admin },
    });
    expect(view.statusCode, view.body).toBe(200);
    const detail = view.json() as ScormAttemptAdmin;
    expect(detail.learner.name).toBe("Priya Shah");
    expect(detail.scos[0]?.values).toMatchObject({
      "cmi.suspend_data": "state",
      "cmi.core.lesson_status": "completed",
    });
    expect((await auditFor(ctx, "scorm.attempt_viewed"))[0]?.subjectId).toBe(first.attempt.id);

    const reset = await ctx.app.inject({
      method: "POST",
      url: `/api/admin/scorm-attempts/${first.attempt.id}/reset`,
      headers: { cookie: admin },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await auditFor(ctx, "scorm.attempt_reset"))[0]?.subjectId).toBe(first.attempt.id);
    const twice = await ctx.app.inject({
      method: "POST",
      url: `/api/admin/scorm-attempts/${first.attempt.id}/reset`,
      headers: { cookie: admin },
    });
    expect(twice.statusCode).toBe(409);
    expect((await rowOf(first.attempt.id, scoId))?.resetAt).not.toBeNull();
    const late = await commit(learner.cookie, at, {
      scoId,
      sequence: 2,
      values: { "cmi.core.lesson_location": "late" },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe("attempt_reset");
    expect(late.json().message).toContain("Reload");
    const fresh = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    expect(fresh.attempt).toMatchObject({ number: 2 });
    expect(fresh.attempt.id).not.toBe(first.attempt.id);
    expect(fresh.scos[0]?.values["cmi.suspend_data"]).toBeUndefined();
    expect((await progressOf(learner.enrolmentId, step.stepId))?.status).toBe("completed");
  });

  it("refuses every other role (403) and signed-out callers (401), writing nothing", async () => {
    const step = await scormStep();
    const learner = await learnerOn(step);
    const first = await launched(learner.cookie, learner.enrolmentId, step.stepId);
    const auditBefore = await ctx.database.rawQuery("select count(*)::int as n from audit_events");
    for (const cookie of [
      learner.cookie,
      await signIn(ctx, await buildEditor(ctx)),
      await signIn(ctx, await buildUser(ctx, { roles: ["learner", "facilitator", "assessor"] })),
    ]) {
      for (const [method, url] of [
        ["GET", `/api/admin/users/${learner.userId}/scorm-attempts`],
        ["GET", `/api/admin/scorm-attempts/${first.attempt.id}`],
        ["POST", `/api/admin/scorm-attempts/${first.attempt.id}/reset`],
      ] as const) {
        expect((await ctx.app.inject({ method, url, headers: { cookie } })).statusCode, url).toBe(403);
        expect((await ctx.app.inject({ method, url })).statusCode, url).toBe(401);
      }
    }
    expect(await ctx.database.rawQuery("select count(*)::int as n from audit_events")).toEqual(auditBefore);
    expect((await rowOf(first.attempt.id, step.scoIds[0] ?? ""))?.resetAt).toBeNull();
    const admin = await signIn(ctx, await buildAdmin(ctx));
    const unknown = await ctx.app.inject({
      method: "GET",
      url: `/api/admin/scorm-attempts/${randomUUID()}`,
      headers: { cookie: admin },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await ctx.app.inject({
      method: "GET",
      url: "/api/admin/scorm-attempts/not-a-uuid",
      headers: { cookie: admin },
    });
    expect(bad.statusCode).toBe(400);
  });
});
