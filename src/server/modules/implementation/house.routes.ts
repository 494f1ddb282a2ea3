import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  HouseEditorSchema,
  HouseModuleCreateSchema,
  HouseModuleMoveSchema,
  HouseModuleParamsSchema,
  HouseModuleSchema,
  HouseModuleUpdateSchema,
  ModuleStatusResultSchema,
  ModuleStatusUpdateSchema,
  PROGRESS_IMPORT_MAX_BYTES,
  ProgrammeHouseQuerySchema,
  ProgrammeHouseSchema,
  ProgrammeParamsSchema,
  ProgressImportResultSchema,
  ProgressImportSchema,
  RegistrationParamsSchema,
  TeamHouseSchema,
  TeamModuleParamsSchema,
  TeamParamsSchema,
} from "../../../shared/implementation-house.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createHouseService } from "./house.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ["implementation"];
/** A 2 MB CSV grows when escaped into JSON (quotes, newlines); the service checks the CSV's own size. */
const IMPORT_BODY_LIMIT = PROGRESS_IMPORT_MAX_BYTES * 2;

/** Routes for programme houses, team module status and the organisation grid (issue 9). */
export const houseRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const house = createHouseService({ db: deps.database.db });

  app.get(
    "/api/programmes/:id/house",
    {
      schema: {
        tags,
        summary: "A programme's house: its modules in order; with organisationId, each team's status on them",
        description:
          "Signed in. With ?organisationId=, the teams of that organisation's registration the actor may read (team leaders their own; programme leads, executives, finance leads and administrators all), each module's status, dates, notes, plan and behind flag, and counts per module and status. 404 when the organisation has no registration on the programme or the actor may not read it.",
        params: ProgrammeParamsSchema,
        querystring: ProgrammeHouseQuerySchema,
        response: { 200: ProgrammeHouseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await house.programmeHouse(
        requireActor(request),
        request.params.id,
        request.query.organisationId,
      );
      return reply.header("cache-control", "no-store").send(result);
    },
  );

  app.get(
    "/api/implementation/teams/:teamId/house",
    {
      schema: {
        tags,
        summary:
          "One team's house: modules with status, dates, notes and plan; out-of-order warnings; behind",
        params: TeamParamsSchema,
        response: { 200: TeamHouseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await house.teamHouse(requireActor(request), request.params.teamId);
      return reply.header("cache-control", "no-store").send(result);
    },
  );

  app.put(
    "/api/implementation/teams/:teamId/modules/:moduleId",
    {
      schema: {
        tags,
        summary: "Record a team's status on a module (its team leader or a programme lead; audited)",
        description:
          "Dates that do not belong to the status are cleared. 422 with one detail per date field: a date the status needs is missing, in the future (UK date), before the team started on the programme, or out of order. 409 when revision is stale. Starting a module before earlier ones in the recommended order is saved, with a warning.",
        params: TeamModuleParamsSchema,
        body: ModuleStatusUpdateSchema,
        response: { 200: ModuleStatusResultSchema, ...errors },
      },
    },
    async (request) =>
      house.setModuleStatus(
        requireActor(request),
        requestContext(request),
        request.params.teamId,
        request.params.moduleId,
        request.body,
      ),
  );

  app.post(
    "/api/implementation/registrations/:id/progress-import",
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags,
        summary:
          "Preview or apply a CSV of module statuses (programme leads; team leaders for their own team)",
        description:
          "Columns team, module, status, started, completed, sustaining from, notes: headings in any order and case; dates as 2026-03-02 or 02/03/2026; status by label or code; module by title. Up to 2 MB and 5,000 rows. Apply with any row error is 422 listing every line, and nothing is written.",
        params: RegistrationParamsSchema,
        body: ProgressImportSchema,
        response: { 200: ProgressImportResultSchema, ...errors },
      },
    },
    async (request) =>
      house.importProgress(requireActor(request), requestContext(request), request.params.id, request.body),
  );

  app.get(
    "/api/manage/programmes/:id/house",
    {
      schema: {
        tags,
        summary: "A programme's house for content editors, with the teams that have a status on each module",
        params: ProgrammeParamsSchema,
        response: { 200: HouseEditorSchema, ...errors },
      },
    },
    async (request, reply) => {
      const result = await house.editorHouse(requireActor(request), request.params.id);
      return reply.header("cache-control", "no-store").send(result);
    },
  );

  app.post(
    "/api/manage/programmes/:id/house/modules",
    {
      schema: {
        tags,
        summary: "Add a module at the end of a programme's house (content editors; audited)",
        params: ProgrammeParamsSchema,
        body: HouseModuleCreateSchema,
        response: { 201: HouseModuleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await house.createModule(
            requireActor(request),
            requestContext(request),
            request.params.id,
            request.body,
          ),
        ),
  );

  app.patch(
    "/api/manage/house-modules/:moduleId",
    {
      schema: {
        tags,
        summary: "Change a house module's title, summary, kind or typical weeks (content editors; audited)",
        params: HouseModuleParamsSchema,
        body: HouseModuleUpdateSchema,
        response: { 200: HouseModuleSchema, ...errors },
      },
    },
    async (request) =>
      house.updateModule(
        requireActor(request),
        requestContext(request),
        request.params.moduleId,
        request.body,
      ),
  );

  app.post(
    "/api/manage/house-modules/:moduleId/move",
    {
      schema: {
        tags,
        summary:
          "Move a house module up or down one place (content editors; audited); the house in its new order",
        params: HouseModuleParamsSchema,
        body: HouseModuleMoveSchema,
        response: { 200: z.array(HouseModuleSchema), ...errors },
      },
    },
    async (request) =>
      house.moveModule(requireActor(request), requestContext(request), request.params.moduleId, request.body),
  );

  app.delete(
    "/api/manage/house-modules/:moduleId",
    {
      schema: {
        tags,
        summary: "Delete a house module (content editors; audited); 409 while any team has a status on it",
        params: HouseModuleParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await house.deleteModule(requireActor(request), requestContext(request), request.params.moduleId);
      return reply.status(204).send(null);
    },
  );
};
