import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Reports and exports for learner administrators, scoped to their organisations. */
export const reportsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
