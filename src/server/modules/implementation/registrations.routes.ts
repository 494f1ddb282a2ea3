import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Routes for organisation registrations and their teams and people (issue 9). */
export const registrationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
