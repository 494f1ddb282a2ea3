import { z } from "zod";
import { LEVELS } from "./catalogue.js";
import { DEFERRAL_STATUSES, ENROLMENT_STATES } from "./learning.js";

/** Longest reason, decision note or message on a deferral request. */
export const DEFERRAL_TEXT_MAX = 2_000;

/** Why a learner may not ask to defer (403 codes): the level, the four-week window, or the enrolment's state. */
export const DEFERRAL_REFUSALS = [
  "level_not_deferrable",
  "deferral_window_closed",
  "enrolment_read_only",
  "course_completed",
  "already_deferred",
] as const;

const isoDate = z.string().describe("ISO 8601 date and time");
const text = (empty: string) =>
  z
    .string({ error: empty })
    .trim()
    .min(1, empty)
    .max(DEFERRAL_TEXT_MAX, `This must be ${DEFERRAL_TEXT_MAX.toLocaleString("en-GB")} characters or fewer`);

/** POST /api/learning/enrolments/:id/deferrals */
export const DeferralCreateSchema = z.object({ reason: text("Enter why you need to defer") }).strict();
/** A learner's request to defer. */
export type DeferralCreateInput = z.infer<typeof DeferralCreateSchema>;

/** POST …/deferrals/:requestId/messages (learner) and /api/admin/deferrals/:id/messages */
export const DeferralMessageCreateSchema = z.object({ body: text("Enter your message") }).strict();
/** A message on a deferral request. */
export type DeferralMessageCreateInput = z.infer<typeof DeferralMessageCreateSchema>;

/** POST /api/admin/deferrals/:id/approve: the UK date the course starts again, from today up to 12 months ahead. */
export const DeferralApproveSchema = z
  .object({
    resumesOn: z.iso.date("Enter the new start date as a real date, like 2 March 2027"),
  })
  .strict();
/** An approval. */
export type DeferralApproveInput = z.infer<typeof DeferralApproveSchema>;

/** POST /api/admin/deferrals/:id/decline */
export const DeferralDeclineSchema = z.object({ reason: text("Enter why the request is declined") }).strict();
/** A decline, with the reason the learner is told. */
export type DeferralDeclineInput = z.infer<typeof DeferralDeclineSchema>;

/** GET /api/admin/deferrals query: the queue to show (pending unless told). */
export const DeferralQuerySchema = z.object({
  status: z.enum(DEFERRAL_STATUSES, { error: "Choose pending, approved or declined" }).default("pending"),
  page: z.coerce.number().int().min(1, "Page must be 1 or more").max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "Page size must be 100 or fewer").default(25),
});
/** Parsed queue filters. */
export type DeferralQuery = z.infer<typeof DeferralQuerySchema>;

/** One message on a request. Learners see administrators as "QI Academy" (authorName null), not by name. */
export const DeferralMessageSchema = z.object({
  id: z.string(),
  from: z.enum(["learner", "administrator"]),
  authorName: z.string().nullable(),
  body: z.string(),
  createdAt: isoDate,
});
/** A message. */
export type DeferralMessage = z.infer<typeof DeferralMessageSchema>;

/** A deferral request with its decision and messages. */
export const DeferralRequestSchema = z.object({
  id: z.string(),
  status: z.enum(DEFERRAL_STATUSES),
  reason: z.string(),
  requestedAt: isoDate,
  decidedAt: isoDate.nullable(),
  decisionNote: z.string().nullable().describe("why a request was declined"),
  resumesAt: isoDate.nullable().describe("on approval: when the course starts again"),
  messages: z.array(DeferralMessageSchema),
});
/** A request as its learner sees it. */
export type DeferralRequest = z.infer<typeof DeferralRequestSchema>;

/** The enrolment a deferral is about, with its current dates. */
export const DeferralEnrolmentSchema = z.object({
  id: z.string(),
  state: z.enum(ENROLMENT_STATES),
  startsAt: isoDate,
  expiresAt: isoDate,
  completedAt: isoDate.nullable(),
});

/** The course a deferral is about. */
export const DeferralCourseSchema = z.object({
  id: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  programmeTitle: z.string(),
});

/** GET /api/learning/enrolments/:id/deferrals: whether the learner may ask, and their requests, newest first. */
export const LearnerDeferralsSchema = z.object({
  enrolment: DeferralEnrolmentSchema,
  course: DeferralCourseSchema,
  eligibility: z.object({
    allowed: z.boolean(),
    deadline: isoDate.nullable().describe("the last moment to ask, while asking is allowed"),
    code: z.enum(DEFERRAL_REFUSALS).nullable(),
    message: z.string().nullable().describe("why the learner cannot ask, in words they can act on"),
  }),
  pendingRequestId: z.string().nullable(),
  requests: z.array(DeferralRequestSchema),
});
/** A learner's deferral page. */
export type LearnerDeferrals = z.infer<typeof LearnerDeferralsSchema>;

/** One row of the administrators' queue. */
export const AdminDeferralSummarySchema = z.object({
  id: z.string(),
  status: z.enum(DEFERRAL_STATUSES),
  enrolmentId: z.string(),
  learner: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  course: z.object({ id: z.string(), title: z.string(), level: z.enum(LEVELS) }),
  reason: z.string(),
  requestedAt: isoDate,
  windowDeadline: isoDate.describe("four weeks after the course started: the last moment to ask"),
  decidedAt: isoDate.nullable(),
  messageCount: z.number().int(),
  lastMessageFrom: z.enum(["learner", "administrator"]).nullable(),
});
/** A queue row. */
export type AdminDeferralSummary = z.infer<typeof AdminDeferralSummarySchema>;

/** GET /api/admin/deferrals */
export const AdminDeferralPageSchema = z.object({
  items: z.array(AdminDeferralSummarySchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
/** A page of the queue. */
export type AdminDeferralPage = z.infer<typeof AdminDeferralPageSchema>;

/** GET /api/admin/deferrals/:id and the answer to each decision or message. */
export const AdminDeferralSchema = AdminDeferralSummarySchema.extend({
  enrolment: DeferralEnrolmentSchema,
  course: DeferralCourseSchema,
  organisationName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionNote: z.string().nullable(),
  resumesAt: isoDate.nullable(),
  messages: z.array(DeferralMessageSchema),
});
/** One request as administrators see it. */
export type AdminDeferral = z.infer<typeof AdminDeferralSchema>;
