import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** A project's measures, their data points and imports, annotations and charts. */
export const measuresRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
