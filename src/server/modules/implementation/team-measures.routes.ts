import multipart from "@fastify/multipart";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  BoardUpdateSchema,
  LibraryItemCreateSchema,
  LibraryItemParamsSchema,
  LibraryItemSchema,
  LibraryItemUpdateSchema,
  MeasureLibrarySchema,
  ProgrammeLibraryParamsSchema,
  TeamBoardSchema,
  TeamMeasureCreateSchema,
  TeamMeasureDetailSchema,
  TeamMeasureListSchema,
  TeamMeasureParamsSchema,
  TeamMeasurePointParamsSchema,
  TeamMeasureSchema,
  TeamMeasureUpdateSchema,
  TeamParamsSchema,
} from "../../../shared/implementation-measures.js";
import {
  ImportApplySchema,
  ImportPreviewResultSchema,
  ImportPreviewSchema,
  ImportResultSchema,
  MeasurePointSchema,
  PointCreateSchema,
  PointUpdateSchema,
} from "../../../shared/measures.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import {
  IMPORT_BODY_LIMIT,
  IMPORT_MULTIPART_OPTIONS,
  MEASURE_ERROR_RESPONSES,
  readImport,
} from "../projects/measure-requests.js";
import { createTeamMeasuresService } from "./team-measures.service.js";

const errors = MEASURE_ERROR_RESPONSES;
const tags = ["implementation"];
const IMPORT_INPUT =
  'The same as a project measure\'s import: either JSON { "text": pasted rows, "mode", "onExisting" } or multipart/form-data with the fields "mode" and "onExisting" before a CSV file (up to 2 MB) in "file". Rows are a date, a value and an optional note.';
const WHO_READS =
  "Anyone who can read the team (its leader, the programme lead, executives, finance leads, administrators); 403 for a team leader of another team, 404 for other organisations.";
const WHO_EDITS =
  "The team's leader or the programme lead; 403 for executives, finance leads and leaders of other teams, 404 for other organisations.";

