import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  LibraryConsentSchema,
  MyRecognitionCertificatesSchema,
  NameConsentSchema,
  ProjectParamsSchema,
  RecognitionAdminListSchema,
  RecognitionAllocateSchema,
  RecognitionDecisionCreateSchema,
  RecognitionDecisionResultSchema,
  RecognitionOverviewSchema,
  RecognitionQueueItemSchema,
  RecognitionQueueSchema,
  RecognitionSubmissionDetailSchema,
  RecognitionSubmissionParamsSchema,
  RecognitionSubmitSchema,
} from "../../../shared/recognition.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createRecognitionService } from "./recognition.service.js";

/** Sends a PDF as a download (an untyped reply: the response schemas describe the JSON answers only). */
function sendPdf(reply: FastifyReply, file: { filename: string; bytes: Uint8Array }) {
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "private, no-store")
    .send(Buffer.from(file.bytes));
}

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};

/** Submitting case studies for recognition, the assessors' queue and decisions, recognition certificates. */
export const recognitionRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createRecognitionService({
    db: deps.database.db,
    config: deps.config,
    mailer: deps.mailer,
  });

  app.get(
    "/api/projects/:id/recognition",
    {
      schema: {
        tags: ["recognition"],
        summary:
          "A project's recognition: what is needed before submitting, status, each version's decision (team only), consent and certificates",
        description: "404 for people who may not read the project.",
        params: ProjectParamsSchema,
        response: { 200: RecognitionOverviewSchema, ...errors },
      },
    },
    async (request) => service.overview(requireActor(request), request.params.id),
  );

  app.post(
    "/api/projects/:id/recognition/submissions",
    {
      schema: {
        tags: ["recognition"],
        summary: "A project lead submits the case study for recognition (a new version after a referral)",
        description:
          "Freezes the case study and the rubric version. 403 for members who are not leads; 404 for outsiders; 409 when a version is waiting for assessment or the project is already recognised; 422 not_ready_to_submit lists each missing prerequisite.",
        params: ProjectParamsSchema,
        body: RecognitionSubmitSchema,
        response: { 200: RecognitionOverviewSchema, ...errors },
      },
    },
    async (request) =>
      service.submit(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.put(
    "/api/projects/:id/recognition/library-consent",
    {
      schema: {
        tags: ["recognition"],
        summary: "A lead gives or withdraws the team's consent to the public case-study library",
        description:
          "Withdrawing removes the library entry at once; giving it after recognition publishes it.",
        params: ProjectParamsSchema,
        body: LibraryConsentSchema,
        response: { 200: RecognitionOverviewSchema, ...errors },
      },
    },
    async (request) =>
      service.setLibraryConsent(
        requireActor(request),
        request.params.id,
        request.body.consent,
        requestContext(request),
      ),
  );

  app.put(
    "/api/projects/:id/recognition/name-consent",
    {
      schema: {
        tags: ["recognition"],
        summary: "A team member chooses whether their name appears as an author in the public library",
        params: ProjectParamsSchema,
        body: NameConsentSchema,
        response: { 200: RecognitionOverviewSchema, ...errors },
      },
    },
    async (request) =>
      service.setNameConsent(requireActor(request), request.params.id, request.body.nameInLibrary),
  );

  app.get(
    "/api/me/recognition-certificates",
    {
      schema: {
        tags: ["recognition"],
        summary: "My recognition certificates",
        response: { 200: MyRecognitionCertificatesSchema, ...errors },
      },
    },
    async (request) => service.myCertificates(requireActor(request)),
  );

  app.get(
    "/api/assessment/case-studies",
    {
      schema: {
        tags: ["recognition"],
        summary: "My case-study queue: allocated to me, and unallocated ones I may pick up (audited)",
        response: { 200: RecognitionQueueSchema, ...errors },
      },
    },
    async (request) => service.queue(requireActor(request), requestContext(request)),
  );

  app.post(
    "/api/assessment/case-studies/:submissionId/pick-up",
    {
      schema: {
        tags: ["recognition"],
        summary: "Pick up an unallocated case study",
        description:
          "403 when I or someone in my team is on the project; 409 when another assessor got it first or it is no longer waiting.",
        params: RecognitionSubmissionParamsSchema,
        response: { 200: RecognitionQueueItemSchema, ...errors },
      },
    },
    async (request) =>
      service.pickUp(requireActor(request), request.params.submissionId, requestContext(request)),
  );

  app.get(
    "/api/assessment/case-studies/:submissionId",
    {
      schema: {
        tags: ["recognition"],
        summary:
          "The frozen case study with earlier versions, for its assessor or a platform administrator (audited)",
        params: RecognitionSubmissionParamsSchema,
        response: { 200: RecognitionSubmissionDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.view(requireActor(request), request.params.submissionId, requestContext(request)),
  );

  app.get(
    "/api/assessment/case-studies/:submissionId/pdf",
    {
      schema: {
        tags: ["recognition"],
        summary: "The frozen case study as a PDF, for its assessor or a platform administrator (audited)",
        params: RecognitionSubmissionParamsSchema,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.pdf(
        requireActor(request),
        request.params.submissionId,
        requestContext(request),
      );
      return sendPdf(reply, file);
    },
  );

  app.post(
    "/api/assessment/case-studies/:submissionId/decision",
    {
      schema: {
        tags: ["recognition"],
        summary:
          "Score every rubric criterion 0–3 with feedback, then recognise the project or refer it back",
        description:
          "Only the allocated assessor (403 otherwise, and when they or their team are on the project). 422 decision_refused names each problem; 409 when already decided.",
        params: RecognitionSubmissionParamsSchema,
        body: RecognitionDecisionCreateSchema,
        response: { 200: RecognitionDecisionResultSchema, ...errors },
      },
    },
    async (request) =>
      service.decide(
        requireActor(request),
        request.params.submissionId,
        request.body,
        requestContext(request),
      ),
  );

  app.get(
    "/api/admin/case-studies",
    {
      schema: {
        tags: ["recognition"],
        summary: "Every case study submitted for recognition, with the assessors to allocate to (audited)",
        response: { 200: RecognitionAdminListSchema, ...errors },
      },
    },
    async (request) => service.adminList(requireActor(request), requestContext(request)),
  );

  app.post(
    "/api/admin/case-studies/:submissionId/allocate",
    {
      schema: {
        tags: ["recognition"],
        summary: "Allocate a waiting case study to an assessor",
        description:
          "422 when the person does not hold the assessor role now; 403 when they or their team are on the project; 409 when already decided.",
        params: RecognitionSubmissionParamsSchema,
        body: RecognitionAllocateSchema,
        response: { 200: RecognitionQueueItemSchema, ...errors },
      },
    },
    async (request) =>
      service.allocate(
        requireActor(request),
        request.params.submissionId,
        request.body,
        requestContext(request),
      ),
  );
};
