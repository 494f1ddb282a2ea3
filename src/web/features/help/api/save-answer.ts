import { useMutation, useQueryClient } from "@tanstack/react-query";
import { HelpArticleAdminSchema, type HelpArticleInput } from "../../../../shared/help";
import { apiRequest } from "../../../lib/api-client";
import { helpKeys } from "./help-keys";

/**
 * POST /api/manage/help/articles (no id) or PUT /api/manage/help/articles/:id → the saved answer. Every help
 * query is refreshed, so learners' pages and the list show the change at once.
 */
export function useSaveAnswer(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: HelpArticleInput) =>
      id
        ? apiRequest("PUT", `/api/manage/help/articles/${encodeURIComponent(id)}`, {
            body,
            schema: HelpArticleAdminSchema,
          })
        : apiRequest("POST", "/api/manage/help/articles", { body, schema: HelpArticleAdminSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: helpKeys.all }),
  });
}
