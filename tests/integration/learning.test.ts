import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  courseSteps,
  courses,
  enrolments,
  quizAttempts,
  stepProgress,
} from "../../src/server/db/schema/index.js";
import type { LearningOutline, MyLearning, QuizResult, StepView } from "../../src/shared/learning.js";
import { buildUser, signIn } from "../support/factories.js";
import { answerKey, courseIdBySlug, quizAnswers, setWindow, stepsOf } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let introductory: string;
let measures: string;

beforeAll(async () => {
  ctx = await createTestApp();
  introductory = await courseIdBySlug(ctx, "productive-community-services-introductory");
  measures = await courseIdBySlug(ctx, "improvement-fundamentals-qi-measures");
});
afterAll(async () => ctx.close());

const call = (cookie: string | null, method: "GET" | "POST", url: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

/** A signed-in NHS England learner enrolled on a course. */
async function enrolled(courseId = introductory) {
  const user = await buildUser(ctx);
  const cookie = await signIn(ctx, user);
  const response = await call(cookie, "POST", "/api/enrolments", { courseId });
  expect(response.statusCode, response.body).toBe(201);
  return { user, cookie, enrolmentId: response.json().enrolment.id as string };
}
const base = (enrolmentId: string) => `/api/learning/enrolments/${enrolmentId}`;
const counts = async () => {
  const db = ctx.database.db;
  const [[p], [a], [e]] = await Promise.all([
    db.select({ n: count() }).from(stepProgress),
    db.select({ n: count() }).from(quizAttempts),
    db.select({ n: count() }).from(enrolments),
  ]);
  return { progress: p?.n ?? 0, attempts: a?.n ?? 0, enrolments: e?.n ?? 0 };
};

describe("the seeded lessons", () => {
  it("give both written courses real articles and quizzes, each ending with a final quiz", async () => {
    for (const courseId of [introductory, measures]) {
      const steps = await stepsOf(ctx, courseId);
      expect(steps.filter((s) => s.kind === "article").length).toBeGreaterThanOrEqual(5);
      expect(steps.filter((s) => s.kind === "quiz").length).toBeGreaterThanOrEqual(3);
      expect(steps.at(-1)?.kind).toBe("quiz");
    }
  });
});

describe("GET /api/learning/enrolments/:id", () => {
  it("lists modules and steps with the learner's status; Continue starts at the first step", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const response = await call(cookie, "GET", base(enrolmentId));
    expect(response.statusCode, response.body).toBe(200);
    const outline = response.json() as LearningOutline;
    expect(outline.course.title).toBe("Productive Community Services: Introductory");
    expect(outline.modules).toHaveLength(4);
    const first = outline.modules[0]?.steps[0];
    expect(first?.status).toBe("not_started");
    expect(outline.nextStepId).toBe(first?.id);
    expect(outline.enrolment.progressPercent).toBe(0);
    expect(outline.deferral).toMatchObject({
      allowed: false,
      message: expect.stringContaining("Introductory courses cannot be deferred"),
    });
  });

  it("hides other learners' enrolments (404), and answers 401 and 400", async () => {
    const { enrolmentId } = await enrolled();
    const other = await buildUser(ctx);
    const otherCookie = await signIn(ctx, other);
    expect((await call(otherCookie, "GET", base(enrolmentId))).statusCode).toBe(404);
    expect((await call(null, "GET", base(enrolmentId))).statusCode).toBe(401);
    expect((await call(otherCookie, "GET", base("not-a-uuid"))).statusCode).toBe(400);
  });
});

