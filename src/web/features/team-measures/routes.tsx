import type { RouteObject } from "react-router";
import { TeamBoardPage } from "./routes/board.page";
import { BoardSettingsPage } from "./routes/board-settings.page";
import { TeamImportPage } from "./routes/import.page";
import { ManageMeasureLibraryPage } from "./routes/manage-library.page";
import { TeamMeasurePage } from "./routes/measure.page";
import { NewTeamMeasurePage } from "./routes/new-measure.page";
import { TeamMeasureSettingsPage } from "./routes/settings.page";
import { TeamMeasuresPage } from "./routes/team-measures.page";

/** A team's measures, charts and "Knowing how we are doing" board, for signed-in people; the API decides access. */
export const teamMeasuresRoutes: RouteObject[] = [
  { path: "implementation/teams/:teamId/measures", element: <TeamMeasuresPage /> },
  { path: "implementation/teams/:teamId/measures/new", element: <NewTeamMeasurePage /> },
  { path: "implementation/team-measures/:measureId", element: <TeamMeasurePage /> },
  { path: "implementation/team-measures/:measureId/import", element: <TeamImportPage /> },
  { path: "implementation/team-measures/:measureId/settings", element: <TeamMeasureSettingsPage /> },
  { path: "implementation/teams/:teamId/board", element: <TeamBoardPage /> },
  { path: "implementation/teams/:teamId/board/settings", element: <BoardSettingsPage /> },
];
/** Content editors' measure library pages (placed under /manage). */
export const teamMeasuresManageRoutes: RouteObject[] = [
  { path: "programmes/:id/measure-library", element: <ManageMeasureLibraryPage /> },
];
