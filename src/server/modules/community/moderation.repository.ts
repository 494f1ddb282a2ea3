import { and, asc, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import type { CommentState, ReportReason } from "../../../shared/runs.js";
import {
  commentReports,
  comments,
  courseRuns,
  courseSteps,
  courses,
  discussionTopics,
  runFacilitators,
  runMembers,
  users,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

const authors = alias(users, "authors");
const reporters = alias(users, "reporters");
const moderators = alias(users, "moderators");

/** "Given Family" of an aliased users table, built in SQL so one query returns names. */
const nameOf = (t: { givenName: AnyPgColumn; familyName: AnyPgColumn }) =>
  sql<string>`${t.givenName} || ' ' || ${t.familyName}`;

/** A comment as moderation needs it: where it is, whose it is, its state. */
export interface ModeratedCommentRow {
  id: string;
  runId: string;
  authorId: string;
  topicId: string | null;
  state: CommentState;
}

/** One comment; with `lock`, its row is locked until the transaction ends (two moderators act one after the other). */
export async function getComment(
  tx: Tx,
  commentId: string,
  lock = false,
): Promise<ModeratedCommentRow | undefined> {
  const query = tx
    .select({
      id: comments.id,
      runId: comments.runId,
      authorId: comments.authorId,
      topicId: comments.topicId,
      state: comments.state,
    })
    .from(comments)
    .where(eq(comments.id, commentId));
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/** Records a report unless the reporter already has one open on the comment; false when they do. */
export async function insertReport(
  tx: Tx,
  values: {
    commentId: string;
    runId: string;
    reporterId: string;
    reason: ReportReason;
    details: string | null;
  },
): Promise<boolean> {
  const rows = await tx
    .insert(commentReports)
    .values(values)
    .onConflictDoNothing({
      target: [commentReports.commentId, commentReports.reporterId],
      where: isNull(commentReports.resolvedAt),
    })
    .returning({ id: commentReports.id });
  return rows.length > 0;
}

/** How many reports on a comment are still open. */
export async function countOpenReports(tx: Tx, commentId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(commentReports)
    .where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt)));
  return row?.n ?? 0;
}

/** Sets a comment's state and who moderated it when. */
export async function setCommentModerated(
  tx: Tx,
  commentId: string,
  state: CommentState,
  moderatorId: string,
  at: Date,
): Promise<void> {
  await tx
    .update(comments)
    .set({ state, moderatedAt: at, moderatedBy: moderatorId })
    .where(eq(comments.id, commentId));
}

/** Resolves every open report on a comment; returns how many it resolved. */
export async function resolveOpenReports(
  tx: Tx,
  commentId: string,
  resolverId: string,
  resolution: string,
  at: Date,
): Promise<number> {
  const rows = await tx
    .update(commentReports)
    .set({ resolvedAt: at, resolvedBy: resolverId, resolution })
    .where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt)))
    .returning({ id: commentReports.id });
  return rows.length;
}

/** Moves a board topic's count of visible comments by one statement, so it stays right under concurrent use. */
export async function adjustTopicCommentCount(tx: Tx, topicId: string, delta: 1 | -1): Promise<void> {
  await tx
    .update(discussionTopics)
    .set({ commentCount: sql`greatest(0, ${discussionTopics.commentCount} + ${delta})` })
    .where(eq(discussionTopics.id, topicId));
}

/** A run as moderation pages name it. */
export interface ModerationRunRow {
  id: string;
  title: string;
  courseId: string;
  courseTitle: string;
}

/** The runs with these ids, newest opening first. */
export async function listRuns(tx: Tx, runIds: string[]): Promise<ModerationRunRow[]> {
  if (runIds.length === 0) return [];
  return tx
    .select({
      id: courseRuns.id,
      title: courseRuns.title,
      courseId: courseRuns.courseId,
      courseTitle: courses.title,
    })
    .from(courseRuns)
    .innerJoin(courses, eq(courses.id, courseRuns.courseId))
    .where(inArray(courseRuns.id, runIds))
    .orderBy(desc(courseRuns.opensAt), asc(courseRuns.id));
}

/** The runs a person facilitates. */
export async function listFacilitatedRunIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx
    .select({ runId: runFacilitators.runId })
    .from(runFacilitators)
    .where(eq(runFacilitators.userId, userId));
  return rows.map((r) => r.runId);
}

/** Runs with anything for a moderator: an open report, a hidden comment or a suspended member. */
export async function listRunIdsNeedingModeration(tx: Tx): Promise<string[]> {
  // Raw SQL: a union of three small index-backed selects reads more plainly than three builder queries merged in code.
  const rows = await queryRows<{ run_id: string }>(
    tx,
    sql`select run_id from comment_reports where resolved_at is null
        union select run_id from comments where state = 'hidden'
        union select run_id from run_members where suspended_at is not null`,
  );
  return rows.map((r) => r.run_id);
}

/** Where a comment was posted, with titles, for the queue. */
const placeColumns = {
  stepId: comments.stepId,
  stepTitle: courseSteps.title,
  topicId: comments.topicId,
  topicTitle: discussionTopics.title,
};

/** One open report with its comment, for the queue. */
export interface OpenReportRow {
  reportId: string;
  runId: string;
  reason: ReportReason;
  details: string | null;
  reportedAt: Date;
  reporterId: string;
  reporterName: string;
  commentId: string;
  body: string;
  state: CommentState;
  postedAt: Date;
  authorId: string;
  authorName: string;
  stepId: string | null;
  stepTitle: string | null;
  topicId: string | null;
  topicTitle: string | null;
}

