import { aliasedTable, and, asc, count, desc, eq, gte, ilike, inArray, lt, or, sql } from "drizzle-orm";
import { type AchievementRule, AWARDING_BODY_LEVELS } from "../../../shared/certificates.js";
import {
  achievements,
  awardingBodyRegistrations,
  certificates,
  courseModules,
  courseSteps,
  courses,
  enrolments,
  organisations,
  portfolios,
  programmes,
  quizAttempts,
  recognitionCertificates,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/**
 * Everything recordAchievementIfEarned needs about one enrolment: one query when it is already achieved (the common
 * case on repeat calls), else one more round of three in parallel.
 */
export async function getAccreditationContext(tx: Tx, enrolmentId: string) {
  const [row] = await tx
    .select({
      enrolmentId: enrolments.id,
      userId: enrolments.userId,
      completedAt: enrolments.completedAt,
      declaredAt: enrolments.declaredAt,
      course: {
        id: courses.id,
        title: courses.title,
        level: courses.level,
        cpdPoints: courses.cpdPoints,
        certificateValidityMonths: courses.certificateValidityMonths,
      },
      programmeTitle: programmes.title,
      learner: { email: users.email, givenName: users.givenName, certificateName: users.certificateName },
      achievementId: achievements.id,
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(achievements, eq(achievements.enrolmentId, enrolments.id))
    .where(eq(enrolments.id, enrolmentId));
  if (!row) return null;
  // Already achieved: nothing more to read (the learning service calls the rule on every completed roll-up).
  if (row.achievementId !== null) {
    return { ...row, finalQuizzes: 0, finalQuizzesPassed: 0, portfolioStatus: null };
  }
  const finalSteps = tx
    .select({ id: courseSteps.id })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(
      and(
        eq(courseModules.courseId, row.course.id),
        eq(courseSteps.isFinal, true),
        eq(courseSteps.kind, "quiz"),
      ),
    );
  const [finals, passed, portfolio] = await Promise.all([
    tx.select({ n: count() }).from(finalSteps.as("final_steps")),
    tx
      .select({ n: sql<number>`count(distinct ${quizAttempts.stepId})::int` })
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.enrolmentId, enrolmentId),
          eq(quizAttempts.passed, true),
          inArray(quizAttempts.stepId, finalSteps),
        ),
      ),
    tx.select({ status: portfolios.status }).from(portfolios).where(eq(portfolios.enrolmentId, enrolmentId)),
  ]);
  return {
    ...row,
    finalQuizzes: Number(finals[0]?.n ?? 0),
    finalQuizzesPassed: Number(passed[0]?.n ?? 0),
    portfolioStatus: portfolio[0]?.status ?? null,
  };
}

/** Records an achievement once per enrolment; null when the enrolment already has one (another call got there first). */
export async function insertAchievement(
  tx: Tx,
  values: {
    userId: string;
    courseId: string;
    enrolmentId: string;
    rule: AchievementRule;
    cpdPoints: number;
    achievedAt: Date;
  },
) {
  const [row] = await tx
    .insert(achievements)
    .values(values)
    .onConflictDoNothing({ target: achievements.enrolmentId })
    .returning();
  return row ?? null;
}

/** An achievement with what a certificate for it copies: the course's title, level and programme. */
export async function getAchievementForCertificate(tx: Tx, achievementId: string) {
  const [row] = await tx
    .select({
      achievement: achievements,
      course: {
        title: courses.title,
        level: courses.level,
        certificateValidityMonths: courses.certificateValidityMonths,
      },
      programmeTitle: programmes.title,
    })
    .from(achievements)
    .innerJoin(courses, eq(courses.id, achievements.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(eq(achievements.id, achievementId));
  return row ?? null;
}

/**
 * Inserts a certificate; null when its code is already taken (so the caller draws another) or the achievement
 * already has a valid certificate. ON CONFLICT DO NOTHING keeps the transaction usable either way.
 */
export async function insertCertificate(tx: Tx, values: typeof certificates.$inferInsert) {
  const [row] = await tx.insert(certificates).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Whether a code is in use (to tell a code collision from an achievement that already has a valid certificate). */
export async function codeExists(tx: Tx, code: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: certificates.id })
    .from(certificates)
    .where(eq(certificates.code, code));
  return row !== undefined;
}

/** A learner's certificates, newest first, with when each achievement was made. */
export async function listForUser(tx: Tx, userId: string) {
  return tx
    .select({ certificate: certificates, achievedAt: achievements.achievedAt })
    .from(certificates)
    .innerJoin(achievements, eq(achievements.id, certificates.achievementId))
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt), desc(certificates.createdAt));
}

