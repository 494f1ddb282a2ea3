import { and, asc, eq, gt, inArray, ne, sql } from "drizzle-orm";
import {
  courseRuns,
  courses,
  enrolments,
  runFacilitators,
  runMembers,
  userRoles,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A run as stored, with its course's title and its member count. */
export interface RunRow {
  id: string;
  courseId: string;
  courseTitle: string;
  title: string;
  opensAt: Date;
  liveStartsAt: Date;
  liveEndsAt: Date;
  commentsCloseAt: Date;
  catchUpUntil: Date;
  memberCount: number;
}

/** A run's stored values (without its facilitators). */
export interface RunValues {
  title: string;
  opensAt: Date;
  liveStartsAt: Date;
  liveEndsAt: Date;
  commentsCloseAt: Date;
  catchUpUntil: Date;
}

const runColumns = {
  id: courseRuns.id,
  courseId: courseRuns.courseId,
  courseTitle: courses.title,
  title: courseRuns.title,
  opensAt: courseRuns.opensAt,
  liveStartsAt: courseRuns.liveStartsAt,
  liveEndsAt: courseRuns.liveEndsAt,
  commentsCloseAt: courseRuns.commentsCloseAt,
  catchUpUntil: courseRuns.catchUpUntil,
  memberCount: sql<number>`(select count(*)::int from ${runMembers} where ${runMembers.runId} = ${courseRuns.id})`,
};

const personName = sql<string>`${users.givenName} || ' ' || ${users.familyName}`;

/** A course's runs by opening date; without `includeEnded`, only those whose catch-up has not ended at `now`. */
export function listRunsOfCourse(
  tx: Tx,
  courseId: string,
  includeEnded: boolean,
  now: Date,
): Promise<RunRow[]> {
  return tx
    .select(runColumns)
    .from(courseRuns)
    .innerJoin(courses, eq(courses.id, courseRuns.courseId))
    .where(
      and(eq(courseRuns.courseId, courseId), includeEnded ? undefined : gt(courseRuns.catchUpUntil, now)),
    )
    .orderBy(asc(courseRuns.opensAt), asc(courseRuns.id));
}

/** Every run (facilitatorId null) or the runs one person facilitates, by opening date. */
export function listRunsFacilitated(tx: Tx, facilitatorId: string | null): Promise<RunRow[]> {
  const query = tx
    .select(runColumns)
    .from(courseRuns)
    .innerJoin(courses, eq(courses.id, courseRuns.courseId));
  const filtered =
    facilitatorId === null
      ? query
      : query.innerJoin(
          runFacilitators,
          and(eq(runFacilitators.runId, courseRuns.id), eq(runFacilitators.userId, facilitatorId)),
        );
  return filtered.orderBy(asc(courseRuns.opensAt), asc(courseRuns.id));
}

/** One run, or undefined; `lock` takes a row lock for a change. */
export async function getRun(tx: Tx, runId: string, lock = false): Promise<RunRow | undefined> {
  const query = tx
    .select(runColumns)
    .from(courseRuns)
    .innerJoin(courses, eq(courses.id, courseRuns.courseId))
    .where(eq(courseRuns.id, runId));
  const [row] = lock ? await query.for("update", { of: courseRuns }) : await query;
  return row;
}

/** The facilitators of some runs, by name. */
export function facilitatorsOf(
  tx: Tx,
  runIds: string[],
): Promise<Array<{ runId: string; id: string; name: string }>> {
  if (runIds.length === 0) return Promise.resolve([]);
  return tx
    .select({ runId: runFacilitators.runId, id: users.id, name: personName })
    .from(runFacilitators)
    .innerJoin(users, eq(users.id, runFacilitators.userId))
    .where(inArray(runFacilitators.runId, runIds))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
}

/** Where one person stands in each of some runs: member (and suspended) or facilitator. */
export async function standingsIn(
  tx: Tx,
  runIds: string[],
  userId: string,
): Promise<Map<string, { isMember: boolean; suspended: boolean; isFacilitator: boolean }>> {
  const result = new Map<string, { isMember: boolean; suspended: boolean; isFacilitator: boolean }>();
  if (runIds.length === 0) return result;
  const members = await tx
    .select({ runId: runMembers.runId, suspendedAt: runMembers.suspendedAt })
    .from(runMembers)
    .where(and(inArray(runMembers.runId, runIds), eq(runMembers.userId, userId)));
  const facilitating = await tx
    .select({ runId: runFacilitators.runId })
    .from(runFacilitators)
    .where(and(inArray(runFacilitators.runId, runIds), eq(runFacilitators.userId, userId)));
  for (const id of runIds) result.set(id, { isMember: false, suspended: false, isFacilitator: false });
  for (const m of members) {
    const s = result.get(m.runId);
    if (s) {
      s.isMember = true;
      s.suspended = m.suspendedAt !== null;
    }
  }
  for (const f of facilitating) {
    const s = result.get(f.runId);
    if (s) s.isFacilitator = true;
  }
  return result;
}

/** A course's title, level and status, or undefined. */
export async function getCourse(tx: Tx, courseId: string) {
  const [row] = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level, status: courses.status })
    .from(courses)
    .where(eq(courses.id, courseId));
  return row;
}

