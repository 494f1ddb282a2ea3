import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/guards";
import { FacilitateAnnouncementsPage } from "./routes/facilitate-announcements.page";
import { NotificationsPage } from "./routes/notifications.page";
import { RunAnnouncementsPage } from "./routes/run-announcements.page";
import { NotificationSettingsPage } from "./routes/settings.page";
import { UnsubscribePage } from "./routes/unsubscribe.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const notificationsRoutes: RouteObject[] = [
  { path: "notifications", element: <NotificationsPage /> },
  { path: "notifications/settings", element: <NotificationSettingsPage /> },
  { path: "runs/:runId/announcements", element: <RunAnnouncementsPage /> },
  {
    path: "facilitate/runs/:runId/announcements",
    element: <RequireRole required={["facilitator", "platform_admin"]} />,
    children: [{ index: true, element: <FacilitateAnnouncementsPage /> }],
  },
];

/** Pages anyone can open without signing in (the one-click unsubscribe link). */
export const notificationsPublicRoutes: RouteObject[] = [
  { path: "unsubscribe", element: <UnsubscribePage /> },
];
