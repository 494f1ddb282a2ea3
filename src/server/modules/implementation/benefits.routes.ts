import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Routes for benefits, evidence and finance sign-off (issue 9). */
export const benefitsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
