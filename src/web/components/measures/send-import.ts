import type { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors";
import type { ImportOptions } from "../../../shared/measures";
import { ApiError } from "../../lib/api-client";

/** Pasted text, or a CSV file chosen on the page. */
export type ImportData = { text: string } | { file: File };

/** What a measure's import preview and apply hooks are given. */
export interface ImportRequest {
  data: ImportData;
  options: ImportOptions;
}

/**
 * Sends a measure import (a project's or a team's) as JSON (pasted) or multipart (a file), parsing the answer with
 * `schema`; failures throw ApiError with the server's message and field details.
 */
export async function sendImport<T>(
  url: string,
  { data, options }: ImportRequest,
  schema: z.ZodType<T>,
): Promise<T> {
  const init: RequestInit = {
    method: "POST",
    credentials: "same-origin",
    headers: { accept: "application/json" },
  };
  if ("text" in data) {
    init.headers = { accept: "application/json", "content-type": "application/json" };
    init.body = JSON.stringify({ text: data.text, ...options });
  } else {
    const form = new FormData();
    form.append("mode", options.mode);
    form.append("onExisting", options.onExisting);
    form.append("file", data.file);
    init.body = form;
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new ApiError(
      0,
      "network_error",
      "We could not reach QI Academy. Check your internet connection and try again.",
    );
  }
  let payload: unknown = null;
  try {
    payload = await response.json();
  } catch {
    // Not JSON: handled below.
  }
  if (response.ok) {
    const parsed = schema.safeParse(payload);
    if (parsed.success) return parsed.data;
    throw new ApiError(
      response.status,
      "unexpected_response",
      "Sorry, there is a problem with the service. Try again later.",
    );
  }
  const error = ErrorBodySchema.safeParse(payload);
  if (error.success) {
    const { error: code, message, details, requestId } = error.data;
    throw new ApiError(response.status, code, message, details ?? [], requestId);
  }
  if (response.status === 413) {
    throw new ApiError(
      413,
      "payload_too_large",
      "The file is larger than 2 MB. Split it into smaller files.",
    );
  }
  throw new ApiError(
    response.status,
    "internal_error",
    "Sorry, there is a problem with the service. Try again later.",
  );
}
