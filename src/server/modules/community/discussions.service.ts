import type {
  Comment,
  CommentEditInput,
  CommentPageQuery,
  DiscussionRun,
  LikeState,
  StepCommentCounts,
  StepCommentInput,
  StepComments,
  StepCommentsQuery,
  ThreadComment,
  TopicCommentInput,
  TopicInput,
  TopicList,
  TopicSummary,
  TopicThread,
} from "../../../shared/discussions.js";
import { COMMENT_EDIT_MINUTES, StepCommentsSchema } from "../../../shared/discussions.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { RateLimitConfig } from "../../platform/config.js";
import type { Database, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { throttle } from "../../platform/rate-limit.js";
import { VersionedCache } from "../../platform/versioned-cache.js";
import { createNotifications, type NotificationInput } from "../notifications/notifications.service.js";
import { checkCommentBody } from "./comment-body.js";
import { renderCommentBody } from "./comment-render.js";
import {
  assertCanLike,
  assertCanReplyTo,
  assertCanStillEdit,
  assertIsAuthor,
  cannotPostReason,
  commentPermissions,
} from "./discussions.policy.js";
import * as repo from "./discussions.repository.js";
import { findMentions } from "./mentions.js";
import {
  assertCanFacilitate,
  assertCanPost,
  assertCanRead,
  decideRunAccess,
  loadRunAccess,
  type RunAccess,
} from "./run-access.js";

/** Comments one person may post in a run: 10 a minute… */
export const COMMENTS_PER_MINUTE: RateLimitConfig = {
  windowSeconds: 60,
  softLimit: 10,
  hardLimit: 10,
  slowDownMs: 0,
};
/** …and 100 an hour. */
export const COMMENTS_PER_HOUR: RateLimitConfig = {
  windowSeconds: 3600,
  softLimit: 100,
  hardLimit: 100,
  slowDownMs: 0,
};

const iso = (value: Date) => value.toISOString();
const nameOf = (actor: Actor) => `${actor.account.givenName} ${actor.account.familyName}`;

/** 422 naming the body field, for bodies that are empty or too long once normalised. */
function bodyError(message: string) {
  return new AppError(422, "validation_failed", message, [{ field: "body", message }]);
}

function normalisedBody(raw: string): string {
  const checked = checkCommentBody(raw);
  if (!checked.ok) throw bodyError(checked.message);
  return checked.body;
}

/** What a page needs to know about the reader to present comments. */
interface Reader {
  id: string;
  access: RunAccess;
  now: Date;
}

function present(row: repo.CommentRow, reader: Reader): Comment {
  const may = commentPermissions(row, reader.id, reader.access, reader.now);
  return {
    id: row.id,
    parentId: row.parentId,
    author: { id: row.authorId, name: row.authorName, isFacilitator: row.authorIsFacilitator },
    bodyHtml: may.seesBody ? renderCommentBody(row.body) : null,
    body: may.canEdit ? row.body : null,
    createdAt: iso(row.createdAt),
    editedAt: row.editedAt ? iso(row.editedAt) : null,
    likeCount: row.likeCount,
    likedByMe: row.likedByMe,
    replyCount: row.replyCount,
    highlighted: row.highlightedAt !== null,
    pinned: row.pinnedAt !== null,
    state: row.state,
    inReplyTo:
      row.parentId !== null && row.rootId !== null && row.parentId !== row.rootId
        ? { commentId: row.parentId, authorName: row.parentAuthorName ?? "" }
        : null,
    canEdit: may.canEdit,
    canDelete: may.canDelete,
    canLike: may.canLike,
    canReply: may.canReply,
    canReport: may.canReport,
    canHighlight: may.canHighlight,
    canPin: may.canPin,
  };
}

/** Top-level comments with their replies nested under them. */
function threads(tops: repo.CommentRow[], replies: repo.CommentRow[], reader: Reader): ThreadComment[] {
  const byRoot = new Map<string, Comment[]>();
  for (const reply of replies) {
    if (!reply.rootId) continue;
    const list = byRoot.get(reply.rootId) ?? [];
    list.push(present(reply, reader));
    byRoot.set(reply.rootId, list);
  }
  return tops.map((top) => ({ ...present(top, reader), replies: byRoot.get(top.id) ?? [] }));
}

function viewerOf(access: RunAccess) {
  return {
    canPost: access.canPost,
    canFacilitate: access.canFacilitate,
    cannotPostReason: cannotPostReason(access, assertCanPost),
  };
}

function runOf(access: RunAccess, facilitators: Array<{ id: string; name: string }>): DiscussionRun {
  return {
    id: access.run.id,
    title: access.run.title,
    courseId: access.run.courseId,
    courseTitle: access.run.courseTitle,
    phase: access.phase,
    facilitators,
  };
}

function topicSummary(topic: repo.TopicRow, access: RunAccess): TopicSummary {
  return {
    id: topic.id,
    title: topic.title,
    author: { id: topic.authorId, name: topic.authorName, isFacilitator: topic.authorIsFacilitator },
    commentCount: topic.commentCount,
    lastActivityAt: iso(new Date(topic.lastActivityAt)),
    createdAt: iso(new Date(topic.createdAt)),
    pinned: topic.pinnedAt !== null,
    canPin: access.canFacilitate,
  };
}

/** Where a comment is read: the step's discussion page or the topic page, at the comment's anchor. */
function commentLink(
  where: { runId: string; stepId: string | null; topicId: string | null },
  commentId: string,
): string {
  return where.stepId
    ? `/runs/${where.runId}/steps/${where.stepId}#comment-${commentId}`
    : `/runs/${where.runId}/board/${where.topicId}#comment-${commentId}`;
}

/** A thread page's rows as read from the database, before they are presented to a reader. */
interface ThreadRows {
  counts: { topLevel: number; unpinnedTopLevel: number; visible: number };
  tops: repo.CommentRow[];
  replies: repo.CommentRow[];
}

/** The paging fields of a thread page. */
function pageFields(query: CommentPageQuery, counts: ThreadRows["counts"]) {
  return {
    sort: query.sort,
    page: query.page,
    pageSize: query.pageSize,
    pageCount: Math.max(1, Math.ceil(counts.unpinnedTopLevel / query.pageSize)),
    topLevelCount: counts.topLevel,
    commentCount: counts.visible,
  };
}

/** Reads shared pages as nobody, so no one's likes are in them (each reader's are looked up apart). */
const NOBODY = "00000000-0000-0000-0000-000000000000";
/** Cached pages lapse after this long even when their thread has not changed (names changed elsewhere). */
const CACHE_LIFETIME_MS = 5 * 60_000;

/** What in the reader's standing shapes their answer: any change makes a cached answer miss. */
function standingFingerprint(access: RunAccess, enrolmentId: string | null): string {
  return JSON.stringify([
    access.phase,
    access.isMember,
    access.suspendedAt?.getTime() ?? null,
    access.isFacilitator,
    access.isAdmin,
    access.run,
    enrolmentId,
  ]);
}

/** When the first of the reader's own editable comments on a page leaves its edit window (never: Infinity). */
function editWindowsEnd(page: StepComments, now: Date): number {
  let end = Number.POSITIVE_INFINITY;
  for (const top of page.comments) {
    for (const comment of [top, ...top.replies]) {
      if (comment.canEdit) end = Math.min(end, Date.parse(comment.createdAt) + COMMENT_EDIT_MINUTES * 60_000);
    }
  }
  return Math.max(end, now.getTime());
}

/** Step comment threads, the run's board, likes, edits, highlights, pins and mentions. */
export function createDiscussionsService(deps: { database: Database; now?: () => Date }) {
  const db = deps.database.db;
  const clock = deps.now ?? (() => new Date());
  /** Step thread pages (rows as read by nobody), per instance, valid at their thread's version. */
  const pageCache = new VersionedCache<ThreadRows>(2_000);
  /** Each reader's whole answer for a page, as JSON. */
  const answerCache = new VersionedCache<{ json: string; validUntil: number }>(2_000);

  /** Counts a post against the person's limits in the run; 429 with Retry-After past them. */
  async function throttlePosting(actor: Actor, runId: string) {
    try {
      await throttle(db, [
        { key: `comments-minute:${runId}:${actor.userId}`, limit: COMMENTS_PER_MINUTE },
        { key: `comments-hour:${runId}:${actor.userId}`, limit: COMMENTS_PER_HOUR },
      ]);
    } catch (error) {
      if (error instanceof AppError && error.status === 429) {
        const wait = error.headers?.["retry-after"] ?? "60";
        throw new AppError(
          429,
          "rate_limited",
          `You are posting very quickly. You can post up to ${COMMENTS_PER_MINUTE.hardLimit} comments a minute and ${COMMENTS_PER_HOUR.hardLimit} an hour in a course run. Wait ${wait} seconds and try again.`,
          undefined,
          error.headers,
        );
      }
      throw error;
    }
  }

  /** A page of a thread's rows with counts and replies: a constant number of statements whatever the page size. */
  async function threadRows(
    target: repo.ThreadTarget,
    query: CommentPageQuery,
    readerId: string,
    excludeId?: string,
    extraRoots: repo.CommentRow[] = [],
  ): Promise<ThreadRows> {
    const [counts, tops] = await Promise.all([
      repo.countThread(db, target, { onlyHighlighted: query.sort === "highlighted", excludeId }),
      repo.listTopLevelPage(db, target, {
        sort: query.sort,
        page: query.page,
        pageSize: query.pageSize,
        readerId,
        excludeId,
      }),
    ]);
    const replies = await repo.listReplies(
      db,
      [...extraRoots, ...tops].map((c) => c.id),
      readerId,
    );
    return { counts, tops, replies };
  }

  /** A page of a thread as the reader sees it, with the replies kept apart for callers that need them. */
  async function threadPage(
    target: repo.ThreadTarget,
    query: CommentPageQuery,
    reader: Reader,
    excludeId?: string,
    extraRoots: repo.CommentRow[] = [],
  ) {
    const { counts, tops, replies } = await threadRows(target, query, reader.id, excludeId, extraRoots);
    return {
      ...pageFields(query, counts),
      comments: threads(tops, replies, reader),
      replies,
    };
  }

  /** The step, checked to be part of the run's course (404 otherwise). */
  async function stepInRun(stepId: string, access: RunAccess) {
    const step = await repo.getStepWithCourse(db, stepId);
    if (!step || step.courseId !== access.run.courseId) throw notFound("The step in this course run");
    return step;
  }

  /** Notifications a new comment causes: the parent's author (reply) and each mentioned facilitator (mention). */
  function notificationsFor(
    actor: Actor,
    comment: { id: string; runId: string; stepId: string | null; topicId: string | null },
    body: string,
    where: string,
    parentAuthorId: string | null,
    facilitators: Array<{ id: string; name: string }>,
  ): NotificationInput[] {
    const link = commentLink(comment, comment.id);
    const items: NotificationInput[] = [];
    const common = { actorId: actor.userId, runId: comment.runId, commentId: comment.id, link };
    if (parentAuthorId) {
      items.push({
        ...common,
        userId: parentAuthorId,
        kind: "reply",
        summary: `${nameOf(actor)} replied to your comment on “${where}”`,
      });
    }
    for (const userId of findMentions(body, facilitators)) {
      if (userId === parentAuthorId) continue;
      items.push({
        ...common,
        userId,
        kind: "mention",
        summary: `${nameOf(actor)} mentioned you in a comment on “${where}”`,
      });
    }
    return items;
  }

  /** Loads the parent of a reply and checks it is in the same thread and shown. */
  async function parentIn(
    parentId: string | undefined,
    where: { runId: string; stepId: string | null; topicId: string | null },
  ) {
    if (!parentId) return null;
    const parent = await repo.getCommentForAction(db, parentId);
    if (
      !parent ||
      parent.runId !== where.runId ||
      parent.stepId !== where.stepId ||
      parent.topicId !== where.topicId
    ) {
      throw notFound("The comment you are replying to");
    }
    assertCanReplyTo(parent);
    return parent;
  }

  /** Writes a comment (or reply) with its notifications in one transaction. */
  async function writeComment(
    tx: Tx,
    actor: Actor,
    values: repo.NewComment,
    where: string,
    parent: repo.ActionComment | null,
    facilitators: Array<{ id: string; name: string }>,
  ) {
    const rootId = parent ? await repo.getRootId(tx, parent.id) : null;
    const row = await repo.insertComment(tx, values, rootId);
    if (values.topicId) await repo.touchTopic(tx, values.topicId, 1, row.createdAt);
    await createNotifications(
      tx,
      notificationsFor(
        actor,
        { id: row.id, runId: values.runId, stepId: values.stepId, topicId: values.topicId },
        values.body,
        where,
        parent?.authorId ?? null,
        facilitators,
      ),
    );
    return { ...row, rootId };
  }

  function freshComment(
    actor: Actor,
    access: RunAccess,
    row: { id: string; createdAt: Date; rootId: string | null },
    values: repo.NewComment,
    parent: repo.ActionComment | null,
    now: Date,
  ): Comment {
    return present(
      {
        id: row.id,
        parentId: values.parentId,
        rootId: row.rootId,
        authorId: actor.userId,
        authorName: nameOf(actor),
        authorIsFacilitator: access.isFacilitator,
        parentAuthorName: parent?.authorName ?? null,
        body: values.body,
        state: "visible",
        likeCount: 0,
        replyCount: 0,
        highlightedAt: null,
        pinnedAt: null,
        editedAt: null,
        createdAt: row.createdAt,
        likedByMe: false,
      },
      { id: actor.userId, access, now },
    );
  }

  /** A comment for an action, with the actor's access to its run (read checked). */
  async function commentWithAccess(actor: Actor, commentId: string) {
    const comment = await repo.getCommentForAction(db, commentId);
    if (!comment) throw notFound("The comment");
    const now = clock();
    const access = await loadRunAccess(db, comment.runId, actor, now);
    assertCanRead(access);
    return { comment, access, now };
  }

  async function topicWithAccess(actor: Actor, topicId: string) {
    const topic = await repo.getTopic(db, topicId);
    if (!topic) throw notFound("The topic");
    const now = clock();
    const access = await loadRunAccess(db, topic.runId, actor, now);
    assertCanRead(access);
    return { topic, access, now };
  }

  /**
   * One statement reads the run, the reader's standing, the step, the facilitators and the thread's version; the
   * reader may read the run and the step is in its course, or this refuses.
   */
  async function stepThread(actor: Actor, stepId: string, query: StepCommentsQuery, now: Date) {
    const context = await repo.getStepThreadContext(deps.database, {
      runId: query.runId,
      stepId,
      userId: actor.userId,
    });
    if (!context) throw notFound("The course run");
    const access = decideRunAccess(context.standing, actor, now);
    assertCanRead(access);
    const step = context.step;
    if (!step || step.courseId !== access.run.courseId) throw notFound("The step in this course run");
    // Entries also lapse every few minutes, so names changed elsewhere reach cached pages soon enough.
    const version = `${context.version}:${Math.floor(now.getTime() / CACHE_LIFETIME_MS)}`;
    const pageKey = `${access.run.id}:${stepId}:${query.sort}:${query.page}:${query.pageSize}`;
    return { context, access, step, version, pageKey };
  }

  /**
   * A page of a step's discussion for one reader. The page's rows come from this instance's cache when they were
   * read at the thread's current version; the reader's own likes among them are one small statement. (Their whole
   * answer is cached by listStepCommentsJson, so an unchanged thread costs no statements beyond stepThread's one.)
   */
  async function stepPage(
    actor: Actor,
    stepId: string,
    query: StepCommentsQuery,
    now: Date,
    thread: Awaited<ReturnType<typeof stepThread>>,
  ): Promise<StepComments> {
    const { context, access, step, version, pageKey } = thread;
    let rows = pageCache.get(pageKey, version);
    if (!rows) {
      rows = await threadRows({ runId: access.run.id, stepId }, query, NOBODY);
      pageCache.set(pageKey, version, rows);
    }
    const liked = await repo.likedAmong(
      db,
      actor.userId,
      [...rows.tops, ...rows.replies].map((c) => c.id),
    );
    const withLikes = (c: repo.CommentRow) => (liked.has(c.id) ? { ...c, likedByMe: true } : c);
    const reader: Reader = { id: actor.userId, access, now };
    return {
      ...pageFields(query, rows.counts),
      comments: threads(rows.tops.map(withLikes), rows.replies.map(withLikes), reader),
      run: runOf(access, context.facilitators),
      step: { id: step.id, title: step.title },
      viewer: viewerOf(access),
      enrolmentId: access.isMember ? context.enrolmentId : null,
    };
  }

  return {
    /**
     * A page of a step's discussion in a run (see stepPage), as JSON, as the route sends it. The reader's whole answer
     * is kept too, checked against the response schema once, valid while the thread's version, the reader's standing and the run's phase stay the same
     * and until the first of the reader's own comments on it leaves its edit window (docs/decisions/0020).
     */
    async listStepCommentsJson(actor: Actor, stepId: string, query: StepCommentsQuery): Promise<string> {
      const now = clock();
      const thread = await stepThread(actor, stepId, query, now);
      const key = `${actor.userId}:${thread.pageKey}`;
      const version = `${thread.version}:${standingFingerprint(thread.access, thread.context.enrolmentId)}`;
      const cached = answerCache.get(key, version);
      if (cached && now.getTime() < cached.validUntil) return cached.json;
      const page = await stepPage(actor, stepId, query, now, thread);
      const json = JSON.stringify(StepCommentsSchema.parse(page));
      answerCache.set(key, version, { json, validUntil: editWindowsEnd(page, now) });
      return json;
    },

    /** Posts a comment, or a reply, on a step in a run; notifies the parent's author and mentioned facilitators. */
    async postStepComment(actor: Actor, stepId: string, input: StepCommentInput): Promise<Comment> {
      const now = clock();
      const access = await loadRunAccess(db, input.runId, actor, now);
      assertCanRead(access);
      assertCanPost(access);
      const step = await stepInRun(stepId, access);
      const body = normalisedBody(input.body);
      const where = { runId: access.run.id, stepId, topicId: null };
      const parent = await parentIn(input.parentId, where);
      await throttlePosting(actor, access.run.id);
      const facilitators = await repo.listFacilitators(db, access.run.id);
      const values: repo.NewComment = {
        ...where,
        parentId: parent?.id ?? null,
        authorId: actor.userId,
        body,
      };
      const row = await db.transaction((tx) =>
        writeComment(tx, actor, values, step.title, parent, facilitators),
      );
      return freshComment(actor, access, row, values, parent, now);
    },

    /** The run's board: its topics, pinned first, then by last activity. */
    async listTopics(actor: Actor, runId: string): Promise<TopicList> {
      const now = clock();
      const access = await loadRunAccess(db, runId, actor, now);
      assertCanRead(access);
      const [topics, facilitators] = await Promise.all([
        repo.listTopics(db, runId),
        repo.listFacilitators(db, runId),
      ]);
      return {
        run: runOf(access, facilitators),
        viewer: viewerOf(access),
        topics: topics.map((t) => topicSummary(t, access)),
      };
    },

    /** Starts a topic on the run's board; its opening post is the topic's first comment. */
    async createTopic(actor: Actor, runId: string, input: TopicInput): Promise<TopicSummary> {
      const now = clock();
      const access = await loadRunAccess(db, runId, actor, now);
      assertCanRead(access);
      assertCanPost(access);
      const body = normalisedBody(input.body);
      await throttlePosting(actor, runId);
      const facilitators = await repo.listFacilitators(db, runId);
      const topicId = await db.transaction(async (tx) => {
        const topic = await repo.insertTopic(tx, { runId, authorId: actor.userId, title: input.title });
        await writeComment(
          tx,
          actor,
          { runId, stepId: null, topicId: topic.id, parentId: null, authorId: actor.userId, body },
          input.title,
          null,
          facilitators,
        );
        return topic.id;
      });
      const topic = await repo.getTopic(db, topicId);
      if (!topic) throw notFound("The topic");
      return topicSummary(topic, access);
    },

    /** A topic with its opening post and a page of its other comments. */
    async getTopic(actor: Actor, topicId: string, query: CommentPageQuery): Promise<TopicThread> {
      const { topic, access, now } = await topicWithAccess(actor, topicId);
      const reader = { id: actor.userId, access, now };
      const target = { runId: topic.runId, topicId };
      const [opening, facilitators] = await Promise.all([
        repo.getOpeningPost(db, target, actor.userId),
        repo.listFacilitators(db, topic.runId),
      ]);
      const { replies, ...page } = await threadPage(
        target,
        query,
        reader,
        opening?.id,
        opening ? [opening] : [],
      );
      return {
        ...page,
        run: runOf(access, facilitators),
        topic: topicSummary(topic, access),
        openingPost: opening ? (threads([opening], replies, reader)[0] ?? null) : null,
        viewer: viewerOf(access),
      };
    },

    /** Posts a comment, or a reply, in a topic. */
    async postTopicComment(actor: Actor, topicId: string, input: TopicCommentInput): Promise<Comment> {
      const { topic, access, now } = await topicWithAccess(actor, topicId);
      assertCanPost(access);
      const body = normalisedBody(input.body);
      const where = { runId: topic.runId, stepId: null, topicId };
      const parent = await parentIn(input.parentId, where);
      await throttlePosting(actor, topic.runId);
      const facilitators = await repo.listFacilitators(db, topic.runId);
      const values: repo.NewComment = {
        ...where,
        parentId: parent?.id ?? null,
        authorId: actor.userId,
        body,
      };
      const row = await db.transaction((tx) =>
        writeComment(tx, actor, values, topic.title, parent, facilitators),
      );
      return freshComment(actor, access, row, values, parent, now);
    },

    /** The author changes their comment within 15 minutes of posting it. */
    async editComment(actor: Actor, commentId: string, input: CommentEditInput): Promise<Comment> {
      const { comment, access, now } = await commentWithAccess(actor, commentId);
      assertIsAuthor(comment, actor.userId, "edit");
      assertCanPost(access);
      assertCanStillEdit(comment, now);
      const body = normalisedBody(input.body);
      await repo.updateCommentBody(db, commentId, body, now);
      const row = await repo.getCommentRow(db, commentId, actor.userId);
      if (!row) throw notFound("The comment");
      return present(row, { id: actor.userId, access, now });
    },

    /** The author deletes their comment: it shows as deleted and its replies stay. */
    async deleteComment(actor: Actor, commentId: string): Promise<void> {
      const { comment } = await commentWithAccess(actor, commentId);
      assertIsAuthor(comment, actor.userId, "delete");
      if (comment.state === "deleted" || comment.state === "removed") return;
      await db.transaction(async (tx) => {
        const wasVisible = await repo.markDeleted(tx, commentId);
        if (wasVisible && comment.topicId) await repo.touchTopic(tx, comment.topicId, -1, null);
      });
    },

    /** Likes a comment (harmless twice). */
    async like(actor: Actor, commentId: string): Promise<LikeState> {
      const { comment, access } = await commentWithAccess(actor, commentId);
      assertCanPost(access);
      assertCanLike(comment, actor.userId);
      const likeCount = await db.transaction((tx) => repo.addLike(tx, commentId, actor.userId));
      return { likeCount, likedByMe: true };
    },

    /** Takes a like back (harmless when there was none). */
    async unlike(actor: Actor, commentId: string): Promise<LikeState> {
      const { access } = await commentWithAccess(actor, commentId);
      assertCanPost(access);
      const likeCount = await db.transaction((tx) => repo.removeLike(tx, commentId, actor.userId));
      return { likeCount, likedByMe: false };
    },

    /** A facilitator highlights a comment (audited; the author is notified) or takes the highlight off. */
    async setHighlight(
      actor: Actor,
      commentId: string,
      highlighted: boolean,
      context: RequestContext,
    ): Promise<void> {
      const { comment, access, now } = await commentWithAccess(actor, commentId);
      assertCanFacilitate(access);
      if (highlighted && comment.state !== "visible") {
        throw conflict("Only comments that are shown in the discussion can be highlighted.");
      }
      await db.transaction(async (tx) => {
        const changed = await repo.setHighlighted(tx, commentId, highlighted ? actor.userId : null, now);
        if (!changed) return;
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: highlighted ? "discussions.comment_highlighted" : "discussions.comment_unhighlighted",
          subjectType: "comment",
          subjectId: commentId,
          details: { runId: comment.runId },
        });
        if (highlighted) {
          await createNotifications(tx, [
            {
              userId: comment.authorId,
              kind: "highlight",
              actorId: actor.userId,
              runId: comment.runId,
              commentId,
              summary: `${nameOf(actor)} highlighted your comment on “${comment.targetTitle}”`,
              link: commentLink(comment, commentId),
            },
          ]);
        }
      });
    },

    /** A facilitator pins a top-level comment to the top of its thread's first page (audited), or unpins it. */
    async setPin(actor: Actor, commentId: string, pinned: boolean, context: RequestContext): Promise<void> {
      const { comment, access, now } = await commentWithAccess(actor, commentId);
      assertCanFacilitate(access);
      if (pinned && comment.parentId !== null)
        throw conflict("Only top-level comments can be pinned, not replies.");
      if (pinned && comment.state !== "visible") {
        throw conflict("Only comments that are shown in the discussion can be pinned.");
      }
      await db.transaction(async (tx) => {
        const changed = await repo.setPinned(tx, commentId, pinned ? actor.userId : null, now);
        if (!changed) return;
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: pinned ? "discussions.comment_pinned" : "discussions.comment_unpinned",
          subjectType: "comment",
          subjectId: commentId,
          details: { runId: comment.runId },
        });
      });
    },

    /** A facilitator pins a topic to the top of the board (audited), or unpins it. */
    async setTopicPin(
      actor: Actor,
      topicId: string,
      pinned: boolean,
      context: RequestContext,
    ): Promise<void> {
      const { topic, access, now } = await topicWithAccess(actor, topicId);
      assertCanFacilitate(access);
      await db.transaction(async (tx) => {
        const changed = await repo.setTopicPinned(tx, topicId, pinned, now);
        if (!changed) return;
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: pinned ? "discussions.topic_pinned" : "discussions.topic_unpinned",
          subjectType: "discussion_topic",
          subjectId: topicId,
          details: { runId: topic.runId },
        });
      });
    },

    /** Facilitators: every step of the run's course with its comment counts. */
    async stepCounts(actor: Actor, runId: string): Promise<StepCommentCounts> {
      const access = await loadRunAccess(db, runId, actor, clock());
      assertCanFacilitate(access);
      const [rows, facilitators] = await Promise.all([
        repo.stepCommentCounts(db, runId, access.run.courseId),
        repo.listFacilitators(db, runId),
      ]);
      const modules: StepCommentCounts["modules"] = [];
      for (const row of rows) {
        let module = modules.at(-1);
        if (!module || module.id !== row.moduleId) {
          module = { id: row.moduleId, title: row.moduleTitle, position: row.modulePosition, steps: [] };
          modules.push(module);
        }
        module.steps.push({
          id: row.stepId,
          title: row.stepTitle,
          position: row.stepPosition,
          commentCount: Number(row.commentCount),
          highlightedCount: Number(row.highlightedCount),
          lastCommentAt: row.lastCommentAt ? iso(new Date(row.lastCommentAt)) : null,
        });
      }
      return { run: runOf(access, facilitators), modules };
    },
  };
}
