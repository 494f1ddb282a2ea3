import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/guards";
import { BoardPage } from "./routes/board.page";
import { FacilitateDiscussionsPage } from "./routes/facilitate-discussions.page";
import { RunStepDiscussionPage } from "./routes/run-step-discussion.page";
import { TopicPage } from "./routes/topic.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const discussionsRoutes: RouteObject[] = [
  // Members and facilitators of the run; the API says who may read, and the pages show its reason otherwise.
  { path: "runs/:runId/steps/:stepId", element: <RunStepDiscussionPage /> },
  { path: "runs/:runId/board", element: <BoardPage /> },
  { path: "runs/:runId/board/:topicId", element: <TopicPage /> },
  {
    path: "facilitate/runs/:runId/discussions",
    element: <RequireRole required={["facilitator", "platform_admin"]} />,
    children: [{ index: true, element: <FacilitateDiscussionsPage /> }],
  },
];
