import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  AllocationPageSchema,
  type AllocationQuery,
  AssessorOptionsSchema,
  QueueItemSchema,
} from "../../../../shared/assessment";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { assessmentKeys } from "./assessment-keys";

/** GET /api/admin/assessment/submissions?… → a page of open submissions. */
export function useAllocationList(query: Partial<AllocationQuery>) {
  return useQuery({
    queryKey: [...assessmentKeys.allocation, query],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/assessment/submissions${toQueryString({ ...query })}`, {
        schema: AllocationPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/assessment/assessors?submissionId= → the submission and who may take it. */
export function useAssessorOptions(submissionId: string) {
  return useQuery({
    queryKey: assessmentKeys.assessors(submissionId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/assessment/assessors${toQueryString({ submissionId })}`, {
        schema: AssessorOptionsSchema,
        signal,
      }),
    retry: false,
  });
}

/** POST /api/admin/assessment/submissions/:id/allocate → the submission with its new assessor. */
export function useAllocate(submissionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (assessorId: string) =>
      apiRequest("POST", `/api/admin/assessment/submissions/${encodeURIComponent(submissionId)}/allocate`, {
        body: { assessorId },
        schema: QueueItemSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}
