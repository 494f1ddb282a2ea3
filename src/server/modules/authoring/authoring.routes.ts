import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AuthoringCourseListSchema,
  AuthoringCourseSchema,
  AuthoringProgrammeListSchema,
  AuthoringProgrammeSchema,
  AuthoringStepSchema,
  CourseInputSchema,
  ModuleInputSchema,
  PreviewInputSchema,
  PreviewSchema,
  ProgrammeInputSchema,
  ReorderSchema,
  StepCreateSchema,
  StepUpdateSchema,
} from "../../../shared/authoring.js";
import { CertificateValiditySchema } from "../../../shared/certificates.js";
import { ErrorBodySchema } from "../../../shared/errors.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import * as service from "./authoring.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const CourseParams = z.object({ id: z.uuid("The course id is not valid") });
const ProgrammeParams = z.object({ id: z.uuid("The programme id is not valid") });
const ModuleParams = z.object({ moduleId: z.uuid("The module id is not valid") });
const StepParams = z.object({ stepId: z.uuid("The step id is not valid") });
const tags = ["authoring"];
/**
 * A step's Markdown may be 50,000 characters, which in UTF-8 with JSON escaping can exceed the app's default body
 * limit; quizzes with many questions can too. These routes take up to 1 MB.
 */
const LARGE_BODY_BYTES = 1_000_000;

/**
 * Content authoring for content editors and platform administrators: programmes, courses of every status, their
 * modules and steps, quizzes, publishing, and a Markdown preview. Every change is audited; destructive edits to
 * things learners have started are refused with 409 (docs/decisions/0009).
 */
