import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { ErrorBody } from "../../shared/errors.js";

/** One problem with a request, naming the field where there is one. */
export interface ErrorDetail {
  field?: string;
  message: string;
}

/** The only error type services throw on purpose; the handler turns it into the ErrorBody shape. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** 400 with one entry per field. */
export const validationFailed = (message: string, details?: ErrorDetail[]) =>
  new AppError(400, "validation_failed", message, details);
/** 400 for a field-level problem found by a service rather than the schema. */
export const fieldError = (field: string, message: string) =>
  new AppError(400, "validation_failed", message, [{ field, message }]);
/** 401: no or ended session. */
export const unauthenticated = (message = "Sign in to continue.") =>
  new AppError(401, "unauthenticated", message);
/** 403: signed in, but not allowed. */
export const forbidden = (message = "You do not have permission to do this.") =>
  new AppError(403, "forbidden", message);
/** 404 for something that does not exist or that the actor may not know exists. */
export const notFound = (what = "The page or item") =>
  new AppError(404, "not_found", `${what} could not be found.`);
/** 409: the request conflicts with the current state. */
export const conflict = (message: string) => new AppError(409, "conflict", message);
/** 413: body over the limit. */
export const payloadTooLarge = (message = "The request is too large.") =>
  new AppError(413, "payload_too_large", message);
/** 429 with Retry-After. */
export const rateLimited = (retryAfterSeconds: number) =>
  new AppError(
    429,
    "rate_limited",
    `Too many attempts. Wait ${formatWait(retryAfterSeconds)} and try again.`,
    undefined,
    { "retry-after": String(retryAfterSeconds) },
  );

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** Fastify's own error codes that map to a client error, with what to tell the person. */
function fromFastifyError(error: FastifyError): AppError | null {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return payloadTooLarge("The request body is larger than this service accepts.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new AppError(400, "malformed_json", "The request body is not valid JSON.");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new AppError(415, "unsupported_media_type", "Send the request body as application/json.");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return new AppError(400, "bad_request", "The request's content length does not match its body.");
    default:
      if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        return new AppError(error.statusCode, "bad_request", error.message);
      }
      return null;
  }
}

/** Installs the one error handler and the 404 handler; `fallback` may answer unknown non-API routes (the web app). */
export function registerErrorHandling(
  app: FastifyInstance,
  options: { fallback?: (request: FastifyRequest, reply: FastifyReply) => boolean } = {},
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let appError: AppError | null = null;
    if (error instanceof AppError) {
      appError = error;
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      const details: ErrorDetail[] = error.validation.flatMap((v) => {
        const field = v.instancePath.replace(/^\//, "").replaceAll("/", ".");
        const keys = (v.params as { keys?: unknown }).keys;
        if (v.keyword === "unrecognized_keys" && Array.isArray(keys)) {
          return keys.map((key) => ({
            field: [field, String(key)].filter(Boolean).join("."),
            message: `Remove the unknown field "${String(key)}"`,
          }));
        }
        const message = v.message ?? "Enter a valid value";
        return [field ? { field, message } : { message }];
      });
      const first = details[0]?.message ?? "Check the information you entered.";
      appError = validationFailed(
        details.length === 1 ? first : "There is a problem with the information you entered.",
        details,
      );
    } else if (isResponseSerializationError(error)) {
      appError = null;
    } else {
      appError = fromFastifyError(error);
    }
    if (!appError) {
      request.log.error({ err: error }, "unhandled error");
      const body: ErrorBody = {
        error: "internal_error",
        message: "Something went wrong on our side. Try again later.",
        requestId: request.id,
      };
      return reply.status(500).send(body);
    }
    if (appError.status >= 500) request.log.error({ err: error }, appError.message);
    for (const [name, value] of Object.entries(appError.headers ?? {})) reply.header(name, value);
    const body: ErrorBody = { error: appError.code, message: appError.message, requestId: request.id };
    if (appError.details) body.details = appError.details;
    return reply.status(appError.status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    if (options.fallback?.(request, reply)) return reply;
    const body: ErrorBody = {
      error: "not_found",
      message: `There is no API route ${request.method} ${request.url.split("?")[0]}.`,
      requestId: request.id,
    };
    return reply.status(404).send(body);
  });
}
