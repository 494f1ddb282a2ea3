import type { FastifyMultipartOptions } from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { z } from "zod";
import { ErrorBodySchema } from "../../../shared/errors.js";
import {
  IMPORT_MAX_BYTES,
  type ImportApplySchema,
  type ImportOptions,
  type ImportPreviewSchema,
} from "../../../shared/measures.js";
import { payloadTooLarge, validationFailed } from "../../platform/errors.js";
import type { ImportSource } from "./measure-series.service.js";

/**
 * What the routes of a project's measures and a programme team's measures share: their error responses, how they
 * read an import request (pasted text as JSON, or a CSV file as multipart) and the multipart settings for it.
 */

/** The error responses of a measure's routes. */
export const MEASURE_ERROR_RESPONSES = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  422: ErrorBodySchema,
};

/** Pasted data may be 2 MB; JSON escaping (tabs, quotes) can make the body larger than that. */
export const IMPORT_BODY_LIMIT = IMPORT_MAX_BYTES * 2;

/** @fastify/multipart settings for an import: one CSV file of up to 2 MB after the "mode" and "onExisting" fields. */
export const IMPORT_MULTIPART_OPTIONS: FastifyMultipartOptions = {
  // Over-size files are read to the end and marked truncated, so the browser gets our 413 with its message.
  throwFileSizeLimit: false,
  limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4, parts: 6, fieldNameSize: 100, fieldSize: 100 },
};

/** Turns a zod failure into the one validation error shape, naming each field. */
export function invalidRequest(error: z.ZodError) {
  const details = error.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message }));
  return validationFailed(
    details.length === 1
      ? (details[0]?.message ?? "Check the data")
      : "There is a problem with the data you sent.",
    details,
  );
}

/** Reads an import request: pasted text as JSON, or a CSV file (with the options as fields before it) as multipart. */
export async function readImport(
  request: FastifyRequest,
  schema: typeof ImportPreviewSchema | typeof ImportApplySchema,
): Promise<{ source: ImportSource; options: ImportOptions }> {
  if (!request.isMultipart()) {
    const parsed = schema.safeParse(request.body ?? {});
    if (!parsed.success) throw invalidRequest(parsed.error);
    return { source: { text: parsed.data.text }, options: parsed.data };
  }
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; truncated: boolean } | null = null;
  for await (const part of request.parts()) {
    if (part.type === "field") {
      if (typeof part.value === "string" && (part.fieldname === "mode" || part.fieldname === "onExisting")) {
        fields[part.fieldname] = part.value;
      }
      continue;
    }
    if (part.fieldname !== "file" || file !== null) {
      part.file.resume();
      continue;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    file = { bytes: Buffer.concat(chunks), truncated: part.file.truncated };
  }
  if (file?.truncated) throw payloadTooLarge("The file is larger than 2 MB. Split it into smaller files.");
  if (!file || file.bytes.length === 0) {
    throw validationFailed("Choose a CSV file to upload.", [
      { field: "file", message: "Choose a CSV file to upload" },
    ]);
  }
  // The text is validated by the parser; the schema checks the options only.
  const parsed = schema.safeParse({ ...fields, text: "file" });
  if (!parsed.success) throw invalidRequest(parsed.error);
  return { source: { bytes: file.bytes }, options: parsed.data };
}
