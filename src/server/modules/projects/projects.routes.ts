import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Projects, their teams and invitations, driver diagrams, progress scores, PDSA cycles and write-ups. */
export const projectsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
