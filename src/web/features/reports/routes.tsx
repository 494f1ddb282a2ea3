import type { RouteObject } from "react-router";
import { CompletionsReportPage } from "./routes/completions.page";
import { ExpiringReportPage } from "./routes/expiring.page";
import { FunnelReportPage } from "./routes/funnel.page";
import { ProgressReportPage } from "./routes/progress.page";
import { ReportsPage } from "./routes/reports.page";
import { TeamsReportPage } from "./routes/teams.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const reportRoutes: RouteObject[] = [
  { path: "reports", element: <ReportsPage /> },
  { path: "reports/:organisationId/progress", element: <ProgressReportPage /> },
  { path: "reports/:organisationId/funnel", element: <FunnelReportPage /> },
  { path: "reports/:organisationId/completions", element: <CompletionsReportPage /> },
  { path: "reports/:organisationId/expiring", element: <ExpiringReportPage /> },
  { path: "reports/:organisationId/teams", element: <TeamsReportPage /> },
];
