import type { RouteObject } from "react-router";
import { AddEvidencePage } from "./routes/add-evidence.page";
import { CriteriaPage } from "./routes/criteria.page";
import {
  CriterionEditPage,
  CriterionNewPage,
  OutcomeEditPage,
  UnitEditPage,
} from "./routes/criteria-edit.page";
import { EvidencePage } from "./routes/evidence.page";
import { FileEvidencePage } from "./routes/file-evidence.page";
import { LinkEvidencePage } from "./routes/link-evidence.page";
import { PortfolioPage } from "./routes/portfolio.page";
import { ReflectionPage } from "./routes/reflection.page";
import { SubmitPortfolioPage } from "./routes/submit.page";
import { PortfolioSubmittedPage } from "./routes/submitted.page";

/** Pages for signed-in learners (the router places them under RequireSignIn). */
export const portfolioRoutes: RouteObject[] = [
  { path: "learning/:enrolmentId/portfolio", element: <PortfolioPage /> },
  { path: "learning/:enrolmentId/portfolio/add", element: <AddEvidencePage /> },
  { path: "learning/:enrolmentId/portfolio/add/reflection", element: <ReflectionPage /> },
  { path: "learning/:enrolmentId/portfolio/add/file", element: <FileEvidencePage /> },
  { path: "learning/:enrolmentId/portfolio/add/link", element: <LinkEvidencePage /> },
  { path: "learning/:enrolmentId/portfolio/evidence/:evidenceId", element: <EvidencePage /> },
  { path: "learning/:enrolmentId/portfolio/submit", element: <SubmitPortfolioPage /> },
  { path: "learning/:enrolmentId/portfolio/submitted", element: <PortfolioSubmittedPage /> },
];

/** Content editors' pages (the router places them under /manage, for content editors and platform admins). */
export const portfolioManageRoutes: RouteObject[] = [
  { path: "courses/:id/criteria", element: <CriteriaPage /> },
  { path: "courses/:id/criteria/units/:unitId", element: <UnitEditPage /> },
  { path: "courses/:id/criteria/outcomes/:outcomeId", element: <OutcomeEditPage /> },
  { path: "courses/:id/criteria/outcomes/:outcomeId/new-criterion", element: <CriterionNewPage /> },
  { path: "courses/:id/criteria/criteria/:criterionId", element: <CriterionEditPage /> },
];
