import type { RouteObject } from "react-router";
import { AdminApplicationPage } from "./routes/admin-application.page";
import { AdminApplicationsPage } from "./routes/admin-applications.page";
import { ApplyPage } from "./routes/apply.page";
import { GiveUpPage } from "./routes/give-up.page";
import { LearnerAdminPage } from "./routes/learner-admin.page";
import { NominationPage } from "./routes/nomination.page";

/** The nominee's page: it must work signed out, so it belongs with the public pages, outside RequireSignIn. */
export const learnerAdminPublicRoutes: RouteObject[] = [
  { path: "nominations/respond", element: <NominationPage /> },
];

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const learnerAdminRoutes: RouteObject[] = [
  { path: "account/learner-administrator", element: <LearnerAdminPage /> },
  { path: "account/learner-administrator/apply", element: <ApplyPage /> },
  { path: "account/learner-administrator/access/:roleId/give-up", element: <GiveUpPage /> },
];

/** Pages for platform administrators (the router places them inside the admin layout). */
export const learnerAdminAdminRoutes: RouteObject[] = [
  { path: "learner-administrators", element: <AdminApplicationsPage /> },
  { path: "learner-administrators/:id", element: <AdminApplicationPage /> },
];
