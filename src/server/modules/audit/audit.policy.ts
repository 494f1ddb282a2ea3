import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** Searching everyone's audit entries: platform administrators only. */
export function assertCanSearchAudit(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === "platform_admin"))
    throw forbidden("Only platform administrators can search the audit log.");
}

/**
 * Reading one's own entries: people with learner administrator access that has not lapsed (lapsed roles never reach
 * actor.roles), so they can see what they have looked at.
 */
export function assertCanReadOwnAudit(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === "learner_admin"))
    throw forbidden(
      "Your activity is shown to learner administrators. You do not have learner administrator access at the moment.",
    );
}
