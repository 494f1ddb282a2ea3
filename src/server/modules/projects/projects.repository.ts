import { and, asc, count, desc, eq, gt, isNull, sql } from "drizzle-orm";
import type { ProjectMemberRole, ProjectStatus, ProjectVisibility } from "../../../shared/projects.js";
import {
  courseRuns,
  courses,
  driverNodes,
  enrolments,
  improvementProjects,
  measurePoints,
  organisations,
  pdsaCycles,
  projectInvitations,
  projectMeasures,
  projectMembers,
  projectProgressScores,
  projectRecognitions,
  projectSubmissions,
  runMembers,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

const personName = sql<string>`${users.givenName} || ' ' || ${users.familyName}`;

/** The fields of a project a team sets. */
export interface ProjectValues {
  title: string;
  problem: string;
  aimWhat: string;
  aimHowMuch: string;
  aimByWhen: string;
  setting: (typeof improvementProjects.$inferInsert)["setting"];
  topic: (typeof improvementProjects.$inferInsert)["topic"];
  organisationId: string | null;
  teamName: string;
  courseId: string | null;
  runId: string | null;
  visibility: ProjectVisibility;
}

/** Inserts a project; returns its id. */
export async function insertProject(tx: Tx, values: ProjectValues, createdBy: string): Promise<string> {
  const [row] = await tx
    .insert(improvementProjects)
    .values({ ...values, createdBy })
    .returning({ id: improvementProjects.id });
  if (!row) throw new Error("project insert returned no row");
  return row.id;
}

/** Updates a project's own fields when it is still at `revision`; false when someone else changed it first. */
export async function updateProjectAtRevision(
  tx: Tx,
  projectId: string,
  revision: number,
  values: ProjectValues,
): Promise<boolean> {
  const rows = await tx
    .update(improvementProjects)
    .set({ ...values, revision: sql`${improvementProjects.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(improvementProjects.id, projectId), eq(improvementProjects.revision, revision)))
    .returning({ id: improvementProjects.id });
  return rows.length > 0;
}

/** Marks a project as changed (its content, not its own fields), so "My projects" orders by activity. */
export async function touchProject(tx: Tx, projectId: string): Promise<void> {
  await tx
    .update(improvementProjects)
    .set({ updatedAt: new Date() })
    .where(eq(improvementProjects.id, projectId));
}

/** Locks a project's row for the rest of the transaction, so edits to its tree or team are serialised. */
export async function lockProject(tx: Tx, projectId: string): Promise<void> {
  await tx
    .select({ id: improvementProjects.id })
    .from(improvementProjects)
    .where(eq(improvementProjects.id, projectId))
    .for("update");
}

/** Deletes a project and (by cascade) everything in it. */
export async function deleteProject(tx: Tx, projectId: string): Promise<void> {
  await tx.delete(improvementProjects).where(eq(improvementProjects.id, projectId));
}

/** A project's own fields with the names of what it links to. */
export async function getProject(tx: Tx, projectId: string) {
  const [row] = await tx
    .select({
      id: improvementProjects.id,
      title: improvementProjects.title,
      problem: improvementProjects.problem,
      aimWhat: improvementProjects.aimWhat,
      aimHowMuch: improvementProjects.aimHowMuch,
      aimByWhen: improvementProjects.aimByWhen,
      setting: improvementProjects.setting,
      topic: improvementProjects.topic,
      organisationId: improvementProjects.organisationId,
      organisationName: organisations.name,
      teamName: improvementProjects.teamName,
      courseId: improvementProjects.courseId,
      courseTitle: courses.title,
      runId: improvementProjects.runId,
      runTitle: courseRuns.title,
      status: improvementProjects.status,
      progressScore: improvementProjects.progressScore,
      visibility: improvementProjects.visibility,
      revision: improvementProjects.revision,
      createdAt: improvementProjects.createdAt,
      updatedAt: improvementProjects.updatedAt,
    })
    .from(improvementProjects)
    .leftJoin(organisations, eq(organisations.id, improvementProjects.organisationId))
    .leftJoin(courses, eq(courses.id, improvementProjects.courseId))
    .leftJoin(courseRuns, eq(courseRuns.id, improvementProjects.runId))
    .where(eq(improvementProjects.id, projectId));
  return row ?? null;
}

/** A project's team, leads first, then by when they joined. */
export function listMembers(tx: Tx, projectId: string) {
  return tx
    .select({
      userId: projectMembers.userId,
      name: personName,
      email: users.email,
      role: projectMembers.role,
      responsibility: projectMembers.responsibility,
      nameInLibrary: projectMembers.nameInLibrary,
      joinedAt: projectMembers.joinedAt,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.role), asc(projectMembers.joinedAt));
}

/** One member's place on a project, or null. */
export async function getMember(tx: Tx, projectId: string, userId: string) {
  const [row] = await tx
    .select({ role: projectMembers.role })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
  return row ?? null;
}

/** How many leads a project has. */
export async function countLeads(tx: Tx, projectId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.role, "lead")));
  return row?.n ?? 0;
}

/** Adds someone to a team (nothing happens if they are on it already). */
export async function insertMember(
  tx: Tx,
  values: {
    projectId: string;
    userId: string;
    role: ProjectMemberRole;
    responsibility: string;
    nameInLibrary: boolean;
  },
): Promise<boolean> {
  const rows = await tx
    .insert(projectMembers)
    .values(values)
    .onConflictDoNothing()
    .returning({ userId: projectMembers.userId });
  return rows.length > 0;
}

/** Changes a member's role, responsibility or consent. */
export async function updateMember(
  tx: Tx,
  projectId: string,
  userId: string,
  changes: { role?: ProjectMemberRole; responsibility?: string; nameInLibrary?: boolean },
): Promise<void> {
  await tx
    .update(projectMembers)
    .set(changes)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

/** Takes someone off a team. */
export async function deleteMember(tx: Tx, projectId: string, userId: string): Promise<void> {
  await tx
    .delete(projectMembers)
    .where(and(eq(projectMembers.projectId, projectId), eq(projectMembers.userId, userId)));
}

/** A project's progress history, newest first. */
export function listProgress(tx: Tx, projectId: string) {
  return tx
    .select({
      id: projectProgressScores.id,
      score: projectProgressScores.score,
      status: projectProgressScores.status,
      note: projectProgressScores.note,
      recordedBy: personName,
      recordedAt: projectProgressScores.recordedAt,
    })
    .from(projectProgressScores)
    .leftJoin(users, eq(users.id, projectProgressScores.recordedBy))
    .where(eq(projectProgressScores.projectId, projectId))
    .orderBy(desc(projectProgressScores.recordedAt), desc(projectProgressScores.id));
}

/** Records a progress score and copies it, with the status, onto the project (call inside a transaction). */
export async function insertProgress(
  tx: Tx,
  values: { projectId: string; score: string; status: ProjectStatus; note: string; recordedBy: string },
): Promise<string> {
  const [row] = await tx
    .insert(projectProgressScores)
    .values(values)
    .returning({ id: projectProgressScores.id });
  await tx
    .update(improvementProjects)
    .set({ progressScore: values.score, status: values.status, updatedAt: new Date() })
    .where(eq(improvementProjects.id, values.projectId));
  if (!row) throw new Error("progress insert returned no row");
  return row.id;
}

/** A project's measures with how many points each has and the latest one (the overview's list). */
export function listMeasureSummaries(tx: Tx, projectId: string) {
  // Raw SQL: the latest point per measure is a correlated subquery the builder cannot express tidily. The outer
  // table is named in full because Drizzle leaves columns unqualified in a single-table select.
  const latest = sql<{ observed_on: string; value: number } | null>`(
    select json_build_object('observed_on', mp.observed_on, 'value', mp.value)
    from ${measurePoints} mp where mp.measure_id = project_measures.id
    order by mp.observed_on desc limit 1)`;
  return tx
    .select({
      id: projectMeasures.id,
      title: projectMeasures.title,
      kind: projectMeasures.kind,
      unit: projectMeasures.unit,
      pointCount: sql<number>`(select count(*)::int from ${measurePoints} mp where mp.measure_id = project_measures.id)`,
      latest,
    })
    .from(projectMeasures)
    .where(eq(projectMeasures.projectId, projectId))
    .orderBy(asc(projectMeasures.position), asc(projectMeasures.createdAt));
}

/** A project's measures (id, title, kind) in order, for choosing charts. */
export function listMeasures(tx: Tx, projectId: string) {
  return tx
    .select({ id: projectMeasures.id, title: projectMeasures.title, kind: projectMeasures.kind })
    .from(projectMeasures)
    .where(eq(projectMeasures.projectId, projectId))
    .orderBy(asc(projectMeasures.position), asc(projectMeasures.createdAt));
}

/** How many driver nodes and PDSA cycles a project has. */
export async function contentCounts(tx: Tx, projectId: string) {
  const [nodes] = await tx
    .select({ n: count() })
    .from(driverNodes)
    .where(eq(driverNodes.projectId, projectId));
  const [cycles] = await tx
    .select({ n: count() })
    .from(pdsaCycles)
    .where(eq(pdsaCycles.projectId, projectId));
  return { driverNodes: nodes?.n ?? 0, pdsaCycles: cycles?.n ?? 0 };
}

/** The latest submission for recognition and whether the project is recognised; null when never submitted. */
export async function recognitionSummary(tx: Tx, projectId: string) {
  const [latest] = await tx
    .select({
      status: projectSubmissions.status,
      version: projectSubmissions.version,
      submittedAt: projectSubmissions.submittedAt,
    })
    .from(projectSubmissions)
    .where(eq(projectSubmissions.projectId, projectId))
    .orderBy(desc(projectSubmissions.version))
    .limit(1);
  if (!latest) return null;
  const [recognised] = await tx
    .select({ id: projectRecognitions.id })
    .from(projectRecognitions)
    .where(eq(projectRecognitions.projectId, projectId));
  return { ...latest, recognised: recognised !== undefined };
}

/** True once the project has been submitted for recognition (it can no longer be deleted). */
export async function hasSubmissions(tx: Tx, projectId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: projectSubmissions.id })
    .from(projectSubmissions)
    .where(eq(projectSubmissions.projectId, projectId))
    .limit(1);
  return row !== undefined;
}

/** The projects a person is on, most recently changed first, with their role and counts. */
export function listMyProjects(tx: Tx, userId: string) {
  return tx
    .select({
      id: improvementProjects.id,
      title: improvementProjects.title,
      status: improvementProjects.status,
      progressScore: improvementProjects.progressScore,
      role: projectMembers.role,
      memberCount: sql<number>`(select count(*)::int from ${projectMembers} pm where pm.project_id = ${improvementProjects.id})`,
      measureCount: sql<number>`(select count(*)::int from ${projectMeasures} m where m.project_id = ${improvementProjects.id})`,
      pdsaCount: sql<number>`(select count(*)::int from ${pdsaCycles} c where c.project_id = ${improvementProjects.id})`,
      updatedAt: improvementProjects.updatedAt,
    })
    .from(projectMembers)
    .innerJoin(improvementProjects, eq(improvementProjects.id, projectMembers.projectId))
    .where(eq(projectMembers.userId, userId))
    .orderBy(desc(improvementProjects.updatedAt))
    .limit(500);
}

/** Courses a person is enrolled on (any enrolment), by title. */
export function listEnrolledCourses(tx: Tx, userId: string) {
  return tx
    .selectDistinct({ id: courses.id, title: courses.title })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .where(eq(enrolments.userId, userId))
    .orderBy(asc(courses.title));
}

/** Course runs a person is a member of, by title. */
export function listMemberRuns(tx: Tx, userId: string) {
  return tx
    .select({ id: courseRuns.id, title: courseRuns.title, courseId: courseRuns.courseId })
    .from(runMembers)
    .innerJoin(courseRuns, eq(courseRuns.id, runMembers.runId))
    .where(eq(runMembers.userId, userId))
    .orderBy(asc(courseRuns.opensAt));
}

/** True when the person has an enrolment on the course. */
export async function isEnrolledOn(tx: Tx, userId: string, courseId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.userId, userId), eq(enrolments.courseId, courseId)))
    .limit(1);
  return row !== undefined;
}

/** The run's course when the person is a member of the run; null otherwise. */
export async function memberRunCourse(tx: Tx, userId: string, runId: string): Promise<string | null> {
  const [row] = await tx
    .select({ courseId: courseRuns.courseId })
    .from(runMembers)
    .innerJoin(courseRuns, eq(courseRuns.id, runMembers.runId))
    .where(and(eq(runMembers.userId, userId), eq(runMembers.runId, runId)));
  return row?.courseId ?? null;
}

/** True when an organisation exists. */
export async function organisationExists(tx: Tx, organisationId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row !== undefined;
}

/** An organisation's name, or null. */
export async function organisationName(tx: Tx, organisationId: string): Promise<string | null> {
  const [row] = await tx
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.name ?? null;
}

// Invitations

/** Stores an invitation (only the token's hash). */
export async function insertInvitation(
  tx: Tx,
  values: {
    projectId: string;
    email: string;
    tokenHash: string;
    role: ProjectMemberRole;
    responsibility: string;
    invitedBy: string;
    expiresAt: Date;
  },
): Promise<string> {
  const [row] = await tx.insert(projectInvitations).values(values).returning({ id: projectInvitations.id });
  if (!row) throw new Error("invitation insert returned no row");
  return row.id;
}

/** Withdraws any open invitation of the project to the same address (a new one replaces it). */
export async function revokeOpenInvitationsTo(tx: Tx, projectId: string, email: string): Promise<void> {
  await tx
    .update(projectInvitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(projectInvitations.projectId, projectId),
        sql`lower(${projectInvitations.email}) = lower(${email})`,
        isNull(projectInvitations.acceptedAt),
        isNull(projectInvitations.revokedAt),
      ),
    );
}

/** True when someone with this address (any case) is on the project's team. */
export async function isEmailOnTeam(tx: Tx, projectId: string, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: projectMembers.userId })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(and(eq(projectMembers.projectId, projectId), sql`lower(${users.email}) = lower(${email})`))
    .limit(1);
  return row !== undefined;
}

const invitationColumns = {
  id: projectInvitations.id,
  projectId: projectInvitations.projectId,
  projectTitle: improvementProjects.title,
  email: projectInvitations.email,
  role: projectInvitations.role,
  responsibility: projectInvitations.responsibility,
  invitedBy: personName,
  createdAt: projectInvitations.createdAt,
  expiresAt: projectInvitations.expiresAt,
  acceptedAt: projectInvitations.acceptedAt,
  revokedAt: projectInvitations.revokedAt,
};

/** One invitation as stored, with its project's title and who sent it. */
export type InvitationRow = Awaited<ReturnType<typeof getInvitationById>>;

/** An invitation by id (locked for update when asked), or null. */
export async function getInvitationById(tx: Tx, invitationId: string, lock = false) {
  const query = tx
    .select(invitationColumns)
    .from(projectInvitations)
    .innerJoin(improvementProjects, eq(improvementProjects.id, projectInvitations.projectId))
    .leftJoin(users, eq(users.id, projectInvitations.invitedBy))
    .where(eq(projectInvitations.id, invitationId));
  const [row] = lock ? await query.for("update", { of: projectInvitations }) : await query;
  return row ?? null;
}

/** An invitation by its token's hash, or null. */
export async function getInvitationByTokenHash(tx: Tx, tokenHash: string) {
  const [row] = await tx
    .select(invitationColumns)
    .from(projectInvitations)
    .innerJoin(improvementProjects, eq(improvementProjects.id, projectInvitations.projectId))
    .leftJoin(users, eq(users.id, projectInvitations.invitedBy))
    .where(eq(projectInvitations.tokenHash, tokenHash));
  return row ?? null;
}

/** A project's open invitations (not accepted, withdrawn or expired), newest first. */
export function listOpenInvitations(tx: Tx, projectId: string, now: Date) {
  return tx
    .select(invitationColumns)
    .from(projectInvitations)
    .innerJoin(improvementProjects, eq(improvementProjects.id, projectInvitations.projectId))
    .leftJoin(users, eq(users.id, projectInvitations.invitedBy))
    .where(
      and(
        eq(projectInvitations.projectId, projectId),
        isNull(projectInvitations.acceptedAt),
        isNull(projectInvitations.revokedAt),
        gt(projectInvitations.expiresAt, now),
      ),
    )
    .orderBy(desc(projectInvitations.createdAt));
}

/** Open invitations sent to an address (any case), newest first. */
export function listOpenInvitationsForEmail(tx: Tx, email: string, now: Date) {
  return tx
    .select(invitationColumns)
    .from(projectInvitations)
    .innerJoin(improvementProjects, eq(improvementProjects.id, projectInvitations.projectId))
    .leftJoin(users, eq(users.id, projectInvitations.invitedBy))
    .where(
      and(
        sql`lower(${projectInvitations.email}) = lower(${email})`,
        isNull(projectInvitations.acceptedAt),
        isNull(projectInvitations.revokedAt),
        gt(projectInvitations.expiresAt, now),
      ),
    )
    .orderBy(desc(projectInvitations.createdAt))
    .limit(100);
}

/** Marks an invitation accepted by a person. */
export async function markInvitationAccepted(tx: Tx, invitationId: string, userId: string): Promise<void> {
  await tx
    .update(projectInvitations)
    .set({ acceptedAt: new Date(), acceptedBy: userId })
    .where(eq(projectInvitations.id, invitationId));
}

/** Withdraws an invitation (revoked by a lead, or declined by the invited person); false when not open. */
export async function markInvitationRevoked(tx: Tx, invitationId: string): Promise<boolean> {
  const rows = await tx
    .update(projectInvitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(projectInvitations.id, invitationId),
        isNull(projectInvitations.acceptedAt),
        isNull(projectInvitations.revokedAt),
      ),
    )
    .returning({ id: projectInvitations.id });
  return rows.length > 0;
}
