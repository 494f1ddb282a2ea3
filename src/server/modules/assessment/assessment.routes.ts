import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  AllocateSchema,
  AllocationPageSchema,
  AllocationQuerySchema,
  AssessorOptionsQuerySchema,
  AssessorOptionsSchema,
  AssessorQueueSchema,
  DecisionCreateSchema,
  DecisionResultSchema,
  QueueItemSchema,
  SubmissionDetailSchema,
  SubmissionParamsSchema,
  VerdictCreateSchema,
  VerdictResultSchema,
  VerificationQueueSchema,
  VerificationSettingsSchema,
  VerificationSettingsUpdateSchema,
} from "../../../shared/assessment.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createAssessmentService } from "./assessment.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};

/** Assessment and internal verification. */
export const assessmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createAssessmentService({
    db: deps.database.db,
    config: deps.config,
    mailer: deps.mailer,
  });

  app.get(
    "/api/assessment/queue",
    {
      schema: {
        tags: ["assessment"],
        summary:
          "My assessment queue: submissions allocated to me (waiting or overturned, oldest first) and unallocated ones I may pick up (audited)",
        response: { 200: AssessorQueueSchema, ...errors },
      },
    },
    async (request) => service.queue(requireActor(request), requestContext(request)),
  );

  app.post(
    "/api/assessment/submissions/:id/pick-up",
    {
      schema: {
        tags: ["assessment"],
        summary: "Pick up an unallocated submission: it becomes mine to assess",
        description:
          "403 for my own portfolio or a learner in my team; 409 when another assessor got it first or it is no longer waiting.",
        params: SubmissionParamsSchema,
        response: { 200: QueueItemSchema, ...errors },
      },
    },
    async (request) => service.pickUp(requireActor(request), request.params.id, requestContext(request)),
  );

  app.get(
    "/api/assessment/submissions/:id",
    {
      schema: {
        tags: ["assessment"],
        summary:
          "The side-by-side view: criteria with assessor guidance, the evidence submitted against each, earlier versions and decisions (audited)",
        description: "For the assessor it is allocated to, internal verifiers and platform administrators.",
        params: SubmissionParamsSchema,
        response: { 200: SubmissionDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.view(requireActor(request), request.params.id, "assessment", requestContext(request)),
  );

  app.post(
    "/api/assessment/submissions/:id/decision",
    {
      schema: {
        tags: ["assessment"],
        summary: "Pass or refer back, judging every criterion met or not yet met, with feedback",
        description:
          "Only the allocated assessor (403 otherwise, and for their own or their team's portfolio). 422 decision_refused names each problem: criteria missing, unknown or judged twice; a pass with criteria not yet met; a referral with none; feedback missing on a referral or a criterion not yet met. 409 when the submission was already decided. The decision is sampled for internal verification (status awaiting_verification) or takes effect at once.",
        params: SubmissionParamsSchema,
        body: DecisionCreateSchema,
        response: { 200: DecisionResultSchema, ...errors },
      },
    },
    async (request) =>
      service.decide(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.get(
    "/api/verification/queue",
    {
      schema: {
        tags: ["verification"],
        summary:
          "Sampled decisions waiting for internal verification that I may verify, oldest first (audited)",
        response: { 200: VerificationQueueSchema, ...errors },
      },
    },
    async (request) => service.verificationQueue(requireActor(request), requestContext(request)),
  );

  app.get(
    "/api/verification/submissions/:id",
    {
      schema: {
        tags: ["verification"],
        summary: "The side-by-side view with the decision under review (internal verifiers; audited)",
        params: SubmissionParamsSchema,
        response: { 200: SubmissionDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.view(requireActor(request), request.params.id, "verification", requestContext(request)),
  );

  app.post(
    "/api/verification/submissions/:id/verdict",
    {
      schema: {
        tags: ["verification"],
        summary:
          "Confirm the decision (it takes effect) or overturn it (back to the assessor), with a rationale",
        description:
          "403 for a decision I made as assessor, or on my own or my team's portfolio. 409 when nothing is waiting for verification.",
        params: SubmissionParamsSchema,
        body: VerdictCreateSchema,
        response: { 200: VerdictResultSchema, ...errors },
      },
    },
    async (request) =>
      service.verify(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.get(
    "/api/admin/assessment/submissions",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Submissions waiting for an assessor, a decision or verification, filtered by course, status and allocation (audited)",
        querystring: AllocationQuerySchema,
        response: { 200: AllocationPageSchema, ...errors },
      },
    },
    async (request) => service.allocationList(requireActor(request), request.query, requestContext(request)),
  );

  app.get(
    "/api/admin/assessment/assessors",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Everyone holding the assessor role now, with their open allocations; with submissionId, why any cannot take it (audited)",
        querystring: AssessorOptionsQuerySchema,
        response: { 200: AssessorOptionsSchema, ...errors },
      },
    },
    async (request) =>
      service.assessorOptions(requireActor(request), request.query.submissionId, requestContext(request)),
  );

  app.post(
    "/api/admin/assessment/submissions/:id/allocate",
    {
      schema: {
        tags: ["admin"],
        summary: "Allocate or re-allocate a submission to an assessor, who is emailed",
        description:
          "422 allocation_refused when the person does not hold the assessor role now; 403 when it is their own portfolio or the learner is in their team; 409 when the submission has been decided or is already theirs.",
        params: SubmissionParamsSchema,
        body: AllocateSchema,
        response: { 200: QueueItemSchema, ...errors },
      },
    },
    async (request) =>
      service.allocate(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.get(
    "/api/admin/assessment/settings",
    {
      schema: {
        tags: ["admin"],
        summary: "How decisions are sampled for internal verification",
        response: { 200: VerificationSettingsSchema, ...errors },
      },
    },
    async (request) => service.settings(requireActor(request)),
  );

  app.put(
    "/api/admin/assessment/settings",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Set the sample percentage (0–100) and how many of each new assessor's first decisions are sampled (0–50)",
        body: VerificationSettingsUpdateSchema,
        response: { 200: VerificationSettingsSchema, ...errors },
      },
    },
    async (request) => service.updateSettings(requireActor(request), request.body, requestContext(request)),
  );
};
