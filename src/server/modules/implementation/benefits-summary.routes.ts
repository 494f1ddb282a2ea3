import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  type BenefitsSummary,
  BenefitsSummaryQuerySchema,
  BenefitsSummarySchema,
  OrganisationBenefitsSummarySchema,
  OrganisationSummaryQuerySchema,
  type SummaryExportFormat,
} from "../../../shared/implementation-summary.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createBenefitsSummaryService, type SummaryFile } from "./benefits-summary.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
};
const tags = ["implementation"];

const WHO =
  "Registration by registrationId, or by organisationId and programmeId; optionally one team (teamId). Programme leads, executive sponsors, finance leads and administrators see the whole organisation (scope organisation); team leaders see the teams they lead (scope teams). 404 when there is no such registration or the reader is not on it; 403 for a team the reader may not see.";
const RULES =
  "All money in integer pence. Forecast: cashable benefits not rejected. Realised: signed-off benefits only. Not yet signed off: realised (or forecast) of benefits awaiting sign-off or queried. Non-cashable benefits are counted, never in £. By month: forecast at its forecast date's month, realised at its realised date's month, with running totals. national: only for NHS England organisations (NHS trusts and ICBs) on a programme with a published potential.";

/** Sends a file as a download (an untyped reply: the response schemas describe the JSON answers only). */
function sendDownload(reply: FastifyReply, file: SummaryFile) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "private, no-store")
    .send(file.body);
}

/** Routes for benefit roll-ups and board-paper exports (issue 9). */
export const benefitsSummaryRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createBenefitsSummaryService({ database: deps.database });

  app.get(
    "/api/benefits/summary",
    {
      schema: {
        tags,
        summary:
          "An organisation's benefits on a programme: totals by area and order, team, module and month",
        description: `${WHO} ${RULES} Cached per instance at the registration's benefits version.`,
        querystring: BenefitsSummaryQuerySchema,
        response: { 200: BenefitsSummarySchema, ...errors },
      },
    },
    // The service answers with JSON already checked against BenefitsSummarySchema (and cached by version, like
    // decision 0020's discussion pages). Fastify sends a string as it is; the type provider only knows the object
    // type, hence the cast.
    async (request, reply) => {
      const json = await service.summaryJson(requireActor(request), request.query);
      return reply
        .header("cache-control", "private, no-store")
        .type("application/json; charset=utf-8")
        .send(json as unknown as BenefitsSummary);
    },
  );

  const ORGANISATION_WHO =
    "Every programme registration of the organisation the reader sees in full (programme leads, executive sponsors, finance leads; administrators see all), with the grand totals across them; registrations where the reader only leads teams are listed in teamsOnly and left out of the totals. 404 when there is no such organisation or the reader has no standing in it; 403 for team leaders with no registration they see in full (their programme's summary shows their teams).";

  app.get(
    "/api/benefits/organisation-summary",
    {
      schema: {
        tags,
        summary: "An organisation's benefits across the programmes it implements, with the grand totals",
        description: `${ORGANISATION_WHO} Each programme's totals (first-order, second-order and total forecast, realised and not yet signed off), counts and national comparison come from its cached summary. ${RULES}`,
        querystring: OrganisationSummaryQuerySchema,
        response: { 200: OrganisationBenefitsSummarySchema, ...errors },
      },
    },
    async (request, reply) => {
      const summary = await service.organisationSummary(requireActor(request), request.query);
      return reply.header("cache-control", "private, no-store").send(summary);
    },
  );

  app.get(
    "/api/benefits/organisation-summary.csv",
    {
      schema: {
        tags,
        summary:
          "An organisation's benefits across its programmes as CSV, one row per programme and the total",
        description: `Programme, then forecast, realised and not yet signed off (£ with two decimals) for first-order, second-order and both, and the number of benefits; the last row is the total. UTF-8 with a byte-order mark. ${ORGANISATION_WHO} Every download is audited (benefits.summary_exported, format organisation-csv).`,
        querystring: OrganisationSummaryQuerySchema,
        response: { ...errors },
      },
    },
    async (request, reply) => {
      const file = await service.exportOrganisationCsv(
        requireActor(request),
        request.query,
        requestContext(request),
      );
      return sendDownload(reply, file);
    },
  );

  const exports: Array<{ format: SummaryExportFormat; summary: string; description: string }> = [
    {
      format: "csv",
      summary: "The benefits behind the summary as CSV, one row per benefit",
      description:
        "Team, module, area, benefit, cashable, order, category, status, baseline, forecast and realised (£ with two decimals), their dates, who signed it off and when, and the method of calculation. UTF-8 with a byte-order mark.",
    },
    {
      format: "xlsx",
      summary: "The benefits summary as an Excel workbook",
      description:
        "A Summary sheet (headline figures, by area and order, by team, by module, by month, the national comparison) and a Benefits sheet with the CSV's rows.",
    },
    {
      format: "pdf",
      summary: "The benefits summary as an A4 PDF for a board paper",
      description:
        "Title block, headline figures, the national comparison, a vector chart of forecast against realised by month, tables by area and order, team and module, page numbers.",
    },
  ];
  for (const item of exports) {
    app.get(
      `/api/benefits/summary.${item.format}`,
      {
        schema: {
          tags,
          summary: item.summary,
          description: `${item.description} ${WHO} Every download is audited (benefits.summary_exported).`,
          querystring: BenefitsSummaryQuerySchema,
          response: { ...errors },
        },
      },
      async (request, reply) => {
        const file = await service.exportSummary(
          requireActor(request),
          request.query,
          item.format,
          requestContext(request),
        );
        return sendDownload(reply, file);
      },
    );
  }
};