describe("steps and progress", () => {
  it("renders an article as sanitised HTML, records opening and completion, and moves Continue on", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const [first, second] = await stepsOf(ctx, introductory);
    if (!first || !second) throw new Error("course has too few steps");
    const view = (await call(cookie, "GET", `${base(enrolmentId)}/steps/${first.id}`)).json() as StepView;
    expect(view).toMatchObject({
      kind: "article",
      status: "not_started",
      previousStepId: null,
      nextStepId: second.id,
    });
    expect(view.html).toContain("<h2>");

    const opened = await call(cookie, "POST", `${base(enrolmentId)}/steps/${first.id}/progress`, {
      event: "opened",
    });
    expect(opened.json()).toMatchObject({ status: "started", courseCompleted: false, nextStepId: first.id });
    const done = await call(cookie, "POST", `${base(enrolmentId)}/steps/${first.id}/progress`, {
      event: "completed",
    });
    expect(done.json()).toMatchObject({ status: "completed", percent: 100, nextStepId: second.id });
    expect(done.json().courseProgressPercent).toBeGreaterThan(0);
    // A late "opened" never undoes a completion.
    const late = await call(cookie, "POST", `${base(enrolmentId)}/steps/${first.id}/progress`, {
      event: "opened",
    });
    expect(late.json().status).toBe("completed");
    const outline = (await call(cookie, "GET", base(enrolmentId))).json() as LearningOutline;
    expect(outline.nextStepId).toBe(second.id);
  });

  it("escapes script and iframes and drops javascript: links in lesson Markdown", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const [first] = await stepsOf(ctx, introductory);
    if (!first) throw new Error("no steps");
    const original = await ctx.database.db
      .select({ body: courseSteps.body })
      .from(courseSteps)
      .where(eq(courseSteps.id, first.id));
    await ctx.database.db
      .update(courseSteps)
      .set({
        body: '<script>alert(1)</script>\n\n<iframe src="https://x.example"></iframe>\n\n[go](javascript:alert(1))',
      })
      .where(eq(courseSteps.id, first.id));
    try {
      const view = (await call(cookie, "GET", `${base(enrolmentId)}/steps/${first.id}`)).json() as StepView;
      expect(view.html).not.toMatch(/<script|<iframe|href="javascript/i);
      expect(view.html).toContain("&lt;script&gt;");
    } finally {
      await ctx.database.db
        .update(courseSteps)
        .set({ body: original[0]?.body ?? "" })
        .where(eq(courseSteps.id, first.id));
    }
  });

  it("refuses progress on a step from another course (404) and completion of a quiz by event (409), writing nothing", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const [otherStep] = await stepsOf(ctx, measures);
    const quiz = (await stepsOf(ctx, introductory)).find((s) => s.kind === "quiz");
    if (!otherStep || !quiz) throw new Error("missing steps");
    const before = await counts();
    const foreign = await call(cookie, "POST", `${base(enrolmentId)}/steps/${otherStep.id}/progress`, {
      event: "completed",
    });
    expect(foreign.statusCode).toBe(404);
    const byEvent = await call(cookie, "POST", `${base(enrolmentId)}/steps/${quiz.id}/progress`, {
      event: "completed",
    });
    expect(byEvent.statusCode).toBe(409);
    expect(byEvent.json().error).toBe("quiz_not_passed");
    const bad = await call(cookie, "POST", `${base(enrolmentId)}/steps/${quiz.id}/progress`, {
      event: "finished",
    });
    expect(bad.statusCode).toBe(400);
    const tooFar = await call(cookie, "POST", `${base(enrolmentId)}/steps/${quiz.id}/progress`, {
      event: "progress",
      percent: 140,
    });
    expect(tooFar.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("makes an expired enrolment read-only: viewable, but progress and quiz answers are refused", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const [first] = await stepsOf(ctx, introductory);
    const quiz = (await stepsOf(ctx, introductory)).find((s) => s.kind === "quiz");
    if (!first || !quiz) throw new Error("missing steps");
    await setWindow(ctx, enrolmentId, new Date("2025-01-01T09:00:00Z"), new Date("2025-07-01T09:00:00Z"));
    const before = await counts();
    const view = (await call(cookie, "GET", `${base(enrolmentId)}/steps/${first.id}`)).json() as StepView;
    expect(view.readOnly).toBe(true);
    const progress = await call(cookie, "POST", `${base(enrolmentId)}/steps/${first.id}/progress`, {
      event: "completed",
    });
    expect(progress.statusCode).toBe(409);
    expect(progress.json()).toMatchObject({
      error: "read_only",
      message: expect.stringContaining("Your record is kept"),
    });
    const attempt = await call(cookie, "POST", `${base(enrolmentId)}/steps/${quiz.id}/attempts`, {
      answers: await quizAnswers(ctx, quiz.id),
    });
    expect(attempt.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });
});

describe("quizzes", () => {
  it("never sends which options are correct before an answer is marked", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const quiz = (await stepsOf(ctx, introductory)).find((s) => s.kind === "quiz");
    if (!quiz) throw new Error("no quiz");
    const response = await call(cookie, "GET", `${base(enrolmentId)}/steps/${quiz.id}`);
    const view = response.json() as StepView;
    expect(view.quiz?.questions.length).toBeGreaterThan(0);
    expect(JSON.stringify(view.quiz?.questions)).not.toMatch(/correct|feedback/);
    expect(view.quiz?.lastResult).toBeNull();
  });

  it("marks a failed attempt with feedback for the chosen options only, then a pass completes the step", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const quiz = (await stepsOf(ctx, introductory)).find((s) => s.kind === "quiz");
    if (!quiz) throw new Error("no quiz");
    const url = `${base(enrolmentId)}/steps/${quiz.id}/attempts`;

    const failed = await call(cookie, "POST", url, { answers: await quizAnswers(ctx, quiz.id, true) });
    expect(failed.statusCode, failed.body).toBe(201);
    const fail = failed.json() as QuizResult;
    expect(fail).toMatchObject({ passed: false, scorePercent: 0, attemptNumber: 1, attemptsRemaining: null });
    for (const question of fail.questions) {
      expect(question.correct).toBe(false);
      for (const option of question.options) {
        expect(option.correct).toBeNull();
        if (option.selected) expect(option.feedback).toEqual(expect.any(String));
        else expect(option.feedback).toBeNull();
      }
    }

    const passed = await call(cookie, "POST", url, { answers: await quizAnswers(ctx, quiz.id) });
    const pass = passed.json() as QuizResult;
    expect(pass).toMatchObject({ passed: true, scorePercent: 100, attemptNumber: 2 });
    expect(pass.questions.every((q) => q.options.every((o) => o.correct !== null))).toBe(true);

    const view = (await call(cookie, "GET", `${base(enrolmentId)}/steps/${quiz.id}`)).json() as StepView;
    expect(view.status).toBe("completed");
    expect(view.quiz).toMatchObject({ passed: true, attemptsUsed: 2, lastResult: { attemptNumber: 2 } });
  });

  it("refuses answers for unknown options, unanswered questions and two answers to a single-choice question, writing nothing", async () => {
    const { cookie, enrolmentId } = await enrolled();
    const quiz = (await stepsOf(ctx, introductory)).find((s) => s.kind === "quiz");
    if (!quiz) throw new Error("no quiz");
    const url = `${base(enrolmentId)}/steps/${quiz.id}/attempts`;
    const answers = await quizAnswers(ctx, quiz.id);
    const before = await counts();

    const unknown = answers.map((a, i) =>
      i === 0 ? { ...a, optionIds: ["7d1f3b8e-0000-4000-8000-000000000000"] } : a,
    );
    const r1 = await call(cookie, "POST", url, { answers: unknown });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().details[0]).toMatchObject({ field: `answers.${answers[0]?.questionId}` });

    const r2 = await call(cookie, "POST", url, { answers: answers.slice(1) });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toMatch(/Select (an|one or more) answers? to question 1/);

    const key = await answerKey(ctx, quiz.id);
    const single = key.find((q) => q.kind === "single");
    if (!single) throw new Error("the seeded quiz has no single-choice question");
    const doubled = answers.map((a) =>
      a.questionId === single.questionId
        ? { ...a, optionIds: [...single.correct, ...single.wrong.slice(0, 1)] }
        : a,
    );
    const r3 = await call(cookie, "POST", url, { answers: doubled });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().message).toMatch(/Select one answer to question \d/);
    const r4 = await call(cookie, "POST", url, { answers: [{ questionId: "x", optionIds: [] }] });
    expect(r4.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it("stops at the attempts limit (409) and reveals the answers on the last attempt", async () => {
    const { cookie, enrolmentId } = await enrolled(measures);
    const quiz = (await stepsOf(ctx, measures)).find((s) => s.kind === "quiz");
    if (!quiz) throw new Error("no quiz");
    await ctx.database.db.update(courseSteps).set({ maxAttempts: 1 }).where(eq(courseSteps.id, quiz.id));
    try {
      const url = `${base(enrolmentId)}/steps/${quiz.id}/attempts`;
      const first = (
        await call(cookie, "POST", url, { answers: await quizAnswers(ctx, quiz.id, true) })
      ).json() as QuizResult;
      expect(first).toMatchObject({ passed: false, attemptsRemaining: 0 });
      expect(first.questions[0]?.options.some((o) => o.correct === true)).toBe(true);
      const before = await counts();
      const second = await call(cookie, "POST", url, { answers: await quizAnswers(ctx, quiz.id) });
      expect(second.statusCode).toBe(409);
      expect(second.json()).toMatchObject({
        error: "attempts_exhausted",
        message: expect.stringContaining("all 1 attempts"),
      });
      expect(await counts()).toEqual(before);
    } finally {
      await ctx.database.db.update(courseSteps).set({ maxAttempts: null }).where(eq(courseSteps.id, quiz.id));
    }
  });

  it("answers 404 for another learner's enrolment and for a step that is not a quiz", async () => {
    const { enrolmentId } = await enrolled();
    const steps = await stepsOf(ctx, introductory);
    const quiz = steps.find((s) => s.kind === "quiz");
    const article = steps.find((s) => s.kind === "article");
    if (!quiz || !article) throw new Error("missing steps");
    const intruder = await signIn(ctx, await buildUser(ctx));
    const before = await counts();
    const theirs = await call(intruder, "POST", `${base(enrolmentId)}/steps/${quiz.id}/attempts`, {
      answers: await quizAnswers(ctx, quiz.id),
    });
    expect(theirs.statusCode).toBe(404);
    const own = await enrolled();
    const notQuiz = await call(own.cookie, "POST", `${base(own.enrolmentId)}/steps/${article.id}/attempts`, {
      answers: [],
    });
    expect(notQuiz.statusCode).toBe(404);
    expect(
      (await call(null, "POST", `${base(enrolmentId)}/steps/${quiz.id}/attempts`, { answers: [] }))
        .statusCode,
    ).toBe(401);
    expect((await counts()).attempts).toBe(before.attempts);
  });
});

