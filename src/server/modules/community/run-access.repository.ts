import { and, eq } from "drizzle-orm";
import { courseRuns, courses, runFacilitators, runMembers } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A run with its course, and where one person stands in it (member, suspended, facilitator). */
export interface RunStanding {
  run: {
    id: string;
    courseId: string;
    courseTitle: string;
    title: string;
    opensAt: Date;
    liveStartsAt: Date;
    liveEndsAt: Date;
    commentsCloseAt: Date;
    catchUpUntil: Date;
  };
  isMember: boolean;
  suspendedAt: Date | null;
  isFacilitator: boolean;
}

/** Reads a run and one person's standing in it in one statement; null when the run does not exist. */
export async function getRunStanding(
  db: Tx,
  runId: string,
  userId: string | null,
): Promise<RunStanding | null> {
  const [row] = await db
    .select({
      id: courseRuns.id,
      courseId: courseRuns.courseId,
      courseTitle: courses.title,
      title: courseRuns.title,
      opensAt: courseRuns.opensAt,
      liveStartsAt: courseRuns.liveStartsAt,
      liveEndsAt: courseRuns.liveEndsAt,
      commentsCloseAt: courseRuns.commentsCloseAt,
      catchUpUntil: courseRuns.catchUpUntil,
      memberUserId: runMembers.userId,
      suspendedAt: runMembers.suspendedAt,
      facilitatorUserId: runFacilitators.userId,
    })
    .from(courseRuns)
    .innerJoin(courses, eq(courses.id, courseRuns.courseId))
    .leftJoin(
      runMembers,
      and(eq(runMembers.runId, courseRuns.id), userId === null ? undefined : eq(runMembers.userId, userId)),
    )
    .leftJoin(
      runFacilitators,
      and(
        eq(runFacilitators.runId, courseRuns.id),
        userId === null ? undefined : eq(runFacilitators.userId, userId),
      ),
    )
    .where(eq(courseRuns.id, runId))
    .limit(1);
  if (!row) return null;
  const { memberUserId, suspendedAt, facilitatorUserId, ...run } = row;
  return {
    run,
    isMember: userId !== null && memberUserId === userId,
    suspendedAt: userId !== null && memberUserId === userId ? suspendedAt : null,
    isFacilitator: userId !== null && facilitatorUserId === userId,
  };
}
