import { LEVEL_LABELS } from "../../../shared/catalogue.js";
import type {
  AdminCertificate,
  AdminCertificatePage,
  CertificateReissueInput,
  CertificateRevokeInput,
  CertificateSearchQuery,
  CertificateStatus,
  ClaimRow,
  ClaimsPage,
  ClaimsQuery,
  MyCertificates,
  Registration,
  RegistrationSetInput,
  VerifyResult,
} from "../../../shared/certificates.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig, RateLimitConfig } from "../../platform/config.js";
import type { Db } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { throttle } from "../../platform/rate-limit.js";
import { startOfUkDate, ukDate } from "../enrolments/access-window.rules.js";
import { type Cell, csvStream, type ExportFile } from "../reports/export-files.js";
import { normaliseCertificateCode } from "./certificate-code.js";
import { renderCertificatePdf } from "./certificate-pdf.js";
import {
  type CertificateMailContext,
  certificateReissuedMessage,
  certificateRevokedMessage,
} from "./certificates.emails.js";
import { assertCanDownload, assertCertificateAdmin } from "./certificates.policy.js";
import * as repo from "./certificates.repository.js";
import { issueCertificate } from "./issue-certificate.js";

/**
 * Public verification per IP address: 60 look-ups in any 10 minutes. Codes carry 80 random bits, so guessing is
 * hopeless anyway; the limit keeps scripts from hammering the endpoint or the database.
 */
export const VERIFY_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 10 * 60,
  softLimit: 60,
  hardLimit: 60,
  slowDownMs: 0,
};

/** What the public sees in place of an administrator's reason when a certificate was replaced by a reissue. */
export const REPLACED_NOTE = "replaced by a reissued certificate";

/** Rows read per batch while streaming the claims CSV. */
const CLAIMS_BATCH = 500;

/** The claims CSV's columns, in order (docs/certificates.md). */
export const CLAIMS_COLUMNS = [
  "Given name",
  "Family name",
  "Email",
  "ESR number",
  "Organisation",
  "Course",
  "Level",
  "Achieved",
  "Certificate code",
  "Registration number",
] as const;

type CertificateRow = NonNullable<Awaited<ReturnType<typeof repo.getByCode>>>;

/** A stored certificate's status now: valid ones past their expiry show as expired everywhere. */
export function certificateStatus(
  certificate: Pick<CertificateRow, "state" | "expiresAt">,
  now: Date,
): CertificateStatus {
  if (certificate.state !== "valid") return certificate.state;
  if (certificate.expiresAt && certificate.expiresAt.getTime() <= now.getTime()) return "expired";
  return "valid";
}

const iso = (value: Date) => value.toISOString();
const isoOrNull = (value: Date | null) => (value === null ? null : value.toISOString());
const fullName = (person: { givenName: string; familyName: string }) =>
  `${person.givenName} ${person.familyName}`;

