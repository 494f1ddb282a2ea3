import { desc, eq, sql } from "drizzle-orm";
import { runAnnouncements, users } from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** An announcement with its author's name. */
export interface AnnouncementRow {
  id: string;
  runId: string;
  subject: string;
  body: string;
  createdAt: Date;
  authorGivenName: string;
  authorFamilyName: string;
}

/** Stores an announcement; returns its id and time. */
export async function insertAnnouncement(
  tx: Tx,
  values: { runId: string; authorId: string; subject: string; body: string; createdAt: Date },
): Promise<{ id: string; createdAt: Date }> {
  const [row] = await tx
    .insert(runAnnouncements)
    .values(values)
    .returning({ id: runAnnouncements.id, createdAt: runAnnouncements.createdAt });
  if (!row) throw new Error("announcement insert returned no row");
  return row;
}

/**
 * One 'announcement' notification for every member of the run but the author, in one INSERT … SELECT however many
 * members there are; returns how many were notified.
 */
export async function notifyRunMembers(
  tx: Tx,
  values: { runId: string; announcementId: string; authorId: string; summary: string; link: string },
): Promise<number> {
  // Raw SQL: INSERT … SELECT with constants beside the selected column, which the builder cannot express.
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into notifications (user_id, kind, actor_id, run_id, announcement_id, summary, link)
      select m.user_id, 'announcement', ${values.authorId}, ${values.runId}, ${values.announcementId},
        ${values.summary}, ${values.link}
      from run_members m where m.run_id = ${values.runId} and m.user_id <> ${values.authorId}
      returning id`,
  );
  return rows.length;
}

/** A run's announcements, newest first. */
export async function listForRun(tx: Tx, runId: string): Promise<AnnouncementRow[]> {
  return tx
    .select({
      id: runAnnouncements.id,
      runId: runAnnouncements.runId,
      subject: runAnnouncements.subject,
      body: runAnnouncements.body,
      createdAt: runAnnouncements.createdAt,
      authorGivenName: users.givenName,
      authorFamilyName: users.familyName,
    })
    .from(runAnnouncements)
    .innerJoin(users, eq(users.id, runAnnouncements.authorId))
    .where(eq(runAnnouncements.runId, runId))
    .orderBy(desc(runAnnouncements.createdAt), desc(runAnnouncements.id));
}
