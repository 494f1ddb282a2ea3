import type { Engagement } from "../../../shared/runs.js";
import type { Actor } from "../../platform/auth.js";
import type { Db } from "../../platform/db.js";
import { forbidden, notFound } from "../../platform/errors.js";
import { ukDate } from "../enrolments/access-window.rules.js";
import * as repo from "./engagement.repository.js";
import { calendarDaysBefore, fillDays, sharePercent } from "./engagement.rules.js";
import { assertCanFacilitate, holdsRole, loadRunAccess } from "./run-access.js";
import { facilitatesAnyRunOf, getCourse } from "./runs.repository.js";

/** Days of activity a course's figures cover, up to today. */
export const COURSE_ACTIVITY_DAYS = 90;

/** Engagement analytics for a run (its facilitators, administrators) or a course (administrators, its runs' facilitators). */
export function createEngagementService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  async function figures(
    population: repo.Population,
    from: string | null,
    to: string | null,
  ): Promise<Omit<Engagement, "scope">> {
    const totals = await repo.totals(db, population);
    const steps = await repo.courseSteps(db, population.courseId);
    const comments = new Map(
      (await repo.commentsPerStep(db, population)).map((r) => [r.step_id, r.comments]),
    );
    const stopped = new Map((await repo.stops(db, population)).map((r) => [r.step_id, r.learners]));
    const active = from && to && from <= to ? await repo.activeByDay(db, population, from, to) : [];
    const step = (s: (typeof steps)[number]) => ({
      stepId: s.step_id,
      title: s.title,
      moduleTitle: s.module_title,
      number: s.number,
    });
    return {
      enrolled: totals.enrolled,
      started: { count: totals.started, percent: sharePercent(totals.started, totals.enrolled) },
      completed: { count: totals.completed, percent: sharePercent(totals.completed, totals.started) },
      activeByDay: from && to && from <= to ? fillDays(from, to, active) : [],
      commentsPerStep: steps.map((s) => ({ ...step(s), comments: comments.get(s.step_id) ?? 0 })),
      stops: steps.map((s) => ({ ...step(s), learners: stopped.get(s.step_id) ?? 0 })),
    };
  }

  return {
    /** GET /api/runs/:runId/engagement: active days from the run's opening to today or the end of catch-up. */
    async forRun(actor: Actor, runId: string): Promise<Engagement> {
      const now = clock();
      const access = await loadRunAccess(db, runId, actor, now);
      assertCanFacilitate(access);
      const { run } = access;
      const from = ukDate(run.opensAt);
      const end = now.getTime() < run.catchUpUntil.getTime() ? now : run.catchUpUntil;
      const to = ukDate(end);
      const rest = await figures({ kind: "run", runId: run.id, courseId: run.courseId }, from, to);
      return {
        scope: {
          kind: "run",
          courseId: run.courseId,
          courseTitle: run.courseTitle,
          runId: run.id,
          runTitle: run.title,
          from: from <= to ? from : null,
          to: from <= to ? to : null,
        },
        ...rest,
      };
    },

    /** GET /api/courses/:courseId/engagement: every enrolment; active days over the last 90 days. */
    async forCourse(actor: Actor, courseId: string): Promise<Engagement> {
      const now = clock();
      const course = await getCourse(db, courseId);
      if (!course) throw notFound("The course");
      if (!holdsRole(actor, "platform_admin") && !(await facilitatesAnyRunOf(db, actor.userId, courseId))) {
        throw forbidden(
          "Only platform administrators and the facilitators of this course's runs can see its engagement figures.",
        );
      }
      const to = ukDate(now);
      const from = calendarDaysBefore(to, COURSE_ACTIVITY_DAYS - 1);
      const rest = await figures({ kind: "course", courseId }, from, to);
      return {
        scope: {
          kind: "course",
          courseId,
          courseTitle: course.title,
          runId: null,
          runTitle: null,
          from,
          to,
        },
        ...rest,
      };
    },
  };
}
