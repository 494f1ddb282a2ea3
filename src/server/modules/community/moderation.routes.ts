import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Moderation: reports, the queue, hiding, restoring, removing, suspending. */
export const moderationRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
