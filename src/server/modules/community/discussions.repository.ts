import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { CommentSort } from "../../../shared/discussions.js";
import type { CommentState } from "../../../shared/runs.js";
import {
  commentLikes,
  comments,
  courseModules,
  courseSteps,
  discussionTopics,
  runFacilitators,
  runMembers,
  users,
} from "../../db/schema/index.js";
import { type Database, queryRows, type Tx } from "../../platform/db.js";
import type { RunStanding } from "./run-access.repository.js";

/** Where a thread lives: a step of the run's course, or a topic on the run's board. */
export type ThreadTarget = { runId: string; stepId: string } | { runId: string; topicId: string };

/** A comment as listings read it, with its author and the reader's own like. */
export interface CommentRow {
  id: string;
  parentId: string | null;
  rootId: string | null;
  authorId: string;
  authorName: string;
  authorIsFacilitator: boolean;
  parentAuthorName: string | null;
  body: string;
  state: CommentState;
  likeCount: number;
  replyCount: number;
  highlightedAt: Date | null;
  pinnedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  likedByMe: boolean;
}

/** Raw rows as the drivers return them (snake_case; timestamps as Date or string depending on the driver). */
interface RawCommentRow {
  id: string;
  parent_id: string | null;
  root_id: string | null;
  author_id: string;
  author_name: string;
  author_is_facilitator: boolean;
  parent_author_name: string | null;
  body: string;
  state: CommentState;
  like_count: number | string;
  reply_count: number | string;
  highlighted_at: Date | string | null;
  pinned_at: Date | string | null;
  edited_at: Date | string | null;
  created_at: Date | string;
  liked_by_me: boolean;
}

const toDate = (value: Date | string | null): Date | null =>
  value === null ? null : value instanceof Date ? value : new Date(value);

function fromRaw(row: RawCommentRow): CommentRow {
  return {
    id: row.id,
    parentId: row.parent_id,
    rootId: row.root_id,
    authorId: row.author_id,
    authorName: row.author_name,
    authorIsFacilitator: row.author_is_facilitator,
    parentAuthorName: row.parent_author_name,
    body: row.body,
    state: row.state,
    likeCount: Number(row.like_count),
    replyCount: Number(row.reply_count),
    highlightedAt: toDate(row.highlighted_at),
    pinnedAt: toDate(row.pinned_at),
    editedAt: toDate(row.edited_at),
    createdAt: toDate(row.created_at) ?? new Date(0),
    likedByMe: row.liked_by_me,
  };
}

/** The columns every listing selects for a comment `c` (with its author `u`), for the reader. */
function commentColumns(readerId: string) {
  return sql`c.id, c.parent_id, c.author_id, u.given_name || ' ' || u.family_name as author_name,
    exists (select 1 from run_facilitators f where f.run_id = c.run_id and f.user_id = c.author_id) as author_is_facilitator,
    c.body, c.state, c.like_count, c.reply_count, c.highlighted_at, c.pinned_at, c.edited_at, c.created_at,
    exists (select 1 from comment_likes l where l.comment_id = c.id and l.user_id = ${readerId}) as liked_by_me`;
}

function targetWhere(target: ThreadTarget) {
  return "stepId" in target
    ? sql`c.run_id = ${target.runId} and c.step_id = ${target.stepId}`
    : sql`c.run_id = ${target.runId} and c.topic_id = ${target.topicId}`;
}

function sortOrder(sort: CommentSort) {
  if (sort === "most_liked") return sql`c.like_count desc, c.created_at desc, c.id desc`;
  if (sort === "highlighted") return sql`c.highlighted_at desc, c.id desc`;
  return sql`c.created_at desc, c.id desc`;
}

/** Most pinned comments shown at the top of a thread's first page. */
const PINNED_MAX = 20;

/**
 * One page of a thread's top-level comments in one statement: on page 1 the pinned ones first (newest pin first),
 * then the unpinned ones in the sort's order. Highlighted sort lists highlighted comments only. `excludeId` leaves
 * out a topic's opening post, which its page shows on its own.
 */
