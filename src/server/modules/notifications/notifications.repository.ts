import { and, count, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { NotificationKind } from "../../../shared/notifications-kinds.js";
import {
  notificationDigests,
  notificationPreferences,
  notifications,
  unsubscribeTokens,
  users,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";
import type { NotificationInput } from "./notifications.service.js";

/** Inserts notifications in one statement. */
export async function insertNotifications(tx: Tx, items: readonly NotificationInput[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(notifications).values(
    items.map((item) => ({
      userId: item.userId,
      kind: item.kind,
      actorId: item.actorId ?? null,
      runId: item.runId ?? null,
      commentId: item.commentId ?? null,
      announcementId: item.announcementId ?? null,
      summary: item.summary,
      link: item.link,
    })),
  );
}

/** One notification as the list shows it. */
export interface NotificationRow {
  id: string;
  kind: NotificationKind;
  summary: string;
  link: string;
  createdAt: Date;
  readAt: Date | null;
  actorGivenName: string | null;
  actorFamilyName: string | null;
}

/**
 * A person's notifications, newest first, after the one whose id is the cursor (keyset pagination on
 * notifications_user_created_idx). The cursor's own row supplies the position, so timestamps keep their full
 * precision rather than passing through JavaScript's milliseconds.
 */
export async function listForUser(
  tx: Tx,
  userId: string,
  cursorId: string | null,
  limit: number,
): Promise<NotificationRow[]> {
  return tx
    .select({
      id: notifications.id,
      kind: notifications.kind,
      summary: notifications.summary,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      actorGivenName: users.givenName,
      actorFamilyName: users.familyName,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(
      and(
        eq(notifications.userId, userId),
        cursorId
          ? // A row comparison against the cursor's row: the builder has no tuple comparison.
            sql`(${notifications.createdAt}, ${notifications.id}) < (select c.created_at, c.id from notifications c where c.id = ${cursorId} and c.user_id = ${userId})`
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** How many of a person's notifications are unread (an index-only count on notifications_user_unread_idx). */
export async function countUnread(tx: Tx, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks one of a person's notifications read (keeping the first read time); false when they have no such one. */
export async function markRead(tx: Tx, userId: string, id: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

/** Marks every unread notification of a person read; returns how many. */
export async function markAllRead(tx: Tx, userId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/** The kinds a person chose for the daily digest (none when they never chose). */
export async function getDigestKinds(tx: Tx, userId: string): Promise<NotificationKind[]> {
  const [row] = await tx
    .select({ digestKinds: notificationPreferences.digestKinds })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row?.digestKinds ?? [];
}

/** Saves the kinds a person wants in the daily digest. */
export async function setDigestKinds(
  tx: Tx,
  userId: string,
  kinds: readonly NotificationKind[],
  now: Date,
): Promise<NotificationKind[]> {
  const [row] = await tx
    .insert(notificationPreferences)
    .values({ userId, digestKinds: [...kinds], updatedAt: now })
    .onConflictDoUpdate({
      target: notificationPreferences.userId,
      set: { digestKinds: [...kinds], updatedAt: now },
    })
    .returning({ digestKinds: notificationPreferences.digestKinds });
  return row?.digestKinds ?? [];
}

/** Takes one kind (or, with null, every kind) out of a person's digest; returns the kinds left. */
export async function removeDigestKind(
  tx: Tx,
  userId: string,
  kind: NotificationKind | null,
  now: Date,
): Promise<NotificationKind[]> {
  const [row] = await tx
    .update(notificationPreferences)
    .set({
      // array_remove keeps the other kinds as they are, in one statement, whatever else changed them meanwhile.
      digestKinds:
        kind === null
          ? []
          : sql`array_remove(${notificationPreferences.digestKinds}, ${kind}::notification_kind)`,
      updatedAt: now,
    })
    .where(eq(notificationPreferences.userId, userId))
    .returning({ digestKinds: notificationPreferences.digestKinds });
  return row?.digestKinds ?? [];
}

/** An unsubscribe link to store: the keyed hash of its token, never the token. */
export interface UnsubscribeTokenValues {
  tokenHash: string;
  userId: string;
  kind: NotificationKind | null;
}

/** Stores unsubscribe links' hashes in one statement. */
export async function insertUnsubscribeTokens(
  tx: Tx,
  rows: readonly UnsubscribeTokenValues[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.insert(unsubscribeTokens).values(rows.map((row) => ({ ...row, createdAt: now })));
}

/** An unsubscribe link as stored. */
export interface UnsubscribeTokenRow {
  userId: string;
  kind: NotificationKind | null;
  usedAt: Date | null;
}

/**
 * Marks an unused link used and returns it; null when the link is unknown or already used. One UPDATE, so two clicks
 * at once use it once.
 */
export async function useUnsubscribeToken(
  tx: Tx,
  tokenHash: string,
  now: Date,
): Promise<UnsubscribeTokenRow | null> {
  const [row] = await tx
    .update(unsubscribeTokens)
    .set({ usedAt: now })
    .where(and(eq(unsubscribeTokens.tokenHash, tokenHash), isNull(unsubscribeTokens.usedAt)))
    .returning({
      userId: unsubscribeTokens.userId,
      kind: unsubscribeTokens.kind,
      usedAt: unsubscribeTokens.usedAt,
    });
  return row ?? null;
}

/** An unsubscribe link by its hash, used or not; null when there is none. */
export async function getUnsubscribeToken(tx: Tx, tokenHash: string): Promise<UnsubscribeTokenRow | null> {
  const [row] = await tx
    .select({
      userId: unsubscribeTokens.userId,
      kind: unsubscribeTokens.kind,
      usedAt: unsubscribeTokens.usedAt,
    })
    .from(unsubscribeTokens)
    .where(eq(unsubscribeTokens.tokenHash, tokenHash));
  return row ?? null;
}

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * Marks digested, without mail, every undigested notification up to `now` whose kind its owner has not chosen (or
 * whose owner's account is not active), so they never pile up. One set-based UPDATE on notifications_undigested_idx.
 */
export async function passOverUnchosen(tx: Tx, now: Date): Promise<number> {
  // Raw SQL: `kind = any(digest_kinds)` against another table's enum array inside NOT EXISTS.
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update notifications n set digested_at = ${at(now)}
      where n.digested_at is null and n.created_at <= ${at(now)}
        and not exists (
          select 1 from notification_preferences p join users u on u.id = p.user_id
          where p.user_id = n.user_id and u.status = 'active' and n.kind = any(p.digest_kinds))
      returning n.id`,
  );
  return rows.length;
}

/** People with undigested notifications of kinds they chose and no digest yet on `digestDate`. */
export async function listDigestCandidates(
  tx: Tx,
  now: Date,
  digestDate: string,
  batch: number,
): Promise<string[]> {
  // Raw SQL: `kind = any(digest_kinds)` and NOT EXISTS against the day's digests.
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`select distinct n.user_id from notifications n
      join notification_preferences p on p.user_id = n.user_id and n.kind = any(p.digest_kinds)
      where n.digested_at is null and n.created_at <= ${at(now)}
        and not exists (
          select 1 from notification_digests d where d.user_id = n.user_id and d.digest_date = ${digestDate})
      limit ${batch}`,
  );
  return rows.map((r) => r.user_id);
}

/** A notification going into someone's digest, with who they are. */
export interface DigestItem {
  id: string;
  userId: string;
  email: string;
  givenName: string;
  familyName: string;
  digestKinds: NotificationKind[];
  kind: NotificationKind;
  summary: string;
  link: string;
  createdAt: Date;
}

/** The undigested notifications of chosen kinds for these people, oldest first. */
export async function listDigestItems(tx: Tx, userIds: readonly string[], now: Date): Promise<DigestItem[]> {
  if (userIds.length === 0) return [];
  return tx
    .select({
      id: notifications.id,
      userId: notifications.userId,
      email: users.email,
      givenName: users.givenName,
      familyName: users.familyName,
      digestKinds: notificationPreferences.digestKinds,
      kind: notifications.kind,
      summary: notifications.summary,
      link: notifications.link,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .innerJoin(notificationPreferences, eq(notificationPreferences.userId, notifications.userId))
    .where(
      and(
        inArray(notifications.userId, [...userIds]),
        isNull(notifications.digestedAt),
        lte(notifications.createdAt, now),
        eq(users.status, "active"),
        sql`${notifications.kind} = any(${notificationPreferences.digestKinds})`,
      ),
    )
    .orderBy(notifications.userId, notifications.createdAt, notifications.id);
}

/**
 * Claims the day's digest for each person in one INSERT … ON CONFLICT DO NOTHING; returns those claimed here. A pass
 * on another instance claiming the same person waits for this transaction and then claims nothing.
 */
export async function claimDigests(
  tx: Tx,
  claims: ReadonlyArray<{ userId: string; notificationCount: number }>,
  digestDate: string,
  now: Date,
): Promise<string[]> {
  if (claims.length === 0) return [];
  const rows = await tx
    .insert(notificationDigests)
    .values(claims.map((c) => ({ ...c, digestDate, sentAt: now })))
    .onConflictDoNothing()
    .returning({ userId: notificationDigests.userId });
  return rows.map((r) => r.userId);
}

/** Marks notifications digested. */
export async function markDigested(tx: Tx, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(notifications)
    .set({ digestedAt: now })
    .where(and(inArray(notifications.id, [...ids]), isNull(notifications.digestedAt)));
}
