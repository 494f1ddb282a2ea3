import type { NotificationKind } from "../../../shared/notifications-kinds.js";
import type { Tx } from "../../platform/db.js";
import * as repo from "./notifications.repository.js";

/** A notification to create: for whom, what kind, about what, and the plain-text line and local link it shows. */
export interface NotificationInput {
  userId: string;
  kind: NotificationKind;
  actorId?: string | null;
  runId?: string | null;
  commentId?: string | null;
  announcementId?: string | null;
  /** Plain text, e.g. "Aisha Khan replied to your comment on “Why measure?”". */
  summary: string;
  /** A local path, e.g. "/learning/…/steps/…?runId=…#comment-…". */
  link: string;
}

/**
 * Creates notifications inside the caller's transaction, so a comment and the notifications it causes are written
 * together or not at all. Nobody is notified of their own action.
 */
export async function createNotifications(tx: Tx, items: readonly NotificationInput[]): Promise<void> {
  await repo.insertNotifications(
    tx,
    items.filter((item) => item.actorId == null || item.actorId !== item.userId),
  );
}
