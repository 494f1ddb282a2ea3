import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** The audit log: platform administrators search it; learner administrators read their own entries. */
export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
