import { useQuery } from "@tanstack/react-query";
import { type Me, MeSchema } from "../../shared/accounts";
import { ApiError, apiRequest } from "./api-client";

/** Query key for the signed-in person; null data means signed out. */
export const meQueryKey = ["me"] as const;

/** GET /api/me, answering null when signed out (401) instead of failing. */
export async function fetchMe(): Promise<Me | null> {
  try {
    return await apiRequest("GET", "/api/me", { schema: MeSchema });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in person (or null), shared by the header, guards and account pages. */
export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}
