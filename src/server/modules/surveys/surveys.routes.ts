import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  CourseParamsSchema,
  CourseSurveyParamsSchema,
  CourseSurveysSchema,
  EnrolmentParamsSchema,
  EnrolmentSurveyParamsSchema,
  LearnerSurveySchema,
  LearnerSurveySummarySchema,
  ResultsQuerySchema,
  RunSurveyParamsSchema,
  SurveyInputSchema,
  SurveyReceiptSchema,
  SurveyResponseInputSchema,
  SurveyResultsSchema,
  SurveySchema,
} from "../../../shared/surveys.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import type { ExportFile } from "../reports/export-files.js";
import { createSurveysService } from "./surveys.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};

/** Sends a file as a download, never cached. */
function sendFile(reply: FastifyReply, file: ExportFile) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.filename}"`)
    .header("cache-control", "no-store")
    .send(file.body);
}

const RESULTS =
  "Respondents, and for each Likert statement how many gave each answer, how many answered and how many agreed or strongly agreed (whole %). Free-text answers are listed without names, even for surveys that are not anonymous. smallNumbers is true under 5 respondents.";

/** Pre- and post-course surveys: editing, answering, results. */
export const surveysRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const surveys = createSurveysService({ db: deps.database.db });

  app.get(
    "/api/courses/:courseId/surveys",
    {
      schema: {
        tags: ["surveys"],
        summary:
          "A course's pre- and post-course surveys with their questions (content editors, platform admins)",
        params: CourseParamsSchema,
        response: { 200: CourseSurveysSchema, ...errors },
      },
    },
    async (request) => surveys.listForCourse(requireActor(request), request.params.courseId),
  );

  app.put(
    "/api/courses/:courseId/surveys/:kind",
    {
      schema: {
        tags: ["surveys"],
        summary:
          "Replace a course's survey of a kind: settings and the whole question list (created if missing)",
        description:
          "1–20 questions of 3–300 characters; questions sent with their id keep it (and their answers). Once the survey has responses, 409 for adding, removing, rewording or changing the kind of a question, or for switching anonymous; title, introduction, order, required and open may still change. Audited.",
        params: CourseSurveyParamsSchema,
        body: SurveyInputSchema,
        response: { 200: SurveySchema, ...errors },
      },
    },
    async (request) =>
      surveys.update(
        requireActor(request),
        requestContext(request),
        request.params.courseId,
        request.params.kind,
        request.body,
      ),
  );

  app.get(
    "/api/enrolments/:enrolmentId/surveys",
    {
      schema: {
        tags: ["surveys"],
        summary: "Where I stand with my course's surveys (404 for anyone else's enrolment)",
        params: EnrolmentParamsSchema,
        response: { 200: LearnerSurveySummarySchema, ...errors },
      },
    },
    async (request) => surveys.summaryForLearner(requireActor(request), request.params.enrolmentId),
  );

  app.get(
    "/api/enrolments/:enrolmentId/surveys/:kind",
    {
      schema: {
        tags: ["surveys"],
        summary: "A survey of my course, its questions, and whether I can answer it now",
        description:
          "The pre-course survey can be answered until the course is complete; the post-course survey once I have opened a step of the last module or completed the course. 404 for anyone else's enrolment.",
        params: EnrolmentSurveyParamsSchema,
        response: { 200: LearnerSurveySchema, ...errors },
      },
    },
    async (request) =>
      surveys.getForLearner(requireActor(request), request.params.enrolmentId, request.params.kind),
  );

  app.post(
    "/api/enrolments/:enrolmentId/surveys/:kind/responses",
    {
      schema: {
        tags: ["surveys"],
        summary: "Answer a survey of my course, once",
        description:
          "A rating 1–5 for Likert statements, text (up to 2,000 characters) for free-text questions. 422 answers_incomplete naming each required question left unanswered (field question-<id>), an unknown question or the wrong kind of answer; 409 when closed, already answered, or not yet (or no longer) available.",
        params: EnrolmentSurveyParamsSchema,
        body: SurveyResponseInputSchema,
        response: { 201: SurveyReceiptSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await surveys.respond(
            requireActor(request),
            request.params.enrolmentId,
            request.params.kind,
            request.body,
          ),
        ),
  );

  app.get(
    "/api/runs/:runId/surveys/:kind/results",
    {
      schema: {
        tags: ["surveys"],
        summary: "A survey's results for one run (its facilitators and platform admins)",
        description: RESULTS,
        params: RunSurveyParamsSchema,
        response: { 200: SurveyResultsSchema, ...errors },
      },
    },
    async (request) => surveys.runResults(requireActor(request), request.params.runId, request.params.kind),
  );

  app.get(
    "/api/runs/:runId/surveys/:kind/results.csv",
    {
      schema: {
        tags: ["surveys"],
        summary: "Download a run's survey results as CSV (one row per statement; audited)",
        params: RunSurveyParamsSchema,
        response: { ...errors },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await surveys.runResultsCsv(
          requireActor(request),
          requestContext(request),
          request.params.runId,
          request.params.kind,
        ),
      ),
  );

  app.get(
    "/api/courses/:courseId/surveys/:kind/results",
    {
      schema: {
        tags: ["surveys"],
        summary:
          "A survey's results across a course's runs, or one (?runId=): platform admins, content editors, facilitators of any of its runs",
        description: RESULTS,
        params: CourseSurveyParamsSchema,
        querystring: ResultsQuerySchema,
        response: { 200: SurveyResultsSchema, ...errors },
      },
    },
    async (request) =>
      surveys.courseResults(
        requireActor(request),
        request.params.courseId,
        request.params.kind,
        request.query.runId,
      ),
  );

  app.get(
    "/api/courses/:courseId/surveys/:kind/results.csv",
    {
      schema: {
        tags: ["surveys"],
        summary: "Download a course's survey results as CSV (one row per statement; audited)",
        params: CourseSurveyParamsSchema,
        querystring: ResultsQuerySchema,
        response: { ...errors },
      },
    },
    async (request, reply) =>
      sendFile(
        reply,
        await surveys.courseResultsCsv(
          requireActor(request),
          requestContext(request),
          request.params.courseId,
          request.params.kind,
          request.query.runId,
        ),
      ),
  );
};
