import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { cpdKeys } from "./cpd-keys";

/**
 * DELETE /api/me/cpd-activities/:id → 204. Every CPD query is marked stale without refetching now, so the record
 * refreshes when shown while the page that asked (still showing the activity) does not fetch it again and get 404.
 */
export function useDeleteCpdActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", `/api/me/cpd-activities/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cpdKeys.all, refetchType: "none" }),
  });
}
