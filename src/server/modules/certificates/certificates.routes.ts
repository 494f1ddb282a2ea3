import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AdminCertificatePageSchema,
  AdminCertificateSchema,
  CertificateReissueSchema,
  CertificateRevokeSchema,
  CertificateSearchQuerySchema,
  ClaimsPageSchema,
  ClaimsQuerySchema,
  MyCertificatesSchema,
  RegistrationSchema,
  RegistrationSetSchema,
  VerifyParamsSchema,
  VerifyResultSchema,
} from "../../../shared/certificates.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { registerAccreditationMail } from "./accreditation.js";
import { createCertificatesService } from "./certificates.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};
/** Sends bytes or a stream as a download (an untyped reply: the response schemas describe the JSON answers only). */
function sendDownload(
  reply: FastifyReply,
  file: { filename: string; contentType: string; body: Buffer | NodeJS.ReadableStream },
  cacheControl: string,
) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", cacheControl)
    .send(file.body);
}

const CertificateParams = z.object({ id: z.uuid("The certificate id is not valid") });
const UserParams = z.object({ userId: z.uuid("The learner id is not valid") });

/** Achievements, certificates, verification and awarding body claims. */
export const certificatesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  registerAccreditationMail({ mailer: deps.mailer, publicUrl: deps.config.publicUrl });
  const service = createCertificatesService({
    db: deps.database.db,
    config: deps.config,
    mailer: deps.mailer,
  });

  app.get(
    "/api/certificates/mine",
    {
      schema: {
        tags: ["certificates"],
        summary:
          "My certificates, newest first, each with its status now (valid, expired, revoked or replaced)",
        response: { 200: MyCertificatesSchema, ...errors },
      },
    },
    async (request) => service.mine(requireActor(request)),
  );

  app.get(
    "/api/certificates/:id/pdf",
    {
      schema: {
        tags: ["certificates"],
        summary: "A certificate as a PDF (A4 landscape), for its holder or a platform administrator",
        description:
          "Sent as an attachment. Platform administrators may download anyone's (audited); anyone else gets 404.",
        params: CertificateParams,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.pdf(requireActor(request), request.params.id, requestContext(request));
      return sendDownload(
        reply,
        { filename: file.filename, contentType: "application/pdf", body: Buffer.from(file.bytes) },
        "private, no-store",
      );
    },
  );

  app.get(
    "/api/certificates/:code/verify",
    {
      schema: {
        tags: ["certificates"],
        summary: "Public: whether a certificate code is genuine and current",
        description:
          'Works signed out. status is "valid", "revoked" (a reissue shows as revoked, "replaced by a reissued certificate"), "expired" or "not_found". Only what the certificate prints is returned. The code is read forgivingly (any case, spaces or hyphens, O for 0). Rate-limited per IP address: 429 with Retry-After.',
        params: VerifyParamsSchema,
        response: { 200: VerifyResultSchema, ...errors },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return service.verify(request.params.code, request.ip);
    },
  );

  app.get(
    "/api/admin/certificates",
    {
      schema: {
        tags: ["certificates"],
        summary:
          "Platform administrators: find certificates by code, or by a learner's name or email (audited)",
        querystring: CertificateSearchQuerySchema,
        response: { 200: AdminCertificatePageSchema, ...errors },
      },
    },
    async (request) => service.search(requireActor(request), request.query, requestContext(request)),
  );

  app.get(
    "/api/admin/certificates/:id",
    {
      schema: {
        tags: ["certificates"],
        summary: "Platform administrators: one certificate with its history (audited)",
        params: CertificateParams,
        response: { 200: AdminCertificateSchema, ...errors },
      },
    },
    async (request) => service.detail(requireActor(request), request.params.id, requestContext(request)),
  );

  app.post(
    "/api/admin/certificates/:id/revoke",
    {
      schema: {
        tags: ["certificates"],
        summary: "Platform administrators: revoke a valid certificate with a reason; the learner is emailed",
        description: "409 when the certificate is already revoked or replaced.",
        params: CertificateParams,
        body: CertificateRevokeSchema,
        response: { 200: AdminCertificateSchema, ...errors },
      },
    },
    async (request) =>
      service.revoke(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.post(
    "/api/admin/certificates/:id/reissue",
    {
      schema: {
        tags: ["certificates"],
        summary:
          "Platform administrators: reissue a valid certificate under a new code with the learner's current certificate name",
        description:
          "The old certificate is superseded (verification shows it revoked, replaced by a reissued certificate) and points at the new one, which is returned. 409 when the certificate is not valid.",
        params: CertificateParams,
        body: CertificateReissueSchema,
        response: { 201: AdminCertificateSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.reissue(
            requireActor(request),
            request.params.id,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.get(
    "/api/admin/awarding-body/claims",
    {
      schema: {
        tags: ["certificates"],
        summary:
          "Platform administrators: achievements at accredited levels in a period (UK days, inclusive), as a page or CSV",
        description:
          "format=csv streams every row (docs/certificates.md lists the columns); both are audited. Cells that a spreadsheet would read as formulas are prefixed with an apostrophe.",
        querystring: ClaimsQuerySchema,
        response: { 200: ClaimsPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await service.claims(requireActor(request), request.query, requestContext(request));
      if (result.kind === "page") return result.page;
      return sendDownload(reply, result.file, "no-store");
    },
  );

  app.get(
    "/api/admin/awarding-body/registrations/:userId",
    {
      schema: {
        tags: ["certificates"],
        summary: "Platform administrators: a learner's awarding-body registration number (audited)",
        params: UserParams,
        response: { 200: RegistrationSchema, ...errors },
      },
    },
    async (request) =>
      service.registration(requireActor(request), request.params.userId, requestContext(request)),
  );

  app.put(
    "/api/admin/awarding-body/registrations/:userId",
    {
      schema: {
        tags: ["certificates"],
        summary: "Platform administrators: record or change a learner's awarding-body registration number",
        description:
          "1 to 40 letters, numbers, spaces, hyphens and slashes. Audited with the old and new numbers.",
        params: UserParams,
        body: RegistrationSetSchema,
        response: { 200: RegistrationSchema, ...errors },
      },
    },
    async (request) =>
      service.setRegistration(
        requireActor(request),
        request.params.userId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/admin/awarding-body/registrations/:userId",
    {
      schema: {
        tags: ["certificates"],
        summary: "Platform administrators: remove a learner's awarding-body registration number (audited)",
        params: UserParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removeRegistration(requireActor(request), request.params.userId, requestContext(request));
      return reply.status(204).send(null);
    },
  );
};
