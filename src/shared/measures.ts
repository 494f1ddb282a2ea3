import { z } from "zod";
import { IMPROVEMENT_DIRECTIONS, MAX_SERIES_POINTS, MEASURE_FREQUENCIES, MEASURE_KINDS } from "./projects.js";
import { RULE_LENGTH_MAX, RULE_LENGTH_MIN, SPC_RULE_NAMES } from "./spc/types.js";

/**
 * A project's measures (issue 8): their details and chart settings, data points (one by one, pasted or uploaded as
 * CSV), notes on the chart, and the analysed chart itself.
 */

/** Longest measure title, definition, unit, point note and chart note, in characters. */
export const MEASURE_TITLE_MAX = 200;
export const MEASURE_DEFINITION_MAX = 2000;
export const MEASURE_UNIT_MAX = 40;
export const POINT_NOTE_MAX = 500;
export const ANNOTATION_LABEL_MAX = 200;
/** Most dates a chart may be rebased at. */
export const REBASE_MAX = 20;
/** Largest pasted text or uploaded CSV file, in bytes. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** Earliest and latest dates a data point may have. */
export const POINT_DATE_MIN = "1990-01-01";
export const POINT_DATE_MAX = "2100-12-31";

/** True when the unit says the values are percentages ("%", "percent", "% of rounds"). */
export function isPercentUnit(unit: string): boolean {
  const u = unit.trim().toLowerCase();
  return u.startsWith("%") || u === "percent" || u === "percentage";
}

/** Why a value cannot be stored for a measure with this unit, or null when it can. */
export function valueProblem(value: number, unit: string): string | null {
  if (!Number.isFinite(value)) return "Enter a number, like 4 or 12.5";
  if (isPercentUnit(unit) && (value < 0 || value > 100)) {
    return "Enter a percentage from 0 to 100";
  }
  return null;
}

/** Why a date cannot be stored for a data point, or null when it can. */
export function dateProblem(iso: string): string | null {
  if (iso < POINT_DATE_MIN || iso > POINT_DATE_MAX) return "Enter a date between 1990 and 2100";
  return null;
}

const isRealDate = (v: string) =>
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** An ISO date (YYYY-MM-DD) between 1990 and 2100. */
export const MeasureDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as year-month-day, like 2026-01-05")
  .refine(isRealDate, { message: "Enter a real date, like 2026-01-05" })
  .refine((v) => dateProblem(v) === null, { message: "Enter a date between 1990 and 2100" });

const uuid = z.uuid("Enter a valid id");
const finite = (what: string) =>
  z
    .number({ error: `Enter ${what} as a number` })
    .refine(Number.isFinite, { message: `Enter ${what} as a finite number` });

/** Route parameters. */
export const ProjectMeasuresParamsSchema = z.object({ projectId: uuid });
export const MeasureParamsSchema = z.object({ measureId: uuid });
export const MeasurePointParamsSchema = z.object({ measureId: uuid, pointId: uuid });
export const MeasureAnnotationParamsSchema = z.object({ measureId: uuid, annotationId: uuid });

/** A measure's SPC rule settings, as stored and as the settings page sends them. */
export const MeasureRulesSchema = z
  .object({
    shiftLength: z
      .number()
      .int("Enter the shift length as a whole number")
      .min(RULE_LENGTH_MIN, `Enter a shift length from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX}`)
      .max(RULE_LENGTH_MAX, `Enter a shift length from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX}`),
    trendLength: z
      .number()
      .int("Enter the trend length as a whole number")
      .min(RULE_LENGTH_MIN, `Enter a trend length from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX}`)
      .max(RULE_LENGTH_MAX, `Enter a trend length from ${RULE_LENGTH_MIN} to ${RULE_LENGTH_MAX}`),
    excludeMovingRangeOutliers: z.boolean(),
    twoOfThreeCountsBeyondLimits: z.boolean(),
  })
  .strict();
/** Rule settings of a measure. */
export type MeasureRules = z.infer<typeof MeasureRulesSchema>;

const title = z
  .string()
  .trim()
  .min(1, "Enter a title for the measure")
  .max(MEASURE_TITLE_MAX, `Enter a title of ${MEASURE_TITLE_MAX} characters or fewer`);
const definition = z
  .string()
  .trim()
  .max(MEASURE_DEFINITION_MAX, `Enter a definition of ${MEASURE_DEFINITION_MAX} characters or fewer`);
const unit = z
  .string()
  .trim()
  .max(MEASURE_UNIT_MAX, `Enter a unit of ${MEASURE_UNIT_MAX} characters or fewer`);

/** POST /api/projects/:projectId/measures body. */
export const MeasureCreateSchema = z
  .object({
    kind: z.enum(MEASURE_KINDS, { error: "Choose whether this is an outcome, process or balancing measure" }),
    title,
    definition: definition.default(""),
    unit: unit.default(""),
    improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS, { error: "Choose which direction is better" }),
    frequency: z.enum(MEASURE_FREQUENCIES, { error: "Choose how often the data is collected" }),
    target: finite("the target").nullable().optional(),
    rules: MeasureRulesSchema.optional(),
  })
  .strict();
