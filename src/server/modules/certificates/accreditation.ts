import type { Tx } from "../../platform/db.js";

/**
 * Records the achievement (and issues its certificate) when the enrolment now meets its course's accreditation rule;
 * does nothing when it does not, or when it is already achieved. Safe to call more than once and from any service
 * that changes what the rule depends on: course completion, a final quiz pass, a portfolio pass that stands.
 * Runs inside the caller's transaction.
 */
export async function recordAchievementIfEarned(_tx: Tx, _enrolmentId: string, _now: Date): Promise<void> {
  // Filled in by the certificates work (issue 6): rules, achievement row, certificate.
}
