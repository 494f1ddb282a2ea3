import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../platform/db.js";

/*
 * Raw SQL throughout: each change is one UPDATE … WHERE <condition> RETURNING, so a row is claimed exactly once however
 * many instances run the job at the same time. The inner SELECT takes at most `batch` rows FOR UPDATE SKIP LOCKED
 * (another instance's claimed rows are skipped, not waited for), and the outer WHERE repeats the condition, so a row
 * another instance changed and committed a moment ago is re-checked under read committed and left alone. The query
 * builder cannot express UPDATE … FROM with a locked sub-select.
 */

/** An enrolment claimed for an email, with what the email says. */
export interface ClaimedEnrolment {
  id: string;
  email: string;
  givenName: string;
  courseTitle: string;
  expiresAt: Date;
}

interface ClaimedRow {
  id: string;
  email: string;
  given_name: string;
  course_title: string;
  expires_at: Date | string;
}

const toClaimed = (row: ClaimedRow): ClaimedEnrolment => ({
  id: row.id,
  email: row.email,
  givenName: row.given_name,
  courseTitle: row.course_title,
  // node-postgres and PGlite both parse timestamptz to Date; accept a string in case a driver does not.
  expiresAt: row.expires_at instanceof Date ? row.expires_at : new Date(row.expires_at),
});

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Deferred enrolments whose new start has arrived become active again. Returns their ids. */
export async function resumeDeferred(tx: Tx, now: Date, batch: number): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`update enrolments set state = 'active', updated_at = ${at(now)}
      where id in (
        select id from enrolments where state = 'deferred' and starts_at <= ${at(now)}
        order by starts_at limit ${batch} for update skip locked)
        and state = 'deferred' and starts_at <= ${at(now)}
      returning id`,
  );
  return rows.map((r) => r.id);
}

/** Active enrolments whose access has ended become expired (read-only; everything else is kept). */
export async function expireEnded(tx: Tx, now: Date, batch: number): Promise<ClaimedEnrolment[]> {
  const rows = await queryRows<ClaimedRow>(
    tx,
    sql`update enrolments e set state = 'expired', expired_at = ${at(now)}, updated_at = ${at(now)}
      from users u, courses c
      where e.id in (
        select id from enrolments where state = 'active' and expires_at <= ${at(now)}
        order by expires_at limit ${batch} for update skip locked)
        and e.state = 'active' and e.expires_at <= ${at(now)}
        and u.id = e.user_id and c.id = e.course_id
      returning e.id, u.email, u.given_name, c.title as course_title, e.expires_at`,
  );
  return rows.map(toClaimed);
}

/**
 * Learners who have not completed, with access ending within the last reminder's cutoff and no such reminder sent.
 * Both reminders are marked sent, so the earlier one is never sent once inside the last one's days.
 */
export async function claimLastReminders(
  tx: Tx,
  now: Date,
  cutoff: Date,
  batch: number,
): Promise<ClaimedEnrolment[]> {
  const rows = await queryRows<ClaimedRow>(
    tx,
    sql`update enrolments e
      set reminder_7_sent_at = ${at(now)}, reminder_30_sent_at = coalesce(e.reminder_30_sent_at, ${at(now)})
      from users u, courses c
      where e.id in (
        select id from enrolments
        where state = 'active' and completed_at is null and reminder_7_sent_at is null
          and expires_at > ${at(now)} and expires_at <= ${at(cutoff)}
        order by expires_at limit ${batch} for update skip locked)
        and e.state = 'active' and e.completed_at is null and e.reminder_7_sent_at is null
        and e.expires_at > ${at(now)} and e.expires_at <= ${at(cutoff)}
        and u.id = e.user_id and c.id = e.course_id
      returning e.id, u.email, u.given_name, c.title as course_title, e.expires_at`,
  );
  return rows.map(toClaimed);
}

/** Learners who have not completed, with access ending between the last and first cutoffs and no first reminder. */
export async function claimFirstReminders(
  tx: Tx,
  lastCutoff: Date,
  firstCutoff: Date,
  now: Date,
  batch: number,
): Promise<ClaimedEnrolment[]> {
  const rows = await queryRows<ClaimedRow>(
    tx,
    sql`update enrolments e set reminder_30_sent_at = ${at(now)}
      from users u, courses c
      where e.id in (
        select id from enrolments
        where state = 'active' and completed_at is null and reminder_30_sent_at is null
          and expires_at > ${at(lastCutoff)} and expires_at <= ${at(firstCutoff)}
        order by expires_at limit ${batch} for update skip locked)
        and e.state = 'active' and e.completed_at is null and e.reminder_30_sent_at is null
        and e.expires_at > ${at(lastCutoff)} and e.expires_at <= ${at(firstCutoff)}
        and u.id = e.user_id and c.id = e.course_id
      returning e.id, u.email, u.given_name, c.title as course_title, e.expires_at`,
  );
  return rows.map(toClaimed);
}
