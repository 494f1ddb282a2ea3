import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** The organisation directory for platform administrators: the hierarchy, edits and CSV import. */
export const organisationsAdminRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
