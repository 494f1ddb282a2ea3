import type { RouteObject } from "react-router";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const recognitionRoutes: RouteObject[] = [];

/** Public pages: the case-study library and the recognition rubric. */
export const libraryPublicRoutes: RouteObject[] = [];
