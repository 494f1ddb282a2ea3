import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  LicenceCreateSchema,
  LicencePageSchema,
  LicenceQuerySchema,
  LicenceSchema,
  LicenceUpdateSchema,
} from "../../../shared/entitlements.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createLicencesService } from "./licences.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const LicenceIdParams = z.object({ id: z.uuid("The licence id is not valid") });

/** Organisation licences: seats on a course for a period (platform administrators). */
export const licencesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const licences = createLicencesService({ db: deps.database.db });

  app.get(
    "/api/admin/licences",
    {
      schema: {
        tags: ["admin"],
        summary: "Organisation licences with seats used, latest ending first",
        querystring: LicenceQuerySchema,
        response: { 200: LicencePageSchema, ...errors },
      },
    },
    async (request) => licences.list(requireActor(request), request.query),
  );

  app.get(
    "/api/admin/licences/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "One organisation licence",
        params: LicenceIdParams,
        response: { 200: LicenceSchema, ...errors },
      },
    },
    async (request) => licences.get(requireActor(request), request.params.id),
  );

  app.post(
    "/api/admin/licences",
    {
      schema: {
        tags: ["admin"],
        summary: "Record an organisation's licence: seats on a course between two UK dates",
        body: LicenceCreateSchema,
        response: { 201: LicenceSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await licences.create(requireActor(request), request.body, requestContext(request))),
  );

  app.patch(
    "/api/admin/licences/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Change a licence's seats, dates or note",
        description: "409 seats_in_use when the seats asked for are fewer than those already taken.",
        params: LicenceIdParams,
        body: LicenceUpdateSchema,
        response: { 200: LicenceSchema, ...errors },
      },
    },
    async (request) =>
      licences.update(requireActor(request), request.params.id, request.body, requestContext(request)),
  );
};