/** A certificate by its printed code. */
export async function getByCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(certificates).where(eq(certificates.code, code));
  return row ?? null;
}

/** A recognition certificate (issue 8) by its printed code: codes come from the same generator, so they never clash. */
export async function getRecognitionByCode(tx: Tx, code: string) {
  const [row] = await tx.select().from(recognitionCertificates).where(eq(recognitionCertificates.code, code));
  return row ?? null;
}

/** A recognition certificate (issue 8) by id. */
export async function getRecognitionById(tx: Tx, id: string) {
  const [row] = await tx.select().from(recognitionCertificates).where(eq(recognitionCertificates.id, id));
  return row ?? null;
}

/** A certificate by id, with its achievement's date. */
export async function getById(tx: Tx, id: string) {
  const [row] = await tx
    .select({ certificate: certificates, achievedAt: achievements.achievedAt })
    .from(certificates)
    .innerJoin(achievements, eq(achievements.id, certificates.achievementId))
    .where(eq(certificates.id, id));
  return row ?? null;
}

/** A certificate by id, locked until the transaction ends, so a revoke and a reissue cannot cross. */
export async function lockById(tx: Tx, id: string) {
  const [row] = await tx.select().from(certificates).where(eq(certificates.id, id)).for("update");
  return row ?? null;
}

/** A certificate with everything its administrators' page shows. */
export async function getAdminDetail(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      certificate: certificates,
      achievement: { achievedAt: achievements.achievedAt, rule: achievements.rule },
      learner: {
        id: users.id,
        givenName: users.givenName,
        familyName: users.familyName,
        email: users.email,
        certificateName: users.certificateName,
      },
    })
    .from(certificates)
    .innerJoin(achievements, eq(achievements.id, certificates.achievementId))
    .innerJoin(users, eq(users.id, certificates.userId))
    .where(eq(certificates.id, id));
  if (!row) return null;
  // The revoker and the replacement are read on their own: Drizzle's types give up on a select that joins a table
  // and an alias of it (users and the revoker; certificates and its replacement).
  const { revokedBy, replacedById } = row.certificate;
  const [[revoker], [replacedBy]] = await Promise.all([
    revokedBy
      ? tx
          .select({ givenName: users.givenName, familyName: users.familyName })
          .from(users)
          .where(eq(users.id, revokedBy))
      : Promise.resolve([]),
    replacedById
      ? tx
          .select({ id: certificates.id, code: certificates.code })
          .from(certificates)
          .where(eq(certificates.id, replacedById))
      : Promise.resolve([]),
  ]);
  return { ...row, revokedBy: revoker ?? null, replacedBy: replacedBy ?? null };
}

/** Every certificate issued for one achievement, oldest first. */
export async function listForAchievement(tx: Tx, achievementId: string) {
  return tx
    .select()
    .from(certificates)
    .where(eq(certificates.achievementId, achievementId))
    .orderBy(asc(certificates.issuedAt), asc(certificates.createdAt));
}

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Certificates matching a code exactly, or a learner's name or email in part; newest first. */
export async function search(
  tx: Tx,
  query: { code: string | null; text: string; limit: number; offset: number },
) {
  const pattern = likePattern(query.text);
  const where = query.code
    ? eq(certificates.code, query.code)
    : or(
        ilike(users.email, pattern),
        ilike(sql`${users.givenName} || ' ' || ${users.familyName}`, pattern),
        ilike(certificates.certificateName, pattern),
      );
  const [rows, total] = await Promise.all([
    tx
      .select({
        certificate: certificates,
        learner: {
          id: users.id,
          givenName: users.givenName,
          familyName: users.familyName,
          email: users.email,
        },
      })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .where(where)
      .orderBy(desc(certificates.issuedAt), desc(certificates.id))
      .limit(query.limit)
      .offset(query.offset),
    tx
      .select({ n: count() })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .where(where),
  ]);
  return { rows, total: Number(total[0]?.n ?? 0) };
}

