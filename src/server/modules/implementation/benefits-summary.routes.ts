import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Routes for benefit roll-ups and board-paper exports (issue 9). */
export const benefitsSummaryRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
