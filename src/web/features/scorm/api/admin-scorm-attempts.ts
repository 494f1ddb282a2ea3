import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  ScormAttemptAdminSchema,
  ScormAttemptListSchema,
  ScormAttemptResetSchema,
} from "../../../../shared/scorm";
import { apiRequest } from "../../../lib/api-client";
import { scormKeys } from "./scorm-keys";

/** GET /api/admin/users/:userId/scorm-attempts → a learner's SCORM attempts, newest first (audited). */
export function useAdminScormAttempts(userId: string) {
  return useQuery({
    queryKey: scormKeys.adminAttempts(userId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/users/${encodeURIComponent(userId)}/scorm-attempts`, {
        schema: ScormAttemptListSchema,
        signal,
      }),
  });
}

/** GET /api/admin/scorm-attempts/:attemptId → one attempt with every stored data model value (audited). */
export function useAdminScormAttempt(attemptId: string) {
  return useQuery({
    queryKey: scormKeys.adminAttempt(attemptId),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/scorm-attempts/${encodeURIComponent(attemptId)}`, {
        schema: ScormAttemptAdminSchema,
        signal,
      }),
  });
}

/** POST /api/admin/scorm-attempts/:attemptId/reset → the attempt marked reset (409 when it already was). */
export function useResetScormAttempt(attemptId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      apiRequest("POST", `/api/admin/scorm-attempts/${encodeURIComponent(attemptId)}/reset`, {
        body: {},
        schema: ScormAttemptResetSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "scorm-attempts"] }),
  });
}
