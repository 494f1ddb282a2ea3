import type { Level } from "../../../shared/catalogue.js";
import type { DEFERRAL_REFUSALS } from "../../../shared/deferrals.js";
import { formatUkDate } from "./access-window.rules.js";
import { checkDeferralRequest } from "./enrolment.rules.js";

/** Whether a learner may ask to defer now: the last moment to ask, or a refusal code with what to do. */
export type DeferralEligibility =
  | { allowed: true; deadline: Date; code: null; message: null }
  | { allowed: false; deadline: null; code: (typeof DEFERRAL_REFUSALS)[number]; message: string };

/**
 * Not once access has ended, while the course is already deferred, or once it is complete; then the level and
 * four-week rules, counted from the current start (so a resumed course has its own window). The deferral page and
 * the course outline both ask this, so they never disagree.
 */
export function deferralEligibility(
  enrolment: { state: string; startsAt: Date; expiresAt: Date; completedAt: Date | null },
  level: Level,
  now: Date,
): DeferralEligibility {
  if (enrolment.state === "expired" || enrolment.expiresAt.getTime() <= now.getTime()) {
    return {
      allowed: false,
      deadline: null,
      code: "enrolment_read_only",
      message:
        "Your access to this course has ended, so it cannot be deferred. Your record and progress are kept.",
    };
  }
  if (enrolment.state === "deferred") {
    return {
      allowed: false,
      deadline: null,
      code: "already_deferred",
      message: `Your course is already deferred. It starts again on ${formatUkDate(enrolment.startsAt)}. If you need a different date, contact the QI Academy support team.`,
    };
  }
  if (enrolment.completedAt) {
    return {
      allowed: false,
      deadline: null,
      code: "course_completed",
      message: "You have completed this course, so there is nothing to defer.",
    };
  }
  const check = checkDeferralRequest(level, enrolment.startsAt, now);
  if (!check.allowed) return { allowed: false, deadline: null, code: check.code, message: check.message };
  return { allowed: true, deadline: check.deadline, code: null, message: null };
}
