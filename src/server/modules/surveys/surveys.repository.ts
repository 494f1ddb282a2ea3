import { and, asc, count, desc, eq, inArray, isNotNull, notInArray, sql } from "drizzle-orm";
import type { SurveyKind, SurveyQuestionKind } from "../../../shared/survey-kinds.js";
import {
  courseModules,
  courseRuns,
  courseSteps,
  courses,
  enrolments,
  runFacilitators,
  runMembers,
  stepProgress,
  surveyAnswers,
  surveyCompletions,
  surveyQuestions,
  surveyResponses,
  surveys,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A survey row as stored. */
export type SurveyRow = typeof surveys.$inferSelect;
/** A question row as stored. */
export type QuestionRow = typeof surveyQuestions.$inferSelect;

/** Mini-courses that lack a survey of either kind. */
export async function miniCoursesMissingSurveys(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: courses.id })
    .from(courses)
    .where(
      and(
        eq(courses.level, "mini_course"),
        sql`(select count(*) from ${surveys} where ${surveys.courseId} = ${courses.id}) < 2`,
      ),
    )
    .orderBy(asc(courses.id));
  return rows.map((r) => r.id);
}

/** Creates a course's survey of a kind unless it has one; the new id, or null when one was there. */
export async function insertSurveyIfMissing(
  tx: Tx,
  values: {
    courseId: string;
    kind: SurveyKind;
    title: string;
    introduction: string;
    anonymous: boolean;
    isOpen: boolean;
  },
): Promise<string | null> {
  const [row] = await tx
    .insert(surveys)
    .values(values)
    .onConflictDoNothing({ target: [surveys.courseId, surveys.kind] })
    .returning({ id: surveys.id });
  return row?.id ?? null;
}

/** Adds questions to a survey at positions 1, 2, … after `from`. */
export async function insertQuestions(
  tx: Tx,
  surveyId: string,
  questions: Array<{ kind: SurveyQuestionKind; prompt: string; required: boolean }>,
  from = 0,
): Promise<void> {
  if (questions.length === 0) return;
  await tx
    .insert(surveyQuestions)
    .values(questions.map((q, i) => ({ surveyId, position: from + i + 1, ...q })));
}

/** A course's title, or undefined when there is no such course. */
export async function getCourse(tx: Tx, courseId: string) {
  const [row] = await tx
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(eq(courses.id, courseId));
  return row;
}

/** A course's surveys, pre-course first. */
export async function listSurveys(tx: Tx, courseId: string): Promise<SurveyRow[]> {
  return tx.select().from(surveys).where(eq(surveys.courseId, courseId)).orderBy(asc(surveys.kind));
}

/** A course's survey of a kind; `lock` holds it for the rest of the transaction (edits and answers queue up). */
export async function getSurvey(
  tx: Tx,
  courseId: string,
  kind: SurveyKind,
  lock = false,
): Promise<SurveyRow | undefined> {
  const query = tx
    .select()
    .from(surveys)
    .where(and(eq(surveys.courseId, courseId), eq(surveys.kind, kind)));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/** Surveys' questions in order. */
export async function questionsOf(tx: Tx, surveyIds: string[]): Promise<QuestionRow[]> {
  if (surveyIds.length === 0) return [];
  return tx
    .select()
    .from(surveyQuestions)
    .where(inArray(surveyQuestions.surveyId, surveyIds))
    .orderBy(asc(surveyQuestions.surveyId), asc(surveyQuestions.position), asc(surveyQuestions.id));
}

/** How many responses each survey has. */
export async function responseCounts(tx: Tx, surveyIds: string[]): Promise<Map<string, number>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await tx
    .select({ surveyId: surveyCompletions.surveyId, n: count() })
    .from(surveyCompletions)
    .where(inArray(surveyCompletions.surveyId, surveyIds))
    .groupBy(surveyCompletions.surveyId);
  return new Map(rows.map((r) => [r.surveyId, r.n]));
}

/** Changes a survey's settings. */
export async function updateSurvey(
  tx: Tx,
  surveyId: string,
  values: { title: string; introduction: string; anonymous: boolean; isOpen: boolean },
  now: Date,
): Promise<void> {
  await tx
    .update(surveys)
    .set({ ...values, updatedAt: now })
    .where(eq(surveys.id, surveyId));
}

/** Rewrites a survey's existing question in place (its answers, if any, stay with it). */
export async function updateQuestion(
  tx: Tx,
  surveyId: string,
  questionId: string,
  values: { position: number; kind: SurveyQuestionKind; prompt: string; required: boolean },
): Promise<void> {
  await tx
    .update(surveyQuestions)
    .set(values)
    .where(and(eq(surveyQuestions.id, questionId), eq(surveyQuestions.surveyId, surveyId)));
}

/** Removes a survey's questions other than those kept. */
export async function deleteQuestionsExcept(tx: Tx, surveyId: string, keep: string[]): Promise<void> {
  await tx
    .delete(surveyQuestions)
    .where(
      and(
        eq(surveyQuestions.surveyId, surveyId),
        keep.length > 0 ? notInArray(surveyQuestions.id, keep) : undefined,
      ),
    );
}

