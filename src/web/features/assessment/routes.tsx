import type { RouteObject } from "react-router";
import { RequireRole } from "../../app/guards";
import { AdminAllocatePage } from "./routes/admin-allocate.page";
import { AdminAllocationPage } from "./routes/admin-allocation.page";
import { AdminSettingsPage } from "./routes/admin-settings.page";
import { AssessmentQueuePage } from "./routes/assessment-queue.page";
import { SubmissionPage } from "./routes/submission.page";
import { VerificationPage } from "./routes/verification.page";
import { VerificationQueuePage } from "./routes/verification-queue.page";

/** Assessors' and internal verifiers' pages (the router places them under RequireSignIn; guard roles here). */
export const assessmentRoutes: RouteObject[] = [
  {
    path: "assessment",
    element: <RequireRole required="assessor" />,
    children: [{ index: true, element: <AssessmentQueuePage /> }],
  },
  {
    // Platform administrators and verifiers open submissions here too (from allocation and from verification).
    path: "assessment/submissions/:id",
    element: <RequireRole required={["assessor", "internal_verifier", "platform_admin"]} />,
    children: [{ index: true, element: <SubmissionPage /> }],
  },
  {
    path: "verification",
    element: <RequireRole required="internal_verifier" />,
    children: [
      { index: true, element: <VerificationQueuePage /> },
      { path: ":submissionId", element: <VerificationPage /> },
    ],
  },
];

/** Platform administrators' pages (the router places them inside the admin layout). */
export const assessmentAdminRoutes: RouteObject[] = [
  { path: "assessment", element: <AdminAllocationPage /> },
  { path: "assessment/settings", element: <AdminSettingsPage /> },
  { path: "assessment/:submissionId/allocate", element: <AdminAllocatePage /> },
];
