import { and, asc, count, desc, eq, gt, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { CriterionDecision, SubmissionStatus } from "../../../shared/portfolios.js";
import {
  assessmentCriteria,
  assessmentDecisions,
  courses,
  portfolioSubmissions,
  portfolios,
  programmes,
  type SubmissionSnapshot,
  userRoles,
  users,
  verificationSettings,
  verifications,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

const learner = alias(users, "learner");
const assessor = alias(users, "assessor");
const verifier = alias(users, "verifier");
const decisionMaker = alias(users, "decision_maker");

/** A person's id and names as the views need them. */
export interface PersonRow {
  id: string;
  givenName: string;
  familyName: string;
}

/** Who someone is for the conflict rules: their id and team. */
export interface TeamMember {
  userId: string;
  teamId: string | null;
}

const queueColumns = {
  submissionId: portfolioSubmissions.id,
  portfolioId: portfolioSubmissions.portfolioId,
  version: portfolioSubmissions.version,
  status: portfolioSubmissions.status,
  submittedAt: portfolioSubmissions.submittedAt,
  allocatedAt: portfolioSubmissions.allocatedAt,
  learnerId: learner.id,
  learnerGivenName: learner.givenName,
  learnerFamilyName: learner.familyName,
  courseId: courses.id,
  courseTitle: courses.title,
  courseLevel: courses.level,
  assessorId: portfolioSubmissions.assessorId,
  assessorGivenName: assessor.givenName,
  assessorFamilyName: assessor.familyName,
};

/** One row of a queue or list. */
export type QueueRow = {
  submissionId: string;
  portfolioId: string;
  version: number;
  status: SubmissionStatus;
  submittedAt: Date;
  allocatedAt: Date | null;
  learnerId: string;
  learnerGivenName: string;
  learnerFamilyName: string;
  courseId: string;
  courseTitle: string;
  courseLevel: (typeof courses.$inferSelect)["level"];
  assessorId: string | null;
  assessorGivenName: string | null;
  assessorFamilyName: string | null;
};

function queueFrom(tx: Tx) {
  return tx
    .select(queueColumns)
    .from(portfolioSubmissions)
    .innerJoin(portfolios, eq(portfolios.id, portfolioSubmissions.portfolioId))
    .innerJoin(learner, eq(learner.id, portfolios.userId))
    .innerJoin(courses, eq(courses.id, portfolios.courseId))
    .leftJoin(assessor, eq(assessor.id, portfolioSubmissions.assessorId));
}

/** Not the person themselves, nor anyone in their team (when they have one). */
function notSelfOrTeam(person: TeamMember): SQL | undefined {
  return and(
    ne(learner.id, person.userId),
    person.teamId ? or(isNull(learner.teamId), ne(learner.teamId, person.teamId)) : undefined,
  );
}

/** Submissions allocated to an assessor that are theirs to decide (waiting or overturned), oldest first. */
export async function listAllocatedTo(tx: Tx, assessorId: string): Promise<QueueRow[]> {
  return queueFrom(tx)
    .where(
      and(
        eq(portfolioSubmissions.assessorId, assessorId),
        inArray(portfolioSubmissions.status, ["awaiting_assessment", "overturned"]),
      ),
    )
    .orderBy(asc(portfolioSubmissions.submittedAt), asc(portfolioSubmissions.id));
}

/** Unallocated submissions waiting for an assessor that `person` may assess (not theirs, not their team's), oldest first. */
export async function listAvailableFor(tx: Tx, person: TeamMember, limit: number): Promise<QueueRow[]> {
  return queueFrom(tx)
    .where(
      and(
        isNull(portfolioSubmissions.assessorId),
        eq(portfolioSubmissions.status, "awaiting_assessment"),
        notSelfOrTeam(person),
      ),
    )
    .orderBy(asc(portfolioSubmissions.submittedAt), asc(portfolioSubmissions.id))
    .limit(limit);
}

/** Filters for the administrators' allocation list. */
export interface AllocationFilter {
  statuses: SubmissionStatus[];
  courseId?: string | undefined;
  allocated?: boolean | undefined;
}

function allocationWhere(filter: AllocationFilter): SQL | undefined {
  return and(
    inArray(portfolioSubmissions.status, filter.statuses),
    filter.courseId ? eq(portfolios.courseId, filter.courseId) : undefined,
    filter.allocated === undefined
      ? undefined
      : filter.allocated
        ? sql`${portfolioSubmissions.assessorId} is not null`
        : isNull(portfolioSubmissions.assessorId),
  );
}

/** A page of open submissions for the allocation list, oldest first, with the total matching. */
export async function listForAllocation(
  tx: Tx,
  filter: AllocationFilter,
  limit: number,
  offset: number,
): Promise<{ rows: QueueRow[]; total: number }> {
  const where = allocationWhere(filter);
  const rows = await queueFrom(tx)
    .where(where)
    .orderBy(asc(portfolioSubmissions.submittedAt), asc(portfolioSubmissions.id))
    .limit(limit)
    .offset(offset);
  const [totalRow] = await tx
    .select({ n: count() })
    .from(portfolioSubmissions)
    .innerJoin(portfolios, eq(portfolios.id, portfolioSubmissions.portfolioId))
    .where(where);
  return { rows, total: Number(totalRow?.n ?? 0) };
}

/** Courses that have any submission in one of `statuses`, by title (the allocation list's course filter). */
export async function listCoursesWithSubmissions(tx: Tx, statuses: SubmissionStatus[]) {
  return tx
    .selectDistinct({ id: courses.id, title: courses.title })
    .from(portfolioSubmissions)
    .innerJoin(portfolios, eq(portfolios.id, portfolioSubmissions.portfolioId))
    .innerJoin(courses, eq(courses.id, portfolios.courseId))
    .where(inArray(portfolioSubmissions.status, statuses))
    .orderBy(asc(courses.title));
}

/** One row of the verification queue: the submission and the decision under review. */
export type VerificationQueueRow = QueueRow & {
  outcome: "pass" | "refer";
  decidedAt: Date;
  decisionAssessorId: string | null;
};

/** Submissions waiting for verification, each with its current decision, oldest decision first. */
export async function listAwaitingVerification(
  tx: Tx,
  verifierPerson: TeamMember | null,
): Promise<VerificationQueueRow[]> {
  return tx
    .select({
      ...queueColumns,
      outcome: assessmentDecisions.outcome,
      decidedAt: assessmentDecisions.decidedAt,
      decisionAssessorId: assessmentDecisions.assessorId,
    })
    .from(portfolioSubmissions)
    .innerJoin(portfolios, eq(portfolios.id, portfolioSubmissions.portfolioId))
    .innerJoin(learner, eq(learner.id, portfolios.userId))
    .innerJoin(courses, eq(courses.id, portfolios.courseId))
    .leftJoin(assessor, eq(assessor.id, portfolioSubmissions.assessorId))
    .innerJoin(
      assessmentDecisions,
      and(
        eq(assessmentDecisions.submissionId, portfolioSubmissions.id),
        isNull(assessmentDecisions.supersededAt),
      ),
    )
    .where(
      and(
        eq(portfolioSubmissions.status, "awaiting_verification"),
        verifierPerson
          ? and(
              notSelfOrTeam(verifierPerson),
              or(
                isNull(assessmentDecisions.assessorId),
                ne(assessmentDecisions.assessorId, verifierPerson.userId),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(assessmentDecisions.decidedAt), asc(portfolioSubmissions.id));
}

/** How many submissions are waiting for verification, whoever may verify them. */
export async function countAwaitingVerification(tx: Tx): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(portfolioSubmissions)
    .where(eq(portfolioSubmissions.status, "awaiting_verification"));
  return Number(row?.n ?? 0);
}

/**
 * One submission with its portfolio, learner (and their team), course and assessor. `lock` takes the submission's row
 * lock, so decisions, verdicts and allocations on one submission happen one after the other.
 */
export async function getSubmission(tx: Tx, id: string, lock = false) {
  const query = tx
    .select({
      submission: portfolioSubmissions,
      portfolio: {
        id: portfolios.id,
        userId: portfolios.userId,
        enrolmentId: portfolios.enrolmentId,
        courseId: portfolios.courseId,
        status: portfolios.status,
      },
      learner: {
        id: learner.id,
        email: learner.email,
        givenName: learner.givenName,
        familyName: learner.familyName,
        teamId: learner.teamId,
      },
      course: { id: courses.id, title: courses.title, level: courses.level, programme: programmes.title },
      assessorGivenName: assessor.givenName,
      assessorFamilyName: assessor.familyName,
    })
    .from(portfolioSubmissions)
    .innerJoin(portfolios, eq(portfolios.id, portfolioSubmissions.portfolioId))
    .innerJoin(learner, eq(learner.id, portfolios.userId))
    .innerJoin(courses, eq(courses.id, portfolios.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .leftJoin(assessor, eq(assessor.id, portfolioSubmissions.assessorId))
    .where(eq(portfolioSubmissions.id, id));
  const [row] = lock ? await query.for("update", { of: portfolioSubmissions }) : await query;
  return row ?? null;
}

/** A submission as getSubmission returns it. */
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;

/** A user's id, names, email and team, or null. */
export async function getPerson(tx: Tx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      givenName: users.givenName,
      familyName: users.familyName,
      teamId: users.teamId,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

const activeRole = (now: Date) => or(isNull(userRoles.expiresAt), gt(userRoles.expiresAt, now));

/** Everyone whose assessor role has not lapsed at `now` (and whose account is active), by name, with open work. */
export async function listAssessors(tx: Tx, now: Date) {
  const open = tx
    .select({ assessorId: portfolioSubmissions.assessorId, n: count().as("n") })
    .from(portfolioSubmissions)
    .where(inArray(portfolioSubmissions.status, ["awaiting_assessment", "overturned"]))
    .groupBy(portfolioSubmissions.assessorId)
    .as("open");
  return tx
    .selectDistinct({
      id: users.id,
      email: users.email,
      givenName: users.givenName,
      familyName: users.familyName,
      teamId: users.teamId,
      openAllocations: sql<number>`coalesce(${open.n}, 0)::int`,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .leftJoin(open, eq(open.assessorId, users.id))
    .where(and(eq(userRoles.role, "assessor"), activeRole(now), eq(users.status, "active")))
    .orderBy(asc(users.familyName), asc(users.givenName), asc(users.id));
}

/** A user holding the assessor role at `now` with an active account, or null. */
export async function getActiveAssessor(tx: Tx, userId: string, now: Date) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      givenName: users.givenName,
      familyName: users.familyName,
      teamId: users.teamId,
    })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.userId, userId),
        eq(userRoles.role, "assessor"),
        activeRole(now),
        eq(users.status, "active"),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Takes an unallocated submission that is waiting for an assessor. The WHERE clause is the guard: of two assessors
 * picking the same one up at once, only one UPDATE matches. Returns null when it was no longer there to take.
 */
export async function pickUp(tx: Tx, id: string, assessorId: string, now: Date) {
  const [row] = await tx
    .update(portfolioSubmissions)
    .set({ assessorId, allocatedAt: now, allocatedBy: assessorId, updatedAt: now })
    .where(
      and(
        eq(portfolioSubmissions.id, id),
        isNull(portfolioSubmissions.assessorId),
        eq(portfolioSubmissions.status, "awaiting_assessment"),
      ),
    )
    .returning({ id: portfolioSubmissions.id });
  return row ?? null;
}

/** Allocates (or re-allocates) a submission still in one of `fromStatuses`; null when it has moved on. */
export async function allocate(
  tx: Tx,
  id: string,
  values: { assessorId: string; allocatedBy: string | null; now: Date },
  fromStatuses: SubmissionStatus[],
) {
  const [row] = await tx
    .update(portfolioSubmissions)
    .set({
      assessorId: values.assessorId,
      allocatedBy: values.allocatedBy,
      allocatedAt: values.now,
      updatedAt: values.now,
    })
    .where(and(eq(portfolioSubmissions.id, id), inArray(portfolioSubmissions.status, fromStatuses)))
    .returning({ id: portfolioSubmissions.id });
  return row ?? null;
}

/** Moves a submission from one of `fromStatuses` to `status`; null when it was not in any of them. */
export async function setSubmissionStatus(
  tx: Tx,
  id: string,
  status: SubmissionStatus,
  fromStatuses: SubmissionStatus[],
  now: Date,
) {
  const [row] = await tx
    .update(portfolioSubmissions)
    .set({ status, updatedAt: now })
    .where(and(eq(portfolioSubmissions.id, id), inArray(portfolioSubmissions.status, fromStatuses)))
    .returning({ id: portfolioSubmissions.id, status: portfolioSubmissions.status });
  return row ?? null;
}

/**
 * Sets where the portfolio stands after a decision takes effect, and bumps its revision so any page holding the old
 * one knows it changed.
 */
export async function setPortfolioStatus(
  tx: Tx,
  portfolioId: string,
  status: "referred" | "passed",
  now: Date,
) {
  await tx
    .update(portfolios)
    .set({ status, revision: sql`${portfolios.revision} + 1`, updatedAt: now })
    .where(eq(portfolios.id, portfolioId));
}

/** How many decisions an assessor has made, superseded ones included (the "new assessor" rule counts them all). */
export async function countDecisionsBy(tx: Tx, assessorId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(assessmentDecisions)
    .where(eq(assessmentDecisions.assessorId, assessorId));
  return Number(row?.n ?? 0);
}

/** Whether a submission has a decision a verifier overturned (a new decision on it is always sampled). */
export async function hasSupersededDecision(tx: Tx, submissionId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(assessmentDecisions)
    .where(
      and(
        eq(assessmentDecisions.submissionId, submissionId),
        sql`${assessmentDecisions.supersededAt} is not null`,
      ),
    );
  return Number(row?.n ?? 0) > 0;
}

/** Records a decision. */
export async function insertDecision(
  tx: Tx,
  values: {
    submissionId: string;
    assessorId: string;
    outcome: "pass" | "refer";
    criteria: { criterionId: string; decision: CriterionDecision; feedback: string }[];
    feedback: string;
    sampled: boolean;
    decidedAt: Date;
  },
) {
  const [row] = await tx.insert(assessmentDecisions).values(values).returning();
  if (!row) throw new Error("the decision was not written");
  return row;
}

/** A submission's decision that stands (not superseded), or null. */
export async function getCurrentDecision(tx: Tx, submissionId: string) {
  const [row] = await tx
    .select()
    .from(assessmentDecisions)
    .where(and(eq(assessmentDecisions.submissionId, submissionId), isNull(assessmentDecisions.supersededAt)))
    .orderBy(desc(assessmentDecisions.decidedAt))
    .limit(1);
  return row ?? null;
}

/** Marks a decision superseded (its verifier overturned it); null when it already was. */
export async function supersedeDecision(tx: Tx, decisionId: string, now: Date) {
  const [row] = await tx
    .update(assessmentDecisions)
    .set({ supersededAt: now })
    .where(and(eq(assessmentDecisions.id, decisionId), isNull(assessmentDecisions.supersededAt)))
    .returning({ id: assessmentDecisions.id });
  return row ?? null;
}

/** Records a verdict; null when the decision already has one (one verdict per decision). */
export async function insertVerification(
  tx: Tx,
  values: {
    decisionId: string;
    verifierId: string;
    outcome: "confirmed" | "overturned";
    rationale: string;
    verifiedAt: Date;
  },
) {
  const [row] = await tx.insert(verifications).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Every version of a portfolio, oldest first, with the criteria it was submitted against (not its evidence). */
export async function listVersions(tx: Tx, portfolioId: string) {
  const rows = await tx
    .select({
      id: portfolioSubmissions.id,
      version: portfolioSubmissions.version,
      submittedAt: portfolioSubmissions.submittedAt,
      status: portfolioSubmissions.status,
      // Only the criteria: the evidence part of older snapshots can be large and is not shown.
      criteria: sql<
        SubmissionSnapshot["criteria"] | string | null
      >`${portfolioSubmissions.snapshot} -> 'criteria'`,
    })
    .from(portfolioSubmissions)
    .where(eq(portfolioSubmissions.portfolioId, portfolioId))
    .orderBy(asc(portfolioSubmissions.version));
  return rows.map((r) => ({
    ...r,
    // Both drivers parse jsonb; a driver configured to leave it as text still gives the same array.
    criteria: (typeof r.criteria === "string"
      ? JSON.parse(r.criteria)
      : (r.criteria ?? [])) as SubmissionSnapshot["criteria"],
  }));
}

/** Decisions on any of `submissionIds`, oldest first, with the assessor's and verifier's names and the verdict. */
export async function listDecisions(tx: Tx, submissionIds: string[]) {
  if (submissionIds.length === 0) return [];
  return tx
    .select({
      decision: assessmentDecisions,
      assessorGivenName: decisionMaker.givenName,
      assessorFamilyName: decisionMaker.familyName,
      verification: {
        outcome: verifications.outcome,
        rationale: verifications.rationale,
        verifiedAt: verifications.verifiedAt,
        verifierId: verifications.verifierId,
      },
      verifierGivenName: verifier.givenName,
      verifierFamilyName: verifier.familyName,
    })
    .from(assessmentDecisions)
    .leftJoin(decisionMaker, eq(decisionMaker.id, assessmentDecisions.assessorId))
    .leftJoin(verifications, eq(verifications.decisionId, assessmentDecisions.id))
    .leftJoin(verifier, eq(verifier.id, verifications.verifierId))
    .where(inArray(assessmentDecisions.submissionId, submissionIds))
    .orderBy(asc(assessmentDecisions.decidedAt), asc(assessmentDecisions.id));
}

/** A decision row with its names and verdict, as listDecisions returns it. */
export type DecisionRow = Awaited<ReturnType<typeof listDecisions>>[number];

/** The assessor guidance of criteria that still exist, by id (the snapshot keeps the statements, not the guidance). */
export async function getAssessorGuidance(tx: Tx, criterionIds: string[]): Promise<Map<string, string>> {
  if (criterionIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: assessmentCriteria.id, guidance: assessmentCriteria.assessorGuidance })
    .from(assessmentCriteria)
    .where(inArray(assessmentCriteria.id, criterionIds));
  return new Map(rows.map((r) => [r.id, r.guidance]));
}

/** The one verification settings row (created by the migration; recreated with the defaults if it went missing). */
export async function getSettings(tx: Tx) {
  const [row] = await tx
    .select({
      settings: verificationSettings,
      updatedByGivenName: users.givenName,
      updatedByFamilyName: users.familyName,
    })
    .from(verificationSettings)
    .leftJoin(users, eq(users.id, verificationSettings.updatedBy))
    .where(eq(verificationSettings.id, 1));
  if (row) return row;
  const [created] = await tx.insert(verificationSettings).values({ id: 1 }).onConflictDoNothing().returning();
  if (!created) throw new Error("the verification settings row could not be read or created");
  return { settings: created, updatedByGivenName: null, updatedByFamilyName: null };
}

/** Replaces the verification settings. */
export async function updateSettings(
  tx: Tx,
  values: { samplePercent: number; newAssessorDecisions: number; updatedBy: string; updatedAt: Date },
) {
  await tx
    .insert(verificationSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: verificationSettings.id, set: values });
}

/** The sampling settings a decision is drawn with (the schema's defaults if the row went missing). */
export async function getSettingsForDecision(tx: Tx) {
  const [row] = await tx.select().from(verificationSettings).where(eq(verificationSettings.id, 1));
  return row ?? { samplePercent: 20, newAssessorDecisions: 3 };
}

/** A user's id and team by email address (the demo seed finds its accounts this way), or null. */
export async function getPersonByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: users.id, teamId: users.teamId })
    .from(users)
    .where(eq(users.email, email));
  return row ?? null;
}

/** A learner's submissions waiting for an assessor that nobody holds yet, oldest first. */
export async function listUnallocatedOf(tx: Tx, learnerId: string) {
  return tx
    .select({ id: portfolioSubmissions.id })
    .from(portfolioSubmissions)
    .innerJoin(portfolios, eq(portfolios.id, portfolioSubmissions.portfolioId))
    .where(
      and(
        eq(portfolios.userId, learnerId),
        eq(portfolioSubmissions.status, "awaiting_assessment"),
        isNull(portfolioSubmissions.assessorId),
      ),
    )
    .orderBy(asc(portfolioSubmissions.submittedAt));
}
