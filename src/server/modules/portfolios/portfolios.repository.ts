import { and, asc, countDistinct, desc, eq, inArray, max, sql } from "drizzle-orm";
import type { Level } from "../../../shared/catalogue.js";
import {
  assessmentCriteria,
  assessmentDecisions,
  assessmentUnits,
  courses,
  enrolments,
  evidenceCriteria,
  evidenceItems,
  learningOutcomes,
  portfolioSubmissions,
  portfolios,
  programmes,
  storedFiles,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

// Evidence bytes live in stored_files beside course files (docs/decisions/0008); this repository writes and reads the
// rows it owns there, because an evidence file is written in the same transaction as the evidence item that names it.

/** A portfolio row. */
export type PortfolioRow = typeof portfolios.$inferSelect;
/** An evidence item row. */
export type EvidenceRow = typeof evidenceItems.$inferSelect;
/** A submitted version row. */
export type SubmissionRow = typeof portfolioSubmissions.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// Courses and their criteria

/** A course with its programme's title; `lock` takes a row lock so criteria checks and changes see the same state. */
export async function getCourse(tx: Tx, courseId: string, options: { lock?: boolean } = {}) {
  const query = tx
    .select({
      id: courses.id,
      title: courses.title,
      level: courses.level,
      status: courses.status,
      programmeTitle: programmes.title,
    })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(eq(courses.id, courseId))
    .limit(1);
  // No key update: enrolments and portfolios referring to the course may still be written meanwhile.
  const [row] = options.lock ? await query.for("no key update", { of: courses }) : await query;
  return row ?? null;
}

/** A course's units in order. */
export async function listUnits(tx: Tx, courseId: string) {
  return tx
    .select()
    .from(assessmentUnits)
    .where(eq(assessmentUnits.courseId, courseId))
    .orderBy(asc(assessmentUnits.position), asc(assessmentUnits.createdAt));
}

/** A course's learning outcomes, in unit then outcome order. */
export async function listOutcomes(tx: Tx, courseId: string) {
  return tx
    .select({ outcome: learningOutcomes })
    .from(learningOutcomes)
    .innerJoin(assessmentUnits, eq(assessmentUnits.id, learningOutcomes.unitId))
    .where(eq(assessmentUnits.courseId, courseId))
    .orderBy(asc(assessmentUnits.position), asc(learningOutcomes.position), asc(learningOutcomes.createdAt))
    .then((rows) => rows.map((r) => r.outcome));
}

/** A course's criteria, in unit, outcome then criterion order. */
export async function listCriteria(tx: Tx, courseId: string) {
  return tx
    .select({ criterion: assessmentCriteria })
    .from(assessmentCriteria)
    .innerJoin(learningOutcomes, eq(learningOutcomes.id, assessmentCriteria.outcomeId))
    .innerJoin(assessmentUnits, eq(assessmentUnits.id, learningOutcomes.unitId))
    .where(eq(assessmentUnits.courseId, courseId))
    .orderBy(
      asc(assessmentUnits.position),
      asc(learningOutcomes.position),
      asc(assessmentCriteria.position),
      asc(assessmentCriteria.createdAt),
    )
    .then((rows) => rows.map((r) => r.criterion));
}

/** For each criterion of a course that has any: the portfolios with evidence mapped to it. */
export async function listMappedPortfolios(tx: Tx, courseId: string) {
  return tx
    .select({ criterionId: evidenceCriteria.criterionId, portfolioId: evidenceItems.portfolioId })
    .from(evidenceCriteria)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceCriteria.evidenceId))
    .innerJoin(portfolios, eq(portfolios.id, evidenceItems.portfolioId))
    .where(eq(portfolios.courseId, courseId))
    .groupBy(evidenceCriteria.criterionId, evidenceItems.portfolioId);
}

/** How many portfolios have evidence mapped to any of these criteria. */
export async function countPortfoliosMappedTo(tx: Tx, criterionIds: readonly string[]): Promise<number> {
  if (criterionIds.length === 0) return 0;
  const [row] = await tx
    .select({ n: countDistinct(evidenceItems.portfolioId) })
    .from(evidenceCriteria)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceCriteria.evidenceId))
    .where(inArray(evidenceCriteria.criterionId, [...criterionIds]));
  return row?.n ?? 0;
}

