import { COMMENT_EDIT_MINUTES } from "../../../shared/discussions.js";
import type { CommentState } from "../../../shared/runs.js";
import { conflict, forbidden } from "../../platform/errors.js";
import type { RunAccess } from "./run-access.js";

/** The facts about a comment that decide what a reader may do with it. */
export interface CommentFacts {
  authorId: string;
  state: CommentState;
  createdAt: Date;
  parentId: string | null;
}

/** What a reader may do with one comment, and whether they may see its words. */
export interface CommentPermissions {
  seesBody: boolean;
  canEdit: boolean;
  canDelete: boolean;
  canLike: boolean;
  canReply: boolean;
  canReport: boolean;
  canHighlight: boolean;
  canPin: boolean;
}

/** Whether the author's edit window is still open. */
export function withinEditWindow(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() < COMMENT_EDIT_MINUTES * 60_000;
}

/**
 * A reader's permissions on a comment. Hidden comments' words are for the run's facilitators and administrators
 * only; removed and deleted comments show nobody their words. People do not like or report their own comments.
 */
export function commentPermissions(
  comment: CommentFacts,
  readerId: string,
  access: RunAccess,
  now: Date,
): CommentPermissions {
  const own = comment.authorId === readerId;
  const visible = comment.state === "visible";
  return {
    seesBody: visible || (comment.state === "hidden" && access.canFacilitate),
    canEdit: own && visible && access.canPost && withinEditWindow(comment.createdAt, now),
    canDelete: own && (visible || comment.state === "hidden"),
    canLike: !own && visible && access.canPost,
    canReply: visible && access.canPost,
    canReport: !own && visible && access.canRead,
    canHighlight: visible && access.canFacilitate,
    canPin: visible && comment.parentId === null && access.canFacilitate,
  };
}

/** Refuses unless the actor wrote the comment. */
export function assertIsAuthor(comment: CommentFacts, actorId: string, doing: "edit" | "delete"): void {
  if (comment.authorId !== actorId) {
    throw forbidden(`You can only ${doing} your own comments.`);
  }
}

/** Refuses an edit once the comment is no longer shown or its 15 minutes have passed. */
export function assertCanStillEdit(comment: CommentFacts, now: Date): void {
  if (comment.state !== "visible") {
    throw conflict("This comment can no longer be edited because it is not shown in the discussion.");
  }
  if (!withinEditWindow(comment.createdAt, now)) {
    throw conflict(
      `You can only edit a comment in the ${COMMENT_EDIT_MINUTES} minutes after posting it. You can delete it and post a new one instead.`,
    );
  }
}

/** Refuses liking one's own comment or one that is not shown. */
export function assertCanLike(comment: CommentFacts, actorId: string): void {
  if (comment.authorId === actorId) throw forbidden("You cannot like your own comment.");
  if (comment.state !== "visible")
    throw conflict("You can only like comments that are shown in the discussion.");
}

/** Refuses replying to a comment that is not shown. */
export function assertCanReplyTo(parent: CommentFacts): void {
  if (parent.state !== "visible") {
    throw conflict("You can only reply to comments that are shown in the discussion.");
  }
}

/** Why a reader cannot post, in words for the page; null when they can. */
export function cannotPostReason(access: RunAccess, check: (access: RunAccess) => void): string | null {
  try {
    check(access);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : "You cannot post in this course run.";
  }
}
