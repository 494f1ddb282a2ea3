import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** The public case-study library and the published rubric. */
export const libraryRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
