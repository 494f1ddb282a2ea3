import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** True for content editors and platform administrators: they upload packages and may open any of them. */
export function canManagePackages(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "content_editor" || r.role === "platform_admin");
}

/** Uploading and inspecting SCORM packages: content editors and platform administrators (not scoped by organisation). */
export function assertCanManagePackages(actor: Actor): void {
  if (!canManagePackages(actor)) {
    throw forbidden(
      "Only content editors and platform administrators can upload and inspect SCORM packages.",
    );
  }
}
