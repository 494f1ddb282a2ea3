import { z } from "zod";
import { LEVELS } from "./catalogue.js";

/** A UK calendar date as date inputs send it: "2026-12-24". */
const calendarDate = (what: string) =>
  z.iso.date(`Enter ${what} as a real date, like 24 December 2026 (sent as 2026-12-24)`);

const page = z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1);
const pageSize = z.coerce.number().int().min(1).max(100, "Page size must be 100 or fewer").default(25);

/** Most seats one licence can hold: larger numbers are almost certainly typing mistakes. */
export const MAX_LICENCE_SEATS = 100_000;
/** Longest reason for giving a place. */
export const GRANT_REASON_MAX = 500;
/** Longest note on a licence. */
export const LICENCE_NOTE_MAX = 1_000;

/** A course as entitlement lists name it. */
const CourseRefSchema = z.object({ id: z.string(), title: z.string(), level: z.enum(LEVELS) });

/** Whether a grant can still be used: live (not yet used), used (an enrolment came from it), or revoked. */
export const GRANT_STATUSES = ["live", "used", "revoked"] as const;
/** One of GRANT_STATUSES. */
export type GrantStatus = (typeof GRANT_STATUSES)[number];

/** POST /api/admin/grants: give one learner a place on a course, found by email address or by id. */
export const GrantCreateSchema = z
  .object({
    userId: z.uuid("The user id is not valid").optional(),
    email: z
      .string()
      .trim()
      .max(254, "Email address must be 254 characters or fewer")
      .pipe(z.email("Enter the learner's email address in the correct format, like name@example.org"))
      .transform((value) => value.toLowerCase())
      .optional(),
    courseId: z.uuid("Select a course"),
    reason: z
      .string()
      .trim()
      .min(1, "Enter why you are giving this place")
      .max(GRANT_REASON_MAX, `The reason must be ${GRANT_REASON_MAX} characters or fewer`),
  })
  .strict()
  .refine((v) => (v.userId === undefined) !== (v.email === undefined), {
    message: "Enter the learner's email address",
    path: ["email"],
  });
/** A grant to create. */
export type GrantCreateInput = z.infer<typeof GrantCreateSchema>;

/** GET /api/admin/grants query: part of the learner's email address, a course, live or revoked. */
export const GrantQuerySchema = z.object({
  email: z.string().trim().max(254, "Email address must be 254 characters or fewer").optional(),
  courseId: z.uuid("The course id is not valid").optional(),
  status: z.enum(GRANT_STATUSES, { error: "Choose live, used or revoked" }).optional(),
  page,
  pageSize,
});
/** Parsed grant filters. */
export type GrantQuery = z.infer<typeof GrantQuerySchema>;

/** A place given by an administrator, as administrators see it. */
export const GrantSchema = z.object({
  id: z.string(),
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  course: CourseRefSchema,
  reason: z.string(),
  status: z.enum(GRANT_STATUSES),
  grantedByName: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  enrolmentId: z.string().nullable().describe("the enrolment made with this grant, once the learner enrols"),
});
/** One grant. */
export type Grant = z.infer<typeof GrantSchema>;

/** GET /api/admin/grants */
export const GrantPageSchema = z.object({
  items: z.array(GrantSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** A page of grants. */
export type GrantPage = z.infer<typeof GrantPageSchema>;

const seats = z
  .number({ error: "Enter the number of seats as a whole number, like 25" })
  .int("Enter the number of seats as a whole number, like 25")
  .min(1, "A licence must have at least 1 seat")
  .max(MAX_LICENCE_SEATS, `A licence can have at most ${MAX_LICENCE_SEATS.toLocaleString("en-GB")} seats`);
const note = z
  .string()
  .trim()
  .max(LICENCE_NOTE_MAX, `The note must be ${LICENCE_NOTE_MAX.toLocaleString("en-GB")} characters or fewer`)
  .transform((value) => (value === "" ? null : value));
const datesOrdered = (v: { startsOn?: string; endsOn?: string }) =>
  v.startsOn === undefined || v.endsOn === undefined || v.endsOn >= v.startsOn;
const DATES_ORDERED_MESSAGE = "The end date must be the same as or after the start date";

/** POST /api/admin/licences */
export const LicenceCreateSchema = z
  .object({
    organisationId: z.uuid("Search for the organisation and select it"),
    courseId: z.uuid("Select a course"),
    seats,
    startsOn: calendarDate("the start date"),
    endsOn: calendarDate("the end date"),
    note: note.nullable().optional(),
  })
  .strict()
  .refine(datesOrdered, { message: DATES_ORDERED_MESSAGE, path: ["endsOn"] });
/** A licence to create. */
export type LicenceCreateInput = z.infer<typeof LicenceCreateSchema>;

/** PATCH /api/admin/licences/:id: seats, dates and note can change; the organisation and course cannot. */
export const LicenceUpdateSchema = z
  .object({
    seats: seats.optional(),
    startsOn: calendarDate("the start date").optional(),
    endsOn: calendarDate("the end date").optional(),
    note: note.nullable().optional(),
  })
  .strict()
  .refine(datesOrdered, { message: DATES_ORDERED_MESSAGE, path: ["endsOn"] })
  .refine((v) => Object.values(v).some((value) => value !== undefined), {
    message: "Change at least one of the seats, dates or note",
  });
/** Changes to a licence. */
export type LicenceUpdateInput = z.infer<typeof LicenceUpdateSchema>;

/** GET /api/admin/licences query */
export const LicenceQuerySchema = z.object({
  organisationId: z.uuid("The organisation id is not valid").optional(),
  courseId: z.uuid("The course id is not valid").optional(),
  page,
  pageSize,
});
/** Parsed licence filters. */
export type LicenceQuery = z.infer<typeof LicenceQuerySchema>;

/** Where a licence stands today (UK date): seats can be taken only while it is current. */
export const LICENCE_STATUSES = ["upcoming", "current", "ended"] as const;

/** An organisation's licence for a course, with how many of its seats enrolments have taken. */
export const LicenceSchema = z.object({
  id: z.string(),
  organisation: z.object({ id: z.string(), name: z.string(), odsCode: z.string().nullable() }),
  course: CourseRefSchema,
  seats: z.number().int(),
  seatsUsed: z.number().int().describe("enrolments made through this licence; each takes a seat for good"),
  startsOn: z.string(),
  endsOn: z.string(),
  status: z.enum(LICENCE_STATUSES),
  note: z.string().nullable(),
  createdAt: z.string(),
});
/** One licence. */
export type Licence = z.infer<typeof LicenceSchema>;

/** GET /api/admin/licences */
export const LicencePageSchema = z.object({
  items: z.array(LicenceSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** A page of licences. */
export type LicencePage = z.infer<typeof LicencePageSchema>;
