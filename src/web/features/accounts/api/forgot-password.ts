import { useMutation } from "@tanstack/react-query";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/auth/forgot-password {email} → 202 {message}, whether or not the account exists. */
export function useForgotPassword() {
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest("POST", "/api/auth/forgot-password", { body: { email }, schema: MessageSchema }),
  });
}
