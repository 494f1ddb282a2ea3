import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CatalogueSchema, type Level } from "../../../../shared/catalogue";
import { apiRequest } from "../../../lib/api-client";

/** Filters for the catalogue, as the page reads them from its address. */
export interface CatalogueFilters {
  q?: string;
  /** A programme's slug. */
  programme?: string;
  levels: Level[];
  free: boolean;
}

/** The filters as a query string the API and the page share: levels repeat, empty values are left out. */
export function catalogueSearch(filters: CatalogueFilters): string {
  const search = new URLSearchParams();
  if (filters.q) search.set("q", filters.q);
  if (filters.programme) search.set("programme", filters.programme);
  for (const level of filters.levels) search.append("level", level);
  if (filters.free) search.set("free", "true");
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * GET /api/catalogue?q=&programme=&level=&free=true → programmes with their matching courses. Prices are for
 * the signed-in learner, so signing in or out clears this from the cache (see accounts' sign-in and sign-out).
 */
export function useCatalogue(filters: CatalogueFilters) {
  return useQuery({
    queryKey: ["catalogue", filters],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/catalogue${catalogueSearch(filters)}`, { schema: CatalogueSchema, signal }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}
