import { createHash } from "node:crypto";
import { LEVEL_LABELS } from "../../../shared/catalogue.js";
import {
  type EvidenceCreateInput,
  type EvidenceFileFields,
  type EvidenceUpdateInput,
  isPortfolioLevel,
  type LearnerDecision,
  type PortfolioChange,
  type PortfolioStage,
  type PortfolioSubmitInput,
  type PortfolioSubmitted,
  type PortfolioView,
  SUBMISSION_DECLARATION,
  stageOfSubmission,
} from "../../../shared/portfolios.js";
import type { SubmissionSnapshot } from "../../db/schema/index.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, fieldError, notFound } from "../../platform/errors.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { isReadOnly } from "../enrolments/enrolments.service.js";
import { checkEvidenceFile } from "./evidence-files.js";
import { assertCanViewPortfolio, assertOwnsEnrolment, isOthersPortfolio } from "./portfolios.policy.js";
import * as repo from "./portfolios.repository.js";

type EnrolmentWithCourse = NonNullable<Awaited<ReturnType<typeof repo.getEnrolment>>>;

/** What learners are told when they try to change a portfolio that is with the assessor. */
export const WITH_ASSESSOR_MESSAGE =
  "Your portfolio is with the assessor; you can change it if it is referred back.";
const PASSED_MESSAGE = "Your portfolio has passed, so it can no longer be changed.";
const STALE_MESSAGE =
  "Your portfolio was changed in another tab — reload the page to see the latest version, then make your change again.";

/** The address that serves an evidence file to those allowed to see it. */
export function evidenceFileUrl(portfolioId: string, fileId: string): string {
  return `/api/portfolios/${portfolioId}/files/${fileId}`;
}

/** Why an enrolment's portfolio is read-only, or null when the enrolment is open for changes. */
function enrolmentLock(enrolment: EnrolmentWithCourse["enrolment"], now: Date): string | null {
  if (!isReadOnly(enrolment, now)) return null;
  if (enrolment.state === "deferred" || enrolment.startsAt.getTime() > now.getTime()) {
    return "Your course is deferred, so you cannot change your portfolio until it starts again. You can still look through it.";
  }
  return "Your access to this course has ended, so you can look through your portfolio but not change it. Your record is kept.";
}

/** Why a portfolio in this status cannot be changed, or null. */
function statusLock(status: repo.PortfolioRow["status"]): string | null {
  if (status === "submitted") return WITH_ASSESSOR_MESSAGE;
  if (status === "passed") return PASSED_MESSAGE;
  return null;
}

/** The learner's own enrolment on a course assessed by portfolio: 404 unknown, 403 someone else's, 422 wrong level. */
async function ownEnrolment(tx: Tx, actor: Actor, enrolmentId: string): Promise<EnrolmentWithCourse> {
  const found = await repo.getEnrolment(tx, enrolmentId);
  if (!found) throw notFound("The enrolment");
  assertOwnsEnrolment(actor, found.enrolment);
  if (!isPortfolioLevel(found.course.level)) {
    throw new AppError(
      422,
      "not_assessed_by_portfolio",
      `"${found.course.title}" is a ${LEVEL_LABELS[found.course.level]} course, which is not assessed by portfolio, so it has no portfolio.`,
    );
  }
  return found;
}

/** The portfolio of an enrolment, made on first open. */
async function portfolioOf(tx: Tx, found: EnrolmentWithCourse, lock: boolean): Promise<repo.PortfolioRow> {
  const existing = await repo.getPortfolioForEnrolment(tx, found.enrolment.id, { lock });
  if (existing) return existing;
  await repo.ensurePortfolio(tx, {
    enrolmentId: found.enrolment.id,
    userId: found.enrolment.userId,
    courseId: found.course.id,
  });
  const made = await repo.getPortfolioForEnrolment(tx, found.enrolment.id, { lock });
  if (!made) throw new Error("portfolio missing after insert");
  return made;
}

