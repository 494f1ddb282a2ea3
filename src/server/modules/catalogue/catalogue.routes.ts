import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { CatalogueQuerySchema, CatalogueSchema, CourseDetailSchema } from "../../../shared/catalogue.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { getCatalogue, getCourse } from "./catalogue.service.js";

/** The public catalogue and course pages; signed-in learners see their own prices. */
export const catalogueRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/api/catalogue",
    {
      schema: {
        tags: ["catalogue"],
        summary: "Published programmes and courses, with filters and full-text search",
        querystring: CatalogueQuerySchema,
        response: { 200: CatalogueSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => getCatalogue(deps.database.db, request.actor, request.query),
  );

  app.get(
    "/api/courses/:id",
    {
      schema: {
        tags: ["catalogue"],
        summary: "One published course: who it is for, what it costs you, its modules",
        params: z.object({ id: z.uuid("The course id is not valid") }),
        response: { 200: CourseDetailSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => getCourse(deps.database.db, request.actor, request.params.id),
  );
};
