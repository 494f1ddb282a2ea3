import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type DeferralCreateInput,
  DeferralMessageSchema,
  DeferralRequestSchema,
  LearnerDeferralsSchema,
} from "../../../../shared/deferrals";
import { apiRequest } from "../../../lib/api-client";

/** Under "learning", so whatever refreshes a learner's learning refreshes this too. */
const learnerDeferralsKey = (enrolmentId: string) => ["learning", "deferrals", enrolmentId] as const;
const basePath = (enrolmentId: string) =>
  `/api/learning/enrolments/${encodeURIComponent(enrolmentId)}/deferrals`;

/** GET /api/learning/enrolments/:id/deferrals → whether the learner may ask, and their requests. */
export function useLearnerDeferrals(enrolmentId: string) {
  return useQuery({
    queryKey: learnerDeferralsKey(enrolmentId),
    queryFn: ({ signal }) =>
      apiRequest("GET", basePath(enrolmentId), { schema: LearnerDeferralsSchema, signal }),
  });
}

/** POST /api/learning/enrolments/:id/deferrals → the new request; the learner's learning is fetched again. */
export function useAskToDefer(enrolmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DeferralCreateInput) =>
      apiRequest("POST", basePath(enrolmentId), { body, schema: DeferralRequestSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["learning"] }),
  });
}

/** POST …/deferrals/:requestId/messages → the learner's reply. */
export function useReplyToDeferral(enrolmentId: string, requestId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiRequest("POST", `${basePath(enrolmentId)}/${encodeURIComponent(requestId)}/messages`, {
        body: { body },
        schema: DeferralMessageSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: learnerDeferralsKey(enrolmentId) }),
  });
}
