import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { AssessorQueueSchema, QueueItemSchema } from "../../../../shared/assessment";
import { apiRequest } from "../../../lib/api-client";
import { assessmentKeys, submissionPath } from "./assessment-keys";

/** GET /api/assessment/queue → allocated to me, and available to pick up. */
export function useAssessorQueue() {
  return useQuery({
    queryKey: assessmentKeys.queue,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/assessment/queue", { schema: AssessorQueueSchema, signal }),
  });
}

/** POST /api/assessment/submissions/:id/pick-up → the submission, now mine; the queue is fetched again either way. */
export function usePickUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest("POST", `${submissionPath(id)}/pick-up`, { schema: QueueItemSchema }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.queue }),
  });
}
