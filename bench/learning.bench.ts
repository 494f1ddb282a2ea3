/**
 * My learning benchmark: `GET /api/me/learning` for a learner with 20 enrolments (two of them part-way through
 * courses with real lessons) on the real app, against a bare Fastify route serving a body of the same size, both
 * measured in the same run. Target: the ratio (app req/s ÷ bare req/s) at least 0.20 on PostgreSQL.
 *
 * Database and rounds as in http.bench.ts: BENCH_DATABASE_URL (or TEST_DATABASE_URL) for a throwaway PostgreSQL
 * database, otherwise PGlite in memory; BENCH_DURATION seconds per round, BENCH_ROUNDS pairs of rounds.
 */
import { asc, eq } from "drizzle-orm";
import {
  courseModules,
  courseSteps,
  courses,
  enrolments,
  stepProgress,
} from "../src/server/db/schema/index.js";
import { seedCatalogue } from "../src/server/modules/catalogue/catalogue.seed.js";
import { seedLessons } from "../src/server/modules/learning/lessons.seed.js";
import type { MyLearning } from "../src/shared/learning.js";
import { buildUser, signIn } from "../tests/support/factories.js";
import { runHttpBenchmark } from "./support/harness.js";

const ENROLMENTS = 20;

await runHttpBenchmark({
  name: "learning",
  title: "GET /api/me/learning",
  route: "/api/me/learning",
  target: 0.2,
  async prepare(ctx) {
    const db = ctx.database.db;
    await seedCatalogue(db);
    await seedLessons(db);
    const user = await buildUser(ctx, { givenName: "Benchmark", familyName: "Learner" });
    const chosen = await db
      .select({ id: courses.id, slug: courses.slug })
      .from(courses)
      .orderBy(asc(courses.position))
      .limit(ENROLMENTS);
    const now = Date.now();
    const rows = await db
      .insert(enrolments)
      .values(
        chosen.map((course, index) => ({
          userId: user.id,
          courseId: course.id,
          via: "grant" as const,
          priceExVatPence: 0,
          startsAt: new Date(now - index * 86_400_000),
          expiresAt: new Date(now + 180 * 86_400_000),
          lastActivityAt: new Date(now - index * 3_600_000),
        })),
      )
      .returning({ id: enrolments.id, courseId: enrolments.courseId });
    // Part-way through the courses with written lessons: half their steps complete.
    for (const slug of [
      "productive-community-services-introductory",
      "improvement-fundamentals-qi-measures",
    ]) {
      const [course] = await db.select({ id: courses.id }).from(courses).where(eq(courses.slug, slug));
      if (!course) throw new Error(`no course ${slug}`);
      let enrolment = rows.find((r) => r.courseId === course.id);
      if (!enrolment) {
        const [extra] = await db
          .update(enrolments)
          .set({ courseId: course.id })
          .where(
            eq(enrolments.id, rows[rows.length - 1 - (slug.startsWith("improvement") ? 1 : 0)]?.id ?? ""),
          )
          .returning({ id: enrolments.id, courseId: enrolments.courseId });
        enrolment = extra;
      }
      if (!enrolment) throw new Error(`could not enrol on ${slug}`);
      const steps = await db
        .select({ id: courseSteps.id })
        .from(courseSteps)
        .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
        .where(eq(courseModules.courseId, course.id));
      const half = steps.slice(0, Math.floor(steps.length / 2));
      const enrolmentId = enrolment.id;
      await db
        .insert(stepProgress)
        .values(half.map((s) => ({ enrolmentId, stepId: s.id, status: "completed" as const, percent: 100 })));
    }
    return {
      cookie: await signIn(ctx, user),
      notes: [`data:         1 learner, ${ENROLMENTS} enrolments (2 part-way through courses with lessons)`],
      check(body) {
        const items = (JSON.parse(body) as MyLearning).enrolments;
        if (items.length !== ENROLMENTS)
          throw new Error(`expected ${ENROLMENTS} enrolments in My learning, got ${items.length}`);
        if (!items.some((i) => i.completedSteps > 0 && i.nextStep))
          throw new Error("no enrolment shows progress and a next step");
      },
    };
  },
});
