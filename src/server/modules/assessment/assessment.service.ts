import {
  type AllocateInput,
  type AllocationPage,
  type AllocationQuery,
  type AssessorOptions,
  type AssessorQueue,
  checkDecision,
  type DecisionCreateInput,
  type DecisionResult,
  type DecisionView,
  type EvidenceView,
  OPEN_SUBMISSION_STATUSES,
  type QueueItem,
  type SubmissionDetail,
  type UnitView,
  type VerdictCreateInput,
  type VerdictResult,
  type VerificationQueue,
  type VerificationSettings,
  type VerificationSettingsUpdateInput,
  type VerificationView,
} from "../../../shared/assessment.js";
import type { SubmissionStatus } from "../../../shared/portfolios.js";
import type { SubmissionSnapshot } from "../../db/schema/index.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { recordAchievementIfEarned } from "../certificates/accreditation.js";
import * as emails from "./assessment.emails.js";
import {
  assertAllocator,
  assertAssessor,
  assertCanAllocateTo,
  assertCanDecide,
  assertCanOpenSubmissions,
  assertCanVerify,
  assertCanViewSubmission,
  assertNoAssessorConflict,
  assertVerifier,
  conflictBetween,
  holds,
  type Person,
  verifyBlocker,
} from "./assessment.policy.js";
import * as repo from "./assessment.repository.js";
import { isSampled, percentileDraw, safeHref, waitingDays } from "./assessment.rules.js";

/** What the assessment service needs. */
export interface AssessmentDeps {
  db: Db;
  config: AppConfig;
  mailer: Mailer;
  now?: () => Date;
  /** The sampling draw, 0–99; crypto-random unless a test pins it. */
  draw?: () => number;
}

/** The most unallocated submissions the pick-up list shows at once (oldest first). */
const AVAILABLE_LIMIT = 200;
/** Submissions an assessor can act on. */
const DECIDABLE: SubmissionStatus[] = ["awaiting_assessment", "overturned"];

