import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ScormLaunchSchema } from "../../../../shared/scorm";
import { apiRequest } from "../../../lib/api-client";
import { enrolmentApiPath, learningKeys } from "./learning-keys";

/**
 * POST …/steps/:stepId/scorm/attempts → 201 a new attempt, when the content allows one (the last attempt finished
 * complete, passed or failed). Earlier attempts stay in the record; the step's standing is refetched.
 */
export function useStartScormAttempt(enrolmentId: string, stepId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest("POST", `${enrolmentApiPath(enrolmentId, stepId)}/scorm/attempts`, {
        schema: ScormLaunchSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: learningKeys.all }),
  });
}
