import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { DEFERRAL_STATUSES, ENROLMENT_STATES, ENTITLEMENTS } from "../../../shared/learning.js";
import { users } from "./accounts.js";
import { courses } from "./catalogue.js";
import { courseSteps } from "./learning.js";
import { organisations } from "./organisations.js";

/** Active (learning), deferred (clock paused until the new start), expired (read-only; the record is kept). */
export const enrolmentState = pgEnum("enrolment_state", ENROLMENT_STATES);
/** How the learner is entitled to the course. */
export const entitlement = pgEnum("entitlement", ENTITLEMENTS);
/** Where a deferral request stands. */
export const deferralStatus = pgEnum("deferral_status", DEFERRAL_STATUSES);
/** How far a learner has got with a step. */
export const stepProgressStatus = pgEnum("step_progress_status", ["started", "completed"]);

/** A course an administrator lets one learner take without paying. */
export const enrolmentGrants = pgTable(
  "enrolment_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    grantedBy: uuid("granted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("enrolment_grants_live_key").on(t.userId, t.courseId).where(sql`${t.revokedAt} is null`),
  ],
);

/** Seats an organisation holds on a course for a period; each enrolment through it takes one seat for good. */
export const organisationLicences = pgTable(
  "organisation_licences",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    seats: integer("seats").notNull(),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    note: text("note"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("organisation_licences_org_course_idx").on(t.organisationId, t.courseId),
    check("organisation_licences_seats_positive", sql`${t.seats} > 0`),
    check("organisation_licences_dates_ordered", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A learner on a course. Unique per (user, course), so enrolling twice is harmless. The access window runs from
 * starts_at to expires_at; after expiry the enrolment is read-only, with progress and record kept.
 */
export const enrolments = pgTable(
  "enrolments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    state: enrolmentState("state").notNull().default("active"),
    via: entitlement("via").notNull(),
    priceExVatPence: integer("price_ex_vat_pence").notNull(),
    grantId: uuid("grant_id").references(() => enrolmentGrants.id, { onDelete: "set null" }),
    licenceId: uuid("licence_id").references(() => organisationLicences.id, { onDelete: "restrict" }),
    declaredAt: timestamp("declared_at", { withTimezone: true }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    lastStepId: uuid("last_step_id").references(() => courseSteps.id, { onDelete: "set null" }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }),
    /**
     * How many of the course's required steps this learner has completed: kept current on write by the learning
     * service (and rebuilt in bulk by rebuildEnrolmentProgress), so reports show progress % without reading
     * step_progress (docs/decisions/0014).
     */
    requiredStepsCompleted: integer("required_steps_completed").notNull().default(0),
    reminder30SentAt: timestamp("reminder_30_sent_at", { withTimezone: true }),
    reminder7SentAt: timestamp("reminder_7_sent_at", { withTimezone: true }),
    expiredAt: timestamp("expired_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("enrolments_user_course_key").on(t.userId, t.courseId),
    index("enrolments_course_idx").on(t.courseId),
    index("enrolments_licence_idx").on(t.licenceId),
    index("enrolments_state_expires_idx").on(t.state, t.expiresAt),
    check("enrolments_window_ordered", sql`${t.expiresAt} > ${t.startsAt}`),
  ],
);

/** How far a learner has got with each step they have opened. */
export const stepProgress = pgTable(
  "step_progress",
  {
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    stepId: uuid("step_id")
      .notNull()
      .references(() => courseSteps.id, { onDelete: "restrict" }),
    status: stepProgressStatus("status").notNull(),
    percent: integer("percent").notNull().default(0),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.enrolmentId, t.stepId] }),
    index("step_progress_step_idx").on(t.stepId),
    check("step_progress_percent_range", sql`${t.percent} between 0 and 100`),
  ],
);

/** Answers a learner gave to a quiz step's questions: question id → chosen option ids. */
export type QuizAnswers = Record<string, string[]>;

/** Every submitted quiz attempt, scored on the server. Numbered per (enrolment, step) so the limit holds under races. */
export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    stepId: uuid("step_id")
      .notNull()
      .references(() => courseSteps.id, { onDelete: "restrict" }),
    attemptNumber: integer("attempt_number").notNull(),
    answers: jsonb("answers").$type<QuizAnswers>().notNull(),
    correctCount: integer("correct_count").notNull(),
    questionCount: integer("question_count").notNull(),
    scorePercent: integer("score_percent").notNull(),
    passed: boolean("passed").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("quiz_attempts_number_key").on(t.enrolmentId, t.stepId, t.attemptNumber),
    index("quiz_attempts_step_idx").on(t.stepId),
  ],
);

/** A learner's request to defer a Practitioner, Facilitator or Programme Manager course, and its decision. */
export const deferralRequests = pgTable(
  "deferral_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    status: deferralStatus("status").notNull().default("pending"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionNote: text("decision_note"),
    /** On approval: when the course starts again, with a full new access window. */
    resumesAt: timestamp("resumes_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("deferral_requests_one_pending_key").on(t.enrolmentId).where(sql`${t.status} = 'pending'`),
    index("deferral_requests_status_idx").on(t.status, t.requestedAt),
  ],
);

/** Messages on a deferral request between the learner and administrators (e.g. asking for a medical certificate). */
export const deferralMessages = pgTable(
  "deferral_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => deferralRequests.id, { onDelete: "cascade" }),
    authorUserId: uuid("author_user_id").references(() => users.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("deferral_messages_request_idx").on(t.requestId, t.createdAt)],
);

/**
 * A counter per learner, bumped by database triggers whenever their enrolments or step progress change, so app
 * instances can cache My learning and tell with the session check whether it is stale (docs/decisions/0007).
 */
export const learnerVersions = pgTable("learner_versions", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  version: bigint("version", { mode: "number" }).notNull().default(1),
});
