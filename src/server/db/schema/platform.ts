import { bigint, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";

/** Outbox delivery state: stored (no SMTP; the outbox is the destination), pending, sent or failed. */
export const mailStatus = pgEnum("mail_status", ["stored", "pending", "sent", "failed"]);

/** Every email the platform sends, written in the same transaction as the change that causes it. */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    to: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("body_text"),
    html: text("body_html"),
    /** Extra headers (List-Unsubscribe on digests); cleared with the body once sent. */
    headers: jsonb("headers").$type<Record<string, string>>(),
    status: mailStatus("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("mail_outbox_status_next_idx").on(t.status, t.nextAttemptAt),
    index("mail_outbox_to_idx").on(t.to),
  ],
);

/** Who did or saw what, when: every view or export of other people's personal data and every privileged change. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    subjectType: text("subject_type"),
    subjectId: text("subject_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    requestId: text("request_id"),
    ipAddress: text("ip_address"),
  },
  (t) => [
    index("audit_events_actor_idx").on(t.actorUserId, t.occurredAt),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
    index("audit_events_occurred_at_idx").on(t.occurredAt),
  ],
);

/** Fixed-window counters for throttling, shared by every app instance. */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});
