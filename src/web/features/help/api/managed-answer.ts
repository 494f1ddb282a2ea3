import { useQuery } from "@tanstack/react-query";
import { HelpArticleAdminSchema } from "../../../../shared/help";
import { apiRequest } from "../../../lib/api-client";
import { helpKeys } from "./help-keys";

/** GET /api/manage/help/articles/:id → one answer's Markdown source and settings. */
export function useManagedAnswer(id: string) {
  return useQuery({
    queryKey: helpKeys.managed(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/manage/help/articles/${encodeURIComponent(id)}`, {
        schema: HelpArticleAdminSchema,
        signal,
      }),
  });
}
