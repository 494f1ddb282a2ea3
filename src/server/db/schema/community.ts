import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { COMMENT_STATES, REPORT_REASONS } from "../../../shared/runs.js";
import { users } from "./accounts.js";
import { courses } from "./catalogue.js";
import { enrolments } from "./enrolments.js";
import { courseSteps } from "./learning.js";

/** Visible; hidden by a moderator (can be restored); removed by a moderator; deleted by its author. */
export const commentState = pgEnum("comment_state", COMMENT_STATES);
/** Why someone reported a comment. */
export const reportReason = pgEnum("report_reason", REPORT_REASONS);

/**
 * A scheduled run of a mini-course: open from opens_at, facilitated live from live_starts_at to live_ends_at, closed
 * for new comments at comments_close_at, readable for catch-up until catch_up_until.
 */
export const courseRuns = pgTable(
  "course_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    opensAt: timestamp("opens_at", { withTimezone: true }).notNull(),
    liveStartsAt: timestamp("live_starts_at", { withTimezone: true }).notNull(),
    liveEndsAt: timestamp("live_ends_at", { withTimezone: true }).notNull(),
    commentsCloseAt: timestamp("comments_close_at", { withTimezone: true }).notNull(),
    catchUpUntil: timestamp("catch_up_until", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("course_runs_course_opens_idx").on(t.courseId, t.opensAt),
    check(
      "course_runs_dates_ordered",
      sql`${t.opensAt} <= ${t.liveStartsAt} and ${t.liveStartsAt} < ${t.liveEndsAt} and ${t.liveEndsAt} <= ${t.commentsCloseAt} and ${t.commentsCloseAt} <= ${t.catchUpUntil}`,
    ),
  ],
);

/** The facilitators of a run, shown on the course page and able to moderate it. */
export const runFacilitators = pgTable(
  "run_facilitators",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.userId] }), index("run_facilitators_user_idx").on(t.userId)],
);

/**
 * A learner's place in a run: one run per course per learner (course_id is copied from the run so the database holds
 * that). A suspended member may read but not post.
 */
export const runMembers = pgTable(
  "run_members",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "restrict" }),
    enrolmentId: uuid("enrolment_id").references(() => enrolments.id, { onDelete: "set null" }),
    joinedAt: timestamp("joined_at", { withTimezone: true }).notNull().defaultNow(),
    suspendedAt: timestamp("suspended_at", { withTimezone: true }),
    suspendedBy: uuid("suspended_by").references(() => users.id, { onDelete: "set null" }),
    suspensionReason: text("suspension_reason"),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.userId] }),
    uniqueIndex("run_members_course_user_key").on(t.courseId, t.userId),
    index("run_members_user_idx").on(t.userId),
  ],
);

/** A topic on a run's general discussion board (introductions, sharing); its posts are comments with topic_id. */
export const discussionTopics = pgTable(
  "discussion_topics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    /** Visible comments in the topic, kept on write. */
    commentCount: integer("comment_count").notNull().default(0),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true }).notNull().defaultNow(),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("discussion_topics_run_activity_idx").on(t.runId, t.lastActivityAt)],
);

/**
 * A comment in a run: on a step's thread (step_id) or on a board topic (topic_id), never both. Body is the author's
 * Markdown as typed (never HTML); it is rendered and sanitised on output. Like and reply counts are kept on write by
 * single UPDATE statements, so they stay right under concurrent use.
 */
export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    stepId: uuid("step_id").references(() => courseSteps.id, { onDelete: "cascade" }),
    topicId: uuid("topic_id").references(() => discussionTopics.id, { onDelete: "cascade" }),
    parentId: uuid("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text("body").notNull(),
    state: commentState("state").notNull().default("visible"),
    likeCount: integer("like_count").notNull().default(0),
    replyCount: integer("reply_count").notNull().default(0),
    highlightedAt: timestamp("highlighted_at", { withTimezone: true }),
    highlightedBy: uuid("highlighted_by").references(() => users.id, { onDelete: "set null" }),
    pinnedAt: timestamp("pinned_at", { withTimezone: true }),
    pinnedBy: uuid("pinned_by").references(() => users.id, { onDelete: "set null" }),
    /** Who hid, removed or restored it last, and when. */
    moderatedAt: timestamp("moderated_at", { withTimezone: true }),
    moderatedBy: uuid("moderated_by").references(() => users.id, { onDelete: "set null" }),
    editedAt: timestamp("edited_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // First pages of a step's thread: newest, most liked, highlighted.
    index("comments_step_thread_idx")
      .on(t.runId, t.stepId, t.createdAt.desc(), t.id.desc())
      .where(sql`${t.parentId} is null and ${t.stepId} is not null`),
    index("comments_step_likes_idx")
      .on(t.runId, t.stepId, t.likeCount.desc(), t.createdAt.desc(), t.id.desc())
      .where(sql`${t.parentId} is null and ${t.stepId} is not null`),
    index("comments_topic_idx").on(t.topicId, t.createdAt),
    index("comments_parent_idx").on(t.parentId, t.createdAt),
    index("comments_author_created_idx").on(t.authorId, t.createdAt),
    check("comments_one_target", sql`(${t.stepId} is null) <> (${t.topicId} is null)`),
    check("comments_counts_not_negative", sql`${t.likeCount} >= 0 and ${t.replyCount} >= 0`),
  ],
);

/** One like per person per comment. */
export const commentLikes = pgTable(
  "comment_likes",
  {
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.commentId] }),
    index("comment_likes_comment_idx").on(t.commentId),
  ],
);

/** A report of a comment, open until a moderator acts on it; one open report per person per comment. */
export const commentReports = pgTable(
  "comment_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    commentId: uuid("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    reporterId: uuid("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: reportReason("reason").notNull(),
    details: text("details"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    /** What the moderator did: hidden, removed, restored or dismissed. */
    resolution: text("resolution"),
  },
  (t) => [
    uniqueIndex("comment_reports_open_key").on(t.commentId, t.reporterId).where(sql`${t.resolvedAt} is null`),
    index("comment_reports_run_open_idx").on(t.runId, t.createdAt).where(sql`${t.resolvedAt} is null`),
  ],
);

/** A facilitator's announcement to everyone in a run. */
export const runAnnouncements = pgTable(
  "run_announcements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("run_announcements_run_idx").on(t.runId, t.createdAt)],
);

/**
 * The days a learner did something on a course (opened or progressed a step, commented): filled by database
 * triggers on step_progress and comments, read by the engagement analytics' "active learners per day".
 */
export const learnerActivityDays = pgTable(
  "learner_activity_days",
  {
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.day, t.userId] })],
);

/**
 * A version per discussion thread (a step's comments in a run, or a board topic), bumped by database triggers on any
 * change to the thread's comments (posts, edits, likes through like_count, highlights, pins, moderation) and on any
 * change to the run's facilitators. Listings are cached per instance at the version they were read at
 * (docs/decisions/0020), so no instance serves a stale page.
 */
export const commentThreads = pgTable(
  "comment_threads",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => courseRuns.id, { onDelete: "cascade" }),
    /** The step id or the topic id (both UUIDs, so they never collide). */
    targetId: uuid("target_id").notNull(),
    version: bigint("version", { mode: "number" }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.runId, t.targetId] })],
);
