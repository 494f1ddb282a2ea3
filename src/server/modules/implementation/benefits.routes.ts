import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  BENEFIT_EVIDENCE_MAX_BYTES,
  BenefitAnswerSchema,
  BenefitAreasSchema,
  BenefitAreasUpdateSchema,
  BenefitChangeResultSchema,
  BenefitCreateSchema,
  BenefitDecisionSchema,
  BenefitDetailSchema,
  BenefitEvidenceParamsSchema,
  BenefitListQuerySchema,
  BenefitListSchema,
  BenefitParamsSchema,
  BenefitUpdateSchema,
  RegistrationParamsSchema,
} from "../../../shared/implementation-benefits.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { AppError, payloadTooLarge, validationFailed } from "../../platform/errors.js";
import { cleanFilename } from "../files/files.service.js";
import { createBenefitsService } from "./benefits.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ["implementation"];

/** Content-Disposition: attachment with an ASCII fallback name and the real name in RFC 5987 form. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\w.\- ()]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** Routes for benefits, evidence and finance sign-off, and the organisation's benefit areas (issue 9). */
export const benefitsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createBenefitsService({ db: deps.database.db, mailer: deps.mailer, config: deps.config });
  await app.register(multipart, {
    // Over-size files are read to the end and marked truncated, so the browser gets our 413 with its message.
    throwFileSizeLimit: false,
    limits: { fileSize: BENEFIT_EVIDENCE_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldNameSize: 100 },
  });

  app.get(
    "/api/implementation/registrations/:registrationId/benefit-areas",
    {
      schema: {
        tags,
        summary: "The organisation's benefit areas in order, with how many benefits each holds",
        params: RegistrationParamsSchema,
        response: { 200: BenefitAreasSchema, ...errors },
      },
    },
    async (request) => service.getAreas(requireActor(request), request.params.registrationId),
  );

  app.put(
    "/api/implementation/registrations/:registrationId/benefit-areas",
    {
      schema: {
        tags,
        summary: "Replace the ordered list of benefit areas (programme leads; audited)",
        description:
          "The whole list of { id?, label }: areas with an id are renamed and moved, those without are added, missing ones removed. 1–8 areas with different labels of 1–80 characters (400); 409 naming any removed area that still holds benefits.",
        params: RegistrationParamsSchema,
        body: BenefitAreasUpdateSchema,
        response: { 200: BenefitAreasSchema, ...errors },
      },
    },
    async (request) =>
      service.putAreas(
        requireActor(request),
        requestContext(request),
        request.params.registrationId,
        request.body,
      ),
  );

  app.get(
    "/api/benefits",
    {
      schema: {
        tags,
        summary: "A registration's benefits (team leaders: their own teams), with filters by team and status",
        description:
          "Also lists the teams the caller can see (and whether they may record benefits for each), the benefit areas and the house modules, for filters and forms.",
        querystring: BenefitListQuerySchema,
        response: { 200: BenefitListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const list = await service.list(requireActor(request), request.query);
      return reply.header("cache-control", "no-store").send(list);
    },
  );

  app.post(
    "/api/benefits",
    {
      schema: {
        tags,
        summary: "Record a benefit for a team and module in one of the organisation's benefit areas",
        description:
          "The team's leader, a programme lead or a finance lead (403 for others on the registration, 404 for other organisations). Cashable benefits need a category (the order follows from it), a method and pence from 0 to 100,000,000,000 (422 over it), and wait for a finance lead's sign-off; others hold values in their unit (0–100 for %). A forecast needs forecastOn; a realised value needs realisedOn, not in the future. 422 invalid_benefit lists each field.",
        body: BenefitCreateSchema,
        response: { 201: BenefitDetailSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.create(requireActor(request), request.body)),
  );

  app.get(
    "/api/benefits/:benefitId",
    {
      schema: {
        tags,
        summary:
          "A benefit: its values, history (oldest first), evidence and what the caller may do, and why not",
        params: BenefitParamsSchema,
        response: { 200: BenefitDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await service.get(requireActor(request), request.params.benefitId);
      return reply.header("cache-control", "no-store").send(detail);
    },
  );

  app.patch(
    "/api/benefits/:benefitId",
    {
      schema: {
        tags,
        summary: "Change a benefit (409 stale_revision when it changed since it was loaded)",
        description:
          "Changing the figures, dates, method or category of a signed-off or rejected cashable benefit returns it to awaiting sign-off: returnedForSignOff is true and the message says so.",
        params: BenefitParamsSchema,
        body: BenefitUpdateSchema,
        response: { 200: BenefitChangeResultSchema, ...errors },
      },
    },
    async (request) => service.update(requireActor(request), request.params.benefitId, request.body),
  );

  app.post(
    "/api/benefits/:benefitId/decision",
    {
      schema: {
        tags,
        summary:
          "A finance lead signs off, queries or rejects a cashable benefit awaiting sign-off (audited)",
        description:
          "Only a finance lead of the organisation (403 for everyone else, programme leads and administrators included), never the person who recorded the benefit or last changed its figures (403); 409 unless the benefit is cashable and awaiting sign-off. A query or rejection needs a comment (400).",
        params: BenefitParamsSchema,
        body: BenefitDecisionSchema,
        response: { 200: BenefitChangeResultSchema, ...errors },
      },
    },
    async (request) =>
      service.decide(requireActor(request), requestContext(request), request.params.benefitId, request.body),
  );

  app.post(
    "/api/benefits/:benefitId/answer",
    {
      schema: {
        tags,
        summary: "Answer a finance lead's query: the benefit waits for sign-off again (409 unless queried)",
        params: BenefitParamsSchema,
        body: BenefitAnswerSchema,
        response: { 200: BenefitChangeResultSchema, ...errors },
      },
    },
    async (request) => service.answer(requireActor(request), request.params.benefitId, request.body),
  );

  app.post(
    "/api/benefits/:benefitId/evidence",
    {
      schema: {
        tags,
        summary: 'Add an evidence file: multipart/form-data with the file in "file"',
        description:
          "PDF, Word, Excel, PowerPoint, text, CSV or an image (documents up to 20 MB, images 5 MB; 413 over it). The contents must match the name (400).",
        consumes: ["multipart/form-data"],
        params: BenefitParamsSchema,
        response: { 201: BenefitDetailSchema, ...errors, 413: ErrorBodySchema, 415: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { benefitId } = request.params;
      // Refuse before reading up to 20 MB the person could not store anyway.
      await service.assertCanAddEvidence(actor, benefitId);
      if (!request.isMultipart())
        throw new AppError(
          415,
          "unsupported_media_type",
          'Send the evidence as multipart/form-data, with the file in a field called "file".',
        );
      let upload: { filename: string; bytes: Buffer; truncated: boolean } | null = null;
      for await (const part of request.parts()) {
        if (part.type === "field") continue;
        if (part.fieldname !== "file" || upload !== null) {
          part.file.resume();
          continue;
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        upload = {
          filename: cleanFilename(part.filename),
          bytes: Buffer.concat(chunks),
          truncated: part.file.truncated,
        };
      }
      if (upload?.truncated)
        throw payloadTooLarge(
          `"${upload.filename}" is larger than 20 MB. Evidence files must be 20 MB or smaller (images 5 MB). Make the file smaller and try again.`,
        );
      if (!upload?.filename)
        throw validationFailed("Choose a file to upload.", [
          { field: "file", message: "Choose a file to upload" },
        ]);
      const detail = await service.addEvidence(actor, benefitId, upload);
      return reply.status(201).send(detail);
    },
  );

  app.get(
    "/api/benefits/:benefitId/evidence/:evidenceId",
    {
      schema: {
        tags,
        summary: "An evidence file, as a download, for anyone who may read the benefit",
        params: BenefitEvidenceParamsSchema,
        response: {
          200: z.unknown().describe("the file's bytes"),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const file = await service.readEvidence(
        requireActor(request),
        request.params.benefitId,
        request.params.evidenceId,
      );
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", attachment(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "private, no-store")
        .header("content-length", String(file.bytes.length))
        .send(file.bytes);
    },
  );

  app.delete(
    "/api/benefits/:benefitId/evidence/:evidenceId",
    {
      schema: {
        tags,
        summary: "Remove an evidence file (409 once the benefit is signed off)",
        params: BenefitEvidenceParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removeEvidence(
        requireActor(request),
        request.params.benefitId,
        request.params.evidenceId,
      );
      return reply.status(204).send(null);
    },
  );
};
