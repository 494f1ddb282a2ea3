import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { enrolments, stepProgress, users } from "../../db/schema/index.js";
import { hashPassword } from "../../platform/crypto.js";
import { type Db, queryRows } from "../../platform/db.js";
import { DEMO_TRUST_NAME } from "../../seed-names.js";

/** The demo trust the demo learner administrator (orgadmin@example.org) reports on. */

/** Demo learners' addresses end with this, so the seed can tell it has run. */
const DEMO_DOMAIN = "reports-demo.example.org";
const DAY_MS = 86_400_000;

/** Demo learners: name, ESR number (or none), and how far they are on each course they took. */
const DEMO_LEARNERS: Array<{
  given: string;
  family: string;
  esr: string | null;
  courses: Array<"completed" | "halfway" | "started" | "not_started" | "ending_soon">;
}> = [
  { given: "Amara", family: "Okonkwo", esr: "12300000101", courses: ["completed", "halfway"] },
  { given: "Ben", family: "Hughes", esr: "12300000102", courses: ["completed"] },
  { given: "Catrin", family: "Jones", esr: null, courses: ["halfway", "not_started"] },
  { given: "Deepak", family: "Sharma", esr: "12300000104", courses: ["started"] },
  { given: "Eilidh", family: "MacLeod", esr: "12300000105", courses: ["ending_soon"] },
  { given: "Farah", family: "Begum", esr: null, courses: ["not_started"] },
  { given: "George", family: "Whitfield", esr: "12300000107", courses: ["completed", "completed"] },
  { given: "Hannah", family: "Kowalski", esr: "12300000108", courses: ["halfway"] },
  { given: "Ifeoma", family: "Adeyemi", esr: null, courses: ["ending_soon", "started"] },
  { given: "Jack", family: "Pearson", esr: "12300000110", courses: ["not_started"] },
];

/**
 * Demo learners in the demo community trust with enrolments (and the step progress behind them) at every stage (completed, part way, not started,
 * access ending soon) on the courses that have lessons, so the reports and exports have something to show the demo
 * learner administrator. Learners go into the organisations below the trust as teams, when it has any. They cannot
 * sign in (each has a random password nobody knows). Does nothing when the trust is missing or the learners exist;
 * returns how many learners it added. Call after seedDemoAccounts and seedLessons.
 */
export async function seedReportsDemo(db: Db, scryptCost: number, now = new Date()): Promise<number> {
  // Raw SQL: reads across the directory and catalogue that no repository of this module owns.
  const [trust] = await queryRows<{ id: string }>(
    db,
    sql`select id from organisations where name = ${DEMO_TRUST_NAME} and ods_code is null limit 1`,
  );
  if (!trust) return 0;
  const [existing] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from users where email like ${`%@${DEMO_DOMAIN}`}`,
  );
  if ((existing?.n ?? 0) > 0) return 0;
  const teams = await queryRows<{ id: string }>(
    db,
    sql`select id from organisations where parent_id = ${trust.id} order by name`,
  );
  const courses = await queryRows<{ id: string; required: number; access_months: number }>(
    db,
    sql`select c.id, count(*) filter (where s.required)::int as required, c.access_months
      from courses c join course_modules m on m.course_id = c.id join course_steps s on s.module_id = m.id
      where c.status = 'published' group by c.id, c.access_months, c.position
      having count(*) filter (where s.required) > 0 order by c.position`,
  );
  if (courses.length === 0) return 0;
  const steps = await queryRows<{ course_id: string; id: string }>(
    db,
    sql`select m.course_id, s.id from course_steps s join course_modules m on m.id = s.module_id
      where s.required order by m.course_id, m.position, m.id, s.position, s.id`,
  );
  const requiredSteps = new Map<string, string[]>();
  for (const step of steps)
    requiredSteps.set(step.course_id, [...(requiredSteps.get(step.course_id) ?? []), step.id]);
  const passwordHash = await hashPassword(randomBytes(24).toString("base64url"), scryptCost);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  await db.transaction(async (tx) => {
    for (const [i, learner] of DEMO_LEARNERS.entries()) {
      const [user] = await tx
        .insert(users)
        .values({
          email: `${learner.given}.${learner.family}@${DEMO_DOMAIN}`.toLowerCase(),
          passwordHash,
          givenName: learner.given,
          familyName: learner.family,
          certificateName: `${learner.given} ${learner.family}`,
          sector: "nhs_england",
          organisationId: trust.id,
          teamId: teams.length > 0 ? (teams[i % teams.length]?.id ?? null) : null,
          esrNumber: learner.esr,
          emailVerifiedAt: daysAgo(120),
        })
        .returning({ id: users.id });
      if (!user) throw new Error(`demo learner ${learner.given} was not inserted`);
      for (const [j, stage] of learner.courses.entries()) {
        // One enrolment per course: with fewer courses than stages, the extra stages are left out.
        const course = j < courses.length ? courses[(i + j) % courses.length] : undefined;
        if (!course) continue;
        const startedDaysAgo = 20 + ((i * 7 + j * 11) % 60);
        const startsAt = daysAgo(startedDaysAgo);
        const expiresAt =
          stage === "ending_soon"
            ? new Date(now.getTime() + (5 + i) * DAY_MS)
            : new Date(startsAt.getTime() + course.access_months * 30 * DAY_MS);
        const done =
          stage === "completed"
            ? course.required
            : stage === "halfway"
              ? Math.ceil(course.required / 2)
              : stage === "started" || stage === "ending_soon"
                ? 1
                : 0;
        const [enrolment] = await tx
          .insert(enrolments)
          .values({
            userId: user.id,
            courseId: course.id,
            via: "free",
            priceExVatPence: 0,
            startsAt,
            expiresAt,
            createdAt: startsAt,
            completedAt: stage === "completed" ? daysAgo(Math.max(1, startedDaysAgo - 14)) : null,
            lastActivityAt: done > 0 ? daysAgo(Math.max(1, startedDaysAgo - 14)) : null,
            requiredStepsCompleted: Math.min(done, course.required),
          })
          .returning({ id: enrolments.id });
        const completedSteps = (requiredSteps.get(course.id) ?? []).slice(0, done);
        if (enrolment && completedSteps.length > 0)
          await tx.insert(stepProgress).values(
            completedSteps.map((stepId) => ({
              enrolmentId: enrolment.id,
              stepId,
              status: "completed" as const,
              percent: 100,
              completedAt: daysAgo(Math.max(1, startedDaysAgo - 14)),
              updatedAt: daysAgo(Math.max(1, startedDaysAgo - 14)),
            })),
          );
      }
    }
  });
  return DEMO_LEARNERS.length;
}
