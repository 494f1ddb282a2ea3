import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { CmiValues, ScormItem } from "../../../shared/scorm.js";
import { users } from "./accounts.js";
import { bytea } from "./column-types.js";
import { enrolments } from "./enrolments.js";
import { courseSteps } from "./learning.js";

/**
 * An imported SCORM package, never changed once stored. A replacement upload is a new row with the same lineage
 * and the next version, so attempts made on an earlier version keep the files and items they ran against.
 */
export const scormPackages = pgTable(
  "scorm_packages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lineageId: uuid("lineage_id").notNull(),
    version: integer("version").notNull(),
    scormVersion: text("scorm_version").notNull(),
    title: text("title").notNull(),
    organisationTitle: text("organisation_title").notNull(),
    /** The default organisation's items in document order, as the import read them. */
    items: jsonb("items").$type<ScormItem[]>().notNull(),
    /** Sequencing and other blocks the platform keeps but does not act on, as raw parsed XML. */
    rawManifest: jsonb("raw_manifest").$type<unknown>().notNull(),
    warnings: jsonb("warnings").$type<string[]>().notNull(),
    fileCount: integer("file_count").notNull(),
    sizeBytes: bigint("size_bytes", { mode: "number" }).notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("scorm_packages_lineage_version_key").on(t.lineageId, t.version),
    check(
      "scorm_packages_scorm_version_known",
      sql`${t.scormVersion} in ('1.2', '2004-2nd', '2004-3rd', '2004-4th')`,
    ),
    check("scorm_packages_version_positive", sql`${t.version} > 0`),
  ],
);

/** The files of a package, by their path inside it. In the database for the same reason as stored_files (0008). */
export const scormPackageFiles = pgTable(
  "scorm_package_files",
  {
    packageId: uuid("package_id")
      .notNull()
      .references(() => scormPackages.id, { onDelete: "cascade" }),
    path: text("path").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [primaryKey({ columns: [t.packageId, t.path] })],
);

/** The SCOs of a package (launchable items of its default organisation), in order. */
export const scormScos = pgTable(
  "scorm_scos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    packageId: uuid("package_id")
      .notNull()
      .references(() => scormPackages.id, { onDelete: "cascade" }),
    identifier: text("identifier").notNull(),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    launchHref: text("launch_href").notNull(),
    masteryScore: doublePrecision("mastery_score"),
    completionThreshold: doublePrecision("completion_threshold"),
    scaledPassingScore: doublePrecision("scaled_passing_score"),
    launchData: text("launch_data"),
    maxTimeAllowed: text("max_time_allowed"),
    timeLimitAction: text("time_limit_action"),
    isVisible: boolean("is_visible").notNull().default(true),
  },
  (t) => [unique("scorm_scos_package_identifier_key").on(t.packageId, t.identifier)],
);

/** Progress states an import passes through, for the editor's page to follow (any instance may serve the poll). */
export const scormImports = pgTable("scorm_imports", {
  id: uuid("id").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  stages: jsonb("stages").$type<string[]>().notNull(),
  packageId: uuid("package_id").references(() => scormPackages.id, { onDelete: "set null" }),
  error: text("error"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per attempt per SCO: the whole CMI state as jsonb, plus the statuses, score and time that reports and
 * the roll-up read. Never one row per element. Commits apply in sequence order; `last_sequence` drops stale ones.
 */
export const scormAttempts = pgTable(
  "scorm_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Shared by the rows of every SCO in one attempt at the step. */
    attemptId: uuid("attempt_id").notNull(),
    attemptNumber: integer("attempt_number").notNull(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    stepId: uuid("step_id")
      .notNull()
      .references(() => courseSteps.id, { onDelete: "restrict" }),
    packageId: uuid("package_id")
      .notNull()
      .references(() => scormPackages.id, { onDelete: "restrict" }),
    scoId: uuid("sco_id")
      .notNull()
      .references(() => scormScos.id, { onDelete: "restrict" }),
    cmi: jsonb("cmi").$type<CmiValues>().notNull().default({}),
    lastSequence: integer("last_sequence").notNull().default(0),
    completionStatus: text("completion_status").notNull().default("not attempted"),
    successStatus: text("success_status").notNull().default("unknown"),
    scoreRaw: doublePrecision("score_raw"),
    scoreMin: doublePrecision("score_min"),
    scoreMax: doublePrecision("score_max"),
    scoreScaled: doublePrecision("score_scaled"),
    totalTimeSeconds: doublePrecision("total_time_seconds").notNull().default(0),
    suspended: boolean("suspended").notNull().default(false),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    resetAt: timestamp("reset_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("scorm_attempts_attempt_sco_key").on(t.attemptId, t.scoId),
    unique("scorm_attempts_number_sco_key").on(t.enrolmentId, t.stepId, t.attemptNumber, t.scoId),
    check(
      "scorm_attempts_completion_known",
      sql`${t.completionStatus} in ('completed', 'incomplete', 'not attempted', 'unknown')`,
    ),
    check("scorm_attempts_success_known", sql`${t.successStatus} in ('passed', 'failed', 'unknown')`),
  ],
);
