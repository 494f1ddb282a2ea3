import type { CaseStudyDocument } from "../../../shared/case-study.js";
import { CASE_STUDY_SECTION_TEXT, CASE_STUDY_SECTIONS } from "../../../shared/projects.js";
import {
  checkRecognitionDecision,
  RECOGNITION_CPD_POINTS,
  RECOGNITION_RUBRIC,
  RECOGNITION_RUBRIC_VERSION,
  type RecognitionAdminList,
  type RecognitionAllocateInput,
  type RecognitionCertificate,
  type RecognitionDecisionCreateInput,
  type RecognitionDecisionResult,
  type RecognitionDecisionView,
  type RecognitionOverview,
  type RecognitionQueue,
  type RecognitionQueueItem,
  type RecognitionSubmissionDetail,
  type RecognitionSubmitInput,
  type RecognitionVersion,
  RUBRIC_SCORE_LABELS,
  type RubricScore,
} from "../../../shared/recognition.js";
import type { RubricJudgement } from "../../db/schema/index.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { conflictBetween, holds, type Person } from "../assessment/assessment.policy.js";
import { generateCertificateCode } from "../certificates/certificate-code.js";
import { loadCaseStudyDocument } from "../projects/case-study-document.js";
import { renderCaseStudyPdf } from "../projects/case-study-pdf.js";
import { assertCanEdit, assertCanManage, loadProjectAccess } from "../projects/project-access.js";
import { aimSummary, consentingAuthors, searchTextOf, stripTeam } from "./library-entry.js";
import * as emails from "./recognition.emails.js";
import * as repo from "./recognition.repository.js";

/** What the recognition service needs. */
export interface RecognitionDeps {
  db: Db;
  config: AppConfig;
  mailer: Mailer;
  now?: () => Date;
}

/** What a submission freezes: the case study as it stood and the rubric it is judged against. */
export interface RecognitionSnapshot {
  rubricVersion: string;
  document: CaseStudyDocument;
}

/** The most unallocated case studies the pick-up list shows at once, and rows in the administrators' list. */
const LIST_LIMIT = 200;

const iso = (at: Date | null) => at?.toISOString() ?? null;
const fullName = (p: { givenName: string; familyName: string }) => `${p.givenName} ${p.familyName}`.trim();
const nameOrNull = (id: string | null, given: string | null, family: string | null) =>
  id && given !== null ? { id, name: `${given} ${family ?? ""}`.trim() } : null;

/** The snapshot as stored (jsonb) read back as what submit wrote. */
function snapshotOf(stored: Record<string, unknown>): RecognitionSnapshot {
  // Written only by submit() below, in this shape; the column type is deliberately loose (schema is shared).
  return stored as unknown as RecognitionSnapshot;
}

function decisionView(d: {
  outcome: "pass" | "refer";
  scores: RubricJudgement[];
  feedback: string;
  decidedAt: Date;
}): RecognitionDecisionView {
  const titles = new Map(RECOGNITION_RUBRIC.criteria.map((c) => [c.id, c.title]));
  return {
    outcome: d.outcome,
    scores: d.scores.map((s) => ({
      criterionId: s.criterionId,
      title: titles.get(s.criterionId) ?? s.criterionId,
      score: s.score,
      scoreLabel: RUBRIC_SCORE_LABELS[s.score as RubricScore] ?? String(s.score),
      feedback: s.feedback,
    })),
    feedback: d.feedback,
    decidedAt: d.decidedAt.toISOString(),
  };
}

function versionView(row: repo.VersionRow): RecognitionVersion {
  const s = row.submission;
  return {
    id: s.id,
    version: s.version,
    status: s.status,
    submittedAt: s.submittedAt.toISOString(),
    rubricVersion: snapshotOf(s.snapshot).rubricVersion ?? RECOGNITION_RUBRIC_VERSION,
    decision: row.decision ? decisionView(row.decision) : null,
  };
}

