import { useMutation, useQueryClient } from "@tanstack/react-query";
import { QuizResultSchema, type QuizSubmitInput } from "../../../../shared/learning";
import { apiRequest } from "../../../lib/api-client";
import { enrolmentApiPath, learningKeys } from "./learning-keys";

/**
 * POST …/steps/:stepId/attempts {answers} → 201 the marked attempt. The server marks it; the answers were never
 * sent to the browser. Afterwards the step (attempts used, last result) and progress everywhere are refetched.
 */
export function useSubmitAttempt(enrolmentId: string, stepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: QuizSubmitInput) =>
      apiRequest("POST", `${enrolmentApiPath(enrolmentId, stepId)}/attempts`, {
        body,
        schema: QuizResultSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: learningKeys.all }),
  });
}
