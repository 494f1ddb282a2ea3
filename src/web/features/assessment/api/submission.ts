import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type DecisionCreateInput,
  DecisionResultSchema,
  SubmissionDetailSchema,
} from "../../../../shared/assessment";
import { apiRequest } from "../../../lib/api-client";
import { assessmentKeys, submissionPath } from "./assessment-keys";

/** GET /api/assessment/submissions/:id → the side-by-side view. */
export function useSubmission(id: string) {
  return useQuery({
    queryKey: assessmentKeys.submission(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", submissionPath(id), { schema: SubmissionDetailSchema, signal }),
    retry: false,
  });
}

/** POST /api/assessment/submissions/:id/decision → where the submission now stands. */
export function useDecide(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DecisionCreateInput) =>
      apiRequest("POST", `${submissionPath(id)}/decision`, { body, schema: DecisionResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}
