import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  DriverDiagramSchema,
  DriverNodeCreateSchema,
  DriverNodeMoveSchema,
  DriverNodeParamsSchema,
  DriverNodeRenameSchema,
  InvitationAcceptedSchema,
  InvitationAcceptSchema,
  InvitationCreateSchema,
  InvitationLookupSchema,
  InvitationParamsSchema,
  InvitationSentSchema,
  InvitationViewSchema,
  MemberParamsSchema,
  MemberUpdateSchema,
  MyProjectsSchema,
  PdsaCycleSchema,
  PdsaInputSchema,
  PdsaListSchema,
  PdsaParamsSchema,
  PendingInvitationListSchema,
  ProgressCreateSchema,
  ProgressEntrySchema,
  ProjectCreateSchema,
  ProjectDetailSchema,
  ProjectInvitationParamsSchema,
  ProjectOptionsSchema,
  ProjectParamsSchema,
  ProjectUpdateSchema,
  WriteUpSchema,
  WriteUpUpdateSchema,
} from "../../../shared/project-contracts.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createDriverDiagramService } from "./driver-diagram.service.js";
import { createInvitationsService } from "./invitations.service.js";
import { createPdsaService } from "./pdsa.service.js";
import { createProjectsService } from "./projects.service.js";
import { createWriteUpService } from "./write-up.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const Created = z.object({ id: z.string() });
const Revision = z.object({ revision: z.number().int() });
const tags = ["projects"];

