import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** The case-study write-up as a PDF, and chart downloads as SVG. */
export const caseStudyExportRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
