import type { RouteObject } from "react-router";

/** Pages for signed-in learners (the router places them under RequireSignIn). */
export const portfolioRoutes: RouteObject[] = [];

/** Content editors' pages (the router places them under /manage, for content editors and platform admins). */
export const portfolioManageRoutes: RouteObject[] = [];
