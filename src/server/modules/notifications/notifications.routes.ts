import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Notifications, digest preferences, unsubscribe, announcements. */
export const notificationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
