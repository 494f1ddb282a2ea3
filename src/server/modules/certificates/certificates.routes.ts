import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Achievements, certificates, verification and awarding body claims. */
export const certificatesRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
