import { z } from "zod";

/** Visible; hidden by a moderator (can be restored); removed by a moderator; deleted by its author. */
export const COMMENT_STATES = ["visible", "hidden", "removed", "deleted"] as const;
/** A comment's state. */
export type CommentState = (typeof COMMENT_STATES)[number];
export const CommentStateSchema = z.enum(COMMENT_STATES);

/** Why someone reports a comment. */
export const REPORT_REASONS = ["abusive", "spam", "personal_information", "off_topic", "other"] as const;
/** A report's reason. */
export type ReportReason = (typeof REPORT_REASONS)[number];
export const ReportReasonSchema = z.enum(REPORT_REASONS);

/** Where a run is in its life, worked out from its dates. */
export const RUN_PHASES = ["upcoming", "open", "live", "open_after_live", "catch_up", "ended"] as const;
/** A run's phase. */
export type RunPhase = (typeof RUN_PHASES)[number];
export const RunPhaseSchema = z.enum(RUN_PHASES);

/** The dates of a run, as the database holds them. */
export interface RunDates {
  opensAt: Date;
  liveStartsAt: Date;
  liveEndsAt: Date;
  commentsCloseAt: Date;
  catchUpUntil: Date;
}

/**
 * The phase of a run at a moment: before it opens; open before the live week; the facilitated live week; open after
 * it; catch-up (readable, no new comments); ended.
 */
export function runPhase(run: RunDates, now: Date): RunPhase {
  const t = now.getTime();
  if (t < run.opensAt.getTime()) return "upcoming";
  if (t < run.liveStartsAt.getTime()) return "open";
  if (t < run.liveEndsAt.getTime()) return "live";
  if (t < run.commentsCloseAt.getTime()) return "open_after_live";
  if (t < run.catchUpUntil.getTime()) return "catch_up";
  return "ended";
}

/** Whether members may post (comments, replies, topics, likes) in this phase. */
export function runAcceptsPosts(phase: RunPhase): boolean {
  return phase === "open" || phase === "live" || phase === "open_after_live";
}

/** Whether members can still read the run's discussions in this phase. */
export function runIsReadable(phase: RunPhase): boolean {
  return phase !== "upcoming" && phase !== "ended";
}

/* ------------------------------------------------------------------------------------------------------------------
 * Course runs: scheduling, the run list for a course, joining, the facilitator hub (helper RUNS).
 * ---------------------------------------------------------------------------------------------------------------- */

/** Longest run title, in characters. */
export const RUN_TITLE_MAX = 120;
/** Most facilitators one run may have. */
export const RUN_FACILITATORS_MAX = 20;

/** The five dates of a run, in the order they must fall. */
export const RUN_DATE_FIELDS = [
  "opensAt",
  "liveStartsAt",
  "liveEndsAt",
  "commentsCloseAt",
  "catchUpUntil",
] as const;
/** One of a run's dates. */
export type RunDateField = (typeof RUN_DATE_FIELDS)[number];

/** How pages name each date, in sentences ("The live week's start"). */
export const RUN_DATE_LABELS: Record<RunDateField, string> = {
  opensAt: "the date the run opens",
  liveStartsAt: "the start of the live week",
  liveEndsAt: "the end of the live week",
  commentsCloseAt: "the date comments close",
  catchUpUntil: "the end of catch-up",
};

/**
 * What is wrong with the order of a run's dates (any comparable values: instants in milliseconds, or UK wall-clock
 * strings "2027-03-03T09:00"), one message per field, blaming the later date of each pair. Opening may coincide with
 * the live week's start, and the live week's end with comments closing, and comments closing with catch-up's end; the
 * live week itself must last some time. The database check course_runs_dates_ordered holds the same rule.
 */
export function runDateOrderProblems<T extends number | string>(
  dates: Record<RunDateField, T>,
): Partial<Record<RunDateField, string>> {
  const problems: Partial<Record<RunDateField, string>> = {};
  if (dates.liveStartsAt < dates.opensAt)
    problems.liveStartsAt = "The live week must start on or after the date the run opens";
  if (dates.liveEndsAt <= dates.liveStartsAt) problems.liveEndsAt = "The live week must end after it starts";
  if (dates.commentsCloseAt < dates.liveEndsAt)
    problems.commentsCloseAt = "Comments must close on or after the end of the live week";
  if (dates.catchUpUntil < dates.commentsCloseAt)
    problems.catchUpUntil = "Catch-up must end on or after the date comments close";
  return problems;
}

