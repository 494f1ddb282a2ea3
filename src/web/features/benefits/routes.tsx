import type { RouteObject } from "react-router";
import { BenefitPage } from "./routes/benefit.page";
import { BenefitAreasPage } from "./routes/benefit-areas.page";
import { BenefitsListPage } from "./routes/benefits-list.page";
import { EditBenefitPage } from "./routes/edit-benefit.page";
import { NewBenefitPage } from "./routes/new-benefit.page";

/** Benefits, evidence and finance sign-off pages for signed-in people; the API decides access. */
export const benefitsRoutes: RouteObject[] = [
  { path: "implementation/:registrationId/benefits", element: <BenefitsListPage /> },
  { path: "implementation/:registrationId/benefits/new", element: <NewBenefitPage /> },
  { path: "implementation/:registrationId/benefit-areas", element: <BenefitAreasPage /> },
  { path: "implementation/benefits/:benefitId", element: <BenefitPage /> },
  { path: "implementation/benefits/:benefitId/edit", element: <EditBenefitPage /> },
];
