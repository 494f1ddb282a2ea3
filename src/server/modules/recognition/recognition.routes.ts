import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Submitting case studies for recognition, the assessors' queue and decisions, recognition certificates. */
export const recognitionRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
