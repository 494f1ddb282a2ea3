import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** The CPD record and transcript. */
export const cpdRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
