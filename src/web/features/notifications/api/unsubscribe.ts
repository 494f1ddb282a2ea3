import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UnsubscribeResultSchema } from "../../../../shared/notifications";
import { apiRequest } from "../../../lib/api-client";
import { notificationKeys } from "./notification-keys";

/** POST /api/unsubscribe {token} → what the link stopped (works without signing in). */
export function useUnsubscribe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      apiRequest("POST", "/api/unsubscribe", { body: { token }, schema: UnsubscribeResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.preferences }),
  });
}
