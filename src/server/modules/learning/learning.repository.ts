import { and, asc, count, eq, sql } from "drizzle-orm";
import type { QuizAnswers } from "../../db/schema/enrolments.js";
import {
  courseModules,
  courseSteps,
  courses,
  enrolments,
  programmes,
  quizAttempts,
  quizOptions,
  quizQuestions,
  stepProgress,
  storedFiles,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** A learner's own enrolment with its course, or null (someone else's enrolment is as good as unknown). */
export async function getOwnEnrolment(tx: Tx, enrolmentId: string, userId: string) {
  const [row] = await tx
    .select({
      enrolment: enrolments,
      course: { id: courses.id, slug: courses.slug, title: courses.title, level: courses.level },
      programmeTitle: programmes.title,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** Every module of a course with its steps, in course order (modules without steps appear with a null step). */
export async function listCourseSteps(tx: Tx, courseId: string) {
  return tx
    .select({
      module: {
        id: courseModules.id,
        position: courseModules.position,
        title: courseModules.title,
        summary: courseModules.summary,
      },
      step: {
        id: courseSteps.id,
        position: courseSteps.position,
        kind: courseSteps.kind,
        title: courseSteps.title,
        minutes: courseSteps.minutes,
        required: courseSteps.required,
      },
    })
    .from(courseModules)
    .leftJoin(courseSteps, eq(courseSteps.moduleId, courseModules.id))
    .where(eq(courseModules.courseId, courseId))
    .orderBy(
      asc(courseModules.position),
      asc(courseModules.id),
      asc(courseSteps.position),
      asc(courseSteps.id),
    );
}

/** The learner's progress on each step they have opened. */
export async function listProgress(tx: Tx, enrolmentId: string) {
  return tx
    .select({ stepId: stepProgress.stepId, status: stepProgress.status, percent: stepProgress.percent })
    .from(stepProgress)
    .where(eq(stepProgress.enrolmentId, enrolmentId));
}

/** A step of the given course with its module and file details (not the file's bytes), or null. */
export async function getStepInCourse(tx: Tx, stepId: string, courseId: string) {
  const [row] = await tx
    .select({
      step: courseSteps,
      module: { id: courseModules.id, position: courseModules.position, title: courseModules.title },
      file: {
        id: storedFiles.id,
        filename: storedFiles.filename,
        contentType: storedFiles.contentType,
        sizeBytes: storedFiles.sizeBytes,
      },
    })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .leftJoin(storedFiles, eq(storedFiles.id, courseSteps.fileId))
    .where(and(eq(courseSteps.id, stepId), eq(courseModules.courseId, courseId)))
    .limit(1);
  return row ?? null;
}

/** A quiz step's questions and options in order, including which options are correct (never sent before marking). */
export async function listQuiz(tx: Tx, stepId: string) {
  return tx
    .select({
      question: {
        id: quizQuestions.id,
        position: quizQuestions.position,
        kind: quizQuestions.kind,
        prompt: quizQuestions.prompt,
      },
      option: {
        id: quizOptions.id,
        position: quizOptions.position,
        text: quizOptions.text,
        correct: quizOptions.correct,
        feedback: quizOptions.feedback,
      },
    })
    .from(quizQuestions)
    .innerJoin(quizOptions, eq(quizOptions.questionId, quizQuestions.id))
    .where(eq(quizQuestions.stepId, stepId))
    .orderBy(
      asc(quizQuestions.position),
      asc(quizQuestions.id),
      asc(quizOptions.position),
      asc(quizOptions.id),
    );
}

/** The learner's attempts at a quiz step, oldest first. */
export async function listAttempts(tx: Tx, enrolmentId: string, stepId: string) {
  return tx
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, enrolmentId), eq(quizAttempts.stepId, stepId)))
    .orderBy(asc(quizAttempts.attemptNumber));
}

/** How many attempts the learner has made at a quiz step. */
export async function countAttempts(tx: Tx, enrolmentId: string, stepId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(quizAttempts)
    .where(and(eq(quizAttempts.enrolmentId, enrolmentId), eq(quizAttempts.stepId, stepId)));
  return row?.n ?? 0;
}