export async function listTopLevelPage(
  tx: Tx,
  target: ThreadTarget,
  options: { sort: CommentSort; page: number; pageSize: number; readerId: string; excludeId?: string },
): Promise<CommentRow[]> {
  const onlyHighlighted = options.sort === "highlighted" ? sql`and c.highlighted_at is not null` : sql``;
  const exclude = options.excludeId ? sql`and c.id <> ${options.excludeId}` : sql``;
  const base = sql`from comments c join users u on u.id = c.author_id
    where ${targetWhere(target)} and c.parent_id is null ${onlyHighlighted} ${exclude}`;
  // Raw SQL: a UNION ALL of two ordered, limited selects (pinned first, then the page) keeps each half on its index;
  // the query builder cannot parenthesise ordered members of a union.
  const rows = await queryRows<RawCommentRow>(
    tx,
    sql`(select ${commentColumns(options.readerId)}, null::uuid as root_id, null::text as parent_author_name, 0 as part
        ${base} and c.pinned_at is not null and ${options.page} = 1
        order by c.pinned_at desc limit ${PINNED_MAX})
      union all
      (select ${commentColumns(options.readerId)}, null::uuid as root_id, null::text as parent_author_name, 1 as part
        ${base} and c.pinned_at is null
        order by ${sortOrder(options.sort)} limit ${options.pageSize} offset ${(options.page - 1) * options.pageSize})`,
  );
  return rows.map(fromRaw);
}

/** A topic's opening post: its first top-level comment. */
export async function getOpeningPost(
  tx: Tx,
  topic: { runId: string; topicId: string },
  readerId: string,
): Promise<CommentRow | null> {
  // Raw SQL: the same select list as the page query, so both come back in one shape.
  const [row] = await queryRows<RawCommentRow>(
    tx,
    sql`select ${commentColumns(readerId)}, null::uuid as root_id, null::text as parent_author_name
      from comments c join users u on u.id = c.author_id
      where ${targetWhere(topic)} and c.parent_id is null
      order by c.created_at, c.id limit 1`,
  );
  return row ? fromRaw(row) : null;
}

/** Every reply in the threads of the given top-level comments (any depth), oldest first, in one statement. */
export async function listReplies(
  tx: Tx,
  rootIds: readonly string[],
  readerId: string,
): Promise<CommentRow[]> {
  if (rootIds.length === 0) return [];
  const roots = sql.join(
    rootIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // Raw SQL: a recursive CTE walks replies to replies down to their top-level comment.
  const rows = await queryRows<RawCommentRow>(
    tx,
    sql`with recursive thread (id, root_id) as (
        select r.id, r.parent_id from comments r where r.parent_id in (${roots})
        union all
        select r.id, t.root_id from comments r join thread t on r.parent_id = t.id
      )
      select ${commentColumns(readerId)}, t.root_id, pu.given_name || ' ' || pu.family_name as parent_author_name
      from thread t
      join comments c on c.id = t.id
      join users u on u.id = c.author_id
      join comments p on p.id = c.parent_id
      join users pu on pu.id = p.author_id
      order by c.created_at, c.id`,
  );
  return rows.map(fromRaw);
}

/** A thread's counts: top-level comments (in the sort, pinned or not) and comments everyone can see. */
export async function countThread(
  tx: Tx,
  target: ThreadTarget,
  options: { onlyHighlighted: boolean; excludeId?: string },
): Promise<{ topLevel: number; unpinnedTopLevel: number; visible: number }> {
  const inSort = options.onlyHighlighted ? sql`and c.highlighted_at is not null` : sql``;
  const exclude = options.excludeId ? sql`and c.id <> ${options.excludeId}` : sql``;
  // Raw SQL: several FILTERed counts over one scan of the thread.
  const [row] = await queryRows<{
    top_level: number | string;
    unpinned: number | string;
    visible: number | string;
  }>(
    tx,
    sql`select
        count(*) filter (where c.parent_id is null ${inSort} ${exclude}) as top_level,
        count(*) filter (where c.parent_id is null and c.pinned_at is null ${inSort} ${exclude}) as unpinned,
        count(*) filter (where c.state = 'visible') as visible
      from comments c where ${targetWhere(target)}`,
  );
  return {
    topLevel: Number(row?.top_level ?? 0),
    unpinnedTopLevel: Number(row?.unpinned ?? 0),
    visible: Number(row?.visible ?? 0),
  };
}

/** A step with the course it belongs to; undefined when there is no such step. */
export async function getStepWithCourse(tx: Tx, stepId: string) {
  const [row] = await tx
    .select({ id: courseSteps.id, title: courseSteps.title, courseId: courseModules.courseId })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .where(eq(courseSteps.id, stepId));
  return row;
}

/** The run's facilitators, by name. */
export async function listFacilitators(tx: Tx, runId: string): Promise<Array<{ id: string; name: string }>> {
  return tx
    .select({ id: users.id, name: sql<string>`${users.givenName} || ' ' || ${users.familyName}` })
    .from(runFacilitators)
    .innerJoin(users, eq(users.id, runFacilitators.userId))
    .where(eq(runFacilitators.runId, runId))
    .orderBy(asc(users.familyName), asc(users.givenName));
}

/** The enrolment a member joined the run with; null for non-members. */
export async function memberEnrolmentId(tx: Tx, runId: string, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ enrolmentId: runMembers.enrolmentId })
    .from(runMembers)
    .where(and(eq(runMembers.runId, runId), eq(runMembers.userId, userId)));
  return row?.enrolmentId ?? null;
}

