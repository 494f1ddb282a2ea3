import { useMutation, useQueryClient } from "@tanstack/react-query";
import { MeSchema } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";
import { meQueryKey } from "../../../lib/use-me";

/** POST /api/auth/sign-in → 200 Me; the server sets the session cookie and we keep the Me it returns. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      apiRequest("POST", "/api/auth/sign-in", { body, schema: MeSchema }),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