/** Routes for the programme measure library, team measures and the team board (issue 9). */
export const teamMeasuresRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createTeamMeasuresService({ db: deps.database.db });
  await app.register(multipart, IMPORT_MULTIPART_OPTIONS);

  // ---- The programme's measure library -------------------------------------------------------------------------

  app.get(
    "/api/programmes/:id/measure-library",
    {
      schema: {
        tags,
        summary: "A programme's measure library, grouped by house module in house order (signed in)",
        params: ProgrammeLibraryParamsSchema,
        response: { 200: MeasureLibrarySchema, ...errors },
      },
    },
    async (request) => service.library(requireActor(request), request.params.id),
  );

  app.post(
    "/api/manage/programmes/:id/measure-library",
    {
      schema: {
        tags,
        summary: "Add a measure to a programme's library (content editors and administrators; audited)",
        description: "422 when the module is not one of the programme's house.",
        params: ProgrammeLibraryParamsSchema,
        body: LibraryItemCreateSchema,
        response: { 201: LibraryItemSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addLibraryItem(
            requireActor(request),
            requestContext(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.patch(
    "/api/manage/measure-library/:itemId",
    {
      schema: {
        tags,
        summary: "Change a library measure (content editors and administrators; audited)",
        description: "Teams' copies keep the details they were copied with.",
        params: LibraryItemParamsSchema,
        body: LibraryItemUpdateSchema,
        response: { 200: LibraryItemSchema, ...errors },
      },
    },
    async (request) =>
      service.updateLibraryItem(
        requireActor(request),
        requestContext(request),
        request.params.itemId,
        request.body,
      ),
  );

  app.delete(
    "/api/manage/measure-library/:itemId",
    {
      schema: {
        tags,
        summary: "Delete a library measure (content editors and administrators; audited)",
        description: "Teams' copies stay, no longer linked to the library.",
        params: LibraryItemParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteLibraryItem(requireActor(request), requestContext(request), request.params.itemId);
      return reply.status(204).send(null);
    },
  );

  // ---- A team's measures ---------------------------------------------------------------------------------------

  app.get(
    "/api/implementation/teams/:teamId/measures",
    {
      schema: {
        tags,
        summary: "A team's measures, each with its latest value, value count and chart summary",
        description: WHO_READS,
        params: TeamParamsSchema,
        response: { 200: TeamMeasureListSchema, ...errors },
      },
    },
    async (request, reply) => {
      const list = await service.list(requireActor(request), request.params.teamId);
      return reply.header("cache-control", "no-store").send(list);
    },
  );

  app.post(
    "/api/implementation/teams/:teamId/measures",
    {
      schema: {
        tags,
        summary: "Add a measure to a team: from the programme's library, or the team's own",
        description: `Either { libraryItemId, target? } (copies the library measure's details; 409 when the team already has it) or { kind, title, definition, unit, improvementDirection, frequency, target, houseModuleId? } (422 when the module is not in the programme's house). ${WHO_EDITS}`,
        params: TeamParamsSchema,
        body: TeamMeasureCreateSchema,
        response: { 201: TeamMeasureSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.create(requireActor(request), request.params.teamId, request.body)),
  );

  app.get(
    "/api/implementation/team-measures/:measureId",
    {
      schema: {
        tags,
        summary: "A team measure: details, values, analysis and the team's module dates for the chart",
        description: `annotations mark when the team started ("Started <module>") and completed ("Completed <module>") each module. analysis is null with no values. ${WHO_READS}`,
        params: TeamMeasureParamsSchema,
        response: { 200: TeamMeasureDetailSchema, ...errors },
      },
    },
    async (request, reply) => {
      const detail = await service.get(requireActor(request), request.params.measureId);
      return reply.header("cache-control", "no-store").send(detail);
    },
  );

  app.patch(
    "/api/implementation/team-measures/:measureId",
    {
      schema: {
        tags,
        summary: "Change a team measure's details, target, rules or whether it is on the board",
        description: `422 when the board already shows 12 measures. ${WHO_EDITS}`,
        params: TeamMeasureParamsSchema,
        body: TeamMeasureUpdateSchema,
        response: { 200: TeamMeasureSchema, ...errors },
      },
    },
    async (request) => service.update(requireActor(request), request.params.measureId, request.body),
  );

  app.delete(
    "/api/implementation/team-measures/:measureId",
    {
      schema: {
        tags,
        summary: "Delete a team measure with its values (audited)",
        description: WHO_EDITS,
        params: TeamMeasureParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(requireActor(request), requestContext(request), request.params.measureId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/implementation/team-measures/:measureId/points",
    {
      schema: {
        tags,
        summary: "Add one value (409 when its date already has one)",
        description: `422 for a percentage outside 0–100 when the unit is %. ${WHO_EDITS}`,
        params: TeamMeasureParamsSchema,
        body: PointCreateSchema,
        response: { 201: MeasurePointSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.addPoint(requireActor(request), request.params.measureId, request.body)),
  );

  app.patch(
    "/api/implementation/team-measures/:measureId/points/:pointId",
    {
      schema: {
        tags,
        summary: "Change one value, its date or note",
        params: TeamMeasurePointParamsSchema,
        body: PointUpdateSchema,
        response: { 200: MeasurePointSchema, ...errors },
      },
    },
    async (request) =>
      service.updatePoint(
        requireActor(request),
        request.params.measureId,
        request.params.pointId,
        request.body,
      ),
  );

  app.delete(
    "/api/implementation/team-measures/:measureId/points/:pointId",
    {
      schema: {
        tags,
        summary: "Delete one value",
        params: TeamMeasurePointParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deletePoint(requireActor(request), request.params.measureId, request.params.pointId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/implementation/team-measures/:measureId/import/preview",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Preview pasted or uploaded data: each row new, replacing a value or in error",
        description: `${IMPORT_INPUT} Writes nothing.`,
        consumes: ["application/json", "multipart/form-data"],
        params: TeamMeasureParamsSchema,
        response: { 200: ImportPreviewResultSchema, ...errors, 413: ErrorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { source, options } = await readImport(request, ImportPreviewSchema);
      return service.previewImport(actor, request.params.measureId, source, options);
    },
  );

  app.post(
    "/api/implementation/team-measures/:measureId/import/apply",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary: "Import pasted or uploaded data, all or nothing (audited with the row count)",
        description: `${IMPORT_INPUT} 422 import_invalid lists every row error and writes nothing; 422 too_many_points over 10,000 values.`,
        consumes: ["application/json", "multipart/form-data"],
        params: TeamMeasureParamsSchema,
        response: { 200: ImportResultSchema, ...errors, 413: ErrorBodySchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { source, options } = await readImport(request, ImportApplySchema);
      return service.applyImport(actor, requestContext(request), request.params.measureId, source, options);
    },
  );

  // ---- The team's board ----------------------------------------------------------------------------------------

  app.get(
    "/api/implementation/teams/:teamId/board",
    {
      schema: {
        tags,
        summary: "The team's 'Knowing how we are doing' board: its chosen measures in order, each analysed",
        description: `Each card has the latest value and date, target, unit, direction, variation and assurance, and the analysed points for a small chart. ${WHO_READS}`,
        params: TeamParamsSchema,
        response: { 200: TeamBoardSchema, ...errors },
      },
    },
    async (request, reply) => {
      const board = await service.board(requireActor(request), request.params.teamId);
      return reply.header("cache-control", "no-store").send(board);
    },
  );

  app.put(
    "/api/implementation/teams/:teamId/board",
    {
      schema: {
        tags,
        summary: "Choose the board's measures and their order (up to 12, each the team's own)",
        description: `Every other measure of the team is taken off the board. 422 when a measure is not the team's. ${WHO_EDITS}`,
        params: TeamParamsSchema,
        body: BoardUpdateSchema,
        response: { 200: TeamBoardSchema, ...errors },
      },
    },
    async (request) => service.setBoard(requireActor(request), request.params.teamId, request.body),
  );
};
