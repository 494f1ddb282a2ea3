import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CpdActivityInputSchema,
  CpdActivityListSchema,
  CpdActivityParamsSchema,
  CpdActivitySchema,
  CpdPeriodQuerySchema,
  CpdRecordQuerySchema,
  CpdRecordSchema,
  CpdUserParamsSchema,
  TranscriptSchema,
} from "../../../shared/cpd.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import type { ExportFile } from "../reports/export-files.js";
import { createCpdService, type DownloadFormat } from "./cpd.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  429: ErrorBodySchema,
};

/** Sends a file as a download, never cached (it is personal data). */
function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "no-store")
    .send(file.body);
}

const FORMATS: DownloadFormat[] = ["csv", "pdf"];

/** The CPD record and transcript: learners' own activities, their record and transcript, and the downloads. */
export const cpdRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const cpd = createCpdService({ db: deps.database.db });

  app.get(
    "/api/me/cpd-activities",
    {
      schema: {
        tags: ["cpd"],
        summary: "My own CPD activities, newest first",
        response: { 200: CpdActivityListSchema, ...errors },
      },
    },
    async (request) => cpd.listActivities(requireActor(request)),
  );

  app.post(
    "/api/me/cpd-activities",
    {
      schema: {
        tags: ["cpd"],
        summary: "Record a CPD activity of my own",
        description:
          "A title (1–200 characters), the date (YYYY-MM-DD, from 2000, not in the future in the UK), hours and/or points (more than 0, at most 1,000, up to 2 decimal places) and a reflection in Markdown (up to 10,000 characters). 409 when the record already holds 5,000 activities.",
        body: CpdActivityInputSchema,
        response: { 201: CpdActivitySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await cpd.createActivity(requireActor(request), request.body)),
  );

  app.get(
    "/api/me/cpd-activities/:id",
    {
      schema: {
        tags: ["cpd"],
        summary: "One of my CPD activities, with its reflection rendered safely (404 for anyone else's)",
        params: CpdActivityParamsSchema,
        response: { 200: CpdActivitySchema, ...errors },
      },
    },
    async (request) => cpd.getActivity(requireActor(request), request.params.id),
  );

  app.put(
    "/api/me/cpd-activities/:id",
    {
      schema: {
        tags: ["cpd"],
        summary: "Change one of my CPD activities (the same rules as adding one; 404 for anyone else's)",
        params: CpdActivityParamsSchema,
        body: CpdActivityInputSchema,
        response: { 200: CpdActivitySchema, ...errors },
      },
    },
    async (request) => cpd.updateActivity(requireActor(request), request.params.id, request.body),
  );

  app.delete(
    "/api/me/cpd-activities/:id",
    {
      schema: {
        tags: ["cpd"],
        summary: "Delete one of my CPD activities for good (404 for anyone else's)",
        params: CpdActivityParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await cpd.deleteActivity(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    "/api/me/cpd-record",
    {
      schema: {
        tags: ["cpd"],
        summary:
          "My CPD record: totals for this CPD year and all time, and the courses and activities of a CPD year",
        description:
          "A CPD year runs from 1 April to 31 March and is named by the year it starts in: ?year=2025 is 1 April 2025 to 31 March 2026. Without year, the current CPD year; year=all for every year. A course whose certificate was revoked is listed but does not count.",
        querystring: CpdRecordQuerySchema,
        response: { 200: CpdRecordSchema, ...errors },
      },
    },
    async (request) => cpd.record(requireActor(request), request.query),
  );

  app.get(
    "/api/me/transcript",
    {
      schema: {
        tags: ["cpd"],
        summary:
          "My transcript: every course achieved, with its certificate's code and status, and courses in progress",
        response: { 200: TranscriptSchema, ...errors },
      },
    },
    async (request) => cpd.transcript(requireActor(request)),
  );

  for (const format of FORMATS) {
    app.get(
      `/api/me/cpd-record.${format}`,
      {
        schema: {
          tags: ["cpd"],
          summary: `Download my CPD record as ${format.toUpperCase()}, optionally for a period (from/to, UK dates, inclusive)`,
          description:
            "Rate-limited with the other CPD downloads: 30 in any 10 minutes per person (429 with Retry-After).",
          querystring: CpdPeriodQuerySchema,
          response: { ...errors },
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await cpd.recordDownload(
            requireActor(request),
            null,
            request.query,
            format,
            requestContext(request),
          ),
        ),
    );

    app.get(
      `/api/me/transcript.${format}`,
      {
        schema: {
          tags: ["cpd"],
          summary: `Download my transcript as ${format.toUpperCase()}`,
          description: "Rate-limited with the other CPD downloads (429 with Retry-After).",
          response: { ...errors },
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await cpd.transcriptDownload(requireActor(request), null, format, requestContext(request)),
        ),
    );

    app.get(
      `/api/admin/users/:id/cpd-record.${format}`,
      {
        schema: {
          tags: ["cpd"],
          summary: `Platform administrators: download a learner's CPD record as ${format.toUpperCase()} (audited)`,
          description:
            "For supporting a learner who cannot get their own. 403 for everyone but platform administrators; 404 for an unknown user.",
          params: CpdUserParamsSchema,
          querystring: CpdPeriodQuerySchema,
          response: { ...errors },
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await cpd.recordDownload(
            requireActor(request),
            request.params.id,
            request.query,
            format,
            requestContext(request),
          ),
        ),
    );

    app.get(
      `/api/admin/users/:id/transcript.${format}`,
      {
        schema: {
          tags: ["cpd"],
          summary: `Platform administrators: download a learner's transcript as ${format.toUpperCase()} (audited)`,
          description: "403 for everyone but platform administrators; 404 for an unknown user.",
          params: CpdUserParamsSchema,
          response: { ...errors },
        },
      },
      async (request, reply) =>
        sendFile(
          reply,
          await cpd.transcriptDownload(
            requireActor(request),
            request.params.id,
            format,
            requestContext(request),
          ),
        ),
    );
  }
};
