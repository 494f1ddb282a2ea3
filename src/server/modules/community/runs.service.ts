import {
  type FacilitatedRun,
  type FacilitatedRunList,
  RUN_DATE_FIELDS,
  type Run,
  type RunCreateInput,
  type RunJoinResult,
  type RunList,
  type RunOptions,
  type RunOverview,
  type RunUpdateInput,
  runPhase,
} from "../../../shared/runs.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound, validationFailed } from "../../platform/errors.js";
import { assertCanFacilitate, holdsRole, loadRunAccess } from "./run-access.js";
import { assertCanSchedule } from "./runs.policy.js";
import * as repo from "./runs.repository.js";
import { chooseCurrentRun, runDatesFrom, ukFromInstant } from "./runs.rules.js";

const iso = (d: Date) => d.toISOString();

/** 422 for a course that cannot have runs. */
function notAMiniCourse(): AppError {
  return new AppError(
    422,
    "not_a_mini_course",
    "Course runs are only for mini-courses. Choose a mini-course, or schedule this course's learning another way.",
  );
}

/** Turns runs into the API's items, with facilitators and the viewer's standing, in two queries. */
async function toRuns(tx: Tx, rows: repo.RunRow[], viewerId: string | null, now: Date): Promise<Run[]> {
  const ids = rows.map((r) => r.id);
  const facilitators = await repo.facilitatorsOf(tx, ids);
  const standings = viewerId ? await repo.standingsIn(tx, ids, viewerId) : null;
  return rows.map((row) => ({
    id: row.id,
    courseId: row.courseId,
    title: row.title,
    opensAt: iso(row.opensAt),
    liveStartsAt: iso(row.liveStartsAt),
    liveEndsAt: iso(row.liveEndsAt),
    commentsCloseAt: iso(row.commentsCloseAt),
    catchUpUntil: iso(row.catchUpUntil),
    phase: runPhase(row, now),
    facilitators: facilitators.filter((f) => f.runId === row.id).map(({ id, name }) => ({ id, name })),
    memberCount: row.memberCount,
    viewer: standings?.get(row.id) ?? null,
  }));
}

/**
 * Places a learner who has just enrolled on a mini-course in the course's current run (open now, comments not closed;
 * the most recently opened if several), else the next to open; no run, no place. Called inside the enrolment's
 * transaction, so the enrolment and the place stand or fall together. Returns the run's id, or null.
 */
export async function placeInCurrentRun(
  tx: Tx,
  input: { userId: string; courseId: string; enrolmentId: string; now: Date },
): Promise<string | null> {
  const run = chooseCurrentRun(await repo.placeableRuns(tx, input.courseId, input.now), input.now);
  if (!run) return null;
  const placed = await repo.insertMember(tx, {
    runId: run.id,
    userId: input.userId,
    courseId: input.courseId,
    enrolmentId: input.enrolmentId,
    joinedAt: input.now,
  });
  return placed ? run.id : null;
}