/**
 * Locks criteria rows before a removal counts their evidence: a learner mapping evidence to one of them holds a key
 * share lock on it until they commit, so the count that follows sees their mapping, and anyone mapping after waits.
 */
export async function lockCriteria(tx: Tx, criterionIds: readonly string[]): Promise<void> {
  if (criterionIds.length === 0) return;
  await tx
    .select({ id: assessmentCriteria.id })
    .from(assessmentCriteria)
    .where(inArray(assessmentCriteria.id, [...criterionIds]))
    .for("update");
}

/** One unit, or null. */
export async function getUnit(tx: Tx, unitId: string) {
  const [row] = await tx.select().from(assessmentUnits).where(eq(assessmentUnits.id, unitId)).limit(1);
  return row ?? null;
}

/** One learning outcome with its unit's course, or null. */
export async function getOutcome(tx: Tx, outcomeId: string) {
  const [row] = await tx
    .select({ outcome: learningOutcomes, courseId: assessmentUnits.courseId })
    .from(learningOutcomes)
    .innerJoin(assessmentUnits, eq(assessmentUnits.id, learningOutcomes.unitId))
    .where(eq(learningOutcomes.id, outcomeId))
    .limit(1);
  return row ?? null;
}

/** One criterion with its outcome's unit's course, or null. */
export async function getCriterion(tx: Tx, criterionId: string) {
  const [row] = await tx
    .select({
      criterion: assessmentCriteria,
      unitId: learningOutcomes.unitId,
      courseId: assessmentUnits.courseId,
    })
    .from(assessmentCriteria)
    .innerJoin(learningOutcomes, eq(learningOutcomes.id, assessmentCriteria.outcomeId))
    .innerJoin(assessmentUnits, eq(assessmentUnits.id, learningOutcomes.unitId))
    .where(eq(assessmentCriteria.id, criterionId))
    .limit(1);
  return row ?? null;
}

/** The position after a course's last unit. */
export async function nextUnitPosition(tx: Tx, courseId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(assessmentUnits.position) })
    .from(assessmentUnits)
    .where(eq(assessmentUnits.courseId, courseId));
  return (row?.n ?? 0) + 1;
}

/** The position after a unit's last outcome. */
export async function nextOutcomePosition(tx: Tx, unitId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(learningOutcomes.position) })
    .from(learningOutcomes)
    .where(eq(learningOutcomes.unitId, unitId));
  return (row?.n ?? 0) + 1;
}

/** The position after an outcome's last criterion. */
export async function nextCriterionPosition(tx: Tx, outcomeId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(assessmentCriteria.position) })
    .from(assessmentCriteria)
    .where(eq(assessmentCriteria.outcomeId, outcomeId));
  return (row?.n ?? 0) + 1;
}

/** Adds a unit; returns its id. */
export async function insertUnit(tx: Tx, values: typeof assessmentUnits.$inferInsert): Promise<string> {
  const [row] = await tx.insert(assessmentUnits).values(values).returning({ id: assessmentUnits.id });
  if (!row) throw new Error("insert into assessment_units returned no row");
  return row.id;
}

/** Adds a learning outcome; returns its id. */
export async function insertOutcome(tx: Tx, values: typeof learningOutcomes.$inferInsert): Promise<string> {
  const [row] = await tx.insert(learningOutcomes).values(values).returning({ id: learningOutcomes.id });
  if (!row) throw new Error("insert into learning_outcomes returned no row");
  return row.id;
}

/** Adds a criterion; returns its id. */
export async function insertCriterion(
  tx: Tx,
  values: typeof assessmentCriteria.$inferInsert,
): Promise<string> {
  const [row] = await tx.insert(assessmentCriteria).values(values).returning({ id: assessmentCriteria.id });
  if (!row) throw new Error("insert into assessment_criteria returned no row");
  return row.id;
}

/** Changes a unit's title and summary. */
export async function updateUnit(tx: Tx, unitId: string, values: { title: string; summary: string }) {
  await tx
    .update(assessmentUnits)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(assessmentUnits.id, unitId));
}

/** Changes a learning outcome's wording. */
export async function updateOutcome(tx: Tx, outcomeId: string, values: { title: string }) {
  await tx
    .update(learningOutcomes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(learningOutcomes.id, outcomeId));
}

