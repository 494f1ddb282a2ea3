import type { RouteObject } from "react-router";
import { HouseEditorPage } from "./routes/house-editor.page";
import { ModuleStatusPage } from "./routes/module-status.page";
import { OrganisationHousePage } from "./routes/organisation-house.page";
import { ProgressImportPage } from "./routes/progress-import.page";
import { TeamHousePage } from "./routes/team-house.page";

/** A team's house, module status and the organisation grid, for signed-in people; the API decides access. */
export const houseRoutes: RouteObject[] = [
  { path: "implementation/teams/:teamId", element: <TeamHousePage /> },
  { path: "implementation/teams/:teamId/modules/:moduleId", element: <ModuleStatusPage /> },
  { path: "implementation/:registrationId/house", element: <OrganisationHousePage /> },
  { path: "implementation/:registrationId/progress-import", element: <ProgressImportPage /> },
];
/** Content editors' house definition pages (placed under /manage). */
export const houseManageRoutes: RouteObject[] = [
  { path: "programmes/:id/house", element: <HouseEditorPage /> },
];
