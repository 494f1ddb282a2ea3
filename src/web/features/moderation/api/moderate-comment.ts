import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ModerationActionInput, ModerationResultSchema } from "../../../../shared/moderation";
import { apiRequest } from "../../../lib/api-client";
import { moderationKeys } from "./moderation-keys";

/** POST /api/comments/:commentId/moderation {action, note?} → the comment's state and the reports resolved. */
export function useModerateComment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ commentId, ...body }: ModerationActionInput & { commentId: string }) =>
      apiRequest("POST", `/api/comments/${encodeURIComponent(commentId)}/moderation`, {
        body,
        schema: ModerationResultSchema,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: moderationKeys.all }),
  });
}
