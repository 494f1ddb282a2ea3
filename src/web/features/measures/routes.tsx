import type { RouteObject } from "react-router";
import { ImportPage } from "./routes/import.page";
import { MeasurePage } from "./routes/measure.page";
import { NewAnnotationPage } from "./routes/new-annotation.page";
import { NewMeasurePage } from "./routes/new-measure.page";
import { MeasureSettingsPage } from "./routes/settings.page";

/** Pages for signed-in people (the router places them under RequireSignIn); the API decides who reads and edits. */
export const measuresRoutes: RouteObject[] = [
  { path: "projects/:projectId/measures/new", element: <NewMeasurePage /> },
  { path: "projects/:projectId/measures/:measureId", element: <MeasurePage /> },
  { path: "projects/:projectId/measures/:measureId/import", element: <ImportPage /> },
  { path: "projects/:projectId/measures/:measureId/settings", element: <MeasureSettingsPage /> },
  { path: "projects/:projectId/measures/:measureId/annotations/new", element: <NewAnnotationPage /> },
];
