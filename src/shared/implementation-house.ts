/**
 * Contracts for a programme's house (issue 9): the modules in their defined order, each team's status on them with
 * the plan and "behind" flags, the organisation grid, status changes, progress CSV imports and the house editor.
 */
import { z } from "zod";
import { HOUSE_MODULE_KINDS, MODULE_STATUSES, TEAM_SETTINGS } from "./implementation.js";

/** Longest notes on one module status. */
export const MODULE_NOTES_MAX = 2000;
/** Largest progress CSV accepted, in bytes (2 MB). */
export const PROGRESS_IMPORT_MAX_BYTES = 2 * 1024 * 1024;
/** Most rows in one progress CSV. */
export const PROGRESS_IMPORT_MAX_ROWS = 5000;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when the text is a real calendar date written YYYY-MM-DD. */
export function isRealIsoDate(text: string): boolean {
  if (!ISO_DATE.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 0));
  return date.getUTCFullYear() === y && date.getUTCMonth() === (m ?? 1) - 1 && date.getUTCDate() === d;
}

const calendarDate = z
  .string()
  .refine(isRealIsoDate, "Enter a real date as YYYY-MM-DD, like 2026-03-02")
  .describe("calendar date, YYYY-MM-DD");

/** One module of a programme's house. */
export const HouseModuleSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  kind: z.enum(HOUSE_MODULE_KINDS),
  title: z.string(),
  summary: z.string(),
  typicalWeeks: z.number().int(),
});
/** One module of a programme's house. */
export type HouseModule = z.infer<typeof HouseModuleSchema>;

/** A team's status on one module, with the team's plan for it (sequence modules only) and whether it is behind. */
export const TeamModuleStatusSchema = z.object({
  moduleId: z.uuid(),
  status: z.enum(MODULE_STATUSES),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  sustainingFrom: z.string().nullable(),
  notes: z.string(),
  /** 0 while nothing has been recorded; send it back with a change so a stale form gets 409. */
  revision: z.number().int(),
  updatedAt: z.string().nullable(),
  /** 1-based place in the recommended order; null for guides (beside the house, not in the sequence). */
  sequence: z.number().int().nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  behind: z.boolean(),
  /** Whole weeks (rounded up) since the planned end, when behind; 0 otherwise. */
  weeksBehind: z.number().int(),
});
/** A team's status on one module. */
export type TeamModuleStatus = z.infer<typeof TeamModuleStatusSchema>;

/** Teams per status on one module (or over the whole grid). */
export const StatusCountsSchema = z.object({
  not_started: z.number().int(),
  in_progress: z.number().int(),
  complete: z.number().int(),
  sustaining: z.number().int(),
});
/** Teams per status. */
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** One team's row of the organisation grid. */
export const HouseTeamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  setting: z.enum(TEAM_SETTINGS),
  startedOn: z.string(),
  behind: z.boolean(),
  weeksBehind: z.number().int(),
  /** Every module in house order (guides included). */
  modules: z.array(TeamModuleStatusSchema),
});
/** One team's row of the organisation grid. */
export type HouseTeam = z.infer<typeof HouseTeamSchema>;

/** GET /api/programmes/:id/house: the house, and with ?organisationId= the teams' statuses and counts. */
export const ProgrammeHouseSchema = z.object({
  programme: z.object({ id: z.uuid(), title: z.string() }),
  modules: z.array(HouseModuleSchema),
  organisation: z
    .object({
      id: z.uuid(),
      name: z.string(),
      registrationId: z.uuid(),
      teams: z.array(HouseTeamSchema),
      /** Teams per status for each module, in house order. */
      moduleCounts: z.array(z.object({ moduleId: z.uuid(), counts: StatusCountsSchema })),
      /** Team-module pairs per status over the whole grid. */
      counts: StatusCountsSchema,
      teamsBehind: z.number().int(),
      /** Whether the actor may import progress (a programme lead, or a team leader for their own team). */
      canImport: z.boolean(),
    })
    .nullable(),
});
/** A programme's house, optionally with an organisation's teams. */
export type ProgrammeHouse = z.infer<typeof ProgrammeHouseSchema>;

/** ?organisationId= on the programme house. */
export const ProgrammeHouseQuerySchema = z.object({ organisationId: z.uuid().optional() });
/** :id of a programme. */
export const ProgrammeParamsSchema = z.object({ id: z.uuid() });
/** :teamId of a team. */
export const TeamParamsSchema = z.object({ teamId: z.uuid() });
/** :teamId and :moduleId. */
export const TeamModuleParamsSchema = z.object({ teamId: z.uuid(), moduleId: z.uuid() });
/** :id of a registration. */
export const RegistrationParamsSchema = z.object({ id: z.uuid() });
/** :moduleId of a house module. */
export const HouseModuleParamsSchema = z.object({ moduleId: z.uuid() });

/** GET /api/implementation/teams/:teamId/house: one team's house. */
export const TeamHouseSchema = z.object({
  team: z.object({
    id: z.uuid(),
    name: z.string(),
    setting: z.enum(TEAM_SETTINGS),
    size: z.number().int(),
    startedOn: z.string(),
    registrationId: z.uuid(),
    organisationName: z.string(),
  }),
  programme: z.object({ id: z.uuid(), title: z.string() }),
  /** Every module in house order, each with the team's status. */
  modules: z.array(HouseModuleSchema.extend({ progress: TeamModuleStatusSchema })),
  /** Out-of-order starts: each names the earlier modules not yet started. */
  warnings: z.array(z.string()),
  behind: z.boolean(),
  weeksBehind: z.number().int(),
  canEdit: z.boolean(),
});
/** One team's house. */
export type TeamHouse = z.infer<typeof TeamHouseSchema>;

