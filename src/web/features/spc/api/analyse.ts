import { useMutation } from "@tanstack/react-query";
import { SpcResultSchema } from "../../../../shared/measures";
import type { SpcInput } from "../../../../shared/spc/types";
import { apiRequest } from "../../../lib/api-client";

/** POST /api/spc/analyse: the public SPC engine (no sign-in). */
export function useAnalyseSpc() {
  return useMutation({
    mutationFn: (input: SpcInput) =>
      apiRequest("POST", "/api/spc/analyse", { body: input, schema: SpcResultSchema }),
  });
}
