import type { RouteObject } from "react-router";

/** Public pages: the SPC chart tool. */
export const spcPublicRoutes: RouteObject[] = [];
