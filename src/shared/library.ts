import { z } from "zod";
import { MEASURE_KINDS, PROJECT_SETTINGS, PROJECT_TOPICS } from "./projects.js";

/**
 * The public case-study library (issue 8): recognised projects whose teams consented, searchable by anyone without
 * signing in. Nothing personal beyond the names of the authors who agreed to be named.
 */

/** Results on one page of the library. */
export const LIBRARY_PAGE_SIZE = 20;
/** Longest search text. */
export const LIBRARY_QUERY_MAX = 200;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(values, { error: `Choose a ${what} from the list` }).optional(),
  );

/** GET /api/case-studies query: search words, filters and page. */
export const LibrarySearchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .max(LIBRARY_QUERY_MAX, `Search for ${LIBRARY_QUERY_MAX} characters or fewer`)
    .optional()
    .default(""),
  setting: optionalEnum(PROJECT_SETTINGS, "setting"),
  topic: optionalEnum(PROJECT_TOPICS, "topic"),
  measureKind: optionalEnum(MEASURE_KINDS, "measure type"),
  page: z.coerce
    .number({ error: "The page must be a whole number" })
    .int("The page must be a whole number")
    .min(1, "The page must be 1 or more")
    .max(1000, "The page must be 1,000 or less")
    .default(1),
});
/** A library search. */
export type LibrarySearchQuery = z.infer<typeof LibrarySearchQuerySchema>;

const isoDateTime = z.string().describe("ISO 8601 date and time");

/** One case study in the results. */
export const LibraryItemSchema = z.object({
  id: z.string().describe("the project id"),
  title: z.string(),
  summary: z.string().describe("the aim statement"),
  setting: z.enum(PROJECT_SETTINGS),
  topic: z.enum(PROJECT_TOPICS),
  measureKinds: z.array(z.enum(MEASURE_KINDS)),
  organisationName: z.string().nullable(),
  authors: z.array(z.string()).describe("only team members who agreed to be named"),
  publishedAt: isoDateTime,
});
/** A result. */
export type LibraryItem = z.infer<typeof LibraryItemSchema>;

/** GET /api/case-studies → one page of results, newest first. */
export const LibraryPageSchema = z.object({
  items: z.array(LibraryItemSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
/** A page of results. */
export type LibraryPage = z.infer<typeof LibraryPageSchema>;

/** :id of a library entry (the project id). */
export const LibraryParamsSchema = z.object({ id: z.uuid("The case study id is not valid") });

/** GET /api/case-studies/:id → the published write-up with its charts; team names removed. */
export const LibraryEntrySchema = LibraryItemSchema.extend({
  content: z
    .record(z.string(), z.unknown())
    .describe("the case study as recognised (CaseStudyDocument without team names)"),
});
/** A published case study. */
export type LibraryEntry = z.infer<typeof LibraryEntrySchema>;
