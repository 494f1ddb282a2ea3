import type { RouteObject } from "react-router";
import { AdminCertificatePage } from "./routes/admin-certificate.page";
import { AdminCertificatesPage } from "./routes/admin-certificates.page";
import { AwardingBodyPage } from "./routes/awarding-body.page";
import { MyCertificatesPage } from "./routes/my-certificates.page";
import { RegistrationPage } from "./routes/registration.page";
import { VerifyFormPage, VerifyResultPage } from "./routes/verify.page";

/** Public pages that work signed out (/verify/:code). */
export const certificatePublicRoutes: RouteObject[] = [
  { path: "verify", element: <VerifyFormPage /> },
  { path: "verify/:code", element: <VerifyResultPage /> },
];

/** Pages for signed-in learners (the router places them under RequireSignIn). */
export const certificateRoutes: RouteObject[] = [{ path: "certificates", element: <MyCertificatesPage /> }];

/** Platform administrators' pages (the router places them inside the admin layout). */
export const certificateAdminRoutes: RouteObject[] = [
  { path: "certificates", element: <AdminCertificatesPage /> },
  { path: "certificates/:id", element: <AdminCertificatePage /> },
  { path: "awarding-body", element: <AwardingBodyPage /> },
  { path: "awarding-body/learners/:userId", element: <RegistrationPage /> },
];
