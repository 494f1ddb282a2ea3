import type { RouteObject } from "react-router";
import { AdminBoxSetsPage } from "./routes/admin-box-sets.page";
import { BoxSetsPage } from "./routes/box-sets.page";
import { ImplementationHomePage } from "./routes/implementation-home.page";
import { RegisterPage } from "./routes/register.page";
import { RegistrationPage } from "./routes/registration.page";
import { EditTeamPage, NewTeamPage } from "./routes/team-form.page";

/** Registration, teams, people and box set pages for signed-in people; the API decides who reads and edits. */
export const implementationRoutes: RouteObject[] = [
  { path: "implementation", element: <ImplementationHomePage /> },
  { path: "implementation/register", element: <RegisterPage /> },
  { path: "implementation/:registrationId", element: <RegistrationPage /> },
  { path: "implementation/:registrationId/teams/new", element: <NewTeamPage /> },
  { path: "implementation/teams/:teamId/edit", element: <EditTeamPage /> },
  { path: "implementation/:registrationId/box-sets", element: <BoxSetsPage /> },
];
/** Box set dispatch for platform administrators (placed under the admin layout). */
export const implementationAdminRoutes: RouteObject[] = [{ path: "box-sets", element: <AdminBoxSetsPage /> }];
