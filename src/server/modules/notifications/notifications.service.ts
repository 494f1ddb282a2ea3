import {
  NOTIFICATIONS_PAGE_SIZE,
  type NotificationPage,
  type NotificationPreferences,
  type UnsubscribeResult,
  unsubscribedWords,
} from "../../../shared/notifications.js";
import type { NotificationKind } from "../../../shared/notifications-kinds.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig, RateLimitConfig } from "../../platform/config.js";
import { hashToken } from "../../platform/crypto.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, notFound } from "../../platform/errors.js";
import { throttle } from "../../platform/rate-limit.js";
import * as repo from "./notifications.repository.js";

/** A notification to create: for whom, what kind, about what, and the plain-text line and local link it shows. */
export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  actorId?: string | null;
  runId?: string | null;
  commentId?: string | null;
  announcementId?: string | null;
  /** Plain text, e.g. "Aisha Khan replied to your comment on “Why measure?”". */
  summary: string;
  /** A local path, e.g. "/learning/…/steps/…?runId=…#comment-…". */
  link: string;
}

/**
 * Creates notifications inside the caller's transaction, so a comment and the notifications it causes are written
 * together or not at all. Nobody is notified of their own action.
 */
export async function createNotifications(tx: Tx, items: readonly NotificationInput[]): Promise<void> {
  await repo.insertNotifications(
    tx,
    items.filter((item) => item.actorId == null || item.actorId !== item.userId),
  );
}

/** Said for a forged, mistyped or unknown unsubscribe link. */
export const INVALID_UNSUBSCRIBE_MESSAGE =
  "This unsubscribe link is not valid. Copy the whole link from the email, or sign in and change your notification settings.";

/**
 * Unsubscribe attempts per IP address: 30 in any 10 minutes is far more than a person clicking links in their emails,
 * and makes guessing tokens (256 bits) pointless as well as impossible.
 */
export const UNSUBSCRIBE_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 10 * 60,
  softLimit: 30,
  hardLimit: 30,
  slowDownMs: 0,
};

/** A person's own notifications, their digest preferences, and one-click unsubscribe from digest emails. */
export function createNotificationsService(deps: { db: Db; config: AppConfig; now?: () => Date }) {
  const { db, config } = deps;
  const clock = deps.now ?? (() => new Date());

  return {
    /** A page of my notifications, newest first, with the unread count. */
    async list(actor: Actor, cursor: string | undefined): Promise<NotificationPage> {
      const rows = await repo.listForUser(db, actor.userId, cursor ?? null, NOTIFICATIONS_PAGE_SIZE + 1);
      const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
      const last = page[page.length - 1];
      return {
        notifications: page.map((row) => ({
          id: row.id,
          kind: row.kind,
          summary: row.summary,
          link: row.link,
          createdAt: row.createdAt.toISOString(),
          read: row.readAt !== null,
          actorName:
            row.actorGivenName === null ? null : `${row.actorGivenName} ${row.actorFamilyName ?? ""}`.trim(),
        })),
        nextCursor: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? last.id : null,
        unread: await repo.countUnread(db, actor.userId),
      };
    },

    /** How many of my notifications are unread. */
    async unreadCount(actor: Actor): Promise<{ unread: number }> {
      return { unread: await repo.countUnread(db, actor.userId) };
    },

    /** Marks one of my notifications read; 404 for anyone else's. */
    async markRead(actor: Actor, id: string): Promise<{ unread: number }> {
      const found = await repo.markRead(db, actor.userId, id, clock());
      if (!found) throw notFound("The notification");
      return { unread: await repo.countUnread(db, actor.userId) };
    },

    /** Marks all my notifications read. */
    async markAllRead(actor: Actor): Promise<{ unread: number }> {
      await repo.markAllRead(db, actor.userId, clock());
      return { unread: 0 };
    },

    /** The kinds I chose for the daily digest. */
    async preferences(actor: Actor): Promise<NotificationPreferences> {
      return { digestKinds: await repo.getDigestKinds(db, actor.userId) };
    },

    /** Saves the kinds I want in the daily digest. */
    async savePreferences(actor: Actor, input: NotificationPreferences): Promise<NotificationPreferences> {
      return { digestKinds: await repo.setDigestKinds(db, actor.userId, input.digestKinds, clock()) };
    },

    /**
     * Uses a one-click unsubscribe link: takes its kind (or every kind) out of the owner's digest and marks the link
     * used, in one transaction. A used link changes nothing again, so an old email cannot undo a later re-subscribe.
     */
    async unsubscribe(token: string, ipAddress: string): Promise<UnsubscribeResult> {
      await throttle(db, [{ key: `unsubscribe:ip:${ipAddress}`, limit: UNSUBSCRIBE_RATE_LIMIT }]);
      const tokenHash = hashToken(token, config.sessionSecret);
      const now = clock();
      return db.transaction(async (tx) => {
        const used = await repo.useUnsubscribeToken(tx, tokenHash, now);
        if (used) {
          await repo.removeDigestKind(tx, used.userId, used.kind, now);
          return { kind: used.kind, stopped: unsubscribedWords(used.kind), alreadyUsed: false };
        }
        const existing = await repo.getUnsubscribeToken(tx, tokenHash);
        if (!existing) throw new AppError(404, "unsubscribe_link_invalid", INVALID_UNSUBSCRIBE_MESSAGE);
        return { kind: existing.kind, stopped: unsubscribedWords(existing.kind), alreadyUsed: true };
      });
    },
  };
}
