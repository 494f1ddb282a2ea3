import { asc, eq } from "drizzle-orm";
import {
  courseModules,
  courseSteps,
  courses,
  enrolments,
  quizOptions,
  quizQuestions,
} from "../../src/server/db/schema/index.js";
import type { TestContext } from "./test-app.js";

/** A seeded course's id by slug. */
export async function courseIdBySlug(ctx: TestContext, slug: string): Promise<string> {
  const [row] = await ctx.database.db.select({ id: courses.id }).from(courses).where(eq(courses.slug, slug));
  if (!row) throw new Error(`no course ${slug}`);
  return row.id;
}

/** Gives a seeded course (which has modules but no lessons yet) one article step, so learners can enrol on it. */
export async function addArticleStep(ctx: TestContext, slug: string): Promise<string> {
  const courseId = await courseIdBySlug(ctx, slug);
  const [module] = await ctx.database.db
    .select({ id: courseModules.id })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position))
    .limit(1);
  if (!module) throw new Error(`course ${slug} has no modules`);
  const [step] = await ctx.database.db
    .insert(courseSteps)
    .values({
      moduleId: module.id,
      position: 1,
      kind: "article",
      title: "Welcome",
      body: "Welcome to the course.",
    })
    .returning({ id: courseSteps.id });
  if (!step) throw new Error("step insert returned no row");
  return courseId;
}

/** A course's steps in course order, with their kinds. */
export async function stepsOf(ctx: TestContext, courseId: string) {
  return ctx.database.db
    .select({
      id: courseSteps.id,
      kind: courseSteps.kind,
      title: courseSteps.title,
      required: courseSteps.required,
    })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseSteps.position));
}

/** A quiz's questions with their options and which are correct (the test's answer key; never from the API). */
export async function answerKey(ctx: TestContext, stepId: string) {
  const rows = await ctx.database.db
    .select({
      questionId: quizQuestions.id,
      kind: quizQuestions.kind,
      optionId: quizOptions.id,
      correct: quizOptions.correct,
    })
    .from(quizQuestions)
    .innerJoin(quizOptions, eq(quizOptions.questionId, quizQuestions.id))
    .where(eq(quizQuestions.stepId, stepId))
    .orderBy(asc(quizQuestions.position), asc(quizOptions.position));
  const questions = new Map<string, { kind: string; correct: string[]; wrong: string[] }>();
  for (const row of rows) {
    const entry = questions.get(row.questionId) ?? { kind: row.kind, correct: [], wrong: [] };
    (row.correct ? entry.correct : entry.wrong).push(row.optionId);
    questions.set(row.questionId, entry);
  }
  return [...questions.entries()].map(([questionId, q]) => ({ questionId, ...q }));
}

/** Answers that get every question right, or (wrong = true) every question wrong. */
export async function quizAnswers(ctx: TestContext, stepId: string, wrong = false) {
  return (await answerKey(ctx, stepId)).map((q) => ({
    questionId: q.questionId,
    optionIds: wrong ? q.wrong.slice(0, 1) : q.correct,
  }));
}

/** Moves an enrolment's window, e.g. to put it past its expiry. */
export async function setWindow(ctx: TestContext, enrolmentId: string, startsAt: Date, expiresAt: Date) {
  await ctx.database.db.update(enrolments).set({ startsAt, expiresAt }).where(eq(enrolments.id, enrolmentId));
}