const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`.trim();
const nameOrNull = (id: string | null, given: string | null, family: string | null) =>
  id && given !== null ? { id, name: `${given} ${family ?? ""}`.trim() } : null;
const iso = (at: Date | null) => at?.toISOString() ?? null;

/** 422: the decision cannot be recorded as it stands; one detail per field to change. */
function decisionRefused(problems: { field: string; message: string }[]): AppError {
  const message =
    problems.length === 1
      ? (problems[0]?.message ?? "")
      : `There are ${problems.length} problems with this decision. ${problems.map((p) => p.message).join(". ")}.`;
  return new AppError(422, "decision_refused", message, problems);
}

/** 422: the chosen assessor cannot be allocated work. */
function notAnAssessor(): AppError {
  const message =
    "Choose someone who holds the assessor role now. This person does not, or their role or account has lapsed.";
  return new AppError(422, "allocation_refused", message, [{ field: "assessorId", message }]);
}

function toQueueItem(row: repo.QueueRow, now: Date): QueueItem {
  return {
    submissionId: row.submissionId,
    portfolioId: row.portfolioId,
    version: row.version,
    status: row.status,
    submittedAt: row.submittedAt.toISOString(),
    waitingDays: waitingDays(row.submittedAt, now),
    allocatedAt: iso(row.allocatedAt),
    learner: { id: row.learnerId, name: `${row.learnerGivenName} ${row.learnerFamilyName}`.trim() },
    course: { id: row.courseId, title: row.courseTitle, level: row.courseLevel },
    assessor: nameOrNull(row.assessorId, row.assessorGivenName, row.assessorFamilyName),
  };
}

function toVerification(row: repo.DecisionRow): VerificationView | null {
  const v = row.verification;
  if (!v?.outcome || !v.verifiedAt) return null;
  return {
    outcome: v.outcome,
    rationale: v.rationale ?? "",
    verifier: nameOrNull(v.verifierId, row.verifierGivenName, row.verifierFamilyName),
    verifiedAt: v.verifiedAt.toISOString(),
  };
}

function toDecision(row: repo.DecisionRow, criteria: SubmissionSnapshot["criteria"]): DecisionView {
  const d = row.decision;
  const byId = new Map(criteria.map((c) => [c.id, c]));
  return {
    id: d.id,
    outcome: d.outcome,
    feedback: d.feedback,
    criteria: d.criteria.map((j) => ({
      criterionId: j.criterionId,
      code: byId.get(j.criterionId)?.code ?? null,
      statement: byId.get(j.criterionId)?.statement ?? null,
      decision: j.decision,
      feedback: j.feedback,
    })),
    assessor: nameOrNull(d.assessorId, row.assessorGivenName, row.assessorFamilyName),
    decidedAt: d.decidedAt.toISOString(),
    sampled: d.sampled,
    supersededAt: iso(d.supersededAt),
    verification: toVerification(row),
  };
}

function toEvidence(portfolioId: string, item: SubmissionSnapshot["evidence"][number]): EvidenceView {
  return {
    id: item.id,
    kind: item.kind,
    title: item.title,
    bodyHtml: item.body.trim() ? renderMarkdown(item.body) : "",
    link: item.url ? { href: safeHref(item.url), text: item.url } : null,
    file: item.fileId
      ? {
          href: `/api/portfolios/${encodeURIComponent(portfolioId)}/files/${encodeURIComponent(item.fileId)}`,
          filename: item.filename ?? item.title,
          contentType: item.contentType,
          sizeBytes: item.sizeBytes,
        }
      : null,
  };
}

/** The snapshot's criteria as a tree of units and outcomes, in the order the learner submitted them. */
function criteriaTree(snapshot: SubmissionSnapshot, guidance: Map<string, string>): UnitView[] {
  const units: UnitView[] = [];
  for (const c of snapshot.criteria) {
    let unit = units.find((u) => u.title === c.unitTitle);
    if (!unit) {
      unit = { title: c.unitTitle, outcomes: [] };
      units.push(unit);
    }
    let outcome = unit.outcomes.find((o) => o.title === c.outcomeTitle);
    if (!outcome) {
      outcome = { title: c.outcomeTitle, criteria: [] };
      unit.outcomes.push(outcome);
    }
    outcome.criteria.push({
      id: c.id,
      code: c.code,
      statement: c.statement,
      assessorGuidance: guidance.get(c.id) ?? "",
      evidenceIds: snapshot.evidence.filter((e) => e.criterionIds.includes(c.id)).map((e) => e.id),
    });
  }
  return units;
}

/**
 * Assessment and internal verification, one state machine: a submitted version waits for an assessor (allocated by a
 * platform administrator or picked up), who passes it or refers it back criterion by criterion. Some decisions are
 * sampled for an internal verifier, who confirms (the decision takes effect) or overturns it (back to the assessor).
 * Decisions that take effect move the portfolio on, email the learner and, on a pass, record the achievement.
 */
export function createAssessmentService(deps: AssessmentDeps) {
  const { db, config, mailer } = deps;
  const clock = deps.now ?? (() => new Date());
  const draw = deps.draw ?? percentileDraw;
  const submissionUrl = (id: string) =>
    `${config.publicUrl}/assessment/submissions/${encodeURIComponent(id)}`;
  const portfolioUrl = (enrolmentId: string) =>
    `${config.publicUrl}/learning/${encodeURIComponent(enrolmentId)}/portfolio`;
  const mailContext = (row: repo.SubmissionRow): emails.SubmissionMailContext => ({
    learnerName: fullName(row.learner),
    courseTitle: row.course.title,
    version: row.submission.version,
  });
  const learnerOf = (row: repo.SubmissionRow): Person => ({
    userId: row.learner.id,
    teamId: row.learner.teamId,
  });

  /** The actor as the conflict rules see them, read now (their team may have changed since they signed in). */
  async function personOf(tx: Tx, actor: Actor): Promise<Person> {
    const me = await repo.getPerson(tx, actor.userId);
    if (!me) throw notFound("Your account");
    return { userId: me.id, teamId: me.teamId };
  }

  async function submissionOr404(tx: Tx, id: string, lock = false) {
    const row = await repo.getSubmission(tx, id, lock);
    if (!row) throw notFound("The submission");
    return row;
  }

  /**
   * Makes a decision take effect: a referral sends the portfolio back to the learner; a pass marks it passed and
   * records the achievement when the course's rule is now met. Either way the learner is emailed.
   */
  async function takeEffect(
    tx: Tx,
    row: repo.SubmissionRow,
    outcome: "pass" | "refer",
    from: SubmissionStatus[],
    now: Date,
  ): Promise<SubmissionStatus> {
    const status = outcome === "pass" ? "passed" : "referred";
    const moved = await repo.setSubmissionStatus(tx, row.submission.id, status, from, now);
    if (!moved)
      throw conflict(
        "This submission changed while you were deciding. Open it again to see where it stands.",
      );
    await repo.setPortfolioStatus(tx, row.portfolio.id, status, now);
    const url = portfolioUrl(row.portfolio.enrolmentId);
    if (outcome === "pass") {
      await recordAchievementIfEarned(tx, row.portfolio.enrolmentId, now);
      await mailer.enqueue(
        tx,
        emails.passedMessage(row.learner.email, row.learner.givenName, row.course.title, url),
      );
    } else {
      await mailer.enqueue(
        tx,
        emails.referredMessage(row.learner.email, row.learner.givenName, row.course.title, url),
      );
    }
    return status;
  }

  /** The side-by-side view of one submission for `actor`, with what they may do on it. */
  async function detail(tx: Tx, actor: Actor, row: repo.SubmissionRow): Promise<SubmissionDetail> {
    const s = row.submission;
    const snapshot = s.snapshot;
    const guidance = await repo.getAssessorGuidance(
      tx,
      snapshot.criteria.map((c) => c.id),
    );
    const versions = await repo.listVersions(tx, row.portfolio.id);
    const decisionRows = await repo.listDecisions(
      tx,
      versions.map((v) => v.id),
    );
    const criteriaOf = new Map(versions.map((v) => [v.id, v.criteria ?? []]));
    const viewsFor = (submissionId: string) =>
      decisionRows
        .filter((d) => d.decision.submissionId === submissionId)
        .map((d) => toDecision(d, criteriaOf.get(submissionId) ?? []));
    const decisions = viewsFor(s.id);
    const current = decisions.filter((d) => d.supersededAt === null).at(-1) ?? null;
    const underReview = s.status === "awaiting_verification" ? current : null;
    const overturnedBy =
      s.status === "overturned"
        ? (decisions.filter((d) => d.verification?.outcome === "overturned").at(-1)?.verification ?? null)
        : null;

    const me = await personOf(tx, actor);
    const learner = learnerOf(row);
    let decide = false;
    let verify = false;
    let reason: string | null = null;
    if (holds(actor, "assessor") && s.assessorId === actor.userId && DECIDABLE.includes(s.status)) {
      const clash = conflictBetween(me, learner);
      decide = clash === null;
      if (clash)
        reason =
          clash === "self"
            ? "You cannot assess your own portfolio. Ask a platform administrator to allocate it to another assessor."
            : "You cannot assess a learner in your own team. Ask a platform administrator to allocate it to another assessor.";
    }
    if (holds(actor, "internal_verifier") && underReview) {
      const currentRow = decisionRows.find((d) => d.decision.id === underReview.id);
      const blocker = verifyBlocker(
        actor,
        { assessorId: currentRow?.decision.assessorId ?? null },
        me,
        learner,
      );
      verify = blocker === null;
      if (blocker && !decide) reason = blocker;
    }

    return {
      id: s.id,
      portfolioId: row.portfolio.id,
      version: s.version,
      status: s.status,
      submittedAt: s.submittedAt.toISOString(),
      declaration: s.declaration,
      allocatedAt: iso(s.allocatedAt),
      learner: { id: row.learner.id, name: fullName(row.learner) },
      course: { ...row.course },
      assessor: nameOrNull(s.assessorId, row.assessorGivenName, row.assessorFamilyName),
      units: criteriaTree(snapshot, guidance),
      evidence: snapshot.evidence.map((e) => toEvidence(row.portfolio.id, e)),
      decisions,
      underReview,
      overturnedBy,
      earlierVersions: versions
        .filter((v) => v.version < s.version)
        .reverse()
        .map((v) => ({
          id: v.id,
          version: v.version,
          submittedAt: v.submittedAt.toISOString(),
          status: v.status,
          decisions: viewsFor(v.id),
        })),
      actions: { decide, verify, reason },
    };
  }

  async function settingsView(tx: Tx): Promise<VerificationSettings> {
    const row = await repo.getSettings(tx);
    return {
      samplePercent: row.settings.samplePercent,
      newAssessorDecisions: row.settings.newAssessorDecisions,
      updatedAt: row.settings.updatedAt.toISOString(),
      updatedBy: nameOrNull(row.settings.updatedBy, row.updatedByGivenName, row.updatedByFamilyName),
    };
  }

  async function queueItem(tx: Tx, id: string, now: Date): Promise<QueueItem> {
    const row = await submissionOr404(tx, id);
    const s = row.submission;
    return {
      submissionId: s.id,
      portfolioId: row.portfolio.id,
      version: s.version,
      status: s.status,
      submittedAt: s.submittedAt.toISOString(),
      waitingDays: waitingDays(s.submittedAt, now),
      allocatedAt: iso(s.allocatedAt),
      learner: { id: row.learner.id, name: fullName(row.learner) },
      course: { id: row.course.id, title: row.course.title, level: row.course.level },
      assessor: nameOrNull(s.assessorId, row.assessorGivenName, row.assessorFamilyName),
    };
  }

  return {
    /** The assessor's queue: allocated to me (waiting or overturned) and unallocated ones I may pick up. Audited. */
    async queue(actor: Actor, context: RequestContext): Promise<AssessorQueue> {
      assertAssessor(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const me = await personOf(tx, actor);
        const allocated = await repo.listAllocatedTo(tx, actor.userId);
        const available = await repo.listAvailableFor(tx, me, AVAILABLE_LIMIT);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.queue_viewed",
          subjectType: "portfolio_submission",
          details: { rows: allocated.length + available.length },
        });
        return {
          allocated: allocated.map((r) => toQueueItem(r, now)),
          available: available.map((r) => toQueueItem(r, now)),
        };
      });
    },

    /**
     * An assessor takes an unallocated submission. Race-safe: the UPDATE only matches while nobody holds it, so of two
     * assessors at once one gets it and the other a 409.
     */
    async pickUp(actor: Actor, id: string, context: RequestContext): Promise<QueueItem> {
      assertAssessor(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id);
        assertNoAssessorConflict(await personOf(tx, actor), learnerOf(row));
        const taken = await repo.pickUp(tx, id, actor.userId, now);
        if (!taken) {
          const latest = await submissionOr404(tx, id);
          if (latest.submission.assessorId === actor.userId)
            throw conflict("You have already picked this submission up. It is in your queue.");
          if (latest.submission.assessorId !== null)
            throw conflict(
              "Another assessor has just picked this submission up. Choose another from the list.",
            );
          throw conflict("This submission is no longer waiting for an assessor, so it cannot be picked up.");
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.picked_up",
          subjectType: "portfolio_submission",
          subjectId: id,
          details: { learnerId: row.learner.id, version: row.submission.version },
        });
        return queueItem(tx, id, now);
      });
    },

    /** The side-by-side view for the allocated assessor, internal verifiers and platform administrators. Audited. */
    async view(
      actor: Actor,
      id: string,
      via: "assessment" | "verification",
      context: RequestContext,
    ): Promise<SubmissionDetail> {
      assertCanOpenSubmissions(actor, via);
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id);
        assertCanViewSubmission(actor, row.submission, row.portfolio);
        const view = await detail(tx, actor, row);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.submission_viewed",
          subjectType: "portfolio_submission",
          subjectId: id,
          details: { learnerId: row.learner.id, version: row.submission.version, via },
        });
        return view;
      });
    },

    /**
     * The allocated assessor's decision: every criterion judged once, outcome consistent with the judgements. Sampled
     * decisions wait for a verifier; the rest take effect at once. All in one transaction.
     */
    async decide(
      actor: Actor,
      id: string,
      input: DecisionCreateInput,
      context: RequestContext,
    ): Promise<DecisionResult> {
      assertAssessor(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id, true);
        const s = row.submission;
        assertCanDecide(actor, s, await personOf(tx, actor), learnerOf(row));
        if (!DECIDABLE.includes(s.status))
          throw conflict(
            s.status === "awaiting_verification"
              ? "You have already decided this submission, and your decision is waiting for internal verification."
              : "This submission has already been decided. A decision can only be changed after an internal verifier overturns it.",
          );
        const problems = checkDecision(input, s.snapshot.criteria);
        if (problems.length > 0) throw decisionRefused(problems);

        const settings = await repo.getSettingsForDecision(tx);
        const sampled = isSampled(
          {
            priorDecisions: await repo.countDecisionsBy(tx, actor.userId),
            newAssessorDecisions: settings.newAssessorDecisions,
            samplePercent: settings.samplePercent,
            redecision: s.status === "overturned" || (await repo.hasSupersededDecision(tx, id)),
          },
          draw,
        );
        const decision = await repo.insertDecision(tx, {
          submissionId: id,
          assessorId: actor.userId,
          outcome: input.outcome,
          criteria: s.snapshot.criteria.map((c) => {
            const j = input.criteria.find((x) => x.criterionId === c.id);
            return { criterionId: c.id, decision: j?.decision ?? "not_yet_met", feedback: j?.feedback ?? "" };
          }),
          feedback: input.feedback,
          sampled,
          decidedAt: now,
        });
        let status: SubmissionStatus;
        if (sampled) {
          const moved = await repo.setSubmissionStatus(tx, id, "awaiting_verification", DECIDABLE, now);
          if (!moved) throw conflict("This submission changed while you were deciding. Open it again.");
          status = "awaiting_verification";
        } else {
          status = await takeEffect(tx, row, input.outcome, DECIDABLE, now);
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.decided",
          subjectType: "portfolio_submission",
          subjectId: id,
          details: {
            decisionId: decision.id,
            outcome: input.outcome,
            sampled,
            learnerId: row.learner.id,
            version: s.version,
          },
        });
        const [view] = (await repo.listDecisions(tx, [id]))
          .filter((d) => d.decision.id === decision.id)
          .map((d) => toDecision(d, s.snapshot.criteria));
        if (!view) throw new Error("the decision just written could not be read back");
        return { submissionId: id, status, sampled, decision: view };
      });
    },

    /** Submissions waiting for verification that I may verify (not my decisions, not mine or my team's). Audited. */
    async verificationQueue(actor: Actor, context: RequestContext): Promise<VerificationQueue> {
      assertVerifier(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const me = await personOf(tx, actor);
        const rows = await repo.listAwaitingVerification(tx, me);
        const total = await repo.countAwaitingVerification(tx);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "verification.queue_viewed",
          subjectType: "portfolio_submission",
          details: { rows: rows.length },
        });
        return {
          items: rows.map((r) => ({
            ...toQueueItem(r, now),
            outcome: r.outcome,
            decidedAt: r.decidedAt.toISOString(),
          })),
          withheld: Math.max(0, total - rows.length),
        };
      });
    },

    /**
     * An internal verifier's verdict on the decision under review. Confirmed: it takes effect. Overturned: it is
     * superseded and the submission goes back to its assessor, who is emailed, to decide again.
     */
    async verify(
      actor: Actor,
      id: string,
      input: VerdictCreateInput,
      context: RequestContext,
    ): Promise<VerdictResult> {
      assertVerifier(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id, true);
        const s = row.submission;
        const decision = await repo.getCurrentDecision(tx, id);
        if (decision) assertCanVerify(actor, decision, await personOf(tx, actor), learnerOf(row));
        if (s.status !== "awaiting_verification" || !decision?.sampled)
          throw conflict(
            "This submission is not waiting for internal verification. Its decision may already have been verified.",
          );
        const verification = await repo.insertVerification(tx, {
          decisionId: decision.id,
          verifierId: actor.userId,
          outcome: input.outcome,
          rationale: input.rationale,
          verifiedAt: now,
        });
        if (!verification) throw conflict("This decision has already been verified.");
        let status: SubmissionStatus;
        if (input.outcome === "confirmed") {
          status = await takeEffect(tx, row, decision.outcome, ["awaiting_verification"], now);
        } else {
          await repo.supersedeDecision(tx, decision.id, now);
          const moved = await repo.setSubmissionStatus(tx, id, "overturned", ["awaiting_verification"], now);
          if (!moved) throw conflict("This submission changed while you were verifying it. Open it again.");
          status = "overturned";
          const assessorId = s.assessorId ?? decision.assessorId;
          const assessor = assessorId ? await repo.getPerson(tx, assessorId) : null;
          if (assessor)
            await mailer.enqueue(
              tx,
              emails.overturnedMessage(
                assessor.email,
                assessor.givenName,
                mailContext(row),
                submissionUrl(id),
              ),
            );
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: input.outcome === "confirmed" ? "verification.confirmed" : "verification.overturned",
          subjectType: "portfolio_submission",
          subjectId: id,
          details: {
            decisionId: decision.id,
            decisionOutcome: decision.outcome,
            assessorId: decision.assessorId,
            learnerId: row.learner.id,
            rationale: input.rationale,
          },
        });
        const me = await repo.getPerson(tx, actor.userId);
        return {
          submissionId: id,
          status,
          verification: {
            outcome: verification.outcome,
            rationale: verification.rationale,
            verifier: me ? { id: me.id, name: fullName(me) } : null,
            verifiedAt: verification.verifiedAt.toISOString(),
          },
        };
      });
    },

    /** Open submissions for platform administrators to allocate, filtered and paged, oldest first. Audited. */
    async allocationList(
      actor: Actor,
      query: AllocationQuery,
      context: RequestContext,
    ): Promise<AllocationPage> {
      assertAllocator(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const { rows, total } = await repo.listForAllocation(
          tx,
          {
            statuses: query.status ? [query.status] : [...OPEN_SUBMISSION_STATUSES],
            courseId: query.courseId,
            allocated: query.allocated === undefined ? undefined : query.allocated === "yes",
          },
          query.pageSize,
          (query.page - 1) * query.pageSize,
        );
        const courses = await repo.listCoursesWithSubmissions(tx, [...OPEN_SUBMISSION_STATUSES]);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.allocation_list_viewed",
          subjectType: "portfolio_submission",
          details: {
            filters: { courseId: query.courseId, status: query.status, allocated: query.allocated },
            page: query.page,
            rows: rows.length,
            total,
          },
        });
        return {
          items: rows.map((r) => toQueueItem(r, now)),
          total,
          page: query.page,
          pageSize: query.pageSize,
          courses,
        };
      });
    },

    /** Everyone who may be allocated work, with their open allocations and, for one submission, any conflict. */
    async assessorOptions(
      actor: Actor,
      submissionId: string | undefined,
      context: RequestContext,
    ): Promise<AssessorOptions> {
      assertAllocator(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = submissionId ? await submissionOr404(tx, submissionId) : null;
        const assessors = await repo.listAssessors(tx, now);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.assessors_listed",
          subjectType: submissionId ? "portfolio_submission" : "user",
          ...(submissionId ? { subjectId: submissionId } : {}),
          details: { rows: assessors.length },
        });
        return {
          submission: submissionId ? await queueItem(tx, submissionId, now) : null,
          assessors: assessors.map((a) => {
            const clash = row ? conflictBetween({ userId: a.id, teamId: a.teamId }, learnerOf(row)) : null;
            return {
              id: a.id,
              name: fullName(a),
              email: a.email,
              openAllocations: Number(a.openAllocations),
              conflict:
                clash === "self"
                  ? "This is their own portfolio"
                  : clash === "team"
                    ? "In the learner's team"
                    : row?.submission.assessorId === a.id
                      ? "Already allocated to them"
                      : null,
            };
          }),
        };
      });
    },

    /**
     * Allocates (or re-allocates) a submission waiting for an assessor, or one sent back by a verifier, to someone who
     * holds the assessor role now and may assess this learner; emails them.
     */
    async allocate(
      actor: Actor,
      id: string,
      input: AllocateInput,
      context: RequestContext,
    ): Promise<QueueItem> {
      assertAllocator(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id, true);
        const s = row.submission;
        const assessor = await repo.getActiveAssessor(tx, input.assessorId, now);
        if (!assessor) throw notAnAssessor();
        assertCanAllocateTo(
          fullName(assessor),
          { userId: assessor.id, teamId: assessor.teamId },
          learnerOf(row),
        );
        if (!DECIDABLE.includes(s.status))
          throw conflict(
            s.status === "awaiting_verification"
              ? "This submission has been decided and is waiting for internal verification, so it cannot be allocated."
              : "This submission has already been decided, so it cannot be allocated.",
          );
        if (s.assessorId === assessor.id)
          throw conflict(`This submission is already allocated to ${fullName(assessor)}.`);
        const updated = await repo.allocate(
          tx,
          id,
          { assessorId: assessor.id, allocatedBy: actor.userId, now },
          DECIDABLE,
        );
        if (!updated) throw conflict("This submission has just been decided, so it cannot be allocated.");
        await mailer.enqueue(
          tx,
          emails.allocatedMessage(assessor.email, assessor.givenName, mailContext(row), submissionUrl(id)),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.allocated",
          subjectType: "portfolio_submission",
          subjectId: id,
          details: {
            assessorId: assessor.id,
            previousAssessorId: s.assessorId,
            learnerId: row.learner.id,
            version: s.version,
          },
        });
        return queueItem(tx, id, now);
      });
    },

    /** How decisions are sampled for internal verification. */
    async settings(actor: Actor): Promise<VerificationSettings> {
      assertAllocator(actor);
      return settingsView(db);
    },

    /** Changes how decisions are sampled; audited with the values before and after. */
    async updateSettings(
      actor: Actor,
      input: VerificationSettingsUpdateInput,
      context: RequestContext,
    ): Promise<VerificationSettings> {
      assertAllocator(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const before = await repo.getSettings(tx);
        await repo.updateSettings(tx, { ...input, updatedBy: actor.userId, updatedAt: now });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "assessment.settings_changed",
          subjectType: "verification_settings",
          subjectId: "1",
          details: {
            from: {
              samplePercent: before.settings.samplePercent,
              newAssessorDecisions: before.settings.newAssessorDecisions,
            },
            to: input,
          },
        });
        return settingsView(tx);
      });
    },
  };
}

/** The assessment service's type. */
export type AssessmentService = ReturnType<typeof createAssessmentService>;
