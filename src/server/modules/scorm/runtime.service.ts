import { randomUUID } from "node:crypto";
import {
  type CmiValues,
  isScorm2004,
  SCORM_COMPLETION,
  SCORM_SUCCESS,
  type ScormAttemptAdmin,
  type ScormAttemptList,
  type ScormCommit,
  type ScormCommitResult,
  type ScormLaunch,
  type ScormVersion,
  scormContentPath,
} from "../../../shared/scorm.js";
import type { RequestContext } from "../../platform/audit.js";
import { recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Database, Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound, unauthenticated } from "../../platform/errors.js";
import { isReadOnly } from "../enrolments/enrolments.service.js";
import { recordContentProgress } from "../learning/learning.service.js";
import {
  type CmiRefusal,
  checkCommitValues,
  deriveScoState,
  isScoDone,
  isWriteOnly,
  type LmsValues,
  lessonStatusOf,
  type ScoRules,
} from "./cmi.js";
import { assertCanSupportScorm } from "./runtime.policy.js";
import * as repo from "./runtime.repository.js";
import { formatDuration2004, formatTimespan12 } from "./scorm-time.js";

type Completion = (typeof SCORM_COMPLETION)[number];
type Success = (typeof SCORM_SUCCESS)[number];
type AttemptRow = Awaited<ReturnType<typeof repo.listAttemptRows>>[number];
type ScoRow = AttemptRow["sco"];
type OwnStep = NonNullable<Awaited<ReturnType<typeof repo.getOwnEnrolmentStep>>>;

const asCompletion = (value: string): Completion =>
  (SCORM_COMPLETION as readonly string[]).includes(value) ? (value as Completion) : "unknown"; // checked just now
const asSuccess = (value: string): Success =>
  (SCORM_SUCCESS as readonly string[]).includes(value) ? (value as Success) : "unknown"; // checked just now
const asVersion = (value: string): ScormVersion => value as ScormVersion; // a check constraint keeps the column to the four

const readOnlyError = () =>
  new AppError(
    409,
    "read_only",
    "Your access to this course has ended or the course is deferred, so progress in the e-learning is not saved.",
  );

/** The name content sees: the certificate name, else the full name. */
function learnerName(account: { certificateName: string; givenName: string; familyName: string }): string {
  return account.certificateName.trim() || `${account.givenName} ${account.familyName}`.trim();
}

const num = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

/** The LMS-owned values content reads (and may echo unchanged in commits): identity, credit, mode, manifest rules. */
function lmsValuesFor(
  version: ScormVersion,
  sco: Pick<
    ScoRow,
    | "masteryScore"
    | "completionThreshold"
    | "scaledPassingScore"
    | "launchData"
    | "maxTimeAllowed"
    | "timeLimitAction"
  >,
  learner: { id: string; name: string },
  status: { completionStatus: string; successStatus: string },
): Record<string, string> {
  if (!isScorm2004(version))
    return {
      "cmi.core.student_id": learner.id,
      "cmi.core.student_name": learner.name,
      "cmi.core.credit": "credit",
      "cmi.core.lesson_mode": "normal",
      "cmi.core.lesson_status": lessonStatusOf(status.completionStatus, status.successStatus),
      "cmi.launch_data": sco.launchData ?? "",
      "cmi.student_data.mastery_score": num(sco.masteryScore),
      "cmi.student_data.max_time_allowed": sco.maxTimeAllowed ?? "",
      "cmi.student_data.time_limit_action": sco.timeLimitAction ?? "",
    };
  return {
    "cmi.learner_id": learner.id,
    "cmi.learner_name": learner.name,
    "cmi.credit": "credit",
    "cmi.mode": "normal",
    "cmi.launch_data": sco.launchData ?? "",
    "cmi.completion_threshold": num(sco.completionThreshold),
    "cmi.scaled_passing_score": num(sco.scaledPassingScore),
    "cmi.max_time_allowed": sco.maxTimeAllowed ?? "",
    "cmi.time_limit_action": sco.timeLimitAction ?? "",
  };
}

