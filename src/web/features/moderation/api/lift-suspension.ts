import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { moderationKeys } from "./moderation-keys";

/** DELETE /api/runs/:runId/suspensions/:userId → 204: the member may post again. */
export function useLiftSuspension(runId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      apiRequest(
        "DELETE",
        `/api/runs/${encodeURIComponent(runId)}/suspensions/${encodeURIComponent(userId)}`,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.all }),
  });
}
