import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** True when the actor is a platform administrator. */
export function isPlatformAdmin(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "platform_admin");
}

/** Browsing and changing the organisation directory, and importing it: platform administrators only. */
export function assertCanManageDirectory(actor: Actor): void {
  if (!isPlatformAdmin(actor))
    throw forbidden("Only platform administrators can manage the organisation directory.");
}

/** Setting someone else's team: platform administrators only. */
export function assertCanSetOthersTeam(actor: Actor): void {
  if (!isPlatformAdmin(actor))
    throw forbidden("Only platform administrators can change someone else's team.");
}
