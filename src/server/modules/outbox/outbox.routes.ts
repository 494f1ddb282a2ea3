import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { OutboxPageSchema, OutboxQuerySchema } from "../../../shared/accounts.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { listOutbox } from "./outbox.service.js";

/** The mail outbox, readable by platform administrators so the demo works with no mail server. */
export const outboxRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    "/api/admin/outbox",
    {
      schema: {
        tags: ["admin"],
        summary: "Read the mail outbox (platform administrators; audited)",
        querystring: OutboxQuerySchema,
        response: { 200: OutboxPageSchema, 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema },
      },
    },
    async (request) =>
      listOutbox(deps.database.db, requireActor(request), request.query, requestContext(request)),
  );
};
