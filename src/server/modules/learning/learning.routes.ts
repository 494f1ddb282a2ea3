import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  LearningOutlineSchema,
  MyLearningSchema,
  QuizResultSchema,
  QuizSubmitSchema,
  StepProgressInputSchema,
  StepProgressResultSchema,
  StepViewSchema,
} from "../../../shared/learning.js";
import type { AppDeps } from "../../app.js";
import { requireActor } from "../../platform/auth.js";
import { createLearningService } from "./learning.service.js";

const EnrolmentParams = z.object({ id: z.uuid("The enrolment id is not valid") });
const StepParams = EnrolmentParams.extend({ stepId: z.uuid("The step id is not valid") });
const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 404: ErrorBodySchema };

/** A learner's own learning: My learning, course outlines, steps, progress and quiz attempts. */
export const learningRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const learning = createLearningService({ db: deps.database.db });

  app.get(
    "/api/me/learning",
    {
      schema: {
        tags: ["learning"],
        summary: "My learning: every enrolment with progress, expiry and the next step",
        response: { 200: MyLearningSchema, 401: ErrorBodySchema },
      },
    },
    async (request) => learning.myLearning(requireActor(request)),
  );

  app.get(
    "/api/learning/enrolments/:id",
    {
      schema: {
        tags: ["learning"],
        summary: "A course's modules and steps with my progress, and where Continue goes",
        params: EnrolmentParams,
        response: { 200: LearningOutlineSchema, ...errors },
      },
    },
    async (request) => learning.outline(requireActor(request), request.params.id),
  );

  app.get(
    "/api/learning/enrolments/:id/steps/:stepId",
    {
      schema: {
        tags: ["learning"],
        summary: "One step: sanitised content, video or file, or a quiz without its answers",
        params: StepParams,
        response: { 200: StepViewSchema, ...errors },
      },
    },
    async (request) => learning.step(requireActor(request), request.params.id, request.params.stepId),
  );

  app.post(
    "/api/learning/enrolments/:id/steps/:stepId/progress",
    {
      schema: {
        tags: ["learning"],
        summary: "Record that a step was opened, progressed (video %) or completed",
        description:
          "409 read_only after expiry or while deferred; 409 quiz_not_passed: quizzes complete by passing; 409 scorm_not_complete: SCORM steps complete from the content.",
        params: StepParams,
        body: StepProgressInputSchema,
        response: { 200: StepProgressResultSchema, ...errors, 409: ErrorBodySchema },
      },
    },
    async (request) =>
      learning.recordProgress(requireActor(request), request.params.id, request.params.stepId, request.body),
  );

  app.post(
    "/api/learning/enrolments/:id/steps/:stepId/attempts",
    {
      schema: {
        tags: ["learning"],
        summary: "Submit answers to a quiz: marked on the server, with feedback per option",
        description:
          "400 lists each unanswered or unknown answer as answers.<questionId>; 409 attempts_exhausted.",
        params: StepParams,
        body: QuizSubmitSchema,
        response: { 201: QuizResultSchema, ...errors, 409: ErrorBodySchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await learning.submitQuiz(
            requireActor(request),
            request.params.id,
            request.params.stepId,
            request.body,
          ),
        ),
  );
};
