import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  CourseViewerSchema,
  EnrolmentCreatedSchema,
  EnrolmentCreateSchema,
} from "../../../shared/learning.js";
import type { AppDeps } from "../../app.js";
import { requireActor } from "../../platform/auth.js";
import { createEnrolmentsService } from "./enrolments.service.js";

/** Enrolling on a course, and the signed-in learner's standing on one. */
export const enrolmentsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const enrolments = createEnrolmentsService({ db: deps.database.db });

  app.post(
    "/api/enrolments",
    {
      schema: {
        tags: ["enrolments"],
        summary: "Enrol on a course (201); enrolling again answers 200 with the existing enrolment",
        description:
          "403 codes: not_eligible (confirm your email first), declaration_required (Accredited Introduction), payment_required (no free place, grant or licence seat), not_available (no lessons published yet).",
        body: EnrolmentCreateSchema,
        response: {
          200: EnrolmentCreatedSchema,
          201: EnrolmentCreatedSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          403: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      const result = await enrolments.enrol(requireActor(request), request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    "/api/courses/:id/enrolment",
    {
      schema: {
        tags: ["enrolments"],
        summary:
          "The signed-in learner's standing on a course: enrolled, or whether they can enrol and why not",
        params: z.object({ id: z.uuid("The course id is not valid") }),
        response: {
          200: CourseViewerSchema,
          400: ErrorBodySchema,
          401: ErrorBodySchema,
          404: ErrorBodySchema,
        },
      },
    },
    async (request) => enrolments.standing(requireActor(request), request.params.id),
  );
};
