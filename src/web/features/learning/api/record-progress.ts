import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { type StepProgressInput, StepProgressResultSchema } from "../../../../shared/learning";
import { apiRequest } from "../../../lib/api-client";
import { enrolmentApiPath, learningKeys } from "./learning-keys";
import type { StepViewData } from "./learning-schemas";

function isKey(key: QueryKey, expected: readonly string[]): boolean {
  return key.length === expected.length && expected.every((part, index) => key[index] === part);
}

/**
 * POST …/steps/:stepId/progress {event, percent?} → the step's new status and the course's progress. The step in
 * the cache takes the new status at once; everything else about the learner's learning is refetched when the
 * status changed (a video's progress every 15 seconds changes nothing else).
 */
export function useRecordProgress(enrolmentId: string, stepId: string) {
  const queryClient = useQueryClient();
  const stepKey = learningKeys.step(enrolmentId, stepId);
  return useMutation({
    mutationFn: (body: StepProgressInput) =>
      apiRequest("POST", `${enrolmentApiPath(enrolmentId, stepId)}/progress`, {
        body,
        schema: StepProgressResultSchema,
      }),
    onSuccess: (result) => {
      const before = queryClient.getQueryData<StepViewData>(stepKey)?.status;
      queryClient.setQueryData<StepViewData>(stepKey, (step) =>
        step ? { ...step, status: result.status, percent: result.percent } : step,
      );
      if (before === result.status) return;
      return queryClient.invalidateQueries({
        queryKey: learningKeys.all,
        predicate: (query) => !isKey(query.queryKey, stepKey),
      });
    },
  });
}
