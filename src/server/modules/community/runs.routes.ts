import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Course runs: scheduling, facilitators, joining, the run list for a course. */
export const runsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