export const authoringRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    "/api/authoring/programmes",
    {
      schema: {
        tags,
        summary: "Every programme",
        response: { 200: AuthoringProgrammeListSchema, ...errors },
      },
    },
    async (request) => service.listProgrammes(db, requireActor(request)),
  );

  app.post(
    "/api/authoring/programmes",
    {
      schema: {
        tags,
        summary: "Create a programme",
        body: ProgrammeInputSchema,
        response: { 201: AuthoringProgrammeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createProgramme(db, requireActor(request), request.body, requestContext(request)),
        ),
  );

  app.put(
    "/api/authoring/programmes/:id",
    {
      schema: {
        tags,
        summary: "Change a programme's title, summary or kind",
        params: ProgrammeParams,
        body: ProgrammeInputSchema,
        response: { 200: AuthoringProgrammeSchema, ...errors },
      },
    },
    async (request) =>
      service.updateProgramme(
        db,
        requireActor(request),
        request.params.id,
        request.body,
        requestContext(request),
      ),
  );

  app.get(
    "/api/authoring/courses",
    {
      schema: {
        tags,
        summary: "Every course whatever its status, by programme",
        response: { 200: AuthoringCourseListSchema, ...errors },
      },
    },
    async (request) => service.listCourses(db, requireActor(request)),
  );

  app.post(
    "/api/authoring/courses",
    {
      schema: {
        tags,
        summary: "Create a draft course",
        body: CourseInputSchema,
        response: { 201: AuthoringCourseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createCourse(db, requireActor(request), request.body, requestContext(request))),
  );

  app.get(
    "/api/authoring/courses/:id",
    {
      schema: {
        tags,
        summary: "A course with its modules and steps, learner counts and what stops it being published",
        params: CourseParams,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) => service.getCourse(db, requireActor(request), request.params.id),
  );

  app.put(
    "/api/authoring/courses/:id",
    {
      schema: {
        tags,
        summary: "Change a course's details (its level only while nobody is enrolled)",
        params: CourseParams,
        body: CourseInputSchema,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) =>
      service.updateCourse(
        db,
        requireActor(request),
        request.params.id,
        request.body,
        requestContext(request),
      ),
  );

  app.get(
    "/api/authoring/courses/:id/certificate-validity",
    {
      schema: {
        tags,
        summary: "How long certificates for the course stay valid (null: they never expire)",
        params: CourseParams,
        response: { 200: CertificateValiditySchema, ...errors },
      },
    },
    async (request) => service.getCertificateValidity(db, requireActor(request), request.params.id),
  );

  app.put(
    "/api/authoring/courses/:id/certificate-validity",
    {
      schema: {
        tags,
        summary: "Set how long certificates for the course stay valid, in months (null: they never expire)",
        description:
          "Applies to certificates issued from now on; those already issued keep their expiry. Audited as a change to the course.",
        params: CourseParams,
        body: CertificateValiditySchema,
        response: { 200: CertificateValiditySchema, ...errors },
      },
    },
    async (request) =>
      service.setCertificateValidity(
        db,
        requireActor(request),
        request.params.id,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/authoring/courses/:id",
    {
      schema: {
        tags,
        summary: "Delete an unpublished course nobody is enrolled on (archive it otherwise)",
        params: CourseParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteCourse(db, requireActor(request), request.params.id, requestContext(request));
      return reply.status(204).send(null);
    },
  );

  for (const [action, target, summary] of [
    ["publish", "published", "Publish a complete course: it joins the catalogue"],
    ["unpublish", "draft", "Take a course out of the catalogue; enrolled learners keep their access"],
    ["archive", "archived", "Archive a course: out of the catalogue for good, learners' records kept"],
  ] as const) {
    app.post(
      `/api/authoring/courses/:id/${action}`,
      {
        schema: { tags, summary, params: CourseParams, response: { 200: AuthoringCourseSchema, ...errors } },
      },
      async (request) =>
        service.setCourseStatus(
          db,
          requireActor(request),
          request.params.id,
          target,
          requestContext(request),
        ),
    );
  }

  app.post(
    "/api/authoring/courses/:id/modules",
    {
      schema: {
        tags,
        summary: "Add a module at the end of a course",
        params: CourseParams,
        body: ModuleInputSchema,
        response: { 201: AuthoringCourseSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createModule(
            db,
            requireActor(request),
            request.params.id,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.put(
    "/api/authoring/courses/:id/modules/order",
    {
      schema: {
        tags,
        summary: "Put a course's modules in a new order (send every module id)",
        params: CourseParams,
        body: ReorderSchema,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) =>
      service.reorderModules(
        db,
        requireActor(request),
        request.params.id,
        request.body.ids,
        requestContext(request),
      ),
  );

  app.put(
    "/api/authoring/modules/:moduleId",
    {
      schema: {
        tags,
        summary: "Rename a module or change its summary",
        params: ModuleParams,
        body: ModuleInputSchema,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) =>
      service.updateModule(
        db,
        requireActor(request),
        request.params.moduleId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/authoring/modules/:moduleId",
    {
      schema: {
        tags,
        summary: "Remove a module and its steps, unless a learner has started one",
        params: ModuleParams,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) =>
      service.deleteModule(db, requireActor(request), request.params.moduleId, requestContext(request)),
  );

  app.post(
    "/api/authoring/modules/:moduleId/steps",
    {
      schema: {
        tags,
        summary: "Add a step at the end of a module",
        params: ModuleParams,
        body: StepCreateSchema,
        response: { 201: AuthoringStepSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createStep(
            db,
            requireActor(request),
            request.params.moduleId,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.put(
    "/api/authoring/modules/:moduleId/steps/order",
    {
      schema: {
        tags,
        summary: "Put a module's steps in a new order (send every step id)",
        params: ModuleParams,
        body: ReorderSchema,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) =>
      service.reorderSteps(
        db,
        requireActor(request),
        request.params.moduleId,
        request.body.ids,
        requestContext(request),
      ),
  );

  app.get(
    "/api/authoring/steps/:stepId",
    {
      schema: {
        tags,
        summary: "A step with its file, quiz questions and answers, and learner counts",
        params: StepParams,
        response: { 200: AuthoringStepSchema, ...errors },
      },
    },
    async (request) => service.getStep(db, requireActor(request), request.params.stepId),
  );

  app.put(
    "/api/authoring/steps/:stepId",
    {
      bodyLimit: LARGE_BODY_BYTES,
      schema: {
        tags,
        summary:
          "Save a whole step, with a quiz's questions and answers; answers learners have used cannot be removed or re-marked",
        params: StepParams,
        body: StepUpdateSchema,
        response: { 200: AuthoringStepSchema, ...errors },
      },
    },
    async (request) =>
      service.updateStep(
        db,
        requireActor(request),
        request.params.stepId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/authoring/steps/:stepId",
    {
      schema: {
        tags,
        summary: "Remove a step, unless a learner has started it",
        params: StepParams,
        response: { 200: AuthoringCourseSchema, ...errors },
      },
    },
    async (request) =>
      service.deleteStep(db, requireActor(request), request.params.stepId, requestContext(request)),
  );

  app.post(
    "/api/authoring/preview",
    {
      bodyLimit: LARGE_BODY_BYTES,
      schema: {
        tags,
        summary: "Markdown rendered to the sanitised HTML learners will see",
        body: PreviewInputSchema,
        response: { 200: PreviewSchema, ...errors },
      },
    },
    async (request) => service.previewMarkdown(requireActor(request), request.body.markdown),
  );
};
