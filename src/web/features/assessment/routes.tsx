import type { RouteObject } from "react-router";

/** Assessors' and internal verifiers' pages (the router places them under RequireSignIn; guard roles here). */
export const assessmentRoutes: RouteObject[] = [];

/** Platform administrators' pages (the router places them inside the admin layout). */
export const assessmentAdminRoutes: RouteObject[] = [];
