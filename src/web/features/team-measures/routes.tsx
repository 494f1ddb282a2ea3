import type { RouteObject } from "react-router";

/** A team's measures, charts and "Knowing how we are doing" board, for signed-in people; the API decides access. */
export const teamMeasuresRoutes: RouteObject[] = [];
/** Content editors' measure library pages (placed under /manage). */
export const teamMeasuresManageRoutes: RouteObject[] = [];
