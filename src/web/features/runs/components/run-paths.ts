const enc = encodeURIComponent;

/** The facilitator hub. */
export const FACILITATE_PATH = "/facilitate";
/** Scheduling a run. */
export const NEW_RUN_PATH = "/facilitate/runs/new";
/** The run overview. */
export const runOverviewPath = (runId: string) => `/facilitate/runs/${enc(runId)}`;
/** Changing a run. */
export const editRunPath = (runId: string) => `/facilitate/runs/${enc(runId)}/edit`;
/** A run's engagement figures. */
export const runEngagementPath = (runId: string) => `/facilitate/runs/${enc(runId)}/engagement`;
/** A course's engagement figures. */
export const courseEngagementPath = (courseId: string) => `/facilitate/courses/${enc(courseId)}/engagement`;
/** A run's board (discussions helper). */
export const runBoardPath = (runId: string) => `/runs/${enc(runId)}/board`;
/** A run's announcements for learners (notifications helper). */
export const runAnnouncementsPath = (runId: string) => `/runs/${enc(runId)}/announcements`;
