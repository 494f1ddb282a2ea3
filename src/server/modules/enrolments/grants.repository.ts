import { and, count, desc, eq, ilike, isNotNull, isNull, not, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { courses, enrolmentGrants, enrolments, users } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

const grantor = alias(users, "grantor");
const revoker = alias(users, "revoker");

/** Columns to create a grant. */
export type NewGrant = typeof enrolmentGrants.$inferInsert;

/** A learner a grant can be given to, by id. */
export async function findUserById(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, givenName: users.givenName, familyName: users.familyName })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/** A learner a grant can be given to, by email address (stored lower-cased). */
export async function findUserByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: users.id, email: users.email, givenName: users.givenName, familyName: users.familyName })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

/** A published course, or null: places are given only on courses people can see. */
export async function findPublishedCourse(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level })
    .from(courses)
    .where(and(eq(courses.id, id), eq(courses.status, "published")))
    .limit(1);
  return row ?? null;
}

/** Whether the learner already has an enrolment on the course (a place would be no use to them). */
export async function hasEnrolment(tx: Tx, userId: string, courseId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)))
    .limit(1);
  return row !== undefined;
}

/** Inserts a grant; null when the learner already holds a live one for the course (the partial unique index). */
export async function insertGrant(tx: Tx, values: NewGrant) {
  const [row] = await tx.insert(enrolmentGrants).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Marks a live grant revoked; null when it is unknown or already revoked. */
export async function revokeGrant(tx: Tx, id: string, revokedBy: string, at: Date) {
  const [row] = await tx
    .update(enrolmentGrants)
    .set({ revokedAt: at, revokedBy })
    .where(and(eq(enrolmentGrants.id, id), isNull(enrolmentGrants.revokedAt)))
    .returning({ id: enrolmentGrants.id });
  return row ?? null;
}

/** Whether a grant exists at all (to tell "unknown" from "already revoked"). */
export async function grantExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: enrolmentGrants.id })
    .from(enrolmentGrants)
    .where(eq(enrolmentGrants.id, id))
    .limit(1);
  return row !== undefined;
}

/** Filters for the grant list. */
export interface GrantFilters {
  id?: string;
  email?: string;
  courseId?: string;
  status?: "live" | "used" | "revoked";
}

const usedBy = () =>
  sql`exists (select 1 from ${enrolments} where ${enrolments.grantId} = ${enrolmentGrants.id})`;

function conditions(filters: GrantFilters): SQL | undefined {
  const where: SQL[] = [];
  if (filters.id) where.push(eq(enrolmentGrants.id, filters.id));
  if (filters.email) {
    const escaped = filters.email.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push(ilike(users.email, `%${escaped}%`));
  }
  if (filters.courseId) where.push(eq(enrolmentGrants.courseId, filters.courseId));
  if (filters.status === "revoked") where.push(isNotNull(enrolmentGrants.revokedAt));
  if (filters.status === "used") where.push(usedBy());
  if (filters.status === "live") where.push(isNull(enrolmentGrants.revokedAt), not(usedBy()));
  return where.length > 0 ? and(...where) : undefined;
}

/** Grants matching the filters, newest first, with the learner, course, who gave and revoked them, and any enrolment. */
export async function listGrants(tx: Tx, filters: GrantFilters, limit: number, offset: number) {
  const where = conditions(filters);
  const rows = await tx
    .select({
      id: enrolmentGrants.id,
      reason: enrolmentGrants.reason,
      createdAt: enrolmentGrants.createdAt,
      revokedAt: enrolmentGrants.revokedAt,
      user: {
        id: users.id,
        email: users.email,
        givenName: users.givenName,
        familyName: users.familyName,
      },
      course: { id: courses.id, title: courses.title, level: courses.level },
      grantorGivenName: grantor.givenName,
      grantorFamilyName: grantor.familyName,
      revokerGivenName: revoker.givenName,
      revokerFamilyName: revoker.familyName,
      enrolmentId: sql<
        string | null
      >`(select ${enrolments.id} from ${enrolments} where ${enrolments.grantId} = ${enrolmentGrants.id} limit 1)`,
    })
    .from(enrolmentGrants)
    .innerJoin(users, eq(users.id, enrolmentGrants.userId))
    .innerJoin(courses, eq(courses.id, enrolmentGrants.courseId))
    .leftJoin(grantor, eq(grantor.id, enrolmentGrants.grantedBy))
    .leftJoin(revoker, eq(revoker.id, enrolmentGrants.revokedBy))
    .where(where)
    .orderBy(desc(enrolmentGrants.createdAt), desc(enrolmentGrants.id))
    .limit(limit)
    .offset(offset);
  const [total] = await tx
    .select({ n: count() })
    .from(enrolmentGrants)
    .innerJoin(users, eq(users.id, enrolmentGrants.userId))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/** One grant in the list's shape. */
export type GrantListRow = Awaited<ReturnType<typeof listGrants>>["rows"][number];
