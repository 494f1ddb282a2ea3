import type { RouteObject } from "react-router";

/** A team's house, module status and the organisation grid, for signed-in people; the API decides access. */
export const houseRoutes: RouteObject[] = [];
/** Content editors' house definition pages (placed under /manage). */
export const houseManageRoutes: RouteObject[] = [];
