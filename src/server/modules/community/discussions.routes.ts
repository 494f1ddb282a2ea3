import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Discussions: step comment threads and the run's board. */
export const discussionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
