import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  AccessEndedSchema,
  AccessRevokeSchema,
  AdminApplicationPageSchema,
  AdminApplicationSchema,
  ApplicationApproveSchema,
  ApplicationCreateSchema,
  ApplicationQuerySchema,
  ApplicationRejectSchema,
  ApplicationSchema,
  LearnerAdminOverviewSchema,
  NominationAnswerSchema,
  NominationDeclineSchema,
  NominationSchema,
  NominationTokenSchema,
  NomineeSchema,
  ProgressVisibilitySchema,
} from "../../../shared/learner-admin.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createLearnerAdminService } from "./learner-admin.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  410: ErrorBodySchema,
  422: ErrorBodySchema,
  429: ErrorBodySchema,
};
const ApplicationParams = z.object({ id: z.uuid("The application id is not valid") });
const RoleParams = z.object({ roleId: z.uuid("The access id is not valid") });

/** Learner administrator access: applications, nominees' answers, approval, renewal and revocation. */
export const learnerAdminRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createLearnerAdminService({
    db: deps.database.db,
    config: deps.config,
    mailer: deps.mailer,
  });

  app.get(
    "/api/me/learner-admin",
    {
      schema: {
        tags: ["learner-admin"],
        summary:
          "My learner administrator access, my applications with each nominee's answer, and what I may apply for",
        response: { 200: LearnerAdminOverviewSchema, ...errors },
      },
    },
    async (request) => service.overview(requireActor(request)),
  );

  app.post(
    "/api/me/learner-admin/applications",
    {
      schema: {
        tags: ["learner-admin"],
        summary:
          "Apply (or renew) for learner administrator access, naming three nominees who are emailed a link",
        description:
          "422 application_refused (with the field to change): email not confirmed, no organisation, an organisation outside mine, naming myself or one person twice, an application already open, or access that does not end within 60 days.",
        body: ApplicationCreateSchema,
        response: { 201: ApplicationSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.apply(requireActor(request), request.body, requestContext(request))),
  );

  app.post(
    "/api/me/learner-admin/applications/:id/nominees/:nomineeId/resend",
    {
      schema: {
        tags: ["learner-admin"],
        summary: "Send a nominee a new link (the old one stops working); rate-limited",
        params: ApplicationParams.extend({ nomineeId: z.uuid("The nominee id is not valid") }),
        response: { 200: NomineeSchema, ...errors },
      },
    },
    async (request) =>
      service.resend(
        requireActor(request),
        request.params.id,
        request.params.nomineeId,
        requestContext(request),
      ),
  );

  app.post(
    "/api/me/learner-admin/applications/:id/withdraw",
    {
      schema: {
        tags: ["learner-admin"],
        summary: "Withdraw my open application; its links stop working",
        params: ApplicationParams,
        response: { 200: ApplicationSchema, ...errors },
      },
    },
    async (request) => service.withdraw(requireActor(request), request.params.id, requestContext(request)),
  );

  app.post(
    "/api/me/learner-admin/access/:roleId/give-up",
    {
      schema: {
        tags: ["learner-admin"],
        summary: "I no longer need this access: it ends at once, for every session",
        params: RoleParams,
        response: { 200: AccessEndedSchema, ...errors },
      },
    },
    async (request) => service.giveUp(requireActor(request), request.params.roleId, requestContext(request)),
  );

  app.get(
    "/api/me/progress-visibility",
    {
      schema: {
        tags: ["learner-admin"],
        summary:
          "Organisations that can see my progress: mine, my team's and every one above them with an active learner administrator",
        response: { 200: ProgressVisibilitySchema, ...errors },
      },
    },
    async (request) => service.progressVisibility(requireActor(request)),
  );

  app.get(
    "/api/nominations",
    {
      schema: {
        tags: ["learner-admin"],
        summary: "What a nominee is asked to confirm (no sign-in; the emailed token is the key)",
        description:
          "404 for an unknown link, 410 link_gone when used, expired, or the application has ended.",
        querystring: NominationTokenSchema,
        response: { 200: NominationSchema, ...errors },
      },
    },
    async (request) => service.nomination(request.query.token),
  );

  app.post(
    "/api/nominations/confirm",
    {
      schema: {
        tags: ["learner-admin"],
        summary: "A nominee confirms the application (single use)",
        body: NominationTokenSchema.strict(),
        response: { 200: NominationAnswerSchema, ...errors },
      },
    },
    async (request) => service.answer(request.body.token, { status: "confirmed" }, requestContext(request)),
  );

  app.post(
    "/api/nominations/decline",
    {
      schema: {
        tags: ["learner-admin"],
        summary:
          "A nominee declines the application, with an optional reason the applicant is emailed (single use)",
        body: NominationDeclineSchema,
        response: { 200: NominationAnswerSchema, ...errors },
      },
    },
    async (request) =>
      service.answer(
        request.body.token,
        { status: "declined", reason: request.body.reason ? request.body.reason : null },
        requestContext(request),
      ),
  );

  app.get(
    "/api/admin/learner-admin/applications",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Learner administrator applications in one status, oldest first (platform administrators; audited)",
        querystring: ApplicationQuerySchema,
        response: { 200: AdminApplicationPageSchema, ...errors },
      },
    },
    async (request) => service.list(requireActor(request), request.query, requestContext(request)),
  );

  app.get(
    "/api/admin/learner-admin/applications/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "One application with its nominees' answers (audited)",
        params: ApplicationParams,
        response: { 200: AdminApplicationSchema, ...errors },
      },
    },
    async (request) => service.get(requireActor(request), request.params.id, requestContext(request)),
  );

  app.post(
    "/api/admin/learner-admin/applications/:id/approve",
    {
      schema: {
        tags: ["admin"],
        summary: "Approve: learner_admin for the organisation for 12 months from now (renewals extend it)",
        params: ApplicationParams,
        body: ApplicationApproveSchema,
        response: { 200: AdminApplicationSchema, ...errors },
      },
    },
    async (request) =>
      service.approve(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.post(
    "/api/admin/learner-admin/applications/:id/reject",
    {
      schema: {
        tags: ["admin"],
        summary: "Reject with a reason the applicant is emailed",
        params: ApplicationParams,
        body: ApplicationRejectSchema,
        response: { 200: AdminApplicationSchema, ...errors },
      },
    },
    async (request) =>
      service.reject(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.post(
    "/api/admin/learner-admin/roles/:roleId/revoke",
    {
      schema: {
        tags: ["admin"],
        summary: "Revoke someone's learner administrator access at once, with a reason they are emailed",
        params: RoleParams,
        body: AccessRevokeSchema,
        response: { 200: AccessEndedSchema, ...errors },
      },
    },
    async (request) =>
      service.revoke(requireActor(request), request.params.roleId, request.body, requestContext(request)),
  );
};
