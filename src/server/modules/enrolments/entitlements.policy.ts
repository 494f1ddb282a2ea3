import type { Actor } from "../../platform/auth.js";
import { forbidden, notFound } from "../../platform/errors.js";

function isPlatformAdmin(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "platform_admin");
}

/** Giving places, revoking them and seeing who has them: platform administrators only. */
export function assertCanManageGrants(actor: Actor): void {
  if (!isPlatformAdmin(actor)) throw forbidden("Only platform administrators can give places on courses.");
}

/** Recording and changing organisation licences: platform administrators only. */
export function assertCanManageLicences(actor: Actor): void {
  if (!isPlatformAdmin(actor))
    throw forbidden("Only platform administrators can manage organisation licences.");
}

/** Reading the deferral queue, messaging learners and deciding requests: platform administrators only. */
export function assertCanDecideDeferrals(actor: Actor): void {
  if (!isPlatformAdmin(actor))
    throw forbidden("Only platform administrators can see and decide deferral requests.");
}

/**
 * A learner's deferral requests belong to their own enrolment. Anyone else's is answered as not found, so the
 * answer does not reveal that the enrolment exists.
 */
export function assertOwnEnrolment<T>(
  actor: Actor,
  enrolment: T | null,
  ownerOf: (enrolment: T) => string,
): asserts enrolment is T {
  if (enrolment === null || ownerOf(enrolment) !== actor.userId) throw notFound("The enrolment");
}