function queueItem(row: repo.QueueRow): RecognitionQueueItem {
  return {
    submissionId: row.submissionId,
    projectId: row.projectId,
    projectTitle: row.projectTitle,
    version: row.version,
    status: row.status,
    submittedAt: row.submittedAt.toISOString(),
    allocatedAt: iso(row.allocatedAt),
    assessor: nameOrNull(row.assessorId, row.assessorGivenName, row.assessorFamilyName),
    setting: row.setting,
    topic: row.topic,
  };
}

/** 422: the decision cannot stand as it is; one detail per field to change. */
function decisionRefused(problems: { field: string; message: string }[]): AppError {
  const message =
    problems.length === 1
      ? (problems[0]?.message ?? "")
      : `There are ${problems.length} problems with this decision. ${problems.map((p) => p.message).join(". ")}.`;
  return new AppError(422, "decision_refused", message, problems);
}

/** Queue, pick-up and decisions: assessors only. */
function assertAssessor(actor: Actor): void {
  if (!holds(actor, "assessor"))
    throw forbidden("Only assessors can see the case-study queue and assess case studies for recognition.");
}

/** Allocation and the full list: platform administrators only. */
function assertAdmin(actor: Actor): void {
  if (!holds(actor, "platform_admin"))
    throw forbidden("Only platform administrators can see every case study and allocate them to assessors.");
}

/** Why `person` may not judge a project with this team: they are on it, or someone of their team is. */
function teamConflict(person: Person, team: repo.TeamRow[]): "self" | "team" | null {
  let found: "self" | "team" | null = null;
  for (const m of team) {
    const c = conflictBetween(person, { userId: m.userId, teamId: m.teamId });
    if (c === "self") return "self";
    if (c === "team") found = "team";
  }
  return found;
}

