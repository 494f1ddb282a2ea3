/**
 * Query keys and API paths for SCORM. The launch sits under ["learning", …] so that the learning feature's
 * invalidation after progress refreshes it too.
 */
export const scormKeys = {
  launch: (enrolmentId: string, stepId: string) => ["learning", "scorm", enrolmentId, stepId] as const,
  adminAttempts: (userId: string) => ["admin", "scorm-attempts", "user", userId] as const,
  adminAttempt: (attemptId: string) => ["admin", "scorm-attempts", attemptId] as const,
};

/** …/enrolments/:id/steps/:stepId/scorm, with the ids escaped. */
export function scormStepApiPath(enrolmentId: string, stepId: string): string {
  return `/api/learning/enrolments/${encodeURIComponent(enrolmentId)}/steps/${encodeURIComponent(stepId)}/scorm`;
}

/** Where the run-time sends an attempt's commits. */
export function commitsApiPath(enrolmentId: string, stepId: string, attemptId: string): string {
  return `${scormStepApiPath(enrolmentId, stepId)}/attempts/${encodeURIComponent(attemptId)}/commits`;
}
