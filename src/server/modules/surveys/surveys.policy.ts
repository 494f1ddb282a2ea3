import type { Actor } from "../../platform/auth.js";
import { forbidden } from "../../platform/errors.js";

const holds = (actor: Actor, role: "platform_admin" | "content_editor") =>
  actor.roles.some((r) => r.role === role);

/** Whether the actor may edit courses' surveys: content editors and platform administrators. */
export function canEditSurveys(actor: Actor): boolean {
  return holds(actor, "content_editor") || holds(actor, "platform_admin");
}

/** Refuses anyone who may not edit surveys. */
export function assertCanEditSurveys(actor: Actor): void {
  if (!canEditSurveys(actor))
    throw forbidden("Only content editors and platform administrators can change a course's surveys.");
}

/**
 * Whether the actor may see a course's survey results across its runs: platform administrators, content editors, and
 * facilitators of any run of the course (facilitatesCourse).
 */
export function canSeeCourseResults(actor: Actor, facilitatesCourse: boolean): boolean {
  return canEditSurveys(actor) || facilitatesCourse;
}

/** Refuses anyone who may not see a course's survey results. */
export function assertCanSeeCourseResults(actor: Actor, facilitatesCourse: boolean): void {
  if (!canSeeCourseResults(actor, facilitatesCourse))
    throw forbidden(
      "Only facilitators of this course's runs, content editors and platform administrators can see its survey results.",
    );
}
