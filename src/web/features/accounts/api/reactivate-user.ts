import { AdminUserSchema } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";
import { useAdminUserMutation } from "./admin-user";

/** POST /api/admin/users/:id/reactivate (no body) → the updated AdminUser. */
export function useReactivateUser(id: string) {
  return useAdminUserMutation<undefined>(id, (base) =>
    apiRequest("POST", `${base}/reactivate`, { schema: AdminUserSchema }),
  );
}
