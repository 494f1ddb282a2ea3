/** The course outline of an enrolment. */
export function outlinePath(enrolmentId: string): string {
  return `/learning/${encodeURIComponent(enrolmentId)}`;
}

/** The page that sends the learner to their next incomplete step. */
export function continuePath(enrolmentId: string): string {
  return `${outlinePath(enrolmentId)}/continue`;
}

/** One step of an enrolment. */
export function stepPath(enrolmentId: string, stepId: string): string {
  return `${outlinePath(enrolmentId)}/steps/${encodeURIComponent(stepId)}`;
}

/** The id of a module's heading on the outline, so breadcrumbs can link straight to it. */
export function moduleAnchor(moduleId: string): string {
  return `module-${moduleId}`;
}