/** Every open report in these runs, oldest first, with the comment, its author, where it is and who reported it. */
export async function listOpenReports(tx: Tx, runIds: string[]): Promise<OpenReportRow[]> {
  if (runIds.length === 0) return [];
  return tx
    .select({
      reportId: commentReports.id,
      runId: commentReports.runId,
      reason: commentReports.reason,
      details: commentReports.details,
      reportedAt: commentReports.createdAt,
      reporterId: commentReports.reporterId,
      reporterName: nameOf(reporters),
      commentId: comments.id,
      body: comments.body,
      state: comments.state,
      postedAt: comments.createdAt,
      authorId: comments.authorId,
      authorName: nameOf(authors),
      ...placeColumns,
    })
    .from(commentReports)
    .innerJoin(comments, eq(comments.id, commentReports.commentId))
    .innerJoin(authors, eq(authors.id, comments.authorId))
    .innerJoin(reporters, eq(reporters.id, commentReports.reporterId))
    .leftJoin(courseSteps, eq(courseSteps.id, comments.stepId))
    .leftJoin(discussionTopics, eq(discussionTopics.id, comments.topicId))
    .where(and(inArray(commentReports.runId, runIds), isNull(commentReports.resolvedAt)))
    .orderBy(asc(commentReports.createdAt), asc(commentReports.id));
}

/** One hidden comment, for the queue. */
export interface HiddenCommentRow {
  runId: string;
  commentId: string;
  body: string;
  postedAt: Date;
  authorId: string;
  authorName: string;
  hiddenAt: Date | null;
  hiddenBy: string | null;
  stepId: string | null;
  stepTitle: string | null;
  topicId: string | null;
  topicTitle: string | null;
}

/** Hidden comments in these runs, most recently hidden first. */
export async function listHiddenComments(tx: Tx, runIds: string[]): Promise<HiddenCommentRow[]> {
  if (runIds.length === 0) return [];
  return tx
    .select({
      runId: comments.runId,
      commentId: comments.id,
      body: comments.body,
      postedAt: comments.createdAt,
      authorId: comments.authorId,
      authorName: nameOf(authors),
      hiddenAt: comments.moderatedAt,
      hiddenBy: sql<
        string | null
      >`case when ${moderators.id} is null then null else ${nameOf(moderators)} end`,
      ...placeColumns,
    })
    .from(comments)
    .innerJoin(authors, eq(authors.id, comments.authorId))
    .leftJoin(moderators, eq(moderators.id, comments.moderatedBy))
    .leftJoin(courseSteps, eq(courseSteps.id, comments.stepId))
    .leftJoin(discussionTopics, eq(discussionTopics.id, comments.topicId))
    .where(and(inArray(comments.runId, runIds), eq(comments.state, "hidden")))
    .orderBy(sql`${comments.moderatedAt} desc nulls last`, desc(comments.id));
}

/** A run member's standing for posting. */
export interface MemberStandingRow {
  runId: string;
  userId: string;
  name: string;
  email: string;
  givenName: string;
  suspendedAt: Date | null;
  suspendedBy: string | null;
  reason: string | null;
}

const standingColumns = {
  runId: runMembers.runId,
  userId: runMembers.userId,
  name: nameOf(users),
  email: users.email,
  givenName: users.givenName,
  suspendedAt: runMembers.suspendedAt,
  suspendedBy: sql<
    string | null
  >`case when ${moderators.id} is null then null else ${nameOf(moderators)} end`,
  reason: runMembers.suspensionReason,
};

/** Members suspended from posting in these runs, most recent first. */
export async function listSuspendedMembers(tx: Tx, runIds: string[]): Promise<MemberStandingRow[]> {
  if (runIds.length === 0) return [];
  return tx
    .select(standingColumns)
    .from(runMembers)
    .innerJoin(users, eq(users.id, runMembers.userId))
    .leftJoin(moderators, eq(moderators.id, runMembers.suspendedBy))
    .where(and(inArray(runMembers.runId, runIds), isNotNull(runMembers.suspendedAt)))
    .orderBy(desc(runMembers.suspendedAt), asc(runMembers.userId));
}

/** One member of a run, or undefined when the person is not in it; with `lock`, the row is locked. */
export async function getMember(
  tx: Tx,
  runId: string,
  userId: string,
  lock = false,
): Promise<MemberStandingRow | undefined> {
  const query = tx
    .select(standingColumns)
    .from(runMembers)
    .innerJoin(users, eq(users.id, runMembers.userId))
    .leftJoin(moderators, eq(moderators.id, runMembers.suspendedBy))
    .where(and(eq(runMembers.runId, runId), eq(runMembers.userId, userId)));
  const [row] = lock ? await query.for("update", { of: runMembers }) : await query;
  return row;
}

/** Whether the person facilitates the run. */
export async function isRunFacilitator(tx: Tx, runId: string, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: runFacilitators.userId })
    .from(runFacilitators)
    .where(and(eq(runFacilitators.runId, runId), eq(runFacilitators.userId, userId)));
  return row !== undefined;
}

/** Sets (with who, when and why) or clears a member's suspension from posting. */
export async function setSuspension(
  tx: Tx,
  runId: string,
  userId: string,
  suspension: { at: Date; by: string; reason: string } | null,
): Promise<void> {
  await tx
    .update(runMembers)
    .set(
      suspension
        ? { suspendedAt: suspension.at, suspendedBy: suspension.by, suspensionReason: suspension.reason }
        : { suspendedAt: null, suspendedBy: null, suspensionReason: null },
    )
    .where(and(eq(runMembers.runId, runId), eq(runMembers.userId, userId)));
}
