import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { OrganisationSchema, OrganisationSearchQuerySchema } from "../../../shared/organisations.js";
import type { AppDeps } from "../../app.js";
import { searchOrganisations } from "./organisations.service.js";

/** Public directory search, used by registration and profile forms. */
export const organisationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/api/organisations",
    {
      schema: {
        tags: ["organisations"],
        summary: "Search the organisation directory by name or ODS code",
        querystring: OrganisationSearchQuerySchema,
        response: { 200: z.object({ items: z.array(OrganisationSchema) }) },
      },
    },
    async (request) => ({
      items: await searchOrganisations(deps.database.db, request.query.q, request.query.limit),
    }),
  );
};
