import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Engagement analytics per run and per course. */
export const engagementRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
