import { type SQL, sql } from "drizzle-orm";
import type { Level } from "../../../shared/catalogue.js";
import type { ProgressSort, ReportStatus } from "../../../shared/reports.js";
import { queryRows, type Tx } from "../../platform/db.js";

// Every query here is raw SQL: a recursive CTE over the organisation tree, FILTER aggregates, row-value keyset
// comparisons and computed sort keys, which the query builder cannot express (docs/decisions/0014).

/**
 * The scope of a report, resolved once per request: the ids of the organisations at the roots and every one below
 * them (a recursive walk down organisations.parent_id), or null for every learner (platform administrators asking
 * for no organisation). Only resolveScope makes one, and every report function below takes one.
 */
export interface ReportScope {
  readonly organisationIds: readonly string[] | null;
}

/** Resolves the organisations a report covers: `roots` and everything below them (null roots: everyone). */
export async function resolveScope(tx: Tx, roots: readonly string[] | null): Promise<ReportScope> {
  if (roots === null) return { organisationIds: null };
  if (roots.length === 0) return { organisationIds: [] };
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive scope(id, depth) as (
        select id, 0 from organisations where id in (${sql.join(
          roots.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})
        union
        select o.id, s.depth + 1 from organisations o join scope s on o.parent_id = s.id where s.depth < 50)
      select distinct id from scope`,
  );
  return { organisationIds: rows.map((r) => r.id) };
}

/**
 * THE condition every report puts on the learner `u`: their organisation or team is in the scope. The ids are
 * given as literals (an array of the resolved organisations), so the planner sees how many learners match and uses
 * the users' organisation and team indexes; a recursive CTE in the same statement hid that and led to nested loops.
 */
function learnersInScope(scope: ReportScope): SQL {
  const ids = scope.organisationIds;
  if (ids === null) return sql`true`;
  if (ids.length === 0) return sql`false`;
  const list = sql`array[${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )}]`;
  return sql`(u.organisation_id = any(${list}) or u.team_id = any(${list}))`;
}

/** Required steps per course, for progress %: small (one row per course), so computed with each report. */
const courseTotals = sql`with course_totals(course_id, required) as (
    select m.course_id, count(*) filter (where s.required)::int
    from course_modules m join course_steps s on s.module_id = m.id group by m.course_id)`;

const STARTED = sql.raw(`(e.last_activity_at is not null or e.completed_at is not null)`);
const STATUS_SQL = `(case when e.completed_at is not null then 'completed'
  when e.state = 'deferred' then 'deferred'
  when e.state = 'expired' or e.expires_at <= now() then 'expired'
  when e.last_activity_at is not null then 'in_progress'
  else 'not_started' end)`;
const STATUS = sql.raw(STATUS_SQL);
/**
 * The same statuses as plain column conditions, for filtering: the planner has statistics for columns but not for
 * the CASE above, whose selectivity it would guess (badly) and then scan every enrolment.
 */
const STATUS_WHERE: Record<ReportStatus, SQL> = {
  completed: sql.raw(`e.completed_at is not null`),
  deferred: sql.raw(`e.completed_at is null and e.state = 'deferred'`),
  expired: sql.raw(
    `e.completed_at is null and e.state <> 'deferred' and (e.state = 'expired' or e.expires_at <= now())`,
  ),
  in_progress: sql.raw(
    `e.completed_at is null and e.state = 'active' and e.expires_at > now() and e.last_activity_at is not null`,
  ),
  not_started: sql.raw(
    `e.completed_at is null and e.state = 'active' and e.expires_at > now() and e.last_activity_at is null`,
  ),
};
const PROGRESS_SQL = `(case when e.completed_at is not null then 100
  when coalesce(ct.required, 0) = 0 then 0
  else least(100, e.required_steps_completed * 100 / ct.required) end)`;
const PROGRESS = sql.raw(PROGRESS_SQL);

/** The SQL each allowed sort column stands for. Only these constants reach ORDER BY. */
const SORT_KEYS: Record<ProgressSort, string> = {
  name: "lower(u.family_name) %d, lower(u.given_name) %d",
  email: "u.email %d",
  team: "t.name %d nulls last",
  course: "c.title %d",
  level: "c.level %d",
  status: `${STATUS_SQL} %d`,
  progress: `${PROGRESS_SQL} %d`,
  enrolled: "e.created_at %d",
  lastActive: "e.last_activity_at %d nulls last",
  completed: "e.completed_at %d nulls last",
  expires: "e.expires_at %d",
};

/** ORDER BY for a sort from the allow-list, with the learner's name and the enrolment id breaking ties. */
function orderBy(sort: ProgressSort, direction: "asc" | "desc"): SQL {
  const dir = direction === "desc" ? "desc" : "asc";
  return sql.raw(
    `order by ${SORT_KEYS[sort].replaceAll("%d", dir)}, lower(u.family_name), lower(u.given_name), u.id, e.id`,
  );
}

/** An organisation with the ids of itself and every organisation above it, or null when unknown. */
export async function findOrganisationWithLineage(tx: Tx, organisationId: string) {
  const rows = await queryRows<{ id: string; name: string; depth: number }>(
    tx,
    sql`with recursive up(id, name, parent_id, depth) as (
        select id, name, parent_id, 0 from organisations where id = ${organisationId}
        union all
        select o.id, o.name, o.parent_id, up.depth + 1 from organisations o join up on o.id = up.parent_id
        where up.depth < 50)
      select id, name, depth from up order by depth`,
  );
  const self = rows[0];
  if (!self) return null;
  return { id: self.id, name: self.name, lineage: rows.map((r) => r.id) };
}

/** Organisations by id, in name order (the roots a learner administrator holds). */
export async function organisationsByIds(tx: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`select id, name from organisations where id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) order by name`,
  );
}

/** Every organisation below one (not itself), in name order: the teams a report can be narrowed to. */
export async function organisationsBelow(tx: Tx, organisationId: string) {
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`with recursive below(id, depth) as (
        select id, 1 from organisations where parent_id = ${organisationId}
        union all
        select o.id, b.depth + 1 from organisations o join below b on o.parent_id = b.id where b.depth < 50)
      select o.id, o.name from below b join organisations o on o.id = b.id order by o.name, o.id`,
  );
}

/** Courses and programmes for the report filters (drafts hold no learners). */
export async function filterOptions(tx: Tx) {
  const [courses, programmes] = await Promise.all([
    queryRows<{ id: string; title: string; level: Level; programme_id: string }>(
      tx,
      sql`select c.id, c.title, c.level, c.programme_id from courses c join programmes p on p.id = c.programme_id
        where c.status <> 'draft' order by p.position, c.position`,
    ),
    queryRows<{ id: string; title: string }>(tx, sql`select id, title from programmes order by position`),
  ]);
  return { courses, programmes };
}

/** A course's title and level, or null. */
export async function findCourse(tx: Tx, courseId: string) {
  const [row] = await queryRows<{ id: string; title: string; level: Level }>(
    tx,
    sql`select id, title, level from courses where id = ${courseId}`,
  );
  return row ?? null;
}

/** Learner-progress filters, already checked, with dates as instants (from inclusive, to exclusive). */
export interface ProgressCriteria {
  scope: ReportScope;
  courseId?: string;
  programmeId?: string;
  level?: Level;
  status?: ReportStatus;
  enrolled?: { from?: Date; to?: Date };
  completed?: { from?: Date; to?: Date };
  lastActive?: { from?: Date; to?: Date };
  hasEsr?: boolean;
}

function between(column: string, range?: { from?: Date; to?: Date }): SQL[] {
  const parts: SQL[] = [];
  if (range?.from) parts.push(sql`${sql.raw(column)} >= ${range.from.toISOString()}::timestamptz`);
  if (range?.to) parts.push(sql`${sql.raw(column)} < ${range.to.toISOString()}::timestamptz`);
  return parts;
}

function progressWhere(c: ProgressCriteria): SQL {
  const parts: SQL[] = [learnersInScope(c.scope)];
  if (c.courseId) parts.push(sql`e.course_id = ${c.courseId}`);
  if (c.programmeId) parts.push(sql`c.programme_id = ${c.programmeId}`);
  if (c.level) parts.push(sql`c.level = ${c.level}`);
  if (c.status) parts.push(STATUS_WHERE[c.status]);
  parts.push(...between("e.created_at", c.enrolled));
  parts.push(...between("e.completed_at", c.completed));
  parts.push(...between("e.last_activity_at", c.lastActive));
  if (c.hasEsr === true) parts.push(sql`u.esr_number is not null`);
  if (c.hasEsr === false) parts.push(sql`u.esr_number is null`);
  return sql.join(parts, sql` and `);
}

/** One row of the learner-progress report as the database returns it. */
export interface ProgressDbRow {
  enrolment_id: string;
  learner_id: string;
  given_name: string;
  family_name: string;
  email: string;
  esr_number: string | null;
  team_id: string | null;
  team_name: string | null;
  course_id: string;
  course_title: string;
  level: Level;
  status: ReportStatus;
  progress: number;
  enrolled_at: Date | string;
  last_active_at: Date | string | null;
  completed_at: Date | string | null;
  expires_at: Date | string;
  /** The enrolment's valid certificate (issue 6), if it has one. */
  certificate_code: string | null;
  sort_family: string;
  sort_given: string;
}

/**
 * The code of an enrolment's valid certificate: its achievement is unique per enrolment and at most one of its
 * certificates is valid (both unique indexes), so this is two index look-ups per row, and only for rows returned.
 */
const CERTIFICATE_CODE = sql.raw(`(select cert.code from achievements a
    join certificates cert on cert.achievement_id = a.id and cert.state = 'valid'
    where a.enrolment_id = e.id limit 1)`);

const progressSelect = sql`select e.id as enrolment_id, u.id as learner_id, u.given_name, u.family_name, u.email,
    u.esr_number, t.id as team_id, t.name as team_name, c.id as course_id, c.title as course_title, c.level,
    ${STATUS} as status, ${PROGRESS} as progress, e.created_at as enrolled_at, e.last_activity_at as last_active_at,
    e.completed_at, e.expires_at, ${CERTIFICATE_CODE} as certificate_code, lower(u.family_name) as sort_family,
    lower(u.given_name) as sort_given`;

const progressFrom = sql`from users u
    join enrolments e on e.user_id = u.id
    join courses c on c.id = e.course_id
    left join organisations t on t.id = u.team_id
    left join course_totals ct on ct.course_id = e.course_id`;

/**
 * One page of the learner-progress report, sorted, with the number of matching rows. The page and the count are two
 * statements: a LIMIT lets PostgreSQL keep only the top rows while sorting (a window count would sort them all).
 */
export async function progressPage(
  tx: Tx,
  criteria: ProgressCriteria,
  page: { sort: ProgressSort; direction: "asc" | "desc"; offset: number; limit: number },
) {
  const [rows, total] = await Promise.all([
    queryRows<ProgressDbRow>(
      tx,
      sql`${courseTotals}
        ${progressSelect}
        ${progressFrom}
        where ${progressWhere(criteria)}
        ${orderBy(page.sort, page.direction)}
        limit ${page.limit} offset ${page.offset}`,
    ),
    countProgress(tx, criteria),
  ]);
  return { rows, total };
}

/** How many rows the learner-progress report has for these filters. */
export async function countProgress(tx: Tx, criteria: ProgressCriteria): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from users u
      join enrolments e on e.user_id = u.id
      join courses c on c.id = e.course_id
      where ${progressWhere(criteria)}`,
  );
  return Number(row?.n ?? 0);
}

