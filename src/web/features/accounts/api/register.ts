import { useMutation } from "@tanstack/react-query";
import type { z } from "zod";
import type { RegisterSchema } from "../../../../shared/accounts";
import { MessageSchema } from "../../../../shared/errors";
import { apiRequest } from "../../../lib/api-client";

/** What the register form sends: the schema's input, before the server normalises it. */
export type RegisterBody = z.input<typeof RegisterSchema>;

/** POST /api/auth/register → 202 {message}; the account waits for email verification. */
export function useRegister() {
  return useMutation({
    mutationFn: (body: RegisterBody) =>
      apiRequest("POST", "/api/auth/register", { body, schema: MessageSchema }),
  });
}
