import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Routes for programme houses, team module status and the organisation grid (issue 9). */
export const houseRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
