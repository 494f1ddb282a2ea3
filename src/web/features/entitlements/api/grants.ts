import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  type GrantCreateInput,
  GrantPageSchema,
  GrantSchema,
  type GrantStatus,
} from "../../../../shared/entitlements";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Filters for the list of places given, as they appear in the page's address. */
export interface GrantFilters {
  email?: string;
  courseId?: string;
  status?: GrantStatus;
  page: number;
  pageSize: number;
}

const grantsKey = ["admin", "grants"] as const;

/** GET /api/admin/grants?email=&courseId=&status=&page= → a page of places given, newest first. */
export function useGrants(filters: GrantFilters) {
  return useQuery({
    queryKey: [...grantsKey, filters],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/grants${toQueryString({ ...filters })}`, {
        schema: GrantPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** POST /api/admin/grants → the new grant; the list is fetched again. */
export function useGiveGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<GrantCreateInput, "userId">) =>
      apiRequest("POST", "/api/admin/grants", { body, schema: GrantSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: grantsKey }),
  });
}

/** DELETE /api/admin/grants/:id → the revoked grant; the list is fetched again. */
export function useRevokeGrant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiRequest("DELETE", `/api/admin/grants/${encodeURIComponent(id)}`, { schema: GrantSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: grantsKey }),
  });
}
