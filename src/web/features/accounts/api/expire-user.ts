import { AdminUserSchema } from "../../../../shared/accounts";
import { apiRequest } from "../../../lib/api-client";
import { useAdminUserMutation } from "./admin-user";

/** POST /api/admin/users/:id/expire {reason} → the updated AdminUser. */
export function useExpireUser(id: string) {
  return useAdminUserMutation(id, (base, reason: string) =>
    apiRequest("POST", `${base}/expire`, { body: { reason }, schema: AdminUserSchema }),
  );
}