/** Changes a criterion's reference, statement and guidance. */
export async function updateCriterion(
  tx: Tx,
  criterionId: string,
  values: Pick<
    typeof assessmentCriteria.$inferInsert,
    "code" | "statement" | "learnerGuidance" | "assessorGuidance"
  >,
) {
  await tx
    .update(assessmentCriteria)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(assessmentCriteria.id, criterionId));
}

/** Removes a unit with its outcomes and criteria (cascade). */
export async function deleteUnit(tx: Tx, unitId: string): Promise<void> {
  await tx.delete(assessmentUnits).where(eq(assessmentUnits.id, unitId));
}

/** Removes a learning outcome with its criteria (cascade). */
export async function deleteOutcome(tx: Tx, outcomeId: string): Promise<void> {
  await tx.delete(learningOutcomes).where(eq(learningOutcomes.id, outcomeId));
}

/** Removes a criterion. */
export async function deleteCriterion(tx: Tx, criterionId: string): Promise<void> {
  await tx.delete(assessmentCriteria).where(eq(assessmentCriteria.id, criterionId));
}

/** Numbers units 1, 2, 3… in the order given. */
export async function setUnitPositions(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx
      .update(assessmentUnits)
      .set({ position: index + 1 })
      .where(eq(assessmentUnits.id, id));
  }
}

/** Numbers outcomes 1, 2, 3… in the order given. */
export async function setOutcomePositions(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx
      .update(learningOutcomes)
      .set({ position: index + 1 })
      .where(eq(learningOutcomes.id, id));
  }
}

/** Numbers criteria 1, 2, 3… in the order given. */
export async function setCriterionPositions(tx: Tx, ids: readonly string[]): Promise<void> {
  for (const [index, id] of ids.entries()) {
    await tx
      .update(assessmentCriteria)
      .set({ position: index + 1 })
      .where(eq(assessmentCriteria.id, id));
  }
}

/** Courses at these levels (for the seed). */
export async function listCoursesAtLevels(tx: Tx, levels: readonly Level[]) {
  return tx
    .select({ id: courses.id, slug: courses.slug, level: courses.level, programmeSlug: programmes.slug })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(inArray(courses.level, [...levels]))
    .orderBy(asc(programmes.position), asc(courses.position));
}

/** True when any course has a unit (the criteria seed has run, or editors have started). */
export async function anyUnits(tx: Tx): Promise<boolean> {
  const [row] = await tx.select({ id: assessmentUnits.id }).from(assessmentUnits).limit(1);
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Portfolios and evidence

/** An enrolment with its course, or null. */
export async function getEnrolment(tx: Tx, enrolmentId: string) {
  const [row] = await tx
    .select({
      enrolment: {
        id: enrolments.id,
        userId: enrolments.userId,
        state: enrolments.state,
        startsAt: enrolments.startsAt,
        expiresAt: enrolments.expiresAt,
      },
      course: {
        id: courses.id,
        title: courses.title,
        level: courses.level,
        programmeTitle: programmes.title,
      },
    })
    .from(enrolments)
    .innerJoin(courses, eq(courses.id, enrolments.courseId))
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(eq(enrolments.id, enrolmentId))
    .limit(1);
  return row ?? null;
}

/** Makes the enrolment's portfolio if it has none yet (two first opens at once make one). */
export async function ensurePortfolio(
  tx: Tx,
  values: { enrolmentId: string; userId: string; courseId: string },
): Promise<void> {
  await tx.insert(portfolios).values(values).onConflictDoNothing({ target: portfolios.enrolmentId });
}

/** The enrolment's portfolio, or null; `lock` holds it for a change (every change to a portfolio locks it first). */
export async function getPortfolioForEnrolment(
  tx: Tx,
  enrolmentId: string,
  options: { lock?: boolean } = {},
): Promise<PortfolioRow | null> {
  const query = tx.select().from(portfolios).where(eq(portfolios.enrolmentId, enrolmentId)).limit(1);
  const [row] = options.lock ? await query.for("no key update") : await query;
  return row ?? null;
}

/** A portfolio by id, or null. */
export async function getPortfolio(tx: Tx, portfolioId: string): Promise<PortfolioRow | null> {
  const [row] = await tx.select().from(portfolios).where(eq(portfolios.id, portfolioId)).limit(1);
  return row ?? null;
}

/** Moves the portfolio on one revision (and to `status`, when given); returns the new revision. */
export async function bumpRevision(
  tx: Tx,
  portfolioId: string,
  status?: PortfolioRow["status"],
): Promise<number> {
  const [row] = await tx
    .update(portfolios)
    .set({
      revision: sql`${portfolios.revision} + 1`,
      updatedAt: new Date(),
      ...(status ? { status } : {}),
    })
    .where(eq(portfolios.id, portfolioId))
    .returning({ revision: portfolios.revision });
  if (!row) throw new Error("portfolio vanished while being changed");
  return row.revision;
}

/** A portfolio's evidence in the order added, with each file's details (not its bytes). */
export async function listEvidence(tx: Tx, portfolioId: string) {
  return tx
    .select({
      evidence: evidenceItems,
      file: {
        id: storedFiles.id,
        filename: storedFiles.filename,
        contentType: storedFiles.contentType,
        sizeBytes: storedFiles.sizeBytes,
      },
    })
    .from(evidenceItems)
    .leftJoin(storedFiles, eq(storedFiles.id, evidenceItems.fileId))
    .where(eq(evidenceItems.portfolioId, portfolioId))
    .orderBy(asc(evidenceItems.position), asc(evidenceItems.createdAt));
}

/** Which criteria each of a portfolio's evidence items is mapped to. */
export async function listMappings(tx: Tx, portfolioId: string) {
  return tx
    .select({ evidenceId: evidenceCriteria.evidenceId, criterionId: evidenceCriteria.criterionId })
    .from(evidenceCriteria)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceCriteria.evidenceId))
    .where(eq(evidenceItems.portfolioId, portfolioId));
}

