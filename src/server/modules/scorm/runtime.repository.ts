import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { CmiValues } from "../../../shared/scorm.js";
import {
  courseModules,
  courseSteps,
  courses,
  enrolments,
  scormAttempts,
  scormPackages,
  scormScos,
  users,
} from "../../db/schema/index.js";
import { type Database, queryRows, type Tx } from "../../platform/db.js";
import { liveSessionCondition } from "../accounts/accounts.repository.js";

/** A learner's own enrolment with the step asked for (when it is a step of that course), or null. */
export async function getOwnEnrolmentStep(tx: Tx, enrolmentId: string, userId: string, stepId: string) {
  const [row] = await tx
    .select({
      enrolment: {
        id: enrolments.id,
        state: enrolments.state,
        startsAt: enrolments.startsAt,
        expiresAt: enrolments.expiresAt,
      },
      course: { id: courses.id, title: courses.title },
      step: {
        id: courseSteps.id,
        kind: courseSteps.kind,
        title: courseSteps.title,
        scormPackageId: courseSteps.scormPackageId,
      },
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(courseModules, eq(courseModules.courseId, courses.id))
    .innerJoin(courseSteps, and(eq(courseSteps.moduleId, courseModules.id), eq(courseSteps.id, stepId)))
    .where(and(eq(enrolments.id, enrolmentId), eq(enrolments.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** A package's SCORM version and title with its SCOs in order. */
export async function getPackageScos(tx: Tx, packageId: string) {
  const [pkg] = await tx
    .select({
      id: scormPackages.id,
      version: scormPackages.version,
      scormVersion: scormPackages.scormVersion,
      title: scormPackages.title,
      organisationTitle: scormPackages.organisationTitle,
    })
    .from(scormPackages)
    .where(eq(scormPackages.id, packageId));
  if (!pkg) return null;
  const scos = await tx
    .select()
    .from(scormScos)
    .where(eq(scormScos.packageId, packageId))
    .orderBy(asc(scormScos.position), asc(scormScos.identifier));
  return { ...pkg, scos };
}

/** Every attempt row (one per SCO) of a learner at a step, newest attempt first, SCOs in package order. */
export async function listAttemptRows(tx: Tx, enrolmentId: string, stepId: string) {
  return tx
    .select({ attempt: scormAttempts, sco: scormScos })
    .from(scormAttempts)
    .innerJoin(scormScos, eq(scormScos.id, scormAttempts.scoId))
    .where(and(eq(scormAttempts.enrolmentId, enrolmentId), eq(scormAttempts.stepId, stepId)))
    .orderBy(desc(scormAttempts.attemptNumber), asc(scormScos.position), asc(scormScos.identifier));
}

/**
 * Creates an attempt: one row per SCO sharing an attempt id. The unique (enrolment, step, number, SCO) key makes a
 * second request for the same number insert nothing, so two at once make one attempt; returns how many were made.
 */
export async function insertAttempt(
  tx: Tx,
  values: {
    attemptId: string;
    attemptNumber: number;
    enrolmentId: string;
    stepId: string;
    packageId: string;
  },
  scoIds: string[],
): Promise<number> {
  if (scoIds.length === 0) return 0;
  const rows = await tx
    .insert(scormAttempts)
    .values(scoIds.map((scoId) => ({ ...values, scoId })))
    .onConflictDoNothing()
    .returning({ id: scormAttempts.id });
  return rows.length;
}

/**
 * What a commit needs in one read: the attempt row, its enrolment's owner and window, its SCO's rules. A named
 * prepared statement, like the session check: commits are the hottest write, and PostgreSQL then plans this
 * four-table join once per connection instead of on every commit.
 */
function commitContextQuery(tx: Tx) {
  return tx
    .select({
      id: scormAttempts.id,
      enrolmentId: scormAttempts.enrolmentId,
      stepId: scormAttempts.stepId,
      lastSequence: scormAttempts.lastSequence,
      completionStatus: scormAttempts.completionStatus,
      successStatus: scormAttempts.successStatus,
      scoreRaw: scormAttempts.scoreRaw,
      scoreMin: scormAttempts.scoreMin,
      scoreMax: scormAttempts.scoreMax,
      scoreScaled: scormAttempts.scoreScaled,
      suspended: scormAttempts.suspended,
      resetAt: scormAttempts.resetAt,
      userId: enrolments.userId,
      courseId: enrolments.courseId,
      state: enrolments.state,
      startsAt: enrolments.startsAt,
      expiresAt: enrolments.expiresAt,
      masteryScore: scormScos.masteryScore,
      completionThreshold: scormScos.completionThreshold,
      scaledPassingScore: scormScos.scaledPassingScore,
      launchData: scormScos.launchData,
      maxTimeAllowed: scormScos.maxTimeAllowed,
      timeLimitAction: scormScos.timeLimitAction,
      scormVersion: scormPackages.scormVersion,
    })
    .from(scormAttempts)
    .innerJoin(enrolments, eq(enrolments.id, scormAttempts.enrolmentId))
    .innerJoin(scormScos, eq(scormScos.id, scormAttempts.scoId))
    .innerJoin(scormPackages, eq(scormPackages.id, scormAttempts.packageId))
    .where(
      and(
        eq(scormAttempts.attemptId, sql.placeholder("attemptId")),
        eq(scormAttempts.scoId, sql.placeholder("scoId")),
      ),
    )
    .limit(1)
    .prepare("scorm_commit_context");
}

/**
 * Prepared queries built once per database handle (or transaction): building a Drizzle query costs more CPU than
 * the round trip it sends, on the hottest path.
 */
function cachedPer<Q>(build: (tx: Tx) => Q): (tx: Tx) => Q {
  const built = new WeakMap<Tx, Q>();
  return (tx) => {
    let query = built.get(tx);
    if (!query) {
      query = build(tx);
      built.set(tx, query);
    }
    return query;
  };
}

const commitContext = cachedPer(commitContextQuery);

/** What a commit needs to know about its attempt's SCO row: owner, enrolment window, statuses and the SCO's rules. */
export type CommitContext = NonNullable<
  Awaited<ReturnType<ReturnType<typeof commitContextQuery>["execute"]>>[number]
>;

/** The commit context of an attempt's SCO row, or null. */
export async function getCommitContext(
  tx: Tx,
  attemptId: string,
  scoId: string,
): Promise<CommitContext | null> {
  const [row] = await commitContext(tx).execute({ attemptId, scoId });
  return row ?? null;
}

/** The columns a commit writes, derived by the service. */
export interface CommitWrite {
  rowId: string;
  /** The last sequence the commit was derived from: the row is written only if it is still that. */
  expectedLastSequence: number;
  enrolmentId: string;
  /** The committing session: the row is written only while it is live and belongs to the row's learner. */
  session: { tokenHash: string; userId: string; idleSeconds: number };
  sequence: number;
  values: CmiValues;
  completionStatus: string;
  successStatus: string;
  scoreRaw: number | null;
  scoreMin: number | null;
  scoreMax: number | null;
  scoreScaled: number | null;
  sessionSeconds: number;
  suspended: boolean;
  finished: boolean;
  now: Date;
}

/**
 * Applies commits in ONE statement: for each commit in the recordset, merges its values into the CMI state, sets the
 * extracted columns and adds a finished session's time, but only while its row is exactly as the commit was derived
 * from (last sequence unchanged, not reset), its enrolment is open (active, inside its window) and its committing
 * session is live. One commit or many (the service groups commits that arrive together, one per row: decision 0018);
 * each row is judged on its own, and the rows written come back with their new last sequence. A row that does not
 * come back was not written, and the caller reads it afresh to learn why.
 */
function applyCommitsStatement(rows: SQL): SQL {
  return sql`update ${scormAttempts} a set cmi = a.cmi || v.cmi_values, last_sequence = v.sequence,
      completion_status = v.completion_status, success_status = v.success_status, score_raw = v.score_raw,
      score_min = v.score_min, score_max = v.score_max, score_scaled = v.score_scaled,
      total_time_seconds = a.total_time_seconds + v.session_seconds, suspended = v.suspended,
      finished_at = v.finished_at, updated_at = v.now
    from jsonb_to_recordset(${rows}::jsonb) as v(row_id uuid, expected integer, enrolment_id uuid, token_hash text,
      user_id uuid, idle_seconds double precision, cmi_values jsonb, sequence integer, completion_status text,
      success_status text, score_raw double precision, score_min double precision, score_max double precision,
      score_scaled double precision, session_seconds double precision, suspended boolean, finished_at timestamptz,
      now timestamptz)
    where a.id = v.row_id and a.last_sequence = v.expected and a.reset_at is null
      and exists (select 1 from ${enrolments} e where e.id = v.enrolment_id and e.state = 'active'
        and e.starts_at <= v.now and e.expires_at > v.now)
      and ${liveSessionCondition(sql`v.token_hash`, sql`v.user_id`, sql`v.idle_seconds`)}
    returning a.id as row_id, a.last_sequence as last_sequence`;
}

/**
 * The statement's text, for the driver's named prepared statement ($1: the commits as a JSON array). The benchmark
 * sends this same text straight through the driver as its baseline.
 */
export const APPLY_COMMITS_SQL = new PgDialect().sqlToQuery(applyCommitsStatement(sql`${"[]"}`)).sql;

/** One commit as a row of the statement's recordset. */
export function commitRow(write: CommitWrite) {
  return {
    row_id: write.rowId,
    expected: write.expectedLastSequence,
    enrolment_id: write.enrolmentId,
    token_hash: write.session.tokenHash,
    user_id: write.session.userId,
    idle_seconds: write.session.idleSeconds,
    cmi_values: write.values,
    sequence: write.sequence,
    completion_status: write.completionStatus,
    success_status: write.successStatus,
    score_raw: write.scoreRaw,
    score_min: write.scoreMin,
    score_max: write.scoreMax,
    score_scaled: write.scoreScaled,
    session_seconds: write.sessionSeconds,
    suspended: write.suspended,
    finished_at: write.finished ? write.now.toISOString() : null,
    now: write.now.toISOString(),
  };
}

type AppliedRow = { row_id: string; last_sequence: number | string };

const appliedMap = (rows: AppliedRow[]) =>
  new Map(rows.map((row) => [row.row_id, Number(row.last_sequence)]));

/**
 * Applies commits for distinct rows through the driver's named prepared statement (planned once per connection);
 * the rows written, with their new last sequence.
 */
export async function applyCommits(database: Database, writes: CommitWrite[]): Promise<Map<string, number>> {
  const rows = await database.preparedQuery<AppliedRow>("scorm_apply_commits", APPLY_COMMITS_SQL, [
    JSON.stringify(writes.map(commitRow)),
  ]);
  return appliedMap(rows);
}

/** Applies one commit inside the caller's transaction; its new last sequence, or null when nothing was applied. */
export async function applyCommitIn(tx: Tx, write: CommitWrite): Promise<number | null> {
  const rows = await queryRows<AppliedRow>(
    tx,
    applyCommitsStatement(sql`${JSON.stringify([commitRow(write)])}`),
  );
  return appliedMap(rows).get(write.rowId) ?? null;
}

/** Each SCO's statuses in an attempt with the rules that decide whether it is done, for the step's roll-up. */
export async function listAttemptScoStates(tx: Tx, attemptId: string) {
  return tx
    .select({
      completionStatus: scormAttempts.completionStatus,
      successStatus: scormAttempts.successStatus,
      masteryScore: scormScos.masteryScore,
      completionThreshold: scormScos.completionThreshold,
      scaledPassingScore: scormScos.scaledPassingScore,
    })
    .from(scormAttempts)
    .innerJoin(scormScos, eq(scormScos.id, scormAttempts.scoId))
    .where(eq(scormAttempts.attemptId, attemptId));
}

/** A user's name and email, or null. */
export async function getUser(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      givenName: users.givenName,
      familyName: users.familyName,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Every SCORM attempt row of a learner, with course and step, newest first, for administrators. */
export async function listAttemptRowsForUser(tx: Tx, userId: string) {
  return tx
    .select({
      attemptId: scormAttempts.attemptId,
      attemptNumber: scormAttempts.attemptNumber,
      enrolmentId: scormAttempts.enrolmentId,
      completionStatus: scormAttempts.completionStatus,
      successStatus: scormAttempts.successStatus,
      scoreRaw: scormAttempts.scoreRaw,
      scoreScaled: scormAttempts.scoreScaled,
      updatedAt: scormAttempts.updatedAt,
      createdAt: scormAttempts.createdAt,
      resetAt: scormAttempts.resetAt,
      course: { id: courses.id, title: courses.title },
      step: { id: courseSteps.id, title: courseSteps.title },
    })
    .from(scormAttempts)
    .innerJoin(enrolments, eq(enrolments.id, scormAttempts.enrolmentId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(courseSteps, eq(courseSteps.id, scormAttempts.stepId))
    .where(eq(enrolments.userId, userId))
    .orderBy(desc(scormAttempts.createdAt), asc(scormAttempts.attemptNumber));
}

/** Every row of one attempt with its learner, course, step, package and SCOs, for administrators. */
export async function getAttemptRows(tx: Tx, attemptId: string) {
  return tx
    .select({
      attempt: scormAttempts,
      sco: { id: scormScos.id, title: scormScos.title, position: scormScos.position },
      learner: {
        id: users.id,
        email: users.email,
        givenName: users.givenName,
        familyName: users.familyName,
      },
      course: { id: courses.id, title: courses.title },
      step: { id: courseSteps.id, title: courseSteps.title },
      packageVersion: scormPackages.version,
      scormVersion: scormPackages.scormVersion,
    })
    .from(scormAttempts)
    .innerJoin(scormScos, eq(scormScos.id, scormAttempts.scoId))
    .innerJoin(enrolments, eq(enrolments.id, scormAttempts.enrolmentId))
    .innerJoin(users, eq(users.id, enrolments.userId))
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(courseSteps, eq(courseSteps.id, scormAttempts.stepId))
    .innerJoin(scormPackages, eq(scormPackages.id, scormAttempts.packageId))
    .where(eq(scormAttempts.attemptId, attemptId))
    .orderBy(asc(scormScos.position), asc(scormScos.identifier));
}

/** Marks every row of an attempt reset (rows are kept); returns how many rows it changed (0 when already reset). */
export async function resetAttempt(tx: Tx, attemptId: string, now: Date): Promise<number> {
  const rows = await tx
    .update(scormAttempts)
    .set({ resetAt: now, updatedAt: now })
    .where(and(eq(scormAttempts.attemptId, attemptId), isNull(scormAttempts.resetAt)))
    .returning({ id: scormAttempts.id });
  return rows.length;
}
