import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  EVIDENCE_BODY_MAX_LENGTH,
  EVIDENCE_FILE_MAX_BYTES,
  EvidenceCreateSchema,
  EvidenceDeleteQuerySchema,
  EvidenceFileFieldsSchema,
  EvidenceUpdateSchema,
  PortfolioChangeSchema,
  PortfolioSubmitSchema,
  PortfolioSubmittedSchema,
  PortfolioViewSchema,
} from "../../../shared/portfolios.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { AppError, validationFailed } from "../../platform/errors.js";
import { cleanFilename } from "../files/files.service.js";
import { criteriaRoutes } from "./criteria.routes.js";
import { evidenceFileTooLarge } from "./evidence-files.js";
import * as service from "./portfolios.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ["portfolios"];
const EnrolmentParams = z.object({ enrolmentId: z.uuid("The enrolment id is not valid") });
const EvidenceParams = EnrolmentParams.extend({ evidenceId: z.uuid("The evidence id is not valid") });
const FileParams = z.object({
  portfolioId: z.uuid("The portfolio id is not valid"),
  fileId: z.uuid("The file id is not valid"),
});
/** A reflection may be 50,000 characters, which in UTF-8 with JSON escaping can pass the app's default limit. */
const LARGE_BODY_BYTES = 1_000_000;
const WRITES =
  "409 read_only (access ended or deferred), portfolio_locked (with the assessor or passed) or stale_revision (changed in another tab: reload).";

/** Content-Disposition: attachment with an ASCII fallback name and the real name in RFC 5987 form. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\w.\- ()]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Learners' portfolios (their own enrolments on Practitioner, Facilitator and Programme Manager courses): evidence,
 * coverage, submission and the decisions on each version; evidence files for everyone canViewPortfolio allows; and
 * the courses' criteria for editors (criteria.routes.ts). Multipart is parsed only inside this plugin.
 */