/** Where a batch of the export ended: the next batch starts after this row (name order, then ids). */
export interface ProgressCursor {
  family: string;
  given: string;
  learnerId: string;
  enrolmentId: string;
}

/**
 * Every matching row of the learner-progress report in batches, in name order: keyset pagination on (family name,
 * given name, learner id, enrolment id), so each batch is one bounded query and no batch holds more than `size` rows.
 */
export async function* progressBatches(
  tx: Tx,
  criteria: ProgressCriteria,
  size = 2_000,
): AsyncGenerator<ProgressDbRow[]> {
  let after: ProgressCursor | null = null;
  for (;;) {
    const keyset: SQL = after
      ? sql`and (lower(u.family_name), lower(u.given_name), u.id, e.id) >
          (${after.family}, ${after.given}, ${after.learnerId}::uuid, ${after.enrolmentId}::uuid)`
      : sql``;
    const rows: ProgressDbRow[] = await queryRows<ProgressDbRow>(
      tx,
      sql`${courseTotals}
        ${progressSelect}
        ${progressFrom}
        where ${progressWhere(criteria)} ${keyset}
        order by lower(u.family_name), lower(u.given_name), u.id, e.id
        limit ${size}`,
    );
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = {
      family: last.sort_family,
      given: last.sort_given,
      learnerId: last.learner_id,
      enrolmentId: last.enrolment_id,
    };
  }
}

