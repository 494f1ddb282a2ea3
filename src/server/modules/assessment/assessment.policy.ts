import type { Role } from "../../../shared/accounts.js";
import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";
import { canViewPortfolio } from "../portfolios/portfolios.policy.js";

/** Whether the actor holds a role now (lapsed roles are not loaded with the session). */
export function holds(actor: Actor, role: Role): boolean {
  return actor.roles.some((r) => r.role === role);
}

/** Someone's id and team, for the conflict rules. */
export interface Person {
  userId: string;
  teamId: string | null;
}

/** Why `person` may not judge `learner`'s work: it is their own, or the learner is in their team; null when neither. */
export function conflictBetween(person: Person, learner: Person): "self" | "team" | null {
  if (person.userId === learner.userId) return "self";
  if (person.teamId !== null && person.teamId === learner.teamId) return "team";
  return null;
}

/** Queue, pick-up and decisions: assessors only. */
export function assertAssessor(actor: Actor): void {
  if (!holds(actor, "assessor"))
    throw forbidden("Only assessors can see the assessment queue and assess portfolios.");
}

/** The verification queue and verdicts: internal verifiers only. */
export function assertVerifier(actor: Actor): void {
  if (!holds(actor, "internal_verifier"))
    throw forbidden("Only internal verifiers can see the verification queue and verify decisions.");
}

/** Allocation and the verification settings: platform administrators only. */
export function assertAllocator(actor: Actor): void {
  if (!holds(actor, "platform_admin"))
    throw forbidden(
      "Only platform administrators can allocate submissions and change how decisions are sampled.",
    );
}

/** The viewer's own assessment conflict with a learner, as a 403 they can act on; nothing when there is none. */
export function assertNoAssessorConflict(me: Person, learner: Person): void {
  const conflict = conflictBetween(me, learner);
  if (conflict === "self")
    throw forbidden(
      "You cannot assess your own portfolio. A platform administrator will allocate it to another assessor.",
    );
  if (conflict === "team")
    throw forbidden(
      "You cannot assess a learner in your own team. A platform administrator will allocate it to another assessor.",
    );
}

/** An allocation to someone who may not assess this learner, as a 403 naming them. */
export function assertCanAllocateTo(assessorName: string, assessor: Person, learner: Person): void {
  const conflict = conflictBetween(assessor, learner);
  if (conflict === "self")
    throw forbidden(`${assessorName} cannot assess their own portfolio. Choose another assessor.`);
  if (conflict === "team")
    throw forbidden(
      `${assessorName} is in the learner's team, so cannot assess them. Choose another assessor.`,
    );
}

/**
 * Checked before looking anything up, so people without a reviewing role learn nothing about which submissions exist:
 * the verification view is for internal verifiers and platform administrators; the assessment view also for assessors.
 */
export function assertCanOpenSubmissions(actor: Actor, via: "assessment" | "verification"): void {
  const reviewer = holds(actor, "internal_verifier") || holds(actor, "platform_admin");
  if (via === "verification" && !reviewer)
    throw forbidden(
      "Only internal verifiers and platform administrators can open decisions for verification.",
    );
  if (via === "assessment" && !reviewer && !holds(actor, "assessor"))
    throw forbidden(
      "Only the assessor a submission is allocated to, internal verifiers and platform administrators can see it.",
    );
}

/**
 * Who may open the side-by-side view of a submission: the assessor it is allocated to, internal verifiers and platform
 * administrators (all of whom canViewPortfolio also lets download the evidence files). The learner reads their
 * feedback on their own portfolio page, not here.
 */
export function assertCanViewSubmission(
  actor: Actor,
  submission: { assessorId: string | null },
  portfolio: { userId: string },
): void {
  const staff = holds(actor, "platform_admin") || holds(actor, "internal_verifier");
  const allocated = holds(actor, "assessor") && submission.assessorId === actor.userId;
  if ((staff || allocated) && canViewPortfolio(actor, portfolio, [submission])) return;
  if (holds(actor, "assessor"))
    throw forbidden(
      "This submission is allocated to another assessor, or not yet to anyone. Pick it up from your queue to assess it.",
    );
  throw forbidden(
    "Only the assessor it is allocated to, internal verifiers and platform administrators can see this submission.",
  );
}

/** Only the assessor a submission is allocated to decides it, and never on their own or their team's work. */
export function assertCanDecide(
  actor: Actor,
  submission: { assessorId: string | null },
  me: Person,
  learner: Person,
): void {
  assertAssessor(actor);
  if (submission.assessorId !== actor.userId)
    throw forbidden(
      submission.assessorId === null
        ? "This submission is not allocated to you. Pick it up from your queue before you decide it."
        : "This submission is allocated to another assessor, so only they can decide it.",
    );
  assertNoAssessorConflict(me, learner);
}

/** A verifier never verifies a decision they made, nor their own or their team's portfolio. */
export function assertCanVerify(
  actor: Actor,
  decision: { assessorId: string | null },
  me: Person,
  learner: Person,
): void {
  assertVerifier(actor);
  if (decision.assessorId === actor.userId)
    throw forbidden("You made this decision as the assessor, so another internal verifier must verify it.");
  const conflict = conflictBetween(me, learner);
  if (conflict === "self")
    throw forbidden(
      "You cannot verify a decision on your own portfolio. Another internal verifier must verify it.",
    );
  if (conflict === "team")
    throw forbidden(
      "You cannot verify a decision on a learner in your own team. Another internal verifier must verify it.",
    );
}

/** Why the viewer cannot verify a decision, in words for the page; null when they can. */
export function verifyBlocker(
  actor: Actor,
  decision: { assessorId: string | null },
  me: Person,
  learner: Person,
): string | null {
  try {
    assertCanVerify(actor, decision, me, learner);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "You cannot verify this decision.";
  }
}
