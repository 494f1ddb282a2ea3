/**
 * Portfolios and their assessment (issue 6): the states and vocabularies the schema and both ends share. Request and
 * response schemas for the portfolio and assessment APIs live beside these.
 */

/** Kinds of evidence a learner can add to a portfolio. */
export const EVIDENCE_KINDS = ["reflection", "file", "link"] as const;
/** One of EVIDENCE_KINDS. */
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * Where a portfolio stands: draft (the learner is building it), submitted (locked, with an assessor or waiting for
 * one), referred (back with the learner to revise and resubmit), passed (the assessor passed it; achievement may still
 * wait for internal verification).
 */
export const PORTFOLIO_STATUSES = ["draft", "submitted", "referred", "passed"] as const;
/** One of PORTFOLIO_STATUSES. */
export type PortfolioStatus = (typeof PORTFOLIO_STATUSES)[number];

/** A judgement on one assessment criterion. */
export const CRITERION_DECISIONS = ["met", "not_yet_met"] as const;
/** One of CRITERION_DECISIONS. */
export type CriterionDecision = (typeof CRITERION_DECISIONS)[number];

/** The assessor's overall outcome on a submission. */
export const ASSESSMENT_OUTCOMES = ["pass", "refer"] as const;
/** One of ASSESSMENT_OUTCOMES. */
export type AssessmentOutcome = (typeof ASSESSMENT_OUTCOMES)[number];

/**
 * Where one submitted version stands: awaiting_assessment (no decision yet, allocated or not), referred, passed
 * (decision stands), awaiting_verification (a pass or referral sampled for internal verification), overturned (the
 * verifier overturned the decision; back with the assessor to decide again).
 */
export const SUBMISSION_STATUSES = [
  "awaiting_assessment",
  "awaiting_verification",
  "overturned",
  "referred",
  "passed",
] as const;
/** One of SUBMISSION_STATUSES. */
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

/** An internal verifier's verdict on a sampled decision. */
export const VERIFICATION_OUTCOMES = ["confirmed", "overturned"] as const;
/** One of VERIFICATION_OUTCOMES. */
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
