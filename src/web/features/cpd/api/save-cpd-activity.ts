import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type CpdActivityInputRaw, CpdActivitySchema } from "../../../../shared/cpd";
import { apiRequest } from "../../../lib/api-client";
import { cpdKeys } from "./cpd-keys";

/**
 * POST /api/me/cpd-activities (no id) or PUT /api/me/cpd-activities/:id → the saved activity. The record and
 * transcript are refreshed so the totals include it at once.
 */
export function useSaveCpdActivity(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CpdActivityInputRaw) =>
      id
        ? apiRequest("PUT", `/api/me/cpd-activities/${encodeURIComponent(id)}`, {
            body,
            schema: CpdActivitySchema,
          })
        : apiRequest("POST", "/api/me/cpd-activities", { body, schema: CpdActivitySchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cpdKeys.all }),
  });
}
