import { z } from "zod";
import { HOUSE_MODULE_KINDS } from "./implementation.js";
import {
  ChartAnnotationSchema,
  MeasureCreateSchema,
  MeasureDetailSchema,
  MeasureListItemSchema,
  MeasureSchema,
  MeasureUpdateSchema,
  SpcPointSchema,
  SpcResultSchema,
  SpcSummarySchema,
} from "./measures.js";
import { IMPROVEMENT_DIRECTIONS, MEASURE_FREQUENCIES } from "./projects.js";

/**
 * Programme implementation (issue 9): the programme's measure library (measures that come with each house module),
 * a team's measures (copied from the library or the team's own) with their data and SPC charts, and the team's
 * "Knowing how we are doing" board. Points, imports and analyses share the project measures' contracts
 * (src/shared/measures.ts).
 */

/** Most measures a team's board shows. */
export const BOARD_MAX_MEASURES = 12;

const uuid = z.uuid("Enter a valid id");

/** Route parameters. */
export const ProgrammeLibraryParamsSchema = z.object({ id: uuid });
export const LibraryItemParamsSchema = z.object({ itemId: uuid });
export const TeamParamsSchema = z.object({ teamId: uuid });
export const TeamMeasureParamsSchema = z.object({ measureId: uuid });
export const TeamMeasurePointParamsSchema = z.object({ measureId: uuid, pointId: uuid });

/** A project measure's fields: required with their messages (create) and optional (update). */
const fields = MeasureCreateSchema.shape;
const changes = MeasureUpdateSchema.shape;
const moduleId = z.uuid("Choose a module of the programme's house").nullable();

/** A measure's details as a project measure shows them: kind, title, definition, unit, direction and frequency. */
const measureDetails = MeasureSchema.pick({
  kind: true,
  title: true,
  definition: true,
  unit: true,
  improvementDirection: true,
  frequency: true,
}).shape;

/** One measure of a programme's library. */
export const LibraryItemSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  houseModuleId: z.string().nullable(),
  ...measureDetails,
  position: z.number().int(),
});
/** One measure of a programme's library. */
export type LibraryItem = z.infer<typeof LibraryItemSchema>;

/** GET /api/programmes/:id/measure-library: the library grouped by house module, in house order. */
export const MeasureLibrarySchema = z.object({
  programme: z.object({ id: z.string(), title: z.string() }),
  /** Every module of the house in order, each with its library measures (possibly none). */
  modules: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      kind: z.enum(HOUSE_MODULE_KINDS),
      title: z.string(),
      items: z.array(LibraryItemSchema),
    }),
  ),
  /** Library measures not tied to a module. */
  otherItems: z.array(LibraryItemSchema),
  /** Whether the viewer may change the library (content editors and administrators). */
  canEdit: z.boolean(),
});
/** A programme's measure library. */
export type MeasureLibrary = z.infer<typeof MeasureLibrarySchema>;

/** POST /api/manage/programmes/:id/measure-library body. */
export const LibraryItemCreateSchema = z
  .object({
    houseModuleId: moduleId.optional(),
    kind: fields.kind,
    title: fields.title,
    definition: fields.definition,
    unit: fields.unit,
    improvementDirection: fields.improvementDirection,
    frequency: fields.frequency,
  })
  .strict();
/** A new library measure. */
export type LibraryItemCreateInput = z.infer<typeof LibraryItemCreateSchema>;

/** PATCH /api/manage/measure-library/:itemId body. */
export const LibraryItemUpdateSchema = z
  .object({
    houseModuleId: moduleId.optional(),
    kind: changes.kind,
    title: changes.title,
    definition: changes.definition,
    unit: changes.unit,
    improvementDirection: changes.improvementDirection,
    frequency: changes.frequency,
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
/** Changes to a library measure. */
export type LibraryItemUpdateInput = z.infer<typeof LibraryItemUpdateSchema>;

/** A team's measure: its details, module, chart settings and place on the board. */
export const TeamMeasureSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  libraryItemId: z.string().nullable(),
  houseModuleId: z.string().nullable(),
  /** The module's title, null for a measure not tied to a module. */
  moduleTitle: z.string().nullable(),
  ...measureDetails,
  target: MeasureSchema.shape.target,
  rules: MeasureSchema.shape.rules,
  baselineEndOn: MeasureSchema.shape.baselineEndOn,
  rebaseOn: MeasureSchema.shape.rebaseOn,
  onBoard: z.boolean(),
  boardPosition: z.number().int(),
  dataVersion: MeasureSchema.shape.dataVersion,
  updatedAt: MeasureSchema.shape.updatedAt,
});
/** A team's measure. */
export type TeamMeasure = z.infer<typeof TeamMeasureSchema>;

/**
 * POST /api/implementation/teams/:teamId/measures body: either `{ libraryItemId, target? }` (a copy of a library
 * measure) or the team's own measure `{ kind, title, definition, unit, improvementDirection, frequency, target,
 * houseModuleId? }`.
 */
