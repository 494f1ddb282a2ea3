import type { RouteObject } from "react-router";

/** Pages for signed-in people (the router places them under RequireSignIn). */
export const moderationRoutes: RouteObject[] = [];

/** Pages anyone can open without signing in (the community guidelines). */
export const moderationPublicRoutes: RouteObject[] = [];