/**
 * The learner's portfolio, locked for a change: refused (409) when the enrolment is read-only, while the portfolio is
 * with the assessor or has passed, and when `revision` is not the current one (another tab changed it).
 */
async function writablePortfolio(tx: Tx, actor: Actor, enrolmentId: string, revision: number, now: Date) {
  const found = await ownEnrolment(tx, actor, enrolmentId);
  const readOnly = enrolmentLock(found.enrolment, now);
  if (readOnly) throw new AppError(409, "read_only", readOnly);
  const portfolio = await portfolioOf(tx, found, true);
  const locked = statusLock(portfolio.status);
  if (locked) throw new AppError(409, "portfolio_locked", locked);
  if (portfolio.revision !== revision) throw new AppError(409, "stale_revision", STALE_MESSAGE);
  return { found, portfolio };
}

/** Checks every criterion id belongs to the course; returns them without repeats. */
async function courseCriteria(tx: Tx, courseId: string, criterionIds: readonly string[]): Promise<string[]> {
  const known = new Set((await repo.listCriteria(tx, courseId)).map((c) => c.id));
  const unique = [...new Set(criterionIds)];
  if (unique.some((id) => !known.has(id))) {
    throw fieldError(
      "criterionIds",
      "One of the criteria you chose is no longer part of this course. Reload the page and choose again.",
    );
  }
  return unique;
}

/** PostgreSQL error code of a database error (Drizzle wraps the driver's error in `cause`), or null. */
function pgErrorCode(error: unknown): string | null {
  let current: unknown = error;
  while (typeof current === "object" && current !== null) {
    if ("code" in current && typeof current.code === "string" && /^[0-9A-Z]{5}$/.test(current.code)) {
      return current.code;
    }
    current = "cause" in current ? current.cause : null;
  }
  return null;
}

/** Runs a change that maps evidence; a criterion deleted at the same moment becomes a 409 rather than a 500. */
async function mapping<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === "23503") {
      throw conflict(
        "The course's criteria changed just now. Reload the page and choose the criteria again.",
      );
    }
    throw error;
  }
}

/** A decision as the learner may see it: a sampled one still being verified shows no outcome. */
function learnerDecision(
  decision: Awaited<ReturnType<typeof repo.listDecisions>>[number],
  submission: repo.SubmissionRow,
): LearnerDecision {
  const criteria = new Map(submission.snapshot.criteria.map((c) => [c.id, c]));
  const base = { id: decision.id, decidedAt: decision.decidedAt.toISOString() };
  if (decision.supersededAt === null && decision.sampled && submission.status === "awaiting_verification") {
    return { ...base, state: "being_quality_checked", outcome: null, feedback: null, criteria: [] };
  }
  return {
    ...base,
    state: decision.supersededAt === null ? "standing" : "overturned",
    outcome: decision.outcome,
    feedback: decision.feedback,
    criteria: decision.criteria.map((j) => ({
      criterionId: j.criterionId,
      code: criteria.get(j.criterionId)?.code ?? "",
      statement: criteria.get(j.criterionId)?.statement ?? "",
      decision: j.decision,
      feedback: j.feedback,
    })),
  };
}

