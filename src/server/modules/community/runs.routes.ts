import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  FacilitatedRunListSchema,
  FacilitatedRunSchema,
  RunCreateInputSchema,
  RunJoinResultSchema,
  RunListQuerySchema,
  RunListSchema,
  RunOptionsSchema,
  RunOverviewSchema,
  RunParamsSchema,
  RunSchema,
  RunUpdateInputSchema,
} from "../../../shared/runs.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import { createRunsService } from "./runs.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};

const DATES_RULE =
  "Dates are UK wall-clock times (YYYY-MM-DDTHH:MM, Europe/London). They must fall in order: opens ≤ live week starts < live week ends ≤ comments close ≤ catch-up ends (400 with a field error on the later date otherwise).";

/** Course runs: scheduling, facilitators, joining, the run list for a course, the facilitator hub. */
export const runsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const runs = createRunsService({ db: deps.database.db });

  app.get(
    "/api/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "A course's runs by opening date (public; signed-in viewers see their own standing)",
        description: "Runs whose catch-up has ended are left out unless includeEnded=true.",
        querystring: RunListQuerySchema,
        response: { 200: RunListSchema, ...errors },
      },
    },
    async (request) =>
      runs.list(request.actor ?? null, request.query.courseId, request.query.includeEnded === "true"),
  );

  app.get(
    "/api/runs/:runId",
    {
      schema: {
        tags: ["runs"],
        summary: "One course run (public)",
        params: RunParamsSchema,
        response: { 200: RunSchema, ...errors },
      },
    },
    async (request) => runs.get(request.actor ?? null, request.params.runId),
  );

  app.post(
    "/api/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "Facilitators and platform administrators: schedule a run of a mini-course (audited)",
        description: `${DATES_RULE} facilitatorIds must hold the facilitator role; a facilitator scheduling a run is added to it. 422 for a course that is not a mini-course.`,
        body: RunCreateInputSchema,
        response: { 201: FacilitatedRunSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await runs.create(requireActor(request), request.body, requestContext(request))),
  );

  app.put(
    "/api/runs/:runId",
    {
      schema: {
        tags: ["runs"],
        summary: "The run's facilitators and platform administrators: change a run (audited)",
        description: `${DATES_RULE} facilitatorIds replaces the run's facilitators.`,
        params: RunParamsSchema,
        body: RunUpdateInputSchema,
        response: { 200: FacilitatedRunSchema, ...errors },
      },
    },
    async (request) =>
      runs.update(requireActor(request), request.params.runId, request.body, requestContext(request)),
  );

  app.delete(
    "/api/runs/:runId",
    {
      schema: {
        tags: ["runs"],
        summary:
          "The run's facilitators and platform administrators: delete a run nobody has joined (audited)",
        description: "409 when the run has members.",
        params: RunParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await runs.remove(requireActor(request), request.params.runId, requestContext(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    "/api/runs/:runId/members",
    {
      schema: {
        tags: ["runs"],
        summary: "Join a run of a course I am enrolled on (moves me from another run of the course)",
        description:
          "403 when not enrolled (or access deferred or ended); 409 when the run has ended or when suspended in the current run. Joining the run I am in changes nothing (200).",
        params: RunParamsSchema,
        response: { 200: RunJoinResultSchema, ...errors },
      },
    },
    async (request) => runs.join(requireActor(request), request.params.runId, requestContext(request)),
  );

  app.get(
    "/api/facilitate/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "The facilitator hub: runs I facilitate (platform administrators: every run)",
        response: { 200: FacilitatedRunListSchema, ...errors },
      },
    },
    async (request) => runs.facilitated(requireActor(request)),
  );

  app.get(
    "/api/facilitate/run-options",
    {
      schema: {
        tags: ["runs"],
        summary: "The run form's choices: mini-courses, and people who hold the facilitator role",
        response: { 200: RunOptionsSchema, ...errors },
      },
    },
    async (request) => runs.options(requireActor(request)),
  );

  app.get(
    "/api/facilitate/runs/:runId",
    {
      schema: {
        tags: ["runs"],
        summary: "The run overview for its facilitators and administrators, with its members (audited)",
        params: RunParamsSchema,
        response: { 200: RunOverviewSchema, ...errors },
      },
    },
    async (request) => runs.overview(requireActor(request), request.params.runId, requestContext(request)),
  );
};