/** A new measure. */
export type MeasureCreateInput = z.infer<typeof MeasureCreateSchema>;

/** PATCH /api/measures/:measureId body: any of the details and chart settings. */
export const MeasureUpdateSchema = z
  .object({
    kind: z.enum(MEASURE_KINDS).optional(),
    title: title.optional(),
    definition: definition.optional(),
    unit: unit.optional(),
    improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS).optional(),
    frequency: z.enum(MEASURE_FREQUENCIES).optional(),
    target: finite("the target").nullable().optional(),
    rules: MeasureRulesSchema.optional(),
    baselineEndOn: MeasureDateSchema.nullable().optional(),
    rebaseOn: z
      .array(MeasureDateSchema)
      .max(REBASE_MAX, `Recalculate the limits at ${REBASE_MAX} dates or fewer`)
      .refine((dates) => new Set(dates).size === dates.length, {
        message: "Each date to recalculate the limits from must be different",
      })
      .optional(),
  })
  .strict();
/** Changes to a measure. */
export type MeasureUpdateInput = z.infer<typeof MeasureUpdateSchema>;

const note = z.string().trim().max(POINT_NOTE_MAX, `Enter a note of ${POINT_NOTE_MAX} characters or fewer`);

/** POST /api/measures/:measureId/points body: one value. */
export const PointCreateSchema = z
  .object({ date: MeasureDateSchema, value: finite("the value"), note: note.default("") })
  .strict();
/** One new value. */
export type PointCreateInput = z.infer<typeof PointCreateSchema>;

/** PATCH /api/measures/:measureId/points/:pointId body. */
export const PointUpdateSchema = z
  .object({
    date: MeasureDateSchema.optional(),
    value: finite("the value").optional(),
    note: note.optional(),
  })
  .strict();
/** Changes to one value. */
export type PointUpdateInput = z.infer<typeof PointUpdateSchema>;

/** POST /api/measures/:measureId/annotations body. */
export const AnnotationCreateSchema = z
  .object({
    date: MeasureDateSchema,
    label: z
      .string()
      .trim()
      .min(1, "Enter what happened")
      .max(ANNOTATION_LABEL_MAX, `Enter a note of ${ANNOTATION_LABEL_MAX} characters or fewer`),
  })
  .strict();
/** A new note on the chart. */
export type AnnotationCreateInput = z.infer<typeof AnnotationCreateSchema>;

/** How an import treats the measure's existing values. */
export const IMPORT_MODES = ["add", "replace_all"] as const;
/** What an import does with a date that already has a value (in "add" mode). */
export const IMPORT_ON_EXISTING = ["overwrite", "refuse"] as const;

const importText = z
  .string({ error: "Paste the data from your spreadsheet" })
  .min(1, "Paste the data from your spreadsheet")
  .max(IMPORT_MAX_BYTES, "Paste 2 MB of data or less, or split it into parts");

/** POST /api/measures/:measureId/import/preview JSON body (a CSV file goes as multipart, field "file"). */
export const ImportPreviewSchema = z
  .object({
    text: importText,
    mode: z.enum(IMPORT_MODES).default("add"),
    onExisting: z.enum(IMPORT_ON_EXISTING).default("overwrite"),
  })
  .strict();
/** POST /api/measures/:measureId/import JSON body (or multipart with the same fields before "file"). */
export const ImportApplySchema = z
  .object({
    text: importText,
    mode: z.enum(IMPORT_MODES, { error: 'Choose "add" or "replace_all"' }),
    onExisting: z.enum(IMPORT_ON_EXISTING, { error: 'Choose "overwrite" or "refuse"' }),
  })
  .strict();
/** Options of an import, whichever way the data came. */
export type ImportOptions = {
  mode: (typeof IMPORT_MODES)[number];
  onExisting: (typeof IMPORT_ON_EXISTING)[number];
};

/** One row of an import preview. */
export const ImportRowSchema = z.object({
  line: z.number().int(),
  date: z.string().nullable(),
  value: z.number().nullable(),
  note: z.string(),
  status: z.enum(["new", "replaces", "error"]),
  /** The value the row replaces, for status "replaces". */
  existingValue: z.number().nullable(),
  message: z.string().nullable(),
});
/** One row of an import preview. */
export type ImportRow = z.infer<typeof ImportRowSchema>;

/** What an import would do: each row, each row error, counts, and whether rows were put in date order. */
export const ImportPreviewResultSchema = z.object({
  rows: z.array(ImportRowSchema),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  counts: z.object({
    rows: z.number().int(),
    new: z.number().int(),
    replaces: z.number().int(),
    errors: z.number().int(),
    /** Existing values removed ("replace_all"). */
    removed: z.number().int(),
    /** Values the measure would hold afterwards. */
    totalAfter: z.number().int(),
  }),
  sorted: z.boolean(),
  /** A sentence for the page, e.g. "The rows were put in date order." */
  notes: z.array(z.string()),
});
/** An import preview. */
export type ImportPreviewResult = z.infer<typeof ImportPreviewResultSchema>;

