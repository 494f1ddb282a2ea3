import type { RouteObject } from "react-router";

/** Pages for signed-in learners (the router places them under RequireSignIn). */
export const cpdRoutes: RouteObject[] = [];
