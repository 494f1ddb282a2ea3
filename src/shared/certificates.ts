import { z } from "zod";

/**
 * Achievements, certificates and the CPD record (issue 6): vocabularies the schema and both ends share. Request and
 * response schemas for these APIs live beside them.
 */

/** Which accreditation rule an achievement met (see the accreditation rules in src/server/modules/certificates). */
export const ACHIEVEMENT_RULES = [
  "completion",
  "completion_and_final_assessment",
  "completion_and_portfolio",
] as const;
/** One of ACHIEVEMENT_RULES. */
export type AchievementRule = (typeof ACHIEVEMENT_RULES)[number];

/**
 * A certificate as stored: valid, revoked (by an administrator, with a reason) or superseded (replaced by a reissue).
 * Expiry is not stored as a state: a valid certificate past its expires_at is shown as expired.
 */
export const CERTIFICATE_STATES = ["valid", "revoked", "superseded"] as const;
/** One of CERTIFICATE_STATES. */
export type CertificateState = (typeof CERTIFICATE_STATES)[number];

/** What the public verification answers (GET /api/certificates/:code/verify). */
export const VERIFY_STATUSES = ["valid", "revoked", "expired", "not_found"] as const;
/** One of VERIFY_STATUSES. */
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** How each verification status is shown to people (tags always carry text). */
export const VERIFY_STATUS_LABELS: Record<VerifyStatus, string> = {
  valid: "Valid",
  revoked: "Revoked",
  expired: "Expired",
  not_found: "Not found",
};

/** How a certificate stands for its holder and administrators: a stored state, with expiry worked out on reading. */
export const CERTIFICATE_STATUSES = ["valid", "expired", "revoked", "superseded"] as const;
/** One of CERTIFICATE_STATUSES. */
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
/** How each certificate status is shown to people. */
export const CERTIFICATE_STATUS_LABELS: Record<CertificateStatus, string> = {
  valid: "Valid",
  expired: "Expired",
  revoked: "Revoked",
  superseded: "Replaced",
};

/** Levels whose achievements are claimed with the awarding body. */
export const AWARDING_BODY_LEVELS = [
  "accredited_introduction",
  "foundation",
  "practitioner",
  "facilitator",
  "programme_manager",
] as const;

/** Longest reason an administrator may give for revoking or reissuing a certificate. */
export const CERTIFICATE_REASON_MAX = 500;
/** Longest awarding-body registration number. */
export const REGISTRATION_NUMBER_MAX = 40;
/** Most rows one page of the admin search or the claims table holds. */
export const CERTIFICATES_PAGE_SIZE_MAX = 100;

const isoDateTime = z.string().describe("ISO 8601 date and time");

/** GET /api/certificates/:code/verify path: anything typed, checked and normalised by the service. */
export const VerifyParamsSchema = z.object({
  code: z
    .string()
    .max(64, "Enter the certificate code as it is printed, like QIA-7K3M-9Q2X-TR5B-HW4D")
    .describe("the certificate code, in any case, with or without spaces and hyphens"),
});

/** What a certificate says, as the public verification shows it: nothing more than the certificate itself prints. */
export const VerifiedCertificateSchema = z.object({
  kind: z
    .literal("project_recognition")
    .optional()
    .describe(
      "set for a recognised improvement project's certificate (courseTitle is then the project's title)",
    ),
  name: z.string().describe("the name printed on the certificate"),
  courseTitle: z.string(),
  levelLabel: z.string(),
  programmeTitle: z.string(),
  issuedAt: isoDateTime,
  expiresAt: isoDateTime.nullable().describe("null: the certificate does not expire"),
});
/** A verified certificate's public facts. */
export type VerifiedCertificate = z.infer<typeof VerifiedCertificateSchema>;

/** GET /api/certificates/:code/verify → whether a certificate is genuine and current. */
export const VerifyResultSchema = z.object({
  status: z.enum(VERIFY_STATUSES),
  code: z
    .string()
    .nullable()
    .describe("the code in its printed form; null when what was typed cannot be a code"),
  certificate: VerifiedCertificateSchema.nullable().describe("null when not found"),
  revokedAt: isoDateTime.nullable().describe("when a revoked (or replaced) certificate stopped being valid"),
  revokedNote: z
    .string()
    .nullable()
    .describe(
      "why, in general words: 'replaced by a reissued certificate' for a reissue; an administrator's own reason is never shown",
    ),
});
/** A verification answer. */
export type VerifyResult = z.infer<typeof VerifyResultSchema>;

