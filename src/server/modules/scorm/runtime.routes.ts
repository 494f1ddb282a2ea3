import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  ScormAttemptAdminSchema,
  ScormAttemptListSchema,
  ScormAttemptResetSchema,
  ScormCommitErrorSchema,
  ScormCommitResultSchema,
  ScormCommitSchema,
  ScormLaunchSchema,
} from "../../../shared/scorm.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { AppError, unauthenticated } from "../../platform/errors.js";
import type { AccountsService } from "../accounts/accounts.service.js";
import { createScormRuntimeService } from "./runtime.service.js";

const StepParams = z.object({
  id: z.uuid("The enrolment id is not valid"),
  stepId: z.uuid("The step id is not valid"),
});
const AttemptParams = StepParams.extend({ attemptId: z.uuid("The attempt id is not valid") });
const AdminAttemptParams = z.object({ attemptId: z.uuid("The attempt id is not valid") });
const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};

/** Commits carry up to 64,000 characters of suspend data plus the rest of the state, JSON-escaped. */
const COMMIT_BODY_LIMIT = 1024 * 1024;

/** The SCORM run-time: launch, commits in sequence, new attempts, and the administrators' attempt tools. */
export const scormRuntimeRoutes: FastifyPluginAsyncZod<AppDeps & { accounts: AccountsService }> = async (
  app,
  deps,
) => {
  const runtime = createScormRuntimeService({ database: deps.database });

  // navigator.sendBeacon (the player's last commit as the page goes away) can only send text/plain: parse it as JSON.
  // Registered inside this plugin, so no other route accepts text/plain.
  app.addContentTypeParser("text/plain", { parseAs: "string" }, (_request, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(new AppError(400, "malformed_json", "The request body is not valid JSON."), undefined);
    }
  });

  app.get(
    "/api/learning/enrolments/:id/steps/:stepId/scorm",
    {
      schema: {
        tags: ["scorm"],
        summary: "Launch a SCORM step: the current attempt with each SCO's values to resume from",
        description:
          "Creates attempt 1 on the first launch. Read-only enrolments (expired, deferred) get the latest attempt and nothing is saved. 404 for another learner's enrolment or a step that is not SCORM.",
        params: StepParams,
        response: { 200: ScormLaunchSchema, ...errors },
      },
    },
    async (request) => runtime.launch(requireActor(request), request.params.id, request.params.stepId),
  );

  app.post(
    "/api/learning/enrolments/:id/steps/:stepId/scorm/attempts",
    {
      schema: {
        tags: ["scorm"],
        summary: "Start a new attempt once the current one is finished and complete, passed or failed",
        description: "409 attempt_in_progress while the current attempt is open; 409 read_only.",
        params: StepParams,
        response: { 201: ScormLaunchSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await runtime.startAttempt(requireActor(request), request.params.id, request.params.stepId)),
  );

  app.post(
    "/api/learning/enrolments/:id/steps/:stepId/scorm/attempts/:attemptId/commits",
    {
      bodyLimit: COMMIT_BODY_LIMIT,
      // The commit's UPDATE checks the session itself (docs/decisions/0016).
      config: { deferSession: true },
      schema: {
        tags: ["scorm"],
        summary: "Save the content's CMI state, numbered per attempt and SCO",
        description:
          "Accepts application/json or text/plain (sendBeacon) bodies. Stale or repeated sequence numbers answer 200 {applied:false}. 400 invalid_cmi names the element and the SCORM error code; nothing is stored. 409 read_only; 409 attempt_reset (reload).",
        params: AttemptParams,
        body: ScormCommitSchema,
        response: {
          ...errors,
          200: ScormCommitResultSchema,
          400: z.union([ScormCommitErrorSchema, ErrorBodySchema]),
        },
      },
    },
    async (request, reply) => {
      const token = request.sessionToken;
      if (!token) throw unauthenticated();
      const recent = deps.accounts.recentSession(token);
      const outcome = await runtime.commit(
        {
          tokenHash: recent?.tokenHash ?? deps.accounts.sessionTokenHash(token),
          idleSeconds: deps.accounts.sessionIdleSeconds,
          recent: recent?.actor ?? null,
          resolve: () => deps.accounts.resolveSession(token),
        },
        {
          enrolmentId: request.params.id,
          stepId: request.params.stepId,
          attemptId: request.params.attemptId,
        },
        request.body,
      );
      if (outcome.ok) return outcome.result;
      return reply.status(400).send({ error: "invalid_cmi" as const, ...outcome.refusal });
    },
  );

  app.get(
    "/api/admin/users/:userId/scorm-attempts",
    {
      schema: {
        tags: ["admin", "scorm"],
        summary: "A learner's SCORM attempts (platform administrators; audited)",
        params: z.object({ userId: z.uuid("The user id is not valid") }),
        response: { 200: ScormAttemptListSchema, ...errors },
      },
    },
    async (request) =>
      runtime.listForUser(requireActor(request), request.params.userId, requestContext(request)),
  );

  app.get(
    "/api/admin/scorm-attempts/:attemptId",
    {
      schema: {
        tags: ["admin", "scorm"],
        summary: "One attempt with every stored data model value, for support calls (audited)",
        params: AdminAttemptParams,
        response: { 200: ScormAttemptAdminSchema, ...errors },
      },
    },
    async (request) =>
      runtime.getAttempt(requireActor(request), request.params.attemptId, requestContext(request)),
  );

  app.post(
    "/api/admin/scorm-attempts/:attemptId/reset",
    {
      schema: {
        tags: ["admin", "scorm"],
        summary: "Reset an attempt: kept, marked reset; the learner's next launch starts afresh (audited)",
        description: "Completion already recorded on the step stays. 409 when already reset.",
        params: AdminAttemptParams,
        response: { 200: ScormAttemptResetSchema, ...errors },
      },
    },
    async (request) =>
      runtime.resetAttempt(requireActor(request), request.params.attemptId, requestContext(request)),
  );
};
