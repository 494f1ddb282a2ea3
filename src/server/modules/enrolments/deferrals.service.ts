import type {
  AdminDeferral,
  AdminDeferralPage,
  AdminDeferralSummary,
  DeferralApproveInput,
  DeferralCreateInput,
  DeferralDeclineInput,
  DeferralMessage,
  DeferralQuery,
  DeferralRequest,
  LearnerDeferrals,
} from "../../../shared/deferrals.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, fieldError, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { resumeDateProblem, startOfUkDate } from "./access-window.rules.js";
import { deferralEligibility } from "./deferral.rules.js";
import * as emails from "./deferrals.emails.js";
import * as repo from "./deferrals.repository.js";
import { deferralDeadline, deferredWindow } from "./enrolment.rules.js";
import { assertCanDecideDeferrals, assertOwnEnrolment } from "./entitlements.policy.js";

/** What the deferrals service needs. */
export interface DeferralsDeps {
  db: Db;
  config: AppConfig;
  mailer: Mailer;
  now?: () => Date;
}

type Eligibility = LearnerDeferrals["eligibility"];

/** Whether the learner may ask to defer now, as the page shows it. */
function eligibilityOf(enrolment: repo.EnrolmentWithCourse, now: Date): Eligibility {
  const eligibility = deferralEligibility(enrolment.enrolment, enrolment.course.level, now);
  return { ...eligibility, deadline: eligibility.deadline?.toISOString() ?? null };
}

function toMessage(row: repo.DeferralMessageRow, learnerId: string, forLearner: boolean): DeferralMessage {
  const fromLearner = row.authorUserId === learnerId;
  const name =
    row.authorGivenName === null ? null : `${row.authorGivenName} ${row.authorFamilyName ?? ""}`.trim();
  return {
    id: row.id,
    from: fromLearner ? "learner" : "administrator",
    // Learners hear from "QI Academy", not from a named administrator.
    authorName: forLearner && !fromLearner ? null : name,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}

function toRequest(row: repo.DeferralRequestRow, messages: DeferralMessage[]): DeferralRequest {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    requestedAt: row.requestedAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
    decisionNote: row.decisionNote,
    resumesAt: row.resumesAt?.toISOString() ?? null,
    messages,
  };
}

function toEnrolment(row: repo.EnrolmentWithCourse["enrolment"]) {
  return {
    id: row.id,
    state: row.state,
    startsAt: row.startsAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
  };
}

function toSummary(row: repo.QueueRow): AdminDeferralSummary {
  const lastFrom =
    row.lastMessageAuthor === null
      ? null
      : row.lastMessageAuthor === row.learner.id
        ? "learner"
        : "administrator";
  return {
    id: row.request.id,
    status: row.request.status,
    enrolmentId: row.enrolment.id,
    learner: {
      id: row.learner.id,
      name: `${row.learner.givenName} ${row.learner.familyName}`,
      email: row.learner.email,
    },
    course: { id: row.course.id, title: row.course.title, level: row.course.level },
    reason: row.request.reason,
    requestedAt: row.request.requestedAt.toISOString(),
    windowDeadline: deferralDeadline(row.enrolment.startsAt).toISOString(),
    decidedAt: row.request.decidedAt?.toISOString() ?? null,
    messageCount: Number(row.messageCount),
    lastMessageFrom: row.messageCount > 0 ? lastFrom : null,
  };
}

/**
 * Deferral on Practitioner, Facilitator and Programme Manager: a learner asks in the first four weeks, with a reason;
 * an administrator may write to them (asking for a medical certificate, never required up front) and approves with a
 * new start date, which restarts the access window in full, or declines with a reason.
 */
