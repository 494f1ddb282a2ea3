import { z } from "zod";

/**
 * The CPD record and the transcript (issue 6): learners' own CPD activities, the points completed courses add, and the
 * downloads. See docs/cpd.md for the rules (the CPD year, what counts towards the totals, the file formats).
 */

/** Longest activity title, in characters. */
export const CPD_TITLE_MAX = 200;
/** Longest reflection, in characters of Markdown. */
export const CPD_REFLECTION_MAX = 10_000;
/** Most hours, or points, one activity may record. */
export const CPD_AMOUNT_MAX = 1000;
/** The earliest year an activity may be dated. */
export const CPD_EARLIEST_YEAR = 2000;
/** The earliest date an activity may have. */
export const CPD_EARLIEST_DATE = `${CPD_EARLIEST_YEAR}-01-01`;
/** The month (1–12) a CPD year starts in: April, as the NHS appraisal and financial year does. */
export const CPD_YEAR_START_MONTH: number = 4;

/** True when a YYYY-MM-DD string is a real calendar date (no 31 February). */
export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The CPD year a UK date falls in, named by the calendar year it starts in ("2026-02-10" → 2025). */
export function cpdYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= CPD_YEAR_START_MONTH ? year : year - 1;
}

/** A CPD year's first and last days, inclusive, and how pages name it ("1 April 2025 to 31 March 2026"). */
export function cpdYearRange(startYear: number): { from: string; to: string; label: string } {
  const month = String(CPD_YEAR_START_MONTH).padStart(2, "0");
  const lastMonth = CPD_YEAR_START_MONTH === 1 ? 12 : CPD_YEAR_START_MONTH - 1;
  const lastYear = CPD_YEAR_START_MONTH === 1 ? startYear : startYear + 1;
  const lastDay = new Date(Date.UTC(lastYear, lastMonth, 0)).getUTCDate();
  return {
    from: `${startYear}-${month}-01`,
    to: `${lastYear}-${String(lastMonth).padStart(2, "0")}-${String(lastDay).padStart(2, "0")}`,
    label: `${startYear} to ${startYear + 1}`,
  };
}

export { formatCalendarDate } from "./dates.js";

/** Hundredths of an hour or point: amounts are added up as whole hundredths, so 0.1 + 0.2 is exactly 0.3. */
export function toHundredths(amount: number): number {
  return Math.round(amount * 100);
}

/** An amount of hours or points as people read it: "2", "1.5", "0.25". */
export function formatAmount(amount: number): string {
  return Number(amount.toFixed(2)).toLocaleString("en-GB", { maximumFractionDigits: 2 });
}

