import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  CriteriaReorderSchema,
  CriteriaTreeSchema,
  CriterionInputSchema,
  OutcomeInputSchema,
  UnitInputSchema,
} from "../../../shared/portfolios.js";
import type { AppDeps } from "../../app.js";
import { requestContext, requireActor } from "../../platform/auth.js";
import * as service from "./criteria.service.js";

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};
const CourseParams = z.object({ id: z.uuid("The course id is not valid") });
const UnitParams = z.object({ unitId: z.uuid("The unit id is not valid") });
const OutcomeParams = z.object({ outcomeId: z.uuid("The learning outcome id is not valid") });
const CriterionParams = z.object({ criterionId: z.uuid("The criterion id is not valid") });
const tags = ["criteria"];
const NOT_ASSESSED = "422 not_assessed_by_portfolio for courses below Practitioner level.";
const MAPPED = "409 when learners have mapped evidence to a criterion under it.";

/**
 * Assessment criteria of courses assessed by portfolio (Practitioner, Facilitator, Programme Manager), for content
 * editors and platform administrators: units → learning outcomes → criteria. Every answer is the whole tree.
 */
export const criteriaRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const db = deps.database.db;

  app.get(
    "/api/authoring/courses/:id/criteria",
    {
      schema: {
        tags,
        summary:
          "A course's units, learning outcomes and criteria, with how many learners have evidence under each",
        description: NOT_ASSESSED,
        params: CourseParams,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) => service.getCriteriaTree(db, requireActor(request), request.params.id),
  );

  app.post(
    "/api/authoring/courses/:id/criteria/units",
    {
      schema: {
        tags,
        summary: "Add a unit at the end of a course's criteria",
        description: NOT_ASSESSED,
        params: CourseParams,
        body: UnitInputSchema,
        response: { 201: CriteriaTreeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createUnit(
            db,
            requireActor(request),
            request.params.id,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.put(
    "/api/authoring/courses/:id/criteria/units/order",
    {
      schema: {
        tags,
        summary: "Put a course's units in a new order (send every unit id)",
        params: CourseParams,
        body: CriteriaReorderSchema,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.reorderUnits(
        db,
        requireActor(request),
        request.params.id,
        request.body.ids,
        requestContext(request),
      ),
  );

  app.put(
    "/api/authoring/assessment-units/:unitId",
    {
      schema: {
        tags,
        summary: "Change a unit's title or summary",
        params: UnitParams,
        body: UnitInputSchema,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.updateUnit(
        db,
        requireActor(request),
        request.params.unitId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/authoring/assessment-units/:unitId",
    {
      schema: {
        tags,
        summary: "Remove a unit with its learning outcomes and criteria",
        description: MAPPED,
        params: UnitParams,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.deleteUnit(db, requireActor(request), request.params.unitId, requestContext(request)),
  );

  app.post(
    "/api/authoring/assessment-units/:unitId/outcomes",
    {
      schema: {
        tags,
        summary: "Add a learning outcome at the end of a unit",
        params: UnitParams,
        body: OutcomeInputSchema,
        response: { 201: CriteriaTreeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createOutcome(
            db,
            requireActor(request),
            request.params.unitId,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.put(
    "/api/authoring/assessment-units/:unitId/outcomes/order",
    {
      schema: {
        tags,
        summary: "Put a unit's learning outcomes in a new order (send every outcome id)",
        params: UnitParams,
        body: CriteriaReorderSchema,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.reorderOutcomes(
        db,
        requireActor(request),
        request.params.unitId,
        request.body.ids,
        requestContext(request),
      ),
  );

  app.put(
    "/api/authoring/learning-outcomes/:outcomeId",
    {
      schema: {
        tags,
        summary: "Change a learning outcome's wording",
        params: OutcomeParams,
        body: OutcomeInputSchema,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.updateOutcome(
        db,
        requireActor(request),
        request.params.outcomeId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/authoring/learning-outcomes/:outcomeId",
    {
      schema: {
        tags,
        summary: "Remove a learning outcome with its criteria",
        description: MAPPED,
        params: OutcomeParams,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.deleteOutcome(db, requireActor(request), request.params.outcomeId, requestContext(request)),
  );

  app.post(
    "/api/authoring/learning-outcomes/:outcomeId/criteria",
    {
      schema: {
        tags,
        summary: "Add a criterion at the end of a learning outcome (its reference must be new to the course)",
        params: OutcomeParams,
        body: CriterionInputSchema,
        response: { 201: CriteriaTreeSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await service.createCriterion(
            db,
            requireActor(request),
            request.params.outcomeId,
            request.body,
            requestContext(request),
          ),
        ),
  );

  app.put(
    "/api/authoring/learning-outcomes/:outcomeId/criteria/order",
    {
      schema: {
        tags,
        summary: "Put a learning outcome's criteria in a new order (send every criterion id)",
        params: OutcomeParams,
        body: CriteriaReorderSchema,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.reorderCriteria(
        db,
        requireActor(request),
        request.params.outcomeId,
        request.body.ids,
        requestContext(request),
      ),
  );

  app.put(
    "/api/authoring/assessment-criteria/:criterionId",
    {
      schema: {
        tags,
        summary: "Change a criterion's reference, statement or guidance",
        params: CriterionParams,
        body: CriterionInputSchema,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.updateCriterion(
        db,
        requireActor(request),
        request.params.criterionId,
        request.body,
        requestContext(request),
      ),
  );

  app.delete(
    "/api/authoring/assessment-criteria/:criterionId",
    {
      schema: {
        tags,
        summary: "Remove a criterion",
        description: MAPPED,
        params: CriterionParams,
        response: { 200: CriteriaTreeSchema, ...errors },
      },
    },
    async (request) =>
      service.deleteCriterion(db, requireActor(request), request.params.criterionId, requestContext(request)),
  );
};
