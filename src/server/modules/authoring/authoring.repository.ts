import { and, asc, count, eq, inArray, like, max, ne, sql } from "drizzle-orm";
import {
  courseModules,
  courseSteps,
  courses,
  enrolments,
  organisationLicences,
  programmes,
  quizAttempts,
  quizOptions,
  quizQuestions,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

// Learners' enrolments, progress and quiz attempts are read here only to count them: the destructive-edit rule
// (docs/decisions/0009) needs to know whether anyone has started something before it may be removed.

/** A course row as the service works with it. */
export type CourseRow = typeof courses.$inferSelect;
/** A step row as the service works with it. */
export type StepRow = typeof courseSteps.$inferSelect;
/** A module row. */
export type ModuleRow = typeof courseModules.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// Programmes

/** Every programme in display order, with how many courses each has (any status). */
export async function listProgrammes(tx: Tx) {
  const [rows, counts] = await Promise.all([
    tx
      .select({
        id: programmes.id,
        slug: programmes.slug,
        title: programmes.title,
        summary: programmes.summary,
        kind: programmes.kind,
        position: programmes.position,
      })
      .from(programmes)
      .orderBy(asc(programmes.position), asc(programmes.title)),
    tx.select({ id: courses.programmeId, n: count() }).from(courses).groupBy(courses.programmeId),
  ]);
  const byProgramme = new Map(counts.map((c) => [c.id, c.n]));
  return rows.map((row) => ({ ...row, courseCount: byProgramme.get(row.id) ?? 0 }));
}

/** One programme, or null. */
export async function getProgramme(tx: Tx, id: string) {
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id)).limit(1);
  return row ?? null;
}

/** Slugs already used by programmes that start with `base` (to pick a free one). */
export async function programmeSlugsLike(tx: Tx, base: string): Promise<Set<string>> {
  const rows = await tx
    .select({ slug: programmes.slug })
    .from(programmes)
    .where(like(programmes.slug, `${base}%`));
  return new Set(rows.map((r) => r.slug));
}

/** The position after the last programme. */
export async function nextProgrammePosition(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: max(programmes.position) }).from(programmes);
  return (row?.n ?? 0) + 1;
}

/** Creates a programme; returns its id. */
export async function insertProgramme(tx: Tx, values: typeof programmes.$inferInsert): Promise<string> {
  const [row] = await tx.insert(programmes).values(values).returning({ id: programmes.id });
  if (!row) throw new Error("insert into programmes returned no row");
  return row.id;
}

/** Changes a programme's title, summary or kind. */
export async function updateProgramme(
  tx: Tx,
  id: string,
  values: Pick<typeof programmes.$inferInsert, "title" | "summary" | "kind">,
): Promise<void> {
  await tx
    .update(programmes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(programmes.id, id));
}

// ---------------------------------------------------------------------------------------------------------------
// Courses

/** Every course of every status with its programme and counts, in display order. */
export async function listCoursesWithCounts(tx: Tx) {
  const [rows, moduleCounts, stepCounts, enrolmentCounts] = await Promise.all([
    tx
      .select({
        programmeId: courses.programmeId,
        id: courses.id,
        slug: courses.slug,
        title: courses.title,
        level: courses.level,
        status: courses.status,
        updatedAt: courses.updatedAt,
      })
      .from(courses)
      .orderBy(asc(courses.position), asc(courses.title)),
    tx.select({ id: courseModules.courseId, n: count() }).from(courseModules).groupBy(courseModules.courseId),
    tx
      .select({ id: courseModules.courseId, n: count() })
      .from(courseSteps)
      .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
      .groupBy(courseModules.courseId),
    tx.select({ id: enrolments.courseId, n: count() }).from(enrolments).groupBy(enrolments.courseId),
  ]);
  const lookup = (counts: Array<{ id: string; n: number }>) => new Map(counts.map((c) => [c.id, c.n]));
  const [modulesBy, stepsBy, enrolmentsBy] = [
    lookup(moduleCounts),
    lookup(stepCounts),
    lookup(enrolmentCounts),
  ];
  return rows.map((row) => ({
    ...row,
    moduleCount: modulesBy.get(row.id) ?? 0,
    stepCount: stepsBy.get(row.id) ?? 0,
    enrolmentCount: enrolmentsBy.get(row.id) ?? 0,
  }));
}