function assertNoConflict(person: Person, team: repo.TeamRow[], who = "You"): void {
  const c = teamConflict(person, team);
  if (c === "self")
    throw forbidden(
      `${who === "You" ? "You are" : `${who} is`} on this project's team, so cannot assess it. ${who === "You" ? "A platform administrator will allocate it to another assessor." : "Choose another assessor."}`,
    );
  if (c === "team")
    throw forbidden(
      `${who === "You" ? "Someone in your team is" : `Someone in ${who}'s team is`} on this project's team, so ${who === "You" ? "you" : "they"} cannot assess it. ${who === "You" ? "A platform administrator will allocate it to another assessor." : "Choose another assessor."}`,
    );
}

/**
 * Recognition of improvement projects: a lead submits the frozen case study; an assessor (allocated or picking it up,
 * never on their own or their team's project) scores it against the published rubric and recognises it or refers it
 * back. A recognition issues certificates and CPD points to the team and, with their consent, publishes the case
 * study in the public library. The same state machine as portfolio assessment, without internal verification.
 */
export function createRecognitionService(deps: RecognitionDeps) {
  const { db, config, mailer } = deps;
  const clock = deps.now ?? (() => new Date());
  const projectUrl = (id: string) => `${config.publicUrl}/projects/${encodeURIComponent(id)}/recognition`;
  const assessUrl = (id: string) => `${config.publicUrl}/assessment/case-studies/${encodeURIComponent(id)}`;
  const verifyUrl = (code: string) => `${config.publicUrl}/verify/${code}`;

  async function personOf(tx: Tx, actor: Actor): Promise<Person> {
    const me = await repo.getPerson(tx, actor.userId);
    if (!me) throw notFound("Your account");
    return { userId: me.id, teamId: me.teamId };
  }

  async function submissionOr404(tx: Tx, id: string, lock = false) {
    const row = await repo.getSubmission(tx, id, lock);
    if (!row) throw notFound("The case study submission");
    return row;
  }

  /** What is still missing before the project can be submitted, as labelled checks. */
  async function prerequisites(tx: Tx, projectId: string) {
    const sections = await repo.getSections(tx, projectId);
    const kinds = await repo.measureKindsWithData(tx, projectId);
    return [
      ...CASE_STUDY_SECTIONS.map((s) => ({
        id: `section-${s}`,
        label: `Write the "${CASE_STUDY_SECTION_TEXT[s].heading}" section of the write-up`,
        met: (sections[s] ?? "").trim().length > 0,
      })),
      {
        id: "measure-with-data",
        label: "Add at least one measure with data",
        met: kinds.length > 0,
      },
    ];
  }

  /**
   * Writes (or rewrites) the project's library entry from the submission that passed and the team's consents now.
   * Only called when the project is recognised and the team consents.
   */
  async function publish(tx: Tx, project: repo.ProjectRow, recognitionId: string, submissionId: string) {
    const stored = await repo.getSnapshot(tx, submissionId);
    if (!stored) throw new Error("the recognised submission has no snapshot");
    const { document } = snapshotOf(stored);
    const team = await repo.listTeam(tx, project.id);
    const content = stripTeam(document, team) as Record<string, unknown>;
    const measureKinds = [...new Set((document.charts ?? []).map((c) => c.kind))].sort();
    const title = document.project?.title ?? project.title;
    await repo.upsertLibraryEntry(tx, {
      projectId: project.id,
      recognitionId,
      title,
      summary: aimSummary({
        what: document.project?.aimWhat ?? project.aimWhat,
        howMuch: document.project?.aimHowMuch ?? project.aimHowMuch,
        byWhen: document.project?.aimByWhen ?? project.aimByWhen,
      }),
      setting: project.setting,
      topic: project.topic,
      measureKinds: measureKinds.length > 0 ? measureKinds : await repo.measureKindsWithData(tx, project.id),
      organisationName: project.organisationName,
      authors: consentingAuthors(team),
      content,
      searchText: searchTextOf(title, content),
    });
  }

  /** Pass: recognition, a certificate and CPD points per current team member, and the library entry with consent. */
  async function recognise(tx: Tx, project: repo.ProjectRow, submissionId: string, now: Date) {
    const recognition = await repo.insertRecognition(tx, {
      projectId: project.id,
      submissionId,
      cpdPoints: RECOGNITION_CPD_POINTS,
      now,
    });
    const team = await repo.listTeam(tx, project.id);
    await repo.insertCertificates(
      tx,
      team.map((m) => ({
        code: generateCertificateCode(),
        recognitionId: recognition.id,
        userId: m.userId,
        certificateName: m.certificateName.trim() || fullName(m),
        projectTitle: project.title,
        cpdPoints: RECOGNITION_CPD_POINTS,
        issuedAt: now,
      })),
    );
    const inLibrary = project.libraryConsentAt !== null;
    if (inLibrary) await publish(tx, project, recognition.id, submissionId);
    return { certificatesIssued: team.length, inLibrary, team };
  }

  function certificateView(c: {
    id: string;
    code: string;
    certificateName: string;
    projectTitle: string;
    cpdPoints: number;
    issuedAt: Date;
    state: string;
  }): RecognitionCertificate {
    return {
      id: c.id,
      code: c.code,
      certificateName: c.certificateName,
      projectTitle: c.projectTitle,
      cpdPoints: c.cpdPoints,
      issuedAt: c.issuedAt.toISOString(),
      state: c.state,
      verifyUrl: verifyUrl(c.code),
    };
  }

  async function overviewIn(tx: Tx, actor: Actor, projectId: string): Promise<RecognitionOverview> {
    const access = await loadProjectAccess(tx, projectId, actor);
    const project = await repo.getProject(tx, projectId);
    if (!project) throw notFound("The project");
    const versions = await repo.listVersions(tx, projectId);
    const recognition = await repo.getRecognition(tx, projectId);
    const checks = await prerequisites(tx, projectId);
    const latest = versions.at(-1)?.submission ?? null;
    const seesDetail = access.isMember || access.isAdmin;
    const team = seesDetail ? await repo.listTeam(tx, projectId) : [];
    const me = team.find((m) => m.userId === actor.userId);
    const open = latest?.status === "awaiting_assessment";
    return {
      projectId,
      projectTitle: project.title,
      canSubmit: access.isLead && !open && recognition === null && checks.every((c) => c.met),
      isLead: access.isLead,
      isMember: access.isMember,
      prerequisites: seesDetail ? checks : [],
      status: recognition ? "passed" : (latest?.status ?? "not_submitted"),
      recognised: recognition
        ? {
            recognisedAt: recognition.recognisedAt.toISOString(),
            cpdPoints: recognition.cpdPoints,
            inLibrary: await repo.hasLibraryEntry(tx, projectId),
          }
        : null,
      libraryConsent: {
        given: project.libraryConsentAt !== null,
        at: iso(project.libraryConsentAt),
        by:
          seesDetail && project.libraryConsentByGiven !== null
            ? `${project.libraryConsentByGiven} ${project.libraryConsentByFamily ?? ""}`.trim()
            : null,
      },
      myNameInLibrary: me ? me.nameInLibrary : null,
      versions: seesDetail ? versions.map(versionView) : [],
      certificates: seesDetail
        ? (await repo.listProjectCertificates(tx, projectId)).map((r) => certificateView(r.certificate))
        : [],
      rubricVersion: RECOGNITION_RUBRIC_VERSION,
      cpdPoints: RECOGNITION_CPD_POINTS,
    };
  }

  return {
    /** The recognition page: prerequisites, status, versions with decisions (team only), consent, certificates. */
    async overview(actor: Actor, projectId: string): Promise<RecognitionOverview> {
      return db.transaction((tx) => overviewIn(tx, actor, projectId));
    },

    /**
     * A lead submits the case study: prerequisites met (422 naming each missing one), nothing waiting and not already
     * recognised (409). Freezes the case-study document and the rubric version; records the team's library consent.
     */
    async submit(
      actor: Actor,
      projectId: string,
      input: RecognitionSubmitInput,
      context: RequestContext,
    ): Promise<RecognitionOverview> {
      const now = clock();
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanManage(access);
        const project = await repo.getProject(tx, projectId, true);
        if (!project) throw notFound("The project");
        if (await repo.getRecognition(tx, projectId))
          throw conflict("This project has already been recognised, so it cannot be submitted again.");
        const versions = await repo.listVersions(tx, projectId);
        if (versions.some((v) => v.submission.status === "awaiting_assessment"))
          throw conflict(
            "This project's case study is already waiting for assessment. You can submit again if it is referred back.",
          );
        const missing = (await prerequisites(tx, projectId)).filter((c) => !c.met);
        if (missing.length > 0)
          throw new AppError(
            422,
            "not_ready_to_submit",
            `Before you submit: ${missing.map((m) => m.label[0]?.toLowerCase() + m.label.slice(1)).join("; ")}.`,
            missing.map((m) => ({ field: m.id, message: m.label })),
          );
        const document = await loadCaseStudyDocument(tx, projectId);
        const snapshot: RecognitionSnapshot = { rubricVersion: RECOGNITION_RUBRIC_VERSION, document };
        const version = (versions.at(-1)?.submission.version ?? 0) + 1;
        const submission = await repo.insertSubmission(tx, {
          projectId,
          version,
          snapshot: snapshot as unknown as Record<string, unknown>,
          submittedBy: actor.userId,
          now,
        });
        if (input.libraryConsent !== (project.libraryConsentAt !== null))
          await repo.setLibraryConsent(
            tx,
            projectId,
            input.libraryConsent ? actor.userId : null,
            input.libraryConsent ? now : null,
          );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.submitted",
          subjectType: "project_submission",
          subjectId: submission.id,
          details: { projectId, version, libraryConsent: input.libraryConsent },
        });
        return overviewIn(tx, actor, projectId);
      });
    },

    /**
     * A lead gives or withdraws the team's consent to the public library. Given after recognition, the entry is
     * published at once; withdrawn, the entry is removed at once.
     */
    async setLibraryConsent(
      actor: Actor,
      projectId: string,
      consent: boolean,
      context: RequestContext,
    ): Promise<RecognitionOverview> {
      const now = clock();
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanManage(access);
        const project = await repo.getProject(tx, projectId, true);
        if (!project) throw notFound("The project");
        let removed = false;
        if (consent && project.libraryConsentAt === null) {
          await repo.setLibraryConsent(tx, projectId, actor.userId, now);
          const recognition = await repo.getRecognition(tx, projectId);
          if (recognition)
            await publish(
              tx,
              { ...project, libraryConsentAt: now },
              recognition.id,
              recognition.submissionId,
            );
        } else if (!consent) {
          await repo.setLibraryConsent(tx, projectId, null, null);
          removed = await repo.deleteLibraryEntry(tx, projectId);
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: consent ? "recognition.library_consent_given" : "recognition.library_consent_withdrawn",
          subjectType: "improvement_project",
          subjectId: projectId,
          details: { removedFromLibrary: removed },
        });
        return overviewIn(tx, actor, projectId);
      });
    },

    /** A member chooses whether they are named as an author; a published entry's authors follow at once. */
    async setNameConsent(
      actor: Actor,
      projectId: string,
      nameInLibrary: boolean,
    ): Promise<RecognitionOverview> {
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        const project = await repo.getProject(tx, projectId, true);
        if (!project) throw notFound("The project");
        await repo.setNameInLibrary(tx, projectId, actor.userId, nameInLibrary);
        const recognition = await repo.getRecognition(tx, projectId);
        if (recognition && (await repo.hasLibraryEntry(tx, projectId)))
          await publish(tx, project, recognition.id, recognition.submissionId);
        return overviewIn(tx, actor, projectId);
      });
    },

    /** The assessor's case-study queue: allocated to me, and unallocated ones I may take. Audited. */
    async queue(actor: Actor, context: RequestContext): Promise<RecognitionQueue> {
      assertAssessor(actor);
      return db.transaction(async (tx) => {
        const me = await personOf(tx, actor);
        const allocated = await repo.listAllocatedTo(tx, actor.userId);
        const available = await repo.listAvailableFor(tx, me, LIST_LIMIT);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.queue_viewed",
          subjectType: "project_submission",
          details: { rows: allocated.length + available.length },
        });
        return { allocated: allocated.map(queueItem), available: available.map(queueItem) };
      });
    },

    /** An assessor takes an unallocated case study; of two at once, one gets it and the other a 409. */
    async pickUp(actor: Actor, id: string, context: RequestContext): Promise<RecognitionQueueItem> {
      assertAssessor(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id);
        assertNoConflict(await personOf(tx, actor), await repo.listTeam(tx, row.submission.projectId));
        const taken = await repo.pickUp(tx, id, actor.userId, now);
        if (!taken) {
          const latest = await submissionOr404(tx, id);
          if (latest.submission.assessorId === actor.userId)
            throw conflict("You have already picked this case study up. It is in your queue.");
          if (latest.submission.assessorId !== null)
            throw conflict(
              "Another assessor has just picked this case study up. Choose another from the list.",
            );
          throw conflict("This case study is no longer waiting for an assessor, so it cannot be picked up.");
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.picked_up",
          subjectType: "project_submission",
          subjectId: id,
          details: { projectId: row.submission.projectId, version: row.submission.version },
        });
        const [item] = (await repo.listAllocatedTo(tx, actor.userId)).filter((r) => r.submissionId === id);
        if (!item) throw new Error("the case study just picked up could not be read back");
        return queueItem(item);
      });
    },

    /** The frozen case study for its assessor or a platform administrator, with earlier versions. Audited. */
    async view(actor: Actor, id: string, context: RequestContext): Promise<RecognitionSubmissionDetail> {
      return db.transaction(async (tx) => {
        const row = await viewable(tx, actor, id);
        const s = row.submission;
        const versions = await repo.listVersions(tx, s.projectId);
        const mine = versions.find((v) => v.submission.id === s.id);
        let canDecide = false;
        let reason: string | null = null;
        if (s.status !== "awaiting_assessment") reason = "This case study has been decided.";
        else if (s.assessorId !== actor.userId || !holds(actor, "assessor"))
          reason = "Only the assessor it is allocated to can decide it.";
        else {
          const clash = teamConflict(await personOf(tx, actor), await repo.listTeam(tx, s.projectId));
          canDecide = clash === null;
          if (clash)
            reason =
              "You cannot assess a project you or someone in your team is on. Ask a platform administrator to allocate it to another assessor.";
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.submission_viewed",
          subjectType: "project_submission",
          subjectId: id,
          details: { projectId: s.projectId, version: s.version },
        });
        const snapshot = snapshotOf(s.snapshot);
        return {
          submissionId: s.id,
          projectId: s.projectId,
          version: s.version,
          status: s.status,
          submittedAt: s.submittedAt.toISOString(),
          allocatedAt: iso(s.allocatedAt),
          assessor: nameOrNull(s.assessorId, row.assessorGivenName, row.assessorFamilyName),
          rubricVersion: snapshot.rubricVersion,
          document: snapshot.document as unknown as Record<string, unknown>,
          decision: mine?.decision ? decisionView(mine.decision) : null,
          earlierVersions: versions
            .filter((v) => v.submission.version < s.version)
            .reverse()
            .map(versionView),
          canDecide,
          reason,
        };
      });
    },

    /** The frozen case study as a PDF, with the team's names (assessors judge the team's work). Audited. */
    async pdf(
      actor: Actor,
      id: string,
      context: RequestContext,
    ): Promise<{ filename: string; bytes: Uint8Array }> {
      const { document, version } = await db.transaction(async (tx) => {
        const row = await viewable(tx, actor, id);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.submission_pdf_downloaded",
          subjectType: "project_submission",
          subjectId: id,
          details: { projectId: row.submission.projectId, version: row.submission.version },
        });
        return { document: snapshotOf(row.submission.snapshot).document, version: row.submission.version };
      });
      const bytes = await renderCaseStudyPdf(document, { includeTeamNames: true });
      return { filename: `case-study-version-${version}.pdf`, bytes };
    },

    /**
     * The allocated assessor's decision, under the submission's row lock: scores checked by checkRecognitionDecision
     * (422), a second decision 409. Pass recognises the project (certificates, CPD, library with consent); refer sends
     * it back. The team is emailed either way; all in one transaction.
     */
    async decide(
      actor: Actor,
      id: string,
      input: RecognitionDecisionCreateInput,
      context: RequestContext,
    ): Promise<RecognitionDecisionResult> {
      assertAssessor(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id, true);
        const s = row.submission;
        if (s.assessorId !== actor.userId)
          throw forbidden(
            s.assessorId === null
              ? "This case study is not allocated to you. Pick it up from your queue before you decide it."
              : "This case study is allocated to another assessor, so only they can decide it.",
          );
        const team = await repo.listTeam(tx, s.projectId);
        assertNoConflict(await personOf(tx, actor), team);
        if (s.status !== "awaiting_assessment")
          throw conflict("This case study has already been decided. Its decision cannot be changed.");
        const problems = checkRecognitionDecision(input);
        if (problems.length > 0) throw decisionRefused(problems);
        const project = await repo.getProject(tx, s.projectId, true);
        if (!project) throw notFound("The project");

        const scores: RubricJudgement[] = RECOGNITION_RUBRIC.criteria.map((c) => {
          const j = input.scores.find((x) => x.criterionId === c.id);
          return { criterionId: c.id, score: j?.score ?? 0, feedback: j?.feedback ?? "" };
        });
        const decision = await repo.insertDecision(tx, {
          submissionId: id,
          assessorId: actor.userId,
          outcome: input.outcome,
          scores,
          feedback: input.feedback,
          now,
        });
        const status = input.outcome === "pass" ? "passed" : "referred";
        if (!(await repo.closeSubmission(tx, id, status, now)))
          throw conflict(
            "This case study changed while you were deciding. Open it again to see where it stands.",
          );
        let certificatesIssued = 0;
        let inLibrary = false;
        if (input.outcome === "pass") {
          const result = await recognise(tx, project, id, now);
          certificatesIssued = result.certificatesIssued;
          inLibrary = result.inLibrary;
        }
        const url = projectUrl(s.projectId);
        for (const m of team) {
          await mailer.enqueue(
            tx,
            input.outcome === "pass"
              ? emails.recognisedMessage(m.email, m.givenName, project.title, RECOGNITION_CPD_POINTS, url)
              : emails.referredMessage(m.email, m.givenName, project.title, url),
          );
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.decided",
          subjectType: "project_submission",
          subjectId: id,
          details: { outcome: input.outcome, projectId: s.projectId, version: s.version, certificatesIssued },
        });
        return { submissionId: id, status, decision: decisionView(decision), certificatesIssued, inLibrary };
      });
    },

    /** Every case study for platform administrators, with the assessors they may allocate to. Audited. */
    async adminList(actor: Actor, context: RequestContext): Promise<RecognitionAdminList> {
      assertAdmin(actor);
      return db.transaction(async (tx) => {
        const rows = await repo.listAll(tx, LIST_LIMIT);
        const assessors = await repo.listAssessors(tx, clock());
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.allocation_list_viewed",
          subjectType: "project_submission",
          details: { rows: rows.length },
        });
        return {
          items: rows.map(queueItem),
          assessors: assessors.map((a) => ({ id: a.id, name: fullName(a) })),
        };
      });
    },

    /** A platform administrator allocates a waiting case study to someone holding the assessor role now. */
    async allocate(
      actor: Actor,
      id: string,
      input: RecognitionAllocateInput,
      context: RequestContext,
    ): Promise<RecognitionQueueItem> {
      assertAdmin(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const row = await submissionOr404(tx, id, true);
        const chosen = await repo.getActiveAssessor(tx, input.assessorId, now);
        if (!chosen) {
          const message =
            "Choose someone who holds the assessor role now. This person does not, or their role or account has lapsed.";
          throw new AppError(422, "allocation_refused", message, [{ field: "assessorId", message }]);
        }
        assertNoConflict(
          { userId: chosen.id, teamId: chosen.teamId },
          await repo.listTeam(tx, row.submission.projectId),
          fullName(chosen),
        );
        if (!(await repo.allocate(tx, id, chosen.id, now)))
          throw conflict("This case study has already been decided, so it cannot be allocated.");
        const project = await repo.getProject(tx, row.submission.projectId);
        await mailer.enqueue(
          tx,
          emails.allocatedMessage(
            chosen.email,
            chosen.givenName,
            project?.title ?? "",
            row.submission.version,
            assessUrl(id),
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "recognition.allocated",
          subjectType: "project_submission",
          subjectId: id,
          details: { assessorId: chosen.id, projectId: row.submission.projectId },
        });
        const [item] = (await repo.listAllocatedTo(tx, chosen.id)).filter((r) => r.submissionId === id);
        if (!item) throw new Error("the case study just allocated could not be read back");
        return queueItem(item);
      });
    },

    /** The signed-in person's recognition certificates. */
    async myCertificates(actor: Actor): Promise<{ items: RecognitionCertificate[] }> {
      const rows = await repo.listUserCertificates(db, actor.userId);
      return { items: rows.map(certificateView) };
    },
  };

  /** The submission if the actor may open it: its allocated assessor or a platform administrator (403 otherwise). */
  async function viewable(tx: Tx, actor: Actor, id: string) {
    const admin = holds(actor, "platform_admin");
    if (!admin && !holds(actor, "assessor"))
      throw forbidden(
        "Only the assessor a case study is allocated to and platform administrators can open it.",
      );
    const row = await submissionOr404(tx, id);
    if (!admin && row.submission.assessorId !== actor.userId)
      throw forbidden(
        "This case study is allocated to another assessor, or not yet to anyone. Pick it up from your queue to assess it.",
      );
    return row;
  }
}