/** Everything the learner's pages show about their portfolio. */
async function buildView(
  tx: Tx,
  found: EnrolmentWithCourse,
  portfolio: repo.PortfolioRow,
  now: Date,
): Promise<PortfolioView> {
  const courseId = found.course.id;
  const [units, outcomes, criteria, evidence, mappings, submissions] = await Promise.all([
    repo.listUnits(tx, courseId),
    repo.listOutcomes(tx, courseId),
    repo.listCriteria(tx, courseId),
    repo.listEvidence(tx, portfolio.id),
    repo.listMappings(tx, portfolio.id),
    repo.listSubmissions(tx, portfolio.id),
  ]);
  const decisions = await repo.listDecisions(
    tx,
    submissions.map((s) => s.id),
  );
  const evidenceByCriterion = new Map<string, string[]>();
  const criteriaByEvidence = new Map<string, string[]>();
  for (const { evidenceId, criterionId } of mappings) {
    evidenceByCriterion.set(criterionId, [...(evidenceByCriterion.get(criterionId) ?? []), evidenceId]);
    criteriaByEvidence.set(evidenceId, [...(criteriaByEvidence.get(evidenceId) ?? []), criterionId]);
  }
  const order = new Map(criteria.map((c, index) => [c.id, index]));
  const evidenceOrder = new Map(evidence.map((e, index) => [e.evidence.id, index]));
  const missing = criteria.filter((c) => !evidenceByCriterion.has(c.id));
  const latest = submissions[0];
  const stage: PortfolioStage = latest ? stageOfSubmission(latest.status) : "not_submitted";
  const lockedReason = enrolmentLock(found.enrolment, now) ?? statusLock(portfolio.status);
  return {
    id: portfolio.id,
    enrolmentId: found.enrolment.id,
    revision: portfolio.revision,
    status: portfolio.status,
    stage,
    editable: lockedReason === null,
    lockedReason,
    course: found.course,
    units: units.map((unit, unitIndex) => ({
      id: unit.id,
      position: unitIndex + 1,
      title: unit.title,
      summary: unit.summary,
      outcomes: outcomes
        .filter((o) => o.unitId === unit.id)
        .map((outcome, outcomeIndex) => ({
          id: outcome.id,
          position: outcomeIndex + 1,
          title: outcome.title,
          criteria: criteria
            .filter((c) => c.outcomeId === outcome.id)
            .map((c) => ({
              id: c.id,
              code: c.code,
              statement: c.statement,
              learnerGuidance: c.learnerGuidance,
              evidenceIds: (evidenceByCriterion.get(c.id) ?? []).sort(
                (a, b) => (evidenceOrder.get(a) ?? 0) - (evidenceOrder.get(b) ?? 0),
              ),
            })),
        })),
    })),
    evidence: evidence.map(({ evidence: item, file }) => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      body: item.body,
      html: renderMarkdown(item.body),
      url: item.url,
      file: file ? { ...file, url: evidenceFileUrl(portfolio.id, file.id) } : null,
      criterionIds: (criteriaByEvidence.get(item.id) ?? []).sort(
        (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
      ),
      createdAt: item.createdAt.toISOString(),
      updatedAt: item.updatedAt.toISOString(),
    })),
    coverage: {
      criteria: criteria.length,
      covered: criteria.length - missing.length,
      missing: missing.map((c) => ({ id: c.id, code: c.code, statement: c.statement })),
    },
    declaration: SUBMISSION_DECLARATION,
    versions: submissions.map((submission) => ({
      id: submission.id,
      version: submission.version,
      submittedAt: submission.submittedAt.toISOString(),
      status: submission.status,
      stage: stageOfSubmission(submission.status),
      declaration: submission.declaration,
      evidenceCount: submission.snapshot.evidence.length,
      criteriaCount: submission.snapshot.criteria.length,
      decisions: decisions
        .filter((d) => d.submissionId === submission.id)
        .map((d) => learnerDecision(d, submission)),
    })),
  };
}

/** The view after a change, in the change's transaction. */
async function changed(
  tx: Tx,
  found: EnrolmentWithCourse,
  portfolioId: string,
  evidenceId: string | null,
  now: Date,
): Promise<PortfolioChange> {
  const portfolio = await repo.getPortfolio(tx, portfolioId);
  if (!portfolio) throw new Error("portfolio vanished while being changed");
  return { evidenceId, portfolio: await buildView(tx, found, portfolio, now) };
}

/**
 * The learner's portfolio for an enrolment, made the first time it is opened: criteria with the evidence offered
 * against each, the evidence, coverage, status and every submitted version with its decisions. Only the enrolment's
 * learner; assessors, verifiers and administrators read portfolios through their own views.
 */
