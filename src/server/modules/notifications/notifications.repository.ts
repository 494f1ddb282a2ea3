import { notifications } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";
import type { NotificationInput } from "./notifications.service.js";

/** Inserts notifications in one statement. */
export async function insertNotifications(tx: Tx, items: readonly NotificationInput[]): Promise<void> {
  if (items.length === 0) return;
  await tx.insert(notifications).values(
    items.map((item) => ({
      userId: item.userId,
      kind: item.kind,
      actorId: item.actorId ?? null,
      runId: item.runId ?? null,
      commentId: item.commentId ?? null,
      announcementId: item.announcementId ?? null,
      summary: item.summary,
      link: item.link,
    })),
  );
}
