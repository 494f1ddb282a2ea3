import { createBrowserRouter, Navigate } from "react-router";
import { HELP_EDITOR_ROLES } from "../../shared/help";
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
import { assessmentAdminRoutes, assessmentRoutes } from "../features/assessment/routes";
import { auditAdminRoutes, auditRoutes } from "../features/audit/routes";
import { CourseDetailsPage } from "../features/authoring/routes/course-details.page";
import { CourseEditPage } from "../features/authoring/routes/course-edit.page";
import { CourseNewPage } from "../features/authoring/routes/course-new.page";
import { ManageCoursesPage } from "../features/authoring/routes/manage-courses.page";
import { ModuleEditPage } from "../features/authoring/routes/module-edit.page";
import { ProgrammeEditPage } from "../features/authoring/routes/programme-edit.page";
import { ProgrammesPage } from "../features/authoring/routes/programmes.page";
import { StepEditPage } from "../features/authoring/routes/step-edit.page";
import { benefitsRoutes } from "../features/benefits/routes";
import { benefitsSummaryRoutes } from "../features/benefits-summary/routes";
import { CoursePage } from "../features/catalogue/routes/course.page";
import { CoursesPage } from "../features/catalogue/routes/courses.page";
import { WhereToStartPage } from "../features/catalogue/routes/where-to-start.page";
import { WhereToStartResultPage } from "../features/catalogue/routes/where-to-start-result.page";
import {
  certificateAdminRoutes,
  certificatePublicRoutes,
  certificateRoutes,
} from "../features/certificates/routes";
import { cpdRoutes } from "../features/cpd/routes";
import { AdminDeferralPage } from "../features/deferrals/routes/admin-deferral.page";
import { AdminDeferralsPage } from "../features/deferrals/routes/admin-deferrals.page";
import { DeferPage } from "../features/deferrals/routes/defer.page";
import { discussionsRoutes } from "../features/discussions/routes";
import { AdminGrantsPage } from "../features/entitlements/routes/admin-grants.page";
import { AdminLicenceEditPage } from "../features/entitlements/routes/admin-licence-edit.page";
import { AdminLicenceNewPage } from "../features/entitlements/routes/admin-licence-new.page";
import { AdminLicencesPage } from "../features/entitlements/routes/admin-licences.page";
import { ContactPage } from "../features/help/routes/contact.page";
import { ContactSentPage } from "../features/help/routes/contact-sent.page";
import { DeleteAnswerPage } from "../features/help/routes/delete-answer.page";
import { HelpPage } from "../features/help/routes/help.page";
import { HelpArticlePage } from "../features/help/routes/help-article.page";
import { EditAnswerPage, NewAnswerPage } from "../features/help/routes/manage-answer.page";
import { ManageHelpPage } from "../features/help/routes/manage-help.page";
import { houseManageRoutes, houseRoutes } from "../features/house/routes";
import { implementationAdminRoutes, implementationRoutes } from "../features/implementation/routes";
import {
  learnerAdminAdminRoutes,
  learnerAdminPublicRoutes,
  learnerAdminRoutes,
} from "../features/learner-admin/routes";
import { LearningContinuePage } from "../features/learning/routes/learning-continue.page";
import { LearningOutlinePage } from "../features/learning/routes/learning-outline.page";
import { LearningStepPage } from "../features/learning/routes/learning-step.page";
import { MyLearningPage } from "../features/learning/routes/my-learning.page";
import { measuresRoutes } from "../features/measures/routes";
import { moderationPublicRoutes, moderationRoutes } from "../features/moderation/routes";
import { notificationsPublicRoutes, notificationsRoutes } from "../features/notifications/routes";
import { organisationAdminRoutes, organisationRoutes } from "../features/organisations/routes";
import { OutboxPage } from "../features/outbox/routes/outbox.page";
import { portfolioManageRoutes, portfolioRoutes } from "../features/portfolios/routes";
import { projectsRoutes } from "../features/projects/routes";
import {
  libraryPublicRoutes,
  recognitionAdminRoutes,
  recognitionRoutes,
} from "../features/recognition/routes";
import { reportRoutes } from "../features/reports/routes";
import { runsRoutes } from "../features/runs/routes";
import { AdminScormAttemptPage } from "../features/scorm/routes/admin-scorm-attempt.page";
import { AdminScormAttemptsPage } from "../features/scorm/routes/admin-scorm-attempts.page";
import { ScormPlayerPage } from "../features/scorm/routes/scorm-player.page";
import { spcPublicRoutes } from "../features/spc/routes";
import { surveysRoutes } from "../features/surveys/routes";
import { teamMeasuresManageRoutes, teamMeasuresRoutes } from "../features/team-measures/routes";
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
      { path: "help", element: <HelpPage /> },
      { path: "help/contact", element: <ContactPage /> },
      { path: "help/contact/sent", element: <ContactSentPage /> },
      { path: "help/:slug", element: <HelpArticlePage /> },
      ...learnerAdminPublicRoutes,
      ...certificatePublicRoutes,
      ...notificationsPublicRoutes,
      ...moderationPublicRoutes,
      ...spcPublicRoutes,
      ...libraryPublicRoutes,
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
          { path: "my-learning", element: <MyLearningPage /> },
          { path: "learning/:enrolmentId", element: <LearningOutlinePage /> },
          { path: "learning/:enrolmentId/continue", element: <LearningContinuePage /> },
          { path: "learning/:enrolmentId/steps/:stepId", element: <LearningStepPage /> },
          { path: "learning/:enrolmentId/steps/:stepId/play", element: <ScormPlayerPage /> },
          { path: "learning/:enrolmentId/defer", element: <DeferPage /> },
          ...organisationRoutes,
          ...learnerAdminRoutes,
          ...reportRoutes,
          ...auditRoutes,
          ...portfolioRoutes,
          ...assessmentRoutes,
          ...certificateRoutes,
          ...cpdRoutes,
          ...runsRoutes,
          ...discussionsRoutes,
          ...moderationRoutes,
          ...notificationsRoutes,
          ...surveysRoutes,
          ...projectsRoutes,
          ...measuresRoutes,
          ...recognitionRoutes,
          ...implementationRoutes,
          ...houseRoutes,
          ...teamMeasuresRoutes,
          ...benefitsRoutes,
          ...benefitsSummaryRoutes,
          {
            path: "manage/help",
            element: <RequireRole required={HELP_EDITOR_ROLES} />,
            children: [
              { index: true, element: <ManageHelpPage /> },
              { path: "new", element: <NewAnswerPage /> },
              { path: ":id", element: <EditAnswerPage /> },
              { path: ":id/delete", element: <DeleteAnswerPage /> },
            ],
          },
          {
            path: "manage",
            element: <RequireRole required={["content_editor", "platform_admin"]} />,
            children: [
              { index: true, element: <Navigate to="/manage/courses" replace /> },
              { path: "courses", element: <ManageCoursesPage /> },
              { path: "courses/new", element: <CourseNewPage /> },
              { path: "courses/:id", element: <CourseEditPage /> },
              { path: "courses/:id/details", element: <CourseDetailsPage /> },
              { path: "courses/:id/modules/:moduleId", element: <ModuleEditPage /> },
              { path: "courses/:id/steps/:stepId", element: <StepEditPage /> },
              { path: "programmes", element: <ProgrammesPage /> },
              { path: "programmes/:id", element: <ProgrammeEditPage /> },
              ...portfolioManageRoutes,
              ...houseManageRoutes,
              ...teamMeasuresManageRoutes,
            ],
          },
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
                  { path: "users/:userId/scorm-attempts", element: <AdminScormAttemptsPage /> },
                  { path: "scorm-attempts/:attemptId", element: <AdminScormAttemptPage /> },
                  { path: "grants", element: <AdminGrantsPage /> },
                  { path: "licences", element: <AdminLicencesPage /> },
                  { path: "licences/new", element: <AdminLicenceNewPage /> },
                  { path: "licences/:id", element: <AdminLicenceEditPage /> },
                  { path: "deferrals", element: <AdminDeferralsPage /> },
                  { path: "deferrals/:id", element: <AdminDeferralPage /> },
                  { path: "outbox", element: <OutboxPage /> },
                  ...organisationAdminRoutes,
                  ...learnerAdminAdminRoutes,
                  ...auditAdminRoutes,
                  ...assessmentAdminRoutes,
                  ...certificateAdminRoutes,
                  ...recognitionAdminRoutes,
                  ...implementationAdminRoutes,
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
