import { randomBytes } from "node:crypto";
import type { CertificateState } from "../../src/shared/certificates.js";
import { buildEnrolment } from "./factories.js";
import type { TestContext } from "./test-app.js";

/** An achievement made straight in the database, with the enrolment it belongs to. */
export interface TestAchievement {
  id: string;
  enrolmentId: string;
  courseId: string;
  courseTitle: string;
}

/**
 * Records that a learner achieved a course, as the certificates work does when an enrolment meets its rule: a
 * completed enrolment (made here) and an achievement row carrying the course's CPD points unless told otherwise.
 * The course is the first published one at `level` (introductory unless told) or `courseId`.
 */
export async function buildAchievement(
  ctx: TestContext,
  options: { userId: string; courseId?: string; level?: string; achievedAt?: Date; cpdPoints?: number },
): Promise<TestAchievement> {
  const achievedAt = options.achievedAt ?? new Date();
  const enrolment = await buildEnrolment(ctx, {
    userId: options.userId,
    ...(options.courseId ? { courseId: options.courseId } : { level: options.level ?? "introductory" }),
    startsAt: new Date(achievedAt.getTime() - 30 * 86_400_000),
    completedAt: achievedAt,
  });
  const [row] = (await ctx.database.rawQuery(
    `insert into achievements (user_id, course_id, enrolment_id, rule, cpd_points, achieved_at)
     select $1, c.id, $2, 'completion', coalesce($3::int, c.cpd_points), $4::timestamptz from courses c where c.id = $5
     returning id`,
    [options.userId, enrolment.id, options.cpdPoints ?? null, achievedAt.toISOString(), enrolment.course.id],
  )) as Array<{ id: string }>;
  if (!row) throw new Error("the achievement was not inserted");
  return {
    id: row.id,
    enrolmentId: enrolment.id,
    courseId: enrolment.course.id,
    courseTitle: enrolment.course.title,
  };
}

/** A certificate code in the readable style (groups of four), random enough never to clash in a test. */
export function testCertificateCode(): string {
  const hex = randomBytes(8).toString("hex").toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}`;
}

/**
 * Issues a certificate for an achievement straight in the database, copying what it says from the learner and the
 * course as the certificates work does. Valid unless told; revoked ones get a reason, superseded ones their
 * replacement when given.
 */
export async function buildCertificate(
  ctx: TestContext,
  options: {
    achievementId: string;
    code?: string;
    state?: CertificateState;
    issuedAt?: Date;
    expiresAt?: Date | null;
    replacedById?: string | null;
  },
): Promise<{ id: string; code: string }> {
  const code = options.code ?? testCertificateCode();
  const state = options.state ?? "valid";
  const [row] = (await ctx.database.rawQuery(
    `insert into certificates (code, achievement_id, user_id, course_id, certificate_name, course_title, level_label,
       programme_title, cpd_points, issued_at, expires_at, state, revoked_at, revoked_reason, replaced_by_id)
     select $1, a.id, a.user_id, a.course_id, u.certificate_name, c.title,
       initcap(replace(c.level::text, '_', ' ')), p.title, a.cpd_points, $3::timestamptz, $4::timestamptz,
       $5::certificate_state, case when $5 = 'revoked' then now() end,
       case when $5 = 'revoked' then 'Issued in error' end, $6::uuid
     from achievements a join users u on u.id = a.user_id join courses c on c.id = a.course_id
       join programmes p on p.id = c.programme_id
     where a.id = $2
     returning id`,
    [
      code,
      options.achievementId,
      (options.issuedAt ?? new Date()).toISOString(),
      options.expiresAt ? options.expiresAt.toISOString() : null,
      state,
      options.replacedById ?? null,
    ],
  )) as Array<{ id: string }>;
  if (!row) throw new Error("the certificate was not inserted");
  return { id: row.id, code };
}

/** Inserts CPD activities straight in the database, for volume (the API is tested elsewhere). */
export async function insertCpdActivities(
  ctx: TestContext,
  userId: string,
  howMany: number,
  activityDate = "2024-06-01",
): Promise<void> {
  await ctx.database.rawQuery(
    `insert into cpd_activities (user_id, title, activity_date, hours)
     select $1, 'Reading ' || n, $2::date, 1 from generate_series(1, $3::int) as n`,
    [userId, activityDate, howMany],
  );
}
