import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { userRoles, users } from "./accounts.js";
import { organisations } from "./organisations.js";

/** Where an application for learner administrator access stands. */
export const learnerAdminApplicationStatus = pgEnum("learner_admin_application_status", [
  "awaiting_nominees",
  "awaiting_decision",
  "approved",
  "rejected",
  "declined_by_nominee",
  "withdrawn",
]);

/** Whether an application asks for access for the first time or renews it. */
export const learnerAdminApplicationKind = pgEnum("learner_admin_application_kind", ["new", "renewal"]);

/** The three people who must confirm an application. */
export const learnerAdminNomineeRole = pgEnum("learner_admin_nominee_role", [
  "line_manager",
  "caldicott_guardian",
  "hr_lead",
]);

/** A nominee's answer. */
export const learnerAdminNomineeStatus = pgEnum("learner_admin_nominee_status", [
  "pending",
  "confirmed",
  "declined",
]);

/** An application for learner administrator access to an organisation and everything below it. */
export const learnerAdminApplications = pgTable(
  "learner_admin_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicantId: uuid("applicant_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    kind: learnerAdminApplicationKind("kind").notNull().default("new"),
    status: learnerAdminApplicationStatus("status").notNull().default("awaiting_nominees"),
    /** Why the applicant needs access, in their words. */
    reason: text("reason").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
    /** The role row an approval granted (cleared if the role is later removed). */
    userRoleId: uuid("user_role_id").references(() => userRoles.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("learner_admin_applications_applicant_idx").on(t.applicantId, t.createdAt),
    index("learner_admin_applications_status_idx").on(t.status, t.createdAt),
  ],
);

/** A nominee asked to confirm an application; only a keyed hash of their single-use link token is stored. */
export const learnerAdminNominees = pgTable(
  "learner_admin_nominees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    applicationId: uuid("application_id")
      .notNull()
      .references(() => learnerAdminApplications.id, { onDelete: "cascade" }),
    role: learnerAdminNomineeRole("role").notNull(),
    name: text("name").notNull(),
    email: text("email").notNull(),
    status: learnerAdminNomineeStatus("status").notNull().default("pending"),
    tokenHash: text("token_hash"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("learner_admin_nominees_application_role_key").on(t.applicationId, t.role),
    uniqueIndex("learner_admin_nominees_token_hash_key").on(t.tokenHash),
  ],
);
