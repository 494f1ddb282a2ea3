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
