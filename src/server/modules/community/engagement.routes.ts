import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import { EngagementSchema, RunCourseParamsSchema, RunParamsSchema } from "../../../shared/runs.js";
import type { AppDeps } from "../../app.js";
import { requireActor } from "../../platform/auth.js";
import { createEngagementService } from "./engagement.service.js";

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

const FIGURES =
  "Enrolled; started (any step progress, % of enrolled); completed every module (% of started); active learners per UK day; visible comments per step in course order; where learners who started but did not complete stopped (their furthest step). Counts only: no one is named.";

/** Engagement analytics per run and per course. */
export const engagementRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const engagement = createEngagementService({ db: deps.database.db });

  app.get(
    "/api/runs/:runId/engagement",
    {
      schema: {
        tags: ["runs"],
        summary: "Engagement figures for a run: its facilitators and platform administrators",
        description: `${FIGURES} Active days run from the run's opening to today or the end of catch-up, whichever is sooner.`,
        params: RunParamsSchema,
        response: { 200: EngagementSchema, ...errors },
      },
    },
    async (request) => engagement.forRun(requireActor(request), request.params.runId),
  );

  app.get(
    "/api/courses/:courseId/engagement",
    {
      schema: {
        tags: ["runs"],
        summary:
          "Engagement figures for a course: platform administrators and facilitators of any of its runs",
        description: `${FIGURES} Active days cover the last 90 days.`,
        params: RunCourseParamsSchema,
        response: { 200: EngagementSchema, ...errors },
      },
    },
    async (request) => engagement.forCourse(requireActor(request), request.params.courseId),
  );
};
