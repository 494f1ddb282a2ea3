import type { RouteObject } from "react-router";
import { DriverDiagramPage } from "./routes/driver-diagram.page";
import { InvitationPage } from "./routes/invitation.page";
import { MyProjectsPage } from "./routes/my-projects.page";
import { NewPdsaPage, PdsaCyclePage, PdsaListPage } from "./routes/pdsa.page";
import { DeleteProjectPage } from "./routes/project-delete.page";
import { EditProjectPage, NewProjectPage } from "./routes/project-form.page";
import { ProjectOverviewPage } from "./routes/project-overview.page";
import { ProjectTeamPage } from "./routes/project-team.page";
import { WriteUpPage } from "./routes/write-up.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const projectsRoutes: RouteObject[] = [
  { path: "projects", element: <MyProjectsPage /> },
  { path: "projects/new", element: <NewProjectPage /> },
  { path: "projects/invitation", element: <InvitationPage /> },
  { path: "projects/invitations/:token", element: <InvitationPage /> },
  { path: "projects/:projectId", element: <ProjectOverviewPage /> },
  { path: "projects/:projectId/edit", element: <EditProjectPage /> },
  { path: "projects/:projectId/team", element: <ProjectTeamPage /> },
  { path: "projects/:projectId/delete", element: <DeleteProjectPage /> },
  { path: "projects/:projectId/driver-diagram", element: <DriverDiagramPage /> },
  { path: "projects/:projectId/pdsa", element: <PdsaListPage /> },
  { path: "projects/:projectId/pdsa/new", element: <NewPdsaPage /> },
  { path: "projects/:projectId/pdsa/:cycleId", element: <PdsaCyclePage /> },
  { path: "projects/:projectId/write-up", element: <WriteUpPage /> },
];
