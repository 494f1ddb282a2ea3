import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  LibraryEntrySchema,
  LibraryPageSchema,
  LibraryParamsSchema,
  LibrarySearchQuerySchema,
} from "../../../shared/library.js";
import type { AppDeps } from "../../app.js";
import { createLibraryService } from "./library.service.js";

const errors = { 400: ErrorBodySchema, 404: ErrorBodySchema };

/** The public case-study library and the published rubric. */
export const libraryRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createLibraryService({ db: deps.database.db });

  app.get(
    "/api/case-studies",
    {
      schema: {
        tags: ["library"],
        summary:
          "Public: search recognised case studies (full text, setting, topic, measure type), 20 a page, newest first",
        querystring: LibrarySearchQuerySchema,
        response: { 200: LibraryPageSchema, ...errors },
      },
    },
    async (request) => service.search(request.query),
  );

  app.get(
    "/api/case-studies/:id",
    {
      schema: {
        tags: ["library"],
        summary:
          "Public: one recognised case study with its charts; authors only where they agreed to be named",
        params: LibraryParamsSchema,
        response: { 200: LibraryEntrySchema, ...errors },
      },
    },
    async (request) => service.get(request.params.id),
  );
};
