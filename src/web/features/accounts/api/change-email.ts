import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";
import { meQueryKey } from "../../../lib/use-me";

/** POST /api/me/email {newEmail, currentPassword} → 202 {message}; the change waits for verification. */
export function useChangeEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { newEmail: string; currentPassword: string }) =>
      apiRequest("POST", "/api/me/email", { body, schema: MessageSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
