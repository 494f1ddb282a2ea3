import { and, asc, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { RecognitionStatus } from "../../../shared/projects.js";
import {
  caseStudies,
  caseStudyLibrary,
  improvementProjects,
  measurePoints,
  organisations,
  type ProjectSubmissionSnapshot,
  projectMeasures,
  projectMembers,
  projectRecognitions,
  projectSubmissions,
  type RubricJudgement,
  recognitionCertificates,
  recognitionDecisions,
  userRoles,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

const assessor = alias(users, "assessor");
const consentGiver = alias(users, "consent_giver");

/** A project's own facts as recognition needs them: what the library publishes and the team's consent. */
export async function getProject(tx: Tx, projectId: string, lock = false) {
  const query = tx
    .select({
      id: improvementProjects.id,
      title: improvementProjects.title,
      aimWhat: improvementProjects.aimWhat,
      aimHowMuch: improvementProjects.aimHowMuch,
      aimByWhen: improvementProjects.aimByWhen,
      setting: improvementProjects.setting,
      topic: improvementProjects.topic,
      organisationName: organisations.name,
      libraryConsentAt: improvementProjects.libraryConsentAt,
      libraryConsentByGiven: consentGiver.givenName,
      libraryConsentByFamily: consentGiver.familyName,
    })
    .from(improvementProjects)
    .leftJoin(organisations, eq(organisations.id, improvementProjects.organisationId))
    .leftJoin(consentGiver, eq(consentGiver.id, improvementProjects.libraryConsentBy))
    .where(eq(improvementProjects.id, projectId));
  // The project row lock serialises submissions, consent changes and decisions on one project.
  const [row] = lock ? await query.for("update", { of: improvementProjects }) : await query;
  return row ?? null;
}

/** A project's facts. */
export type ProjectRow = NonNullable<Awaited<ReturnType<typeof getProject>>>;

/** The team: each member's names, email, team, certificate name and name consent, leads first. */
export async function listTeam(tx: Tx, projectId: string) {
  return tx
    .select({
      userId: projectMembers.userId,
      role: projectMembers.role,
      nameInLibrary: projectMembers.nameInLibrary,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
      teamId: users.teamId,
      certificateName: users.certificateName,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.role), asc(users.familyName), asc(users.givenName));
}

/** A team member as listTeam returns them. */
export type TeamRow = Awaited<ReturnType<typeof listTeam>>[number];

/** The write-up's sections, or an empty record when none was started. */
export async function getSections(tx: Tx, projectId: string): Promise<Record<string, string>> {
  const [row] = await tx
    .select({ sections: caseStudies.sections })
    .from(caseStudies)
    .where(eq(caseStudies.projectId, projectId));
  return row?.sections ?? {};
}

/** The kinds of the project's measures that have at least one data point. */
export async function measureKindsWithData(tx: Tx, projectId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ kind: projectMeasures.kind })
    .from(projectMeasures)
    .where(
      and(
        eq(projectMeasures.projectId, projectId),
        sql`exists (select 1 from ${measurePoints} where ${measurePoints.measureId} = ${projectMeasures.id})`,
      ),
    );
  return rows.map((r) => r.kind).sort();
}

/** The project's recognition, if it has one. */
export async function getRecognition(tx: Tx, projectId: string) {
  const [row] = await tx
    .select()
    .from(projectRecognitions)
    .where(eq(projectRecognitions.projectId, projectId));
  return row ?? null;
}

/** Whether the project has a library entry. */
export async function hasLibraryEntry(tx: Tx, projectId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: caseStudyLibrary.projectId })
    .from(caseStudyLibrary)
    .where(eq(caseStudyLibrary.projectId, projectId));
  return row !== undefined;
}

