import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { z } from "zod";
import { OrganisationSchema } from "../../shared/organisations";
import { apiRequest, toQueryString } from "./api-client";

const OrganisationListSchema = z.object({ items: z.array(OrganisationSchema) });

/** Shortest search the directory accepts. */
export const ORGANISATION_SEARCH_MIN = 2;

/** GET /api/organisations?q= → {items}; idle until the search has at least two characters. */
export function useSearchOrganisations(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ["organisations", "search", term],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/organisations${toQueryString({ q: term })}`, {
        schema: OrganisationListSchema,
        signal,
      }),
    enabled: term.length >= ORGANISATION_SEARCH_MIN,
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
