import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import { SpcAnalyseRequestSchema, SpcAnalyseResponseSchema } from "../../../shared/spc/contracts.js";
import type { AppDeps } from "../../app.js";
import { payloadTooLarge } from "../../platform/errors.js";
import { createSpcService, screenSpcBody } from "./spc.service.js";

/**
 * The analyse route's own body limit: 10,000 values with dates and 17-digit numbers come to about 350 KB, so 1 MiB
 * fits any valid request with room to spare, whatever the app-wide limit is.
 */
export const SPC_BODY_LIMIT_BYTES = 1024 * 1024;

/** Turns an over-long body into a 413 that says what fits; everything else goes to the app's error handler. */
function tooLargeHandler(error: FastifyError, _request: FastifyRequest, _reply: FastifyReply): never {
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    throw payloadTooLarge(
      "The request is larger than 1 MB. Send at most 10,000 values in one request (with dates that is about 350 KB), or split the series.",
    );
  }
  throw error;
}

/** The public SPC engine: POST /api/spc/analyse. */
export const spcRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const service = createSpcService({ db: deps.database.db });

  app.post(
    "/api/spc/analyse",
    {
      bodyLimit: SPC_BODY_LIMIT_BYTES,
      errorHandler: tooLargeHandler,
      // Counted before validation, so malformed requests use up the allowance too.
      preValidation: async (request) => {
        await service.countRequest(request.ip);
        screenSpcBody(request.body);
      },
      schema: {
        tags: ["spc"],
        summary: "Public: analyse a series on an XmR chart with the Making Data Count rules",
        description:
          "Works signed out; rate-limited to 60 requests a minute per IP address (429 with Retry-After). Values are positional and in time order. Gives each point's mean, process limits, two-sigma lines, median, moving range, segment, the rules it is part of (outside_limits, shift, trend, two_of_three) and its special cause; the summary gives the variation and assurance icons, sentences for each, and the rule settings used. Shapes and types are checked first (400, details name each field, e.g. values.3); then the series itself (422: empty, over 10,000 points, dates invalid, repeated or out of order, rule lengths outside 5–10, baselineEnd or rebaseAt out of range). Semantics: docs/spc.md.",
        body: SpcAnalyseRequestSchema,
        response: {
          200: SpcAnalyseResponseSchema,
          400: ErrorBodySchema,
          413: ErrorBodySchema,
          415: ErrorBodySchema,
          422: ErrorBodySchema,
          429: ErrorBodySchema,
        },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return service.analyse(request.body);
    },
  );
};
