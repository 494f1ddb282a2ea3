import type { RouteObject } from "react-router";

/** The benefits summary and its exports, for signed-in people; the API decides access. */
export const benefitsSummaryRoutes: RouteObject[] = [];
