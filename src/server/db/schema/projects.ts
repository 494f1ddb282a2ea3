import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  DRIVER_NODE_KINDS,
  IMPROVEMENT_DIRECTIONS,
  MEASURE_FREQUENCIES,
  MEASURE_KINDS,
  PDSA_DECISIONS,
  PROJECT_MEMBER_ROLES,
  PROJECT_SETTINGS,
  PROJECT_STATUSES,
  PROJECT_TOPICS,
  PROJECT_VISIBILITIES,
  RECOGNITION_STATUSES,
} from "../../../shared/projects.js";
import { users } from "./accounts.js";
import { courses } from "./catalogue.js";
import { courseRuns } from "./community.js";
import { certificateState } from "./credentials.js";
import { organisations } from "./organisations.js";

export const projectSetting = pgEnum("project_setting", PROJECT_SETTINGS);
export const projectTopic = pgEnum("project_topic", PROJECT_TOPICS);
export const projectStatus = pgEnum("project_status", PROJECT_STATUSES);
export const projectVisibility = pgEnum("project_visibility", PROJECT_VISIBILITIES);
export const projectMemberRole = pgEnum("project_member_role", PROJECT_MEMBER_ROLES);
export const driverNodeKind = pgEnum("driver_node_kind", DRIVER_NODE_KINDS);
export const measureKind = pgEnum("measure_kind", MEASURE_KINDS);
export const improvementDirection = pgEnum("improvement_direction", IMPROVEMENT_DIRECTIONS);
export const measureFrequency = pgEnum("measure_frequency", MEASURE_FREQUENCIES);
export const pdsaDecision = pgEnum("pdsa_decision", PDSA_DECISIONS);
export const recognitionStatus = pgEnum("recognition_status", RECOGNITION_STATUSES);

/** The SPC rule settings a measure's chart uses (the engine's `rules`), recorded with every chart. */
export type StoredSpcRules = {
  shiftLength: number;
  trendLength: number;
  excludeMovingRangeOutliers: boolean;
  twoOfThreeCountsBeyondLimits: boolean;
};

/**
 * An improvement project run by a team of learners: the problem, a SMART aim, where it happens and, when it grew out
 * of learning, the course and run it belongs to. `revision` is bumped on every edit of the project's own fields so
 * a stale form gets 409.
 */
export const improvementProjects = pgTable(
  "improvement_projects",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: text("title").notNull(),
    problem: text("problem").notNull().default(""),
    /** The aim statement in three parts: what, by how much, by when. */
    aimWhat: text("aim_what").notNull().default(""),
    aimHowMuch: text("aim_how_much").notNull().default(""),
    aimByWhen: date("aim_by_when", { mode: "string" }),
    setting: projectSetting("setting").notNull(),
    topic: projectTopic("topic").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "set null" }),
    /** The team or department as the project names it (free text; the organisation is the directory entry). */
    teamName: text("team_name").notNull().default(""),
    courseId: uuid("course_id").references(() => courses.id, { onDelete: "set null" }),
    runId: uuid("run_id").references(() => courseRuns.id, { onDelete: "set null" }),
    status: projectStatus("status").notNull().default("planning"),
    /** The latest progress score ("0.5" to "5.0"); its history is in project_progress_scores. */
    progressScore: numeric("progress_score", { precision: 2, scale: 1 }),
    visibility: projectVisibility("visibility").notNull().default("team"),
    /** When a lead agreed, for the team, that the project may appear in the public case-study library. */
    libraryConsentAt: timestamp("library_consent_at", { withTimezone: true }),
    libraryConsentBy: uuid("library_consent_by").references(() => users.id, { onDelete: "set null" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("improvement_projects_organisation_idx").on(t.organisationId),
    index("improvement_projects_run_idx").on(t.runId),
    check(
      "improvement_projects_progress_score_range",
      sql`${t.progressScore} is null or (${t.progressScore} >= 0.5 and ${t.progressScore} <= 5 and mod(${t.progressScore} * 2, 1) = 0)`,
    ),
  ],
);

/** The project team: who is on it, as lead or member, what they do, and whether their name may be published. */
export const projectMembers = pgTable(
  "project_members",
  {
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: projectMemberRole("role").notNull().default("member"),
    /** What they do on the project, in their words, e.g. "Data lead". */
    responsibility: text("responsibility").notNull().default(""),
    /** The member agreed to be named as an author if the project appears in the public library. */
    nameInLibrary: boolean("name_in_library").notNull().default(false),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("project_members_user_idx").on(t.userId)],
);

/**
 * An invitation to join a project team, sent by email. Only a hash of the token is kept; it is accepted by the
 * signed-in person whose email it was sent to, so no one can be added to a project without agreeing.
 */