/** Records a marked attempt; null when an attempt with the same number was recorded a moment earlier. */
export async function insertAttempt(
  tx: Tx,
  values: {
    enrolmentId: string;
    stepId: string;
    attemptNumber: number;
    answers: QuizAnswers;
    correctCount: number;
    questionCount: number;
    scorePercent: number;
    passed: boolean;
  },
) {
  const [row] = await tx.insert(quizAttempts).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/**
 * Records progress on a step: opening starts it; progress keeps the furthest point reached; completion is for good.
 * A completed step never goes back to started, whatever arrives later or out of order.
 */
export async function recordProgress(
  tx: Tx,
  values: { enrolmentId: string; stepId: string; completed: boolean; percent: number; now: Date },
) {
  const [row] = await tx
    .insert(stepProgress)
    .values({
      enrolmentId: values.enrolmentId,
      stepId: values.stepId,
      status: values.completed ? "completed" : "started",
      percent: values.completed ? 100 : values.percent,
      completedAt: values.completed ? values.now : null,
      updatedAt: values.now,
    })
    .onConflictDoUpdate({
      target: [stepProgress.enrolmentId, stepProgress.stepId],
      set: {
        status: values.completed ? sql`'completed'::step_progress_status` : sql`${stepProgress.status}`,
        percent: values.completed ? 100 : sql`greatest(${stepProgress.percent}, ${values.percent})`,
        completedAt: values.completed
          ? sql`coalesce(${stepProgress.completedAt}, ${values.now.toISOString()}::timestamptz)`
          : sql`${stepProgress.completedAt}`,
        updatedAt: values.now,
      },
    })
    .returning({ status: stepProgress.status, percent: stepProgress.percent });
  if (!row) throw new Error("step progress upsert returned no row");
  return row;
}

/** Notes where the learner is and when they were last active. */
export async function touchEnrolment(tx: Tx, enrolmentId: string, stepId: string, now: Date) {
  await tx
    .update(enrolments)
    .set({ lastStepId: stepId, lastActivityAt: now, updatedAt: now })
    .where(eq(enrolments.id, enrolmentId));
}

/** Keeps the enrolment's count of completed required steps current, for reports (docs/decisions/0014). */
export async function setRequiredStepsCompleted(tx: Tx, enrolmentId: string, done: number) {
  await tx
    .update(enrolments)
    .set({ requiredStepsCompleted: done })
    .where(and(eq(enrolments.id, enrolmentId), sql`${enrolments.requiredStepsCompleted} <> ${done}`));
}

/** Marks the course complete the first time every required step is. */
export async function markCompleted(tx: Tx, enrolmentId: string, now: Date) {
  await tx
    .update(enrolments)
    .set({ completedAt: now, updatedAt: now })
    .where(and(eq(enrolments.id, enrolmentId), sql`${enrolments.completedAt} is null`));
}

/** One row of My learning, as the single query below returns it. */
export interface MyLearningRow {
  enrolment_id: string;
  course_id: string;
  state: "active" | "deferred" | "expired";
  starts_at: Date | string;
  expires_at: Date | string;
  completed_at: Date | string | null;
  last_activity_at: Date | string | null;
  slug: string;
  title: string;
  level: string;
  programme_title: string;
  total: number;
  done: number;
  next_step_id: string | null;
  next_step_title: string | null;
}

/**
 * Every enrolment of a learner with its course, progress counts and next incomplete required step, in ONE statement
 * whatever the number of enrolments. Raw SQL: the two LATERAL subqueries (counts; first incomplete step in course
 * order) are clearer and faster here than the query builder's equivalent.
 */
export async function listMyLearning(tx: Tx, userId: string) {
  return queryRows<MyLearningRow>(
    tx,
    sql`select e.id as enrolment_id, e.course_id, e.state, e.starts_at, e.expires_at, e.completed_at,
        e.last_activity_at, c.slug, c.title, c.level, p.title as programme_title,
        coalesce(t.total, 0) as total, coalesce(t.done, 0) as done,
        n.id as next_step_id, n.title as next_step_title
      from enrolments e
      join courses c on c.id = e.course_id
      join programmes p on p.id = c.programme_id
      left join lateral (
        select count(*) filter (where s.required)::int as total,
               count(*) filter (where s.required and sp.status = 'completed')::int as done
        from course_modules m
        join course_steps s on s.module_id = m.id
        left join step_progress sp on sp.enrolment_id = e.id and sp.step_id = s.id
        where m.course_id = e.course_id) t on true
      left join lateral (
        select s.id, s.title
        from course_modules m
        join course_steps s on s.module_id = m.id
        left join step_progress sp on sp.enrolment_id = e.id and sp.step_id = s.id
        where m.course_id = e.course_id and s.required and sp.status is distinct from 'completed'
        order by m.position, m.id, s.position, s.id
        limit 1) n on true
      where e.user_id = ${userId}
      order by e.last_activity_at desc nulls last, e.created_at desc`,
  );
}
