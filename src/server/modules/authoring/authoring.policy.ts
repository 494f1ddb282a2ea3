import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** True when the actor may build courses: content editors and platform administrators. */
export function canAuthor(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "content_editor" || r.role === "platform_admin");
}

/**
 * Building programmes and courses (drafts included, which nobody else may see): content editors and platform
 * administrators. The catalogue is shared by every organisation, so the role is not scoped.
 */
export function assertCanAuthor(actor: Actor): void {
  if (!canAuthor(actor)) {
    throw forbidden("Only content editors and platform administrators can create and change courses.");
  }
}
