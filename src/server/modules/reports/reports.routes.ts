import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  CompletionsQuerySchema,
  CompletionsSchema,
  EsrQuerySchema,
  ExpiringPageSchema,
  ExpiringQuerySchema,
  FunnelQuerySchema,
  FunnelSchema,
  ProgressPageSchema,
  ProgressQuerySchema,
  ReportFilterOptionsSchema,
  ReportOrganisationsSchema,
  TeamsQuerySchema,
  TeamsReportSchema,
} from "../../../shared/reports.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import type { ExportFile } from "./export-files.js";
import { createReportsService, type ReportResult } from "./reports.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  429: ErrorBodySchema,
};

/** Sends a streamed export as a download named after the organisation and date. */
function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "no-store")
    .send(file.body);
}

/** A report's JSON body, or its streamed download. */
function sendResult<T>(reply: FastifyReply, result: ReportResult<T>) {
  return result.kind === "file" ? sendFile(reply, result.file) : result.body;
}

/** Reports and exports for learner administrators, scoped to their organisations. */
export const reportsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const reports = createReportsService({ db: deps.database.db });

  app.get(
    "/api/reports/organisations",
    {
      schema: {
        tags: ["reports"],
        summary: "The organisations I can run reports for",
        response: { 200: ReportOrganisationsSchema, ...errors },
      },
    },
    async (request) => reports.organisations(requireActor(request)),
  );

  app.get(
    "/api/reports/organisations/:organisationId",
    {
      schema: {
        tags: ["reports"],
        summary: "An organisation I can report on, with its teams, courses and programmes for the filters",
        params: z.object({ organisationId: z.uuid("The organisation id is not valid") }),
        response: { 200: ReportFilterOptionsSchema, ...errors },
      },
    },
    async (request) => reports.filterOptions(requireActor(request), request.params.organisationId),
  );

  app.get(
    "/api/reports/learner-progress",
    {
      schema: {
        tags: ["reports"],
        summary:
          "Learner progress for an organisation and those below it: a page (json) or every row (csv, xlsx)",
        description:
          "json is paginated (pageSize at most 100) with a total; csv and xlsx stream every matching row in name order and are rate-limited per person (429 with Retry-After). Dates are UK calendar days, inclusive. The certificate column holds the code of the enrolment's valid certificate, when it has one.",
        querystring: ProgressQuerySchema,
        response: { 200: ProgressPageSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await reports.learnerProgress(
        requireActor(request),
        request.query,
        requestContext(request),
      );
      if (result.kind === "file") return sendFile(reply, result.file);
      return result.page;
    },
  );

  app.get(
    "/api/reports/funnel",
    {
      schema: {
        tags: ["reports"],
        summary: "Enrolled → started (% of enrolled) → completed all modules (% of started), per course",
        description:
          "Without organisationId: every organisation you administer (platform administrators: every learner)." +
          " format=csv or xlsx downloads the report (rate-limited per person with the other exports: 429 with Retry-After).",
        querystring: FunnelQuerySchema,
        response: { 200: FunnelSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await reports.funnel(requireActor(request), request.query, requestContext(request))),
  );

  app.get(
    "/api/reports/completions",
    {
      schema: {
        tags: ["reports"],
        summary: "Completions per month or week between two UK dates (the last 12 months unless given)",
        description:
          "format=csv or xlsx downloads the report (rate-limited per person with the other exports: 429 with Retry-After).",
        querystring: CompletionsQuerySchema,
        response: { 200: CompletionsSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await reports.completions(requireActor(request), request.query, requestContext(request)),
      ),
  );

  app.get(
    "/api/reports/expiring",
    {
      schema: {
        tags: ["reports"],
        summary: "Learners whose access ends within the next withinDays days and who have not completed",
        description:
          "Paginated as JSON; csv and xlsx stream every row, soonest first. Rate-limited like the other exports.",
        querystring: ExpiringQuerySchema,
        response: { 200: ExpiringPageSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await reports.expiring(requireActor(request), request.query, requestContext(request)),
      ),
  );

  app.get(
    "/api/reports/teams",
    {
      schema: {
        tags: ["reports"],
        summary: "Manager view: learners, enrolled, started, completed and expiring per team",
        description:
          "format=csv or xlsx downloads the report (rate-limited per person with the other exports: 429 with Retry-After).",
        querystring: TeamsQuerySchema,
        response: { 200: TeamsReportSchema, ...errors },
      },
    },
    async (request, reply) =>
      sendResult(
        reply,
        await reports.teams(
          requireActor(request),
          request.query.organisationId,
          request.query.format,
          requestContext(request),
        ),
      ),
  );

  app.get(
    "/api/reports/esr-completions",
    {
      schema: {
        tags: ["reports"],
        summary: "ESR-ready completions (CSV, docs/esr-export.md) between two UK dates",
        description:
          "The last 12 months unless from/to are given. Rate-limited per person with the other exports (429 with Retry-After).",
        querystring: EsrQuerySchema,
        response: { ...errors },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await reports.esrCompletions(requireActor(request), request.query, requestContext(request)),
      ),
  );
};
