import { MAX_SERIES_POINTS } from "../../../shared/projects.js";
import { analyseSpc, SpcInputError } from "../../../shared/spc/engine.js";
import type { SpcInput, SpcResult } from "../../../shared/spc/types.js";
import { MAX_LISTED_ISSUES } from "../../../shared/spc/validate.js";
import type { RateLimitConfig } from "../../platform/config.js";
import type { Db } from "../../platform/db.js";
import { AppError, type ErrorDetail, validationFailed } from "../../platform/errors.js";
import { throttle } from "../../platform/rate-limit.js";

/**
 * Analyses per IP address: 60 a minute lets a person at a form or a small tool work freely while keeping scripts
 * from turning the public engine into a free compute service. No slow-down first: a tool should see 429 at once.
 */
export const SPC_ANALYSE_RATE_LIMIT: RateLimitConfig = {
  windowSeconds: 60,
  softLimit: 60,
  hardLimit: 60,
  slowDownMs: 0,
};

/** The lists of a request body, what each entry must be, and how to say it is not. */
const LISTS = [
  {
    name: "values",
    ok: (entry: unknown) => typeof entry === "number" && Number.isFinite(entry),
    problem: (i: number) =>
      `values[${i}] is not a finite number: send JSON numbers (not strings, null or Infinity)`,
  },
  {
    name: "dates",
    ok: (entry: unknown) => typeof entry === "string",
    problem: (i: number) => `dates[${i}] must be a string: an ISO date (YYYY-MM-DD)`,
  },
  {
    name: "rebaseAt",
    ok: (entry: unknown) => typeof entry === "number" && Number.isFinite(entry),
    problem: (i: number) => `rebaseAt[${i}] must be a number: the index where a new segment starts`,
  },
] as const;

/**
 * Screens a body's lists before the schema sees them, so a hostile body (a megabyte of strings) costs one cheap pass
 * rather than a schema error per entry and a reply many times the request's size: lists over 10,000 entries are 422
 * at once, and more than MAX_LISTED_ISSUES wrong-typed entries are one 400 listing the first of them. Smaller
 * problems are left to the schema, whose messages are the same.
 */
export function screenSpcBody(body: unknown): void {
  if (typeof body !== "object" || body === null) return;
  const lists = body as Record<string, unknown>; // any object; only its three list fields are read
  // A body of thousands of unknown fields would otherwise earn one "Remove the unknown field" detail each.
  const rules = lists.rules;
  const fieldCount =
    Object.keys(lists).length + (typeof rules === "object" && rules ? Object.keys(rules).length : 0);
  if (fieldCount > 20) {
    throw validationFailed(
      `The body has ${fieldCount.toLocaleString("en-GB")} fields. Send only values, dates, improvementDirection, rules (shiftLength, trendLength, excludeMovingRangeOutliers, twoOfThreeCountsBeyondLimits), baselineEnd, rebaseAt and target.`,
    );
  }
  for (const list of LISTS) {
    const entries = lists[list.name];
    if (!Array.isArray(entries) || entries.length <= MAX_SERIES_POINTS) continue;
    const message = `${list.name} has ${entries.length.toLocaleString("en-GB")} entries; the most that can be analysed at once is ${MAX_SERIES_POINTS.toLocaleString("en-GB")}.`;
    throw new AppError(422, "validation_failed", message, [{ field: list.name, message }]);
  }
  const details: ErrorDetail[] = [];
  let wrong = 0;
  for (const list of LISTS) {
    const entries = lists[list.name];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, i) => {
      if (list.ok(entry)) return;
      wrong += 1;
      if (details.length < MAX_LISTED_ISSUES)
        details.push({ field: `${list.name}.${i}`, message: list.problem(i) });
    });
  }
  if (wrong <= MAX_LISTED_ISSUES) return;
  details.push({
    field: "request",
    message: `…and ${(wrong - details.length).toLocaleString("en-GB")} more entries of the wrong type.`,
  });
  throw validationFailed(
    `${wrong.toLocaleString("en-GB")} list entries are of the wrong type; the first ${MAX_LISTED_ISSUES} are listed in details.`,
    details,
  );
}

/** The public SPC engine: a per-IP rate limit, then the pure engine with its input problems as 422. */
export function createSpcService(deps: { db: Db }) {
  return {
    /** Counts a request against the caller's IP address; 429 with Retry-After past the limit. */
    async countRequest(ipAddress: string): Promise<void> {
      await throttle(deps.db, [{ key: `spc-analyse:${ipAddress}`, limit: SPC_ANALYSE_RATE_LIMIT }]);
    },

    /** Analyses a series for anyone; the engine's input problems become 422 with one detail per field. */
    analyse(input: SpcInput): SpcResult {
      try {
        return analyseSpc(input);
      } catch (error) {
        if (!(error instanceof SpcInputError)) throw error;
        const message =
          error.issues.length === 1
            ? error.message
            : `The series cannot be analysed: there are ${error.issues.length} problems, listed in details. The first: ${error.message}`;
        throw new AppError(422, "validation_failed", message, error.issues);
      }
    },
  };
}