/** One evidence item of a portfolio, or null. */
export async function getEvidence(
  tx: Tx,
  portfolioId: string,
  evidenceId: string,
): Promise<EvidenceRow | null> {
  const [row] = await tx
    .select()
    .from(evidenceItems)
    .where(and(eq(evidenceItems.id, evidenceId), eq(evidenceItems.portfolioId, portfolioId)))
    .limit(1);
  return row ?? null;
}

/** The position after a portfolio's last evidence item. */
export async function nextEvidencePosition(tx: Tx, portfolioId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(evidenceItems.position) })
    .from(evidenceItems)
    .where(eq(evidenceItems.portfolioId, portfolioId));
  return (row?.n ?? 0) + 1;
}

/** Adds an evidence item; returns its id. */
export async function insertEvidence(tx: Tx, values: typeof evidenceItems.$inferInsert): Promise<string> {
  const [row] = await tx.insert(evidenceItems).values(values).returning({ id: evidenceItems.id });
  if (!row) throw new Error("insert into evidence_items returned no row");
  return row.id;
}

/** Changes an evidence item's title, text and address. */
export async function updateEvidence(
  tx: Tx,
  evidenceId: string,
  values: { title: string; body: string; url: string | null },
): Promise<void> {
  await tx
    .update(evidenceItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(evidenceItems.id, evidenceId));
}

/** Replaces the criteria an evidence item is mapped to. */
export async function setMapping(tx: Tx, evidenceId: string, criterionIds: readonly string[]): Promise<void> {
  await tx.delete(evidenceCriteria).where(eq(evidenceCriteria.evidenceId, evidenceId));
  if (criterionIds.length === 0) return;
  await tx.insert(evidenceCriteria).values(criterionIds.map((criterionId) => ({ evidenceId, criterionId })));
}

/** Removes an evidence item (its mappings go with it). */
export async function deleteEvidence(tx: Tx, evidenceId: string): Promise<void> {
  await tx.delete(evidenceItems).where(eq(evidenceItems.id, evidenceId));
}

/** Stores an evidence file's bytes; returns its id. */
export async function insertFile(tx: Tx, values: typeof storedFiles.$inferInsert): Promise<string> {
  const [row] = await tx.insert(storedFiles).values(values).returning({ id: storedFiles.id });
  if (!row) throw new Error("insert into stored_files returned no row");
  return row.id;
}

/** Removes a stored file nothing refers to any more. */
export async function deleteFile(tx: Tx, fileId: string): Promise<void> {
  await tx.delete(storedFiles).where(eq(storedFiles.id, fileId));
}