/** Mini-courses that are not archived, by title: what runs can be scheduled for. */
export function listMiniCourses(tx: Tx) {
  return tx
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(and(eq(courses.level, "mini_course"), ne(courses.status, "archived")))
    .orderBy(asc(courses.title), asc(courses.id));
}

/** People holding the platform facilitator role, by name. */
export function listFacilitatorPeople(tx: Tx) {
  return tx
    .selectDistinct({
      id: users.id,
      name: personName,
      familyName: users.familyName,
      givenName: users.givenName,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.role, "facilitator"),
        sql`(${userRoles.expiresAt} is null or ${userRoles.expiresAt} > now())`,
      ),
    )
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
}

/** Which of the given people hold the facilitator role. */
export async function holdersOfFacilitatorRole(tx: Tx, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await tx
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(
      and(
        inArray(userRoles.userId, userIds),
        eq(userRoles.role, "facilitator"),
        sql`(${userRoles.expiresAt} is null or ${userRoles.expiresAt} > now())`,
      ),
    );
  return new Set(rows.map((r) => r.userId));
}

/** Adds a run and returns its id. */
export async function insertRun(
  tx: Tx,
  values: RunValues & { courseId: string; createdBy: string },
): Promise<string> {
  const [row] = await tx.insert(courseRuns).values(values).returning({ id: courseRuns.id });
  if (!row) throw new Error("run insert returned no row");
  return row.id;
}

/** Changes a run's title and dates. */
export async function updateRun(tx: Tx, runId: string, values: RunValues): Promise<void> {
  await tx
    .update(courseRuns)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(courseRuns.id, runId));
}

/** Deletes a run (its facilitators go with it). */
export async function deleteRun(tx: Tx, runId: string): Promise<void> {
  await tx.delete(courseRuns).where(eq(courseRuns.id, runId));
}

/** The run's facilitators' ids. */
export async function facilitatorIdsOf(tx: Tx, runId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: runFacilitators.userId })
    .from(runFacilitators)
    .where(eq(runFacilitators.runId, runId));
  return rows.map((r) => r.userId);
}

/** Replaces the run's facilitators with these people. */
export async function setFacilitators(tx: Tx, runId: string, userIds: string[]): Promise<void> {
  await tx.delete(runFacilitators).where(eq(runFacilitators.runId, runId));
  if (userIds.length > 0) {
    await tx.insert(runFacilitators).values(userIds.map((userId) => ({ runId, userId })));
  }
}

/** The learner's enrolment on a course, or undefined. */
export async function enrolmentOf(tx: Tx, userId: string, courseId: string) {
  const [row] = await tx
    .select({ id: enrolments.id, state: enrolments.state })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)));
  return row;
}

/** The learner's place in a run of the course, locked for a change, or undefined. */
export async function membershipOf(tx: Tx, userId: string, courseId: string) {
  const [row] = await tx
    .select({ runId: runMembers.runId, suspendedAt: runMembers.suspendedAt })
    .from(runMembers)
    .where(and(eq(runMembers.userId, userId), eq(runMembers.courseId, courseId)))
    .for("update");
  return row;
}

/** Places a learner in a run; false when they already hold a place in a run of the course. */
export async function insertMember(
  tx: Tx,
  values: { runId: string; userId: string; courseId: string; enrolmentId: string | null; joinedAt: Date },
): Promise<boolean> {
  const rows = await tx
    .insert(runMembers)
    .values(values)
    .onConflictDoNothing()
    .returning({ runId: runMembers.runId });
  return rows.length > 0;
}

/** Moves a learner's place to another run of the same course. */
export async function moveMember(
  tx: Tx,
  values: { fromRunId: string; toRunId: string; userId: string; enrolmentId: string | null; joinedAt: Date },
): Promise<void> {
  await tx
    .update(runMembers)
    .set({ runId: values.toRunId, joinedAt: values.joinedAt, enrolmentId: values.enrolmentId })
    .where(and(eq(runMembers.runId, values.fromRunId), eq(runMembers.userId, values.userId)));
}

/** The runs of a course a newly enrolled learner could be placed in: those whose comments have not closed. */
export function placeableRuns(tx: Tx, courseId: string, now: Date) {
  return tx
    .select({ id: courseRuns.id, opensAt: courseRuns.opensAt, commentsCloseAt: courseRuns.commentsCloseAt })
    .from(courseRuns)
    .where(and(eq(courseRuns.courseId, courseId), gt(courseRuns.commentsCloseAt, now)));
}

/** A run's members by name, with when they joined and whether they are suspended. */
export function listMembers(tx: Tx, runId: string) {
  return tx
    .select({
      userId: runMembers.userId,
      name: personName,
      joinedAt: runMembers.joinedAt,
      suspendedAt: runMembers.suspendedAt,
    })
    .from(runMembers)
    .innerJoin(users, eq(users.id, runMembers.userId))
    .where(eq(runMembers.runId, runId))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
}

/** Whether the person facilitates any run of the course. */
export async function facilitatesAnyRunOf(tx: Tx, userId: string, courseId: string): Promise<boolean> {
  const [row] = await tx
    .select({ runId: runFacilitators.runId })
    .from(runFacilitators)
    .innerJoin(courseRuns, eq(courseRuns.id, runFacilitators.runId))
    .where(and(eq(runFacilitators.userId, userId), eq(courseRuns.courseId, courseId)))
    .limit(1);
  return row !== undefined;
}
