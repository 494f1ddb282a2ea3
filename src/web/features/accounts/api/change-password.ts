import { useMutation } from "@tanstack/react-query";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/me/password {currentPassword, newPassword} → 200 {message}. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      apiRequest("POST", "/api/me/password", { body, schema: MessageSchema }),
  });
}
