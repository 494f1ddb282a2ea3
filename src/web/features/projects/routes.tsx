import type { RouteObject } from "react-router";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const projectsRoutes: RouteObject[] = [];
