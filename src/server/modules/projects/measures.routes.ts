import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  AnnotationCreateSchema,
  ImportApplySchema,
  ImportPreviewResultSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  MeasureAnnotationParamsSchema,
  MeasureAnnotationSchema,
  MeasureCreateSchema,
  MeasureDetailSchema,
  MeasureListSchema,
  MeasureParamsSchema,
  MeasurePointParamsSchema,
  MeasurePointSchema,
  MeasureSchema,
  MeasureUpdateSchema,
  PointCreateSchema,
  PointUpdateSchema,
  ProjectMeasuresParamsSchema,
} from "../../../shared/measures.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import {
  IMPORT_BODY_LIMIT,
  IMPORT_MULTIPART_OPTIONS,
  MEASURE_ERROR_RESPONSES,
  readImport,
} from "./measure-requests.js";
import { createMeasuresService } from "./measures.service.js";

const errors = MEASURE_ERROR_RESPONSES;
const tags = ["measures"];
const IMPORT_INPUT =
  'Either JSON { "text": pasted rows, "mode", "onExisting" } or multipart/form-data with the fields "mode" and "onExisting" before a CSV file (up to 2 MB) in "file". Rows are a date (05/01/2026 or 2026-01-05), a value and an optional note, separated by tabs, commas or semicolons, with or without a heading row; files in UTF-8 (with or without a BOM) or Excel\'s Windows-1252. Rows are put in date order.';

/** A project's measures, their data points and imports, annotations and charts. */
export const measuresRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const measures = createMeasuresService({ db: deps.database.db });
  await app.register(multipart, IMPORT_MULTIPART_OPTIONS);

  app.get(
    "/api/projects/:projectId/measures",
    {
      schema: {
        tags,
        summary:
          "A project's measures, each with its latest value and chart summary (variation and assurance)",
        params: ProjectMeasuresParamsSchema,
        response: { 200: MeasureListSchema, ...errors },
      },
    },
    async (request) => measures.list(requireActor(request), request.params.projectId),
  );

  app.post(
    "/api/projects/:projectId/measures",
    {
      schema: {
        tags,
        summary: "Add an outcome, process or balancing measure (the project team)",
        description: "Rules default to shift and trend lengths of 6 (each 5–10).",
        params: ProjectMeasuresParamsSchema,
        body: MeasureCreateSchema,
        response: { 201: MeasureSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await measures.create(requireActor(request), request.params.projectId, request.body)),
  );

  app.get(
    "/api/measures/:measureId",
    {
      schema: {
        tags,
        summary:
          "A measure: details, chart settings, values, notes, what is marked on the chart, and its analysis",
        description:
          "chartAnnotations holds the team's notes (kind note), the project's PDSA cycles by title at their start dates (kind pdsa) and the rebases (kind rebase). analysis is null with no values.",
        params: MeasureParamsSchema,
        response: { 200: MeasureDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await measures.get(requireActor(request), request.params.measureId);
      return reply.header("cache-control", "no-store").send(detail);
    },
  );

  app.patch(
    "/api/measures/:measureId",
    {
      schema: {
        tags,
        summary: "Change a measure's details or chart settings (rules, fixed baseline, rebase dates, target)",
        params: MeasureParamsSchema,
        body: MeasureUpdateSchema,
        response: { 200: MeasureSchema, ...errors },
      },
    },
    async (request) => measures.update(requireActor(request), request.params.measureId, request.body),
  );

  app.delete(
    "/api/measures/:measureId",
    {
      schema: {
        tags,
        summary: "Delete a measure with its values and notes (the project team; audited)",
        params: MeasureParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await measures.remove(requireActor(request), requestContext(request), request.params.measureId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/measures/:measureId/points",
    {
      schema: {
        tags,
        summary: "Add one value (409 when its date already has one)",
        description: "422 for a percentage outside 0–100 when the unit is %.",
        params: MeasureParamsSchema,
        body: PointCreateSchema,
        response: { 201: MeasurePointSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await measures.addPoint(requireActor(request), request.params.measureId, request.body)),
  );

  app.patch(
    "/api/measures/:measureId/points/:pointId",
    {
      schema: {
        tags,
        summary: "Change one value, its date or note",
        params: MeasurePointParamsSchema,
        body: PointUpdateSchema,
        response: { 200: MeasurePointSchema, ...errors },
      },
    },
    async (request) =>
      measures.updatePoint(
        requireActor(request),
        request.params.measureId,
        request.params.pointId,
        request.body,
      ),
  );

  app.delete(
    "/api/measures/:measureId/points/:pointId",
    {
      schema: {
        tags,
        summary: "Delete one value",
        params: MeasurePointParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await measures.deletePoint(requireActor(request), request.params.measureId, request.params.pointId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/measures/:measureId/import/preview",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Preview pasted or uploaded data: each row new, replacing a value (old and new) or in error",
        description: `${IMPORT_INPUT} Writes nothing.`,
        consumes: ["application/json", "multipart/form-data"],
        params: MeasureParamsSchema,
        response: { 200: ImportPreviewResultSchema, ...errors, 413: ErrorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { source, options } = await readImport(request, ImportPreviewSchema);
      return measures.previewImport(actor, request.params.measureId, source, options);
    },
  );

  app.post(
    "/api/measures/:measureId/import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Import pasted or uploaded data, all or nothing (audited with the row count)",
        description: `${IMPORT_INPUT} mode "add" keeps existing values (onExisting "overwrite" replaces a date's value, "refuse" makes it a row error); "replace_all" removes them first. 422 import_invalid lists every row error and writes nothing; 422 too_many_points over 10,000 values.`,
        consumes: ["application/json", "multipart/form-data"],
        params: MeasureParamsSchema,
        response: { 200: ImportResultSchema, ...errors, 413: ErrorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { source, options } = await readImport(request, ImportApplySchema);
      return measures.applyImport(actor, requestContext(request), request.params.measureId, source, options);
    },
  );

  app.post(
    "/api/measures/:measureId/annotations",
    {
      schema: {
        tags,
        summary: "Add a note to the measure's chart at a date",
        params: MeasureParamsSchema,
        body: AnnotationCreateSchema,
        response: { 201: MeasureAnnotationSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await measures.addAnnotation(requireActor(request), request.params.measureId, request.body)),
  );

  app.delete(
    "/api/measures/:measureId/annotations/:annotationId",
    {
      schema: {
        tags,
        summary: "Remove a note from the chart",
        params: MeasureAnnotationParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await measures.deleteAnnotation(
        requireActor(request),
        request.params.measureId,
        request.params.annotationId,
      );
      return reply.status(204).send(null);
    },
  );
};
