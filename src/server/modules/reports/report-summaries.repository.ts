import { sql } from "drizzle-orm";
import type { Tx } from "../../platform/db.js";

/**
 * Rebuilds the summary the reports read (docs/decisions/0014) from step_progress in bulk, with plain SQL: each
 * enrolment's count of completed required steps, and its last activity where only progress rows record one. The
 * learning service keeps both current on every write; this is for bulk loads (seed:large) and repairs, and is safe
 * to run at any time (it only changes rows that differ). Returns how many enrolments changed.
 */
export async function rebuildEnrolmentProgress(tx: Tx): Promise<number> {
  // Raw SQL: set-based UPDATE … FROM over an aggregate, which the query builder cannot express.
  const counted = await tx.execute(sql`
    update enrolments e set required_steps_completed = coalesce(d.done, 0),
      last_activity_at = coalesce(e.last_activity_at, d.last_update)
    from enrolments e2
    left join (
      select sp.enrolment_id,
        count(*) filter (where sp.status = 'completed' and s.required)::int as done,
        max(sp.updated_at) as last_update
      from step_progress sp join course_steps s on s.id = sp.step_id
      group by sp.enrolment_id
    ) d on d.enrolment_id = e2.id
    where e2.id = e.id
      and (e.required_steps_completed is distinct from coalesce(d.done, 0)
        or (e.last_activity_at is null and d.last_update is not null))`);
  return (
    (counted as unknown as { rowCount?: number; affectedRows?: number }).rowCount ??
    (counted as unknown as { affectedRows?: number }).affectedRows ??
    0
  );
}