/** The project's submissions, oldest first, each with its decision. */
export async function listVersions(tx: Tx, projectId: string) {
  return tx
    .select({ submission: projectSubmissions, decision: recognitionDecisions })
    .from(projectSubmissions)
    .leftJoin(recognitionDecisions, eq(recognitionDecisions.submissionId, projectSubmissions.id))
    .where(eq(projectSubmissions.projectId, projectId))
    .orderBy(asc(projectSubmissions.version));
}

/** A version with its decision. */
export type VersionRow = Awaited<ReturnType<typeof listVersions>>[number];

/** Writes a new submission. */
export async function insertSubmission(
  tx: Tx,
  values: {
    projectId: string;
    version: number;
    snapshot: ProjectSubmissionSnapshot;
    submittedBy: string;
    now: Date;
  },
) {
  const [row] = await tx
    .insert(projectSubmissions)
    .values({
      projectId: values.projectId,
      version: values.version,
      snapshot: values.snapshot,
      submittedBy: values.submittedBy,
      submittedAt: values.now,
      updatedAt: values.now,
    })
    .returning();
  if (!row) throw new Error("the submission insert returned no row");
  return row;
}

/** Records (or clears) the team's library consent. */
export async function setLibraryConsent(tx: Tx, projectId: string, by: string | null, now: Date | null) {
  await tx
    .update(improvementProjects)
    .set({ libraryConsentAt: now, libraryConsentBy: by })
    .where(eq(improvementProjects.id, projectId));
}

/** Records a member's own choice about being named in the library; false when they are not on the team. */
export async function setNameInLibrary(
  tx: Tx,
  projectId: string,
  userId: string,
  nameInLibrary: boolean,
): Promise<boolean> {
  const rows = await tx
    .update(projectMembers)
    .set({ nameInLibrary })
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)))
    .returning({ userId: projectMembers.userId });
  return rows.length > 0;
}

const queueColumns = {
  submissionId: projectSubmissions.id,
  projectId: projectSubmissions.projectId,
  projectTitle: improvementProjects.title,
  version: projectSubmissions.version,
  status: projectSubmissions.status,
  submittedAt: projectSubmissions.submittedAt,
  allocatedAt: projectSubmissions.allocatedAt,
  assessorId: projectSubmissions.assessorId,
  assessorGivenName: assessor.givenName,
  assessorFamilyName: assessor.familyName,
  setting: improvementProjects.setting,
  topic: improvementProjects.topic,
};

/** One row of a case-study queue. */
export type QueueRow = {
  submissionId: string;
  projectId: string;
  projectTitle: string;
  version: number;
  status: RecognitionStatus;
  submittedAt: Date;
  allocatedAt: Date | null;
  assessorId: string | null;
  assessorGivenName: string | null;
  assessorFamilyName: string | null;
  setting: ProjectRow["setting"];
  topic: ProjectRow["topic"];
};

const queueFrom = (tx: Tx) =>
  tx
    .select(queueColumns)
    .from(projectSubmissions)
    .innerJoin(improvementProjects, eq(improvementProjects.id, projectSubmissions.projectId))
    .leftJoin(assessor, eq(assessor.id, projectSubmissions.assessorId));

/** Case studies allocated to an assessor and still waiting for their decision, oldest first. */
export async function listAllocatedTo(tx: Tx, assessorId: string): Promise<QueueRow[]> {
  return queueFrom(tx)
    .where(
      and(
        eq(projectSubmissions.assessorId, assessorId),
        eq(projectSubmissions.status, "awaiting_assessment"),
      ),
    )
    .orderBy(asc(projectSubmissions.submittedAt));
}

/**
 * Unallocated case studies waiting for an assessor that `person` may take: not on a project they are on, nor one
 * whose team includes someone of their own team. Oldest first.
 */
