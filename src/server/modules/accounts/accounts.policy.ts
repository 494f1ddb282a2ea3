import type { Role } from "../../../shared/accounts.js";
import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** True when the actor holds the role (any organisation scope). */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.some((r) => r.role === role);
}

/** Listing, finding, expiring users and assigning roles: platform administrators only. */
export function assertCanManageUsers(actor: Actor): void {
  if (!hasRole(actor, "platform_admin"))
    throw forbidden("Only platform administrators can manage user accounts.");
}

/** Reading the mail outbox (other people's mail): platform administrators only. */
export function assertCanReadOutbox(actor: Actor): void {
  if (!hasRole(actor, "platform_admin"))
    throw forbidden("Only platform administrators can read the mail outbox.");
}

/** Roles that must name the organisation they apply to. */
export const ORGANISATION_SCOPED_ROLES: ReadonlySet<Role> = new Set(["learner_admin"]);

/** An administrator may not expire their own account or remove their own administrator role (lock-out guard). */
export function assertNotSelf(actor: Actor, userId: string, what: string): void {
  if (actor.userId === userId)
    throw forbidden(`You cannot ${what} your own account. Ask another platform administrator.`);
}