/** One course with its programme's title; `lock` takes a row lock so checks and changes see the same state. */
export async function getCourse(tx: Tx, id: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({ course: courses, programmeTitle: programmes.title })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(eq(courses.id, id))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: courses }) : await query;
  return row ?? null;
}

/** Slugs already used by courses that start with `base`. */
export async function courseSlugsLike(tx: Tx, base: string): Promise<Set<string>> {
  const rows = await tx
    .select({ slug: courses.slug })
    .from(courses)
    .where(like(courses.slug, `${base}%`));
  return new Set(rows.map((r) => r.slug));
}

/** The position after the programme's last course. */
export async function nextCoursePosition(tx: Tx, programmeId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(courses.position) })
    .from(courses)
    .where(eq(courses.programmeId, programmeId));
  return (row?.n ?? 0) + 1;
}

/** Creates a course; returns its id. */
export async function insertCourse(tx: Tx, values: typeof courses.$inferInsert): Promise<string> {
  const [row] = await tx.insert(courses).values(values).returning({ id: courses.id });
  if (!row) throw new Error("insert into courses returned no row");
  return row.id;
}

/** Changes a course's columns and stamps updated_at. */
export async function updateCourse(
  tx: Tx,
  id: string,
  values: Partial<typeof courses.$inferInsert>,
): Promise<void> {
  await tx
    .update(courses)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(courses.id, id));
}

/** Stamps a course as changed (its contents changed). */
export async function touchCourse(tx: Tx, id: string): Promise<void> {
  await tx.update(courses).set({ updatedAt: new Date() }).where(eq(courses.id, id));
}

/** Deletes a course; its modules, steps and questions go with it (cascade). */
export async function deleteCourse(tx: Tx, id: string): Promise<void> {
  await tx.delete(courses).where(eq(courses.id, id));
}

/** How many learners are enrolled on a course, in any state. */
export async function countEnrolments(tx: Tx, courseId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(enrolments).where(eq(enrolments.courseId, courseId));
  return row?.n ?? 0;
}

/** How many organisation licences name a course. */
export async function countLicences(tx: Tx, courseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(organisationLicences)
    .where(eq(organisationLicences.courseId, courseId));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Modules

/** A course's modules in order. */
export async function listModules(tx: Tx, courseId: string) {
  return tx
    .select()
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseModules.createdAt));
}

/** One module with its course's id and status; `lock` locks the module's row. */
export async function getModule(tx: Tx, id: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({ module: courseModules, courseStatus: courses.status })
    .from(courseModules)
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .where(eq(courseModules.id, id))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: courseModules }) : await query;
  return row ?? null;
}

/** The position after a course's last module. */
export async function nextModulePosition(tx: Tx, courseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(courseModules.position) })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId));
  return (row?.n ?? 0) + 1;
}

/** Creates a module; returns its id. */
export async function insertModule(tx: Tx, values: typeof courseModules.$inferInsert): Promise<string> {
  const [row] = await tx.insert(courseModules).values(values).returning({ id: courseModules.id });
  if (!row) throw new Error("insert into course_modules returned no row");
  return row.id;
}

/** Changes a module's title and summary. */
export async function updateModule(
  tx: Tx,
  id: string,
  values: { title: string; summary: string },
): Promise<void> {
  await tx.update(courseModules).set(values).where(eq(courseModules.id, id));
}

/** Deletes a module and its steps (cascade). */
export async function deleteModule(tx: Tx, id: string): Promise<void> {
  await tx.delete(courseModules).where(eq(courseModules.id, id));
}

/** Numbers modules 1, 2, 3… in the order given. */
export async function setModulePositions(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx
      .update(courseModules)
      .set({ position: index + 1 })
      .where(eq(courseModules.id, id));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Steps

/** Every step of a course, in module then step order, with the module id. */
export async function listStepsForCourse(tx: Tx, courseId: string) {
  return tx
    .select({ step: courseSteps })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseSteps.position), asc(courseSteps.createdAt));
}

