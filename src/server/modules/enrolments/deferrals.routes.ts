import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AdminDeferralPageSchema,
  AdminDeferralSchema,
  DeferralApproveSchema,
  DeferralCreateSchema,
  DeferralDeclineSchema,
  DeferralMessageCreateSchema,
  DeferralMessageSchema,
  DeferralQuerySchema,
  DeferralRequestSchema,
  LearnerDeferralsSchema,
} from "../../../shared/deferrals.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createDeferralsService } from "./deferrals.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const EnrolmentParams = z.object({ id: z.uuid("The enrolment id is not valid") });
const RequestParams = z.object({ id: z.uuid("The deferral request id is not valid") });

/** Deferral requests: learners ask and reply on their own enrolments; platform administrators decide. */
export const deferralsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const deferrals = createDeferralsService({
    db: deps.database.db,
    config: deps.config,
    mailer: deps.mailer,
  });

  app.get(
    "/api/learning/enrolments/:id/deferrals",
    {
      schema: {
        tags: ["learning"],
        summary: "Whether I may ask to defer this course, and my requests with their messages",
        params: EnrolmentParams,
        response: { 200: LearnerDeferralsSchema, ...errors },
      },
    },
    async (request) => deferrals.learnerView(requireActor(request), request.params.id),
  );

  app.post(
    "/api/learning/enrolments/:id/deferrals",
    {
      schema: {
        tags: ["learning"],
        summary: "Ask to defer this course, with a reason",
        description:
          "403 codes: level_not_deferrable, deferral_window_closed (after the first 4 weeks), enrolment_read_only (access has ended), course_completed, already_deferred (paused until its new start). 409 while a request is pending.",
        params: EnrolmentParams,
        body: DeferralCreateSchema,
        response: { 201: DeferralRequestSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deferrals.request(
            requireActor(request),
            request.params.id,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.post(
    "/api/learning/enrolments/:id/deferrals/:requestId/messages",
    {
      schema: {
        tags: ["learning"],
        summary: "Reply on my pending deferral request",
        params: EnrolmentParams.extend({ requestId: z.uuid("The deferral request id is not valid") }),
        body: DeferralMessageCreateSchema,
        response: { 201: DeferralMessageSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deferrals.learnerMessage(
            requireActor(request),
            request.params.id,
            request.params.requestId,
            request.body.body,
          ),
        ),
  );

  app.get(
    "/api/admin/deferrals",
    {
      schema: {
        tags: ["admin"],
        summary: "Deferral requests by status: pending oldest first (platform administrators; audited)",
        querystring: DeferralQuerySchema,
        response: { 200: AdminDeferralPageSchema, ...errors },
      },
    },
    async (request) => deferrals.queue(requireActor(request), request.query, requestContext(request)),
  );

  app.get(
    "/api/admin/deferrals/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "One deferral request with its messages (audited)",
        params: RequestParams,
        response: { 200: AdminDeferralSchema, ...errors },
      },
    },
    async (request) => deferrals.get(requireActor(request), request.params.id, requestContext(request)),
  );

  app.post(
    "/api/admin/deferrals/:id/messages",
    {
      schema: {
        tags: ["admin"],
        summary: "Write to the learner on a pending request (emailed to them)",
        params: RequestParams,
        body: DeferralMessageCreateSchema,
        response: { 201: DeferralMessageSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await deferrals.adminMessage(
            requireActor(request),
            request.params.id,
            request.body.body,
            requestContext(request),
          ),
        ),
  );

  app.post(
    "/api/admin/deferrals/:id/approve",
    {
      schema: {
        tags: ["admin"],
        summary: "Approve: the course starts again on resumesOn (a UK date) with a full new access window",
        params: RequestParams,
        body: DeferralApproveSchema,
        response: { 200: AdminDeferralSchema, ...errors },
      },
    },
    async (request) =>
      deferrals.approve(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.post(
    "/api/admin/deferrals/:id/decline",
    {
      schema: {
        tags: ["admin"],
        summary: "Decline with a reason the learner is told",
        params: RequestParams,
        body: DeferralDeclineSchema,
        response: { 200: AdminDeferralSchema, ...errors },
      },
    },
    async (request) =>
      deferrals.decline(requireActor(request), request.params.id, request.body, requestContext(request)),
  );
};
