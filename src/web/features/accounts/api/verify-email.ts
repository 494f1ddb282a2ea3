import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";
import { meQueryKey } from "../../../lib/use-me";

/** POST /api/auth/verify-email {token}; refreshes the signed-in person, whose emailVerified may change. */
export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) =>
      apiRequest("POST", "/api/auth/verify-email", { body: { token }, schema: MessageSchema.partial() }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
