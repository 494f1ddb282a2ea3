import type { RouteObject } from "react-router";
import { ActivityPage } from "./routes/activity.page";
import { DeleteActivityPage } from "./routes/activity-delete.page";
import { EditActivityPage } from "./routes/activity-edit.page";
import { NewActivityPage } from "./routes/activity-new.page";
import { CpdRecordPage } from "./routes/cpd-record.page";
import { TranscriptPage } from "./routes/transcript.page";

/** Pages for signed-in learners (the router places them under RequireSignIn). */
export const cpdRoutes: RouteObject[] = [
  { path: "cpd", element: <CpdRecordPage /> },
  { path: "cpd/activities/new", element: <NewActivityPage /> },
  { path: "cpd/activities/:id", element: <ActivityPage /> },
  { path: "cpd/activities/:id/edit", element: <EditActivityPage /> },
  { path: "cpd/activities/:id/delete", element: <DeleteActivityPage /> },
  { path: "transcript", element: <TranscriptPage /> },
];
