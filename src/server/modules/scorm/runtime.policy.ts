import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** Seeing and resetting learners' SCORM attempts (their data model values) for support calls: platform administrators. */
export function assertCanSupportScorm(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === "platform_admin"))
    throw forbidden("Only platform administrators can see and reset learners' e-learning attempts.");
}