/** True when "YYYY-MM-DDTHH:MM" is a real date and time of day. */
export function isRealUkDateTime(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return false;
  const [, y, m, d, hh, mm] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d &&
    hh < 24 &&
    mm < 60
  );
}

/** A UK wall-clock date and time, "2027-03-03T09:00" (Europe/London, GMT or BST as on that day). */
export const UkDateTimeSchema = z
  .string("Enter a date and time")
  .refine(isRealUkDateTime, "Enter a real date and a time such as 09:00");

const runFields = {
  title: z
    .string("Enter a title for the run")
    .trim()
    .min(1, "Enter a title for the run")
    .max(RUN_TITLE_MAX, `The title must be ${RUN_TITLE_MAX} characters or fewer`),
  opensAt: UkDateTimeSchema,
  liveStartsAt: UkDateTimeSchema,
  liveEndsAt: UkDateTimeSchema,
  commentsCloseAt: UkDateTimeSchema,
  catchUpUntil: UkDateTimeSchema,
  facilitatorIds: z
    .array(z.uuid("Choose facilitators from the list"))
    .max(RUN_FACILITATORS_MAX, `Choose ${RUN_FACILITATORS_MAX} facilitators or fewer`)
    .default([]),
};

/** Scheduling a run: POST /api/runs. Dates are UK wall-clock times; the creator, if a facilitator, is added. */
export const RunCreateInputSchema = z.strictObject({
  courseId: z.uuid("Choose a mini-course"),
  ...runFields,
});
/** Scheduling a run, as the server reads it. */
export type RunCreateInput = z.infer<typeof RunCreateInputSchema>;
/** Scheduling a run, as the web sends it. */
export type RunCreateInputRaw = z.input<typeof RunCreateInputSchema>;

/** Changing a run: PUT /api/runs/:runId (the course cannot change). facilitatorIds replaces the list. */
export const RunUpdateInputSchema = z.strictObject(runFields);
/** Changing a run, as the server reads it. */
export type RunUpdateInput = z.infer<typeof RunUpdateInputSchema>;
/** Changing a run, as the web sends it. */
export type RunUpdateInputRaw = z.input<typeof RunUpdateInputSchema>;

/** A person named on a run (a facilitator). */
export const RunPersonSchema = z.object({ id: z.string(), name: z.string() });

/** Where the signed-in viewer stands in a run; null when signed out. */
export const RunViewerSchema = z
  .object({ isMember: z.boolean(), isFacilitator: z.boolean(), suspended: z.boolean() })
  .nullable();

/** One run as the course page, the outline and the discussions see it. Dates are ISO instants. */
export const RunSchema = z.object({
  id: z.string(),
  courseId: z.string(),
  title: z.string(),
  opensAt: z.string(),
  liveStartsAt: z.string(),
  liveEndsAt: z.string(),
  commentsCloseAt: z.string(),
  catchUpUntil: z.string(),
  phase: RunPhaseSchema,
  facilitators: z.array(RunPersonSchema),
  memberCount: z.number(),
  viewer: RunViewerSchema,
});
/** One run. */
export type Run = z.infer<typeof RunSchema>;

/** GET /api/runs?courseId= → the course's runs, by opening date. */
export const RunListSchema = z.object({ runs: z.array(RunSchema) });
/** The course's runs. */
export type RunList = z.infer<typeof RunListSchema>;

/** GET /api/runs query: the course, and whether to include runs that have ended. */
export const RunListQuerySchema = z.object({
  courseId: z.uuid("The course id is not valid"),
  includeEnded: z.enum(["true", "false"]).optional(),
});

/** :runId in a path. */
export const RunParamsSchema = z.object({ runId: z.uuid("The run id is not valid") });
/** :courseId in a path. */
export const RunCourseParamsSchema = z.object({ courseId: z.uuid("The course id is not valid") });

