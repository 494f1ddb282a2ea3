import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  AdminOrganisationPageSchema,
  AdminOrganisationQuerySchema,
  IMPORT_LIMITS,
  OrganisationCreateSchema,
  OrganisationImportQuerySchema,
  OrganisationImportReportSchema,
  OrganisationNodeSchema,
  OrganisationUpdateSchema,
  TeamChoicesSchema,
  TeamUpdateSchema,
} from "../../../shared/organisations.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { AppError, payloadTooLarge } from "../../platform/errors.js";
import { createOrganisationsAdminService } from "./organisations-admin.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const OrganisationParams = z.object({ id: z.uuid("The organisation id is not valid") });
const UserParams = z.object({ id: z.uuid("The user id is not valid") });
const megabytes = IMPORT_LIMITS.bytes / 1024 / 1024;

/** The organisation directory for platform administrators (hierarchy, edits, CSV import) and people's teams. */
export const organisationsAdminRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createOrganisationsAdminService({ db: deps.database.db });

  // The directory import takes the CSV file as the body. Registered inside this plugin, so no other route accepts CSV.
  app.addContentTypeParser(
    ["text/csv", "application/csv"],
    { parseAs: "string", bodyLimit: IMPORT_LIMITS.bytes },
    (_request, body, done) => done(null, String(body)),
  );

  app.get(
    "/api/admin/organisations",
    {
      schema: {
        tags: ["admin"],
        summary: "Top-level organisations, or a search by name or ODS code (platform administrators)",
        querystring: AdminOrganisationQuerySchema,
        response: { 200: AdminOrganisationPageSchema, ...errors },
      },
    },
    async (request) => service.list(requireActor(request), request.query),
  );

  app.post(
    "/api/admin/organisations",
    {
      schema: {
        tags: ["admin"],
        summary: "Add an organisation to the directory",
        description:
          "400 when the parent cannot hold this kind of organisation (e.g. a trust under a team); 409 ods_code_taken.",
        body: OrganisationCreateSchema,
        response: { 201: OrganisationNodeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.create(requireActor(request), request.body, requestContext(request))),
  );

  app.post(
    "/api/admin/organisations/imports",
    {
      bodyLimit: IMPORT_LIMITS.bytes,
      errorHandler: (error, _request, _reply) => {
        if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE")
          throw payloadTooLarge(
            `The file is larger than ${megabytes} MB. Split the directory into smaller files and import them one at a time.`,
          );
        throw error;
      },
      schema: {
        tags: ["admin"],
        summary: `Import the directory from CSV (body: text/csv, UTF-8, at most ${megabytes} MB and ${IMPORT_LIMITS.rows.toLocaleString("en-GB")} rows)`,
        description:
          'Send the file itself as the request body with Content-Type text/csv (not multipart). Headings: "ODS code", "name", "type", "parent code" (any order; a UTF-8 BOM is fine; the type as its code or label). dryRun=true (the default) reports what would change and writes nothing; dryRun=false applies every row in one transaction, only when every row is valid (422 import_invalid otherwise, nothing written). 400 invalid_csv when the file cannot be read or lacks a column; 413 when it is too large. See docs/organisation-import.md.',
        consumes: ["text/csv"],
        querystring: OrganisationImportQuerySchema,
        body: z.string().describe("the CSV file"),
        response: {
          200: OrganisationImportReportSchema,
          413: ErrorBodySchema,
          422: ErrorBodySchema,
          ...errors,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      if (typeof request.body !== "string" || request.body.trim() === "")
        throw new AppError(400, "invalid_csv", "Choose a CSV file to upload: the file was empty.");
      return service.importCsv(actor, request.body, request.query.dryRun, requestContext(request));
    },
  );

  app.get(
    "/api/admin/organisations/:id",
    {
      schema: {
        tags: ["admin"],
        summary:
          "One organisation: its ancestors (breadcrumb), children with member counts, and what uses it",
        params: OrganisationParams,
        response: { 200: OrganisationNodeSchema, ...errors },
      },
    },
    async (request) => service.get(requireActor(request), request.params.id),
  );

  app.patch(
    "/api/admin/organisations/:id",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Change an organisation's name, type, ODS code or parent (moving it and everything below it)",
        description:
          "400 when the new parent is the organisation itself or below it, or cannot hold its type; 409 ods_code_taken.",
        params: OrganisationParams,
        body: OrganisationUpdateSchema,
        response: { 200: OrganisationNodeSchema, ...errors },
      },
    },
    async (request) =>
      service.update(requireActor(request), request.params.id, request.body, requestContext(request)),
  );

  app.delete(
    "/api/admin/organisations/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Delete an organisation with no children, members, licences, applications or roles",
        description: "409 organisation_in_use lists what stops it in details.",
        params: OrganisationParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(requireActor(request), request.params.id, requestContext(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/me/team",
    {
      schema: {
        tags: ["accounts"],
        summary: "My team and the teams and units under my organisation",
        response: { 200: TeamChoicesSchema, ...errors },
      },
    },
    async (request) => service.myTeam(requireActor(request)),
  );

  app.put(
    "/api/me/team",
    {
      schema: {
        tags: ["accounts"],
        summary: "Choose my team (an organisation below mine) or null for no team",
        body: TeamUpdateSchema,
        response: { 200: TeamChoicesSchema, ...errors },
      },
    },
    async (request) => service.setMyTeam(requireActor(request), request.body.teamId),
  );

  app.get(
    "/api/admin/users/:id/team",
    {
      schema: {
        tags: ["admin"],
        summary: "Someone's team and the choices under their organisation (platform administrators; audited)",
        params: UserParams,
        response: { 200: TeamChoicesSchema, ...errors },
      },
    },
    async (request) => service.userTeam(requireActor(request), request.params.id, requestContext(request)),
  );

  app.put(
    "/api/admin/users/:id/team",
    {
      schema: {
        tags: ["admin"],
        summary:
          "Set someone's team (below their organisation) or null for no team (platform administrators; audited)",
        params: UserParams,
        body: TeamUpdateSchema,
        response: { 200: TeamChoicesSchema, ...errors },
      },
    },
    async (request) =>
      service.setUserTeam(
        requireActor(request),
        request.params.id,
        request.body.teamId,
        requestContext(request),
      ),
  );
};
