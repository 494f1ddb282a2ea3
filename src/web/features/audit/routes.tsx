import type { RouteObject } from "react-router";
import { ActivityPage } from "./routes/activity.page";
import { AdminAuditPage } from "./routes/admin-audit.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const auditRoutes: RouteObject[] = [{ path: "reports/activity", element: <ActivityPage /> }];

/** Pages for platform administrators (the router places them inside the admin layout). */
export const auditAdminRoutes: RouteObject[] = [{ path: "audit", element: <AdminAuditPage /> }];
