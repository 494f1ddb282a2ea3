import type { RouteObject } from "react-router";
import { AdminCaseStudiesPage } from "./routes/admin-case-studies.page";
import { CaseStudyAssessPage } from "./routes/case-study-assess.page";
import { CaseStudyQueuePage } from "./routes/case-study-queue.page";
import { LibraryPage } from "./routes/library.page";
import { LibraryEntryPage } from "./routes/library-entry.page";
import { ProjectRecognitionPage } from "./routes/project-recognition.page";
import { RubricPage } from "./routes/rubric.page";

/** Pages for signed-in people (the router places them under RequireSignIn); the API enforces each role. */
export const recognitionRoutes: RouteObject[] = [
  { path: "projects/:id/recognition", element: <ProjectRecognitionPage /> },
  { path: "assessment/case-studies", element: <CaseStudyQueuePage /> },
  { path: "assessment/case-studies/:submissionId", element: <CaseStudyAssessPage /> },
];

/** Platform administrators' pages (the router places them in the admin layout, which checks the role). */
export const recognitionAdminRoutes: RouteObject[] = [
  { path: "case-studies", element: <AdminCaseStudiesPage /> },
];

/** Public pages: the case-study library and the recognition rubric. */
export const libraryPublicRoutes: RouteObject[] = [
  { path: "case-studies", element: <LibraryPage /> },
  { path: "case-studies/rubric", element: <RubricPage /> },
  { path: "case-studies/:id", element: <LibraryEntryPage /> },
];
