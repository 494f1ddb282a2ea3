/**
 * Query keys for a learner's learning. Everything sits under "learning" (the course page's enrolment panel uses
 * ["learning", "viewer", courseId]), so one invalidation after enrolling, progress or a quiz attempt refreshes
 * My learning, outlines, steps and course pages together.
 */
export const learningKeys = {
  all: ["learning"] as const,
  myLearning: ["learning", "my"] as const,
  outline: (enrolmentId: string) => ["learning", "outline", enrolmentId] as const,
  step: (enrolmentId: string, stepId: string) => ["learning", "step", enrolmentId, stepId] as const,
};

/** The API path of an enrolment's learning, with the ids escaped. */
export function enrolmentApiPath(enrolmentId: string, stepId?: string): string {
  const base = `/api/learning/enrolments/${encodeURIComponent(enrolmentId)}`;
  return stepId === undefined ? base : `${base}/steps/${encodeURIComponent(stepId)}`;
}
