import {
  type CommentPlace,
  type CommentReport,
  type HiddenComment,
  type MemberStanding,
  type ModerationActionRequest,
  type ModerationOverview,
  type ModerationResult,
  REPORT_RESOLUTIONS,
  type ReportedComment,
  type RunModerationQueue,
  type SuspendedMember,
  type Suspension,
} from "../../../shared/moderation.js";
import type { ReportReason } from "../../../shared/runs.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig, RateLimitConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { throttle } from "../../platform/rate-limit.js";
import { suspendedFromPostingMessage } from "./moderation.emails.js";
import * as repo from "./moderation.repository.js";
import { decideModeration, MODERATION_AUDIT_ACTIONS } from "./moderation.rules.js";
import { assertCanFacilitate, assertCanRead, holdsRole, loadRunAccess } from "./run-access.js";

/** Reports one person may make: 20 in any hour, far above honest use, low enough to stop a flood of reports. */
export const REPORT_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 60 * 60,
  softLimit: 20,
  hardLimit: 20,
  slowDownMs: 0,
};

/** 422: the request is well formed but cannot be done as asked. */
const unprocessable = (message: string, field?: string) =>
  new AppError(422, "not_allowed", message, [field ? { field, message } : { message }]);

const iso = (value: Date) => value.toISOString();

/** Where a comment sits, from the step or topic columns the queue reads. */
function placeOf(row: {
  stepId: string | null;
  stepTitle: string | null;
  topicId: string | null;
  topicTitle: string | null;
}): CommentPlace {
  if (row.topicId) return { kind: "topic", id: row.topicId, title: row.topicTitle ?? "A board topic" };
  return { kind: "step", id: row.stepId ?? "", title: row.stepTitle ?? "A step" };
}

/** Groups open reports by comment, in the order each comment was first reported. */
function groupReports(rows: repo.OpenReportRow[]): Map<string, ReportedComment[]> {
  const byComment = new Map<string, ReportedComment>();
  const byRun = new Map<string, ReportedComment[]>();
  for (const row of rows) {
    let item = byComment.get(row.commentId);
    if (!item) {
      item = {
        commentId: row.commentId,
        body: row.body,
        state: row.state,
        author: { id: row.authorId, name: row.authorName },
        place: placeOf(row),
        postedAt: iso(row.postedAt),
        reportCount: 0,
        reasons: [],
        firstReportedAt: iso(row.reportedAt),
        reports: [],
      };
      byComment.set(row.commentId, item);
      const list = byRun.get(row.runId) ?? [];
      list.push(item);
      byRun.set(row.runId, list);
    }
    item.reportCount += 1;
    if (!item.reasons.includes(row.reason)) item.reasons.push(row.reason as ReportReason);
    item.reports.push({
      id: row.reportId,
      reporter: { id: row.reporterId, name: row.reporterName },
      reason: row.reason,
      details: row.details,
      createdAt: iso(row.reportedAt),
    });
  }
  return byRun;
}

function toHidden(row: repo.HiddenCommentRow): HiddenComment {
  return {
    commentId: row.commentId,
    body: row.body,
    author: { id: row.authorId, name: row.authorName },
    place: placeOf(row),
    postedAt: iso(row.postedAt),
    hiddenAt: row.hiddenAt ? iso(row.hiddenAt) : null,
    hiddenBy: row.hiddenBy,
  };
}

function toSuspended(row: repo.MemberStandingRow): SuspendedMember {
  return {
    userId: row.userId,
    name: row.name,
    suspendedAt: iso(row.suspendedAt ?? new Date(0)),
    suspendedBy: row.suspendedBy,
    reason: row.reason,
  };
}

function toStanding(row: repo.MemberStandingRow): MemberStanding {
  return {
    userId: row.userId,
    name: row.name,
    suspendedAt: row.suspendedAt ? iso(row.suspendedAt) : null,
    suspendedBy: row.suspendedBy,
    reason: row.reason,
  };
}