describe("completing a course and My learning", () => {
  it("completes the course when every required step is done, and My learning shows it completed", async () => {
    const { cookie, enrolmentId } = await enrolled();
    for (const step of await stepsOf(ctx, introductory)) {
      const response =
        step.kind === "quiz"
          ? await call(cookie, "POST", `${base(enrolmentId)}/steps/${step.id}/attempts`, {
              answers: await quizAnswers(ctx, step.id),
            })
          : await call(cookie, "POST", `${base(enrolmentId)}/steps/${step.id}/progress`, {
              event: "completed",
            });
      expect(response.statusCode, response.body).toBeLessThan(300);
    }
    const outline = (await call(cookie, "GET", base(enrolmentId))).json() as LearningOutline;
    expect(outline.nextStepId).toBeNull();
    expect(outline.enrolment.progressPercent).toBe(100);
    expect(outline.enrolment.completedAt).not.toBeNull();
    const mine = (await call(cookie, "GET", "/api/me/learning")).json() as MyLearning;
    expect(mine.enrolments).toHaveLength(1);
    expect(mine.enrolments[0]).toMatchObject({ group: "completed", progressPercent: 100, nextStep: null });
  });

  it("groups enrolments as active, deferred and expired, with progress and the next step", async () => {
    const { user, cookie, enrolmentId } = await enrolled();
    const measuresResponse = await call(cookie, "POST", "/api/enrolments", { courseId: measures });
    const measuresEnrolment = measuresResponse.json().enrolment.id as string;
    await setWindow(
      ctx,
      measuresEnrolment,
      new Date("2025-01-01T09:00:00Z"),
      new Date("2025-07-01T09:00:00Z"),
    );
    const fundamentals = await courseIdBySlug(ctx, "improvement-fundamentals-qi-theory");
    await ctx.database.db.insert(enrolments).values({
      userId: user.id,
      courseId: fundamentals,
      via: "grant",
      priceExVatPence: 0,
      state: "deferred",
      startsAt: new Date(Date.now() + 30 * 86_400_000),
      expiresAt: new Date(Date.now() + 210 * 86_400_000),
    });
    const [first] = await stepsOf(ctx, introductory);
    await call(cookie, "POST", `${base(enrolmentId)}/steps/${first?.id}/progress`, { event: "completed" });

    const response = await call(cookie, "GET", "/api/me/learning");
    expect(response.statusCode).toBe(200);
    const items = (response.json() as MyLearning).enrolments;
    const byCourse = new Map(items.map((i) => [i.course.id, i]));
    const active = byCourse.get(introductory);
    expect(active).toMatchObject({ group: "active", completedSteps: 1 });
    expect(active?.totalSteps).toBe((await stepsOf(ctx, introductory)).length);
    expect(active?.nextStep?.id).toBe((await stepsOf(ctx, introductory))[1]?.id);
    expect(byCourse.get(measures)?.group).toBe("expired");
    expect(byCourse.get(fundamentals)).toMatchObject({
      group: "deferred",
      totalSteps: 0,
      progressPercent: 0,
    });
    expect((await call(null, "GET", "/api/me/learning")).statusCode).toBe(401);
  });

  it("runs the same number of queries for 1 enrolment as for 20, and none for My learning once cached", async () => {
    const all = await ctx.database.db.select({ id: courses.id }).from(courses).limit(20);
    const measure = async (enrolmentCount: number) => {
      const user = await buildUser(ctx);
      const cookie = await signIn(ctx, user);
      await ctx.database.db.insert(enrolments).values(
        all.slice(0, enrolmentCount).map((c) => ({
          userId: user.id,
          courseId: c.id,
          via: "grant" as const,
          priceExVatPence: 0,
          startsAt: new Date(),
          expiresAt: new Date(Date.now() + 180 * 86_400_000),
        })),
      );
      const queriesFor = async () => {
        const before = ctx.database.queryCount();
        const response = await call(cookie, "GET", "/api/me/learning");
        expect((response.json() as MyLearning).enrolments).toHaveLength(enrolmentCount);
        return ctx.database.queryCount() - before;
      };
      return { cold: await queriesFor(), warm: await queriesFor() };
    };
    const one = await measure(1);
    const twenty = await measure(20);
    expect(one.cold).toBeGreaterThan(one.warm);
    expect(twenty).toEqual(one);
    expect(one.warm).toBe(1); // the session check alone
  });

  it("never serves a stale My learning: progress and course edits show at once", async () => {
    const { cookie, enrolmentId } = await enrolled(measures);
    const [first, second] = await stepsOf(ctx, measures);
    if (!first || !second) throw new Error("too few steps");
    const mine = async () =>
      ((await call(cookie, "GET", "/api/me/learning")).json() as MyLearning).enrolments[0];
    expect((await mine())?.nextStep?.id).toBe(first.id);
    await call(cookie, "POST", `${base(enrolmentId)}/steps/${first.id}/progress`, { event: "completed" });
    expect(await mine()).toMatchObject({
      completedSteps: 1,
      nextStep: { id: second.id, title: second.title },
    });
    await ctx.database.db
      .update(courseSteps)
      .set({ title: "Why we measure" })
      .where(eq(courseSteps.id, second.id));
    try {
      expect((await mine())?.nextStep?.title).toBe("Why we measure");
    } finally {
      await ctx.database.db
        .update(courseSteps)
        .set({ title: second.title })
        .where(eq(courseSteps.id, second.id));
    }
  });
});
