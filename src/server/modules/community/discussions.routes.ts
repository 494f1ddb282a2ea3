import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { StepComments } from "../../../shared/discussions.js";
import {
  COMMENT_BODY_MAX,
  COMMENT_EDIT_MINUTES,
  CommentEditInputSchema,
  CommentPageQuerySchema,
  CommentParamsSchema,
  CommentSchema,
  LikeStateSchema,
  RunParamsSchema,
  StepCommentCountsSchema,
  StepCommentInputSchema,
  StepCommentsQuerySchema,
  StepCommentsSchema,
  StepParamsSchema,
  TopicCommentInputSchema,
  TopicInputSchema,
  TopicListSchema,
  TopicParamsSchema,
  TopicSummarySchema,
  TopicThreadSchema,
} from "../../../shared/discussions.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createDiscussionsService } from "./discussions.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  422: ErrorBodySchema,
  429: ErrorBodySchema,
};

/** Comment bodies are at most 5,000 characters; anything far larger is refused with 413 before parsing. */
const BODY_LIMIT = 64 * 1024;

const POSTING =
  "Members who are not suspended, while the run accepts posts (open, live, open after live), and the run's facilitators. Body: Markdown (paragraphs, line breaks, emphasis, lists, http(s) links, inline code, quotes), normalised (NFC, no zero-width or bidi control characters); 422 when empty or over " +
  `${COMMENT_BODY_MAX.toLocaleString("en-GB")} characters. 429 with Retry-After past 10 comments a minute or 100 an hour in a run.`;