export async function listAvailableFor(
  tx: Tx,
  person: { userId: string; teamId: string | null },
  limit: number,
): Promise<QueueRow[]> {
  // The conflict rule as a correlated NOT EXISTS, so the list never offers work the assessor could not pick up.
  const conflict = sql`exists (
    select 1 from ${projectMembers} pm join ${users} u on u.id = pm.user_id
    where pm.project_id = ${projectSubmissions.projectId}
      and (pm.user_id = ${person.userId} or (${person.teamId}::uuid is not null and u.team_id = ${person.teamId}::uuid)))`;
  return queueFrom(tx)
    .where(
      and(
        isNull(projectSubmissions.assessorId),
        eq(projectSubmissions.status, "awaiting_assessment"),
        sql`not ${conflict}`,
      ),
    )
    .orderBy(asc(projectSubmissions.submittedAt))
    .limit(limit);
}

/** Every submission for the administrators' list, open ones first, then newest. */
export async function listAll(tx: Tx, limit: number): Promise<QueueRow[]> {
  return queueFrom(tx)
    .orderBy(
      sql`case when ${projectSubmissions.status} = 'awaiting_assessment' then 0 else 1 end`,
      desc(projectSubmissions.submittedAt),
    )
    .limit(limit);
}

/** One submission with its project's facts, optionally row-locked for a decision. */
export async function getSubmission(tx: Tx, id: string, lock = false) {
  const query = tx
    .select({
      submission: projectSubmissions,
      assessorGivenName: assessor.givenName,
      assessorFamilyName: assessor.familyName,
    })
    .from(projectSubmissions)
    .leftJoin(assessor, eq(assessor.id, projectSubmissions.assessorId))
    .where(eq(projectSubmissions.id, id));
  const [row] = lock ? await query.for("update", { of: projectSubmissions }) : await query;
  return row ?? null;
}

/** A submission row as getSubmission returns it. */
export type SubmissionRow = NonNullable<Awaited<ReturnType<typeof getSubmission>>>;

/**
 * Takes an unallocated submission that is still waiting. The WHERE clause is the guard: of two assessors picking the
 * same one up at once, only one UPDATE matches. Null when it was no longer there to take.
 */
export async function pickUp(tx: Tx, id: string, assessorId: string, now: Date) {
  const [row] = await tx
    .update(projectSubmissions)
    .set({ assessorId, allocatedAt: now, updatedAt: now })
    .where(
      and(
        eq(projectSubmissions.id, id),
        isNull(projectSubmissions.assessorId),
        eq(projectSubmissions.status, "awaiting_assessment"),
      ),
    )
    .returning({ id: projectSubmissions.id });
  return row ?? null;
}

/** Allocates (or re-allocates) a submission still waiting for assessment; null when it has been decided. */
export async function allocate(tx: Tx, id: string, assessorId: string, now: Date) {
  const [row] = await tx
    .update(projectSubmissions)
    .set({ assessorId, allocatedAt: now, updatedAt: now })
    .where(and(eq(projectSubmissions.id, id), eq(projectSubmissions.status, "awaiting_assessment")))
    .returning({ id: projectSubmissions.id });
  return row ?? null;
}

/** Moves a waiting submission to passed or referred; false when it was no longer waiting. */
export async function closeSubmission(tx: Tx, id: string, status: "passed" | "referred", now: Date) {
  const rows = await tx
    .update(projectSubmissions)
    .set({ status, updatedAt: now })
    .where(and(eq(projectSubmissions.id, id), eq(projectSubmissions.status, "awaiting_assessment")))
    .returning({ id: projectSubmissions.id });
  return rows.length > 0;
}

/** Writes a decision. */
export async function insertDecision(
  tx: Tx,
  values: {
    submissionId: string;
    assessorId: string;
    outcome: "pass" | "refer";
    scores: RubricJudgement[];
    feedback: string;
    now: Date;
  },
) {
  const [row] = await tx
    .insert(recognitionDecisions)
    .values({
      submissionId: values.submissionId,
      assessorId: values.assessorId,
      outcome: values.outcome,
      scores: values.scores,
      feedback: values.feedback,
      decidedAt: values.now,
    })
    .returning();
  if (!row) throw new Error("the decision insert returned no row");
  return row;
}

