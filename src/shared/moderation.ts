import { z } from "zod";
import { CommentStateSchema, type ReportReason, ReportReasonSchema } from "./runs.js";

/**
 * Moderation of course runs' discussions (issue 7): anyone who can read a run reports a comment; the run's
 * facilitators and platform administrators hide, restore, remove or dismiss, and suspend members from posting.
 */

/** Longest optional detail a reporter may add, in characters. */
export const REPORT_DETAILS_MAX = 1000;
/** Longest note a moderator may add to an action, in characters. */
export const MODERATION_NOTE_MAX = 1000;
/** Shortest and longest reason for a suspension, in characters. */
export const SUSPENSION_REASON_MIN = 10;
export const SUSPENSION_REASON_MAX = 1000;

/** How each report reason reads to people. */
export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  abusive: "Abusive, offensive or unkind",
  spam: "Spam or advertising",
  personal_information: "Shares personal or patient-identifiable information",
  off_topic: "Off topic",
  other: "Something else",
};

/** What a moderator may do to a reported or hidden comment. */
export const MODERATION_ACTIONS = ["hide", "restore", "remove", "dismiss"] as const;
/** One moderation action. */
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
export const ModerationActionSchema = z.enum(MODERATION_ACTIONS);

/** What the open reports on a comment are resolved as, by action. */
export const REPORT_RESOLUTIONS: Record<ModerationAction, string> = {
  hide: "hidden",
  restore: "restored",
  remove: "removed",
  dismiss: "dismissed",
};

/** Trimmed optional text: blank is the same as absent. */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((value) => (value ? value : undefined));

/** POST /api/comments/:commentId/reports. */
export const CommentReportInputSchema = z
  .object({
    reason: ReportReasonSchema.describe("why the comment should be looked at"),
    details: optionalText(
      REPORT_DETAILS_MAX,
      `Tell us more in ${REPORT_DETAILS_MAX.toLocaleString("en-GB")} characters or fewer`,
    ),
  })
  .strict();
/** A report as sent. */
export type CommentReportInput = z.input<typeof CommentReportInputSchema>;
/** A report as the server reads it. */
export type CommentReport = z.infer<typeof CommentReportInputSchema>;

/** The answer to a report. */
export const CommentReportedSchema = z.object({ reported: z.literal(true) });

/** A comment id in a path. */
export const CommentParamsSchema = z.object({ commentId: z.uuid("The comment id is not valid") });
/** A run id in a path. */
export const ModerationRunParamsSchema = z.object({ runId: z.uuid("The course run id is not valid") });
/** A run member in a path. */
export const RunMemberParamsSchema = z.object({
  runId: z.uuid("The course run id is not valid"),
  userId: z.uuid("The person's id is not valid"),
});

/** POST /api/comments/:commentId/moderation. */
export const ModerationActionInputSchema = z
  .object({
    action: ModerationActionSchema,
    note: optionalText(
      MODERATION_NOTE_MAX,
      `Keep the note to ${MODERATION_NOTE_MAX.toLocaleString("en-GB")} characters or fewer`,
    ),
  })
  .strict();
/** A moderation action as sent. */
export type ModerationActionInput = z.input<typeof ModerationActionInputSchema>;
/** A moderation action as the server reads it. */
export type ModerationActionRequest = z.infer<typeof ModerationActionInputSchema>;

/** The answer to a moderation action: the comment's state now and how many reports it resolved. */
export const ModerationResultSchema = z.object({
  commentId: z.uuid(),
  state: CommentStateSchema,
  resolvedReports: z.number().int(),
});
/** The answer to a moderation action. */
export type ModerationResult = z.infer<typeof ModerationResultSchema>;

/** PUT /api/runs/:runId/suspensions/:userId. */
export const SuspensionInputSchema = z
  .object({
    reason: z
      .string({ error: "Enter why you are suspending this person from posting" })
      .trim()
      .min(1, "Enter why you are suspending this person from posting")
      .min(
        SUSPENSION_REASON_MIN,
        `Enter at least ${SUSPENSION_REASON_MIN} characters saying why, so the person understands`,
      )
      .max(
        SUSPENSION_REASON_MAX,
        `Keep the reason to ${SUSPENSION_REASON_MAX.toLocaleString("en-GB")} characters or fewer`,
      ),
  })
  .strict();
/** A suspension as sent. */
export type SuspensionInput = z.input<typeof SuspensionInputSchema>;
/** A suspension as the server reads it. */
export type Suspension = z.infer<typeof SuspensionInputSchema>;

/** A person as moderation pages name them. */
export const PersonSchema = z.object({ id: z.uuid(), name: z.string() });

/** Where a comment was posted: a step's thread or a topic on the run's board. */
export const CommentPlaceSchema = z.object({
  kind: z.enum(["step", "topic"]),
  id: z.uuid(),
  title: z.string(),
});
/** Where a comment was posted. */
export type CommentPlace = z.infer<typeof CommentPlaceSchema>;

/** One open report on a comment. */
export const OpenReportSchema = z.object({
  id: z.uuid(),
  reporter: PersonSchema,
  reason: ReportReasonSchema,
  details: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

/**
 * A comment with open reports. The body is the author's Markdown source, sent as text (pages show it escaped, so
 * moderators see exactly what was typed, links included).
 */
export const ReportedCommentSchema = z.object({
  commentId: z.uuid(),
  body: z.string(),
  state: CommentStateSchema,
  author: PersonSchema,
  place: CommentPlaceSchema,
  postedAt: z.iso.datetime(),
  reportCount: z.number().int(),
  reasons: z.array(ReportReasonSchema),
  firstReportedAt: z.iso.datetime(),
  reports: z.array(OpenReportSchema),
});
/** A comment with open reports. */
export type ReportedComment = z.infer<typeof ReportedCommentSchema>;

/** A comment a moderator hid (it can be restored or removed). */
export const HiddenCommentSchema = z.object({
  commentId: z.uuid(),
  body: z.string(),
  author: PersonSchema,
  place: CommentPlaceSchema,
  postedAt: z.iso.datetime(),
  hiddenAt: z.iso.datetime().nullable(),
  hiddenBy: z.string().nullable(),
});
/** A hidden comment. */
export type HiddenComment = z.infer<typeof HiddenCommentSchema>;

/** A member suspended from posting in a run. */
export const SuspendedMemberSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  suspendedAt: z.iso.datetime(),
  suspendedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
/** A suspended member. */
export type SuspendedMember = z.infer<typeof SuspendedMemberSchema>;

/** A run as moderation pages name it. */
export const ModerationRunSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  courseId: z.uuid(),
  courseTitle: z.string(),
});

/** GET /api/runs/:runId/moderation: the run's moderation queue. */
export const RunModerationQueueSchema = z.object({
  run: ModerationRunSchema,
  reported: z.array(ReportedCommentSchema),
  hidden: z.array(HiddenCommentSchema),
  suspended: z.array(SuspendedMemberSchema),
});
/** One run's moderation queue. */
export type RunModerationQueue = z.infer<typeof RunModerationQueueSchema>;

/** GET /api/moderation: the queues of every run I facilitate (administrators: every run with something in it). */
export const ModerationOverviewSchema = z.object({ runs: z.array(RunModerationQueueSchema) });
/** The moderation overview. */
export type ModerationOverview = z.infer<typeof ModerationOverviewSchema>;

/** GET/PUT /api/runs/:runId/suspensions/:userId: a member's standing for posting. */
export const MemberStandingSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  suspendedAt: z.iso.datetime().nullable(),
  suspendedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
/** A member's standing. */
export type MemberStanding = z.infer<typeof MemberStandingSchema>;