/** Adds one question at a position. */
export async function insertQuestionAt(
  tx: Tx,
  surveyId: string,
  values: { position: number; kind: SurveyQuestionKind; prompt: string; required: boolean },
): Promise<void> {
  await tx.insert(surveyQuestions).values({ surveyId, ...values });
}

/** A learner's own enrolment with its course; undefined for anyone else's. */
export async function getOwnEnrolment(tx: Tx, enrolmentId: string, userId: string) {
  const [row] = await tx
    .select({
      id: enrolments.id,
      courseId: enrolments.courseId,
      courseTitle: courses.title,
      completedAt: enrolments.completedAt,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.userId, userId)));
  return row;
}

/** Whether the learner has opened any step of the course's last module. */
export async function startedLastModule(tx: Tx, enrolmentId: string, courseId: string): Promise<boolean> {
  const [last] = await tx
    .select({ id: courseModules.id })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(desc(courseModules.position))
    .limit(1);
  if (!last) return false;
  const [row] = await tx
    .select({ n: count() })
    .from(stepProgress)
    .innerJoin(courseSteps, eq(courseSteps.id, stepProgress.stepId))
    .where(and(eq(stepProgress.enrolmentId, enrolmentId), eq(courseSteps.moduleId, last.id)));
  return (row?.n ?? 0) > 0;
}

/** When a person completed each of the surveys (only those they have). */
export async function completionsOf(tx: Tx, userId: string, surveyIds: string[]): Promise<Map<string, Date>> {
  if (surveyIds.length === 0) return new Map();
  const rows = await tx
    .select({ surveyId: surveyCompletions.surveyId, completedAt: surveyCompletions.completedAt })
    .from(surveyCompletions)
    .where(and(eq(surveyCompletions.userId, userId), inArray(surveyCompletions.surveyId, surveyIds)));
  return new Map(rows.map((r) => [r.surveyId, r.completedAt]));
}

/** Records that a person has answered; false when they already had (the primary key decides under a race). */
export async function insertCompletion(
  tx: Tx,
  surveyId: string,
  userId: string,
  completedAt: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(surveyCompletions)
    .values({ surveyId, userId, completedAt })
    .onConflictDoNothing()
    .returning({ surveyId: surveyCompletions.surveyId });
  return rows.length > 0;
}

/** The run a learner is in for a course, if any. */
export async function runOf(tx: Tx, courseId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ runId: runMembers.runId })
    .from(runMembers)
    .where(and(eq(runMembers.courseId, courseId), eq(runMembers.userId, userId)));
  return row?.runId ?? null;
}

/** Stores a response and its answers. */
export async function insertResponse(
  tx: Tx,
  values: { surveyId: string; runId: string | null; userId: string | null; submittedAt: Date },
  answers: Array<{ questionId: string; rating: number | null; text: string | null }>,
): Promise<void> {
  const [row] = await tx.insert(surveyResponses).values(values).returning({ id: surveyResponses.id });
  if (!row) throw new Error("survey_responses insert returned no row");
  if (answers.length > 0)
    await tx.insert(surveyAnswers).values(answers.map((a) => ({ responseId: row.id, ...a })));
}

const inRun = (runId: string | null) => (runId ? eq(surveyResponses.runId, runId) : undefined);

/** How many responses a survey has (in one run when given). */
export async function countResponses(tx: Tx, surveyId: string, runId: string | null): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(surveyResponses)
    .where(and(eq(surveyResponses.surveyId, surveyId), inRun(runId)));
  return row?.n ?? 0;
}

/** How many chose each rating for each Likert question of a survey (in one run when given). */
export async function ratingCounts(tx: Tx, surveyId: string, runId: string | null) {
  return tx
    .select({ questionId: surveyAnswers.questionId, rating: surveyAnswers.rating, n: count() })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(and(eq(surveyResponses.surveyId, surveyId), inRun(runId), isNotNull(surveyAnswers.rating)))
    .groupBy(surveyAnswers.questionId, surveyAnswers.rating);
}

/** Free-text answers to a survey (in one run when given), newest day first; never who wrote them. */
export async function freeTextAnswers(tx: Tx, surveyId: string, runId: string | null) {
  return tx
    .select({ questionId: surveyAnswers.questionId, text: surveyAnswers.text })
    .from(surveyAnswers)
    .innerJoin(surveyResponses, eq(surveyResponses.id, surveyAnswers.responseId))
    .where(and(eq(surveyResponses.surveyId, surveyId), inRun(runId), isNotNull(surveyAnswers.text)))
    .orderBy(desc(sql`date_trunc('day', ${surveyResponses.submittedAt})`), asc(surveyAnswers.text));
}

/** A run's title and course, or undefined. */
export async function getRun(tx: Tx, runId: string) {
  const [row] = await tx
    .select({ id: courseRuns.id, title: courseRuns.title, courseId: courseRuns.courseId })
    .from(courseRuns)
    .where(eq(courseRuns.id, runId));
  return row;
}

/** Whether the person facilitates any run of the course. */
export async function facilitatesCourse(tx: Tx, courseId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(runFacilitators)
    .innerJoin(courseRuns, eq(courseRuns.id, runFacilitators.runId))
    .where(and(eq(courseRuns.courseId, courseId), eq(runFacilitators.userId, userId)));
  return (row?.n ?? 0) > 0;
}
