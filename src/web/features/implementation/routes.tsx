import type { RouteObject } from "react-router";

/** Registration, teams, people and box set pages for signed-in people; the API decides who reads and edits. */
export const implementationRoutes: RouteObject[] = [];
/** Box set dispatch for platform administrators (placed under the admin layout). */
export const implementationAdminRoutes: RouteObject[] = [];
