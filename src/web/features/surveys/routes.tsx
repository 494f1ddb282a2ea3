import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/guards";
import { CourseSurveyResultsPage } from "./routes/course-results.page";
import { EditSurveyPage } from "./routes/edit-survey.page";
import { ManageSurveysPage } from "./routes/manage-surveys.page";
import { RunSurveyResultsPage } from "./routes/run-results.page";
import { TakeSurveyPage } from "./routes/take-survey.page";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const surveysRoutes: RouteObject[] = [
  // Learners: the API answers 404 for anyone else's enrolment.
  { path: "learning/:enrolmentId/surveys/:kind", element: <TakeSurveyPage /> },
  {
    path: "manage/courses/:courseId/surveys",
    element: <RequireRole required={["content_editor", "platform_admin"]} />,
    children: [
      { index: true, element: <ManageSurveysPage /> },
      { path: ":kind", element: <EditSurveyPage /> },
    ],
  },
  {
    // Facilitators of the run and platform administrators (the API checks the run).
    path: "facilitate/runs/:runId/surveys",
    element: <RequireRole required={["facilitator", "platform_admin"]} />,
    children: [{ index: true, element: <RunSurveyResultsPage /> }],
  },
  {
    // Facilitators of any run of the course, content editors and platform administrators (the API checks).
    path: "facilitate/courses/:courseId/surveys",
    element: <RequireRole required={["facilitator", "content_editor", "platform_admin"]} />,
    children: [{ index: true, element: <CourseSurveyResultsPage /> }],
  },
];
