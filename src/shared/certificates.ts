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
