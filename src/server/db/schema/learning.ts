import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { QUESTION_KINDS, STEP_KINDS } from "../../../shared/learning.js";
import { users } from "./accounts.js";
import { courseModules } from "./catalogue.js";
import { bytea } from "./column-types.js";
import { scormPackages } from "./scorm.js";

/** What a step is: more kinds (discussion, evidence) are added to this enum by later issues. */
export const stepKind = pgEnum("step_kind", STEP_KINDS);
/**
 * What a stored file is: course content (served to any signed-in person at /api/files/:id) or a learner's portfolio
 * evidence (personal data, served only through the portfolio's own route to those who may see the portfolio).
 */
export const storedFilePurpose = pgEnum("stored_file_purpose", [
  "course_content",
  "portfolio_evidence",
  "benefit_evidence",
]);
/** Single choice (one correct option) or multiple choice (several). */
export const questionKind = pgEnum("question_kind", QUESTION_KINDS);

/**
 * Files content editors upload (videos, downloads, images in lessons). Kept in the database so every app instance
 * serves the same files without a shared disk; see docs/decisions/0008.
 */
export const storedFiles = pgTable(
  "stored_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    sha256: text("sha256").notNull(),
    purpose: storedFilePurpose("purpose").notNull().default("course_content"),
    content: bytea("content").notNull(),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("stored_files_size_positive", sql`${t.sizeBytes} > 0`)],
);

/**
 * The ordered steps of a module. `body` is Markdown: the lesson for articles, the transcript for videos, the
 * description for downloads, the introduction for quizzes. Quiz settings apply to quiz steps only.
 */
export const courseSteps = pgTable(
  "course_steps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    moduleId: uuid("module_id")
      .notNull()
      .references(() => courseModules.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: stepKind("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    minutes: integer("minutes").notNull().default(5),
    required: boolean("required").notNull().default(true),
    videoUrl: text("video_url"),
    fileId: uuid("file_id").references(() => storedFiles.id, { onDelete: "restrict" }),
    /** The package a scorm step runs (its current version; earlier attempts keep theirs). */
    scormPackageId: uuid("scorm_package_id").references((): AnyPgColumn => scormPackages.id, {
      onDelete: "restrict",
    }),
    passMarkPercent: integer("pass_mark_percent"),
    maxAttempts: integer("max_attempts"),
    isFinal: boolean("is_final").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("course_steps_module_position_idx").on(t.moduleId, t.position),
    index("course_steps_file_idx").on(t.fileId),
    index("course_steps_scorm_package_idx").on(t.scormPackageId),
    check(
      "course_steps_pass_mark_range",
      sql`${t.passMarkPercent} is null or ${t.passMarkPercent} between 0 and 100`,
    ),
    check("course_steps_max_attempts_positive", sql`${t.maxAttempts} is null or ${t.maxAttempts} > 0`),
    check("course_steps_minutes_positive", sql`${t.minutes} > 0`),
  ],
);

/** The questions of a quiz step, in order. */
export const quizQuestions = pgTable(
  "quiz_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stepId: uuid("step_id")
      .notNull()
      .references(() => courseSteps.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: questionKind("kind").notNull(),
    prompt: text("prompt").notNull(),
  },
  (t) => [index("quiz_questions_step_position_idx").on(t.stepId, t.position)],
);

/** The options of a question, each with the feedback a learner sees after answering. */
export const quizOptions = pgTable(
  "quiz_options",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    questionId: uuid("question_id")
      .notNull()
      .references(() => quizQuestions.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
    correct: boolean("correct").notNull(),
    feedback: text("feedback").notNull().default(""),
  },
  (t) => [index("quiz_options_question_position_idx").on(t.questionId, t.position)],
);
