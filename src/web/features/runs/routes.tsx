import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/guards";
import { CourseEngagementPage, RunEngagementPage } from "./routes/engagement.page";
import { FacilitatePage } from "./routes/facilitate.page";
import { EditRunPage } from "./routes/run-edit.page";
import { NewRunPage } from "./routes/run-new.page";
import { RunOverviewPage } from "./routes/run-overview.page";

/** Pages for signed-in people (the router places them under RequireSignIn): the facilitator hub. */
export const runsRoutes: RouteObject[] = [
  {
    element: <RequireRole required={["facilitator", "platform_admin"]} />,
    children: [
      { path: "facilitate", element: <FacilitatePage /> },
      { path: "facilitate/runs/new", element: <NewRunPage /> },
      { path: "facilitate/runs/:runId", element: <RunOverviewPage /> },
      { path: "facilitate/runs/:runId/edit", element: <EditRunPage /> },
      { path: "facilitate/runs/:runId/engagement", element: <RunEngagementPage /> },
      { path: "facilitate/courses/:courseId/engagement", element: <CourseEngagementPage /> },
    ],
  },
];