/** Drops empty LMS values (content reads "" for anything unset). */
const withoutEmpty = (values: Record<string, string>) =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));

/**
 * The CMI state a SCO starts from: what it stored (write-only elements left out), the LMS's own values, the entry
 * mode (resume after a suspend, ab-initio the first time, "" otherwise) and the total time in the version's format.
 */
function launchValues(
  version: ScormVersion,
  row: AttemptRow["attempt"],
  sco: ScoRow,
  learner: { id: string; name: string },
): CmiValues {
  const stored = Object.fromEntries(
    Object.entries(row.cmi).filter(([element]) => !isWriteOnly(version, element)),
  );
  const fresh = row.lastSequence === 0 && row.finishedAt === null;
  const entry = row.suspended ? "resume" : fresh ? "ab-initio" : "";
  const is2004 = isScorm2004(version);
  return {
    ...stored,
    ...withoutEmpty(lmsValuesFor(version, sco, learner, row)),
    [is2004 ? "cmi.entry" : "cmi.core.entry"]: entry,
    [is2004 ? "cmi.total_time" : "cmi.core.total_time"]: is2004
      ? formatDuration2004(row.totalTimeSeconds)
      : formatTimespan12(row.totalTimeSeconds),
  };
}

/** The rows of the current attempt: the newest one, unless it was reset (the next launch starts afresh). */
function currentAttempt(rows: AttemptRow[]): { rows: AttemptRow[]; nextNumber: number } {
  const newest = rows[0]?.attempt.attemptNumber ?? 0;
  const current = rows.filter((r) => r.attempt.attemptNumber === newest);
  const reset = current.some((r) => r.attempt.resetAt !== null);
  return { rows: reset ? [] : current, nextNumber: newest + 1 };
}

/** A new attempt may start once every SCO's last session finished and each is completed, passed or failed. */
function allowsNewAttempt(rows: AttemptRow[]): boolean {
  return (
    rows.length > 0 &&
    rows.every(
      (r) =>
        r.attempt.finishedAt !== null &&
        (r.attempt.completionStatus === "completed" || r.attempt.successStatus !== "unknown"),
    )
  );
}

/** The SCO to open: the one last worked in and left unfinished, else the first not yet complete, else the first. */
function startSco(rows: AttemptRow[]): string {
  const open = rows
    .filter((r) => r.attempt.lastSequence > 0 && r.attempt.finishedAt === null)
    .sort((a, b) => b.attempt.updatedAt.getTime() - a.attempt.updatedAt.getTime())[0];
  const incomplete = rows.find((r) => r.attempt.completionStatus !== "completed");
  return (open ?? incomplete ?? rows[0])?.sco.id ?? "";
}

const rulesOf = (sco: ScoRules): ScoRules => ({
  masteryScore: sco.masteryScore,
  completionThreshold: sco.completionThreshold,
  scaledPassingScore: sco.scaledPassingScore,
});

/**
 * Who is committing: the session's token hash (the commit's UPDATE checks the session is live), the person as this
 * instance resolved the session in the last minute if it did, and how to resolve it now.
 */
export interface CommitSession {
  tokenHash: string;
  idleSeconds: number;
  recent: Actor | null;
  resolve: () => Promise<Actor | null>;
}

/** The outcome of a commit: applied or not, or a refused value the run-time reports to the content. */
export type CommitOutcome = { ok: true; result: ScormCommitResult } | { ok: false; refusal: CmiRefusal };

/** How many attempt rows' commit contexts one instance keeps in memory (a few hundred bytes each). */
const CONTEXT_CACHE_SIZE = 20_000;
/** At most this many commits are written by one statement… */
const COMMIT_GROUP_MAX = 64;
/** …carrying at most this much suspend data between them (a single commit may carry more, alone). */
const COMMIT_GROUP_MAX_CHARS = 1_000_000;

