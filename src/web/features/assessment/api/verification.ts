import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  SubmissionDetailSchema,
  type VerdictCreateInput,
  VerdictResultSchema,
  VerificationQueueSchema,
} from "../../../../shared/assessment";
import { apiRequest } from "../../../lib/api-client";
import { assessmentKeys, verificationPath } from "./assessment-keys";

/** GET /api/verification/queue → decisions waiting for me to verify. */
export function useVerificationQueue() {
  return useQuery({
    queryKey: assessmentKeys.verificationQueue,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/verification/queue", { schema: VerificationQueueSchema, signal }),
  });
}

/** GET /api/verification/submissions/:id → the side-by-side view with the decision under review. */
export function useVerificationSubmission(id: string) {
  return useQuery({
    queryKey: assessmentKeys.verification(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", verificationPath(id), { schema: SubmissionDetailSchema, signal }),
    retry: false,
  });
}

/** POST /api/verification/submissions/:id/verdict → where the submission now stands. */
export function useVerdict(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerdictCreateInput) =>
      apiRequest("POST", `${verificationPath(id)}/verdict`, { body, schema: VerdictResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}
