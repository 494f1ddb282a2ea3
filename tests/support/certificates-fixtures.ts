import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import {
  courseModules,
  courseSteps,
  courses,
  quizOptions,
  quizQuestions,
} from "../../src/server/db/schema/index.js";
import { buildEnrolment, buildUser, signIn, type TestUser, type UserOptions } from "./factories.js";
import { courseIdBySlug, quizAnswers, stepsOf } from "./learning-fixtures.js";
import type { TestContext } from "./test-app.js";

/** Seeded courses used by the certificate tests, one per rule, by level. */
export const COURSE_SLUGS = {
  introductory: "productive-community-services-introductory",
  miniCourse: "improvement-fundamentals-qi-measures",
  accreditedIntroduction: "productive-ward-accredited-introduction",
  foundation: "productive-ward-foundation",
  practitioner: "productive-ward-practitioner",
} as const;

/**
 * Gives a seeded course without lessons an article and a quiz of one question in its first module; the quiz is the
 * course's final assessment unless `finalQuiz` is false. Returns the course id. Does nothing to a course with steps.
 */
export async function giveCourseSteps(
  ctx: TestContext,
  slug: string,
  options: { finalQuiz?: boolean } = {},
): Promise<string> {
  const courseId = await courseIdBySlug(ctx, slug);
  if ((await stepsOf(ctx, courseId)).length > 0) return courseId;
  const db = ctx.database.db;
  const [module] = await db
    .select({ id: courseModules.id })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position))
    .limit(1);
  if (!module) throw new Error(`course ${slug} has no modules`);
  await db.insert(courseSteps).values({
    moduleId: module.id,
    position: 1,
    kind: "article",
    title: "What this level asks of you",
    body: "Read this first.",
  });
  const [quiz] = await db
    .insert(courseSteps)
    .values({
      moduleId: module.id,
      position: 2,
      kind: "quiz",
      title: "Final assessment",
      body: "Answer the question.",
      passMarkPercent: 100,
      isFinal: options.finalQuiz ?? true,
    })
    .returning({ id: courseSteps.id });
  if (!quiz) throw new Error("quiz insert returned no row");
  const [question] = await db
    .insert(quizQuestions)
    .values({ stepId: quiz.id, position: 1, kind: "single", prompt: "What does PDSA stand for?" })
    .returning({ id: quizQuestions.id });
  if (!question) throw new Error("question insert returned no row");
  await db.insert(quizOptions).values([
    { questionId: question.id, position: 1, text: "Plan, Do, Study, Act", correct: true },
    { questionId: question.id, position: 2, text: "Prepare, Deliver, Sustain, Assess", correct: false },
  ]);
  return courseId;
}

/** Sets how many months a course's certificates stay valid (null: they never expire). */
export async function setValidity(ctx: TestContext, courseId: string, months: number | null) {
  await ctx.database.db
    .update(courses)
    .set({ certificateValidityMonths: months })
    .where(eq(courses.id, courseId));
}

/** A signed-in learner with an active enrolment made straight in the database (declared when asked). */
export async function enrolledLearner(
  ctx: TestContext,
  courseId: string,
  options: { declared?: boolean; user?: UserOptions } = {},
): Promise<{ user: TestUser; cookie: string; enrolmentId: string }> {
  const user = await buildUser(ctx, options.user);
  const enrolment = await buildEnrolment(ctx, { userId: user.id, courseId });
  if (options.declared) {
    await ctx.database.rawQuery("update enrolments set declared_at = now() where id = $1", [enrolment.id]);
  }
  return { user, cookie: await signIn(ctx, user), enrolmentId: enrolment.id };
}

/**
 * Works through every step of an enrolment through the learning API as the learner would: articles marked
 * complete, quizzes answered (right, unless `failQuizzes`). `skipFinal` leaves the final quiz alone.
 */
export async function workThrough(
  ctx: TestContext,
  learner: { cookie: string; enrolmentId: string },
  options: { failQuizzes?: boolean; skipQuizzes?: boolean } = {},
): Promise<void> {
  const [row] = (await ctx.database.rawQuery("select course_id from enrolments where id = $1", [
    learner.enrolmentId,
  ])) as Array<{ course_id: string }>;
  if (!row) throw new Error("no such enrolment");
  const base = `/api/learning/enrolments/${learner.enrolmentId}/steps`;
  for (const step of await stepsOf(ctx, row.course_id)) {
    if (step.kind === "quiz") {
      if (options.skipQuizzes) continue;
      const response = await ctx.app.inject({
        method: "POST",
        url: `${base}/${step.id}/attempts`,
        headers: { cookie: learner.cookie },
        payload: { answers: await quizAnswers(ctx, step.id, options.failQuizzes ?? false) },
      });
      expect(response.statusCode, response.body).toBe(201);
    } else {
      const response = await ctx.app.inject({
        method: "POST",
        url: `${base}/${step.id}/progress`,
        headers: { cookie: learner.cookie },
        payload: { event: "completed" },
      });
      expect(response.statusCode, response.body).toBe(200);
    }
  }
}

/** Records a portfolio for an enrolment with the given status, as the assessment work would leave it. */
export async function setPortfolioStatus(
  ctx: TestContext,
  enrolmentId: string,
  status: "draft" | "submitted" | "referred" | "passed",
): Promise<void> {
  await ctx.database.rawQuery(
    `insert into portfolios (enrolment_id, user_id, course_id, status)
     select id, user_id, course_id, $2::portfolio_status from enrolments where id = $1
     on conflict (enrolment_id) do update set status = excluded.status`,
    [enrolmentId, status],
  );
}

/** The achievements and certificates of an enrolment, straight from the database. */
export async function credentialsOf(ctx: TestContext, enrolmentId: string) {
  const achievements = (await ctx.database.rawQuery(
    "select id, rule::text as rule, cpd_points, achieved_at from achievements where enrolment_id = $1",
    [enrolmentId],
  )) as Array<{ id: string; rule: string; cpd_points: number; achieved_at: Date }>;
  const certificates = (await ctx.database.rawQuery(
    `select c.id, c.code, c.state::text as state, c.certificate_name, c.expires_at, c.replaced_by_id
       from certificates c join achievements a on a.id = c.achievement_id
      where a.enrolment_id = $1 order by c.created_at`,
    [enrolmentId],
  )) as Array<{
    id: string;
    code: string;
    state: string;
    certificate_name: string;
    expires_at: Date | null;
    replaced_by_id: string | null;
  }>;
  return { achievements, certificates };
}
