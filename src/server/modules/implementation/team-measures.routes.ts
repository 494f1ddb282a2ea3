import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../../app.js";

/** Routes for the programme measure library, team measures and the team board (issue 9). */
export const teamMeasuresRoutes: FastifyPluginAsyncZod<AppDeps> = async (_app, _deps) => {};
