import { useQuery } from "@tanstack/react-query";
import { HelpArticleSchema } from "../../../../shared/help";
import { apiRequest } from "../../../lib/api-client";
import { helpKeys } from "./help-keys";

/** GET /api/help/:slug → one answer with its HTML; 404 for an unknown (or, for learners, unpublished) one. */
export function useHelpArticle(slug: string) {
  return useQuery({
    queryKey: helpKeys.article(slug),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/help/${encodeURIComponent(slug)}`, { schema: HelpArticleSchema, signal }),
    staleTime: 60_000,
  });
}
