import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** The public SPC engine: POST /api/spc/analyse. */
export const spcRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
