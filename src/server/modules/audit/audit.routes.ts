import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AuditEventPageSchema, AuditQuerySchema, MyAuditQuerySchema } from "../../../shared/audit.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createAuditService } from "./audit.service.js";

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

/** The audit log: platform administrators search it; learner administrators read their own entries. */
export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const audit = createAuditService({ db: deps.database.db });

  app.get(
    "/api/admin/audit-events",
    {
      schema: {
        tags: ["admin"],
        summary: "Search the audit log, newest first (platform administrators; the search is itself audited)",
        description:
          "actor matches an email or a name; from and to are UK calendar dates (inclusive); pageSize at most 100.",
        querystring: AuditQuerySchema,
        response: { 200: AuditEventPageSchema, ...errors },
      },
    },
    async (request) => audit.search(requireActor(request), request.query, requestContext(request)),
  );

  app.get(
    "/api/audit-events/mine",
    {
      schema: {
        tags: ["audit"],
        summary: "My own audit entries, newest first (people with learner administrator access)",
        querystring: MyAuditQuerySchema,
        response: { 200: AuditEventPageSchema, ...errors },
      },
    },
    async (request) => audit.mine(requireActor(request), request.query),
  );
};
