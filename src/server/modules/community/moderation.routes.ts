import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  CommentParamsSchema,
  CommentReportedSchema,
  CommentReportInputSchema,
  MemberStandingSchema,
  ModerationActionInputSchema,
  ModerationOverviewSchema,
  ModerationResultSchema,
  ModerationRunParamsSchema,
  RunMemberParamsSchema,
  RunModerationQueueSchema,
  SuspensionInputSchema,
} from "../../../shared/moderation.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createModerationService } from "./moderation.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
  429: ErrorBodySchema,
};

const FACILITATORS =
  "For the run's facilitators and platform administrators (403 for anyone else, including facilitators of other runs); 404 for an unknown run.";

/** Moderation: reports, the queue, hiding, restoring, removing, suspending. */
export const moderationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const moderation = createModerationService({
    db: deps.database.db,
    mailer: deps.mailer,
    config: deps.config,
  });

  app.post(
    "/api/comments/:commentId/reports",
    {
      schema: {
        tags: ["moderation"],
        summary: "Report a comment to the run's facilitators",
        description:
          "Anyone who can read the comment's run may report it (403 otherwise), except its author (422). One open report per person per comment (409 for a second). The comment must still be shown (409). Rate-limited: 20 reports an hour per person (429 with Retry-After).",
        params: CommentParamsSchema,
        body: CommentReportInputSchema,
        response: { 201: CommentReportedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await moderation.report(requireActor(request), request.params.commentId, request.body)),
  );

  app.get(
    "/api/runs/:runId/moderation",
    {
      schema: {
        tags: ["moderation"],
        summary:
          "A run's moderation queue: reported comments, hidden comments and suspended members (audited)",
        description: FACILITATORS,
        params: ModerationRunParamsSchema,
        response: { 200: RunModerationQueueSchema, ...errors },
      },
    },
    async (request) =>
      moderation.runQueue(requireActor(request), request.params.runId, requestContext(request)),
  );

  app.get(
    "/api/moderation",
    {
      schema: {
        tags: ["moderation"],
        summary:
          "The moderation queues of every run I facilitate (administrators: every run with something in it)",
        description: "For facilitators and platform administrators (403 for anyone else). Audited.",
        response: { 200: ModerationOverviewSchema, ...errors },
      },
    },
    async (request) => moderation.overview(requireActor(request), requestContext(request)),
  );

  app.post(
    "/api/comments/:commentId/moderation",
    {
      schema: {
        tags: ["moderation"],
        summary: "Hide, restore, remove a comment, or dismiss its reports (audited)",
        description: `hide: visible → hidden (reversible); restore: hidden → visible; remove: visible or hidden → removed (final); dismiss: leaves the comment as it is. Each resolves every open report on the comment. Acting twice, restoring a removed comment or dismissing with no open reports → 409. ${FACILITATORS}`,
        params: CommentParamsSchema,
        body: ModerationActionInputSchema,
        response: { 200: ModerationResultSchema, ...errors },
      },
    },
    async (request) =>
      moderation.act(requireActor(request), request.params.commentId, request.body, requestContext(request)),
  );

  app.get(
    "/api/runs/:runId/suspensions/:userId",
    {
      schema: {
        tags: ["moderation"],
        summary: "A run member's standing for posting: their name and any suspension (audited)",
        description: `${FACILITATORS} 404 when the person is not a member of the run.`,
        params: RunMemberParamsSchema,
        response: { 200: MemberStandingSchema, ...errors },
      },
    },
    async (request) =>
      moderation.memberStanding(
        requireActor(request),
        request.params.runId,
        request.params.userId,
        requestContext(request),
      ),
  );

  app.put(
    "/api/runs/:runId/suspensions/:userId",
    {
      schema: {
        tags: ["moderation"],
        summary:
          "Suspend a member from posting in the run (they can still read); emails them the reason (audited)",
        description: `A reason of 10 to 1,000 characters. 422 for yourself or another facilitator of the run; 404 when the person is not a member; 409 when already suspended. ${FACILITATORS}`,
        params: RunMemberParamsSchema,
        body: SuspensionInputSchema,
        response: { 200: MemberStandingSchema, ...errors },
      },
    },
    async (request) =>
      moderation.suspend(
        requireActor(request),
        request.params.runId,
        request.params.userId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/runs/:runId/suspensions/:userId",
    {
      schema: {
        tags: ["moderation"],
        summary: "Lift a member's suspension from posting in the run (audited)",
        description: `404 when the person is not a member; 409 when they are not suspended. ${FACILITATORS}`,
        params: RunMemberParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await moderation.liftSuspension(
        requireActor(request),
        request.params.runId,
        request.params.userId,
        requestContext(request),
      );
      return reply.status(204).send(null);
    },
  );
};
