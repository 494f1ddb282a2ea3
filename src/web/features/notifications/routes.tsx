import type { RouteObject } from "react-router";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const notificationsRoutes: RouteObject[] = [];

/** Pages anyone can open without signing in (the one-click unsubscribe link). */
export const notificationsPublicRoutes: RouteObject[] = [];