/** A stored file's details (not its bytes), or null. */
export async function getFileMeta(tx: Tx, fileId: string) {
  const [row] = await tx
    .select({
      id: storedFiles.id,
      filename: storedFiles.filename,
      contentType: storedFiles.contentType,
      sizeBytes: storedFiles.sizeBytes,
    })
    .from(storedFiles)
    .where(eq(storedFiles.id, fileId))
    .limit(1);
  return row ?? null;
}

/** A stored file's bytes, or null. */
export async function readFileContent(tx: Tx, fileId: string): Promise<Buffer | null> {
  const [row] = await tx
    .select({ content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, fileId))
    .limit(1);
  return row?.content ?? null;
}

/** Raw SQL: jsonb containment finds a file named in any submitted version's snapshot, indexed or not. */
function snapshotNamesFile(fileId: string) {
  return sql`${portfolioSubmissions.snapshot} -> 'evidence' @> ${JSON.stringify([{ fileId }])}::jsonb`;
}

/** True when the file is evidence in this portfolio now, or was in one of its submitted versions. */
export async function portfolioHoldsFile(tx: Tx, portfolioId: string, fileId: string): Promise<boolean> {
  const [live] = await tx
    .select({ id: evidenceItems.id })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.portfolioId, portfolioId), eq(evidenceItems.fileId, fileId)))
    .limit(1);
  if (live) return true;
  const [submitted] = await tx
    .select({ id: portfolioSubmissions.id })
    .from(portfolioSubmissions)
    .where(and(eq(portfolioSubmissions.portfolioId, portfolioId), snapshotNamesFile(fileId)))
    .limit(1);
  return submitted !== undefined;
}

/** True when any submitted version of this portfolio names the file (so its bytes must be kept). */
export async function snapshotsHoldFile(tx: Tx, portfolioId: string, fileId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: portfolioSubmissions.id })
    .from(portfolioSubmissions)
    .where(and(eq(portfolioSubmissions.portfolioId, portfolioId), snapshotNamesFile(fileId)))
    .limit(1);
  return row !== undefined;
}

/** True when a stored file is portfolio evidence (now or in a submitted version) anywhere. */
export async function isEvidenceFile(tx: Tx, fileId: string): Promise<boolean> {
  const [live] = await tx
    .select({ id: evidenceItems.id })
    .from(evidenceItems)
    .where(eq(evidenceItems.fileId, fileId))
    .limit(1);
  if (live) return true;
  const [submitted] = await tx
    .select({ id: portfolioSubmissions.id })
    .from(portfolioSubmissions)
    .where(snapshotNamesFile(fileId))
    .limit(1);
  return submitted !== undefined;
}

/** A portfolio's submitted versions, newest first. */
export async function listSubmissions(tx: Tx, portfolioId: string): Promise<SubmissionRow[]> {
  return tx
    .select()
    .from(portfolioSubmissions)
    .where(eq(portfolioSubmissions.portfolioId, portfolioId))
    .orderBy(desc(portfolioSubmissions.version));
}

/** Who assesses each version of a portfolio (for the viewing policy). */
export async function listAllocations(tx: Tx, portfolioId: string) {
  return tx
    .select({ assessorId: portfolioSubmissions.assessorId })
    .from(portfolioSubmissions)
    .where(eq(portfolioSubmissions.portfolioId, portfolioId));
}

/** Every decision on these versions, oldest first. */
export async function listDecisions(tx: Tx, submissionIds: readonly string[]) {
  if (submissionIds.length === 0) return [];
  return tx
    .select()
    .from(assessmentDecisions)
    .where(inArray(assessmentDecisions.submissionId, [...submissionIds]))
    .orderBy(asc(assessmentDecisions.decidedAt), asc(assessmentDecisions.id));
}

/** Records a submitted version; returns it. */
export async function insertSubmission(
  tx: Tx,
  values: typeof portfolioSubmissions.$inferInsert,
): Promise<SubmissionRow> {
  const [row] = await tx.insert(portfolioSubmissions).values(values).returning();
  if (!row) throw new Error("insert into portfolio_submissions returned no row");
  return row;
}

/** The next version number of a portfolio. */
export async function nextVersion(tx: Tx, portfolioId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(portfolioSubmissions.version) })
    .from(portfolioSubmissions)
    .where(eq(portfolioSubmissions.portfolioId, portfolioId));
  return (row?.n ?? 0) + 1;
}