/** Enrolled, started and completed per course for the learners in scope (one course when courseId is given). */
export async function funnel(tx: Tx, scope: ReportScope, courseId?: string) {
  return queryRows<{
    course_id: string;
    title: string;
    level: Level;
    enrolled: number;
    started: number;
    completed: number;
  }>(
    tx,
    sql`with counted as (
        select e.course_id, count(*)::int as enrolled,
          count(*) filter (where ${STARTED})::int as started,
          count(e.completed_at)::int as completed
        from users u join enrolments e on e.user_id = u.id
        where ${learnersInScope(scope)} ${courseId ? sql`and e.course_id = ${courseId}` : sql``}
        group by e.course_id)
      select c.id as course_id, c.title, c.level, n.enrolled, n.started, n.completed
      from counted n join courses c on c.id = n.course_id
      order by c.title, c.id`,
  );
}

/** Completions in [from, to) per UK month or week (weeks start on Monday), as YYYY-MM-DD of each period's start. */
export async function completionsByPeriod(
  tx: Tx,
  scope: ReportScope,
  range: { from: Date; to: Date },
  interval: "month" | "week",
) {
  const unit = interval === "week" ? sql.raw(`'week'`) : sql.raw(`'month'`);
  return queryRows<{ start: string; completions: number }>(
    tx,
    sql`select to_char(date_trunc(${unit}, e.completed_at at time zone 'Europe/London'), 'YYYY-MM-DD') as start,
        count(*)::int as completions
      from users u join enrolments e on e.user_id = u.id
      where ${learnersInScope(scope)}
        and e.completed_at >= ${range.from.toISOString()}::timestamptz
        and e.completed_at < ${range.to.toISOString()}::timestamptz
      group by 1 order by 1`,
  );
}

