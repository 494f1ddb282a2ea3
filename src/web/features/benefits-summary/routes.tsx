import type { RouteObject } from "react-router";
import { OrganisationSummaryPage } from "./routes/organisation-summary.page";
import { BenefitsSummaryPage } from "./routes/summary.page";

/** The benefits summaries and their exports, for signed-in people; the API decides access. */
export const benefitsSummaryRoutes: RouteObject[] = [
  { path: "implementation/:registrationId/summary", element: <BenefitsSummaryPage /> },
  { path: "implementation/organisations/:organisationId/benefits", element: <OrganisationSummaryPage /> },
];
