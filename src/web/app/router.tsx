import { createBrowserRouter, Navigate } from "react-router";
import { AccountPage } from "../features/accounts/routes/account.page";
import { AccountCertificateNamePage } from "../features/accounts/routes/account-certificate-name.page";
import { AccountEmailPage } from "../features/accounts/routes/account-email.page";
import { AccountEsrPage } from "../features/accounts/routes/account-esr.page";
import { AccountJobRolePage } from "../features/accounts/routes/account-job-role.page";
import { AccountNamePage } from "../features/accounts/routes/account-name.page";
import { AccountOrganisationPage } from "../features/accounts/routes/account-organisation.page";
import { AccountPasswordPage } from "../features/accounts/routes/account-password.page";
import { AdminUserPage } from "../features/accounts/routes/admin-user.page";
import { AdminUsersPage } from "../features/accounts/routes/admin-users.page";
import { ForgotPasswordPage } from "../features/accounts/routes/forgot-password.page";
import { RegisterLayout, RegisterStartPage } from "../features/accounts/routes/register.page";
import { RegisterCheckPage } from "../features/accounts/routes/register-check.page";
import { RegisterDonePage } from "../features/accounts/routes/register-done.page";
import { RegisterEmailPage } from "../features/accounts/routes/register-email.page";
import { RegisterEsrPage } from "../features/accounts/routes/register-esr.page";
import { RegisterJobRolePage } from "../features/accounts/routes/register-job-role.page";
import { RegisterNamePage } from "../features/accounts/routes/register-name.page";
import { RegisterOrganisationPage } from "../features/accounts/routes/register-organisation.page";
import { RegisterPasswordPage } from "../features/accounts/routes/register-password.page";
import { RegisterSectorPage } from "../features/accounts/routes/register-sector.page";
import { ResendVerificationPage } from "../features/accounts/routes/resend-verification.page";
import { ResetPasswordPage } from "../features/accounts/routes/reset-password.page";
import { SignInPage } from "../features/accounts/routes/sign-in.page";
import { VerifyEmailPage } from "../features/accounts/routes/verify-email.page";
import { CoursePage } from "../features/catalogue/routes/course.page";
import { CoursesPage } from "../features/catalogue/routes/courses.page";
import { WhereToStartPage } from "../features/catalogue/routes/where-to-start.page";
import { WhereToStartResultPage } from "../features/catalogue/routes/where-to-start-result.page";
import { OutboxPage } from "../features/outbox/routes/outbox.page";
import { AdminLayout } from "./admin-layout";
import { RequireRole, RequireSignIn } from "./guards";
import { HomePage } from "./home.page";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found.page";
import { RouteErrorPage } from "./route-error.page";

/** Every page of the web app, by path. */
export const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: "register",
        element: <RegisterLayout />,
        children: [
          { index: true, element: <RegisterStartPage /> },
          { path: "name", element: <RegisterNamePage /> },
          { path: "email", element: <RegisterEmailPage /> },
          { path: "sector", element: <RegisterSectorPage /> },
          { path: "organisation", element: <RegisterOrganisationPage /> },
          { path: "job-role", element: <RegisterJobRolePage /> },
          { path: "esr", element: <RegisterEsrPage /> },
          { path: "password", element: <RegisterPasswordPage /> },
          { path: "check", element: <RegisterCheckPage /> },
          { path: "done", element: <RegisterDonePage /> },
        ],
      },
      { path: "verify-email", element: <VerifyEmailPage /> },
      { path: "resend-verification", element: <ResendVerificationPage /> },
      { path: "sign-in", element: <SignInPage /> },
      { path: "forgot-password", element: <ForgotPasswordPage /> },
      { path: "reset-password", element: <ResetPasswordPage /> },
      { path: "courses", element: <CoursesPage /> },
      { path: "courses/:id", element: <CoursePage /> },
      { path: "where-to-start", element: <WhereToStartPage /> },
      { path: "where-to-start/result", element: <WhereToStartResultPage /> },
      {
        element: <RequireSignIn />,
        children: [
          { path: "account", element: <AccountPage /> },
          { path: "account/name", element: <AccountNamePage /> },
          { path: "account/certificate-name", element: <AccountCertificateNamePage /> },
          { path: "account/email", element: <AccountEmailPage /> },
          { path: "account/password", element: <AccountPasswordPage /> },
          { path: "account/organisation", element: <AccountOrganisationPage /> },
          { path: "account/job-role", element: <AccountJobRolePage /> },
          { path: "account/esr", element: <AccountEsrPage /> },
          {
            path: "admin",
            element: <RequireRole required="platform_admin" />,
            children: [
              {
                element: <AdminLayout />,
                children: [
                  { index: true, element: <Navigate to="/admin/users" replace /> },
                  { path: "users", element: <AdminUsersPage /> },
                  { path: "users/:id", element: <AdminUserPage /> },
                  { path: "outbox", element: <OutboxPage /> },
                ],
              },
            ],
          },
        ],
      },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
