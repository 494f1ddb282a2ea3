import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { AdminUserPageSchema, type Role } from "../../../../shared/accounts";
import { apiRequest, toQueryString } from "../../../lib/api-client";

/** Filters for the admin user list, as they appear in the page's query string. */
export interface AdminUserFilters {
  q?: string;
  status?: "active" | "expired";
  role?: Role;
  page: number;
  pageSize: number;
}

/** GET /api/admin/users?q=&status=&role=&page=&pageSize= → a page of users. */
export function useAdminUsers(filters: AdminUserFilters) {
  return useQuery({
    queryKey: ["admin", "users", filters],
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/users${toQueryString({ ...filters })}`, {
        schema: AdminUserPageSchema,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
