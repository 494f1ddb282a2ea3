import { HELP_EDITOR_ROLES } from "../../../shared/help.js";
import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

/** True when the person may see drafts and change answers (HELP_EDITOR_ROLES, shared with the web app). */
export function canEditHelp(actor: Actor | null): boolean {
  return actor?.roles.some((grant) => HELP_EDITOR_ROLES.includes(grant.role)) ?? false;
}

/** Writing, previewing and deleting answers: content editors and platform administrators only. */
export function assertCanEditHelp(actor: Actor): void {
  if (!canEditHelp(actor))
    throw forbidden("Only content editors and platform administrators can change the help centre.");
}
