import { and, asc, eq, inArray } from "drizzle-orm";
import {
  caseStudies,
  courses,
  driverNodes,
  improvementProjects,
  measureAnnotations,
  measurePoints,
  organisations,
  pdsaCycles,
  projectMeasures,
  projectMembers,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** The queries behind the case-study document: one read per table, each by project (or its measures). */

/** The project with its organisation's name and its course's title; null when there is no such project. */
export async function getProjectForDocument(tx: Tx, projectId: string) {
  const [row] = await tx
    .select({
      project: improvementProjects,
      organisationName: organisations.name,
      courseTitle: courses.title,
    })
    .from(improvementProjects)
    .leftJoin(organisations, eq(organisations.id, improvementProjects.organisationId))
    .leftJoin(courses, eq(courses.id, improvementProjects.courseId))
    .where(eq(improvementProjects.id, projectId))
    .limit(1);
  return row ?? null;
}

/** The team with names, leads first, then by when they joined. */
export async function listTeamWithNames(tx: Tx, projectId: string) {
  return tx
    .select({
      givenName: users.givenName,
      familyName: users.familyName,
      role: projectMembers.role,
      responsibility: projectMembers.responsibility,
      joinedAt: projectMembers.joinedAt,
    })
    .from(projectMembers)
    .innerJoin(users, eq(users.id, projectMembers.userId))
    .where(eq(projectMembers.projectId, projectId))
    .orderBy(asc(projectMembers.joinedAt), asc(users.familyName));
}

/** Every driver-diagram node of the project, in position order. */
export async function listDriverNodes(tx: Tx, projectId: string) {
  return tx
    .select()
    .from(driverNodes)
    .where(eq(driverNodes.projectId, projectId))
    .orderBy(asc(driverNodes.position), asc(driverNodes.createdAt));
}

/** The write-up row, or null before anyone has written anything. */
export async function getCaseStudy(tx: Tx, projectId: string) {
  const [row] = await tx.select().from(caseStudies).where(eq(caseStudies.projectId, projectId)).limit(1);
  return row ?? null;
}

/** The project's measures in position order. */
export async function listProjectMeasures(tx: Tx, projectId: string) {
  return tx
    .select()
    .from(projectMeasures)
    .where(eq(projectMeasures.projectId, projectId))
    .orderBy(asc(projectMeasures.position), asc(projectMeasures.createdAt));
}

/** One measure with the project it belongs to; null when there is none. */
export async function getMeasureById(tx: Tx, measureId: string) {
  const [row] = await tx.select().from(projectMeasures).where(eq(projectMeasures.id, measureId)).limit(1);
  return row ?? null;
}

/** The points of several measures, each measure's in date order. */
export async function listPointsOfMeasures(tx: Tx, measureIds: string[]) {
  if (measureIds.length === 0) return [];
  return tx
    .select({
      measureId: measurePoints.measureId,
      date: measurePoints.observedOn,
      value: measurePoints.value,
    })
    .from(measurePoints)
    .where(inArray(measurePoints.measureId, measureIds))
    .orderBy(asc(measurePoints.measureId), asc(measurePoints.observedOn));
}

/** The chart notes of several measures, in date order. */
export async function listAnnotationsOfMeasures(tx: Tx, measureIds: string[]) {
  if (measureIds.length === 0) return [];
  return tx
    .select({
      measureId: measureAnnotations.measureId,
      date: measureAnnotations.observedOn,
      label: measureAnnotations.label,
    })
    .from(measureAnnotations)
    .where(inArray(measureAnnotations.measureId, measureIds))
    .orderBy(asc(measureAnnotations.observedOn));
}

/** The project's PDSA cycles by start date, with the text of the change idea each tests. */
export async function listPdsaCyclesWithIdeas(tx: Tx, projectId: string) {
  return tx
    .select({ cycle: pdsaCycles, changeIdea: driverNodes.text })
    .from(pdsaCycles)
    .leftJoin(
      driverNodes,
      and(eq(driverNodes.id, pdsaCycles.changeIdeaId), eq(driverNodes.projectId, projectId)),
    )
    .where(eq(pdsaCycles.projectId, projectId))
    .orderBy(asc(pdsaCycles.startsOn), asc(pdsaCycles.createdAt));
}
