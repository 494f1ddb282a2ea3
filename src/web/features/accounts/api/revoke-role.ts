import { AdminUserSchema } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";
import { useAdminUserMutation } from "./admin-user";

/** DELETE /api/admin/users/:id/roles/:grantId → the updated AdminUser. */
export function useRevokeRole(id: string) {
  return useAdminUserMutation(id, (base, grantId: string) =>
    apiRequest("DELETE", `${base}/roles/${encodeURIComponent(grantId)}`, { schema: AdminUserSchema }),
  );
}