export const projectInvitations = pgTable(
  "project_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    role: projectMemberRole("role").notNull().default("member"),
    responsibility: text("responsibility").notNull().default(""),
    invitedBy: uuid("invited_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    acceptedBy: uuid("accepted_by").references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("project_invitations_token_key").on(t.tokenHash),
    index("project_invitations_project_idx").on(t.projectId),
    index("project_invitations_email_idx").on(sql`lower(${t.email})`),
  ],
);

/** Every progress score and status the team set, with who and when: the project's history. */
export const projectProgressScores = pgTable(
  "project_progress_scores",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    score: numeric("score", { precision: 2, scale: 1 }).notNull(),
    status: projectStatus("status").notNull(),
    note: text("note").notNull().default(""),
    recordedBy: uuid("recorded_by").references(() => users.id, { onDelete: "set null" }),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("project_progress_scores_project_idx").on(t.projectId, t.recordedAt),
    check(
      "project_progress_scores_range",
      sql`${t.score} >= 0.5 and ${t.score} <= 5 and mod(${t.score} * 2, 1) = 0`,
    ),
  ],
);

/**
 * One node of a project's driver diagram below the aim: primary drivers have no parent, secondary drivers hang from a
 * primary driver and change ideas from a secondary driver (the service keeps the levels in order).
 */
export const driverNodes = pgTable(
  "driver_nodes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => driverNodes.id, { onDelete: "cascade" }),
    kind: driverNodeKind("kind").notNull(),
    text: text("text").notNull(),
    position: integer("position").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("driver_nodes_project_idx").on(t.projectId, t.position),
    index("driver_nodes_parent_idx").on(t.parentId),
    check(
      "driver_nodes_primary_has_no_parent",
      sql`(${t.kind} = 'primary_driver') = (${t.parentId} is null)`,
    ),
  ],
);

/**
 * A measure of a project: outcome, process or balancing, with its definition, unit, better direction, how often it is
 * collected and its target, and the chart's settings: the SPC rule settings, a fixed baseline (the baseline ends on
 * baseline_end_on: mean and limits come from the points up to it) and the dates the chart is rebased at.
 * `data_version` is bumped by every change to the measure or its points, so a chart can be cached by it.
 */
export const projectMeasures = pgTable(
  "project_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    kind: measureKind("kind").notNull(),
    title: text("title").notNull(),
    definition: text("definition").notNull().default(""),
    unit: text("unit").notNull().default(""),
    improvementDirection: improvementDirection("improvement_direction").notNull(),
    frequency: measureFrequency("frequency").notNull(),
    target: doublePrecision("target"),
    rules: jsonb("rules").$type<StoredSpcRules>().notNull(),
    baselineEndOn: date("baseline_end_on", { mode: "string" }),
    rebaseOn: jsonb("rebase_on").$type<string[]>().notNull().default([]),
    position: integer("position").notNull().default(0),
    dataVersion: integer("data_version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("project_measures_project_idx").on(t.projectId, t.position)],
);

/** One data point of a measure: one value per date. */
export const measurePoints = pgTable(
  "measure_points",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => projectMeasures.id, { onDelete: "cascade" }),
    observedOn: date("observed_on", { mode: "string" }).notNull(),
    value: doublePrecision("value").notNull(),
    note: text("note").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("measure_points_measure_date_key").on(t.measureId, t.observedOn),
    check("measure_points_value_finite", sql`${t.value} not in ('Infinity', '-Infinity', 'NaN')`),
  ],
);

/** A note on a measure's time axis ("new handover sheet"), shown on its chart. */
export const measureAnnotations = pgTable(
  "measure_annotations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    measureId: uuid("measure_id")
      .notNull()
      .references(() => projectMeasures.id, { onDelete: "cascade" }),
    observedOn: date("observed_on", { mode: "string" }).notNull(),
    label: text("label").notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("measure_annotations_measure_idx").on(t.measureId, t.observedOn)],
);

