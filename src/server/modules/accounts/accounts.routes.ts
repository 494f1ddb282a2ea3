import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AdminUserPageSchema,
  AdminUserSchema,
  ChangeEmailSchema,
  ChangePasswordSchema,
  EmailOnlySchema,
  ExpireUserSchema,
  GrantRoleSchema,
  MeSchema,
  ProfileUpdateSchema,
  RegisterSchema,
  ResetPasswordSchema,
  SignInSchema,
  TokenSchema,
  UserSearchQuerySchema,
} from "../../../shared/accounts.js";
import { ErrorBodySchema, MessageSchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { clearSessionCookie, requestContext, requireActor, setSessionCookie } from "../../platform/auth.js";
import type { AccountsService } from "./accounts.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};
const UserIdParams = z.object({ id: z.uuid("The user id is not valid") });

/** Registration, verification, sign-in/out, password reset, the signed-in person's account, and user administration. */
export const accountsRoutes: FastifyPluginAsyncZod<AppDeps & { accounts: AccountsService }> = async (
  app,
  deps,
) => {
  const { accounts, config } = deps;

  app.post(
    "/api/auth/register",
    {
      schema: {
        tags: ["auth"],
        summary: "Create an account (answers the same whether or not the email is taken)",
        body: RegisterSchema,
        response: { 202: MessageSchema, ...errors },
      },
    },
    async (request, reply) => reply.status(202).send({ message: await accounts.register(request.body) }),
  );

  app.post(
    "/api/auth/verify-email",
    {
      schema: {
        tags: ["auth"],
        summary: "Confirm an email address from an emailed link",
        body: TokenSchema,
        response: { 200: MessageSchema, ...errors },
      },
    },
    async (request) => ({ message: await accounts.verifyEmail(request.body.token, requestContext(request)) }),
  );

  app.post(
    "/api/auth/resend-verification",
    {
      schema: {
        tags: ["auth"],
        summary: "Send the email confirmation link again",
        body: EmailOnlySchema,
        response: { 202: MessageSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send({ message: await accounts.resendVerification(request.body.email, requestContext(request)) }),
  );

  app.post(
    "/api/auth/sign-in",
    {
      schema: {
        tags: ["auth"],
        summary: "Sign in; sets the session cookie",
        body: SignInSchema,
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { token, me } = await accounts.signIn(
        request.body,
        requestContext(request),
        request.actor?.sessionId ?? null,
      );
      setSessionCookie(reply, config, token);
      return me;
    },
  );

  app.post(
    "/api/auth/sign-out",
    {
      schema: { tags: ["auth"], summary: "Sign out of this device", response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      if (request.actor) await accounts.signOut(request.actor);
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/sign-out-everywhere",
    {
      schema: { tags: ["auth"], summary: "Sign out of all devices", response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      await accounts.signOutEverywhere(requireActor(request), requestContext(request));
      clearSessionCookie(reply, config);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/auth/forgot-password",
    {
      schema: {
        tags: ["auth"],
        summary: "Email a password reset link (answers the same for unknown addresses)",
        body: EmailOnlySchema,
        response: { 202: MessageSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send({ message: await accounts.forgotPassword(request.body.email, requestContext(request)) }),
  );

  app.post(
    "/api/auth/reset-password",
    {
      schema: {
        tags: ["auth"],
        summary: "Set a new password from a reset link; ends every session",
        body: ResetPasswordSchema,
        response: { 200: MessageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const message = await accounts.resetPassword(request.body, requestContext(request));
      clearSessionCookie(reply, config);
      return { message };
    },
  );

  app.get(
    "/api/me",
    {
      schema: {
        tags: ["me"],
        summary: "The signed-in person's account",
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => accounts.getMe(requireActor(request)),
  );

  app.patch(
    "/api/me",
    {
      schema: {
        tags: ["me"],
        summary: "Change profile details",
        body: ProfileUpdateSchema,
        response: { 200: MeSchema, ...errors },
      },
    },
    async (request) => accounts.updateProfile(requireActor(request), request.body),
  );

  app.post(
    "/api/me/email",
    {
      schema: {
        tags: ["me"],
        summary: "Change email address (takes effect once the new one is confirmed)",
        body: ChangeEmailSchema,
        response: { 202: MessageSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(202).send({
        message: await accounts.changeEmail(requireActor(request), request.body, requestContext(request)),
      }),
  );

  app.post(
    "/api/me/password",
    {
      schema: {
        tags: ["me"],
        summary: "Change password (current password required)",
        body: ChangePasswordSchema,
        response: { 200: MessageSchema, ...errors },
      },
    },
    async (request) => ({
      message: await accounts.changePassword(requireActor(request), request.body, requestContext(request)),
    }),
  );

  app.get(
    "/api/admin/users",
    {
      schema: {
        tags: ["admin"],
        summary: "Find users (platform administrators; audited)",
        querystring: UserSearchQuerySchema,
        response: { 200: AdminUserPageSchema, ...errors },
      },
    },
    async (request) => accounts.listUsers(requireActor(request), request.query, requestContext(request)),
  );

  app.get(
    "/api/admin/users/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "One user (platform administrators; audited)",
        params: UserIdParams,
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) => accounts.getUser(requireActor(request), request.params.id, requestContext(request)),
  );

  app.post(
    "/api/admin/users/:id/expire",
    {
      schema: {
        tags: ["admin"],
        summary: "Expire an account; it can no longer sign in",
        params: UserIdParams,
        body: ExpireUserSchema,
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) =>
      accounts.expireUser(
        requireActor(request),
        request.params.id,
        request.body.reason,
        requestContext(request),
      ),
  );

  app.post(
    "/api/admin/users/:id/reactivate",
    {
      schema: {
        tags: ["admin"],
        summary: "Re-activate an expired account",
        params: UserIdParams,
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) =>
      accounts.reactivateUser(requireActor(request), request.params.id, requestContext(request)),
  );

  app.post(
    "/api/admin/users/:id/roles",
    {
      schema: {
        tags: ["admin"],
        summary: "Grant a role",
        params: UserIdParams,
        body: GrantRoleSchema,
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) =>
      accounts.grantRole(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.delete(
    "/api/admin/users/:id/roles/:grantId",
    {
      schema: {
        tags: ["admin"],
        summary: "Remove a role",
        params: UserIdParams.extend({ grantId: z.uuid("The role id is not valid") }),
        response: { 200: AdminUserSchema, ...errors },
      },
    },
    async (request) =>
      accounts.revokeRole(
        requireActor(request),
        request.params.id,
        request.params.grantId,
        requestContext(request),
      ),
  );
};
