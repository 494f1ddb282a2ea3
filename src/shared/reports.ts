import { z } from "zod";
import { LEVELS } from "./catalogue.js";

/** Most rows one page of a report holds. */
export const REPORT_PAGE_SIZE_MAX = 100;
/** Furthest ahead the expiring report looks, in days. */
export const EXPIRING_WITHIN_DAYS_MAX = 365;

/** Where a learner stands on a course, as reports show it (completed wins, then deferred, expired, started). */
export const REPORT_STATUSES = ["not_started", "in_progress", "completed", "deferred", "expired"] as const;
/** One of REPORT_STATUSES. */
export type ReportStatus = (typeof REPORT_STATUSES)[number];
/** How each status is shown to people. */
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  completed: "Completed",
  deferred: "Deferred",
  expired: "Access ended",
};

/** Columns the learner-progress report may be sorted by (an allow-list: nothing else reaches SQL). */
export const PROGRESS_SORTS = [
  "name",
  "email",
  "team",
  "course",
  "level",
  "status",
  "progress",
  "enrolled",
  "lastActive",
  "completed",
  "expires",
] as const;
/** One of PROGRESS_SORTS. */
export type ProgressSort = (typeof PROGRESS_SORTS)[number];

/** Ways a report can be returned: JSON for the page, or every row as a CSV or XLSX file. */
export const PROGRESS_FORMATS = ["json", "csv", "xlsx"] as const;
const format = z.enum(PROGRESS_FORMATS, { error: "Format must be json, csv or xlsx" }).default("json");

const organisationId = z.uuid("Choose an organisation: the organisation id is not valid");
const optionalId = (what: string) => z.uuid(`The ${what} id is not valid`).optional();
const day = (what: string) =>
  z.iso.date(`Enter the ${what} as a real date in the form YYYY-MM-DD, like 2026-03-31`).optional();

/** Filters the learner-progress report, its exports and the page share. Dates are UK calendar days, inclusive. */
export const ProgressFiltersSchema = z.object({
  courseId: optionalId("course"),
  programmeId: optionalId("programme"),
  level: z.enum(LEVELS, { error: "Choose a level from the list" }).optional(),
  status: z.enum(REPORT_STATUSES, { error: "Choose a status from the list" }).optional(),
  teamId: optionalId("team"),
  enrolledFrom: day("first enrolment date"),
  enrolledTo: day("last enrolment date"),
  completedFrom: day("first completion date"),
  completedTo: day("last completion date"),
  lastActiveFrom: day("first date of last activity"),
  lastActiveTo: day("last date of last activity"),
  hasEsr: z.enum(["true", "false"], { error: "ESR number must be true or false" }).optional(),
});
/** Parsed filters. */
export type ProgressFilters = z.infer<typeof ProgressFiltersSchema>;

/** GET /api/reports/learner-progress */
export const ProgressQuerySchema = ProgressFiltersSchema.extend({
  organisationId,
  format,
  sort: z
    .enum(PROGRESS_SORTS, { error: "Choose a column to sort by from the report's columns" })
    .default("name"),
  direction: z.enum(["asc", "desc"], { error: "Sort direction must be asc or desc" }).default("asc"),
  page: z.coerce.number().int().min(1, "Page must be 1 or more").max(100_000, "Page is too large").default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1, "Page size must be 1 or more")
    .max(REPORT_PAGE_SIZE_MAX, `Page size must be ${REPORT_PAGE_SIZE_MAX} or fewer`)
    .default(25),
}).strict();
/** Parsed learner-progress query. */
export type ProgressQuery = z.infer<typeof ProgressQuerySchema>;

/** The organisation a report is about. */
export const ReportOrganisationSchema = z.object({ id: z.string(), name: z.string() });

const isoDateTime = z.string().describe("ISO 8601 date and time");
const named = z.object({ id: z.string(), name: z.string() });

/** One learner on one course. */
export const ProgressRowSchema = z.object({
  enrolmentId: z.string(),
  learnerId: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  email: z.string(),
  esrNumber: z.string().nullable(),
  team: named.nullable(),
  course: z.object({ id: z.string(), title: z.string(), level: z.enum(LEVELS) }),
  status: z.enum(REPORT_STATUSES),
  progressPercent: z.number().int(),
  enrolledAt: isoDateTime,
  lastActiveAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  expiresAt: isoDateTime,
  certificate: z.string().nullable().describe("code of the enrolment's valid certificate, or null"),
});
/** A report row. */
export type ProgressRow = z.infer<typeof ProgressRowSchema>;

