import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Pre- and post-course surveys: editing, answering, results. */
export const surveysRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
