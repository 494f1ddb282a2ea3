import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAchievementIfEarned } from "../../src/server/modules/certificates/accreditation.js";
import {
  COURSE_SLUGS,
  credentialsOf,
  enrolledLearner,
  giveCourseSteps,
  setPortfolioStatus,
  setValidity,
  workThrough,
} from "../support/certificates-fixtures.js";
import { buildEnrolment, buildUser, mailTo } from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
const course: Record<keyof typeof COURSE_SLUGS, string> = {
  introductory: "",
  miniCourse: "",
  accreditedIntroduction: "",
  foundation: "",
  practitioner: "",
};

beforeAll(async () => {
  ctx = await createTestApp();
  course.introductory = await courseIdBySlug(ctx, COURSE_SLUGS.introductory);
  course.miniCourse = await courseIdBySlug(ctx, COURSE_SLUGS.miniCourse);
  course.accreditedIntroduction = await giveCourseSteps(ctx, COURSE_SLUGS.accreditedIntroduction);
  course.foundation = await giveCourseSteps(ctx, COURSE_SLUGS.foundation);
  course.practitioner = await giveCourseSteps(ctx, COURSE_SLUGS.practitioner, { finalQuiz: false });
});
afterAll(async () => ctx.close());

describe("accreditation through the learning API", () => {
  it("an introductory course is achieved on completion: one achievement, one certificate, one email", async () => {
    const learner = await enrolledLearner(ctx, course.introductory, {
      user: { givenName: "Zoë", familyName: "Łukasz" },
    });
    await workThrough(ctx, learner);
    const { achievements, certificates } = await credentialsOf(ctx, learner.enrolmentId);
    expect(achievements).toHaveLength(1);
    expect(achievements[0]?.rule).toBe("completion");
    expect(certificates).toHaveLength(1);
    expect(certificates[0]).toMatchObject({
      state: "valid",
      certificate_name: "Zoë Łukasz",
      expires_at: null,
    });
    expect(certificates[0]?.code).toMatch(/^QIA(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);

    const mail = await mailTo(ctx, learner.user.email);
    const issued = mail.filter((m) => m.subject.startsWith("Your QI Academy certificate"));
    expect(issued).toHaveLength(1);
    expect(issued[0]?.text).toContain(certificates[0]?.code);
    expect(issued[0]?.text).toContain(`${ctx.config.publicUrl}/verify/${certificates[0]?.code}`);
    expect(issued[0]?.text).toContain(`${ctx.config.publicUrl}/certificates`);

    // Completing a step again, or calling the rule again, changes nothing.
    await workThrough(ctx, learner, { skipQuizzes: true });
    expect(await recordAchievementIfEarned(ctx.database.db, learner.enrolmentId, new Date())).toBeNull();
    const again = await credentialsOf(ctx, learner.enrolmentId);
    expect(again.achievements).toHaveLength(1);
    expect(again.certificates).toHaveLength(1);
    expect(
      (await mailTo(ctx, learner.user.email)).filter((m) =>
        m.subject.startsWith("Your QI Academy certificate"),
      ),
    ).toHaveLength(1);
  });

  it("a mini-course is achieved on completion, with the course's CPD points", async () => {
    const learner = await enrolledLearner(ctx, course.miniCourse);
    await workThrough(ctx, learner);
    const [row] = (await ctx.database.rawQuery("select cpd_points from courses where id = $1", [
      course.miniCourse,
    ])) as Array<{ cpd_points: number }>;
    const { achievements } = await credentialsOf(ctx, learner.enrolmentId);
    expect(achievements).toHaveLength(1);
    expect(achievements[0]?.cpd_points).toBe(row?.cpd_points);
  });

  it("nothing is achieved before the course is complete", async () => {
    const learner = await enrolledLearner(ctx, course.introductory);
    await workThrough(ctx, learner, { skipQuizzes: true });
    expect(await credentialsOf(ctx, learner.enrolmentId)).toEqual({ achievements: [], certificates: [] });
  });

  it("accredited introduction needs the final quiz passed and the declaration", async () => {
    const undeclared = await enrolledLearner(ctx, course.accreditedIntroduction);
    await workThrough(ctx, undeclared);
    expect((await credentialsOf(ctx, undeclared.enrolmentId)).achievements).toEqual([]);

    const declared = await enrolledLearner(ctx, course.accreditedIntroduction, { declared: true });
    await workThrough(ctx, declared, { failQuizzes: true });
    // Every article is done but the final quiz was failed: not complete, not achieved.
    expect((await credentialsOf(ctx, declared.enrolmentId)).achievements).toEqual([]);
    // Passing the final quiz completes the course and achieves it, in the quiz's own request.
    await workThrough(ctx, declared);
    const { achievements, certificates } = await credentialsOf(ctx, declared.enrolmentId);
    expect(achievements.map((a) => a.rule)).toEqual(["completion_and_final_assessment"]);
    expect(certificates).toHaveLength(1);
  });

  it("foundation is achieved on completion with the final quiz passed, no declaration asked", async () => {
    const learner = await enrolledLearner(ctx, course.foundation);
    await workThrough(ctx, learner);
    expect((await credentialsOf(ctx, learner.enrolmentId)).achievements.map((a) => a.rule)).toEqual([
      "completion_and_final_assessment",
    ]);
  });

  it("a foundation course without a final quiz is not achieved, even when complete", async () => {
    const courseId = course.foundation;
    await ctx.database.rawQuery(
      `update course_steps set is_final = false where module_id in (select id from course_modules where course_id = $1)`,
      [courseId],
    );
    try {
      const learner = await enrolledLearner(ctx, courseId);
      await workThrough(ctx, learner);
      const [enrolment] = (await ctx.database.rawQuery("select completed_at from enrolments where id = $1", [
        learner.enrolmentId,
      ])) as Array<{ completed_at: Date | null }>;
      expect(enrolment?.completed_at).not.toBeNull();
      expect(await credentialsOf(ctx, learner.enrolmentId)).toEqual({ achievements: [], certificates: [] });
    } finally {
      await ctx.database.rawQuery(
        `update course_steps set is_final = true where kind = 'quiz' and module_id in (select id from course_modules where course_id = $1)`,
        [courseId],
      );
    }
  });

  it("practitioner needs completion and a portfolio pass that stands, in either order", async () => {
    // Portfolio passed first (the assessment work calls the rule); completion later achieves it.
    const first = await enrolledLearner(ctx, course.practitioner);
    await setPortfolioStatus(ctx, first.enrolmentId, "passed");
    expect(await recordAchievementIfEarned(ctx.database.db, first.enrolmentId, new Date())).toBeNull();
    await workThrough(ctx, first);
    expect((await credentialsOf(ctx, first.enrolmentId)).achievements.map((a) => a.rule)).toEqual([
      "completion_and_portfolio",
    ]);

    // Completion first; a submitted or referred portfolio is not enough; the pass then achieves it.
    const second = await enrolledLearner(ctx, course.practitioner);
    await workThrough(ctx, second);
    expect((await credentialsOf(ctx, second.enrolmentId)).achievements).toEqual([]);
    for (const status of ["submitted", "referred"] as const) {
      await setPortfolioStatus(ctx, second.enrolmentId, status);
      expect(await recordAchievementIfEarned(ctx.database.db, second.enrolmentId, new Date())).toBeNull();
    }
    await setPortfolioStatus(ctx, second.enrolmentId, "passed");
    const recorded = await ctx.database.db.transaction((tx) =>
      recordAchievementIfEarned(tx, second.enrolmentId, new Date()),
    );
    expect(recorded?.code).toMatch(/^QIA-/);
    const { certificates } = await credentialsOf(ctx, second.enrolmentId);
    expect(certificates.map((c) => c.code)).toEqual([recorded?.code]);
  });

  it("sets the expiry from the course's validity, in calendar months from the achievement", async () => {
    await setValidity(ctx, course.miniCourse, 24);
    try {
      const learner = await enrolledLearner(ctx, course.miniCourse);
      await workThrough(ctx, learner);
      const { achievements, certificates } = await credentialsOf(ctx, learner.enrolmentId);
      const achieved = new Date(achievements[0]?.achieved_at ?? 0);
      const expires = new Date(certificates[0]?.expires_at ?? 0);
      const expected = new Date(achieved);
      expected.setUTCFullYear(expected.getUTCFullYear() + 2);
      expect(Math.abs(expires.getTime() - expected.getTime())).toBeLessThanOrEqual(3_600_000);
    } finally {
      await setValidity(ctx, course.miniCourse, null);
    }
  });

  it("is race-safe: many concurrent calls make one achievement and one certificate", async () => {
    const user = await buildUser(ctx);
    const enrolment = await buildEnrolment(ctx, {
      userId: user.id,
      courseId: course.introductory,
      completedAt: new Date(),
    });
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        ctx.database.db.transaction((tx) => recordAchievementIfEarned(tx, enrolment.id, new Date())),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    const { achievements, certificates } = await credentialsOf(ctx, enrolment.id);
    expect(achievements).toHaveLength(1);
    expect(certificates).toHaveLength(1);
  });

  it("an unknown enrolment is nothing to record", async () => {
    expect(
      await recordAchievementIfEarned(ctx.database.db, "00000000-0000-4000-8000-000000000000", new Date()),
    ).toBeNull();
  });

  it("a failing insert inside the caller's transaction leaves no achievement behind", async () => {
    const user = await buildUser(ctx);
    const enrolment = await buildEnrolment(ctx, {
      userId: user.id,
      courseId: course.introductory,
      completedAt: new Date(),
    });
    await expect(
      ctx.database.db.transaction(async (tx) => {
        await recordAchievementIfEarned(tx, enrolment.id, new Date());
        throw new Error("the caller's later work failed");
      }),
    ).rejects.toThrow("later work failed");
    expect(await credentialsOf(ctx, enrolment.id)).toEqual({ achievements: [], certificates: [] });
  });
});