/** A comment with where it lives, for actions on it; undefined when there is none. */
export async function getCommentForAction(tx: Tx, commentId: string) {
  const [row] = await tx
    .select({
      id: comments.id,
      runId: comments.runId,
      stepId: comments.stepId,
      topicId: comments.topicId,
      parentId: comments.parentId,
      authorId: comments.authorId,
      authorName: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
      state: comments.state,
      highlightedAt: comments.highlightedAt,
      pinnedAt: comments.pinnedAt,
      createdAt: comments.createdAt,
      targetTitle: sql<string>`coalesce(${courseSteps.title}, ${discussionTopics.title}, '')`,
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .leftJoin(courseSteps, eq(courseSteps.id, comments.stepId))
    .leftJoin(discussionTopics, eq(discussionTopics.id, comments.topicId))
    .where(eq(comments.id, commentId));
  return row;
}
/** A comment as actions see it. */
export type ActionComment = NonNullable<Awaited<ReturnType<typeof getCommentForAction>>>;

/** The top-level comment whose thread holds the given comment (itself when it is top-level). */
export async function getRootId(tx: Tx, commentId: string): Promise<string> {
  // Raw SQL: a recursive CTE walks up from a reply to its top-level comment.
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`with recursive up (id, parent_id) as (
        select id, parent_id from comments where id = ${commentId}
        union all
        select c.id, c.parent_id from comments c join up on c.id = up.parent_id
      )
      select id from up where parent_id is null limit 1`,
  );
  return row?.id ?? commentId;
}

/** Values of a new comment. */
export interface NewComment {
  runId: string;
  stepId: string | null;
  topicId: string | null;
  parentId: string | null;
  authorId: string;
  body: string;
}

/** Adds a comment; counts it in its thread's top-level comment's replies when it is a reply. */
export async function insertComment(tx: Tx, values: NewComment, rootId: string | null) {
  const [row] = await tx
    .insert(comments)
    .values(values)
    .returning({ id: comments.id, createdAt: comments.createdAt });
  if (!row) throw new Error("comment insert returned no row");
  if (rootId) {
    await tx
      .update(comments)
      .set({ replyCount: sql`${comments.replyCount} + 1` })
      .where(eq(comments.id, rootId));
  }
  return row;
}

/** Changes a comment's body and marks it edited. */
export async function updateCommentBody(tx: Tx, commentId: string, body: string, now: Date): Promise<void> {
  await tx.update(comments).set({ body, editedAt: now }).where(eq(comments.id, commentId));
}

/** Marks a comment deleted by its author (its replies stay); true when it was visible before. */
export async function markDeleted(tx: Tx, commentId: string): Promise<boolean> {
  const [before] = await tx
    .select({ state: comments.state })
    .from(comments)
    .where(eq(comments.id, commentId))
    .for("update");
  await tx.update(comments).set({ state: "deleted" }).where(eq(comments.id, commentId));
  return before?.state === "visible";
}

/** Adds one like; the count moves only when the like is new, so it stays right under concurrent likes. */
export async function addLike(tx: Tx, commentId: string, userId: string): Promise<number> {
  const inserted = await tx
    .insert(commentLikes)
    .values({ commentId, userId })
    .onConflictDoNothing()
    .returning({ commentId: commentLikes.commentId });
  if (inserted.length > 0) {
    const [row] = await tx
      .update(comments)
      .set({ likeCount: sql`${comments.likeCount} + 1` })
      .where(eq(comments.id, commentId))
      .returning({ likeCount: comments.likeCount });
    return row?.likeCount ?? 0;
  }
  return currentLikeCount(tx, commentId);
}

/** Takes one like away; the count moves only when there was a like to take. */
export async function removeLike(tx: Tx, commentId: string, userId: string): Promise<number> {
  const deleted = await tx
    .delete(commentLikes)
    .where(and(eq(commentLikes.commentId, commentId), eq(commentLikes.userId, userId)))
    .returning({ commentId: commentLikes.commentId });
  if (deleted.length > 0) {
    const [row] = await tx
      .update(comments)
      .set({ likeCount: sql`greatest(${comments.likeCount} - 1, 0)` })
      .where(eq(comments.id, commentId))
      .returning({ likeCount: comments.likeCount });
    return row?.likeCount ?? 0;
  }
  return currentLikeCount(tx, commentId);
}

async function currentLikeCount(tx: Tx, commentId: string): Promise<number> {
  const [row] = await tx
    .select({ likeCount: comments.likeCount })
    .from(comments)
    .where(eq(comments.id, commentId));
  return row?.likeCount ?? 0;
}

/** Highlights or unhighlights a comment; true when that changed anything. */
export async function setHighlighted(
  tx: Tx,
  commentId: string,
  by: string | null,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(comments)
    .set(by ? { highlightedAt: now, highlightedBy: by } : { highlightedAt: null, highlightedBy: null })
    .where(
      and(
        eq(comments.id, commentId),
        by ? isNull(comments.highlightedAt) : sql`${comments.highlightedAt} is not null`,
      ),
    )
    .returning({ id: comments.id });
  return rows.length > 0;
}

/** Pins or unpins a comment; true when that changed anything. */
export async function setPinned(tx: Tx, commentId: string, by: string | null, now: Date): Promise<boolean> {
  const rows = await tx
    .update(comments)
    .set(by ? { pinnedAt: now, pinnedBy: by } : { pinnedAt: null, pinnedBy: null })
    .where(
      and(eq(comments.id, commentId), by ? isNull(comments.pinnedAt) : sql`${comments.pinnedAt} is not null`),
    )
    .returning({ id: comments.id });
  return rows.length > 0;
}

/** A topic with its author; undefined when there is none. */
export async function getTopic(tx: Tx, topicId: string) {
  const [row] = await tx
    .select({
      id: discussionTopics.id,
      runId: discussionTopics.runId,
      title: discussionTopics.title,
      authorId: discussionTopics.authorId,
      authorName: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
      authorIsFacilitator: sql<boolean>`exists (select 1 from run_facilitators f where f.run_id = ${discussionTopics.runId} and f.user_id = ${discussionTopics.authorId})`,
      commentCount: discussionTopics.commentCount,
      lastActivityAt: discussionTopics.lastActivityAt,
      pinnedAt: discussionTopics.pinnedAt,
      createdAt: discussionTopics.createdAt,
    })
    .from(discussionTopics)
    .innerJoin(users, eq(users.id, discussionTopics.authorId))
    .where(eq(discussionTopics.id, topicId));
  return row;
}
/** A topic as pages show it. */
export type TopicRow = NonNullable<Awaited<ReturnType<typeof getTopic>>>;

/** Most topics a board lists. */
export const BOARD_TOPICS_MAX = 200;

/** A run's topics: pinned first, then by last activity. */
export async function listTopics(tx: Tx, runId: string): Promise<TopicRow[]> {
  return tx
    .select({
      id: discussionTopics.id,
      runId: discussionTopics.runId,
      title: discussionTopics.title,
      authorId: discussionTopics.authorId,
      authorName: sql<string>`${users.givenName} || ' ' || ${users.familyName}`,
      authorIsFacilitator: sql<boolean>`exists (select 1 from run_facilitators f where f.run_id = ${discussionTopics.runId} and f.user_id = ${discussionTopics.authorId})`,
      commentCount: discussionTopics.commentCount,
      lastActivityAt: discussionTopics.lastActivityAt,
      pinnedAt: discussionTopics.pinnedAt,
      createdAt: discussionTopics.createdAt,
    })
    .from(discussionTopics)
    .innerJoin(users, eq(users.id, discussionTopics.authorId))
    .where(eq(discussionTopics.runId, runId))
    .orderBy(
      sql`${discussionTopics.pinnedAt} is null`,
      sql`${discussionTopics.lastActivityAt} desc`,
      sql`${discussionTopics.id} desc`,
    )
    .limit(BOARD_TOPICS_MAX);
}

/** Starts a topic. */
export async function insertTopic(tx: Tx, values: { runId: string; authorId: string; title: string }) {
  const [row] = await tx.insert(discussionTopics).values(values).returning({ id: discussionTopics.id });
  if (!row) throw new Error("topic insert returned no row");
  return row;
}

/** Moves a topic's visible-comment count by `delta` and, for new comments, its last activity to now. */
export async function touchTopic(tx: Tx, topicId: string, delta: number, now: Date | null): Promise<void> {
  await tx
    .update(discussionTopics)
    .set({
      commentCount: sql`greatest(${discussionTopics.commentCount} + ${delta}, 0)`,
      ...(now ? { lastActivityAt: now } : {}),
    })
    .where(eq(discussionTopics.id, topicId));
}

/** Pins or unpins a topic; true when that changed anything. */
export async function setTopicPinned(tx: Tx, topicId: string, pinned: boolean, now: Date): Promise<boolean> {
  const rows = await tx
    .update(discussionTopics)
    .set({ pinnedAt: pinned ? now : null })
    .where(
      and(
        eq(discussionTopics.id, topicId),
        pinned ? isNull(discussionTopics.pinnedAt) : sql`${discussionTopics.pinnedAt} is not null`,
      ),
    )
    .returning({ id: discussionTopics.id });
  return rows.length > 0;
}

/** Every step of a course with its comment counts in the run, in course order, in one statement. */
export async function stepCommentCounts(tx: Tx, runId: string, courseId: string) {
  return tx
    .select({
      moduleId: courseModules.id,
      moduleTitle: courseModules.title,
      modulePosition: courseModules.position,
      stepId: courseSteps.id,
      stepTitle: courseSteps.title,
      stepPosition: courseSteps.position,
      commentCount: sql<number>`(count(${comments.id}) filter (where ${comments.state} = 'visible'))::int`,
      highlightedCount: sql<number>`(count(${comments.id}) filter (where ${comments.highlightedAt} is not null and ${comments.state} = 'visible'))::int`,
      lastCommentAt: sql<Date | string | null>`max(${comments.createdAt})`,
    })
    .from(courseSteps)
    .innerJoin(courseModules, eq(courseModules.id, courseSteps.moduleId))
    .leftJoin(comments, and(eq(comments.stepId, courseSteps.id), eq(comments.runId, runId)))
    .where(eq(courseModules.courseId, courseId))
    .groupBy(
      courseModules.id,
      courseModules.title,
      courseModules.position,
      courseSteps.id,
      courseSteps.title,
      courseSteps.position,
    )
    .orderBy(asc(courseModules.position), asc(courseSteps.position));
}

/** One comment as listings read it (its thread's top-level comment as rootId when it is a reply). */
export async function getCommentRow(tx: Tx, commentId: string, readerId: string): Promise<CommentRow | null> {
  // Raw SQL: the listings' select list, plus the walk up to the thread's top-level comment.
  const [row] = await queryRows<RawCommentRow>(
    tx,
    sql`with recursive up (id, parent_id) as (
        select id, parent_id from comments where id = ${commentId}
        union all
        select p.id, p.parent_id from comments p join up on p.id = up.parent_id
      )
      select ${commentColumns(readerId)},
        case when c.parent_id is null then null else (select id from up where parent_id is null limit 1) end as root_id,
        pu.given_name || ' ' || pu.family_name as parent_author_name
      from comments c join users u on u.id = c.author_id
      left join comments p on p.id = c.parent_id
      left join users pu on pu.id = p.author_id
      where c.id = ${commentId}`,
  );
  return row ? fromRaw(row) : null;
}

/** Everything a step thread's listing needs before its comments, read in one statement. */
export interface StepThreadContext {
  standing: RunStanding;
  enrolmentId: string | null;
  step: { id: string; title: string; courseId: string } | null;
  facilitators: Array<{ id: string; name: string }>;
  /** The thread's version (0 before its first comment): cached pages are valid at exactly this version. */
  version: string;
}

/** The raw row of the thread context statement. */
interface StepThreadContextRow {
  id: string;
  course_id: string;
  course_title: string;
  title: string;
  opens_at: Date | string;
  live_starts_at: Date | string;
  live_ends_at: Date | string;
  comments_close_at: Date | string;
  catch_up_until: Date | string;
  is_member: boolean;
  suspended_at: Date | string | null;
  enrolment_id: string | null;
  is_facilitator: boolean;
  step_id: string | null;
  step_title: string | null;
  step_course_id: string | null;
  facilitators: Array<{ id: string; name: string }> | string | null;
  version: string | number;
}

/**
 * The thread context statement ($1 run, $2 step, $3 reader). Raw SQL sent as a named prepared statement: it runs on
 * every read of a discussion, and PostgreSQL then plans it once per connection, like the session check.
 */
export const STEP_THREAD_CONTEXT_SQL = `select r.id, r.course_id, c.title as course_title, r.title, r.opens_at,
    r.live_starts_at, r.live_ends_at, r.comments_close_at, r.catch_up_until,
    m.user_id is not null as is_member, m.suspended_at, m.enrolment_id,
    exists (select 1 from run_facilitators f where f.run_id = r.id and f.user_id = $3::uuid) as is_facilitator,
    s.id as step_id, s.title as step_title, sm.course_id as step_course_id,
    (select json_agg(json_build_object('id', u.id, 'name', u.given_name || ' ' || u.family_name)
                     order by u.family_name, u.given_name)
       from run_facilitators f join users u on u.id = f.user_id where f.run_id = r.id) as facilitators,
    coalesce((select t.version from comment_threads t where t.run_id = r.id and t.target_id = $2::uuid), 0)::text
      as version
  from course_runs r
  join courses c on c.id = r.course_id
  left join run_members m on m.run_id = r.id and m.user_id = $3::uuid
  left join course_steps s on s.id = $2::uuid
  left join course_modules sm on sm.id = s.module_id
  where r.id = $1::uuid`;

/**
 * The run, the reader's standing in it (member, suspended, enrolment, facilitator), the step, the run's facilitators
 * and the thread's version, in one statement; null when the run does not exist. The listing's hot path is this
 * statement plus, only when the thread changed, the page queries.
 */
export async function getStepThreadContext(
  database: Database,
  ids: { runId: string; stepId: string; userId: string },
): Promise<StepThreadContext | null> {
  const [row] = await database.preparedQuery<StepThreadContextRow>(
    "discussions_step_thread_context",
    STEP_THREAD_CONTEXT_SQL,
    [ids.runId, ids.stepId, ids.userId],
  );
  if (!row) return null;
  const at = (value: Date | string) => (value instanceof Date ? value : new Date(value));
  const facilitators =
    typeof row.facilitators === "string" ? JSON.parse(row.facilitators) : (row.facilitators ?? []);
  return {
    standing: {
      run: {
        id: row.id,
        courseId: row.course_id,
        courseTitle: row.course_title,
        title: row.title,
        opensAt: at(row.opens_at),
        liveStartsAt: at(row.live_starts_at),
        liveEndsAt: at(row.live_ends_at),
        commentsCloseAt: at(row.comments_close_at),
        catchUpUntil: at(row.catch_up_until),
      },
      isMember: row.is_member,
      suspendedAt: row.suspended_at === null ? null : at(row.suspended_at),
      isFacilitator: row.is_facilitator,
    },
    enrolmentId: row.enrolment_id,
    step:
      row.step_id && row.step_title !== null && row.step_course_id
        ? { id: row.step_id, title: row.step_title, courseId: row.step_course_id }
        : null,
    facilitators,
    version: String(row.version),
  };
}

/** Which of the given comments the reader has liked. */
export async function likedAmong(
  tx: Tx,
  readerId: string,
  commentIds: readonly string[],
): Promise<Set<string>> {
  if (commentIds.length === 0) return new Set();
  const rows = await tx
    .select({ commentId: commentLikes.commentId })
    .from(commentLikes)
    .where(and(eq(commentLikes.userId, readerId), inArray(commentLikes.commentId, [...commentIds])));
  return new Set(rows.map((r) => r.commentId));
}