export async function openPortfolio(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  now = new Date(),
): Promise<PortfolioView> {
  const found = await ownEnrolment(db, actor, enrolmentId);
  const portfolio = await portfolioOf(db, found, false);
  return buildView(db, found, portfolio, now);
}

/**
 * Checks, before a file's bytes are read, that the actor could add evidence to this portfolio now, so a refused
 * upload fails at once rather than after 20 MB. The upload itself checks everything again in its transaction.
 */
export async function assertCanAddEvidence(db: Db, actor: Actor, enrolmentId: string, now = new Date()) {
  const found = await ownEnrolment(db, actor, enrolmentId);
  const readOnly = enrolmentLock(found.enrolment, now);
  if (readOnly) throw new AppError(409, "read_only", readOnly);
  const portfolio = await repo.getPortfolioForEnrolment(db, enrolmentId);
  const locked = portfolio ? statusLock(portfolio.status) : null;
  if (locked) throw new AppError(409, "portfolio_locked", locked);
}

/** Adds a written reflection or a link, mapped to one or more of the course's criteria. */
export async function addEvidence(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  input: EvidenceCreateInput,
  now = new Date(),
): Promise<PortfolioChange> {
  return mapping(() =>
    db.transaction(async (tx) => {
      const { found, portfolio } = await writablePortfolio(tx, actor, enrolmentId, input.revision, now);
      const criterionIds = await courseCriteria(tx, found.course.id, input.criterionIds);
      const evidenceId = await repo.insertEvidence(tx, {
        portfolioId: portfolio.id,
        kind: input.kind,
        title: input.title,
        body: input.body,
        url: input.kind === "link" ? input.url : null,
        position: await repo.nextEvidencePosition(tx, portfolio.id),
      });
      await repo.setMapping(tx, evidenceId, criterionIds);
      await repo.bumpRevision(tx, portfolio.id);
      return changed(tx, found, portfolio.id, evidenceId, now);
    }),
  );
}

/** An uploaded evidence file as the route read it. */
export interface EvidenceUpload {
  filename: string;
  bytes: Buffer;
}

/**
 * Adds a file as evidence once its bytes are checked (type by content, matching its name; no programs or macros;
 * 20 MB at most), storing the bytes and the item in one transaction.
 */
export async function addFileEvidence(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  fields: EvidenceFileFields,
  upload: EvidenceUpload,
  now = new Date(),
): Promise<PortfolioChange> {
  const type = await checkEvidenceFile(upload.filename, upload.bytes);
  return mapping(() =>
    db.transaction(async (tx) => {
      const { found, portfolio } = await writablePortfolio(tx, actor, enrolmentId, fields.revision, now);
      const criterionIds = await courseCriteria(tx, found.course.id, fields.criterionIds);
      const fileId = await repo.insertFile(tx, {
        filename: upload.filename,
        contentType: type.contentType,
        sizeBytes: upload.bytes.length,
        sha256: createHash("sha256").update(upload.bytes).digest("hex"),
        content: upload.bytes,
        purpose: "portfolio_evidence",
        uploadedBy: actor.userId,
      });
      const evidenceId = await repo.insertEvidence(tx, {
        portfolioId: portfolio.id,
        kind: "file",
        title: fields.title,
        body: fields.body,
        fileId,
        position: await repo.nextEvidencePosition(tx, portfolio.id),
      });
      await repo.setMapping(tx, evidenceId, criterionIds);
      await repo.bumpRevision(tx, portfolio.id);
      return changed(tx, found, portfolio.id, evidenceId, now);
    }),
  );
}