/** Projects, their teams and invitations, driver diagrams, progress scores, PDSA cycles and write-ups. */
export const projectsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.database.db;
  const projects = createProjectsService({ db });
  const invitations = createInvitationsService({ db, config: deps.config, mailer: deps.mailer });
  const diagrams = createDriverDiagramService({ db });
  const pdsa = createPdsaService({ db });
  const writeUps = createWriteUpService({ db });

  // Projects

  app.get(
    "/api/projects",
    {
      schema: {
        tags,
        summary: "My projects (with my role and counts) and the invitations waiting for my email address",
        response: { 200: MyProjectsSchema, ...errors },
      },
    },
    async (request) => projects.listMine(requireActor(request)),
  );

  app.get(
    "/api/projects/options",
    {
      schema: {
        tags,
        summary: "What a new project may link to: courses I am enrolled on, runs I am in, my organisation",
        response: { 200: ProjectOptionsSchema, ...errors },
      },
    },
    async (request) => projects.options(requireActor(request)),
  );

  app.post(
    "/api/projects",
    {
      schema: {
        tags,
        summary: "Start a project; I become its lead",
        description:
          "The aim's date must be today or later. organisationId left out means my own organisation; null means none. A linked course must be one I am enrolled on and a run one I am a member of (422 otherwise).",
        body: ProjectCreateSchema,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await projects.create(requireActor(request), request.body)),
  );

  app.get(
    "/api/projects/:projectId",
    {
      schema: {
        tags,
        summary: "A project's overview: aim, team, progress history, measures, recognition and my access",
        description:
          "404 for a project I may not read. A read by someone not on the team is audited (project.viewed); team members' email addresses are shown only to the team.",
        params: ProjectParamsSchema,
        response: { 200: ProjectDetailSchema, ...errors },
      },
    },
    async (request) => projects.get(requireActor(request), requestContext(request), request.params.projectId),
  );

  app.put(
    "/api/projects/:projectId",
    {
      schema: {
        tags,
        summary: "Edit a project's own fields (the team; visibility: leads)",
        description:
          "Send the revision the form was loaded at: 409 when someone else changed the project since. Returns the new revision.",
        params: ProjectParamsSchema,
        body: ProjectUpdateSchema,
        response: { 200: Revision, ...errors },
      },
    },
    async (request) => projects.update(requireActor(request), request.params.projectId, request.body),
  );

  app.delete(
    "/api/projects/:projectId",
    {
      schema: {
        tags,
        summary: "Delete a project and everything in it (leads; 409 once submitted for recognition)",
        params: ProjectParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await projects.remove(requireActor(request), requestContext(request), request.params.projectId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/projects/:projectId/progress",
    {
      schema: {
        tags,
        summary:
          "Record a progress score and status with a note (the team); becomes the project's current one",
        params: ProjectParamsSchema,
        body: ProgressCreateSchema,
        response: { 201: ProgressEntrySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await projects.recordProgress(requireActor(request), request.params.projectId, request.body)),
  );

  // Team and invitations

  app.post(
    "/api/projects/:projectId/invitations",
    {
      schema: {
        tags,
        summary: "Invite someone to the team by email (leads; 30 an hour)",
        description:
          "The answer is the same whether or not the address has an account. A newer invitation to the same address replaces the open one. 409 when someone with that address is already on the team.",
        params: ProjectParamsSchema,
        body: InvitationCreateSchema,
        response: { 202: InvitationSentSchema, 429: ErrorBodySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await invitations.invite(requireActor(request), request.params.projectId, request.body)),
  );

  app.get(
    "/api/projects/:projectId/invitations",
    {
      schema: {
        tags,
        summary: "A project's open invitations (the team)",
        params: ProjectParamsSchema,
        response: { 200: PendingInvitationListSchema, ...errors },
      },
    },
    async (request) => invitations.listForProject(requireActor(request), request.params.projectId),
  );

  app.delete(
    "/api/projects/:projectId/invitations/:invitationId",
    {
      schema: {
        tags,
        summary: "Withdraw an open invitation (leads)",
        params: ProjectInvitationParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await invitations.revoke(requireActor(request), request.params.projectId, request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/project-invitations/lookup",
    {
      schema: {
        tags,
        summary: "Find an invitation by the token from its email (the person it was sent to)",
        description: "403 when I am signed in with another email address; 404 for an unknown token.",
        body: InvitationLookupSchema,
        response: { 200: InvitationViewSchema, ...errors },
      },
    },
    async (request) => invitations.lookup(requireActor(request), request.body.token),
  );

  app.post(
    "/api/project-invitations/:invitationId/accept",
    {
      schema: {
        tags,
        summary: "Accept an invitation sent to my email address, saying whether my name may be published",
        description:
          "403 for an invitation to another address; 409 when expired, withdrawn or already accepted.",
        params: InvitationParamsSchema,
        body: InvitationAcceptSchema,
        response: { 200: InvitationAcceptedSchema, ...errors },
      },
    },
    async (request) =>
      invitations.accept(requireActor(request), request.params.invitationId, request.body.nameInLibrary),
  );

  app.post(
    "/api/project-invitations/:invitationId/decline",
    {
      schema: {
        tags,
        summary: "Decline an invitation sent to my email address",
        params: InvitationParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await invitations.decline(requireActor(request), request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    "/api/projects/:projectId/members/:userId",
    {
      schema: {
        tags,
        summary: "Change a member: role and responsibility (leads), or my own consent to be named",
        description: "409 when the last lead would step down.",
        params: MemberParamsSchema,
        body: MemberUpdateSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await invitations.updateMember(
        requireActor(request),
        request.params.projectId,
        request.params.userId,
        request.body,
      );
      return reply.status(204).send(null);
    },
  );

  app.delete(
    "/api/projects/:projectId/members/:userId",
    {
      schema: {
        tags,
        summary: "Remove a member (leads) or leave the team (myself); 409 for the last lead",
        params: MemberParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await invitations.removeMember(requireActor(request), request.params.projectId, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  // Driver diagram

  app.get(
    "/api/projects/:projectId/driver-diagram",
    {
      schema: {
        tags,
        summary: "A project's driver diagram: the aim, then primary and secondary drivers and change ideas",
        params: ProjectParamsSchema,
        response: { 200: DriverDiagramSchema, ...errors },
      },
    },
    async (request) => diagrams.get(requireActor(request), request.params.projectId),
  );

  app.post(
    "/api/projects/:projectId/driver-nodes",
    {
      schema: {
        tags,
        summary: "Add a primary driver (parentId null) or a node one level below its parent (the team)",
        description:
          "The kind must follow the parent's level (422 otherwise); at most 50 under one parent (409). Returns the whole diagram.",
        params: ProjectParamsSchema,
        body: DriverNodeCreateSchema,
        response: { 201: DriverDiagramSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await diagrams.add(requireActor(request), request.params.projectId, request.body)),
  );

  app.patch(
    "/api/projects/:projectId/driver-nodes/:nodeId",
    {
      schema: {
        tags,
        summary: "Rename a driver or change idea (the team)",
        params: DriverNodeParamsSchema,
        body: DriverNodeRenameSchema,
        response: { 200: DriverDiagramSchema, ...errors },
      },
    },
    async (request) =>
      diagrams.rename(
        requireActor(request),
        request.params.projectId,
        request.params.nodeId,
        request.body.text,
      ),
  );

  app.post(
    "/api/projects/:projectId/driver-nodes/:nodeId/move",
    {
      schema: {
        tags,
        summary: "Move a node one place up or down among its siblings (the team)",
        params: DriverNodeParamsSchema,
        body: DriverNodeMoveSchema,
        response: { 200: DriverDiagramSchema, ...errors },
      },
    },
    async (request) =>
      diagrams.move(
        requireActor(request),
        request.params.projectId,
        request.params.nodeId,
        request.body.direction,
      ),
  );

  app.delete(
    "/api/projects/:projectId/driver-nodes/:nodeId",
    {
      schema: {
        tags,
        summary: "Delete a node and everything below it (the team)",
        params: DriverNodeParamsSchema,
        response: { 200: DriverDiagramSchema, ...errors },
      },
    },
    async (request) =>
      diagrams.remove(requireActor(request), request.params.projectId, request.params.nodeId),
  );

  // PDSA cycles

  app.get(
    "/api/projects/:projectId/pdsa-cycles",
    {
      schema: {
        tags,
        summary: "A project's PDSA cycles, newest start first, and the change ideas they may test",
        params: ProjectParamsSchema,
        response: { 200: PdsaListSchema, ...errors },
      },
    },
    async (request) => pdsa.list(requireActor(request), request.params.projectId),
  );

  app.post(
    "/api/projects/:projectId/pdsa-cycles",
    {
      schema: {
        tags,
        summary: "Add a PDSA cycle (the team); the end date must not be before the start",
        params: ProjectParamsSchema,
        body: PdsaInputSchema,
        response: { 201: PdsaCycleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await pdsa.create(requireActor(request), request.params.projectId, request.body)),
  );

  app.get(
    "/api/projects/:projectId/pdsa-cycles/:cycleId",
    {
      schema: {
        tags,
        summary: "One PDSA cycle",
        params: PdsaParamsSchema,
        response: { 200: PdsaCycleSchema, ...errors },
      },
    },
    async (request) => pdsa.get(requireActor(request), request.params.projectId, request.params.cycleId),
  );

  app.put(
    "/api/projects/:projectId/pdsa-cycles/:cycleId",
    {
      schema: {
        tags,
        summary: "Replace a PDSA cycle's fields (the team)",
        params: PdsaParamsSchema,
        body: PdsaInputSchema,
        response: { 200: PdsaCycleSchema, ...errors },
      },
    },
    async (request) =>
      pdsa.update(requireActor(request), request.params.projectId, request.params.cycleId, request.body),
  );

  app.delete(
    "/api/projects/:projectId/pdsa-cycles/:cycleId",
    {
      schema: {
        tags,
        summary: "Delete a PDSA cycle (the team)",
        params: PdsaParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await pdsa.remove(requireActor(request), request.params.projectId, request.params.cycleId);
      return reply.status(204).send(null);
    },
  );

  // Write-up

  app.get(
    "/api/projects/:projectId/write-up",
    {
      schema: {
        tags,
        summary: "The case-study write-up: sections, charts under Results, revision (0 before first save)",
        params: ProjectParamsSchema,
        response: { 200: WriteUpSchema, ...errors },
      },
    },
    async (request) => writeUps.get(requireActor(request), request.params.projectId),
  );

  app.put(
    "/api/projects/:projectId/write-up",
    {
      schema: {
        tags,
        summary: "Save the write-up (the team)",
        description:
          "Every section up to 10,000 characters (422 naming the section); chartMeasureIds must be this project's measures, each once, in the order they appear; send the revision loaded (409 when stale).",
        params: ProjectParamsSchema,
        body: WriteUpUpdateSchema,
        response: { 200: WriteUpSchema, 413: ErrorBodySchema, ...errors },
      },
    },
    async (request) => writeUps.save(requireActor(request), request.params.projectId, request.body),
  );
};
