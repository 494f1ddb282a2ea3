import type { Actor } from "../../platform/auth.js";
import { forbidden, notFound } from "../../platform/errors.js";

/** What the portfolio policies need to know about a portfolio: whose it is. */
export interface PortfolioOwner {
  userId: string;
}

/** What the portfolio policies need to know about a submitted version: who assesses it. */
export interface SubmissionAllocation {
  assessorId: string | null;
}

function holds(actor: Actor, role: "platform_admin" | "internal_verifier" | "content_editor"): boolean {
  return actor.roles.some((r) => r.role === role);
}

/**
 * Who may see a portfolio and its evidence files: the learner it belongs to; the assessor of any of its submitted
 * versions (portfolio_submissions.assessor_id), whether or not that version is still theirs to decide; anyone holding
 * internal_verifier (they sample across every assessor); and platform administrators. Nobody else, whatever their
 * organisation: a learner administrator's reports show progress, never the evidence itself. Pure, so the assessment
 * and verification views apply exactly the same rule.
 */
export function canViewPortfolio(
  actor: Actor,
  portfolio: PortfolioOwner,
  submissions: readonly SubmissionAllocation[],
): boolean {
  if (portfolio.userId === actor.userId) return true;
  if (holds(actor, "platform_admin") || holds(actor, "internal_verifier")) return true;
  return submissions.some((s) => s.assessorId !== null && s.assessorId === actor.userId);
}

/** Whether viewing this portfolio is looking at someone else's personal data, which must be audited. */
export function isOthersPortfolio(actor: Actor, portfolio: PortfolioOwner): boolean {
  return portfolio.userId !== actor.userId;
}

/**
 * canViewPortfolio as a guard. Refuses with 404 rather than 403, so nobody can learn that a portfolio or file exists
 * by guessing its id.
 */
export function assertCanViewPortfolio(
  actor: Actor,
  portfolio: PortfolioOwner,
  submissions: readonly SubmissionAllocation[],
  what = "The file",
): void {
  if (!canViewPortfolio(actor, portfolio, submissions)) throw notFound(what);
}

/**
 * The learner's own working view of a portfolio (build, edit, submit) is only for the enrolment's learner:
 * assessors, verifiers and administrators read portfolios through their own views.
 */
export function assertOwnsEnrolment(actor: Actor, enrolment: { userId: string }): void {
  if (enrolment.userId !== actor.userId) {
    throw forbidden(
      "This portfolio belongs to another learner. You can only open the portfolios for your own courses.",
    );
  }
}

/** Writing a course's assessment criteria: content editors and platform administrators. */
export function assertCanEditCriteria(actor: Actor): void {
  if (!holds(actor, "content_editor") && !holds(actor, "platform_admin")) {
    throw forbidden(
      "Only content editors and platform administrators can change a course's assessment criteria.",
    );
  }
}
