import { sql } from "drizzle-orm";
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { ACHIEVEMENT_RULES, CERTIFICATE_STATES } from "../../../shared/certificates.js";
import { users } from "./accounts.js";
import { courses } from "./catalogue.js";
import { enrolments } from "./enrolments.js";

/** Which accreditation rule an achievement met. */
export const achievementRule = pgEnum("achievement_rule", ACHIEVEMENT_RULES);
/** Valid, revoked or superseded by a reissue. */
export const certificateState = pgEnum("certificate_state", CERTIFICATE_STATES);

/** A course a learner has achieved under its accreditation rule: one per enrolment, with the CPD points it earned. */
export const achievements = pgTable(
  "achievements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    rule: achievementRule("rule").notNull(),
    cpdPoints: integer("cpd_points").notNull(),
    achievedAt: timestamp("achieved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("achievements_enrolment_key").on(t.enrolmentId),
    index("achievements_user_idx").on(t.userId, t.achievedAt),
    index("achievements_course_achieved_idx").on(t.courseId, t.achievedAt),
    index("achievements_achieved_at_idx").on(t.achievedAt),
  ],
);

/**
 * A certificate for an achievement. What it says (name, course, level, programme, CPD points) is copied at issue, so
 * a certificate reads the same for good; a name correction is a reissue, which supersedes the old one.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** At least 80 random bits, grouped for reading aloud (see the certificates module). */
    code: text("code").notNull(),
    achievementId: uuid("achievement_id")
      .notNull()
      .references(() => achievements.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    certificateName: text("certificate_name").notNull(),
    courseTitle: text("course_title").notNull(),
    levelLabel: text("level_label").notNull(),
    programmeTitle: text("programme_title").notNull(),
    cpdPoints: integer("cpd_points").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null: never expires. */
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    state: certificateState("state").notNull().default("valid"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    revokedReason: text("revoked_reason"),
    /** Set on a superseded certificate: the reissue that replaced it. */
    replacedById: uuid("replaced_by_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("certificates_code_key").on(t.code),
    index("certificates_user_idx").on(t.userId, t.issuedAt),
    index("certificates_achievement_idx").on(t.achievementId),
    uniqueIndex("certificates_one_valid_per_achievement_key")
      .on(t.achievementId)
      .where(sql`${t.state} = 'valid'`),
  ],
);

/** A learner's registration number with the awarding body, recorded by platform administrators for claims. */
export const awardingBodyRegistrations = pgTable("awarding_body_registrations", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  registrationNumber: text("registration_number").notNull(),
  recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
  recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** CPD a learner records themselves (completed courses add theirs from achievements). */
export const cpdActivities = pgTable(
  "cpd_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    activityDate: date("activity_date", { mode: "string" }).notNull(),
    hours: numeric("hours", { precision: 6, scale: 2 }),
    points: numeric("points", { precision: 6, scale: 2 }),
    reflection: text("reflection").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("cpd_activities_user_date_idx").on(t.userId, t.activityDate),
    check("cpd_activities_hours_range", sql`${t.hours} is null or (${t.hours} > 0 and ${t.hours} <= 1000)`),
    check(
      "cpd_activities_points_range",
      sql`${t.points} is null or (${t.points} > 0 and ${t.points} <= 1000)`,
    ),
    check("cpd_activities_has_amount", sql`${t.hours} is not null or ${t.points} is not null`),
  ],
);
