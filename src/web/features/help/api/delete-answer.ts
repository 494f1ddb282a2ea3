import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "../../../lib/api-client";
import { helpKeys } from "./help-keys";

/** DELETE /api/manage/help/articles/:id → 204; the help queries are refreshed. */
export function useDeleteAnswer(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest("DELETE", `/api/manage/help/articles/${encodeURIComponent(id)}`),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: helpKeys.managed(id) });
      return queryClient.invalidateQueries({ queryKey: helpKeys.all });
    },
  });
}
