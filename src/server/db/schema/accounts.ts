import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ROLES, SECTORS } from "../../../shared/accounts.js";
import { organisations } from "./organisations.js";

/** Learner sector, which decides prices. */
export const sector = pgEnum("sector", SECTORS);
/** Platform roles. */
export const role = pgEnum("role", ROLES);
/** An account is active or expired by an administrator. */
export const userStatus = pgEnum("user_status", ["active", "expired"]);
/** What a single-use emailed token is for. */
export const emailTokenPurpose = pgEnum("email_token_purpose", [
  "verify_email",
  "reset_password",
  "change_email",
]);

/** People with an account. Email is stored lower-cased; the password as a self-describing scrypt hash. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
    passwordHash: text("password_hash").notNull(),
    givenName: text("given_name").notNull(),
    familyName: text("family_name").notNull(),
    certificateName: text("certificate_name").notNull(),
    certificateNameConfirmedAt: timestamp("certificate_name_confirmed_at", { withTimezone: true }),
    sector: sector("sector").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    organisationNameOther: text("organisation_name_other"),
    /** The learner's team: an organisation below organisationId in the directory (optional). */
    teamId: uuid("team_id").references(() => organisations.id, { onDelete: "set null" }),
    jobRole: text("job_role"),
    esrNumber: text("esr_number"),
    status: userStatus("status").notNull().default("active"),
    expiredAt: timestamp("expired_at", { withTimezone: true }),
    expiredReason: text("expired_reason"),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    /**
     * Bumped by database triggers whenever anything shown in the account changes (this row, its roles, a pending
     * email change, its organisations' names), so app instances can cache accounts and check freshness cheaply.
     */
    accountVersion: bigint("account_version", { mode: "number" }).notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_organisation_id_idx").on(t.organisationId),
    index("users_team_id_idx").on(t.teamId),
    index("users_family_name_idx").on(sql`lower(${t.familyName})`),
    /** Learners of an organisation in name order: the reports' default sort and export batches (decision 0014). */
    index("users_organisation_name_idx").on(
      t.organisationId,
      sql`lower(${t.familyName})`,
      sql`lower(${t.givenName})`,
      t.id,
    ),
  ],
);

/** Roles held; organisation_id scopes a role (learner administrators) to an organisation and those below it. */
export const userRoles = pgTable(
  "user_roles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull().defaultNow(),
    /** When the role lapses (learner administrators: 12 months after approval); null never lapses. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
  },
  (t) => [
    unique("user_roles_user_role_org_key").on(t.userId, t.role, t.organisationId).nullsNotDistinct(),
    index("user_roles_role_idx").on(t.role),
  ],
);

/** Signed-in sessions. Only a keyed hash of the cookie token is stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
    ipAddress: text("ip_address"),
  },
  (t) => [uniqueIndex("sessions_token_hash_key").on(t.tokenHash), index("sessions_user_id_idx").on(t.userId)],
);

/** Single-use emailed links (verify email, reset password, confirm a new email). Stored hashed. */
export const emailTokens = pgTable(
  "email_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: emailTokenPurpose("purpose").notNull(),
    tokenHash: text("token_hash").notNull(),
    newEmail: text("new_email"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("email_tokens_token_hash_key").on(t.tokenHash),
    index("email_tokens_user_purpose_idx").on(t.userId, t.purpose),
  ],
);
