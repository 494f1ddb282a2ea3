import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../platform/db.js";

/**
 * The learners the figures are about, as SQL: a run's members (with their enrolment on the course, if any), or a
 * course's enrolments. Raw SQL because the figures are CTEs and window functions over this one population.
 */
export type Population =
  | { kind: "run"; runId: string; courseId: string }
  | { kind: "course"; courseId: string };

function populationSql(p: Population): SQL {
  return p.kind === "run"
    ? sql`select m.user_id, e.id as enrolment_id, e.completed_at
          from run_members m
          left join enrolments e on e.user_id = m.user_id and e.course_id = m.course_id
          where m.run_id = ${p.runId}`
    : sql`select e.user_id, e.id as enrolment_id, e.completed_at from enrolments e where e.course_id = ${p.courseId}`;
}

/** Enrolled, started (any step progress) and completed (completed_at set, having started) in one statement. */
export async function totals(
  tx: Tx,
  p: Population,
): Promise<{ enrolled: number; started: number; completed: number }> {
  const [row] = await queryRows<{ enrolled: number; started: number; completed: number }>(
    tx,
    sql`with pop as (${populationSql(p)}),
        flagged as (
          select pop.completed_at,
                 exists (select 1 from step_progress sp where sp.enrolment_id = pop.enrolment_id) as started
          from pop
        )
        select count(*)::int as enrolled,
               (count(*) filter (where started))::int as started,
               (count(*) filter (where started and completed_at is not null))::int as completed
        from flagged`,
  );
  return row ?? { enrolled: 0, started: 0, completed: 0 };
}

/** A course's steps in course order, with "module.step" numbers. */
export function courseSteps(
  tx: Tx,
  courseId: string,
): Promise<Array<{ step_id: string; title: string; module_title: string; number: string }>> {
  return queryRows(
    tx,
    sql`select s.id as step_id, s.title, m.title as module_title,
               (dense_rank() over (order by m.position, m.id))::text || '.' ||
               (row_number() over (partition by m.id order by s.position, s.id))::text as number
        from course_steps s
        join course_modules m on m.id = s.module_id
        where m.course_id = ${courseId}
        order by m.position, m.id, s.position, s.id`,
  );
}

/** Visible comments on each step: in one run, or in every run of the course. */
export function commentsPerStep(
  tx: Tx,
  p: Population,
): Promise<Array<{ step_id: string; comments: number }>> {
  const runFilter =
    p.kind === "run"
      ? sql`c.run_id = ${p.runId}`
      : sql`c.run_id in (select r.id from course_runs r where r.course_id = ${p.courseId})`;
  return queryRows(
    tx,
    sql`select c.step_id, count(*)::int as comments
        from comments c
        where ${runFilter} and c.step_id is not null and c.state = 'visible'
        group by c.step_id`,
  );
}

/** Learners who started but did not complete, counted by the furthest step (course order) they have progress on. */
export function stops(tx: Tx, p: Population): Promise<Array<{ step_id: string; learners: number }>> {
  return queryRows(
    tx,
    sql`with pop as (${populationSql(p)}),
        ordered as (
          select s.id, row_number() over (order by m.position, m.id, s.position, s.id) as ord
          from course_steps s join course_modules m on m.id = s.module_id
          where m.course_id = ${p.courseId}
        ),
        furthest as (
          select distinct on (sp.enrolment_id) sp.enrolment_id, sp.step_id
          from step_progress sp
          join pop on pop.enrolment_id = sp.enrolment_id and pop.completed_at is null
          join ordered o on o.id = sp.step_id
          order by sp.enrolment_id, o.ord desc
        )
        select step_id, count(*)::int as learners from furthest group by step_id`,
  );
}

/** Learners of the population active on each UK day from `from` to `to` inclusive (days with nobody are absent). */
export function activeByDay(
  tx: Tx,
  p: Population,
  from: string,
  to: string,
): Promise<Array<{ day: string; learners: number }>> {
  const who =
    p.kind === "run"
      ? sql`d.user_id in (select m.user_id from run_members m where m.run_id = ${p.runId})`
      : sql`d.user_id in (select e.user_id from enrolments e where e.course_id = ${p.courseId})`;
  return queryRows(
    tx,
    sql`select d.day::text as day, count(*)::int as learners
        from learner_activity_days d
        where d.course_id = ${p.courseId} and d.day between ${from}::date and ${to}::date and ${who}
        group by d.day
        order by d.day`,
  );
}
