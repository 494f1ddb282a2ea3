import { and, asc, eq, like } from "drizzle-orm";
import {
  comments,
  courseModules,
  courseRuns,
  courseSteps,
  courses,
  enrolments,
  learnerActivityDays,
  programmes,
  runFacilitators,
  runMembers,
  stepProgress,
  users,
} from "../../db/schema/index.js";
import type { Db, Tx } from "../../platform/db.js";
import { formatUkDate, startOfUkDate, ukDate } from "../enrolments/access-window.rules.js";

/** The demo facilitator, who facilitates every demo run. */
export const DEMO_FACILITATOR = "facilitator@example.org";
/** The demo learner, placed in the live run of the demo mini-course. */
export const DEMO_RUN_LEARNER = "learner@example.org";
/** The mini-course whose live run has members, progress and comments for the engagement pages. */
export const DEMO_RUN_COURSE = "improvement-fundamentals-qi-measures";
/** Demo colleagues (from the reports demo) placed in that run. */
const COLLEAGUE_EMAILS = "%@reports-demo.example.org";
const COLLEAGUES = 6;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** The five dates of a run whose live week starts on `liveStartDay` (a UK date) at 09:00. */
function runDates(liveStartDay: string) {
  const liveStartsAt = new Date(startOfUkDate(liveStartDay).getTime() + 9 * HOUR_MS);
  return {
    opensAt: new Date(liveStartsAt.getTime() - 7 * DAY_MS),
    liveStartsAt,
    liveEndsAt: new Date(liveStartsAt.getTime() + 7 * DAY_MS + 8 * HOUR_MS),
    commentsCloseAt: new Date(liveStartsAt.getTime() + 21 * DAY_MS + 8 * HOUR_MS),
    catchUpUntil: new Date(liveStartsAt.getTime() + 60 * DAY_MS + 8 * HOUR_MS),
  };
}

async function addRun(
  tx: Tx,
  courseId: string,
  title: string,
  dates: ReturnType<typeof runDates>,
  by: string,
) {
  const [run] = await tx
    .insert(courseRuns)
    .values({ courseId, title, ...dates, createdBy: by })
    .returning({ id: courseRuns.id });
  if (!run) throw new Error("demo run insert returned no row");
  await tx.insert(runFacilitators).values({ runId: run.id, userId: by }).onConflictDoNothing();
  return run.id;
}

/** Enrols a demo person on the course (if they are not) and returns their enrolment id and whether it is new. */
async function enrol(tx: Tx, userId: string, course: { id: string; accessMonths: number }, startsAt: Date) {
  const expiresAt = new Date(startsAt);
  expiresAt.setUTCMonth(expiresAt.getUTCMonth() + course.accessMonths);
  const inserted = await tx
    .insert(enrolments)
    .values({
      userId,
      courseId: course.id,
      via: "free",
      priceExVatPence: 0,
      startsAt,
      expiresAt,
      createdAt: startsAt,
    })
    .onConflictDoNothing()
    .returning({ id: enrolments.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const [existing] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, course.id)));
  if (!existing) throw new Error("demo enrolment vanished");
  return { id: existing.id, created: false };
}

/**
 * Course runs for the demo: for each published mini-course that has no runs yet, one run live this week (relative to
 * `now`) facilitated by the demo facilitator, and an ended run for the first mini-course. The demo learner and a
 * handful of demo colleagues are placed in the live run of the QI measures mini-course; the colleagues get some
 * progress, activity days and comments so the engagement pages have something to show. Runs once per course: a
 * course that already has runs is left alone. Returns how many runs it created.
 */