/** One of the signed-in learner's certificates. */
export const MyCertificateSchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  certificateName: z.string(),
  courseId: z.string(),
  courseTitle: z.string(),
  levelLabel: z.string(),
  programmeTitle: z.string(),
  cpdPoints: z.number(),
  achievedAt: isoDateTime,
  issuedAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
  verifyUrl: z.string(),
  pdfUrl: z.string(),
});
/** One of my certificates. */
export type MyCertificate = z.infer<typeof MyCertificateSchema>;

/** GET /api/certificates/mine → every certificate issued to me, newest first. */
export const MyCertificatesSchema = z.object({ certificates: z.array(MyCertificateSchema) });
/** My certificates. */
export type MyCertificates = z.infer<typeof MyCertificatesSchema>;

/** GET /api/admin/certificates query: a code, or part of a learner's name or email. */
export const CertificateSearchQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(2, "Enter a certificate code, or at least 2 characters of a learner's name or email address")
      .max(200, "Enter 200 characters or fewer"),
    page: z.coerce
      .number()
      .int()
      .min(1, "Page must be 1 or more")
      .max(10_000, "Page is too large")
      .default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, "Page size must be 1 or more")
      .max(CERTIFICATES_PAGE_SIZE_MAX, `Page size must be ${CERTIFICATES_PAGE_SIZE_MAX} or fewer`)
      .default(25),
  })
  .strict();
/** Parsed certificate search. */
export type CertificateSearchQuery = z.infer<typeof CertificateSearchQuerySchema>;

const learnerSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });

/** A certificate in the administrators' search results. */
export const AdminCertificateSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  learner: learnerSchema,
  certificateName: z.string(),
  courseTitle: z.string(),
  levelLabel: z.string(),
  issuedAt: isoDateTime,
  expiresAt: isoDateTime.nullable(),
});
/** A search result. */
export type AdminCertificateSummary = z.infer<typeof AdminCertificateSummarySchema>;

/** GET /api/admin/certificates → a page of matching certificates, newest first. */
export const AdminCertificatePageSchema = z.object({
  items: z.array(AdminCertificateSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  matchedCode: z.boolean().describe("true when the search was read as a certificate code"),
});
/** A page of search results. */
export type AdminCertificatePage = z.infer<typeof AdminCertificatePageSchema>;

/** GET /api/admin/certificates/:id → one certificate with its history, for revoking or reissuing. */
export const AdminCertificateSchema = AdminCertificateSummarySchema.extend({
  programmeTitle: z.string(),
  cpdPoints: z.number(),
  achievedAt: isoDateTime,
  rule: z.enum(ACHIEVEMENT_RULES),
  currentCertificateName: z.string().describe("the learner's certificate name today: a reissue prints this"),
  revokedAt: isoDateTime.nullable(),
  revokedBy: z.string().nullable().describe("the administrator's name"),
  revokedReason: z.string().nullable(),
  replacedBy: z.object({ id: z.string(), code: z.string() }).nullable(),
  history: z
    .array(
      z.object({
        id: z.string(),
        code: z.string(),
        status: z.enum(CERTIFICATE_STATUSES),
        certificateName: z.string(),
        issuedAt: isoDateTime,
      }),
    )
    .describe("every certificate issued for the same achievement, oldest first"),
  verifyUrl: z.string(),
  pdfUrl: z.string(),
});
/** One certificate as administrators see it. */
export type AdminCertificate = z.infer<typeof AdminCertificateSchema>;

const reason = z
  .string({ error: "Enter a reason" })
  .trim()
  .min(1, "Enter a reason")
  .max(CERTIFICATE_REASON_MAX, `Reason must be ${CERTIFICATE_REASON_MAX} characters or fewer`);

/** POST /api/admin/certificates/:id/revoke */
export const CertificateRevokeSchema = z.object({ reason }).strict();
/** A revocation. */
export type CertificateRevokeInput = z.infer<typeof CertificateRevokeSchema>;

/** POST /api/admin/certificates/:id/reissue */
export const CertificateReissueSchema = z.object({ reason }).strict();
/** A reissue. */
export type CertificateReissueInput = z.infer<typeof CertificateReissueSchema>;

const ukDay = (what: string) =>
  z.iso.date(`Enter the ${what} as a real date in the form YYYY-MM-DD, like 2026-03-31`);

/** GET /api/admin/awarding-body/claims query: achievements at accredited levels on UK days from..to, inclusive. */
export const ClaimsQuerySchema = z
  .object({
    from: ukDay("start date"),
    to: ukDay("end date"),
    format: z.enum(["json", "csv"], { error: "Format must be json or csv" }).default("json"),
    page: z.coerce
      .number()
      .int()
      .min(1, "Page must be 1 or more")
      .max(100_000, "Page is too large")
      .default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, "Page size must be 1 or more")
      .max(CERTIFICATES_PAGE_SIZE_MAX, `Page size must be ${CERTIFICATES_PAGE_SIZE_MAX} or fewer`)
      .default(50),
  })
  .strict()
  .refine((q) => q.from <= q.to, {
    message: "The end date must be the same as or after the start date",
    path: ["to"],
  });