/** Records a project as recognised. */
export async function insertRecognition(
  tx: Tx,
  values: { projectId: string; submissionId: string; cpdPoints: number; now: Date },
) {
  const [row] = await tx
    .insert(projectRecognitions)
    .values({
      projectId: values.projectId,
      submissionId: values.submissionId,
      cpdPoints: values.cpdPoints,
      recognisedAt: values.now,
    })
    .returning();
  if (!row) throw new Error("the recognition insert returned no row");
  return row;
}

/** Issues recognition certificates. */
export async function insertCertificates(
  tx: Tx,
  rows: {
    code: string;
    recognitionId: string;
    userId: string;
    certificateName: string;
    projectTitle: string;
    cpdPoints: number;
    issuedAt: Date;
  }[],
) {
  if (rows.length === 0) return;
  await tx.insert(recognitionCertificates).values(rows);
}

/** The certificates issued for a project's recognition, by holder. */
export async function listProjectCertificates(tx: Tx, projectId: string) {
  return tx
    .select({ certificate: recognitionCertificates })
    .from(recognitionCertificates)
    .innerJoin(projectRecognitions, eq(projectRecognitions.id, recognitionCertificates.recognitionId))
    .where(eq(projectRecognitions.projectId, projectId))
    .orderBy(asc(recognitionCertificates.certificateName));
}

/** A person's recognition certificates, newest first. */
export async function listUserCertificates(tx: Tx, userId: string) {
  return tx
    .select()
    .from(recognitionCertificates)
    .where(eq(recognitionCertificates.userId, userId))
    .orderBy(desc(recognitionCertificates.issuedAt));
}

/** Publishes (or republishes) a project in the library. */
export async function upsertLibraryEntry(tx: Tx, values: typeof caseStudyLibrary.$inferInsert) {
  await tx
    .insert(caseStudyLibrary)
    .values(values)
    .onConflictDoUpdate({
      target: caseStudyLibrary.projectId,
      set: {
        recognitionId: values.recognitionId,
        title: values.title,
        summary: values.summary,
        setting: values.setting,
        topic: values.topic,
        measureKinds: values.measureKinds,
        organisationName: values.organisationName,
        authors: values.authors,
        content: values.content,
        searchText: values.searchText,
      },
    });
}

/** Takes a project out of the library; true when it was there. */
export async function deleteLibraryEntry(tx: Tx, projectId: string): Promise<boolean> {
  const rows = await tx
    .delete(caseStudyLibrary)
    .where(eq(caseStudyLibrary.projectId, projectId))
    .returning({ id: caseStudyLibrary.projectId });
  return rows.length > 0;
}

/** A submission's frozen snapshot, for republishing when consent comes after recognition. */
export async function getSnapshot(tx: Tx, submissionId: string): Promise<ProjectSubmissionSnapshot | null> {
  const [row] = await tx
    .select({ snapshot: projectSubmissions.snapshot })
    .from(projectSubmissions)
    .where(eq(projectSubmissions.id, submissionId));
  return row?.snapshot ?? null;
}

/** A user's id and team by email, or null. */
export async function getPersonByEmail(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: users.id, teamId: users.teamId })
    .from(users)
    .where(eq(users.email, email));
  return row ?? null;
}

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

/** Everyone holding the assessor role now with an active account, by name. */
export async function listAssessors(tx: Tx, now: Date) {
  return tx
    .selectDistinct({ id: users.id, givenName: users.givenName, familyName: users.familyName })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
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

/** Users by id (for names in views). */
export async function getPeople(tx: Tx, ids: string[]) {
  if (ids.length === 0) return [];
  return tx
    .select({ id: users.id, givenName: users.givenName, familyName: users.familyName })
    .from(users)
    .where(inArray(users.id, ids));
}
