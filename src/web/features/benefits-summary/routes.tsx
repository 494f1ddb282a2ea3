import type { RouteObject } from "react-router";
import { BenefitsSummaryPage } from "./routes/summary.page";

/** The benefits summary and its exports, for signed-in people; the API decides access. */
export const benefitsSummaryRoutes: RouteObject[] = [
  { path: "implementation/:registrationId/summary", element: <BenefitsSummaryPage /> },
];
