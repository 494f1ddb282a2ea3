import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Assessment and internal verification. */
export const assessmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
