import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { HelpIndexSchema } from "../../../../shared/help";
import { apiRequest, toQueryString } from "../../../lib/api-client";
import { helpKeys } from "./help-keys";

/** GET /api/help?q= → answers by section, or the best matches for the search words. */
export function useHelpIndex(q: string) {
  return useQuery({
    queryKey: helpKeys.index(q),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/help${toQueryString({ q })}`, { schema: HelpIndexSchema, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