/** Reports, the moderation queue, moderation actions and suspensions from posting in a run. */
export function createModerationService(deps: {
  db: Db;
  mailer: Mailer;
  config: Pick<AppConfig, "publicUrl">;
  now?: () => Date;
}) {
  const { db, mailer } = deps;
  const clock = deps.now ?? (() => new Date());

  /** The queues of these runs, in the runs' order. */
  async function queuesOf(tx: Tx, runIds: string[]): Promise<RunModerationQueue[]> {
    const [runs, reports, hidden, suspended] = await Promise.all([
      repo.listRuns(tx, runIds),
      repo.listOpenReports(tx, runIds),
      repo.listHiddenComments(tx, runIds),
      repo.listSuspendedMembers(tx, runIds),
    ]);
    const reportedByRun = groupReports(reports);
    return runs.map((run) => ({
      run,
      reported: reportedByRun.get(run.id) ?? [],
      hidden: hidden.filter((h) => h.runId === run.id).map(toHidden),
      suspended: suspended.filter((s) => s.runId === run.id).map(toSuspended),
    }));
  }

  const counts = (q: RunModerationQueue) => ({
    reported: q.reported.length,
    hidden: q.hidden.length,
    suspended: q.suspended.length,
  });

  return {
    /** Reports a comment: anyone who can read its run, except its author; one open report per person per comment. */
    async report(actor: Actor, commentId: string, input: CommentReport): Promise<{ reported: true }> {
      const comment = await repo.getComment(db, commentId);
      if (!comment) throw notFound("The comment");
      const access = await loadRunAccess(db, comment.runId, actor, clock());
      assertCanRead(access);
      if (comment.authorId === actor.userId)
        throw unprocessable("You cannot report your own comment. You can edit or delete it instead.");
      if (comment.state !== "visible")
        throw conflict("This comment is no longer shown, so there is nothing to report.");
      await throttle(db, [{ key: `comment-report:${actor.userId}`, limit: REPORT_RATE_LIMIT }]);
      const added = await repo.insertReport(db, {
        commentId,
        runId: comment.runId,
        reporterId: actor.userId,
        reason: input.reason,
        details: input.details ?? null,
      });
      if (!added) throw conflict("You have already reported this comment. A facilitator will look at it.");
      return { reported: true };
    },

    /** One run's queue for its facilitators and administrators; viewing it is audited (it names people). */
    async runQueue(actor: Actor, runId: string, context: RequestContext): Promise<RunModerationQueue> {
      const access = await loadRunAccess(db, runId, actor, clock());
      assertCanFacilitate(access);
      return db.transaction(async (tx) => {
        const [queue] = await queuesOf(tx, [runId]);
        if (!queue) throw notFound("The course run");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "moderation.queue_viewed",
          subjectType: "course_run",
          subjectId: runId,
          details: counts(queue),
        });
        return queue;
      });
    },

    /** Every run I facilitate (administrators: every run with something to moderate); audited. */
    async overview(actor: Actor, context: RequestContext): Promise<ModerationOverview> {
      const isAdmin = holdsRole(actor, "platform_admin");
      if (!isAdmin && !holdsRole(actor, "facilitator"))
        throw forbidden("Only facilitators and platform administrators can see the moderation queue.");
      return db.transaction(async (tx) => {
        const facilitated = await repo.listFacilitatedRunIds(tx, actor.userId);
        const runIds = isAdmin
          ? [...new Set([...facilitated, ...(await repo.listRunIdsNeedingModeration(tx))])]
          : facilitated;
        const runs = await queuesOf(tx, runIds);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "moderation.overview_viewed",
          details: {
            runs: runs.length,
            reported: runs.reduce((n, q) => n + q.reported.length, 0),
            hidden: runs.reduce((n, q) => n + q.hidden.length, 0),
            suspended: runs.reduce((n, q) => n + q.suspended.length, 0),
          },
        });
        return { runs };
      });
    },

    /**
     * Hides, restores, removes or dismisses: resolves every open report on the comment and records who moderated
     * it, in one transaction with the comment row locked, so two moderators cannot act on it at once.
     */
    async act(
      actor: Actor,
      commentId: string,
      input: ModerationActionRequest,
      context: RequestContext,
    ): Promise<ModerationResult> {
      const found = await repo.getComment(db, commentId);
      if (!found) throw notFound("The comment");
      const access = await loadRunAccess(db, found.runId, actor, clock());
      assertCanFacilitate(access);
      return db.transaction(async (tx) => {
        const comment = await repo.getComment(tx, commentId, true);
        if (!comment) throw notFound("The comment");
        const open = await repo.countOpenReports(tx, commentId);
        const decision = decideModeration(comment.state, input.action, open);
        if (!decision.ok) throw conflict(decision.message);
        const now = clock();
        await repo.setCommentModerated(tx, commentId, decision.nextState, actor.userId, now);
        const wasVisible = comment.state === "visible";
        const isVisible = decision.nextState === "visible";
        if (comment.topicId && wasVisible !== isVisible)
          await repo.adjustTopicCommentCount(tx, comment.topicId, isVisible ? 1 : -1);
        const resolved = await repo.resolveOpenReports(
          tx,
          commentId,
          actor.userId,
          REPORT_RESOLUTIONS[input.action],
          now,
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: MODERATION_AUDIT_ACTIONS[input.action],
          subjectType: "comment",
          subjectId: commentId,
          details: {
            runId: comment.runId,
            action: input.action,
            from: comment.state,
            to: decision.nextState,
            resolvedReports: resolved,
            ...(input.note ? { note: input.note } : {}),
          },
        });
        return { commentId, state: decision.nextState, resolvedReports: resolved };
      });
    },

    /** A member's standing for posting in a run, for the suspension form; audited (it names the person). */
    async memberStanding(
      actor: Actor,
      runId: string,
      userId: string,
      context: RequestContext,
    ): Promise<MemberStanding> {
      const access = await loadRunAccess(db, runId, actor, clock());
      assertCanFacilitate(access);
      return db.transaction(async (tx) => {
        const member = await repo.getMember(tx, runId, userId);
        if (!member) throw notFound("The member of this course run");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "moderation.member_viewed",
          subjectType: "user",
          subjectId: userId,
          details: { runId },
        });
        return toStanding(member);
      });
    },

    /** Suspends a member from posting in the run (they can still read); emails them why; audited. */
    async suspend(
      actor: Actor,
      runId: string,
      userId: string,
      input: Suspension,
      context: RequestContext,
    ): Promise<MemberStanding> {
      const access = await loadRunAccess(db, runId, actor, clock());
      assertCanFacilitate(access);
      if (userId === actor.userId) throw unprocessable("You cannot suspend yourself from posting.");
      return db.transaction(async (tx) => {
        if (await repo.isRunFacilitator(tx, runId, userId))
          throw unprocessable(
            "You cannot suspend a facilitator of this run. Ask a platform administrator to remove them as a facilitator first.",
          );
        const member = await repo.getMember(tx, runId, userId, true);
        if (!member) throw notFound("The member of this course run");
        if (member.suspendedAt)
          throw conflict(
            `${member.name} is already suspended from posting in this run. Lift the suspension first if you want to change the reason.`,
          );
        const now = clock();
        await repo.setSuspension(tx, runId, userId, { at: now, by: actor.userId, reason: input.reason });
        await mailer.enqueue(
          tx,
          suspendedFromPostingMessage(
            member,
            { title: access.run.title, courseTitle: access.run.courseTitle },
            input.reason,
            {
              guidelines: `${deps.config.publicUrl}/community-guidelines`,
              contact: `${deps.config.publicUrl}/help/contact`,
            },
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.member_suspended",
          subjectType: "user",
          subjectId: userId,
          details: { runId, reason: input.reason },
        });
        const updated = await repo.getMember(tx, runId, userId);
        if (!updated) throw notFound("The member of this course run");
        return toStanding(updated);
      });
    },

    /** Lifts a member's suspension from posting; audited. */
    async liftSuspension(
      actor: Actor,
      runId: string,
      userId: string,
      context: RequestContext,
    ): Promise<void> {
      const access = await loadRunAccess(db, runId, actor, clock());
      assertCanFacilitate(access);
      await db.transaction(async (tx) => {
        const member = await repo.getMember(tx, runId, userId, true);
        if (!member) throw notFound("The member of this course run");
        if (!member.suspendedAt)
          throw conflict(
            `${member.name} is not suspended from posting in this run, so there is nothing to lift.`,
          );
        await repo.setSuspension(tx, runId, userId, null);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.member_suspension_lifted",
          subjectType: "user",
          subjectId: userId,
          details: { runId },
        });
      });
    },
  };
}