/** The SCORM run-time: launches, commits in order, new attempts, and administrators' view and reset. */
export function createScormRuntimeService(deps: { database: Database; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  const db: Db = deps.database.db;

  /**
   * Commits that arrive together are written together: each waits at most until the next turn of the event loop,
   * then one statement writes a group of them, one per row, each under its own conditions (decision 0018). A commit
   * whose row is in a group still being written waits for the next group, so groups never contend for a row.
   */
  const waiting: Array<{
    write: repo.CommitWrite;
    settle: (applied: number | null, error?: unknown) => void;
  }> = [];
  const rowsBeingWritten = new Set<string>();
  let flushScheduled = false;
  const scheduleFlush = () => {
    if (flushScheduled || waiting.length === 0) return;
    flushScheduled = true;
    setImmediate(flushCommits);
  };
  function flushCommits() {
    flushScheduled = false;
    const group: typeof waiting = [];
    const later: typeof waiting = [];
    let bytes = 0;
    for (const entry of waiting.splice(0)) {
      const size = entry.write.values["cmi.suspend_data"]?.length ?? 0;
      if (
        rowsBeingWritten.has(entry.write.rowId) ||
        group.length >= COMMIT_GROUP_MAX ||
        (group.length > 0 && bytes + size > COMMIT_GROUP_MAX_CHARS)
      ) {
        later.push(entry);
        continue;
      }
      rowsBeingWritten.add(entry.write.rowId);
      bytes += size;
      group.push(entry);
    }
    waiting.push(...later);
    if (group.length === 0) return;
    repo
      .applyCommits(
        deps.database,
        group.map((entry) => entry.write),
      )
      .then(
        (applied) => {
          for (const entry of group) {
            rowsBeingWritten.delete(entry.write.rowId);
            entry.settle(applied.get(entry.write.rowId) ?? null);
          }
          scheduleFlush();
        },
        (error: unknown) => {
          for (const entry of group) {
            rowsBeingWritten.delete(entry.write.rowId);
            entry.settle(null, error);
          }
          scheduleFlush();
        },
      );
    // Commits held back only by the group's size can go in a group of their own at once.
    if (later.some((entry) => !rowsBeingWritten.has(entry.write.rowId))) scheduleFlush();
  }
  const applyGrouped = (write: repo.CommitWrite) =>
    new Promise<number | null>((resolve, reject) => {
      waiting.push({
        write,
        settle: (applied, error) => (error === undefined ? resolve(applied) : reject(error)),
      });
      scheduleFlush();
    });

  /** Commit contexts of rows this instance wrote last, newest last; bounded, the oldest leave first. */
  const contexts = new Map<string, repo.CommitContext>();
  const rememberContext = (key: string, context: repo.CommitContext) => {
    contexts.delete(key);
    contexts.set(key, context);
    if (contexts.size > CONTEXT_CACHE_SIZE) {
      const oldest = contexts.keys().next().value;
      if (oldest !== undefined) contexts.delete(oldest);
    }
  };

  /**
   * Checks and derives one commit from its context and writes it if the row is still as the context says. Returns the
   * refusal to report to the content, or whether it was written and the context as it now stands.
   */
  async function applyCommitWith(
    context: repo.CommitContext,
    actor: Actor,
    session: CommitSession,
    attemptId: string,
    input: ScormCommit,
    now: Date,
  ): Promise<{ ok: false; refusal: CmiRefusal } | { ok: true; applied: boolean; next: repo.CommitContext }> {
    const version = asVersion(context.scormVersion);
    const learner = { id: actor.userId, name: learnerName(actor.account) };
    const checked = checkCommitValues(
      version,
      input.values,
      lmsValuesFor(version, context, learner, context) as LmsValues,
    );
    if (!checked.ok) return checked;
    const state = deriveScoState(version, checked.values, rulesOf(context), context, input.finished);
    const write: repo.CommitWrite = {
      rowId: context.id,
      expectedLastSequence: context.lastSequence,
      enrolmentId: context.enrolmentId,
      session: { tokenHash: session.tokenHash, userId: actor.userId, idleSeconds: session.idleSeconds },
      sequence: input.sequence,
      values: { ...checked.values, ...state.lmsSets },
      completionStatus: state.completionStatus,
      successStatus: state.successStatus,
      scoreRaw: state.scoreRaw,
      scoreMin: state.scoreMin,
      scoreMax: state.scoreMax,
      scoreScaled: state.scoreScaled,
      sessionSeconds: state.sessionSeconds,
      suspended: state.suspended,
      finished: input.finished,
      now,
    };
    const changed =
      state.completionStatus !== context.completionStatus || state.successStatus !== context.successStatus;
    const applied = changed
      ? await db.transaction(async (tx) => {
          const sequence = await repo.applyCommitIn(tx, write);
          if (sequence !== null)
            await rollUpStep(
              tx,
              attemptId,
              { enrolmentId: context.enrolmentId, courseId: context.courseId, stepId: context.stepId },
              now,
            );
          return sequence;
        })
      : await applyGrouped(write);
    return {
      ok: true,
      applied: applied !== null,
      next: {
        ...context,
        lastSequence: input.sequence,
        completionStatus: state.completionStatus,
        successStatus: state.successStatus,
        scoreRaw: state.scoreRaw,
        scoreMin: state.scoreMin,
        scoreMax: state.scoreMax,
        scoreScaled: state.scoreScaled,
        suspended: state.suspended,
      },
    };
  }

  async function ownScormStep(tx: Tx, actor: Actor, enrolmentId: string, stepId: string) {
    const own = await repo.getOwnEnrolmentStep(tx, enrolmentId, actor.userId, stepId);
    if (!own) throw notFound("The step");
    if (own.step.kind !== "scorm" || !own.step.scormPackageId) throw notFound("The e-learning for this step");
    return { ...own, packageId: own.step.scormPackageId };
  }

  /** Creates attempt `number` on the step's current package; false when another request made it first. */
  async function createAttempt(tx: Tx, own: OwnStep & { packageId: string }, number: number) {
    const pkg = await repo.getPackageScos(tx, own.packageId);
    if (!pkg || pkg.scos.length === 0) throw notFound("The e-learning for this step");
    const made = await repo.insertAttempt(
      tx,
      {
        attemptId: randomUUID(),
        attemptNumber: number,
        enrolmentId: own.enrolment.id,
        stepId: own.step.id,
        packageId: pkg.id,
      },
      pkg.scos.map((s) => s.id),
    );
    return made > 0;
  }

  async function toLaunch(tx: Tx, actor: Actor, rows: AttemptRow[], readOnly: boolean): Promise<ScormLaunch> {
    const first = rows[0];
    if (!first) throw notFound("The attempt");
    const pkg = await repo.getPackageScos(tx, first.attempt.packageId);
    if (!pkg) throw notFound("The e-learning for this step");
    const version = asVersion(pkg.scormVersion);
    const learner = { id: actor.userId, name: learnerName(actor.account) };
    return {
      scormVersion: version,
      packageTitle: pkg.organisationTitle || pkg.title,
      attempt: { id: first.attempt.attemptId, number: first.attempt.attemptNumber },
      scos: rows.map(({ attempt, sco }) => ({
        id: sco.id,
        identifier: sco.identifier,
        title: sco.title,
        depth: 0,
        isVisible: sco.isVisible,
        launchUrl: scormContentPath(pkg.id, sco.launchHref),
        lastSequence: attempt.lastSequence,
        values: launchValues(version, attempt, sco, learner),
        completionStatus: asCompletion(attempt.completionStatus),
        successStatus: asSuccess(attempt.successStatus),
      })),
      startScoId: startSco(rows),
      readOnly,
      canStartNewAttempt: !readOnly && allowsNewAttempt(rows),
    };
  }

  /** A launch for a learner who cannot save (read-only) and never started: the content runs, nothing is stored. */
  async function unsavedLaunch(tx: Tx, actor: Actor, packageId: string): Promise<ScormLaunch> {
    const pkg = await repo.getPackageScos(tx, packageId);
    if (!pkg || pkg.scos.length === 0) throw notFound("The e-learning for this step");
    const attemptId = randomUUID();
    const now = clock();
    const rows: AttemptRow[] = pkg.scos.map((sco) => ({
      sco,
      attempt: {
        id: randomUUID(),
        attemptId,
        attemptNumber: 1,
        enrolmentId: "",
        stepId: "",
        packageId: pkg.id,
        scoId: sco.id,
        cmi: {},
        lastSequence: 0,
        completionStatus: "not attempted",
        successStatus: "unknown",
        scoreRaw: null,
        scoreMin: null,
        scoreMax: null,
        scoreScaled: null,
        totalTimeSeconds: 0,
        suspended: false,
        finishedAt: null,
        resetAt: null,
        createdAt: now,
        updatedAt: now,
      },
    }));
    return toLaunch(tx, actor, rows, true);
  }

  /** Rolls the attempt's SCOs up to the step: completed once every SCO is done; percent of SCOs done meanwhile. */
  async function rollUpStep(
    tx: Tx,
    attemptId: string,
    target: { enrolmentId: string; courseId: string; stepId: string },
    now: Date,
  ) {
    const states = await repo.listAttemptScoStates(tx, attemptId);
    const done = states.filter((s) => isScoDone(s, rulesOf(s))).length;
    await recordContentProgress(tx, {
      ...target,
      completed: states.length > 0 && done === states.length,
      percent: states.length === 0 ? 0 : Math.floor((done * 100) / states.length),
      now,
    });
  }

  return {
    /** The current attempt ready to launch, created on the first launch (not when read-only). */
    async launch(actor: Actor, enrolmentId: string, stepId: string): Promise<ScormLaunch> {
      const now = clock();
      return db.transaction(async (tx) => {
        const own = await ownScormStep(tx, actor, enrolmentId, stepId);
        const readOnly = isReadOnly(own.enrolment, now);
        let current = currentAttempt(await repo.listAttemptRows(tx, own.enrolment.id, own.step.id));
        if (current.rows.length === 0) {
          if (readOnly) {
            const all = await repo.listAttemptRows(tx, own.enrolment.id, own.step.id);
            const newest = all[0]?.attempt.attemptNumber;
            const last = all.filter((r) => r.attempt.attemptNumber === newest);
            return last.length > 0
              ? toLaunch(tx, actor, last, true)
              : unsavedLaunch(tx, actor, own.packageId);
          }
          await createAttempt(tx, own, current.nextNumber);
          current = currentAttempt(await repo.listAttemptRows(tx, own.enrolment.id, own.step.id));
          await recordContentProgress(tx, {
            enrolmentId: own.enrolment.id,
            courseId: own.course.id,
            stepId: own.step.id,
            completed: false,
            percent: 0,
            now,
          });
        }
        return toLaunch(tx, actor, current.rows, readOnly);
      });
    },

    /** Starts a new attempt when the current one allows it; two requests at once make one attempt. */
    async startAttempt(actor: Actor, enrolmentId: string, stepId: string): Promise<ScormLaunch> {
      const now = clock();
      return db.transaction(async (tx) => {
        const own = await ownScormStep(tx, actor, enrolmentId, stepId);
        if (isReadOnly(own.enrolment, now)) throw readOnlyError();
        const current = currentAttempt(await repo.listAttemptRows(tx, own.enrolment.id, own.step.id));
        if (current.rows.length > 0 && !allowsNewAttempt(current.rows))
          throw new AppError(
            409,
            "attempt_in_progress",
            "Finish the current attempt before starting a new one: work through the e-learning to its end, then exit.",
          );
        if (!(await createAttempt(tx, own, current.nextNumber)))
          throw conflict("A new attempt was started a moment ago. Reload the page to continue it.");
        return toLaunch(
          tx,
          actor,
          currentAttempt(await repo.listAttemptRows(tx, own.enrolment.id, own.step.id)).rows,
          false,
        );
      });
    },

    /**
     * Applies a commit if it is the newest for its attempt and SCO. The row's context (owner, window, statuses, the
     * SCO's rules) comes from this instance's memory when it wrote the row last, else from one read; the person comes
     * from the session as this instance resolved it in the last minute, else from resolving it now. Then ONE
     * conditional UPDATE writes the commit only if the row is still as the context says, the enrolment is open and
     * the session is live. When that writes nothing, the session is resolved and the context read afresh, so every
     * refusal is decided on the database's current state (docs/decisions/0015 and 0016). Only when the SCO's
     * statuses change does the write run in a transaction with the step's roll-up.
     */
    async commit(
      session: CommitSession,
      params: { enrolmentId: string; stepId: string; attemptId: string },
      input: ScormCommit,
    ): Promise<CommitOutcome> {
      const now = clock();
      const key = `${params.attemptId}:${input.scoId}`;
      let actor = session.recent;
      let verified = false;
      const verify = async () => {
        actor = await session.resolve();
        verified = true;
        if (!actor) throw unauthenticated();
        return actor;
      };
      if (!actor) actor = await verify();
      let context = contexts.get(key);
      for (let tries = 0; tries < 3; tries += 1) {
        const fresh = context === undefined;
        if (!context) {
          const read = await repo.getCommitContext(db, params.attemptId, input.scoId);
          if (!read) throw notFound("The attempt");
          context = read;
        }
        if (
          context.userId !== actor.userId ||
          context.enrolmentId !== params.enrolmentId ||
          context.stepId !== params.stepId
        )
          throw notFound("The attempt");
        const refused =
          isReadOnly(context, now) || context.resetAt !== null || input.sequence <= context.lastSequence;
        if (refused && !fresh) {
          contexts.delete(key);
          context = undefined;
          continue;
        }
        if (refused && !verified) actor = await verify();
        if (isReadOnly(context, now)) throw readOnlyError();
        if (context.resetAt)
          throw new AppError(
            409,
            "attempt_reset",
            "An administrator has reset this attempt. Reload the page to start a new one; nothing more is saved to this one.",
          );
        if (input.sequence <= context.lastSequence)
          return { ok: true, result: { applied: false, lastSequence: context.lastSequence } };
        const outcome = await applyCommitWith(context, actor, session, params.attemptId, input, now);
        if (!outcome.ok) return outcome;
        if (outcome.applied) {
          rememberContext(key, outcome.next);
          return { ok: true, result: { applied: true, lastSequence: input.sequence } };
        }
        contexts.delete(key);
        context = undefined;
        if (!verified) actor = await verify();
      }
      // Three tries lost races to writers of the same row: report where it stands; the player retries if it must.
      const latest = await repo.getCommitContext(db, params.attemptId, input.scoId);
      return { ok: true, result: { applied: false, lastSequence: latest?.lastSequence ?? 0 } };
    },

    /** A learner's attempts for a support call (platform administrators; audited). */
    async listForUser(actor: Actor, userId: string, context: RequestContext): Promise<ScormAttemptList> {
      assertCanSupportScorm(actor);
      return db.transaction(async (tx) => {
        const user = await repo.getUser(tx, userId);
        if (!user) throw notFound("The learner");
        const rows = await repo.listAttemptRowsForUser(tx, userId);
        const attempts = new Map<string, typeof rows>();
        for (const row of rows) attempts.set(row.attemptId, [...(attempts.get(row.attemptId) ?? []), row]);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "scorm.attempts_listed",
          subjectType: "user",
          subjectId: userId,
          details: { attempts: attempts.size },
        });
        return {
          learner: { id: user.id, name: `${user.givenName} ${user.familyName}`, email: user.email },
          attempts: [...attempts.values()].flatMap((scos) => {
            const first = scos[0];
            if (!first) return [];
            const raws = scos.map((s) => s.scoreRaw).filter((v): v is number => v !== null);
            const scaled = scos.map((s) => s.scoreScaled).filter((v): v is number => v !== null);
            const mean = (values: number[]) =>
              values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
            const latest = Math.max(...scos.map((s) => s.updatedAt.getTime()));
            return [
              {
                id: first.attemptId,
                number: first.attemptNumber,
                enrolmentId: first.enrolmentId,
                course: first.course,
                step: first.step,
                completionStatus: scos.every((s) => s.completionStatus === "completed")
                  ? "completed"
                  : scos.every((s) => s.completionStatus === "not attempted")
                    ? "not attempted"
                    : "incomplete",
                successStatus: scos.some((s) => s.successStatus === "failed")
                  ? "failed"
                  : scos.every((s) => s.successStatus === "passed")
                    ? "passed"
                    : "unknown",
                scoreRaw: mean(raws),
                scoreScaled: mean(scaled),
                updatedAt: new Date(latest).toISOString(),
                resetAt: first.resetAt?.toISOString() ?? null,
                createdAt: first.createdAt.toISOString(),
              },
            ];
          }),
        };
      });
    },

    /** One attempt with every stored data model value (platform administrators; audited as scorm.attempt_viewed). */
    async getAttempt(actor: Actor, attemptId: string, context: RequestContext): Promise<ScormAttemptAdmin> {
      assertCanSupportScorm(actor);
      return db.transaction(async (tx) => {
        const rows = await repo.getAttemptRows(tx, attemptId);
        const first = rows[0];
        if (!first) throw notFound("The attempt");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "scorm.attempt_viewed",
          subjectType: "scorm_attempt",
          subjectId: attemptId,
          details: { learnerId: first.learner.id },
        });
        return {
          id: attemptId,
          number: first.attempt.attemptNumber,
          learner: {
            id: first.learner.id,
            name: `${first.learner.givenName} ${first.learner.familyName}`,
            email: first.learner.email,
          },
          course: first.course,
          step: first.step,
          packageVersion: first.packageVersion,
          scormVersion: asVersion(first.scormVersion),
          scos: rows.map(({ attempt, sco }) => ({
            scoId: sco.id,
            title: sco.title,
            completionStatus: asCompletion(attempt.completionStatus),
            successStatus: asSuccess(attempt.successStatus),
            scoreRaw: attempt.scoreRaw,
            scoreScaled: attempt.scoreScaled,
            totalTimeSeconds: attempt.totalTimeSeconds,
            lastSequence: attempt.lastSequence,
            updatedAt: attempt.lastSequence > 0 ? attempt.updatedAt.toISOString() : null,
            values: attempt.cmi,
          })),
          resetAt: first.attempt.resetAt?.toISOString() ?? null,
          createdAt: first.attempt.createdAt.toISOString(),
        };
      });
    },

    /**
     * Resets an attempt (platform administrators; audited as scorm.attempt_reset): its rows stay, marked reset, and
     * the learner's next launch starts a fresh attempt. Completion already recorded on the step is kept.
     */
    async resetAttempt(actor: Actor, attemptId: string, context: RequestContext) {
      assertCanSupportScorm(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const rows = await repo.getAttemptRows(tx, attemptId);
        const first = rows[0];
        if (!first) throw notFound("The attempt");
        if (first.attempt.resetAt) throw conflict("This attempt has already been reset.");
        const changed = await repo.resetAttempt(tx, attemptId, now);
        if (changed === 0) throw conflict("This attempt was reset a moment ago by someone else.");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "scorm.attempt_reset",
          subjectType: "scorm_attempt",
          subjectId: attemptId,
          details: { learnerId: first.learner.id, attemptNumber: first.attempt.attemptNumber },
        });
        return { id: attemptId, resetAt: now.toISOString() };
      });
    },
  };
}
