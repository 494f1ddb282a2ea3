import type { z } from "zod";
import { ApiError } from "./api-client";

/** Error messages keyed by field name (the JSON key, which is also the id of the field's input). */
export type FieldErrors = Record<string, string>;

/** One line of an error summary: `field` is the id to focus, or `to` a page to go to. */
export interface SummaryError {
  field?: string;
  to?: string;
  message: string;
}

/** Turns a zod validation failure into the first message for each field. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Field errors from a server answer (validation_failed details); fields we do not show are dropped. */
export function apiFieldErrors(error: unknown, knownFields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    if (detail.field && knownFields.includes(detail.field) && !(detail.field in errors)) {
      errors[detail.field] = detail.message;
    }
  }
  return errors;
}

/**
 * The error summary lines for a failed submission: field errors in form order, then any server
 * message that is not already said by a field error (for example "Enter a valid email and password").
 */
export function summaryErrors(
  fieldOrder: readonly string[],
  fields: FieldErrors,
  failure?: unknown,
): SummaryError[] {
  const lines: SummaryError[] = fieldOrder
    .filter((field) => fields[field])
    .map((field) => ({ field, message: fields[field] ?? "" }));
  if (failure instanceof ApiError) {
    const unplaced = failure.details.filter((d) => !d.field || !fieldOrder.includes(d.field));
    if (lines.length === 0 && unplaced.length === 0) {
      lines.push({ message: failure.message });
    }
    for (const detail of unplaced) lines.push({ message: detail.message });
  } else if (failure) {
    lines.push({ message: "Sorry, there is a problem with the service. Try again later." });
  }
  return lines;
}

/**
 * Checks several values, each against its own schema (usually `SomeSchema.shape.field` from src/shared),
 * and returns the first message per field; an empty object means all passed.
 */
export function validateFields(checks: Record<string, [z.ZodType, unknown]>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [field, [schema, value]] of Object.entries(checks)) {
    const result = schema.safeParse(value);
    if (!result.success) errors[field] = result.error.issues[0]?.message ?? "Check this answer";
  }
  return errors;
}
