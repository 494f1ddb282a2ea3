/** Query keys for discussions: everything under `all`, so one invalidation refreshes every thread after an action. */
export const discussionKeys = {
  all: ["discussions"] as const,
  step: (stepId: string, runId: string, sort: string, page: number) =>
    ["discussions", "step", stepId, runId, sort, page] as const,
  topics: (runId: string) => ["discussions", "topics", runId] as const,
  topic: (topicId: string, sort: string, page: number) =>
    ["discussions", "topic", topicId, sort, page] as const,
  stepCounts: (runId: string) => ["discussions", "step-counts", runId] as const,
  runsForCourse: (courseId: string) => ["discussions", "runs-for-course", courseId] as const,
};
