import { and, asc, count, desc, eq, gt, gte, inArray, isNull, lt, lte } from "drizzle-orm";
import {
  achievements,
  certificates,
  courseModules,
  courseSteps,
  courses,
  cpdActivities,
  enrolments,
  programmes,
  recognitionCertificates,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A CPD activity as stored: hours and points are numeric, which both drivers return as strings ("1.50"). */
export type CpdActivityRow = typeof cpdActivities.$inferSelect;

/** The columns a learner sets on their own activity; amounts as numeric strings with two decimals, or null. */
export interface CpdActivityValues {
  title: string;
  activityDate: string;
  hours: string | null;
  points: string | null;
  reflection: string;
}

/** UK calendar dates, inclusive; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** Instants, from inclusive and to exclusive; either end may be open. */
export interface InstantRange {
  from?: Date;
  to?: Date;
}

function activityDateWithin(range: DateRange) {
  return [
    range.from ? gte(cpdActivities.activityDate, range.from) : undefined,
    range.to ? lte(cpdActivities.activityDate, range.to) : undefined,
  ];
}

/** A learner's own activities dated within the range, newest first. */
export async function listActivities(
  tx: Tx,
  userId: string,
  range: DateRange = {},
): Promise<CpdActivityRow[]> {
  return tx
    .select()
    .from(cpdActivities)
    .where(and(eq(cpdActivities.userId, userId), ...activityDateWithin(range)))
    .orderBy(desc(cpdActivities.activityDate), desc(cpdActivities.createdAt), desc(cpdActivities.id));
}

/** One activity, only when it belongs to the learner (anyone else's is as good as missing). */
export async function getActivity(tx: Tx, userId: string, id: string): Promise<CpdActivityRow | undefined> {
  const [row] = await tx
    .select()
    .from(cpdActivities)
    .where(and(eq(cpdActivities.id, id), eq(cpdActivities.userId, userId)));
  return row;
}

/** How many activities a learner has recorded. */
export async function countActivities(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(cpdActivities).where(eq(cpdActivities.userId, userId));
  return row?.n ?? 0;
}

/** Adds an activity to a learner's record. */
export async function insertActivity(
  tx: Tx,
  userId: string,
  values: CpdActivityValues,
): Promise<CpdActivityRow> {
  const [row] = await tx
    .insert(cpdActivities)
    .values({ userId, ...values })
    .returning();
  if (!row) throw new Error("cpd_activities insert returned no row");
  return row;
}

/** Replaces a learner's own activity; undefined when it is not theirs or not there. */
export async function updateActivity(
  tx: Tx,
  userId: string,
  id: string,
  values: CpdActivityValues,
  now: Date,
): Promise<CpdActivityRow | undefined> {
  const [row] = await tx
    .update(cpdActivities)
    .set({ ...values, updatedAt: now })
    .where(and(eq(cpdActivities.id, id), eq(cpdActivities.userId, userId)))
    .returning();
  return row;
}

/** Deletes a learner's own activity; false when it is not theirs or not there. */
export async function deleteActivity(tx: Tx, userId: string, id: string): Promise<boolean> {
  const rows = await tx
    .delete(cpdActivities)
    .where(and(eq(cpdActivities.id, id), eq(cpdActivities.userId, userId)))
    .returning({ id: cpdActivities.id });
  return rows.length > 0;
}

/** A learner's achievements achieved within the range, newest first, with the course as it is now. */
export async function listAchievements(tx: Tx, userId: string, range: InstantRange = {}) {
  return tx
    .select({
      id: achievements.id,
      achievedAt: achievements.achievedAt,
      cpdPoints: achievements.cpdPoints,
      courseTitle: courses.title,
      level: courses.level,
      programmeTitle: programmes.title,
    })
    .from(achievements)
    .innerJoin(courses, eq(courses.id, achievements.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(
      and(
        eq(achievements.userId, userId),
        range.from ? gte(achievements.achievedAt, range.from) : undefined,
        range.to ? lt(achievements.achievedAt, range.to) : undefined,
      ),
    )
    .orderBy(desc(achievements.achievedAt), desc(achievements.id));
}

/** A learner's recognition certificates (recognised improvement projects, issue 8) issued within the range. */
export async function listRecognitions(tx: Tx, userId: string, range: InstantRange = {}) {
  return tx
    .select()
    .from(recognitionCertificates)
    .where(
      and(
        eq(recognitionCertificates.userId, userId),
        range.from ? gte(recognitionCertificates.issuedAt, range.from) : undefined,
        range.to ? lt(recognitionCertificates.issuedAt, range.to) : undefined,
      ),
    )
    .orderBy(desc(recognitionCertificates.issuedAt), desc(recognitionCertificates.id));
}

/** An achievement row as listAchievements returns it. */
export type AchievementRow = Awaited<ReturnType<typeof listAchievements>>[number];

/** Every certificate issued for these achievements, newest first. */
export async function certificatesFor(tx: Tx, achievementIds: string[]) {
  if (achievementIds.length === 0) return [];
  return tx
    .select({
      id: certificates.id,
      achievementId: certificates.achievementId,
      code: certificates.code,
      state: certificates.state,
      expiresAt: certificates.expiresAt,
      issuedAt: certificates.issuedAt,
      courseTitle: certificates.courseTitle,
      levelLabel: certificates.levelLabel,
      programmeTitle: certificates.programmeTitle,
    })
    .from(certificates)
    .where(inArray(certificates.achievementId, achievementIds))
    .orderBy(desc(certificates.issuedAt), desc(certificates.createdAt));
}

/** A certificate row as certificatesFor returns it. */
export type CertificateRow = Awaited<ReturnType<typeof certificatesFor>>[number];

/**
 * A learner's courses still under way: not achieved, active or deferred, access not yet ended. Oldest start first,
 * with the number of required steps the course has (for progress %).
 */
export async function listEnrolmentsInProgress(tx: Tx, userId: string, now: Date) {
  const requiredSteps = tx
    .select({ courseId: courseModules.courseId, required: count().as("required") })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(eq(courseSteps.required, true))
    .groupBy(courseModules.courseId)
    .as("required_steps");
  return tx
    .select({
      id: enrolments.id,
      state: enrolments.state,
      startsAt: enrolments.startsAt,
      expiresAt: enrolments.expiresAt,
      completedAt: enrolments.completedAt,
      requiredStepsCompleted: enrolments.requiredStepsCompleted,
      requiredSteps: requiredSteps.required,
      courseTitle: courses.title,
      level: courses.level,
      programmeTitle: programmes.title,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .leftJoin(achievements, eq(achievements.enrolmentId, enrolments.id))
    .leftJoin(requiredSteps, eq(requiredSteps.courseId, enrolments.courseId))
    .where(
      and(
        eq(enrolments.userId, userId),
        isNull(achievements.id),
        inArray(enrolments.state, ["active", "deferred"]),
        gt(enrolments.expiresAt, now),
      ),
    )
    .orderBy(asc(enrolments.startsAt), asc(enrolments.id));
}

/** The learner a download is about: their certificate name, for the file's heading. */
export async function getLearner(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: users.id, certificateName: users.certificateName })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** A user's id by their (lower-case) email address, for the demo seed. */
export async function findUserIdByEmail(tx: Tx, email: string): Promise<string | undefined> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id;
}
