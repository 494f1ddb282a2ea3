import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  AnnouncementCreatedSchema,
  AnnouncementInputSchema,
  AnnouncementListSchema,
  RunAnnouncementsParamsSchema,
} from "../../../shared/notifications.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createAnnouncementsService } from "./announcements.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** Facilitators' announcements to a run's members (registered from notifications.routes.ts). */
export const announcementsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const announcements = createAnnouncementsService({ db: deps.database.db });

  app.get(
    "/api/runs/:runId/announcements",
    {
      schema: {
        tags: ["notifications"],
        summary: "A course run's announcements, newest first, bodies rendered safely",
        description:
          "For anyone who can read the run: its members while it is readable, its facilitators and administrators.",
        params: RunAnnouncementsParamsSchema,
        response: { 200: AnnouncementListSchema, ...errors },
      },
    },
    async (request) => announcements.list(requireActor(request), request.params.runId),
  );

  app.post(
    "/api/runs/:runId/announcements",
    {
      schema: {
        tags: ["notifications"],
        summary:
          "Send an announcement to a course run's members (its facilitators and platform administrators; audited)",
        description:
          "subject (1–120 characters) and body (Markdown, 1–5,000 characters). Every member of the run gets an 'announcement' notification.",
        params: RunAnnouncementsParamsSchema,
        body: AnnouncementInputSchema,
        response: { 201: AnnouncementCreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await announcements.send(
            requireActor(request),
            request.params.runId,
            request.body,
            requestContext(request),
          ),
        ),
  );
};
