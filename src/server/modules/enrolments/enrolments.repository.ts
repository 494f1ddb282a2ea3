import { and, count, eq, gte, inArray, isNull, lte, sql } from "drizzle-orm";
import { ACCREDITED_LEVELS } from "../../../shared/catalogue.js";
import {
  courseModules,
  courseSteps,
  courses,
  enrolmentGrants,
  enrolments,
  organisationLicences,
  programmes,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** An enrolment row. */
export type EnrolmentRow = typeof enrolments.$inferSelect;

/** What enrolling needs to know about a published course, or null when it is unknown or unpublished. */
export async function getEnrollableCourse(tx: Tx, courseId: string) {
  const [row] = await tx
    .select({
      id: courses.id,
      title: courses.title,
      level: courses.level,
      listPriceExVatPence: courses.listPriceExVatPence,
      programmeTitle: programmes.title,
      stepCount: sql<number>`(select count(*)::int from ${courseSteps} join ${courseModules} on ${courseModules.id} = ${courseSteps.moduleId} where ${courseModules.courseId} = ${courses.id})`,
    })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(and(eq(courses.id, courseId), eq(courses.status, "published")))
    .limit(1);
  return row ?? null;
}

/** The learner's enrolment on a course, or null. */
export async function findForUserAndCourse(tx: Tx, userId: string, courseId: string) {
  const [row] = await tx
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)))
    .limit(1);
  return row ?? null;
}

/** A live (unrevoked) administrator's grant of this course to this learner, or null. */
export async function findLiveGrant(tx: Tx, userId: string, courseId: string) {
  const [row] = await tx
    .select({ id: enrolmentGrants.id })
    .from(enrolmentGrants)
    .where(
      and(
        eq(enrolmentGrants.userId, userId),
        eq(enrolmentGrants.courseId, courseId),
        isNull(enrolmentGrants.revokedAt),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * A licence of the organisation for the course, current on `today` (a UK date), with a seat free. `lock` takes a
 * row lock on the licence first, so two learners enrolling at once cannot both take its last seat.
 */
export async function findLicenceWithFreeSeat(
  tx: Tx,
  organisationId: string,
  courseId: string,
  today: string,
  lock: boolean,
) {
  const base = tx
    .select({ id: organisationLicences.id, seats: organisationLicences.seats })
    .from(organisationLicences)
    .where(
      and(
        eq(organisationLicences.organisationId, organisationId),
        eq(organisationLicences.courseId, courseId),
        lte(organisationLicences.startsOn, today),
        gte(organisationLicences.endsOn, today),
      ),
    )
    .orderBy(organisationLicences.endsOn, organisationLicences.id);
  const licences = lock ? await base.for("update") : await base;
  for (const licence of licences) {
    const [used] = await tx
      .select({ n: count() })
      .from(enrolments)
      .where(eq(enrolments.licenceId, licence.id));
    if ((used?.n ?? 0) < licence.seats) return licence;
  }
  return null;
}

/** Inserts an enrolment unless the learner already has one on the course; returns the new row or null. */
export async function insertEnrolment(tx: Tx, values: typeof enrolments.$inferInsert) {
  const [row] = await tx
    .insert(enrolments)
    .values(values)
    .onConflictDoNothing({ target: [enrolments.userId, enrolments.courseId] })
    .returning();
  return row ?? null;
}

/** Completed and total required steps of an enrolment's course, for its progress percentage. */
export async function countRequiredSteps(tx: Tx, enrolmentId: string) {
  // Raw SQL: two correlated counts over the course's steps in one round trip.
  const [row] = await queryRows<{ total: number; done: number }>(
    tx,
    sql`select
      (select count(*)::int from course_steps s join course_modules m on m.id = s.module_id
        where m.course_id = e.course_id and s.required) as total,
      (select count(*)::int from step_progress p join course_steps s on s.id = p.step_id
        where p.enrolment_id = e.id and p.status = 'completed' and s.required) as done
      from enrolments e where e.id = ${enrolmentId}`,
  );
  return { total: Number(row?.total ?? 0), done: Number(row?.done ?? 0) };
}

/** Whether the learner has started any accredited course (certificate names are frozen from then on). */
export async function hasAccreditedEnrolment(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(and(eq(enrolments.userId, userId), inArray(courses.level, [...ACCREDITED_LEVELS])))
    .limit(1);
  return row !== undefined;
}
