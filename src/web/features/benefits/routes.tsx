import type { RouteObject } from "react-router";

/** Benefits, evidence and finance sign-off pages for signed-in people; the API decides access. */
export const benefitsRoutes: RouteObject[] = [];
