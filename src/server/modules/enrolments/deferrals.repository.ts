import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  courses,
  deferralMessages,
  deferralRequests,
  enrolments,
  organisations,
  programmes,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

type DeferralStatus = (typeof deferralRequests.$inferSelect)["status"];

const decider = alias(users, "decider");

const enrolmentColumns = {
  id: enrolments.id,
  userId: enrolments.userId,
  state: enrolments.state,
  startsAt: enrolments.startsAt,
  expiresAt: enrolments.expiresAt,
  completedAt: enrolments.completedAt,
};
const courseColumns = {
  id: courses.id,
  title: courses.title,
  level: courses.level,
  programmeTitle: programmes.title,
};
const learnerColumns = {
  id: users.id,
  email: users.email,
  givenName: users.givenName,
  familyName: users.familyName,
};

/**
 * An enrolment with its course and learner, or null. `lock` takes a row lock so a decision and the access-window job
 * do not change the same enrolment at once.
 */
export async function getEnrolment(tx: Tx, enrolmentId: string, lock = false) {
  const query = tx
    .select({ enrolment: enrolmentColumns, course: courseColumns, learner: learnerColumns })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: enrolments }) : await query;
  return row ?? null;
}

/** An enrolment with its course and learner. */
export type EnrolmentWithCourse = NonNullable<Awaited<ReturnType<typeof getEnrolment>>>;

/** An enrolment's deferral requests, newest first. */
export async function listRequestsForEnrolment(tx: Tx, enrolmentId: string) {
  return tx
    .select()
    .from(deferralRequests)
    .where(eq(deferralRequests.enrolmentId, enrolmentId))
    .orderBy(desc(deferralRequests.requestedAt), desc(deferralRequests.id));
}

/** Whether the enrolment has a request waiting for an administrator's decision. */
export async function hasPendingRequest(tx: Tx, enrolmentId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: deferralRequests.id })
    .from(deferralRequests)
    .where(and(eq(deferralRequests.enrolmentId, enrolmentId), eq(deferralRequests.status, "pending")))
    .limit(1);
  return row !== undefined;
}

/** A deferral request row. */
export type DeferralRequestRow = typeof deferralRequests.$inferSelect;

/** Messages on the given requests, oldest first, with their authors' names. */
export async function listMessages(tx: Tx, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return tx
    .select({
      id: deferralMessages.id,
      requestId: deferralMessages.requestId,
      authorUserId: deferralMessages.authorUserId,
      authorGivenName: users.givenName,
      authorFamilyName: users.familyName,
      body: deferralMessages.body,
      createdAt: deferralMessages.createdAt,
    })
    .from(deferralMessages)
    .leftJoin(users, eq(users.id, deferralMessages.authorUserId))
    .where(inArray(deferralMessages.requestId, requestIds))
    .orderBy(asc(deferralMessages.createdAt), asc(deferralMessages.id));
}

/** A message with its author's name. */
export type DeferralMessageRow = Awaited<ReturnType<typeof listMessages>>[number];

/** Inserts a pending request; null when the enrolment already has one pending (the partial unique index). */
export async function insertRequest(
  tx: Tx,
  values: { enrolmentId: string; reason: string; requestedAt: Date },
): Promise<DeferralRequestRow | null> {
  const [row] = await tx.insert(deferralRequests).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Adds a message to a request. */
export async function insertMessage(
  tx: Tx,
  values: { requestId: string; authorUserId: string; body: string; createdAt: Date },
) {
  const [row] = await tx.insert(deferralMessages).values(values).returning();
  if (!row) throw new Error("insert into deferral_messages returned no row");
  return row;
}

/** One request by id, or null. */
export async function getRequest(tx: Tx, id: string): Promise<DeferralRequestRow | null> {
  const [row] = await tx.select().from(deferralRequests).where(eq(deferralRequests.id, id)).limit(1);
  return row ?? null;
}

/**
 * Records the decision on a request that is still pending; null when it is not (someone decided it first). The
 * status condition in the UPDATE makes two administrators deciding at once safe: only one of them wins.
 */
export async function decideRequest(
  tx: Tx,
  id: string,
  decision: {
    status: Exclude<DeferralStatus, "pending">;
    decidedBy: string;
    decidedAt: Date;
    decisionNote: string | null;
    resumesAt: Date | null;
  },
): Promise<DeferralRequestRow | null> {
  const [row] = await tx
    .update(deferralRequests)
    .set(decision)
    .where(and(eq(deferralRequests.id, id), eq(deferralRequests.status, "pending")))
    .returning();
  return row ?? null;
}

/** Pauses an enrolment for an approved deferral: new window, reminders to be sent again for it. */
export async function restartEnrolmentWindow(
  tx: Tx,
  enrolmentId: string,
  window: { state: "active" | "deferred"; startsAt: Date; expiresAt: Date; at: Date },
): Promise<void> {
  await tx
    .update(enrolments)
    .set({
      state: window.state,
      startsAt: window.startsAt,
      expiresAt: window.expiresAt,
      reminder30SentAt: null,
      reminder7SentAt: null,
      expiredAt: null,
      updatedAt: window.at,
    })
    .where(eq(enrolments.id, enrolmentId));
}

/** Filters for the administrators' queue. */
export interface QueueFilters {
  id?: string;
  status?: DeferralStatus;
}

/**
 * Requests with learner, course, organisation, decider and message summary. Pending ones oldest first (a queue);
 * decided ones most recently decided first.
 */
export async function listQueue(tx: Tx, filters: QueueFilters, limit: number, offset: number) {
  const where = and(
    filters.id ? eq(deferralRequests.id, filters.id) : undefined,
    filters.status ? eq(deferralRequests.status, filters.status) : undefined,
  );
  const order =
    filters.status === "pending"
      ? [asc(deferralRequests.requestedAt), asc(deferralRequests.id)]
      : [
          sql`${deferralRequests.decidedAt} desc nulls first`,
          desc(deferralRequests.requestedAt),
          desc(deferralRequests.id),
        ];
  const rows = await tx
    .select({
      request: deferralRequests,
      enrolment: enrolmentColumns,
      course: courseColumns,
      learner: learnerColumns,
      organisationName: sql<string | null>`coalesce(${organisations.name}, ${users.organisationNameOther})`,
      deciderGivenName: decider.givenName,
      deciderFamilyName: decider.familyName,
      // Correlated counts: small per request, and they keep the queue to one round trip.
      messageCount: sql<number>`(select count(*)::int from ${deferralMessages} where ${deferralMessages.requestId} = ${deferralRequests.id})`,
      lastMessageAuthor: sql<
        string | null
      >`(select ${deferralMessages.authorUserId} from ${deferralMessages} where ${deferralMessages.requestId} = ${deferralRequests.id} order by ${deferralMessages.createdAt} desc, ${deferralMessages.id} desc limit 1)`,
    })
    .from(deferralRequests)
    .innerJoin(enrolments, eq(enrolments.id, deferralRequests.enrolmentId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .leftJoin(decider, eq(decider.id, deferralRequests.decidedBy))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  const [total] = await tx.select({ n: count() }).from(deferralRequests).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** One queue row. */
export type QueueRow = Awaited<ReturnType<typeof listQueue>>["rows"][number];
