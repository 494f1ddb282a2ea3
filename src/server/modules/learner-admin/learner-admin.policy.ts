import type { Actor } from "../../platform/auth.js";
import { forbidden, notFound } from "../../platform/errors.js";

function isPlatformAdmin(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "platform_admin");
}

/** Listing, reading and deciding applications, and revoking access: platform administrators only. */
export function assertCanDecideApplications(actor: Actor): void {
  if (!isPlatformAdmin(actor))
    throw forbidden("Only platform administrators can see and decide learner administrator applications.");
}

/**
 * An application belongs to its applicant. Anyone else's is answered as not found, so the answer does not reveal that
 * it exists.
 */
export function assertOwnApplication<T extends { applicantId: string }>(
  actor: Actor,
  application: T | null,
): asserts application is T {
  if (application === null || application.applicantId !== actor.userId) throw notFound("The application");
}

/** Giving up access: only the person who holds it (a lapsed or someone else's role is not found). */
export function assertOwnAccess<T extends { userId: string; role: string }>(
  actor: Actor,
  role: T | null,
): asserts role is T {
  if (role === null || role.userId !== actor.userId || role.role !== "learner_admin")
    throw notFound("The access");
}
