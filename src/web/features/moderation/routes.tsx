import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/guards";
import { CommunityGuidelinesPage } from "./routes/community-guidelines.page";
import { ModerationOverviewPage } from "./routes/moderation-overview.page";
import { RemoveCommentPage } from "./routes/remove-comment.page";
import { RunModerationPage } from "./routes/run-moderation.page";
import { SuspendMemberPage } from "./routes/suspend-member.page";

/** Pages for signed-in people (the router places them under RequireSignIn); the API decides run-level access. */
export const moderationRoutes: RouteObject[] = [
  {
    path: "facilitate/moderation",
    element: <RequireRole required={["facilitator", "platform_admin"]} />,
    children: [{ index: true, element: <ModerationOverviewPage /> }],
  },
  {
    path: "facilitate/runs/:runId/moderation",
    element: <RequireRole required={["facilitator", "platform_admin"]} />,
    children: [
      { index: true, element: <RunModerationPage /> },
      { path: "comments/:commentId/remove", element: <RemoveCommentPage /> },
      { path: "members/:userId/suspend", element: <SuspendMemberPage /> },
    ],
  },
];

/** Pages anyone can open without signing in (the community guidelines). */
export const moderationPublicRoutes: RouteObject[] = [
  { path: "community-guidelines", element: <CommunityGuidelinesPage /> },
];
