import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";
import { meQueryKey } from "../../../lib/use-me";

/** POST /api/auth/reset-password {token, password} → 200 {message}; every session is ended. */
export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { token: string; password: string }) =>
      apiRequest("POST", "/api/auth/reset-password", { body, schema: MessageSchema }),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    },
  });
}