function expiringWhere(scope: ReportScope, until: Date): SQL {
  return sql`${learnersInScope(scope)} and e.completed_at is null and e.state = 'active'
    and e.expires_at > now() and e.expires_at <= ${until.toISOString()}::timestamptz`;
}

/** Every row of the expiring report, soonest first, in keyset batches on (expires_at, enrolment id). */
export async function* expiringBatches(
  tx: Tx,
  scope: ReportScope,
  until: Date,
  size = 2_000,
): AsyncGenerator<ProgressDbRow[]> {
  let after: { expiresKey: string; enrolmentId: string } | null = null;
  for (;;) {
    const keyset: SQL = after
      ? sql`and (e.expires_at, e.id) > (${after.expiresKey}::timestamptz, ${after.enrolmentId}::uuid)`
      : sql``;
    const rows: Array<ProgressDbRow & { expires_key: string }> = await queryRows(
      tx,
      sql`${courseTotals}
        ${progressSelect}, e.expires_at::text as expires_key
        ${progressFrom}
        where ${expiringWhere(scope, until)} ${keyset}
        order by e.expires_at, e.id
        limit ${size}`,
    );
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = { expiresKey: last.expires_key, enrolmentId: last.enrolment_id };
  }
}

/** Learners in scope whose access ends in (now, until], not completed, soonest first. */
export async function expiringPage(
  tx: Tx,
  scope: ReportScope,
  until: Date,
  page: { offset: number; limit: number },
) {
  const where = expiringWhere(scope, until);
  const [rows, counted] = await Promise.all([
    queryRows<ProgressDbRow>(
      tx,
      sql`${courseTotals}
        ${progressSelect}
        ${progressFrom}
        where ${where}
        order by e.expires_at, lower(u.family_name), lower(u.given_name), e.id
        limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from users u join enrolments e on e.user_id = u.id where ${where}`,
    ),
  ]);
  return { rows, total: Number(counted[0]?.n ?? 0) };
}