/** Changes a piece of evidence's title, text, mapping, and a link's address (autosave uses this too). */
export async function updateEvidence(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  evidenceId: string,
  input: EvidenceUpdateInput,
  now = new Date(),
): Promise<PortfolioChange> {
  return mapping(() =>
    db.transaction(async (tx) => {
      const { found, portfolio } = await writablePortfolio(tx, actor, enrolmentId, input.revision, now);
      const item = await repo.getEvidence(tx, portfolio.id, evidenceId);
      if (!item) throw notFound("The evidence");
      if (item.kind === "reflection" && input.body === "") throw fieldError("body", "Enter your reflection");
      if (item.kind !== "link" && input.url !== undefined) {
        throw fieldError("url", "Only links have a web address. Remove it and try again.");
      }
      const criterionIds = await courseCriteria(tx, found.course.id, input.criterionIds);
      await repo.updateEvidence(tx, evidenceId, {
        title: input.title,
        body: input.body,
        url: item.kind === "link" ? (input.url ?? item.url) : null,
      });
      await repo.setMapping(tx, evidenceId, criterionIds);
      await repo.bumpRevision(tx, portfolio.id);
      return changed(tx, found, portfolio.id, evidenceId, now);
    }),
  );
}

/** Removes a piece of evidence; a file's bytes go too unless a submitted version still refers to them. */
export async function deleteEvidence(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  evidenceId: string,
  revision: number,
  now = new Date(),
): Promise<PortfolioChange> {
  return db.transaction(async (tx) => {
    const { found, portfolio } = await writablePortfolio(tx, actor, enrolmentId, revision, now);
    const item = await repo.getEvidence(tx, portfolio.id, evidenceId);
    if (!item) throw notFound("The evidence");
    await repo.deleteEvidence(tx, evidenceId);
    if (item.fileId && !(await repo.snapshotsHoldFile(tx, portfolio.id, item.fileId))) {
      await repo.deleteFile(tx, item.fileId);
    }
    await repo.bumpRevision(tx, portfolio.id);
    return changed(tx, found, portfolio.id, null, now);
  });
}

/** The criteria and evidence as they stand, kept with the submitted version. */
async function takeSnapshot(tx: Tx, courseId: string, portfolioId: string): Promise<SubmissionSnapshot> {
  const [units, outcomes, criteria, evidence, mappings] = await Promise.all([
    repo.listUnits(tx, courseId),
    repo.listOutcomes(tx, courseId),
    repo.listCriteria(tx, courseId),
    repo.listEvidence(tx, portfolioId),
    repo.listMappings(tx, portfolioId),
  ]);
  const unitTitle = new Map(units.map((u) => [u.id, u.title]));
  const outcomeById = new Map(outcomes.map((o) => [o.id, o]));
  return {
    criteria: criteria.map((c) => {
      const outcome = outcomeById.get(c.outcomeId);
      return {
        id: c.id,
        code: c.code,
        statement: c.statement,
        unitTitle: outcome ? (unitTitle.get(outcome.unitId) ?? "") : "",
        outcomeTitle: outcome?.title ?? "",
      };
    }),
    evidence: evidence.map(({ evidence: item, file }) => ({
      id: item.id,
      kind: item.kind,
      title: item.title,
      body: item.body,
      url: item.url,
      fileId: item.fileId,
      filename: file?.filename ?? null,
      contentType: file?.contentType ?? null,
      sizeBytes: file?.sizeBytes ?? null,
      criterionIds: mappings.filter((m) => m.evidenceId === item.id).map((m) => m.criterionId),
    })),
  };
}

/**
 * Submits the portfolio for assessment with the learner's declaration: refused (422) without the declaration or
 * while any criterion has no evidence. Makes the next numbered version, with a snapshot of the criteria and evidence,
 * waiting for an assessor; the portfolio locks until it is referred back. Audited.
 */