/** Course runs: the public list, scheduling and changing them, joining, and the facilitator hub. */
export function createRunsService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  /** Checks dates and facilitators; the values to store and the facilitators' ids. */
  async function checked(tx: Tx, actor: Actor, input: RunUpdateInput, addCreator: boolean) {
    const { dates, problems } = runDatesFrom(input);
    const details: Array<{ field: string; message: string }> = RUN_DATE_FIELDS.filter((f) => problems[f]).map(
      (f) => ({
        field: f,
        message: problems[f] ?? "",
      }),
    );
    const wanted = new Set(input.facilitatorIds);
    if (addCreator && holdsRole(actor, "facilitator")) wanted.add(actor.userId);
    const ids = [...wanted];
    const holders = await repo.holdersOfFacilitatorRole(tx, ids);
    if (ids.some((id) => !holders.has(id))) {
      details.push({
        field: "facilitatorIds",
        message:
          "Choose facilitators from the list: only people with the facilitator role can facilitate a run",
      });
    }
    if (details.length > 0) {
      throw validationFailed(
        details.length === 1 ? (details[0]?.message ?? "") : "There is a problem with the run's details.",
        details,
      );
    }
    return { values: { title: input.title, ...dates }, facilitatorIds: ids.sort() };
  }

  async function facilitatedRun(tx: Tx, actor: Actor, row: repo.RunRow, now: Date): Promise<FacilitatedRun> {
    const [run] = await toRuns(tx, [row], actor.userId, now);
    if (!run) throw new Error("run vanished");
    return {
      ...run,
      courseTitle: row.courseTitle,
      canEdit: holdsRole(actor, "platform_admin") || (run.viewer?.isFacilitator ?? false),
    };
  }

  return {
    /** GET /api/runs?courseId=: a course's runs; ended runs only when asked. Open to everyone. */
    async list(actor: Actor | null, courseId: string, includeEnded: boolean): Promise<RunList> {
      const now = clock();
      const rows = await repo.listRunsOfCourse(db, courseId, includeEnded, now);
      return { runs: await toRuns(db, rows, actor?.userId ?? null, now) };
    },

    /** GET /api/runs/:runId: one run. */
    async get(actor: Actor | null, runId: string): Promise<Run> {
      const now = clock();
      const row = await repo.getRun(db, runId);
      if (!row) throw notFound("The course run");
      const [run] = await toRuns(db, [row], actor?.userId ?? null, now);
      if (!run) throw notFound("The course run");
      return run;
    },

    /** POST /api/runs: schedules a run of a mini-course (facilitators and administrators). */
    async create(actor: Actor, input: RunCreateInput, context: RequestContext): Promise<FacilitatedRun> {
      assertCanSchedule(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const course = await repo.getCourse(tx, input.courseId);
        if (!course) throw notFound("The course");
        if (course.level !== "mini_course") throw notAMiniCourse();
        if (course.status === "archived")
          throw conflict("This course is archived, so no new runs can be scheduled for it.");
        const { values, facilitatorIds } = await checked(tx, actor, input, true);
        const runId = await repo.insertRun(tx, { ...values, courseId: course.id, createdBy: actor.userId });
        await repo.setFacilitators(tx, runId, facilitatorIds);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.created",
          subjectType: "course_run",
          subjectId: runId,
          details: { courseId: course.id, title: values.title, facilitatorIds },
        });
        const row = await repo.getRun(tx, runId);
        if (!row) throw new Error("run vanished after insert");
        return facilitatedRun(tx, actor, row, now);
      });
    },

    /** PUT /api/runs/:runId: changes a run (its facilitators and administrators). */
    async update(
      actor: Actor,
      runId: string,
      input: RunUpdateInput,
      context: RequestContext,
    ): Promise<FacilitatedRun> {
      const now = clock();
      return db.transaction(async (tx) => {
        assertCanFacilitate(await loadRunAccess(tx, runId, actor, now));
        const before = await repo.getRun(tx, runId, true);
        if (!before) throw notFound("The course run");
        const { values, facilitatorIds } = await checked(tx, actor, input, false);
        const previousFacilitators = (await repo.facilitatorIdsOf(tx, runId)).sort();
        await repo.updateRun(tx, runId, values);
        await repo.setFacilitators(tx, runId, facilitatorIds);
        const changed = [
          ...(before.title !== values.title ? ["title"] : []),
          ...RUN_DATE_FIELDS.filter((f) => before[f].getTime() !== values[f].getTime()),
          ...(previousFacilitators.join() !== facilitatorIds.join() ? ["facilitatorIds"] : []),
        ];
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.updated",
          subjectType: "course_run",
          subjectId: runId,
          details: { changed, facilitatorIds },
        });
        const row = await repo.getRun(tx, runId);
        if (!row) throw new Error("run vanished after update");
        return facilitatedRun(tx, actor, row, now);
      });
    },

    /** DELETE /api/runs/:runId: only a run nobody has joined (its facilitators and administrators). */
    async remove(actor: Actor, runId: string, context: RequestContext): Promise<void> {
      const now = clock();
      await db.transaction(async (tx) => {
        assertCanFacilitate(await loadRunAccess(tx, runId, actor, now));
        const run = await repo.getRun(tx, runId, true);
        if (!run) throw notFound("The course run");
        if (run.memberCount > 0) {
          throw conflict(
            `This run has ${run.memberCount} ${run.memberCount === 1 ? "member" : "members"}, so it cannot be deleted. Change its dates instead.`,
          );
        }
        await repo.deleteRun(tx, runId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.deleted",
          subjectType: "course_run",
          subjectId: runId,
          details: { courseId: run.courseId, title: run.title },
        });
      });
    },

    /**
     * POST /api/runs/:runId/members: an enrolled learner joins a run that has not ended, moving from another run of
     * the course unless suspended there. Joining the run they are in changes nothing.
     */
    async join(actor: Actor, runId: string, context: RequestContext): Promise<RunJoinResult> {
      const now = clock();
      return db.transaction(async (tx) => {
        const run = await repo.getRun(tx, runId);
        if (!run) throw notFound("The course run");
        const enrolment = await repo.enrolmentOf(tx, actor.userId, run.courseId);
        if (!enrolment) {
          throw forbidden("Enrol on the course first, then you can join one of its runs.");
        }
        if (enrolment.state !== "active") {
          throw forbidden(
            enrolment.state === "deferred"
              ? "Your place on this course is deferred. You can join a run when your access resumes."
              : "Your access to this course has ended, so you cannot join a run.",
          );
        }
        if (runPhase(run, now) === "ended") {
          throw conflict("This run has ended. Choose a run that is open or coming up.");
        }
        const current = await repo.membershipOf(tx, actor.userId, run.courseId);
        let movedFromRunId: string | null = null;
        if (current?.runId === runId) {
          // Already here: nothing to do.
        } else if (current) {
          if (current.suspendedAt !== null) {
            throw conflict(
              "A facilitator has suspended you from posting in your current run, so you cannot move to another run. Contact the run's facilitators if you think this is wrong.",
            );
          }
          await repo.moveMember(tx, {
            fromRunId: current.runId,
            toRunId: runId,
            userId: actor.userId,
            enrolmentId: enrolment.id,
            joinedAt: now,
          });
          movedFromRunId = current.runId;
          await recordAudit(tx, context, {
            actorUserId: actor.userId,
            action: "run.member_moved",
            subjectType: "course_run",
            subjectId: runId,
            details: { fromRunId: current.runId, toRunId: runId, courseId: run.courseId },
          });
        } else {
          const placed = await repo.insertMember(tx, {
            runId,
            userId: actor.userId,
            courseId: run.courseId,
            enrolmentId: enrolment.id,
            joinedAt: now,
          });
          if (!placed) {
            throw conflict(
              "You were placed in a run of this course a moment ago. Reload the page to see it.",
            );
          }
        }
        const fresh = await repo.getRun(tx, runId);
        if (!fresh) throw new Error("run vanished");
        const [item] = await toRuns(tx, [fresh], actor.userId, now);
        if (!item) throw new Error("run vanished");
        return { run: item, movedFromRunId };
      });
    },

    /** GET /api/facilitate/runs: runs I facilitate (administrators: every run). */
    async facilitated(actor: Actor): Promise<FacilitatedRunList> {
      assertCanSchedule(actor);
      const now = clock();
      const isAdmin = holdsRole(actor, "platform_admin");
      const rows = await repo.listRunsFacilitated(db, isAdmin ? null : actor.userId);
      const runs = await toRuns(db, rows, actor.userId, now);
      return {
        runs: runs.map((run, i) => ({
          ...run,
          courseTitle: rows[i]?.courseTitle ?? "",
          canEdit: isAdmin || (run.viewer?.isFacilitator ?? false),
        })),
      };
    },

    /** GET /api/facilitate/runs/:runId: the run overview with its members (personal data: audited). */
    async overview(actor: Actor, runId: string, context: RequestContext): Promise<RunOverview> {
      const now = clock();
      return db.transaction(async (tx) => {
        assertCanFacilitate(await loadRunAccess(tx, runId, actor, now));
        const row = await repo.getRun(tx, runId);
        if (!row) throw notFound("The course run");
        const run = await facilitatedRun(tx, actor, row, now);
        const members = await repo.listMembers(tx, runId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "run.members_viewed",
          subjectType: "course_run",
          subjectId: runId,
          details: { members: members.length },
        });
        return {
          run,
          members: members.map((m) => ({
            userId: m.userId,
            name: m.name,
            joinedAt: iso(m.joinedAt),
            suspended: m.suspendedAt !== null,
          })),
          canDelete: members.length === 0,
          ukDates: {
            opensAt: ukFromInstant(row.opensAt),
            liveStartsAt: ukFromInstant(row.liveStartsAt),
            liveEndsAt: ukFromInstant(row.liveEndsAt),
            commentsCloseAt: ukFromInstant(row.commentsCloseAt),
            catchUpUntil: ukFromInstant(row.catchUpUntil),
          },
        };
      });
    },

    /** GET /api/facilitate/run-options: the mini-courses and facilitators a run form offers. */
    async options(actor: Actor): Promise<RunOptions> {
      assertCanSchedule(actor);
      const [courseRows, people] = [await repo.listMiniCourses(db), await repo.listFacilitatorPeople(db)];
      return { courses: courseRows, facilitators: people.map(({ id, name }) => ({ id, name })) };
    },
  };
}

/** The runs service's type. */
export type RunsService = ReturnType<typeof createRunsService>;