export const portfoliosRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.database.db;
  await app.register(criteriaRoutes, deps);
  await app.register(multipart, {
    // Over-size files are read to the end and marked truncated, so the browser gets our 413 with its message.
    throwFileSizeLimit: false,
    limits: {
      fileSize: EVIDENCE_FILE_MAX_BYTES,
      files: 1,
      fields: 210,
      parts: 212,
      fieldNameSize: 100,
      fieldSize: EVIDENCE_BODY_MAX_LENGTH * 4 + 1024,
    },
  });

  app.get(
    "/api/enrolments/:enrolmentId/portfolio",
    {
      schema: {
        tags,
        summary:
          "My portfolio for an enrolment (made on first open): criteria, evidence, coverage, status, and every submitted version with its decisions",
        description:
          "Only the enrolment's learner (403 for anyone else); 422 not_assessed_by_portfolio for courses below Practitioner level.",
        params: EnrolmentParams,
        response: { 200: PortfolioViewSchema, ...errors },
      },
    },
    async (request, reply) => {
      const view = await service.openPortfolio(db, requireActor(request), request.params.enrolmentId);
      return reply.header("cache-control", "no-store").send(view);
    },
  );

  app.post(
    "/api/enrolments/:enrolmentId/portfolio/evidence",
    {
      bodyLimit: LARGE_BODY_BYTES,
      schema: {
        tags,
        summary:
          "Add a written reflection (Markdown) or a link (http or https), mapped to one or more criteria",
        description: WRITES,
        params: EnrolmentParams,
        body: EvidenceCreateSchema,
        response: { 201: PortfolioChangeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addEvidence(db, requireActor(request), request.params.enrolmentId, request.body)),
  );

  app.post(
    "/api/enrolments/:enrolmentId/portfolio/files",
    {
      schema: {
        tags,
        summary:
          'Add a file as evidence: multipart/form-data with the fields "revision", "title", "body" (optional) and "criterionIds" (once per criterion) before the file in "file"',
        description: `PDF, Word, Excel, PowerPoint or an image, up to 20 MB (413 over it). The type is read from the bytes and must match the name; programs, scripts and macro-enabled Office files are refused with 422. ${WRITES}`,
        consumes: ["multipart/form-data"],
        params: EnrolmentParams,
        response: { 201: PortfolioChangeSchema, ...errors, 413: ErrorBodySchema, 415: ErrorBodySchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { enrolmentId } = request.params;
      // Refuse before reading up to 20 MB the person could not store anyway.
      await service.assertCanAddEvidence(db, actor, enrolmentId);
      if (!request.isMultipart()) {
        throw new AppError(
          415,
          "unsupported_media_type",
          'Send the evidence as multipart/form-data, with the file in a field called "file".',
        );
      }
      const fields: Record<string, string> = {};
      const criterionIds: string[] = [];
      let upload: { filename: string; bytes: Buffer; truncated: boolean } | null = null;
      for await (const part of request.parts()) {
        if (part.type === "field") {
          if (typeof part.value !== "string") continue;
          if (part.fieldname === "criterionIds") criterionIds.push(part.value);
          else fields[part.fieldname] = part.value;
          continue;
        }
        if (part.fieldname !== "file" || upload !== null) {
          part.file.resume();
          continue;
        }
        // Keep at most the limit in memory; the parser drops the rest and marks the stream truncated.
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        upload = {
          filename: cleanFilename(part.filename),
          bytes: Buffer.concat(chunks),
          truncated: part.file.truncated,
        };
      }
      if (upload?.truncated) throw evidenceFileTooLarge(upload.filename, null);
      if (!upload?.filename) {
        throw validationFailed("Choose a file to upload.", [
          { field: "file", message: "Choose a file to upload" },
        ]);
      }
      const parsed = EvidenceFileFieldsSchema.safeParse({ ...fields, criterionIds });
      if (!parsed.success) {
        const details = parsed.error.issues.map((i) => ({
          field: String(i.path[0] ?? "file"),
          message: i.message,
        }));
        throw validationFailed(
          details.length === 1
            ? (details[0]?.message ?? "Check the evidence's details.")
            : "Check the evidence's details.",
          details,
        );
      }
      const result = await service.addFileEvidence(db, actor, enrolmentId, parsed.data, upload);
      return reply.status(201).send(result);
    },
  );

  app.put(
    "/api/enrolments/:enrolmentId/portfolio/evidence/:evidenceId",
    {
      bodyLimit: LARGE_BODY_BYTES,
      schema: {
        tags,
        summary:
          "Change a piece of evidence: title, text, the criteria it is mapped to, and a link's address (autosave too)",
        description: WRITES,
        params: EvidenceParams,
        body: EvidenceUpdateSchema,
        response: { 200: PortfolioChangeSchema, ...errors },
      },
    },
    async (request) =>
      service.updateEvidence(
        db,
        requireActor(request),
        request.params.enrolmentId,
        request.params.evidenceId,
        request.body,
      ),
  );

  app.delete(
    "/api/enrolments/:enrolmentId/portfolio/evidence/:evidenceId",
    {
      schema: {
        tags,
        summary: "Remove a piece of evidence (?revision=n)",
        description: `A file submitted in an earlier version is kept for that version. ${WRITES}`,
        params: EvidenceParams,
        querystring: EvidenceDeleteQuerySchema,
        response: { 200: PortfolioChangeSchema, ...errors },
      },
    },
    async (request) =>
      service.deleteEvidence(
        db,
        requireActor(request),
        request.params.enrolmentId,
        request.params.evidenceId,
        request.query.revision,
      ),
  );

  app.post(
    "/api/enrolments/:enrolmentId/portfolio/submit",
    {
      schema: {
        tags,
        summary: "Submit my portfolio for assessment with the declaration that it is my own work; it locks",
        description: `422 declaration_required without declaration: true; 422 criteria_without_evidence naming each criterion with no evidence (details field criterion-<id>); 422 no_criteria. ${WRITES}`,
        params: EnrolmentParams,
        body: PortfolioSubmitSchema,
        response: { 201: PortfolioSubmittedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.submitPortfolio(
            db,
            requireActor(request),
            request.params.enrolmentId,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.get(
    "/api/portfolios/:portfolioId/files/:fileId",
    {
      schema: {
        tags,
        summary:
          "An evidence file, as a download: for the learner, an assessor of any version of the portfolio, internal verifiers and platform administrators",
        description:
          "404 for anyone else and for files that are not evidence in this portfolio or one of its submitted versions. Viewing someone else's file is audited.",
        params: FileParams,
        response: {
          200: z.unknown().describe("the file's bytes"),
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const file = await service.readEvidenceFile(
        db,
        requireActor(request),
        request.params.portfolioId,
        request.params.fileId,
        requestContext(request),
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
};
