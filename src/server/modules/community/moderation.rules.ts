import type { ModerationAction } from "../../../shared/moderation.js";
import type { CommentState } from "../../../shared/runs.js";

/** What a moderation action does to a comment: its next state, or why it cannot be done (a 409). */
export type ModerationDecision = { ok: true; nextState: CommentState } | { ok: false; message: string };

/**
 * Decides a moderation action from the comment's state and its open reports. Hidden can be restored; removed is
 * final; a comment its author deleted stays deleted (its reports can still be dismissed). Acting twice is refused,
 * so two moderators working the queue at once cannot undo each other without knowing.
 */
export function decideModeration(
  state: CommentState,
  action: ModerationAction,
  openReports: number,
): ModerationDecision {
  const refuse = (message: string): ModerationDecision => ({ ok: false, message });
  if (action === "dismiss") {
    if (openReports === 0)
      return refuse(
        "There are no open reports on this comment to dismiss. Someone may have dealt with them already.",
      );
    return { ok: true, nextState: state };
  }
  if (state === "removed") {
    return refuse(
      action === "remove"
        ? "This comment has already been removed."
        : "This comment has been removed, which is final. It cannot be hidden or restored.",
    );
  }
  if (state === "deleted") {
    return refuse(
      "The author has deleted this comment, so there is nothing to hide, restore or remove. You can dismiss its reports.",
    );
  }
  switch (action) {
    case "hide":
      if (state === "hidden") return refuse("This comment is already hidden.");
      return { ok: true, nextState: "hidden" };
    case "restore":
      if (state === "visible")
        return refuse("This comment is already visible, so there is nothing to restore.");
      return { ok: true, nextState: "visible" };
    case "remove":
      return { ok: true, nextState: "removed" };
  }
}

/** The audit action recorded for each moderation action. */
export const MODERATION_AUDIT_ACTIONS: Record<ModerationAction, string> = {
  hide: "comment.hidden",
  restore: "comment.restored",
  remove: "comment.removed",
  dismiss: "comment.reports_dismissed",
};