export async function seedRunsDemo(db: Db, now: Date = new Date()): Promise<number> {
  const [facilitator] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_FACILITATOR));
  if (!facilitator) return 0;
  const miniCourses = await db
    .select({ id: courses.id, slug: courses.slug, accessMonths: courses.accessMonths })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(and(eq(courses.level, "mini_course"), eq(courses.status, "published")))
    .orderBy(asc(programmes.position), asc(courses.position));
  const liveStartDay = ukDate(new Date(now.getTime() - 2 * DAY_MS));
  const live = runDates(liveStartDay);
  const liveTitle = `Live run from ${formatUkDate(live.liveStartsAt)}`;
  let created = 0;
  return db.transaction(async (tx) => {
    for (const [index, course] of miniCourses.entries()) {
      const [existing] = await tx
        .select({ id: courseRuns.id })
        .from(courseRuns)
        .where(eq(courseRuns.courseId, course.id))
        .limit(1);
      if (existing) continue;
      const liveRunId = await addRun(tx, course.id, liveTitle, live, facilitator.id);
      created += 1;
      if (index === 0) {
        const past = runDates(ukDate(new Date(now.getTime() - 120 * DAY_MS)));
        await addRun(
          tx,
          course.id,
          `Earlier run from ${formatUkDate(past.liveStartsAt)}`,
          past,
          facilitator.id,
        );
        created += 1;
      }
      if (course.slug === DEMO_RUN_COURSE) await populate(tx, liveRunId, course, live.opensAt, now);
    }
    return created;
  });
}

/** Places the demo learner and colleagues in the run, with progress, activity and a few comments. */
async function populate(
  tx: Tx,
  runId: string,
  course: { id: string; accessMonths: number },
  opensAt: Date,
  now: Date,
): Promise<void> {
  const steps = await tx
    .select({ id: courseSteps.id, required: courseSteps.required })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(eq(courseModules.courseId, course.id))
    .orderBy(asc(courseModules.position), asc(courseSteps.position));
  if (steps.length === 0) return;
  const [learner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, DEMO_RUN_LEARNER));
  const colleagues = await tx
    .select({ id: users.id })
    .from(users)
    .where(like(users.email, COLLEAGUE_EMAILS))
    .orderBy(asc(users.email))
    .limit(COLLEAGUES);
  const people = [
    ...(learner ? [{ id: learner.id, colleague: -1 }] : []),
    ...colleagues.map((c, i) => ({ id: c.id, colleague: i })),
  ];
  const notes = [
    "In my ward we count falls per 1,000 bed days, so a busy month does not look like a bad month.",
    "We plot our run chart weekly. Six points in a row above the median made us look again at the night shift.",
    "Useful reminder to agree the operational definition before collecting any data.",
  ];
  for (const person of people) {
    const enrolment = await enrol(tx, person.id, course, new Date(opensAt.getTime() + DAY_MS));
    await tx
      .insert(runMembers)
      .values({ runId, userId: person.id, courseId: course.id, enrolmentId: enrolment.id, joinedAt: opensAt })
      .onConflictDoNothing();
    if (person.colleague < 0 || !enrolment.created) continue;
    // Colleagues reach different steps: 2, 4, 6… of the course; the furthest is "started", the rest completed.
    const reached = Math.min(steps.length, 2 + person.colleague * 2);
    const done = steps.slice(0, reached - 1);
    const at = new Date(Math.min(now.getTime(), opensAt.getTime() + (person.colleague + 1) * DAY_MS));
    for (const step of done) {
      await tx
        .insert(stepProgress)
        .values({
          enrolmentId: enrolment.id,
          stepId: step.id,
          status: "completed",
          percent: 100,
          completedAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing();
    }
    const furthest = steps[reached - 1];
    if (furthest) {
      await tx
        .insert(stepProgress)
        .values({ enrolmentId: enrolment.id, stepId: furthest.id, status: "started", updatedAt: at })
        .onConflictDoNothing();
    }
    await tx
      .update(enrolments)
      .set({
        lastStepId: furthest?.id ?? null,
        lastActivityAt: at,
        requiredStepsCompleted: done.filter((s) => s.required).length,
      })
      .where(eq(enrolments.id, enrolment.id));
    // Activity on a few days since the run opened, so "active learners per day" has a shape.
    for (let d = person.colleague % 3; d <= 9; d += 2 + (person.colleague % 2)) {
      const day = new Date(opensAt.getTime() + d * DAY_MS);
      if (day.getTime() > now.getTime()) break;
      await tx
        .insert(learnerActivityDays)
        .values({ courseId: course.id, userId: person.id, day: ukDate(day) })
        .onConflictDoNothing();
    }
    const note = notes[person.colleague];
    const onStep = steps[Math.min(person.colleague + 1, steps.length - 1)];
    if (note && onStep) {
      await tx
        .insert(comments)
        .values({ runId, stepId: onStep.id, authorId: person.id, body: note, createdAt: at });
    }
  }
}
