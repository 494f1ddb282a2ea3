import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { NOTIFICATION_KINDS } from "../../../shared/notifications-kinds.js";
import { users } from "./accounts.js";
import { comments, courseRuns, runAnnouncements } from "./community.js";

/** Replies to me, mentions of me, highlights of my comments, facilitators' announcements. */
export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);

/**
 * An in-app notification for one person. `summary` is plain text written when it is created ("Aisha replied to your
 * comment on Step 1.2"); `link` is the local path it opens. digested_at is set when a daily digest took it (or
 * passed over it because its kind is not chosen), so each goes in at most one digest.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKind("kind").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    runId: uuid("run_id").references(() => courseRuns.id, { onDelete: "cascade" }),
    commentId: uuid("comment_id").references(() => comments.id, { onDelete: "cascade" }),
    announcementId: uuid("announcement_id").references(() => runAnnouncements.id, { onDelete: "cascade" }),
    summary: text("summary").notNull(),
    link: text("link").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
    digestedAt: timestamp("digested_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_created_idx").on(t.userId, t.createdAt.desc()),
    index("notifications_user_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
    index("notifications_undigested_idx").on(t.createdAt).where(sql`${t.digestedAt} is null`),
  ],
);

/** Which kinds a person wants in the daily email digest (opt-in: none until they choose). */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  digestKinds: notificationKind("digest_kinds").array().notNull().default(sql`'{}'`),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One daily digest per person per day: the row is claimed in the transaction that queues the email. */
export const notificationDigests = pgTable(
  "notification_digests",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    digestDate: date("digest_date", { mode: "string" }).notNull(),
    notificationCount: integer("notification_count").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.digestDate] })],
);

/**
 * One-click unsubscribe links in digests: the keyed hash of a random token, never the token. A used link keeps its
 * row so that using it again says it has already been used instead of acting twice.
 */
export const unsubscribeTokens = pgTable(
  "unsubscribe_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The kind the link stops; null stops every kind. */
    kind: notificationKind("kind"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("unsubscribe_tokens_user_idx").on(t.userId)],
);
