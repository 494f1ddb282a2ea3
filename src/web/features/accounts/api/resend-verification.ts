import { useMutation } from "@tanstack/react-query";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/auth/resend-verification {email} → 202 {message}. */
export function useResendVerification() {
  return useMutation({
    mutationFn: (email: string) =>
      apiRequest("POST", "/api/auth/resend-verification", { body: { email }, schema: MessageSchema }),
  });
}
