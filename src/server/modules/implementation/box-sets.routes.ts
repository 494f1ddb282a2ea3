import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Routes for box set entitlement, orders and dispatch (issue 9). */
export const boxSetsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
