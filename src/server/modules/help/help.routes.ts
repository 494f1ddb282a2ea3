import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  HelpArticleAdminListSchema,
  HelpArticleAdminSchema,
  HelpArticleInputSchema,
  HelpArticleSchema,
  HelpIndexSchema,
  HelpPreviewResultSchema,
  HelpPreviewSchema,
  HelpQuerySchema,
  SupportRequestCreatedSchema,
  SupportRequestSchema,
} from "../../../shared/help.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createHelpService } from "./help.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};
const ArticleIdParams = z.object({ id: z.uuid("The answer id is not valid") });

/** The help centre: answers to read and search, the editors' tools to maintain them, and the contact form. */
export const helpRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const help = createHelpService(deps);

  app.get(
    "/api/help",
    {
      schema: {
        tags: ["help"],
        summary: "Published help answers by section, or the best matches for ?q= with snippets",
        querystring: HelpQuerySchema,
        response: { 200: HelpIndexSchema, 400: ErrorBodySchema },
      },
    },
    async (request) => help.getIndex(request.query.q),
  );

  app.get(
    "/api/help/:slug",
    {
      schema: {
        tags: ["help"],
        summary: "One help answer, rendered to sanitised HTML (drafts only for content editors)",
        params: z.object({ slug: z.string().max(200) }),
        response: { 200: HelpArticleSchema, 400: ErrorBodySchema, 404: ErrorBodySchema },
      },
    },
    async (request) => help.getArticle(request.actor, request.params.slug),
  );

  app.post(
    "/api/help/contact",
    {
      schema: {
        tags: ["help"],
        summary: "Send a message to the support team; answers with a reference to quote",
        body: SupportRequestSchema,
        response: { 201: SupportRequestCreatedSchema, ...errors },
      },
    },
    async (request, reply) => {
      const reference = await help.contact(request.actor, request.body, requestContext(request));
      return reply.status(201).send({ reference });
    },
  );

  app.post(
    "/api/help/preview",
    {
      schema: {
        tags: ["help"],
        summary: "Render Markdown as learners would see it (content editors)",
        body: HelpPreviewSchema,
        response: { 200: HelpPreviewResultSchema, ...errors },
      },
    },
    async (request) => help.preview(requireActor(request), request.body.markdown),
  );

  app.get(
    "/api/manage/help/articles",
    {
      schema: {
        tags: ["help"],
        summary: "Every help answer, drafts included (content editors)",
        response: { 200: HelpArticleAdminListSchema, ...errors },
      },
    },
    async (request) => help.listForEditors(requireActor(request)),
  );

  app.post(
    "/api/manage/help/articles",
    {
      schema: {
        tags: ["help"],
        summary: "Add a help answer (content editors; audited)",
        body: HelpArticleInputSchema,
        response: { 201: HelpArticleAdminSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await help.createArticle(requireActor(request), request.body, requestContext(request))),
  );

  app.get(
    "/api/manage/help/articles/:id",
    {
      schema: {
        tags: ["help"],
        summary: "One help answer's source (content editors)",
        params: ArticleIdParams,
        response: { 200: HelpArticleAdminSchema, ...errors },
      },
    },
    async (request) => help.getForEditor(requireActor(request), request.params.id),
  );

  app.put(
    "/api/manage/help/articles/:id",
    {
      schema: {
        tags: ["help"],
        summary: "Change a help answer (content editors; audited)",
        params: ArticleIdParams,
        body: HelpArticleInputSchema,
        response: { 200: HelpArticleAdminSchema, ...errors },
      },
    },
    async (request) =>
      help.updateArticle(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.delete(
    "/api/manage/help/articles/:id",
    {
      schema: {
        tags: ["help"],
        summary: "Delete a help answer (content editors; audited)",
        params: ArticleIdParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await help.deleteArticle(requireActor(request), request.params.id, requestContext(request));
      return reply.status(204).send(null);
    },
  );
};
