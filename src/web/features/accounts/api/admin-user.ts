import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type AdminUser, AdminUserSchema } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";

/** Query key for one user as an administrator sees them. */
export function adminUserQueryKey(id: string) {
  return ["admin", "users", "one", id] as const;
}

/** GET /api/admin/users/:id → AdminUser. */
export function useAdminUser(id: string) {
  return useQuery({
    queryKey: adminUserQueryKey(id),
    queryFn: ({ signal }) =>
      apiRequest("GET", `/api/admin/users/${encodeURIComponent(id)}`, { schema: AdminUserSchema, signal }),
  });
}

/**
 * Shared by the admin actions on one user: each answers with the updated AdminUser, which replaces the
 * cached one, and the user list is refreshed.
 */
export function useAdminUserMutation<V>(
  id: string,
  request: (base: string, variables: V) => Promise<AdminUser>,
) {
  const queryClient = useQueryClient();
  const base = `/api/admin/users/${encodeURIComponent(id)}`;
  return useMutation({
    mutationFn: (variables: V) => request(base, variables),
    onSuccess: (user) => {
      queryClient.setQueryData(adminUserQueryKey(id), user);
      return queryClient.invalidateQueries({ queryKey: ["admin", "users"], exact: false });
    },
  });
}