/** The UK calendar day after a YYYY-MM-DD date. */
function nextDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Certificates: the learner's own, public verification, administration and awarding body claims. */
export function createCertificatesService(deps: {
  db: Db;
  config: Pick<AppConfig, "publicUrl">;
  mailer: Mailer;
  now?: () => Date;
}) {
  const { db, mailer } = deps;
  const clock = deps.now ?? (() => new Date());
  const verifyUrl = (code: string) => `${deps.config.publicUrl}/verify/${code}`;
  const pdfUrl = (id: string) => `/api/certificates/${id}/pdf`;
  const certificatesUrl = `${deps.config.publicUrl}/certificates`;

  const mailContext = (
    learner: { email: string; givenName: string },
    certificate: CertificateRow,
  ): CertificateMailContext => ({
    to: learner.email,
    givenName: learner.givenName,
    courseTitle: certificate.courseTitle,
    levelLabel: certificate.levelLabel,
    code: certificate.code,
  });

  async function adminDetail(id: string): Promise<AdminCertificate> {
    const now = clock();
    const row = await repo.getAdminDetail(db, id);
    if (!row) throw notFound("The certificate");
    const history = await repo.listForAchievement(db, row.certificate.achievementId);
    const c = row.certificate;
    return {
      id: c.id,
      code: c.code,
      status: certificateStatus(c, now),
      learner: { id: row.learner.id, name: fullName(row.learner), email: row.learner.email },
      certificateName: c.certificateName,
      courseTitle: c.courseTitle,
      levelLabel: c.levelLabel,
      programmeTitle: c.programmeTitle,
      cpdPoints: c.cpdPoints,
      issuedAt: iso(c.issuedAt),
      expiresAt: isoOrNull(c.expiresAt),
      achievedAt: iso(row.achievement.achievedAt),
      rule: row.achievement.rule,
      currentCertificateName: row.learner.certificateName,
      revokedAt: isoOrNull(c.revokedAt),
      revokedBy: row.revokedBy ? fullName(row.revokedBy) : null,
      revokedReason: c.revokedReason,
      replacedBy: row.replacedBy,
      history: history.map((h) => ({
        id: h.id,
        code: h.code,
        status: certificateStatus(h, now),
        certificateName: h.certificateName,
        issuedAt: iso(h.issuedAt),
      })),
      verifyUrl: verifyUrl(c.code),
      pdfUrl: pdfUrl(c.id),
    };
  }

  function toClaimRow(row: Awaited<ReturnType<typeof repo.listClaims>>["rows"][number]): ClaimRow {
    return {
      achievementId: row.achievementId,
      learner: { id: row.learner.id, name: fullName(row.learner), email: row.learner.email },
      esrNumber: row.learner.esrNumber,
      organisation: row.organisation,
      courseTitle: row.course.title,
      levelLabel: LEVEL_LABELS[row.course.level],
      achievedAt: iso(row.achievedAt),
      certificateCode: row.certificateCode,
      registrationNumber: row.registrationNumber,
    };
  }

  function toClaimCells(row: Awaited<ReturnType<typeof repo.listClaims>>["rows"][number]): Cell[] {
    return [
      row.learner.givenName,
      row.learner.familyName,
      row.learner.email,
      row.learner.esrNumber,
      row.organisation,
      row.course.title,
      LEVEL_LABELS[row.course.level],
      ukDate(row.achievedAt),
      row.certificateCode,
      row.registrationNumber,
    ];
  }

  async function learnerOrNotFound(userId: string) {
    const learner = await repo.getLearner(db, userId);
    if (!learner) throw notFound("The learner");
    return learner;
  }

  return {
    /** Every certificate issued to the actor, newest first, each with its status now and where to check it. */
    async mine(actor: Actor): Promise<MyCertificates> {
      const now = clock();
      const rows = await repo.listForUser(db, actor.userId);
      return {
        certificates: rows.map(({ certificate: c, achievedAt }) => ({
          id: c.id,
          code: c.code,
          status: certificateStatus(c, now),
          certificateName: c.certificateName,
          courseId: c.courseId,
          courseTitle: c.courseTitle,
          levelLabel: c.levelLabel,
          programmeTitle: c.programmeTitle,
          cpdPoints: c.cpdPoints,
          achievedAt: iso(achievedAt),
          issuedAt: iso(c.issuedAt),
          expiresAt: isoOrNull(c.expiresAt),
          revokedAt: isoOrNull(c.revokedAt),
          verifyUrl: verifyUrl(c.code),
          pdfUrl: pdfUrl(c.id),
        })),
      };
    },

    /**
     * A certificate's PDF, for its holder or a platform administrator (whose download of someone else's is audited).
     * Rendered from the stored record each time, so it always matches what verification says it printed.
     */
    async pdf(actor: Actor, id: string, context: RequestContext) {
      const row = await repo.getById(db, id);
      if (!row) {
        // A recognised improvement project's certificate (issue 8) prints on the same template.
        const r = await repo.getRecognitionById(db, id);
        const othersRecognition = assertCanDownload(actor, r);
        if (!r) throw notFound("The certificate");
        const bytes = await renderCertificatePdf({
          certificateName: r.certificateName,
          courseTitle: r.projectTitle,
          levelLabel: "Recognised improvement project",
          programmeTitle: "QI Academy case-study recognition",
          cpdPoints: r.cpdPoints,
          achievedAt: r.issuedAt,
          issuedAt: r.issuedAt,
          expiresAt: null,
          code: r.code,
          verifyUrl: verifyUrl(r.code),
          reissued: false,
        });
        if (othersRecognition)
          await recordAudit(db, context, {
            actorUserId: actor.userId,
            action: "certificates.pdf_downloaded",
            subjectType: "recognition_certificate",
            subjectId: r.id,
            details: { code: r.code, learnerId: r.userId },
          });
        return { filename: `qi-academy-certificate-${r.code}.pdf`, bytes };
      }
      const othersCertificate = assertCanDownload(actor, row?.certificate ?? null);
      if (!row) throw notFound("The certificate");
      const c = row.certificate;
      const history = await repo.listForAchievement(db, c.achievementId);
      const bytes = await renderCertificatePdf({
        certificateName: c.certificateName,
        courseTitle: c.courseTitle,
        levelLabel: c.levelLabel,
        programmeTitle: c.programmeTitle,
        cpdPoints: c.cpdPoints,
        achievedAt: row.achievedAt,
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        code: c.code,
        verifyUrl: verifyUrl(c.code),
        reissued: history[0]?.id !== c.id,
      });
      if (othersCertificate) {
        await recordAudit(db, context, {
          actorUserId: actor.userId,
          action: "certificates.pdf_downloaded",
          subjectType: "certificate",
          subjectId: c.id,
          details: { code: c.code, learnerId: c.userId },
        });
      }
      return { filename: `qi-academy-certificate-${c.code}.pdf`, bytes };
    },

    /**
     * Public verification: whether a code is a genuine certificate and whether it stands, with only what the
     * certificate itself prints. Rate-limited per IP address.
     */
    async verify(typed: string, ipAddress: string): Promise<VerifyResult> {
      try {
        await throttle(db, [{ key: `certificate-verify:${ipAddress}`, limit: VERIFY_RATE_LIMIT }]);
      } catch (error) {
        throw verifyRateLimited(error);
      }
      const code = normaliseCertificateCode(typed);
      const notFoundResult: VerifyResult = {
        status: "not_found",
        code,
        certificate: null,
        revokedAt: null,
        revokedNote: null,
      };
      if (!code) return notFoundResult;
      const c = await repo.getByCode(db, code);
      if (!c) {
        const r = await repo.getRecognitionByCode(db, code);
        if (!r) return notFoundResult;
        return {
          status: r.state === "valid" ? "valid" : "revoked",
          code: r.code,
          certificate: {
            kind: "project_recognition",
            name: r.certificateName,
            courseTitle: r.projectTitle,
            levelLabel: "Recognised improvement project",
            programmeTitle: "QI Academy case-study recognition",
            issuedAt: iso(r.issuedAt),
            expiresAt: null,
          },
          revokedAt: null,
          revokedNote: r.state === "superseded" ? REPLACED_NOTE : null,
        };
      }
      const status = certificateStatus(c, clock());
      return {
        status: status === "superseded" ? "revoked" : status,
        code: c.code,
        certificate: {
          name: c.certificateName,
          courseTitle: c.courseTitle,
          levelLabel: c.levelLabel,
          programmeTitle: c.programmeTitle,
          issuedAt: iso(c.issuedAt),
          expiresAt: isoOrNull(c.expiresAt),
        },
        revokedAt: c.state === "valid" ? null : isoOrNull(c.revokedAt),
        revokedNote: c.state === "superseded" ? REPLACED_NOTE : null,
      };
    },

    /** Administrators' search by code, or by part of a learner's name or email (audited). */
    async search(
      actor: Actor,
      query: CertificateSearchQuery,
      context: RequestContext,
    ): Promise<AdminCertificatePage> {
      assertCertificateAdmin(actor);
      const now = clock();
      const code = normaliseCertificateCode(query.q);
      const { rows, total } = await repo.search(db, {
        code,
        text: query.q,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: "certificates.search",
        details: { q: query.q, page: query.page, rows: rows.length, total },
      });
      return {
        items: rows.map(({ certificate: c, learner }) => ({
          id: c.id,
          code: c.code,
          status: certificateStatus(c, now),
          learner: { id: learner.id, name: fullName(learner), email: learner.email },
          certificateName: c.certificateName,
          courseTitle: c.courseTitle,
          levelLabel: c.levelLabel,
          issuedAt: iso(c.issuedAt),
          expiresAt: isoOrNull(c.expiresAt),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
        matchedCode: code !== null,
      };
    },

    /** One certificate with its history, for an administrator (audited). */
    async detail(actor: Actor, id: string, context: RequestContext): Promise<AdminCertificate> {
      assertCertificateAdmin(actor);
      const detail = await adminDetail(id);
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: "certificates.view",
        subjectType: "certificate",
        subjectId: id,
        details: { code: detail.code, learnerId: detail.learner.id },
      });
      return detail;
    },

    /** Revokes a valid certificate with a reason; the learner is emailed it and verification shows "revoked". */
    async revoke(
      actor: Actor,
      id: string,
      input: CertificateRevokeInput,
      context: RequestContext,
    ): Promise<AdminCertificate> {
      assertCertificateAdmin(actor);
      const now = clock();
      await db.transaction(async (tx) => {
        const locked = await repo.lockById(tx, id);
        if (!locked) throw notFound("The certificate");
        if (locked.state !== "valid")
          throw conflict(
            locked.state === "revoked"
              ? "This certificate has already been revoked."
              : "This certificate has been replaced by a reissue. Revoke the new certificate instead.",
          );
        const revoked = await repo.revoke(tx, id, actor.userId, input.reason, now);
        if (!revoked) throw conflict("This certificate changed while you were revoking it. Reload the page.");
        const learner = await repo.getLearner(tx, revoked.userId);
        if (learner) {
          await mailer.enqueue(
            tx,
            certificateRevokedMessage(mailContext(learner, revoked), input.reason, {
              certificates: certificatesUrl,
              contact: `${deps.config.publicUrl}/help/contact`,
            }),
          );
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "certificates.revoke",
          subjectType: "certificate",
          subjectId: id,
          details: { code: revoked.code, learnerId: revoked.userId, reason: input.reason },
        });
      });
      return adminDetail(id);
    },

    /**
     * Reissues a valid certificate under a new code with the learner's current certificate name (after a name
     * correction, say). The old one is superseded and points at the new; the course facts and expiry are kept.
     */
    async reissue(
      actor: Actor,
      id: string,
      input: CertificateReissueInput,
      context: RequestContext,
    ): Promise<AdminCertificate> {
      assertCertificateAdmin(actor);
      const now = clock();
      const newId = await db.transaction(async (tx) => {
        const locked = await repo.lockById(tx, id);
        if (!locked) throw notFound("The certificate");
        if (locked.state !== "valid")
          throw conflict(
            locked.state === "revoked"
              ? "A revoked certificate cannot be reissued."
              : "This certificate has already been replaced by a reissue. Reissue the new certificate instead.",
          );
        const [learner, achievement] = await Promise.all([
          repo.getLearner(tx, locked.userId),
          repo.getAchievementForCertificate(tx, locked.achievementId),
        ]);
        if (!learner || !achievement) throw notFound("The certificate");
        const superseded = await repo.supersede(tx, id, actor.userId, input.reason, now);
        if (!superseded)
          throw conflict("This certificate changed while you were reissuing it. Reload the page.");
        const replacement = await issueCertificate(tx, {
          achievement: achievement.achievement,
          certificateName: learner.certificateName,
          courseTitle: locked.courseTitle,
          levelLabel: locked.levelLabel,
          programmeTitle: locked.programmeTitle,
          validityMonths: null,
          expiresAt: locked.expiresAt,
          now,
        });
        await repo.setReplacedBy(tx, id, replacement.id);
        await mailer.enqueue(
          tx,
          certificateReissuedMessage(
            mailContext(learner, locked),
            { code: replacement.code, name: replacement.certificateName },
            input.reason,
            { certificates: certificatesUrl },
          ),
        );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "certificates.reissue",
          subjectType: "certificate",
          subjectId: replacement.id,
          details: {
            code: replacement.code,
            replaces: locked.code,
            replacedId: locked.id,
            learnerId: locked.userId,
            reason: input.reason,
            nameBefore: locked.certificateName,
            nameAfter: replacement.certificateName,
          },
        });
        return replacement.id;
      });
      return adminDetail(newId);
    },

    /**
     * Achievements at accredited levels on the UK days from..to, for claiming with the awarding body: a JSON page,
     * or every row as a CSV streamed in batches (audited either way; cells guarded against formula injection).
     */
    async claims(
      actor: Actor,
      query: ClaimsQuery,
      context: RequestContext,
    ): Promise<{ kind: "page"; page: ClaimsPage } | { kind: "file"; file: ExportFile }> {
      assertCertificateAdmin(actor);
      const from = startOfUkDate(query.from);
      const to = startOfUkDate(nextDay(query.to));
      if (query.format === "csv") {
        const { total } = await repo.listClaims(db, { from, to, limit: 1, offset: 0 });
        await recordAudit(db, context, {
          actorUserId: actor.userId,
          action: "awarding_body.claims_exported",
          details: { from: query.from, to: query.to, format: "csv", rows: total },
        });
        async function* batches(): AsyncGenerator<Cell[][]> {
          for (let offset = 0; ; offset += CLAIMS_BATCH) {
            const { rows } = await repo.listClaims(db, { from, to, limit: CLAIMS_BATCH, offset });
            if (rows.length === 0) return;
            yield rows.map(toClaimCells);
            if (rows.length < CLAIMS_BATCH) return;
          }
        }
        return {
          kind: "file",
          file: {
            filename: `awarding-body-claims-${query.from}-to-${query.to}.csv`,
            contentType: "text/csv; charset=utf-8",
            body: csvStream([...CLAIMS_COLUMNS], batches()),
          },
        };
      }
      const { rows, total } = await repo.listClaims(db, {
        from,
        to,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: "awarding_body.claims_viewed",
        details: { from: query.from, to: query.to, page: query.page, rows: rows.length, total },
      });
      return {
        kind: "page",
        page: { items: rows.map(toClaimRow), total, page: query.page, pageSize: query.pageSize },
      };
    },

    /** A learner's awarding-body registration number, as recorded (audited: it is personal data). */
    async registration(actor: Actor, userId: string, context: RequestContext): Promise<Registration> {
      assertCertificateAdmin(actor);
      const learner = await learnerOrNotFound(userId);
      const found = await repo.getRegistration(db, userId);
      await recordAudit(db, context, {
        actorUserId: actor.userId,
        action: "awarding_body.registration_viewed",
        subjectType: "user",
        subjectId: userId,
      });
      return {
        learner: { id: learner.id, name: fullName(learner), email: learner.email },
        registrationNumber: found?.registration.registrationNumber ?? null,
        recordedAt: found ? iso(found.registration.recordedAt) : null,
        recordedBy: found?.recordedBy ? fullName(found.recordedBy) : null,
      };
    },

    /** Records or changes a learner's awarding-body registration number (audited with the old and new values). */
    async setRegistration(
      actor: Actor,
      userId: string,
      input: RegistrationSetInput,
      context: RequestContext,
    ): Promise<Registration> {
      assertCertificateAdmin(actor);
      const now = clock();
      const learner = await learnerOrNotFound(userId);
      const registrationNumber = input.registrationNumber.replace(/\s+/g, " ");
      await db.transaction(async (tx) => {
        const before = await repo.getRegistration(tx, userId);
        await repo.upsertRegistration(tx, {
          userId,
          registrationNumber,
          recordedBy: actor.userId,
          recordedAt: now,
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "awarding_body.registration_recorded",
          subjectType: "user",
          subjectId: userId,
          details: { before: before?.registration.registrationNumber ?? null, after: registrationNumber },
        });
      });
      return {
        learner: { id: learner.id, name: fullName(learner), email: learner.email },
        registrationNumber,
        recordedAt: iso(now),
        recordedBy: fullName(actor.account),
      };
    },

    /** Removes a learner's registration number (audited); 404 when none is recorded. */
    async removeRegistration(actor: Actor, userId: string, context: RequestContext): Promise<void> {
      assertCertificateAdmin(actor);
      await learnerOrNotFound(userId);
      await db.transaction(async (tx) => {
        const removed = await repo.deleteRegistration(tx, userId);
        if (!removed) throw notFound("The registration number");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "awarding_body.registration_removed",
          subjectType: "user",
          subjectId: userId,
          details: { before: removed.registrationNumber },
        });
      });
    },
  };
}

/** A rate-limited verification's error, reworded for people checking a certificate; other errors pass through. */
function verifyRateLimited(error: unknown): unknown {
  if (!(error instanceof AppError) || error.status !== 429) return error;
  const wait = Number(error.headers?.["retry-after"] ?? VERIFY_RATE_LIMIT.windowSeconds);
  const minutes = Math.max(1, Math.ceil(wait / 60));
  return new AppError(
    429,
    "rate_limited",
    `You have checked a lot of certificates from this network in the last 10 minutes. Wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    undefined,
    error.headers,
  );
}
