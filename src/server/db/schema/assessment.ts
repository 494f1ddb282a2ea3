import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  ASSESSMENT_OUTCOMES,
  type CriterionDecision,
  EVIDENCE_KINDS,
  type EvidenceKind,
  PORTFOLIO_STATUSES,
  SUBMISSION_STATUSES,
  VERIFICATION_OUTCOMES,
} from "../../../shared/portfolios.js";
import { users } from "./accounts.js";
import { courses } from "./catalogue.js";
import { enrolments } from "./enrolments.js";
import { storedFiles } from "./learning.js";

/** Reflection, file or link. */
export const evidenceKind = pgEnum("evidence_kind", EVIDENCE_KINDS);
/** Draft, submitted, referred or passed. */
export const portfolioStatus = pgEnum("portfolio_status", PORTFOLIO_STATUSES);
/** Where one submitted version stands. */
export const submissionStatus = pgEnum("submission_status", SUBMISSION_STATUSES);
/** Pass or refer back. */
export const assessmentOutcome = pgEnum("assessment_outcome", ASSESSMENT_OUTCOMES);
/** Confirmed or overturned. */
export const verificationOutcome = pgEnum("verification_outcome", VERIFICATION_OUTCOMES);

/** The units of an accredited course's assessment, in order. */
export const assessmentUnits = pgTable(
  "assessment_units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assessment_units_course_position_idx").on(t.courseId, t.position)],
);

/** The learning outcomes of a unit, in order. */
export const learningOutcomes = pgTable(
  "learning_outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => assessmentUnits.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("learning_outcomes_unit_position_idx").on(t.unitId, t.position)],
);

/** What an assessor judges: one statement under a learning outcome, with guidance for each side. */
export const assessmentCriteria = pgTable(
  "assessment_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    outcomeId: uuid("outcome_id")
      .notNull()
      .references(() => learningOutcomes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    /** Short reference shown beside the statement, e.g. "1.2". */
    code: text("code").notNull(),
    statement: text("statement").notNull(),
    learnerGuidance: text("learner_guidance").notNull().default(""),
    assessorGuidance: text("assessor_guidance").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assessment_criteria_outcome_position_idx").on(t.outcomeId, t.position)],
);

/** A learner's portfolio for one enrolment on an assessed course. */
export const portfolios = pgTable(
  "portfolios",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    enrolmentId: uuid("enrolment_id")
      .notNull()
      .references(() => enrolments.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    status: portfolioStatus("status").notNull().default("draft"),
    /** Bumped on every change to the portfolio or its evidence, so an autosave can say "changed elsewhere" (409). */
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portfolios_enrolment_key").on(t.enrolmentId),
    index("portfolios_user_idx").on(t.userId),
    index("portfolios_course_status_idx").on(t.courseId, t.status),
  ],
);

/** One piece of evidence: a written reflection, a file (bytes in stored_files) or a link. */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portfolioId: uuid("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    kind: evidenceKind("kind").notNull(),
    title: text("title").notNull(),
    /** Markdown: the reflection itself, or a description of the file or link. */
    body: text("body").notNull().default(""),
    url: text("url"),
    /** Kept after the item is deleted while any submitted version still refers to it. */
    fileId: uuid("file_id").references(() => storedFiles.id, { onDelete: "restrict" }),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("evidence_items_portfolio_idx").on(t.portfolioId, t.position),
    index("evidence_items_file_idx").on(t.fileId),
    check("evidence_items_link_has_url", sql`${t.kind} <> 'link' or ${t.url} is not null`),
    check("evidence_items_file_has_file", sql`${t.kind} <> 'file' or ${t.fileId} is not null`),
  ],
);

/** Which criteria a piece of evidence is offered against (one or more). */
export const evidenceCriteria = pgTable(
  "evidence_criteria",
  {
    evidenceId: uuid("evidence_id")
      .notNull()
      .references(() => evidenceItems.id, { onDelete: "cascade" }),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => assessmentCriteria.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.evidenceId, t.criterionId] }),
    index("evidence_criteria_criterion_idx").on(t.criterionId),
  ],
);

/** Evidence as it stood when a version was submitted: what the assessor judged, kept for good. */
export type SubmissionSnapshot = {
  criteria: { id: string; code: string; statement: string; unitTitle: string; outcomeTitle: string }[];
  evidence: {
    id: string;
    kind: EvidenceKind;
    title: string;
    body: string;
    url: string | null;
    fileId: string | null;
    filename: string | null;
    contentType: string | null;
    sizeBytes: number | null;
    criterionIds: string[];
  }[];
};

/** One submitted version of a portfolio: numbered, locked, with its allocation and where it stands. */
export const portfolioSubmissions = pgTable(
  "portfolio_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    portfolioId: uuid("portfolio_id")
      .notNull()
      .references(() => portfolios.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<SubmissionSnapshot>().notNull(),
    declaration: text("declaration").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    status: submissionStatus("status").notNull().default("awaiting_assessment"),
    assessorId: uuid("assessor_id").references(() => users.id, { onDelete: "set null" }),
    allocatedAt: timestamp("allocated_at", { withTimezone: true }),
    allocatedBy: uuid("allocated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("portfolio_submissions_version_key").on(t.portfolioId, t.version),
    index("portfolio_submissions_status_idx").on(t.status, t.submittedAt),
    index("portfolio_submissions_assessor_idx").on(t.assessorId, t.status),
  ],
);

/** A judgement on one criterion within a decision. */
export type CriterionJudgement = { criterionId: string; decision: CriterionDecision; feedback: string };

/**
 * Every decision an assessor makes on a submission, kept: a decision the verifier overturns stays, marked
 * superseded, and the assessor's new decision is another row.
 */
export const assessmentDecisions = pgTable(
  "assessment_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => portfolioSubmissions.id, { onDelete: "cascade" }),
    assessorId: uuid("assessor_id").references(() => users.id, { onDelete: "set null" }),
    outcome: assessmentOutcome("outcome").notNull(),
    criteria: jsonb("criteria").$type<CriterionJudgement[]>().notNull(),
    feedback: text("feedback").notNull(),
    /** Whether this decision was drawn into the internal verification sample. */
    sampled: boolean("sampled").notNull().default(false),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    index("assessment_decisions_submission_idx").on(t.submissionId, t.decidedAt),
    index("assessment_decisions_assessor_idx").on(t.assessorId, t.decidedAt),
  ],
);

/** An internal verifier's verdict on a sampled decision, with the rationale. */
export const verifications = pgTable(
  "verifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => assessmentDecisions.id, { onDelete: "cascade" }),
    verifierId: uuid("verifier_id").references(() => users.id, { onDelete: "set null" }),
    outcome: verificationOutcome("outcome").notNull(),
    rationale: text("rationale").notNull(),
    verifiedAt: timestamp("verified_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("verifications_decision_key").on(t.decisionId)],
);

/** Platform-wide internal verification settings: one row. */
export const verificationSettings = pgTable(
  "verification_settings",
  {
    id: integer("id").primaryKey().default(1),
    /** The share of decisions sampled for internal verification. */
    samplePercent: integer("sample_percent").notNull().default(20),
    /** Every assessor's first N decisions are always sampled. */
    newAssessorDecisions: integer("new_assessor_decisions").notNull().default(3),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("verification_settings_single_row", sql`${t.id} = 1`),
    check("verification_settings_percent_range", sql`${t.samplePercent} between 0 and 100`),
    check("verification_settings_new_assessor_range", sql`${t.newAssessorDecisions} >= 0`),
  ],
);
