import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  GrantCreateSchema,
  GrantPageSchema,
  GrantQuerySchema,
  GrantSchema,
} from "../../../shared/entitlements.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createGrantsService } from "./grants.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** Places on courses given by platform administrators (GET, POST, DELETE /api/admin/grants). */
export const grantsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const grants = createGrantsService({ db: deps.database.db, config: deps.config, mailer: deps.mailer });

  app.get(
    "/api/admin/grants",
    {
      schema: {
        tags: ["admin"],
        summary: "Places given on courses, newest first (platform administrators; audited)",
        querystring: GrantQuerySchema,
        response: { 200: GrantPageSchema, ...errors },
      },
    },
    async (request) => grants.list(requireActor(request), request.query, requestContext(request)),
  );

  app.post(
    "/api/admin/grants",
    {
      schema: {
        tags: ["admin"],
        summary: "Give a learner a place on a course; emails them a link to it",
        description:
          "Name the learner by email or userId. 404 for an unknown learner or course; 409 when the learner already has a live place on it or is enrolled.",
        body: GrantCreateSchema,
        response: { 201: GrantSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await grants.create(requireActor(request), request.body, requestContext(request))),
  );

  app.delete(
    "/api/admin/grants/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Revoke a place so it can no longer be used (an enrolment already made with it stays)",
        params: z.object({ id: z.uuid("The place id is not valid") }),
        response: { 200: GrantSchema, ...errors },
      },
    },
    async (request) => grants.revoke(requireActor(request), request.params.id, requestContext(request)),
  );
};
