import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  CreatedSchema,
  MyRegistrationsSchema,
  PersonAddSchema,
  RegistrableProgrammesSchema,
  RegistrationCreateSchema,
  RegistrationDetailSchema,
  RegistrationParamsSchema,
  RegistrationPersonParamsSchema,
  RegistrationPersonSchema,
  TeamCreateSchema,
  TeamDetailSchema,
  TeamParamsSchema,
  TeamUpdateSchema,
} from "../../../shared/implementation-registrations.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createRegistrationsService } from "./registrations.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const tags = ["implementation"];
const WHO =
  "Programme leads manage; executive sponsors, finance leads and administrators read everything; team leaders read their own teams; anyone else gets 404.";

/** Routes for organisation registrations and their teams and people (issue 9). */
export const registrationsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createRegistrationsService({ db: deps.database.db });

  app.get(
    "/api/implementation/programmes",
    {
      schema: {
        tags,
        summary:
          "Programmes with a house that an organisation may register on, and the organisations I may register",
        description:
          "Each programme has its module count and whether my organisation is registered on it (with the registration's id when I may read it). Organisations: my own, then those above it.",
        response: { 200: RegistrableProgrammesSchema, ...errors },
      },
    },
    async (request) => service.listProgrammes(requireActor(request)),
  );

  app.get(
    "/api/implementation/registrations",
    {
      schema: {
        tags,
        summary: "My programme registrations: where I hold a role or lead a team",
        response: { 200: MyRegistrationsSchema, ...errors },
      },
    },
    async (request) => service.listMine(requireActor(request)),
  );

  app.post(
    "/api/implementation/registrations",
    {
      schema: {
        tags,
        summary: "Register my organisation (or one above it) on a programme; I become its programme lead",
        description:
          "403 for an organisation that is not mine or above mine; 422 for a programme with no house; 409 when the organisation is already registered (the message names its programme lead). The executive sponsor and programme lead must have accounts in the organisation or below it (422 on the field otherwise). Creates the four default benefit areas.",
        body: RegistrationCreateSchema,
        response: { 201: CreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.register(requireActor(request), requestContext(request), request.body)),
  );

  app.get(
    "/api/implementation/registrations/:registrationId",
    {
      schema: {
        tags,
        summary: "A registration: programme, organisation, people by role, teams and my access",
        description: `Team leaders see only their own teams. ${WHO} An administrator's read is audited.`,
        params: RegistrationParamsSchema,
        response: { 200: RegistrationDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.get(requireActor(request), requestContext(request), request.params.registrationId),
  );

  app.post(
    "/api/implementation/registrations/:registrationId/people",
    {
      schema: {
        tags,
        summary: "Name someone on the registration as programme lead, executive sponsor or finance lead",
        description: `Programme leads only (403). The person needs an account in the organisation or below it (422). 409 when they already hold the role. ${WHO}`,
        params: RegistrationParamsSchema,
        body: PersonAddSchema,
        response: { 201: RegistrationPersonSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addPerson(
            requireActor(request),
            requestContext(request),
            request.params.registrationId,
            request.body,
          ),
        ),
  );

  app.delete(
    "/api/implementation/registrations/:registrationId/people/:userId/:role",
    {
      schema: {
        tags,
        summary: "Remove someone's role on the registration",
        description: `Programme leads only (403). The last programme lead cannot be removed (409). ${WHO}`,
        params: RegistrationPersonParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.removePerson(requireActor(request), requestContext(request), request.params);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/implementation/registrations/:registrationId/teams",
    {
      schema: {
        tags,
        summary: "Add a team with its leader, setting, size and the date it started on the programme",
        description: `Programme leads only (403). Size 1–1,000; the name unique in the registration ignoring case (422); the leader needs an account in the organisation or below it (422); the start date not in the future nor before 1 January 2000 (422). ${WHO}`,
        params: RegistrationParamsSchema,
        body: TeamCreateSchema,
        response: { 201: CreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.addTeam(
            requireActor(request),
            requestContext(request),
            request.params.registrationId,
            request.body,
          ),
        ),
  );

  app.get(
    "/api/implementation/teams/:teamId",
    {
      schema: {
        tags,
        summary: "A team: its registration, leader, setting, size, start date, revision and my access",
        description: `Another team's leader gets 403. ${WHO}`,
        params: TeamParamsSchema,
        response: { 200: TeamDetailSchema, ...errors },
      },
    },
    async (request) => service.getTeam(requireActor(request), request.params.teamId),
  );

  app.patch(
    "/api/implementation/teams/:teamId",
    {
      schema: {
        tags,
        summary: "Change a team",
        description:
          "The team's leader or a programme lead changes the name, setting and size; only a programme lead changes the leader or the start date (403). Send the revision the form was loaded at: 409 when someone changed the team since. Returns the team.",
        params: TeamParamsSchema,
        body: TeamUpdateSchema,
        response: { 200: TeamDetailSchema, ...errors },
      },
    },
    async (request) =>
      service.updateTeam(requireActor(request), requestContext(request), request.params.teamId, request.body),
  );
};
