import { eq } from "drizzle-orm";
import { courseRuns, runFacilitators, runMembers } from "../../src/server/db/schema/index.js";
import type { RunPhase } from "../../src/shared/runs.js";
import { buildEnrolment, buildUser, signIn, type TestUser } from "./factories.js";
import { courseIdBySlug, stepsOf } from "./learning-fixtures.js";
import type { TestContext } from "./test-app.js";

/** The seeded mini-course that has lessons (five modules of three steps). */
export const MINI_COURSE_SLUG = "improvement-fundamentals-qi-measures";

const DAY = 86_400_000;

/** Run dates that put a run in the given phase now. */
export function datesForPhase(phase: Exclude<RunPhase, "open_after_live">, now = Date.now()) {
  const offsets: Record<typeof phase, number> = {
    upcoming: 3 * DAY,
    open: -1 * DAY,
    live: -8 * DAY,
    catch_up: -30 * DAY,
    ended: -90 * DAY,
  };
  // Layout relative to opensAt: live starts +7 days (open phase reaches it), lasts 7 days, comments close 21 days
  // after opening, catch-up ends 60 days after opening.
  const opensAt = now + offsets[phase];
  return {
    opensAt: new Date(opensAt),
    liveStartsAt: new Date(opensAt + 7 * DAY),
    liveEndsAt: new Date(opensAt + 14 * DAY),
    commentsCloseAt: new Date(opensAt + 21 * DAY),
    catchUpUntil: new Date(opensAt + 60 * DAY),
  };
}

/** A run of a course straight in the database, in the given phase, with its facilitators. */
export async function buildRun(
  ctx: TestContext,
  options: {
    courseId?: string;
    phase?: Exclude<RunPhase, "open_after_live">;
    facilitatorIds?: string[];
    title?: string;
  } = {},
): Promise<{ id: string; courseId: string }> {
  const courseId = options.courseId ?? (await courseIdBySlug(ctx, MINI_COURSE_SLUG));
  const [run] = await ctx.database.db
    .insert(courseRuns)
    .values({ courseId, title: options.title ?? "Test run", ...datesForPhase(options.phase ?? "live") })
    .returning({ id: courseRuns.id });
  if (!run) throw new Error("run insert returned no row");
  for (const userId of options.facilitatorIds ?? []) {
    await ctx.database.db.insert(runFacilitators).values({ runId: run.id, userId });
  }
  return { id: run.id, courseId };
}

/** A signed-in learner enrolled on the run's course and placed in the run (suspended when asked). */
export async function buildRunMember(
  ctx: TestContext,
  run: { id: string; courseId: string },
  options: { givenName?: string; familyName?: string; suspended?: boolean; organisationId?: string } = {},
): Promise<TestUser & { cookie: string; enrolmentId: string }> {
  const user = await buildUser(ctx, {
    givenName: options.givenName,
    familyName: options.familyName,
    organisationId: options.organisationId,
  });
  const enrolment = await buildEnrolment(ctx, { userId: user.id, courseId: run.courseId });
  await ctx.database.db.insert(runMembers).values({
    runId: run.id,
    userId: user.id,
    courseId: run.courseId,
    enrolmentId: enrolment.id,
    suspendedAt: options.suspended ? new Date() : null,
  });
  return { ...user, cookie: await signIn(ctx, user), enrolmentId: enrolment.id };
}

/** A signed-in facilitator (platform role) who facilitates the given run. */
export async function buildFacilitator(
  ctx: TestContext,
  run?: { id: string },
): Promise<TestUser & { cookie: string }> {
  const user = await buildUser(ctx, {
    givenName: "Femi",
    familyName: "Adeyemi",
    roles: ["learner", "facilitator"],
  });
  if (run) await ctx.database.db.insert(runFacilitators).values({ runId: run.id, userId: user.id });
  return { ...user, cookie: await signIn(ctx, user) };
}

/** The steps of the run's course, in order. */
export async function runSteps(ctx: TestContext, run: { courseId: string }) {
  return stepsOf(ctx, run.courseId);
}

/** Members of a run, for checks that nothing was written. */
export async function membersOf(ctx: TestContext, runId: string) {
  return ctx.database.db.select().from(runMembers).where(eq(runMembers.runId, runId));
}
