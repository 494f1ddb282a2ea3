import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Portfolios: criteria, evidence and submission. */
export const portfoliosRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