/** A page of the learner-progress report. */
export const ProgressPageSchema = z.object({
  organisation: ReportOrganisationSchema,
  rows: z.array(ProgressRowSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});
/** A page of the learner-progress report. */
export type ProgressPage = z.infer<typeof ProgressPageSchema>;

/** GET /api/reports/funnel: every course the organisation's learners are on unless courseId is given. */
export const FunnelQuerySchema = z
  .object({ organisationId: organisationId.optional(), courseId: optionalId("course"), format })
  .strict();
/** Parsed funnel query. */
export type FunnelQuery = z.infer<typeof FunnelQuerySchema>;

/** Enrolled → started (% of enrolled) → completed all modules (% of started), for one course. */
export const FunnelCourseSchema = z.object({
  courseId: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  enrolled: z.number().int(),
  started: z.number().int(),
  startedPercent: z.number().int().describe("started as a % of enrolled, rounded down"),
  completed: z.number().int(),
  completedPercent: z.number().int().describe("completed as a % of started, rounded down"),
});
/** The funnel for one course. */
export type FunnelCourse = z.infer<typeof FunnelCourseSchema>;

/** The engagement funnel per course. */
export const FunnelSchema = z.object({
  organisation: ReportOrganisationSchema.nullable().describe("null: every organisation you can report on"),
  courses: z.array(FunnelCourseSchema),
});
/** The engagement funnel. */
export type Funnel = z.infer<typeof FunnelSchema>;

/** GET /api/reports/completions: the last 12 months by month unless told. */
export const CompletionsQuerySchema = z
  .object({
    organisationId,
    from: day("start date"),
    to: day("end date"),
    interval: z.enum(["month", "week"], { error: "Interval must be month or week" }).default("month"),
    format,
  })
  .strict();
/** Parsed completions query. */
export type CompletionsQuery = z.infer<typeof CompletionsQuerySchema>;

/** Completions per month or week (weeks start on Monday), zero-filled. */
export const CompletionsSchema = z.object({
  organisation: ReportOrganisationSchema,
  interval: z.enum(["month", "week"]),
  from: z.string(),
  to: z.string(),
  total: z.number().int(),
  periods: z.array(z.object({ start: z.string().describe("YYYY-MM-DD"), completions: z.number().int() })),
});
/** Completions over time. */
export type Completions = z.infer<typeof CompletionsSchema>;

/** GET /api/reports/expiring */
export const ExpiringQuerySchema = z
  .object({
    organisationId,
    withinDays: z.coerce
      .number({ error: "Enter a number of days" })
      .int("Enter a whole number of days")
      .min(1, "Enter 1 day or more")
      .max(EXPIRING_WITHIN_DAYS_MAX, `Enter ${EXPIRING_WITHIN_DAYS_MAX} days or fewer`)
      .default(30),
    page: z.coerce
      .number()
      .int()
      .min(1, "Page must be 1 or more")
      .max(100_000, "Page is too large")
      .default(1),
    pageSize: z.coerce
      .number()
      .int()
      .min(1, "Page size must be 1 or more")
      .max(REPORT_PAGE_SIZE_MAX, `Page size must be ${REPORT_PAGE_SIZE_MAX} or fewer`)
      .default(25),
    format,
  })
  .strict();
/** Parsed expiring query. */
export type ExpiringQuery = z.infer<typeof ExpiringQuerySchema>;

/** Learners whose access ends within the days asked for, soonest first, not yet completed. */
export const ExpiringPageSchema = z.object({
  organisation: ReportOrganisationSchema,
  withinDays: z.number().int(),
  rows: z.array(
    ProgressRowSchema.pick({
      enrolmentId: true,
      learnerId: true,
      givenName: true,
      familyName: true,
      email: true,
      team: true,
      course: true,
      progressPercent: true,
      expiresAt: true,
    }),
  ),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
});
/** A page of the expiring report. */
export type ExpiringPage = z.infer<typeof ExpiringPageSchema>;

/** GET /api/reports/teams */
export const TeamsQuerySchema = z.object({ organisationId, format }).strict();

/** Counts for one team (team null: learners with no team). */
export const TeamCountsSchema = z.object({
  team: named.nullable(),
  learners: z.number().int(),
  enrolled: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  expiring: z.number().int().describe("not completed, access ending within 30 days"),
});
/** One team's counts. */
export type TeamCounts = z.infer<typeof TeamCountsSchema>;

/** The manager view: counts per team and for the whole organisation. */
export const TeamsReportSchema = z.object({
  organisation: ReportOrganisationSchema,
  teams: z.array(TeamCountsSchema),
  total: TeamCountsSchema.omit({ team: true }),
});
/** The manager view. */
export type TeamsReport = z.infer<typeof TeamsReportSchema>;

/** GET /api/reports/esr-completions: completions in the last 12 months unless told; teamId narrows to a team. */
export const EsrQuerySchema = z
  .object({ organisationId, teamId: optionalId("team"), from: day("start date"), to: day("end date") })
  .strict();
/** Parsed ESR export query. */
export type EsrQuery = z.infer<typeof EsrQuerySchema>;

/** GET /api/reports/organisations: the organisations the actor may run reports for. */
export const ReportOrganisationsSchema = z.object({
  organisations: z.array(
    ReportOrganisationSchema.extend({
      teams: z.array(named).describe("organisations below this one, for the team filter"),
    }),
  ),
  allOrganisations: z
    .boolean()
    .describe("true for platform administrators, who may report on any organisation"),
});
/** Organisations in the actor's reach. */
export type ReportOrganisations = z.infer<typeof ReportOrganisationsSchema>;

/** GET /api/reports/organisations/:organisationId: an organisation in reach and what its reports filter by. */
export const ReportFilterOptionsSchema = z.object({
  organisation: ReportOrganisationSchema,
  teams: z.array(named).describe("organisations below this one"),
  courses: z.array(
    z.object({ id: z.string(), title: z.string(), level: z.enum(LEVELS), programmeId: z.string() }),
  ),
  programmes: z.array(z.object({ id: z.string(), title: z.string() })),
});
/** An organisation with its teams, and the courses and programmes to filter by. */
export type ReportFilterOptions = z.infer<typeof ReportFilterOptionsSchema>;

/** Days before the end of access that count as "expiring" in the teams report. */
export const TEAMS_EXPIRING_DAYS = 30;
