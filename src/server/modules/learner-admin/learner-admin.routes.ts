import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Learner administrator access: applications, nominees' answers, approval, renewal and revocation. */
export const learnerAdminRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
