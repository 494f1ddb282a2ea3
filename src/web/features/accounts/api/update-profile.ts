import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { MeSchema, type ProfileUpdateSchema } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";
import { meQueryKey } from "../../../lib/use-me";

/** The PATCH body as sent (before the server's normalising). */
export type ProfileUpdateBody = z.input<typeof ProfileUpdateSchema>;

/** PATCH /api/me → the updated Me, which replaces the cached one. */
export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProfileUpdateBody) => apiRequest("PATCH", "/api/me", { body, schema: MeSchema }),
    onSuccess: (me) => queryClient.setQueryData(meQueryKey, me),
  });
}