/** POST /api/runs/:runId/members → the run joined, and whether the learner moved from another run of the course. */
export const RunJoinResultSchema = z.object({
  run: RunSchema,
  movedFromRunId: z.string().nullable(),
});
/** The result of joining a run. */
export type RunJoinResult = z.infer<typeof RunJoinResultSchema>;

/** A run in the facilitator hub: the run and its course. */
export const FacilitatedRunSchema = RunSchema.extend({
  courseTitle: z.string(),
  /** Whether the viewer may change it (its facilitators and administrators). */
  canEdit: z.boolean(),
});
/** A run in the facilitator hub. */
export type FacilitatedRun = z.infer<typeof FacilitatedRunSchema>;

/** GET /api/facilitate/runs → runs I facilitate (administrators: all runs), by opening date. */
export const FacilitatedRunListSchema = z.object({ runs: z.array(FacilitatedRunSchema) });
/** The hub's run list. */
export type FacilitatedRunList = z.infer<typeof FacilitatedRunListSchema>;

/** A member of a run, as its facilitators see them. */
export const RunMemberSchema = z.object({
  userId: z.string(),
  name: z.string(),
  joinedAt: z.string(),
  suspended: z.boolean(),
});
/** A member of a run. */
export type RunMember = z.infer<typeof RunMemberSchema>;

/** GET /api/facilitate/runs/:runId → the run overview: the run, its members (audited), whether it can be deleted. */
export const RunOverviewSchema = z.object({
  run: FacilitatedRunSchema,
  members: z.array(RunMemberSchema),
  /** A run with no members can be deleted. */
  canDelete: z.boolean(),
  /** The run's dates as UK wall-clock times, for the edit form. */
  ukDates: z.object({
    opensAt: z.string(),
    liveStartsAt: z.string(),
    liveEndsAt: z.string(),
    commentsCloseAt: z.string(),
    catchUpUntil: z.string(),
  }),
});
/** The run overview. */
export type RunOverview = z.infer<typeof RunOverviewSchema>;

/** GET /api/facilitate/run-options → what a run can be scheduled for and who can facilitate it. */
export const RunOptionsSchema = z.object({
  courses: z.array(z.object({ id: z.string(), title: z.string() })),
  facilitators: z.array(RunPersonSchema),
});
/** The choices on the run form. */
export type RunOptions = z.infer<typeof RunOptionsSchema>;

/** How the phase reads in a sentence: "This run is live", "Open for catch-up". */
export const RUN_PHASE_LABELS: Record<RunPhase, string> = {
  upcoming: "Not open yet",
  open: "Open: the live week is coming",
  live: "Live: facilitated this week",
  open_after_live: "Open for comments",
  catch_up: "Catch-up: read only",
  ended: "Ended",
};

/* ------------------------------------------------------------------------------------------------------------------
 * Engagement analytics for a run or a course.
 * ---------------------------------------------------------------------------------------------------------------- */

/** A count and its share of a whole, in whole per cent (0 when the whole is 0). */
export const CountShareSchema = z.object({ count: z.number(), percent: z.number() });

/** A step in the engagement figures. */
const EngagementStepSchema = z.object({
  stepId: z.string(),
  title: z.string(),
  moduleTitle: z.string(),
  /** "1.2": module and step number, in course order. */
  number: z.string(),
});

/** GET /api/runs/:runId/engagement and GET /api/courses/:courseId/engagement. */
export const EngagementSchema = z.object({
  scope: z.object({
    kind: z.enum(["run", "course"]),
    courseId: z.string(),
    courseTitle: z.string(),
    runId: z.string().nullable(),
    runTitle: z.string().nullable(),
    /** The days active learners are counted over (UK dates, inclusive); null when the range is empty. */
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  /** Run members, or the course's enrolments. */
  enrolled: z.number(),
  /** Started: any step progress; percent of enrolled. */
  started: CountShareSchema,
  /** Completed every module; percent of started. */
  completed: CountShareSchema,
  activeByDay: z.array(z.object({ day: z.string(), learners: z.number() })),
  commentsPerStep: z.array(EngagementStepSchema.extend({ comments: z.number() })),
  /** Learners who started but did not complete, by the furthest step they reached. */
  stops: z.array(EngagementStepSchema.extend({ learners: z.number() })),
});
/** Engagement figures. */
export type Engagement = z.infer<typeof EngagementSchema>;
