/** The community guidelines, public. */
export const GUIDELINES_PATH = "/community-guidelines";
/** The queue across all my runs. */
export const OVERVIEW_PATH = "/facilitate/moderation";
/** The facilitator hub (helper RUNS's pages). */
export const FACILITATE_PATH = "/facilitate";

/** A run's overview in the facilitator hub. */
export const runOverviewPath = (runId: string) => `/facilitate/runs/${encodeURIComponent(runId)}`;
/** A run's moderation page. */
export const runModerationPath = (runId: string) => `${runOverviewPath(runId)}/moderation`;
/** Confirming a comment's removal. */
export const removeCommentPath = (runId: string, commentId: string) =>
  `${runModerationPath(runId)}/comments/${encodeURIComponent(commentId)}/remove`;
/** Suspending a member from posting. */
export const suspendMemberPath = (runId: string, userId: string) =>
  `${runModerationPath(runId)}/members/${encodeURIComponent(userId)}/suspend`;
/** A run's board (helper DISCUSSIONS's page). */
export const runBoardPath = (runId: string) => `/runs/${encodeURIComponent(runId)}/board`;
