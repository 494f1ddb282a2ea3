import type { RouteObject } from "react-router";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const learnerAdminRoutes: RouteObject[] = [];

/** Pages for platform administrators (the router places them inside the admin layout). */
export const learnerAdminAdminRoutes: RouteObject[] = [];