/** Discussions: step comment threads and the run's board. */
export const discussionsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const discussions = createDiscussionsService({ database: deps.database });

  app.get(
    "/api/steps/:stepId/comments",
    {
      schema: {
        tags: ["discussions"],
        summary: "A page of a step's discussion in a course run",
        description:
          "Top-level comments, 20 a page (pageSize up to 50), pinned ones first on page 1; sort newest, most_liked or highlighted (highlighted comments only). Each with its replies, oldest first. For members while the run is readable and the run's facilitators; 404 when the step is not in the run's course.",
        params: StepParamsSchema,
        querystring: StepCommentsQuerySchema,
        response: { 200: StepCommentsSchema, ...errors },
      },
    },
    // The service answers with JSON already checked against StepCommentsSchema (and cached: decision 0020).
    // Fastify sends a string as it is, without serialising it again; the type provider only knows the object type,
    // hence the cast.
    async (request, reply) => {
      const json = await discussions.listStepCommentsJson(
        requireActor(request),
        request.params.stepId,
        request.query,
      );
      return reply.type("application/json; charset=utf-8").send(json as unknown as StepComments);
    },
  );

  app.post(
    "/api/steps/:stepId/comments",
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ["discussions"],
        summary: "Comment on a step in a course run, or reply to a comment (parentId)",
        description: `${POSTING} Notifies the parent's author (reply) and facilitators mentioned as @Given Family (mention).`,
        params: StepParamsSchema,
        body: StepCommentInputSchema,
        response: { 201: CommentSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await discussions.postStepComment(requireActor(request), request.params.stepId, request.body)),
  );

  app.patch(
    "/api/comments/:commentId",
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ["discussions"],
        summary: `Edit my comment within ${COMMENT_EDIT_MINUTES} minutes of posting it (409 after; 403 for someone else's)`,
        params: CommentParamsSchema,
        body: CommentEditInputSchema,
        response: { 200: CommentSchema, ...errors },
      },
    },
    async (request) => discussions.editComment(requireActor(request), request.params.commentId, request.body),
  );

  app.delete(
    "/api/comments/:commentId",
    {
      schema: {
        tags: ["discussions"],
        summary: "Delete my comment: it shows as deleted and its replies stay (403 for someone else's)",
        params: CommentParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await discussions.deleteComment(requireActor(request), request.params.commentId);
      return reply.status(204).send(null);
    },
  );

  for (const method of ["PUT", "DELETE"] as const) {
    const on = method === "PUT";
    app.route({
      method,
      url: "/api/comments/:commentId/like",
      schema: {
        tags: ["discussions"],
        summary: on
          ? "Like a comment (harmless twice; not my own; only while I can post)"
          : "Take my like back (harmless when there is none)",
        params: CommentParamsSchema,
        response: { 200: LikeStateSchema, ...errors },
      },
      handler: async (request) =>
        on
          ? discussions.like(requireActor(request), request.params.commentId)
          : discussions.unlike(requireActor(request), request.params.commentId),
    });

    app.route({
      method,
      url: "/api/comments/:commentId/highlight",
      schema: {
        tags: ["discussions"],
        summary: on
          ? "Facilitators: highlight a comment (audited; the author is notified)"
          : "Facilitators: take a comment's highlight off (audited)",
        params: CommentParamsSchema,
        response: { 204: z.null(), ...errors },
      },
      handler: async (request, reply) => {
        await discussions.setHighlight(
          requireActor(request),
          request.params.commentId,
          on,
          requestContext(request),
        );
        return reply.status(204).send(null);
      },
    });

    app.route({
      method,
      url: "/api/comments/:commentId/pin",
      schema: {
        tags: ["discussions"],
        summary: on
          ? "Facilitators: pin a top-level comment to the top of its thread (audited)"
          : "Facilitators: unpin a comment (audited)",
        params: CommentParamsSchema,
        response: { 204: z.null(), ...errors },
      },
      handler: async (request, reply) => {
        await discussions.setPin(
          requireActor(request),
          request.params.commentId,
          on,
          requestContext(request),
        );
        return reply.status(204).send(null);
      },
    });

    app.route({
      method,
      url: "/api/topics/:topicId/pin",
      schema: {
        tags: ["discussions"],
        summary: on
          ? "Facilitators: pin a topic to the top of the board (audited)"
          : "Facilitators: unpin a topic (audited)",
        params: TopicParamsSchema,
        response: { 204: z.null(), ...errors },
      },
      handler: async (request, reply) => {
        await discussions.setTopicPin(
          requireActor(request),
          request.params.topicId,
          on,
          requestContext(request),
        );
        return reply.status(204).send(null);
      },
    });
  }

  app.get(
    "/api/runs/:runId/topics",
    {
      schema: {
        tags: ["discussions"],
        summary: "The run's board: its topics, pinned first, then by last activity",
        params: RunParamsSchema,
        response: { 200: TopicListSchema, ...errors },
      },
    },
    async (request) => discussions.listTopics(requireActor(request), request.params.runId),
  );

  app.post(
    "/api/runs/:runId/topics",
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ["discussions"],
        summary: "Start a topic on the run's board; the body is its opening post",
        description: `Title 1–120 characters. ${POSTING}`,
        params: RunParamsSchema,
        body: TopicInputSchema,
        response: { 201: TopicSummarySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await discussions.createTopic(requireActor(request), request.params.runId, request.body)),
  );

  app.get(
    "/api/topics/:topicId",
    {
      schema: {
        tags: ["discussions"],
        summary: "A topic: its opening post and a page of its other comments, paged and sorted as a step's",
        params: TopicParamsSchema,
        querystring: CommentPageQuerySchema,
        response: { 200: TopicThreadSchema, ...errors },
      },
    },
    async (request) => discussions.getTopic(requireActor(request), request.params.topicId, request.query),
  );

  app.post(
    "/api/topics/:topicId/comments",
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ["discussions"],
        summary: "Comment in a topic, or reply to a comment in it (parentId)",
        description: POSTING,
        params: TopicParamsSchema,
        body: TopicCommentInputSchema,
        response: { 201: CommentSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await discussions.postTopicComment(requireActor(request), request.params.topicId, request.body),
        ),
  );

  app.get(
    "/api/runs/:runId/discussions/steps",
    {
      schema: {
        tags: ["discussions"],
        summary: "Facilitators: every step of the run's course with its comment counts",
        params: RunParamsSchema,
        response: { 200: StepCommentCountsSchema, ...errors },
      },
    },
    async (request) => discussions.stepCounts(requireActor(request), request.params.runId),
  );
};