/** Revokes a valid certificate; null when it is not valid any more (revoked or replaced meanwhile). */
export async function revoke(tx: Tx, id: string, by: string, reason: string, now: Date) {
  const [row] = await tx
    .update(certificates)
    .set({ state: "revoked", revokedAt: now, revokedBy: by, revokedReason: reason })
    .where(and(eq(certificates.id, id), eq(certificates.state, "valid")))
    .returning();
  return row ?? null;
}

/** Marks a valid certificate as replaced by a reissue (it stops being valid at `now`). */
export async function supersede(tx: Tx, id: string, by: string, reason: string, now: Date) {
  const [row] = await tx
    .update(certificates)
    .set({ state: "superseded", revokedAt: now, revokedBy: by, revokedReason: reason })
    .where(and(eq(certificates.id, id), eq(certificates.state, "valid")))
    .returning();
  return row ?? null;
}

/** Points a superseded certificate at the one that replaced it. */
export async function setReplacedBy(tx: Tx, id: string, replacedById: string) {
  await tx.update(certificates).set({ replacedById }).where(eq(certificates.id, id));
}

/** A learner's name, email and certificate name. */
export async function getLearner(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
      certificateName: users.certificateName,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

const recorder = aliasedTable(users, "recorder");

/** A learner's awarding-body registration, with who recorded it; null registration when none is recorded. */
export async function getRegistration(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      registration: awardingBodyRegistrations,
      recordedBy: { givenName: recorder.givenName, familyName: recorder.familyName },
    })
    .from(awardingBodyRegistrations)
    .leftJoin(recorder, eq(recorder.id, awardingBodyRegistrations.recordedBy))
    .where(eq(awardingBodyRegistrations.userId, userId));
  return row ?? null;
}

/** Records or replaces a learner's registration number. */
export async function upsertRegistration(
  tx: Tx,
  values: { userId: string; registrationNumber: string; recordedBy: string; recordedAt: Date },
) {
  const [row] = await tx
    .insert(awardingBodyRegistrations)
    .values(values)
    .onConflictDoUpdate({
      target: awardingBodyRegistrations.userId,
      set: {
        registrationNumber: values.registrationNumber,
        recordedBy: values.recordedBy,
        recordedAt: values.recordedAt,
      },
    })
    .returning();
  return row ?? null;
}

/** Removes a learner's registration number; the old row when there was one. */
export async function deleteRegistration(tx: Tx, userId: string) {
  const [row] = await tx
    .delete(awardingBodyRegistrations)
    .where(eq(awardingBodyRegistrations.userId, userId))
    .returning();
  return row ?? null;
}

const validCertificate = aliasedTable(certificates, "valid_certificate");

/** Achievements at the awarding body's levels made in [from, to), oldest first, with what a claim needs. */
export async function listClaims(tx: Tx, range: { from: Date; to: Date; limit: number; offset: number }) {
  const where = and(
    gte(achievements.achievedAt, range.from),
    lt(achievements.achievedAt, range.to),
    inArray(courses.level, [...AWARDING_BODY_LEVELS]),
  );
  const [rows, total] = await Promise.all([
    tx
      .select({
        achievementId: achievements.id,
        achievedAt: achievements.achievedAt,
        learner: {
          id: users.id,
          givenName: users.givenName,
          familyName: users.familyName,
          email: users.email,
          esrNumber: users.esrNumber,
        },
        organisation: organisations.name,
        course: { title: courses.title, level: courses.level },
        certificateCode: validCertificate.code,
        registrationNumber: awardingBodyRegistrations.registrationNumber,
      })
      .from(achievements)
      .innerJoin(courses, eq(courses.id, achievements.courseId))
      .innerJoin(users, eq(users.id, achievements.userId))
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .leftJoin(
        validCertificate,
        and(eq(validCertificate.achievementId, achievements.id), eq(validCertificate.state, "valid")),
      )
      .leftJoin(awardingBodyRegistrations, eq(awardingBodyRegistrations.userId, achievements.userId))
      .where(where)
      .orderBy(asc(achievements.achievedAt), asc(achievements.id))
      .limit(range.limit)
      .offset(range.offset),
    tx
      .select({ n: count() })
      .from(achievements)
      .innerJoin(courses, eq(courses.id, achievements.courseId))
      .where(where),
  ]);
  return { rows, total: Number(total[0]?.n ?? 0) };
}