export async function submitPortfolio(
  db: Db,
  actor: Actor,
  enrolmentId: string,
  input: PortfolioSubmitInput,
  context: RequestContext,
  now = new Date(),
): Promise<PortfolioSubmitted> {
  return db.transaction(async (tx) => {
    const { found, portfolio } = await writablePortfolio(tx, actor, enrolmentId, input.revision, now);
    if (input.declaration !== true) {
      const message = "Confirm the declaration that this portfolio is your own work";
      throw new AppError(422, "declaration_required", `${message}.`, [{ field: "declaration", message }]);
    }
    const snapshot = await takeSnapshot(tx, found.course.id, portfolio.id);
    if (snapshot.criteria.length === 0) {
      throw new AppError(
        422,
        "no_criteria",
        "This course has no assessment criteria yet, so there is nothing to submit against. Contact the support team.",
      );
    }
    const covered = new Set(snapshot.evidence.flatMap((e) => e.criterionIds));
    const missing = snapshot.criteria.filter((c) => !covered.has(c.id));
    if (missing.length > 0) {
      const list = missing.map((c) => `${c.code} ${c.statement}`);
      throw new AppError(
        422,
        "criteria_without_evidence",
        missing.length === 1
          ? `Add evidence for criterion ${list[0]} before you submit.`
          : `Add evidence for these ${missing.length} criteria before you submit: ${missing.map((c) => c.code).join(", ")}.`,
        missing.map((c) => ({
          field: `criterion-${c.id}`,
          message: `Add evidence for ${c.code}: ${c.statement}`,
        })),
      );
    }
    const version = await repo.nextVersion(tx, portfolio.id);
    const submission = await repo.insertSubmission(tx, {
      portfolioId: portfolio.id,
      version,
      snapshot,
      declaration: SUBMISSION_DECLARATION,
      submittedAt: now,
      status: "awaiting_assessment",
    });
    await repo.bumpRevision(tx, portfolio.id, "submitted");
    await recordAudit(tx, context, {
      actorUserId: actor.userId,
      action: "portfolios.submitted",
      subjectType: "portfolio",
      subjectId: portfolio.id,
      details: {
        enrolmentId,
        courseId: found.course.id,
        version,
        submissionId: submission.id,
        evidence: snapshot.evidence.length,
      },
    });
    const { portfolio: view } = await changed(tx, found, portfolio.id, null, now);
    return { version, submittedAt: submission.submittedAt.toISOString(), portfolio: view };
  });
}

/** An evidence file ready to send. */
export interface EvidenceFileContent {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/**
 * An evidence file of a portfolio, for the learner, any assessor of one of its versions, internal verifiers and
 * platform administrators (canViewPortfolio). The file must be evidence in the portfolio now or in one of its
 * submitted versions. Everyone else gets the same 404 as for a file that does not exist. Someone else's file is
 * audited.
 */
export async function readEvidenceFile(
  db: Db,
  actor: Actor,
  portfolioId: string,
  fileId: string,
  context: RequestContext,
): Promise<EvidenceFileContent> {
  const portfolio = await repo.getPortfolio(db, portfolioId);
  if (!portfolio) throw notFound("The file");
  assertCanViewPortfolio(actor, portfolio, await repo.listAllocations(db, portfolioId));
  if (!(await repo.portfolioHoldsFile(db, portfolioId, fileId))) throw notFound("The file");
  const [meta, bytes] = await Promise.all([repo.getFileMeta(db, fileId), repo.readFileContent(db, fileId)]);
  if (!meta || !bytes) throw notFound("The file");
  if (isOthersPortfolio(actor, portfolio)) {
    await recordAudit(db, context, {
      actorUserId: actor.userId,
      action: "portfolios.evidence_file_viewed",
      subjectType: "portfolio",
      subjectId: portfolioId,
      details: { fileId, filename: meta.filename, learnerUserId: portfolio.userId },
    });
  }
  return { filename: meta.filename, contentType: meta.contentType, bytes };
}

/**
 * True when a stored file is portfolio evidence (now or in a submitted version): such files are served only by
 * GET /api/portfolios/:portfolioId/files/:fileId, never by the course-file route.
 */
export async function isPortfolioEvidenceFile(tx: Tx, fileId: string): Promise<boolean> {
  return repo.isEvidenceFile(tx, fileId);
}