/** PUT /api/implementation/teams/:teamId/modules/:moduleId. Dates that do not fit the status are cleared. */
export const ModuleStatusUpdateSchema = z.object({
  status: z.enum(MODULE_STATUSES, { error: "Choose the module's status" }),
  startedOn: calendarDate.nullable().optional(),
  completedOn: calendarDate.nullable().optional(),
  sustainingFrom: calendarDate.nullable().optional(),
  notes: z
    .string()
    .max(MODULE_NOTES_MAX, `Notes must be ${MODULE_NOTES_MAX.toLocaleString("en-GB")} characters or fewer`)
    .optional(),
  /** The revision the form was read at (0 when nothing was recorded); omit to overwrite. */
  revision: z.number().int().min(0).optional(),
});
/** A change to a team's status on a module. */
export type ModuleStatusUpdateInput = z.infer<typeof ModuleStatusUpdateSchema>;

/** The saved status with any out-of-order warning. */
export const ModuleStatusResultSchema = z.object({
  progress: TeamModuleStatusSchema,
  warnings: z.array(z.string()),
});
/** The saved status with any out-of-order warning. */
export type ModuleStatusResult = z.infer<typeof ModuleStatusResultSchema>;

/** POST /api/implementation/registrations/:id/progress-import. */
export const ProgressImportSchema = z.object({
  csv: z.string().min(1, "Paste the CSV or choose a file"),
  mode: z.enum(["preview", "apply"]),
});
/** A progress import request. */
export type ProgressImportInput = z.infer<typeof ProgressImportSchema>;

/** What one CSV row would do. */
export const ProgressImportRowSchema = z.object({
  line: z.number().int(),
  team: z.string(),
  module: z.string(),
  status: z.enum(MODULE_STATUSES).nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  sustainingFrom: z.string().nullable(),
  notes: z.string(),
  outcome: z.enum(["new", "changed", "unchanged", "error"]),
  /** Every problem with the row, each a sentence. */
  errors: z.array(z.string()),
  warnings: z.array(z.string()),
});
/** What one CSV row would do. */
export type ProgressImportRow = z.infer<typeof ProgressImportRowSchema>;

/** A preview, or what was applied. */
export const ProgressImportResultSchema = z.object({
  applied: z.boolean(),
  message: z.string(),
  rows: z.array(ProgressImportRowSchema),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  counts: z.object({
    rows: z.number().int(),
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    errors: z.number().int(),
  }),
});
/** A preview, or what was applied. */
export type ProgressImportResult = z.infer<typeof ProgressImportResultSchema>;

const moduleTitle = z
  .string()
  .trim()
  .min(1, "Enter the module's title")
  .max(120, "The title must be 120 characters or fewer");
const moduleSummary = z.string().trim().max(1000, "The summary must be 1,000 characters or fewer");
const typicalWeeks = z
  .number({ error: "Enter the typical weeks as a whole number from 1 to 52" })
  .int("Enter the typical weeks as a whole number from 1 to 52")
  .min(1, "Typical weeks must be between 1 and 52")
  .max(52, "Typical weeks must be between 1 and 52");

/** POST /api/manage/programmes/:id/house/modules: a new module, added at the end of the house. */
export const HouseModuleCreateSchema = z.object({
  kind: z.enum(HOUSE_MODULE_KINDS, { error: "Choose where the module sits in the house" }),
  title: moduleTitle,
  summary: moduleSummary.default(""),
  typicalWeeks: typicalWeeks.default(6),
});
/** A new house module. */
export type HouseModuleCreateInput = z.input<typeof HouseModuleCreateSchema>;

/** PATCH /api/manage/house-modules/:moduleId. */
export const HouseModuleUpdateSchema = z.object({
  kind: z.enum(HOUSE_MODULE_KINDS, { error: "Choose where the module sits in the house" }).optional(),
  title: moduleTitle.optional(),
  summary: moduleSummary.optional(),
  typicalWeeks: typicalWeeks.optional(),
});
/** A change to a house module. */
export type HouseModuleUpdateInput = z.infer<typeof HouseModuleUpdateSchema>;

/** POST /api/manage/house-modules/:moduleId/move. */
export const HouseModuleMoveSchema = z.object({ direction: z.enum(["up", "down"]) });
/** Which way to move a module. */
export type HouseModuleMoveInput = z.infer<typeof HouseModuleMoveSchema>;

/** GET /api/manage/programmes/:id/house: the house as editors see it. */
export const HouseEditorSchema = z.object({
  programme: z.object({ id: z.uuid(), title: z.string() }),
  modules: z.array(
    HouseModuleSchema.extend({
      /** Teams with a status on the module (it cannot be deleted while any). */
      teamsWithStatus: z.number().int(),
    }),
  ),
});
/** The house as editors see it. */
export type HouseEditor = z.infer<typeof HouseEditorSchema>;
