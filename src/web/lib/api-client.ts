import type { z } from "zod";
import { ErrorBodySchema } from "../../shared/errors";

/** One problem the server reported, naming the field (a JSON key of the request) where there is one. */
export interface ApiErrorDetail {
  field?: string;
  message: string;
}

/** A failed API call, carrying the server's error code and message so pages can show them. */
export class ApiError extends Error {
  /** HTTP status; 0 when the request never reached the server. */
  readonly status: number;
  /** The server's snake_case error code, such as validation_failed or rate_limited. */
  readonly error: string;
  /** Per-field problems, empty when the server sent none. */
  readonly details: ApiErrorDetail[];
  /** The server's request id, useful when someone reports a problem. */
  readonly requestId: string | undefined;

  constructor(
    status: number,
    error: string,
    message: string,
    details: ApiErrorDetail[] = [],
    requestId?: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.error = error;
    this.details = details;
    this.requestId = requestId;
  }
}

/** True when a value is an ApiError with the given HTTP status. */
export function isApiError(value: unknown, status?: number): value is ApiError {
  return value instanceof ApiError && (status === undefined || value.status === status);
}

const SERVICE_PROBLEM = "Sorry, there is a problem with the service. Try again later.";

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface RequestOptions<S extends z.ZodType | undefined> {
  /** JSON body; when absent no body and no content-type are sent. */
  body?: unknown;
  /** Schema the successful response must match; omit for 204 answers. */
  schema?: S;
  signal?: AbortSignal;
}

type Result<S> = S extends z.ZodType ? z.infer<S> : undefined;

async function toApiError(response: Response): Promise<ApiError> {
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON (a proxy error page, for example): fall through to the generic message.
  }
  const parsed = ErrorBodySchema.safeParse(payload);
  if (parsed.success) {
    const { error, message, details, requestId } = parsed.data;
    return new ApiError(response.status, error, message, details ?? [], requestId);
  }
  if (response.status === 413) {
    return new ApiError(413, "payload_too_large", "What you sent is too large.");
  }
  return new ApiError(response.status, "internal_error", SERVICE_PROBLEM);
}

/**
 * Calls the QI Academy API with the session cookie and JSON, and parses the answer with a shared zod
 * schema so pages get typed data; any failure becomes an ApiError.
 */
export async function apiRequest<S extends z.ZodType | undefined = undefined>(
  method: Method,
  path: string,
  options: RequestOptions<S> = {},
): Promise<Result<S>> {
  const headers: Record<string, string> = { accept: "application/json" };
  const init: RequestInit = { method, credentials: "same-origin", headers };
  if (options.signal) init.signal = options.signal;
  if (options.body !== undefined) {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(
      0,
      "network_error",
      "We could not reach QI Academy. Check your internet connection and try again.",
    );
  }

  if (!response.ok) throw await toApiError(response);

  const { schema } = options;
  if (!schema || response.status === 204) {
    // No schema means the caller expects no body (204); `as` because TypeScript cannot narrow Result<S> here.
    return undefined as Result<S>;
  }
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    throw new ApiError(response.status, "unexpected_response", SERVICE_PROBLEM);
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    console.error(`Unexpected response from ${method} ${path}`, parsed.error);
    throw new ApiError(response.status, "unexpected_response", SERVICE_PROBLEM);
  }
  // `as`: safeParse's data is typed as the schema's output, which is Result<S> for a defined schema.
  return parsed.data as Result<S>;
}

/** Builds a query string from defined, non-empty values, e.g. {q: "ab", page: 2} → "?q=ab&page=2". */
export function toQueryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
