import type { RouteObject } from "react-router";

/** Public pages that work signed out (/verify/:code). */
export const certificatePublicRoutes: RouteObject[] = [];

/** Pages for signed-in learners (the router places them under RequireSignIn). */
export const certificateRoutes: RouteObject[] = [];

/** Platform administrators' pages (the router places them inside the admin layout). */
export const certificateAdminRoutes: RouteObject[] = [];
