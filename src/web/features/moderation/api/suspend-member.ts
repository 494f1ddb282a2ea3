import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MemberStandingSchema, type SuspensionInput } from "../../../../shared/moderation";
import { apiRequest } from "../../../lib/api-client";
import { moderationKeys } from "./moderation-keys";

/** PUT /api/runs/:runId/suspensions/:userId {reason} → the member's standing, now suspended. */
export function useSuspendMember(runId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SuspensionInput) =>
      apiRequest("PUT", `/api/runs/${encodeURIComponent(runId)}/suspensions/${encodeURIComponent(userId)}`, {
        body,
        schema: MemberStandingSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.all }),
  });
}