/** What an import did. */
export const ImportResultSchema = z.object({
  added: z.number().int(),
  replaced: z.number().int(),
  removed: z.number().int(),
  pointCount: z.number().int(),
  message: z.string(),
});
/** What an import did. */
export type ImportResult = z.infer<typeof ImportResultSchema>;

/** An analysed point (the SPC engine's SpcPoint). */
export const SpcPointSchema = z.object({
  index: z.number().int(),
  date: z.string().nullable(),
  value: z.number(),
  segment: z.number().int(),
  mean: z.number(),
  median: z.number(),
  upperProcessLimit: z.number(),
  lowerProcessLimit: z.number(),
  upperTwoSigma: z.number(),
  lowerTwoSigma: z.number(),
  movingRange: z.number().nullable(),
  specialCause: z.enum(["improvement", "concern", "neither"]).nullable(),
  rules: z.array(z.enum(SPC_RULE_NAMES)),
});

/** The SPC engine's summary (SpcSummary). */
export const SpcSummarySchema = z.object({
  variation: z.enum([
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neither_high",
    "neither_low",
  ]),
  assurance: z.enum(["consistently_met", "possibly_met", "never_met", "none"]),
  rules: MeasureRulesSchema,
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  target: z.number().nullable(),
  pointCount: z.number().int(),
  segmentStarts: z.array(z.number().int()),
  baselineEnd: z.number().int().nullable(),
  enoughDataForLimits: z.boolean(),
  variationText: z.string(),
  assuranceText: z.string(),
});

/** The analysis of a measure's points (SpcResult). */
export const SpcResultSchema = z.object({ points: z.array(SpcPointSchema), summary: SpcSummarySchema });

/** Something marked on the chart's time axis. */
export const ChartAnnotationSchema = z.object({
  date: z.string(),
  label: z.string(),
  kind: z.enum(["pdsa", "note", "rebase"]),
});

/** A measure's details and chart settings. */
export const MeasureSchema = z.object({
  id: z.string(),
  projectId: z.string(),
  kind: z.enum(MEASURE_KINDS),
  title: z.string(),
  definition: z.string(),
  unit: z.string(),
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  frequency: z.enum(MEASURE_FREQUENCIES),
  target: z.number().nullable(),
  rules: MeasureRulesSchema,
  baselineEndOn: z.string().nullable(),
  rebaseOn: z.array(z.string()),
  position: z.number().int(),
  dataVersion: z.number().int(),
  updatedAt: z.string(),
});
/** A measure's details and chart settings. */
export type Measure = z.infer<typeof MeasureSchema>;

/** One data point. */
export const MeasurePointSchema = z.object({
  id: z.string(),
  date: z.string(),
  value: z.number(),
  note: z.string(),
});
/** One data point. */
export type MeasurePoint = z.infer<typeof MeasurePointSchema>;

/** A note the team put on the chart. */
export const MeasureAnnotationSchema = z.object({ id: z.string(), date: z.string(), label: z.string() });
/** A note the team put on the chart. */
export type MeasureAnnotation = z.infer<typeof MeasureAnnotationSchema>;

/** What the viewer may do with the measure. */
export const MeasureAccessSchema = z.object({ canEdit: z.boolean() });

/** GET /api/measures/:measureId: the measure, its data, notes, chart annotations and analysis. */
export const MeasureDetailSchema = z.object({
  measure: MeasureSchema,
  project: z.object({ id: z.string(), title: z.string() }),
  points: z.array(MeasurePointSchema),
  annotations: z.array(MeasureAnnotationSchema),
  chartAnnotations: z.array(ChartAnnotationSchema),
  /** Null when there are no points. */
  analysis: SpcResultSchema.nullable(),
  myAccess: MeasureAccessSchema,
});
/** A measure with everything its page shows. */
export type MeasureDetail = z.infer<typeof MeasureDetailSchema>;

/** A measure in its project's list: the latest value and the summary icons. */
export const MeasureListItemSchema = MeasureSchema.extend({
  pointCount: z.number().int(),
  latest: MeasurePointSchema.nullable(),
  summary: SpcSummarySchema.nullable(),
});
/** A measure in its project's list. */
export type MeasureListItem = z.infer<typeof MeasureListItemSchema>;

/** GET /api/projects/:projectId/measures. */
export const MeasureListSchema = z.object({
  project: z.object({ id: z.string(), title: z.string() }),
  measures: z.array(MeasureListItemSchema),
  myAccess: MeasureAccessSchema,
});
/** A project's measures. */
export type MeasureList = z.infer<typeof MeasureListSchema>;

/** The most points a measure may hold (re-exported for the pages). */
export const MEASURE_MAX_POINTS = MAX_SERIES_POINTS;