export function createDeferralsService(deps: DeferralsDeps) {
  const { db, config, mailer } = deps;
  const clock = deps.now ?? (() => new Date());
  const requestUrl = (enrolmentId: string) =>
    `${config.publicUrl}/learning/${encodeURIComponent(enrolmentId)}/defer`;
  const mailContext = (e: repo.EnrolmentWithCourse): emails.DeferralMailContext => ({
    to: e.learner.email,
    givenName: e.learner.givenName,
    courseTitle: e.course.title,
    requestUrl: requestUrl(e.enrolment.id),
  });

  async function ownEnrolment(tx: Tx, actor: Actor, enrolmentId: string, lock = false) {
    const found = await repo.getEnrolment(tx, enrolmentId, lock);
    assertOwnEnrolment(actor, found, (f) => f.enrolment.userId);
    return found;
  }

  async function adminView(tx: Tx, id: string): Promise<AdminDeferral> {
    const { rows } = await repo.listQueue(tx, { id }, 1, 0);
    const [row] = rows;
    if (!row) throw notFound("The deferral request");
    const messages = await repo.listMessages(tx, [id]);
    return {
      ...toSummary(row),
      enrolment: toEnrolment(row.enrolment),
      course: row.course,
      organisationName: row.organisationName,
      decidedByName:
        row.deciderGivenName === null
          ? null
          : `${row.deciderGivenName} ${row.deciderFamilyName ?? ""}`.trim(),
      decisionNote: row.request.decisionNote,
      resumesAt: row.request.resumesAt?.toISOString() ?? null,
      messages: messages.map((m) => toMessage(m, row.learner.id, false)),
    };
  }

  /** Takes a pending request for a decision, or says why it cannot be decided (404 unknown, 409 decided). */
  async function pendingRequest(tx: Tx, id: string) {
    const request = await repo.getRequest(tx, id);
    if (!request) throw notFound("The deferral request");
    if (request.status !== "pending")
      throw conflict(
        `This request has already been ${request.status}. Only pending requests can be decided.`,
      );
    const enrolment = await repo.getEnrolment(tx, request.enrolmentId, true);
    if (!enrolment) throw notFound("The deferral request");
    return { request, enrolment };
  }

  return {
    /** The learner's own deferral page: whether they may ask, and their requests with messages. */
    async learnerView(actor: Actor, enrolmentId: string): Promise<LearnerDeferrals> {
      const enrolment = await ownEnrolment(db, actor, enrolmentId);
      const requests = await repo.listRequestsForEnrolment(db, enrolmentId);
      const messages = await repo.listMessages(
        db,
        requests.map((r) => r.id),
      );
      return {
        enrolment: toEnrolment(enrolment.enrolment),
        course: enrolment.course,
        eligibility: eligibilityOf(enrolment, clock()),
        pendingRequestId: requests.find((r) => r.status === "pending")?.id ?? null,
        requests: requests.map((r) =>
          toRequest(
            r,
            messages.filter((m) => m.requestId === r.id).map((m) => toMessage(m, actor.userId, true)),
          ),
        ),
      };
    },

    /** A learner asks to defer; refused (403) outside the rules, 409 while a request is already pending. */
    async request(
      actor: Actor,
      enrolmentId: string,
      input: DeferralCreateInput,
      context: RequestContext,
    ): Promise<DeferralRequest> {
      const now = clock();
      return db.transaction(async (tx) => {
        const enrolment = await ownEnrolment(tx, actor, enrolmentId, true);
        const eligibility = eligibilityOf(enrolment, now);
        if (!eligibility.allowed)
          throw new AppError(403, eligibility.code ?? "forbidden", eligibility.message ?? "");
        const created = await repo.insertRequest(tx, { enrolmentId, reason: input.reason, requestedAt: now });
        if (!created) {
          throw conflict(
            "You have already asked to defer this course. An administrator will decide; you can add a message to your request.",
          );
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "deferrals.request",
          subjectType: "deferral_request",
          subjectId: created.id,
          details: { enrolmentId },
        });
        return toRequest(created, []);
      });
    },

    /** The learner replies on their own pending request (it shows in the administrators' queue; no email). */
    async learnerMessage(
      actor: Actor,
      enrolmentId: string,
      requestId: string,
      body: string,
    ): Promise<DeferralMessage> {
      return db.transaction(async (tx) => {
        await ownEnrolment(tx, actor, enrolmentId);
        const request = await repo.getRequest(tx, requestId);
        if (!request || request.enrolmentId !== enrolmentId) throw notFound("The deferral request");
        if (request.status !== "pending")
          throw conflict(
            `This request has already been ${request.status}, so it cannot take more messages. Contact the support team if something has changed.`,
          );
        const message = await repo.insertMessage(tx, {
          requestId,
          authorUserId: actor.userId,
          body,
          createdAt: clock(),
        });
        return {
          id: message.id,
          from: "learner",
          authorName: `${actor.account.givenName} ${actor.account.familyName}`,
          body: message.body,
          createdAt: message.createdAt.toISOString(),
        };
      });
    },

    /** The administrators' queue; audited, as it shows learners' names, addresses and reasons. */
    async queue(actor: Actor, query: DeferralQuery, context: RequestContext): Promise<AdminDeferralPage> {
      assertCanDecideDeferrals(actor);
      return db.transaction(async (tx) => {
        const { rows, total } = await repo.listQueue(
          tx,
          { status: query.status },
          query.pageSize,
          (query.page - 1) * query.pageSize,
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "deferrals.list",
          subjectType: "deferral_request",
          details: { status: query.status, page: query.page, rows: rows.length },
        });
        return { items: rows.map(toSummary), total, page: query.page, pageSize: query.pageSize };
      });
    },

    /** One request for administrators; audited. */
    async get(actor: Actor, id: string, context: RequestContext): Promise<AdminDeferral> {
      assertCanDecideDeferrals(actor);
      return db.transaction(async (tx) => {
        const view = await adminView(tx, id);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "deferrals.view",
          subjectType: "deferral_request",
          subjectId: id,
        });
        return view;
      });
    },

    /** An administrator writes to the learner on a pending request (for example asking for a medical certificate). */
    async adminMessage(
      actor: Actor,
      id: string,
      body: string,
      context: RequestContext,
    ): Promise<DeferralMessage> {
      assertCanDecideDeferrals(actor);
      return db.transaction(async (tx) => {
        const request = await repo.getRequest(tx, id);
        if (!request) throw notFound("The deferral request");
        if (request.status !== "pending")
          throw conflict(`This request has already been ${request.status}, so it cannot take more messages.`);
        const enrolment = await repo.getEnrolment(tx, request.enrolmentId);
        if (!enrolment) throw notFound("The deferral request");
        const message = await repo.insertMessage(tx, {
          requestId: id,
          authorUserId: actor.userId,
          body,
          createdAt: clock(),
        });
        await mailer.enqueue(tx, emails.deferralMessageMessage(mailContext(enrolment), body));
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "deferrals.message",
          subjectType: "deferral_request",
          subjectId: id,
          details: { messageId: message.id },
        });
        return {
          id: message.id,
          from: "administrator",
          authorName: `${actor.account.givenName} ${actor.account.familyName}`,
          body: message.body,
          createdAt: message.createdAt.toISOString(),
        };
      });
    },

    /**
     * Approves: the course starts again at 00:00 UK time on `resumesOn` with a full new window (deferred until then),
     * the reminders are reset, and the learner is emailed both dates.
     */
    async approve(
      actor: Actor,
      id: string,
      input: DeferralApproveInput,
      context: RequestContext,
    ): Promise<AdminDeferral> {
      assertCanDecideDeferrals(actor);
      const now = clock();
      const problem = resumeDateProblem(input.resumesOn, now);
      if (problem) throw fieldError("resumesOn", problem);
      return db.transaction(async (tx) => {
        const { enrolment } = await pendingRequest(tx, id);
        if (enrolment.enrolment.completedAt)
          throw conflict(
            "The learner has completed this course, so there is nothing to defer. Decline the request.",
          );
        const window = deferredWindow(enrolment.course.level, startOfUkDate(input.resumesOn));
        const decided = await repo.decideRequest(tx, id, {
          status: "approved",
          decidedBy: actor.userId,
          decidedAt: now,
          decisionNote: null,
          resumesAt: window.startsAt,
        });
        if (!decided) throw conflict("This request has just been decided by someone else.");
        await repo.restartEnrolmentWindow(tx, enrolment.enrolment.id, {
          // A start date of today has already begun: the course carries straight on.
          state: window.startsAt.getTime() > now.getTime() ? "deferred" : "active",
          startsAt: window.startsAt,
          expiresAt: window.expiresAt,
          at: now,
        });
        await mailer.enqueue(
          tx,
          emails.deferralApprovedMessage(mailContext(enrolment), window.startsAt, window.expiresAt),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "deferrals.approve",
          subjectType: "deferral_request",
          subjectId: id,
          details: {
            enrolmentId: enrolment.enrolment.id,
            before: {
              startsAt: enrolment.enrolment.startsAt.toISOString(),
              expiresAt: enrolment.enrolment.expiresAt.toISOString(),
            },
            startsAt: window.startsAt.toISOString(),
            expiresAt: window.expiresAt.toISOString(),
          },
        });
        return adminView(tx, id);
      });
    },

    /** Declines with a reason the learner is emailed; the enrolment carries on unchanged. */
    async decline(
      actor: Actor,
      id: string,
      input: DeferralDeclineInput,
      context: RequestContext,
    ): Promise<AdminDeferral> {
      assertCanDecideDeferrals(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const { enrolment } = await pendingRequest(tx, id);
        const decided = await repo.decideRequest(tx, id, {
          status: "declined",
          decidedBy: actor.userId,
          decidedAt: now,
          decisionNote: input.reason,
          resumesAt: null,
        });
        if (!decided) throw conflict("This request has just been decided by someone else.");
        await mailer.enqueue(
          tx,
          emails.deferralDeclinedMessage(mailContext(enrolment), input.reason, enrolment.enrolment.expiresAt),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "deferrals.decline",
          subjectType: "deferral_request",
          subjectId: id,
          details: { enrolmentId: enrolment.enrolment.id, reason: input.reason },
        });
        return adminView(tx, id);
      });
    },
  };
}

/** The deferrals service's type. */
export type DeferralsService = ReturnType<typeof createDeferralsService>;
