import { useQuery } from "@tanstack/react-query";
import { HelpArticleAdminListSchema } from "../../../../shared/help";
import { apiRequest } from "../../../lib/api-client";
import { helpKeys } from "./help-keys";

/** GET /api/manage/help/articles → every answer, drafts included. */
export function useManagedAnswers() {
  return useQuery({
    queryKey: helpKeys.managedList,
    queryFn: ({ signal }) =>
      apiRequest("GET", "/api/manage/help/articles", { schema: HelpArticleAdminListSchema, signal }),
  });
}