/** Parsed claims query. */
export type ClaimsQuery = z.infer<typeof ClaimsQuerySchema>;

/** One achievement to claim with the awarding body. */
export const ClaimRowSchema = z.object({
  achievementId: z.string(),
  learner: learnerSchema,
  esrNumber: z.string().nullable(),
  organisation: z.string().nullable(),
  courseTitle: z.string(),
  levelLabel: z.string(),
  achievedAt: isoDateTime,
  certificateCode: z.string().nullable().describe("the certificate valid now; null when revoked"),
  registrationNumber: z.string().nullable(),
});
/** A claim row. */
export type ClaimRow = z.infer<typeof ClaimRowSchema>;

/** GET /api/admin/awarding-body/claims → a page of achievements in the period, oldest first. */
export const ClaimsPageSchema = z.object({
  items: z.array(ClaimRowSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** A page of claims. */
export type ClaimsPage = z.infer<typeof ClaimsPageSchema>;

/** Letters, digits, spaces, hyphens and slashes: what awarding bodies' registration numbers are made of. */
export const REGISTRATION_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 /-]*$/;

/** PUT /api/admin/awarding-body/registrations/:userId */
export const RegistrationSetSchema = z
  .object({
    registrationNumber: z
      .string({ error: "Enter the registration number" })
      .trim()
      .min(1, "Enter the registration number")
      .max(
        REGISTRATION_NUMBER_MAX,
        `Registration number must be ${REGISTRATION_NUMBER_MAX} characters or fewer`,
      )
      .regex(
        REGISTRATION_NUMBER_PATTERN,
        "Registration number must only include letters, numbers, spaces, hyphens and slashes, like ABC-12345/6",
      ),
  })
  .strict();
/** A registration number to record. */
export type RegistrationSetInput = z.infer<typeof RegistrationSetSchema>;

/** A learner's awarding-body registration, as recorded. */
export const RegistrationSchema = z.object({
  learner: learnerSchema,
  registrationNumber: z.string().nullable(),
  recordedAt: isoDateTime.nullable(),
  recordedBy: z.string().nullable(),
});
/** A registration. */
export type Registration = z.infer<typeof RegistrationSchema>;

/** Longest certificate validity a course may set, in months (10 years). */
export const CERTIFICATE_VALIDITY_MAX_MONTHS = 120;

/**
 * GET and PUT /api/authoring/courses/:id/certificate-validity: how long certificates for a course stay valid.
 * Applies to certificates issued from then on; those already issued keep the expiry they were issued with.
 */
export const CertificateValiditySchema = z
  .object({
    certificateValidityMonths: z
      .number({ error: "Enter the number of months as a whole number, like 24" })
      .int("Enter the number of months as a whole number, like 24")
      .min(1, "A certificate must be valid for at least 1 month")
      .max(
        CERTIFICATE_VALIDITY_MAX_MONTHS,
        `A certificate can be valid for ${CERTIFICATE_VALIDITY_MAX_MONTHS} months (10 years) at most`,
      )
      .nullable()
      .describe("null: certificates for this course never expire"),
  })
  .strict();
/** A course's certificate validity. */
export type CertificateValidity = z.infer<typeof CertificateValiditySchema>;