export const TeamMeasureCreateSchema = z
  .object({
    libraryItemId: uuid.optional(),
    target: fields.target,
    kind: fields.kind.optional(),
    title: changes.title,
    definition: changes.definition,
    unit: changes.unit,
    improvementDirection: fields.improvementDirection.optional(),
    frequency: fields.frequency.optional(),
    houseModuleId: moduleId.optional(),
  })
  .strict()
  .superRefine((value, context) => {
    if (value.libraryItemId !== undefined) {
      for (const key of [
        "kind",
        "title",
        "definition",
        "unit",
        "improvementDirection",
        "frequency",
        "houseModuleId",
      ] as const) {
        if (value[key] !== undefined)
          context.addIssue({
            code: "custom",
            path: [key],
            message: "A measure from the library keeps the library's details: send only its id and a target",
          });
      }
      return;
    }
    const required = {
      kind: "Choose whether this is an outcome, process or balancing measure",
      title: "Enter a title for the measure",
      improvementDirection: "Choose which direction is better",
      frequency: "Choose how often the data is collected",
    } as const;
    for (const [key, message] of Object.entries(required)) {
      if (value[key as keyof typeof required] === undefined)
        context.addIssue({ code: "custom", path: [key], message });
    }
  });
/** A new team measure. */
export type TeamMeasureCreateInput = z.infer<typeof TeamMeasureCreateSchema>;

/**
 * PATCH /api/implementation/team-measures/:measureId body: details, target, chart settings (rules, a fixed baseline,
 * rebase dates — as a project measure's) or whether it is on the board.
 */
export const TeamMeasureUpdateSchema = z
  .object({
    kind: changes.kind,
    title: changes.title,
    definition: changes.definition,
    unit: changes.unit,
    improvementDirection: changes.improvementDirection,
    frequency: changes.frequency,
    target: changes.target,
    rules: changes.rules,
    baselineEndOn: changes.baselineEndOn,
    rebaseOn: changes.rebaseOn,
    onBoard: z.boolean().optional(),
    houseModuleId: moduleId.optional(),
  })
  .strict();
/** Changes to a team measure. */
export type TeamMeasureUpdateInput = z.infer<typeof TeamMeasureUpdateSchema>;

/** The team a measure page belongs to, for its sub-navigation. */
export const TeamRefSchema = z.object({ id: z.string(), name: z.string(), registrationId: z.string() });

/** A team measure in the team's list: its latest value, how many values and the summary icons. */
export const TeamMeasureListItemSchema = TeamMeasureSchema.extend(
  MeasureListItemSchema.pick({ pointCount: true, latest: true, summary: true }).shape,
);
/** A team measure in the team's list. */
export type TeamMeasureListItem = z.infer<typeof TeamMeasureListItemSchema>;

/** GET /api/implementation/teams/:teamId/measures. */
export const TeamMeasureListSchema = z.object({
  team: TeamRefSchema,
  /** The programme the team implements, whose library the "Add a measure" page offers. */
  programmeId: z.string(),
  measures: z.array(TeamMeasureListItemSchema),
  canEdit: z.boolean(),
});
/** A team's measures. */
export type TeamMeasureList = z.infer<typeof TeamMeasureListSchema>;

/** GET /api/implementation/team-measures/:measureId. */
export const TeamMeasureDetailSchema = z.object({
  measure: TeamMeasureSchema,
  team: TeamRefSchema,
  points: MeasureDetailSchema.shape.points,
  /** Null when there are no values. */
  analysis: SpcResultSchema.nullable(),
  /**
   * The team's module start ("Started …") and completion ("Completed …") dates and the measure's rebases ("Limits
   * recalculated"), in date order, for the chart's time axis.
   */
  annotations: z.array(ChartAnnotationSchema),
  canEdit: z.boolean(),
});
/** A team measure with everything its page shows. */
export type TeamMeasureDetail = z.infer<typeof TeamMeasureDetailSchema>;

/** One card of the board. */
export const BoardMeasureSchema = z.object({
  id: z.string(),
  title: z.string(),
  moduleTitle: z.string().nullable(),
  unit: z.string(),
  improvementDirection: z.enum(IMPROVEMENT_DIRECTIONS),
  frequency: z.enum(MEASURE_FREQUENCIES),
  target: z.number().nullable(),
  boardPosition: z.number().int(),
  latest: z.object({ date: z.string(), value: z.number() }).nullable(),
  /** Variation and assurance; null with no values. */
  summary: SpcSummarySchema.nullable(),
  /** The analysed points for the card's small chart (empty with no values). */
  points: z.array(SpcPointSchema),
  /** The dates the measure's limits are recalculated from, marked on the card's small chart. */
  rebaseOn: z.array(z.string()),
});
/** One card of the board. */
export type BoardMeasure = z.infer<typeof BoardMeasureSchema>;

/** GET /api/implementation/teams/:teamId/board: the team's chosen measures in board order. */
export const TeamBoardSchema = z.object({
  team: TeamRefSchema,
  measures: z.array(BoardMeasureSchema),
  /** Module start and completion dates, for the small charts' time axes. */
  annotations: z.array(ChartAnnotationSchema),
  canEdit: z.boolean(),
});
/** A team's board. */
export type TeamBoard = z.infer<typeof TeamBoardSchema>;

/** PUT /api/implementation/teams/:teamId/board body: the measures to show, in order. */
export const BoardUpdateSchema = z
  .object({
    measureIds: z
      .array(uuid, { error: "Send the measures to show as a list" })
      .max(BOARD_MAX_MEASURES, `Choose ${BOARD_MAX_MEASURES} measures or fewer for the board`)
      .refine((ids) => new Set(ids).size === ids.length, { message: "Choose each measure once" }),
  })
  .strict();
/** The board's measures in order. */
export type BoardUpdateInput = z.infer<typeof BoardUpdateSchema>;
