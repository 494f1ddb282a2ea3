import type { FastifyPluginAsyncZod, ZodTypeProvider } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  NotificationListQuerySchema,
  NotificationPageSchema,
  NotificationParamsSchema,
  NotificationPreferencesSchema,
  OneClickUnsubscribeSchema,
  UnreadCountSchema,
  UnsubscribeInputSchema,
  UnsubscribeResultSchema,
} from "../../../shared/notifications.js";
import type { AppDeps } from "../../app.js";
import { requireActor } from "../../platform/auth.js";
import { announcementsRoutes } from "./announcements.routes.js";
import { createNotificationsService } from "./notifications.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  429: ErrorBodySchema,
};

/** Notifications, digest preferences, unsubscribe, announcements. */
export const notificationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const notifications = createNotificationsService({ db: deps.database.db, config: deps.config });

  app.get(
    "/api/notifications",
    {
      schema: {
        tags: ["notifications"],
        summary: "My notifications, newest first, 20 a page, with the unread count",
        description: "Pass the previous page's nextCursor as ?cursor= for the next (older) page.",
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationPageSchema, ...errors },
      },
    },
    async (request) => notifications.list(requireActor(request), request.query.cursor),
  );

  app.get(
    "/api/notifications/unread-count",
    {
      schema: {
        tags: ["notifications"],
        summary: "How many of my notifications are unread (cheap: the header asks every minute)",
        response: { 200: UnreadCountSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return notifications.unreadCount(requireActor(request));
    },
  );

  app.post(
    "/api/notifications/read-all",
    {
      schema: {
        tags: ["notifications"],
        summary: "Mark all my notifications as read",
        response: { 200: UnreadCountSchema, ...errors },
      },
    },
    async (request) => notifications.markAllRead(requireActor(request)),
  );

  app.post(
    "/api/notifications/:id/read",
    {
      schema: {
        tags: ["notifications"],
        summary:
          "Mark one of my notifications as read (404 for anyone else's); answers the unread count left",
        params: NotificationParamsSchema,
        response: { 200: UnreadCountSchema, ...errors },
      },
    },
    async (request) => notifications.markRead(requireActor(request), request.params.id),
  );

  app.get(
    "/api/notifications/preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "The kinds of notification I chose for the daily email digest (none until I choose)",
        response: { 200: NotificationPreferencesSchema, ...errors },
      },
    },
    async (request) => notifications.preferences(requireActor(request)),
  );

  app.put(
    "/api/notifications/preferences",
    {
      schema: {
        tags: ["notifications"],
        summary: "Choose the kinds of notification in my daily email digest",
        description:
          "digestKinds: any of reply, mention, highlight, announcement, each at most once; an empty list means no digest.",
        body: NotificationPreferencesSchema,
        response: { 200: NotificationPreferencesSchema, ...errors },
      },
    },
    async (request) => notifications.savePreferences(requireActor(request), request.body),
  );

  app.post(
    "/api/unsubscribe",
    {
      schema: {
        tags: ["notifications"],
        summary: "One-click unsubscribe from digest emails with the token from an email's link (no sign-in)",
        description:
          "Stops the link's kind (or every kind) and marks the link used. A used link answers 200 with alreadyUsed: true and changes nothing, so an old email cannot undo a later re-subscribe. 404 for a link that is not valid; 429 after 30 attempts in 10 minutes from one address.",
        body: UnsubscribeInputSchema,
        response: { 200: UnsubscribeResultSchema, ...errors },
      },
    },
    async (request) => notifications.unsubscribe(request.body.token, request.ip),
  );

  // RFC 8058: mail programs POST `List-Unsubscribe=One-Click` as a form to the List-Unsubscribe address of a
  // digest. The form parser is registered in this child context only; everything else still takes JSON alone.
  await app.register(async (oneClick) => {
    oneClick.addContentTypeParser(
      "application/x-www-form-urlencoded",
      { parseAs: "string", bodyLimit: 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    oneClick.withTypeProvider<ZodTypeProvider>().post(
      "/api/unsubscribe/one-click",
      {
        schema: {
          tags: ["notifications"],
          summary: "RFC 8058 one-click unsubscribe from every digest email, as mail programs send it",
          description:
            "The address in a digest's List-Unsubscribe header. The body is the form `List-Unsubscribe=One-Click`; the token is in the query. Same answers as POST /api/unsubscribe.",
          querystring: UnsubscribeInputSchema,
          body: OneClickUnsubscribeSchema,
          response: { 200: UnsubscribeResultSchema, ...errors },
        },
      },
      async (request) => notifications.unsubscribe(request.query.token, request.ip),
    );
  });

  await app.register(announcementsRoutes, deps);
};
