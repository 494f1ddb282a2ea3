import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** Uploading course files: content editors and platform administrators. */
export function assertCanUploadFiles(actor: Actor): void {
  if (!actor.roles.some((r) => r.role === "content_editor" || r.role === "platform_admin")) {
    throw forbidden("Only content editors and platform administrators can upload course files.");
  }
}
