import { AdminUserSchema, type Role } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";
import { useAdminUserMutation } from "./admin-user";

/** POST /api/admin/users/:id/roles {role, organisationId?} → the updated AdminUser. */
export function useGrantRole(id: string) {
  return useAdminUserMutation(id, (base, body: { role: Role; organisationId?: string }) =>
    apiRequest("POST", `${base}/roles`, { body, schema: AdminUserSchema }),
  );
}