/** A Plan-Do-Study-Act cycle testing a change idea, shown on every chart of the project from its start date. */
export const pdsaCycles = pgTable(
  "pdsa_cycles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    changeIdeaId: uuid("change_idea_id").references(() => driverNodes.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    plan: text("plan").notNull().default(""),
    prediction: text("prediction").notNull().default(""),
    doNotes: text("do_notes").notNull().default(""),
    study: text("study").notNull().default(""),
    act: text("act").notNull().default(""),
    decision: pdsaDecision("decision"),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("pdsa_cycles_project_idx").on(t.projectId, t.startsOn),
    check("pdsa_cycles_dates_in_order", sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** The sections of a case-study write-up, keyed as CASE_STUDY_SECTIONS. */
export type CaseStudySections = Record<string, string>;

/** A project's case-study write-up: its sections and which measures' charts go in the results. */
export const caseStudies = pgTable("case_studies", {
  projectId: uuid("project_id")
    .primaryKey()
    .references(() => improvementProjects.id, { onDelete: "cascade" }),
  sections: jsonb("sections").$type<CaseStudySections>().notNull().default({}),
  /** Measures whose charts appear under Results, in order. */
  chartMeasureIds: jsonb("chart_measure_ids").$type<string[]>().notNull().default([]),
  revision: integer("revision").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One published rubric criterion as judged: a score (0 to 3) and feedback. */
export type RubricJudgement = { criterionId: string; score: number; feedback: string };

/**
 * Everything an assessor judges, frozen at submission: the project, its team, driver diagram, measures with their
 * points, analyses and rule settings, PDSA cycles, the write-up and the rubric in force.
 */
export type ProjectSubmissionSnapshot = Record<string, unknown>;

/**
 * One submission of a case study for recognition: numbered, frozen, with its allocation and where it stands. Follows
 * the portfolio submission's state machine (awaiting assessment, then passed or referred).
 */
export const projectSubmissions = pgTable(
  "project_submissions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<ProjectSubmissionSnapshot>().notNull(),
    submittedBy: uuid("submitted_by").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    status: recognitionStatus("status").notNull().default("awaiting_assessment"),
    assessorId: uuid("assessor_id").references(() => users.id, { onDelete: "set null" }),
    allocatedAt: timestamp("allocated_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("project_submissions_version_key").on(t.projectId, t.version),
    uniqueIndex("project_submissions_one_open_key")
      .on(t.projectId)
      .where(sql`${t.status} = 'awaiting_assessment'`),
    index("project_submissions_status_idx").on(t.status, t.submittedAt),
    index("project_submissions_assessor_idx").on(t.assessorId, t.status),
  ],
);

/** An assessor's decision on a submission: a score per rubric criterion, overall feedback, pass or refer. */
export const recognitionDecisions = pgTable(
  "recognition_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => projectSubmissions.id, { onDelete: "cascade" }),
    assessorId: uuid("assessor_id").references(() => users.id, { onDelete: "set null" }),
    outcome: text("outcome", { enum: ["pass", "refer"] }).notNull(),
    scores: jsonb("scores").$type<RubricJudgement[]>().notNull(),
    feedback: text("feedback").notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("recognition_decisions_submission_key").on(t.submissionId)],
);

/** A recognised project: one per project, from the submission that passed, with the CPD points it gave. */
export const projectRecognitions = pgTable(
  "project_recognitions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    projectId: uuid("project_id")
      .notNull()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    submissionId: uuid("submission_id")
      .notNull()
      .references(() => projectSubmissions.id, { onDelete: "cascade" }),
    cpdPoints: integer("cpd_points").notNull(),
    recognisedAt: timestamp("recognised_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("project_recognitions_project_key").on(t.projectId),
    index("project_recognitions_recognised_idx").on(t.recognisedAt),
  ],
);

/**
 * A recognition certificate for one team member, verifiable by its code like course certificates. What it says is
 * copied at issue so it reads the same for good.
 */
export const recognitionCertificates = pgTable(
  "recognition_certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    recognitionId: uuid("recognition_id")
      .notNull()
      .references(() => projectRecognitions.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    certificateName: text("certificate_name").notNull(),
    projectTitle: text("project_title").notNull(),
    cpdPoints: integer("cpd_points").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    state: certificateState("state").notNull().default("valid"),
  },
  (t) => [
    uniqueIndex("recognition_certificates_code_key").on(t.code),
    uniqueIndex("recognition_certificates_member_key").on(t.recognitionId, t.userId),
    index("recognition_certificates_user_idx").on(t.userId, t.issuedAt),
  ],
);

/**
 * The public case-study library: one entry per recognised project whose team consented, holding only what may be
 * published (no personal data beyond the names of authors who agreed). Written when the project is recognised with
 * consent, or when consent is given later; removed when consent is withdrawn.
 */
export const caseStudyLibrary = pgTable(
  "case_study_library",
  {
    projectId: uuid("project_id")
      .primaryKey()
      .references(() => improvementProjects.id, { onDelete: "cascade" }),
    recognitionId: uuid("recognition_id")
      .notNull()
      .references(() => projectRecognitions.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    setting: projectSetting("setting").notNull(),
    topic: projectTopic("topic").notNull(),
    measureKinds: jsonb("measure_kinds").$type<string[]>().notNull().default([]),
    organisationName: text("organisation_name"),
    authors: jsonb("authors").$type<string[]>().notNull().default([]),
    /** The published write-up: sections and charts as recognised. */
    content: jsonb("content").$type<Record<string, unknown>>().notNull(),
    searchText: text("search_text").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("case_study_library_setting_idx").on(t.setting, t.publishedAt),
    index("case_study_library_topic_idx").on(t.topic, t.publishedAt),
    index("case_study_library_search_idx").using("gin", sql`to_tsvector('english', ${t.searchText})`),
  ],
);
