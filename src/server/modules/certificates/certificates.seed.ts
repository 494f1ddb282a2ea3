import { and, asc, eq } from "drizzle-orm";
import {
  achievements,
  courseModules,
  courseSteps,
  courses,
  enrolments,
  quizAttempts,
  quizOptions,
  quizQuestions,
  stepProgress,
  users,
} from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";
import { recordAchievementIfEarned } from "./accreditation.js";

/** The demo learner who holds the demo certificate. */
export const DEMO_CERTIFICATE_LEARNER = "learner@example.org";
/** The course the demo learner has achieved: a mini-course with written lessons and a final quiz. */
export const DEMO_CERTIFICATE_COURSE = "improvement-fundamentals-qi-measures";
const DAY_MS = 86_400_000;

/**
 * Gives the demo learner one achieved course with a certificate, so My learning, Your certificates, verification and
 * the admin pages have something to show on first start: they worked through every lesson of the QI measures
 * mini-course and passed its quizzes two weeks ago. Runs once: does nothing when the learner is missing or already
 * has the achievement. Sends no email. Returns the certificate code when it issued one.
 */
export async function seedCertificatesDemo(db: Db, now: Date = new Date()): Promise<string | null> {
  const [learner] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_CERTIFICATE_LEARNER));
  const [course] = await db
    .select({ id: courses.id, accessMonths: courses.accessMonths })
    .from(courses)
    .where(eq(courses.slug, DEMO_CERTIFICATE_COURSE));
  if (!learner || !course) return null;
  const startedAt = new Date(now.getTime() - 30 * DAY_MS);
  const achievedAt = new Date(now.getTime() - 14 * DAY_MS);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: achievements.id })
      .from(achievements)
      .where(and(eq(achievements.userId, learner.id), eq(achievements.courseId, course.id)));
    if (existing) return null;
    const steps = await tx
      .select({ id: courseSteps.id, kind: courseSteps.kind, required: courseSteps.required })
      .from(courseSteps)
      .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
      .where(eq(courseModules.courseId, course.id))
      .orderBy(asc(courseModules.position), asc(courseSteps.position));
    if (steps.length === 0) return null;
    const expiresAt = new Date(startedAt);
    expiresAt.setUTCMonth(expiresAt.getUTCMonth() + course.accessMonths);
    await tx
      .insert(enrolments)
      .values({
        userId: learner.id,
        courseId: course.id,
        via: "free",
        priceExVatPence: 0,
        startsAt: startedAt,
        expiresAt,
        createdAt: startedAt,
      })
      .onConflictDoNothing();
    const [enrolment] = await tx
      .select({ id: enrolments.id })
      .from(enrolments)
      .where(and(eq(enrolments.userId, learner.id), eq(enrolments.courseId, course.id)));
    if (!enrolment) return null;
    for (const step of steps) {
      await tx
        .insert(stepProgress)
        .values({
          enrolmentId: enrolment.id,
          stepId: step.id,
          status: "completed",
          percent: 100,
          completedAt: achievedAt,
          updatedAt: achievedAt,
        })
        .onConflictDoUpdate({
          target: [stepProgress.enrolmentId, stepProgress.stepId],
          set: { status: "completed", completedAt: achievedAt, updatedAt: achievedAt },
        });
      if (step.kind !== "quiz") continue;
      // A passed attempt with every right answer, as the learner would have given it.
      const options = await tx
        .select({ questionId: quizQuestions.id, optionId: quizOptions.id })
        .from(quizQuestions)
        .innerJoin(quizOptions, eq(quizOptions.questionId, quizQuestions.id))
        .where(and(eq(quizQuestions.stepId, step.id), eq(quizOptions.correct, true)));
      const answers: Record<string, string[]> = {};
      for (const o of options) answers[o.questionId] = [...(answers[o.questionId] ?? []), o.optionId];
      const questionCount = Object.keys(answers).length;
      await tx
        .insert(quizAttempts)
        .values({
          enrolmentId: enrolment.id,
          stepId: step.id,
          attemptNumber: 1,
          answers,
          correctCount: questionCount,
          questionCount,
          scorePercent: 100,
          passed: true,
          submittedAt: achievedAt,
        })
        .onConflictDoNothing();
    }
    await tx
      .update(enrolments)
      .set({
        completedAt: achievedAt,
        lastActivityAt: achievedAt,
        lastStepId: steps.at(-1)?.id ?? null,
        requiredStepsCompleted: steps.filter((s) => s.required).length,
        updatedAt: achievedAt,
      })
      .where(eq(enrolments.id, enrolment.id));
    const recorded = await recordAchievementIfEarned(tx, enrolment.id, achievedAt, null);
    return recorded?.code ?? null;
  });
}