/** A module's steps in order. */
export async function listStepsForModule(tx: Tx, moduleId: string) {
  return tx
    .select()
    .from(courseSteps)
    .where(eq(courseSteps.moduleId, moduleId))
    .orderBy(asc(courseSteps.position), asc(courseSteps.createdAt));
}

/** How many steps a course has outside one module (to keep a published course from being emptied). */
export async function countStepsOutsideModule(tx: Tx, courseId: string, moduleId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(and(eq(courseModules.courseId, courseId), ne(courseModules.id, moduleId)));
  return row?.n ?? 0;
}

/** One step with its module and course; `lock` locks the step's row so learners cannot start it meanwhile. */
export async function getStep(tx: Tx, id: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({
      step: courseSteps,
      module: { id: courseModules.id, position: courseModules.position, title: courseModules.title },
      course: { id: courses.id, title: courses.title, status: courses.status },
    })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .innerJoin(courses, eq(courses.id, courseModules.courseId))
    .where(eq(courseSteps.id, id))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: courseSteps }) : await query;
  return row ?? null;
}

/** Locks a module's steps, so no learner starts one while it is being removed. */
export async function lockStepsOfModule(tx: Tx, moduleId: string): Promise<void> {
  await tx
    .select({ id: courseSteps.id })
    .from(courseSteps)
    .where(eq(courseSteps.moduleId, moduleId))
    .for("update");
}

/** The position after a module's last step. */
export async function nextStepPosition(tx: Tx, moduleId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(courseSteps.position) })
    .from(courseSteps)
    .where(eq(courseSteps.moduleId, moduleId));
  return (row?.n ?? 0) + 1;
}

/** Creates a step; returns its id. */
export async function insertStep(tx: Tx, values: typeof courseSteps.$inferInsert): Promise<string> {
  const [row] = await tx.insert(courseSteps).values(values).returning({ id: courseSteps.id });
  if (!row) throw new Error("insert into course_steps returned no row");
  return row.id;
}

/** Changes a step's columns and stamps updated_at. */
export async function updateStep(
  tx: Tx,
  id: string,
  values: Partial<typeof courseSteps.$inferInsert>,
): Promise<void> {
  await tx
    .update(courseSteps)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(courseSteps.id, id));
}

/** Deletes a step and its questions (cascade). */
export async function deleteStep(tx: Tx, id: string): Promise<void> {
  await tx.delete(courseSteps).where(eq(courseSteps.id, id));
}

/** Numbers steps 1, 2, 3… in the order given. */
export async function setStepPositions(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx
      .update(courseSteps)
      .set({ position: index + 1 })
      .where(eq(courseSteps.id, id));
  }
}

/** Learners who have started each step of a course, and each module, counted once per learner. */
export interface LearnerCounts {
  byStep: Map<string, number>;
  byModule: Map<string, number>;
}

/**
 * How many learners have opened or answered each step of a course, and each of its modules. Raw SQL: a learner may
 * have progress, quiz attempts or both, so the two tables are combined before counting each learner once, and
 * GROUPING SETS gives the per-step and per-module counts in one pass.
 */
export async function countLearnersForCourse(tx: Tx, courseId: string): Promise<LearnerCounts> {
  const rows = await queryRows<{ module_id: string; step_id: string | null; n: number | string }>(
    tx,
    sql`
      with course_step as (
        select s.id, s.module_id from course_steps s join course_modules m on m.id = s.module_id
        where m.course_id = ${courseId}
      ),
      touched as (
        select p.step_id, p.enrolment_id from step_progress p where p.step_id in (select id from course_step)
        union all
        select a.step_id, a.enrolment_id from quiz_attempts a where a.step_id in (select id from course_step)
      )
      select cs.module_id, t.step_id, count(distinct t.enrolment_id) as n
      from touched t join course_step cs on cs.id = t.step_id
      group by grouping sets ((cs.module_id, t.step_id), (cs.module_id))`,
  );
  const counts: LearnerCounts = { byStep: new Map(), byModule: new Map() };
  for (const row of rows) {
    if (row.step_id) counts.byStep.set(row.step_id, Number(row.n));
    else counts.byModule.set(row.module_id, Number(row.n));
  }
  return counts;
}

