import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  AdminBoxSetOrdersQuerySchema,
  AdminBoxSetOrdersSchema,
  BoxSetDispatchSchema,
  BoxSetOrderCreateSchema,
  BoxSetOrderParamsSchema,
  BoxSetOrderSchema,
  BoxSetQuoteRequestSchema,
  BoxSetQuoteSchema,
  BoxSetsOverviewSchema,
} from "../../../shared/implementation-box-sets.js";
import { RegistrationParamsSchema } from "../../../shared/implementation-registrations.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createBoxSetsService } from "./box-sets.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ["implementation"];
const QUALIFY =
  "NHS trusts and integrated care boards get 3 executive and 5 team box sets free (less those earlier orders took; cancelled orders give theirs back); further sets, and every set for other organisations, cost the programme's cost price.";
const READERS =
  "Programme leads, executive sponsors, finance leads and administrators; team leaders get 403; other organisations 404.";

/** Routes for box set entitlement, orders and dispatch (issue 9). */
export const boxSetsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createBoxSetsService({ db: deps.database.db, mailer: deps.mailer, config: deps.config });

  app.get(
    "/api/implementation/registrations/:registrationId/box-sets",
    {
      schema: {
        tags,
        summary: "Box set entitlement, prices and order history of a registration",
        description: `${QUALIFY} ${READERS}`,
        params: RegistrationParamsSchema,
        response: { 200: BoxSetsOverviewSchema, ...errors },
      },
    },
    async (request) => service.overview(requireActor(request), request.params.registrationId),
  );

  app.post(
    "/api/implementation/registrations/:registrationId/box-sets/quote",
    {
      schema: {
        tags,
        summary:
          "What an order of box sets would cost now: free and charged per kind, and the total (writes nothing)",
        description: `${QUALIFY} ${READERS}`,
        params: RegistrationParamsSchema,
        body: BoxSetQuoteRequestSchema,
        response: { 200: BoxSetQuoteSchema, ...errors },
      },
    },
    async (request) => service.quote(requireActor(request), request.params.registrationId, request.body),
  );

  app.post(
    "/api/implementation/registrations/:registrationId/box-sets",
    {
      schema: {
        tags,
        summary: "Order box sets (programme leads and executive sponsors)",
        description: `${QUALIFY} Counts 0–100 each, at least one set (422). When any set is charged, acceptCharge must be true, else 422 saying how many sets are charged and what they cost. The split and prices are fixed on the order. Finance leads get 403.`,
        params: RegistrationParamsSchema,
        body: BoxSetOrderCreateSchema,
        response: { 201: BoxSetOrderSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.order(
            requireActor(request),
            requestContext(request),
            request.params.registrationId,
            request.body,
          ),
        ),
  );

  app.post(
    "/api/implementation/box-set-orders/:orderId/cancel",
    {
      schema: {
        tags,
        summary: "Cancel a box set order that has not been dispatched (programme leads)",
        description: "409 once dispatched or cancelled. Its free sets return to the entitlement.",
        params: BoxSetOrderParamsSchema,
        response: { 200: BoxSetOrderSchema, ...errors },
      },
    },
    async (request) => service.cancel(requireActor(request), requestContext(request), request.params.orderId),
  );

  app.get(
    "/api/admin/box-set-orders",
    {
      schema: {
        tags,
        summary: "Every box set order, newest first, optionally by status (platform administrators)",
        querystring: AdminBoxSetOrdersQuerySchema,
        response: { 200: AdminBoxSetOrdersSchema, ...errors },
      },
    },
    async (request) => service.listForAdmin(requireActor(request), request.query.status),
  );

  app.post(
    "/api/admin/box-set-orders/:orderId/dispatch",
    {
      schema: {
        tags,
        summary:
          "Mark a box set order dispatched with a note and email the person who ordered it (administrators)",
        description: "409 unless the order is waiting (ordered).",
        params: BoxSetOrderParamsSchema,
        body: BoxSetDispatchSchema,
        response: { 200: BoxSetOrderSchema, ...errors },
      },
    },
    async (request) =>
      service.dispatch(requireActor(request), requestContext(request), request.params.orderId, request.body),
  );
};
