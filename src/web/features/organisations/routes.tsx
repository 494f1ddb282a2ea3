import type { RouteObject } from "react-router";
import { AdminOrganisationPage } from "./routes/admin-organisation.page";
import { AdminOrganisationDeletePage } from "./routes/admin-organisation-delete.page";
import { AdminOrganisationFormPage } from "./routes/admin-organisation-form.page";
import { AdminOrganisationsPage } from "./routes/admin-organisations.page";
import { AdminOrganisationsImportPage } from "./routes/admin-organisations-import.page";
import { AdminUserTeamPage } from "./routes/admin-user-team.page";
import { TeamPage } from "./routes/team.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const organisationRoutes: RouteObject[] = [{ path: "account/team", element: <TeamPage /> }];

/** Pages for platform administrators (the router places them inside the admin layout). */
export const organisationAdminRoutes: RouteObject[] = [
  { path: "organisations", element: <AdminOrganisationsPage /> },
  { path: "organisations/new", element: <AdminOrganisationFormPage mode="new" /> },
  { path: "organisations/import", element: <AdminOrganisationsImportPage /> },
  { path: "organisations/:id", element: <AdminOrganisationPage /> },
  { path: "organisations/:id/edit", element: <AdminOrganisationFormPage key="edit" mode="edit" /> },
  { path: "organisations/:id/move", element: <AdminOrganisationFormPage key="move" mode="move" /> },
  { path: "organisations/:id/delete", element: <AdminOrganisationDeletePage /> },
  { path: "users/:id/team", element: <AdminUserTeamPage /> },
];