/**
 * How many learners have opened or answered any of these steps, each counted once. Raw SQL for the same reason as
 * countLearnersForCourse: progress and attempts are combined before counting.
 */
export async function countLearnersOnSteps(tx: Tx, stepIds: readonly string[]): Promise<number> {
  if (stepIds.length === 0) return 0;
  const ids = sql.join(
    stepIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [row] = await queryRows<{ n: number | string }>(
    tx,
    sql`
      select count(distinct enrolment_id) as n from (
        select enrolment_id from step_progress where step_id in (${ids})
        union all
        select enrolment_id from quiz_attempts where step_id in (${ids})
      ) touched`,
  );
  return Number(row?.n ?? 0);
}

/** How many learners have submitted an attempt at a quiz step. */
export async function countLearnersAnswered(tx: Tx, stepId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(distinct ${quizAttempts.enrolmentId})::int` })
    .from(quizAttempts)
    .where(eq(quizAttempts.stepId, stepId));
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Quiz questions and options

/** The questions of some quiz steps with their options, in order. */
export async function listQuestions(tx: Tx, stepIds: readonly string[]) {
  if (stepIds.length === 0) return [];
  const questions = await tx
    .select()
    .from(quizQuestions)
    .where(inArray(quizQuestions.stepId, [...stepIds]))
    .orderBy(asc(quizQuestions.position));
  const options =
    questions.length === 0
      ? []
      : await tx
          .select()
          .from(quizOptions)
          .where(
            inArray(
              quizOptions.questionId,
              questions.map((q) => q.id),
            ),
          )
          .orderBy(asc(quizOptions.position));
  return questions.map((question) => ({
    ...question,
    options: options.filter((o) => o.questionId === question.id),
  }));
}

/** Creates a question; returns its id. */
export async function insertQuestion(tx: Tx, values: typeof quizQuestions.$inferInsert): Promise<string> {
  const [row] = await tx.insert(quizQuestions).values(values).returning({ id: quizQuestions.id });
  if (!row) throw new Error("insert into quiz_questions returned no row");
  return row.id;
}

/** Changes a question in place, so learners' answers (stored by question id) still point at it. */
export async function updateQuestion(
  tx: Tx,
  id: string,
  values: Pick<typeof quizQuestions.$inferInsert, "position" | "kind" | "prompt">,
): Promise<void> {
  await tx.update(quizQuestions).set(values).where(eq(quizQuestions.id, id));
}

/** Deletes questions (and their options). */
export async function deleteQuestions(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.delete(quizQuestions).where(inArray(quizQuestions.id, [...ids]));
}

/** Creates options. */
export async function insertOptions(tx: Tx, values: Array<typeof quizOptions.$inferInsert>): Promise<void> {
  if (values.length > 0) await tx.insert(quizOptions).values(values);
}

/** Changes an option in place, keeping its id (learners' answers point at it). */
export async function updateOption(
  tx: Tx,
  id: string,
  values: Pick<typeof quizOptions.$inferInsert, "position" | "text" | "correct" | "feedback">,
): Promise<void> {
  await tx.update(quizOptions).set(values).where(eq(quizOptions.id, id));
}

/** Deletes options. */
export async function deleteOptions(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await tx.delete(quizOptions).where(inArray(quizOptions.id, [...ids]));
}

/** How many questions each of some quiz steps has. */
export async function countQuestionsByStep(tx: Tx, stepIds: readonly string[]): Promise<Map<string, number>> {
  if (stepIds.length === 0) return new Map();
  const rows = await tx
    .select({ stepId: quizQuestions.stepId, n: count() })
    .from(quizQuestions)
    .where(inArray(quizQuestions.stepId, [...stepIds]))
    .groupBy(quizQuestions.stepId);
  return new Map(rows.map((r) => [r.stepId, r.n]));
}

/** Another quiz of the course marked as its final assessment, if there is one. */
export async function findOtherFinalQuiz(tx: Tx, courseId: string, exceptStepId: string) {
  const [row] = await tx
    .select({ id: courseSteps.id, title: courseSteps.title })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(
      and(
        eq(courseModules.courseId, courseId),
        eq(courseSteps.isFinal, true),
        ne(courseSteps.id, exceptStepId),
      ),
    )
    .limit(1);
  return row ?? null;
}