const amount = (what: "hours" | "CPD points") =>
  z
    .number({ error: `Enter the ${what} as a number, like 1.5` })
    .gt(0, `The ${what} must be more than 0`)
    .lte(CPD_AMOUNT_MAX, `The ${what} must be ${CPD_AMOUNT_MAX.toLocaleString("en-GB")} or fewer`)
    .refine(
      (v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6,
      `Enter the ${what} with no more than 2 decimal places, like 1.25`,
    );

/** The date an activity took place: a real date from 2000 on (the service also refuses dates in the future). */
export const CpdActivityDateSchema = z
  .string({ error: "Enter the date of the activity" })
  .refine(isRealDate, "The date of the activity must be a real date")
  .refine((v) => v >= CPD_EARLIEST_DATE, `The date of the activity must be in ${CPD_EARLIEST_YEAR} or later`);

/**
 * POST and PUT /api/me/cpd-activities: a title, the date, hours or points (or both), and a reflection in Markdown.
 * The future-date check needs today's UK date, so the service makes it.
 */
export const CpdActivityInputSchema = z
  .object({
    title: z
      .string({ error: "Enter a title for the activity" })
      .trim()
      .min(1, "Enter a title for the activity")
      .max(CPD_TITLE_MAX, `The title must be ${CPD_TITLE_MAX} characters or fewer`),
    activityDate: CpdActivityDateSchema,
    hours: amount("hours").nullable().default(null),
    points: amount("CPD points").nullable().default(null),
    reflection: z
      .string({ error: "The reflection must be text" })
      .max(
        CPD_REFLECTION_MAX,
        `The reflection must be ${CPD_REFLECTION_MAX.toLocaleString("en-GB")} characters or fewer`,
      )
      .default(""),
  })
  .strict()
  .refine((input) => input.hours !== null || input.points !== null, {
    message: "Enter the hours, the CPD points, or both",
    path: ["hours"],
  });
/** A CPD activity as sent to the API. */
export type CpdActivityInput = z.infer<typeof CpdActivityInputSchema>;
/** What the form sends before defaults are applied. */
export type CpdActivityInputRaw = z.input<typeof CpdActivityInputSchema>;

/** One of the learner's own CPD activities. */
export const CpdActivitySchema = z.object({
  id: z.string(),
  title: z.string(),
  activityDate: z.string().describe("UK calendar date, YYYY-MM-DD"),
  hours: z.number().nullable(),
  points: z.number().nullable(),
  reflection: z.string().describe("the Markdown source"),
  reflectionHtml: z
    .string()
    .describe("the reflection rendered safely (raw HTML escaped, unsafe links dropped)"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** A CPD activity. */
export type CpdActivity = z.infer<typeof CpdActivitySchema>;

/** GET /api/me/cpd-activities */
export const CpdActivityListSchema = z.object({ activities: z.array(CpdActivitySchema) });

/** An id in the address. */
export const CpdActivityParamsSchema = z.object({ id: z.uuid("The activity id is not valid") });

/**
 * A certificate's status as the record and transcript show it: valid, expired (valid but past its expiry date),
 * revoked, or replaced (superseded by a reissue).
 */
export const CPD_CERTIFICATE_STATUSES = ["valid", "expired", "revoked", "replaced"] as const;
/** One of CPD_CERTIFICATE_STATUSES. */
export type CpdCertificateStatus = (typeof CPD_CERTIFICATE_STATUSES)[number];
/** How each certificate status is written. */
export const CPD_CERTIFICATE_STATUS_LABELS: Record<CpdCertificateStatus, string> = {
  valid: "Valid",
  expired: "Expired",
  revoked: "Revoked",
  replaced: "Replaced",
};

/** A certificate as the record and transcript name it. */
export const CpdCertificateSchema = z.object({
  id: z.string().describe("for GET /api/certificates/:id/pdf"),
  code: z.string(),
  status: z.enum(CPD_CERTIFICATE_STATUSES),
  expiresOn: z.string().nullable().describe("UK date the certificate expires (or expired), when it does"),
});

/** A course the learner achieved, with the CPD points it added. */
export const CpdCourseEntrySchema = z.object({
  achievementId: z.string(),
  courseTitle: z.string(),
  levelLabel: z.string(),
  programmeTitle: z.string(),
  achievedOn: z.string().describe("UK calendar date, YYYY-MM-DD"),
  cpdPoints: z.number().int(),
  counted: z.boolean().describe("false when its certificate was revoked: its points do not count"),
  certificate: CpdCertificateSchema.nullable(),
});
/** An automatic CPD entry from a completed course. */
export type CpdCourseEntry = z.infer<typeof CpdCourseEntrySchema>;

/** Points and hours added up, with how many entries they came from. */
export const CpdTotalsSchema = z.object({
  points: z.number(),
  hours: z.number(),
  courses: z.number().int(),
  activities: z.number().int(),
});
/** CPD totals. */
export type CpdTotals = z.infer<typeof CpdTotalsSchema>;

/** A CPD year: its start year, first and last days, and name. */
export const CpdYearSchema = z.object({
  startYear: z.number().int(),
  from: z.string(),
  to: z.string(),
  label: z.string(),
});
/** A CPD year. */
export type CpdYear = z.infer<typeof CpdYearSchema>;

/** GET /api/me/cpd-record query: a CPD year (by the calendar year it starts in), or every year. */
export const CpdRecordQuerySchema = z
  .object({
    year: z
      .union([
        z.literal("all"),
        z.coerce
          .number({ error: "Choose a CPD year from the list" })
          .int("Choose a CPD year from the list")
          .min(CPD_EARLIEST_YEAR - 1, "Choose a CPD year from the list")
          .max(9998, "Choose a CPD year from the list"),
      ])
      .optional(),
  })
  .strict();
/** The record page's year filter. */
export type CpdRecordQuery = z.infer<typeof CpdRecordQuerySchema>;

/** GET /api/me/cpd-record: totals, the courses and activities of the chosen year (or all), and the years to choose. */
export const CpdRecordSchema = z.object({
  currentYear: CpdYearSchema,
  selectedYear: CpdYearSchema.nullable().describe("null: every year"),
  years: z.array(CpdYearSchema).describe("CPD years with an entry, and the current one, newest first"),
  totals: z.object({
    currentYear: CpdTotalsSchema,
    allTime: CpdTotalsSchema,
    selected: CpdTotalsSchema,
  }),
  courses: z.array(CpdCourseEntrySchema),
  activities: z.array(CpdActivitySchema),
});
/** The CPD record page's data. */
export type CpdRecord = z.infer<typeof CpdRecordSchema>;

/** GET /api/me/cpd-record.csv and .pdf query: an optional period of UK dates, inclusive. */
export const CpdPeriodQuerySchema = z
  .object({
    from: z
      .string()
      .refine(isRealDate, 'Enter the "from" date as a real date in the form YYYY-MM-DD, like 2025-04-01')
      .optional(),
    to: z
      .string()
      .refine(isRealDate, 'Enter the "to" date as a real date in the form YYYY-MM-DD, like 2026-03-31')
      .optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'The "to" date must be the same as or after the "from" date',
    path: ["to"],
  });
/** A download's period. */
export type CpdPeriodQuery = z.infer<typeof CpdPeriodQuerySchema>;

/** A course achieved, as the transcript lists it. */
export const TranscriptAchievementSchema = z.object({
  achievementId: z.string(),
  courseTitle: z.string(),
  levelLabel: z.string(),
  programmeTitle: z.string(),
  achievedOn: z.string(),
  cpdPoints: z.number().int(),
  certificate: CpdCertificateSchema.nullable(),
  replacedCodes: z
    .array(z.string())
    .describe("earlier certificates for this achievement, replaced by a reissue"),
});
/** An achievement on the transcript. */
export type TranscriptAchievement = z.infer<typeof TranscriptAchievementSchema>;

/** A course under way, as the transcript lists it. */
export const TranscriptEnrolmentSchema = z.object({
  enrolmentId: z.string(),
  courseTitle: z.string(),
  levelLabel: z.string(),
  programmeTitle: z.string(),
  startedOn: z.string(),
  accessEndsOn: z.string(),
  progressPercent: z.number().int(),
  deferred: z.boolean(),
});
/** An enrolment in progress on the transcript. */
export type TranscriptEnrolment = z.infer<typeof TranscriptEnrolmentSchema>;

/** GET /api/me/transcript: every achievement, newest first, and every course still under way. */
export const TranscriptSchema = z.object({
  certificateName: z.string(),
  achievements: z.array(TranscriptAchievementSchema),
  inProgress: z.array(TranscriptEnrolmentSchema),
});
/** The transcript. */
export type Transcript = z.infer<typeof TranscriptSchema>;

/** An admin download's learner, by id. */
export const CpdUserParamsSchema = z.object({ id: z.uuid("The user id is not valid") });