/** Counts per team (team_id null: learners with no team) for the learners in scope. */
export async function teamCounts(tx: Tx, scope: ReportScope, expiringBy: Date) {
  return queryRows<{
    team_id: string | null;
    team_name: string | null;
    learners: number;
    enrolled: number;
    started: number;
    completed: number;
    expiring: number;
  }>(
    tx,
    sql`with per_learner as (
        select u.id, u.team_id, count(e.id)::int as enrolled,
          count(e.id) filter (where ${STARTED})::int as started,
          count(e.completed_at)::int as completed,
          count(e.id) filter (where e.completed_at is null and e.state = 'active' and e.expires_at > now()
            and e.expires_at <= ${expiringBy.toISOString()}::timestamptz)::int as expiring
        from users u left join enrolments e on e.user_id = u.id
        where ${learnersInScope(scope)}
        group by u.id, u.team_id)
      select p.team_id, t.name as team_name, count(*)::int as learners, sum(p.enrolled)::int as enrolled,
        sum(p.started)::int as started, sum(p.completed)::int as completed, sum(p.expiring)::int as expiring
      from per_learner p left join organisations t on t.id = p.team_id
      group by p.team_id, t.name
      order by t.name nulls last, p.team_id`,
  );
}

/** One completion as the ESR export needs it. */
export interface EsrDbRow {
  enrolment_id: string;
  esr_number: string | null;
  family_name: string;
  given_name: string;
  email: string;
  course_code: string;
  course_title: string;
  completed_at: Date | string;
  /** completed_at as PostgreSQL text, at full (microsecond) precision, for the keyset. */
  completed_key: string;
  certificate_code: string | null;
}

function esrWhere(scope: ReportScope, range: { from: Date; to: Date }): SQL {
  return sql`${learnersInScope(scope)}
    and e.completed_at >= ${range.from.toISOString()}::timestamptz
    and e.completed_at < ${range.to.toISOString()}::timestamptz`;
}

/** How many completions the ESR export holds. */
export async function countEsrCompletions(tx: Tx, scope: ReportScope, range: { from: Date; to: Date }) {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from users u join enrolments e on e.user_id = u.id
      where ${esrWhere(scope, range)}`,
  );
  return Number(row?.n ?? 0);
}

/** Completions in [from, to) of learners in scope, oldest first, in keyset batches on (completed_at, id). */
export async function* esrBatches(
  tx: Tx,
  scope: ReportScope,
  range: { from: Date; to: Date },
  size = 2_000,
): AsyncGenerator<EsrDbRow[]> {
  let after: { completedAt: string; enrolmentId: string } | null = null;
  for (;;) {
    const keyset: SQL = after
      ? sql`and (e.completed_at, e.id) > (${after.completedAt}::timestamptz, ${after.enrolmentId}::uuid)`
      : sql``;
    const rows: EsrDbRow[] = await queryRows<EsrDbRow>(
      tx,
      sql`select e.id as enrolment_id, u.esr_number, u.family_name, u.given_name, u.email, c.slug as course_code,
          c.title as course_title, e.completed_at, e.completed_at::text as completed_key,
          ${CERTIFICATE_CODE} as certificate_code
        from users u
        join enrolments e on e.user_id = u.id
        join courses c on c.id = e.course_id
        where ${esrWhere(scope, range)} ${keyset}
        order by e.completed_at, e.id
        limit ${size}`,
    );
    if (rows.length > 0) yield rows;
    const last = rows.at(-1);
    if (!last || rows.length < size) return;
    after = { completedAt: last.completed_key, enrolmentId: last.enrolment_id };
  }
}
