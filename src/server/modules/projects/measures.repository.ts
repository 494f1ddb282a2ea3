import { and, asc, eq, inArray, sql } from "drizzle-orm";
import {
  measureAnnotations,
  measurePoints,
  pdsaCycles,
  projectMeasures,
  type StoredSpcRules,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A measure row as stored. */
export type MeasureRow = typeof projectMeasures.$inferSelect;
/** A data point row as stored. */
export type PointRow = typeof measurePoints.$inferSelect;
/** A chart note row as stored. */
export type AnnotationRow = typeof measureAnnotations.$inferSelect;

/** One measure by id. */
export async function getMeasure(tx: Tx, measureId: string): Promise<MeasureRow | null> {
  const [row] = await tx.select().from(projectMeasures).where(eq(projectMeasures.id, measureId)).limit(1);
  return row ?? null;
}

/** A project's measures in their order. */
export async function listMeasures(tx: Tx, projectId: string): Promise<MeasureRow[]> {
  return tx
    .select()
    .from(projectMeasures)
    .where(eq(projectMeasures.projectId, projectId))
    .orderBy(asc(projectMeasures.position), asc(projectMeasures.createdAt));
}

/** Every point of the given measures in date order (one statement for a whole project's list). */
export async function pointsOfMeasures(tx: Tx, measureIds: string[]): Promise<PointRow[]> {
  if (measureIds.length === 0) return [];
  return tx
    .select()
    .from(measurePoints)
    .where(inArray(measurePoints.measureId, measureIds))
    .orderBy(asc(measurePoints.measureId), asc(measurePoints.observedOn));
}

/** A measure's points in date order. */
export async function pointsOf(tx: Tx, measureId: string): Promise<PointRow[]> {
  return tx
    .select()
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .orderBy(asc(measurePoints.observedOn));
}

/** A measure's chart notes in date order. */
export async function annotationsOf(tx: Tx, measureId: string): Promise<AnnotationRow[]> {
  return tx
    .select()
    .from(measureAnnotations)
    .where(eq(measureAnnotations.measureId, measureId))
    .orderBy(asc(measureAnnotations.observedOn), asc(measureAnnotations.createdAt));
}

/** A project's PDSA cycles (title and start date) in start order, for the chart's time axis. */
export async function pdsaCyclesOf(
  tx: Tx,
  projectId: string,
): Promise<{ title: string; startsOn: string }[]> {
  return tx
    .select({ title: pdsaCycles.title, startsOn: pdsaCycles.startsOn })
    .from(pdsaCycles)
    .where(eq(pdsaCycles.projectId, projectId))
    .orderBy(asc(pdsaCycles.startsOn), asc(pdsaCycles.createdAt));
}

/** Adds a measure at the end of its project's list. */
export async function insertMeasure(
  tx: Tx,
  values: Omit<typeof projectMeasures.$inferInsert, "position">,
): Promise<MeasureRow> {
  // The next position is read in the insert itself so two measures added together still get an order.
  const [row] = await tx
    .insert(projectMeasures)
    .values({
      ...values,
      position: sql`(select coalesce(max(${projectMeasures.position}), 0) + 1 from ${projectMeasures} where ${projectMeasures.projectId} = ${values.projectId})`,
    })
    .returning();
  if (!row) throw new Error("measure insert returned no row");
  return row;
}

/** Changes a measure's details or settings and bumps its data version. */
export async function updateMeasure(
  tx: Tx,
  measureId: string,
  values: Partial<{
    kind: MeasureRow["kind"];
    title: string;
    definition: string;
    unit: string;
    improvementDirection: MeasureRow["improvementDirection"];
    frequency: MeasureRow["frequency"];
    target: number | null;
    rules: StoredSpcRules;
    baselineEndOn: string | null;
    rebaseOn: string[];
  }>,
): Promise<MeasureRow | null> {
  const [row] = await tx
    .update(projectMeasures)
    .set({ ...values, dataVersion: sql`${projectMeasures.dataVersion} + 1`, updatedAt: new Date() })
    .where(eq(projectMeasures.id, measureId))
    .returning();
  return row ?? null;
}

/** Bumps a measure's data version after its points or notes changed. */
export async function bumpDataVersion(tx: Tx, measureId: string): Promise<void> {
  await tx
    .update(projectMeasures)
    .set({ dataVersion: sql`${projectMeasures.dataVersion} + 1`, updatedAt: new Date() })
    .where(eq(projectMeasures.id, measureId));
}

/** Takes the measure's row lock, so concurrent imports and edits of its points run one after another. */
export async function lockMeasure(tx: Tx, measureId: string): Promise<MeasureRow | null> {
  const [row] = await tx
    .select()
    .from(projectMeasures)
    .where(eq(projectMeasures.id, measureId))
    .for("update")
    .limit(1);
  return row ?? null;
}

/** Deletes a measure (its points and notes go with it). */
export async function deleteMeasure(tx: Tx, measureId: string): Promise<void> {
  await tx.delete(projectMeasures).where(eq(projectMeasures.id, measureId));
}

/** One point of a measure; null for another measure's point. */
export async function getPoint(tx: Tx, measureId: string, pointId: string): Promise<PointRow | null> {
  const [row] = await tx
    .select()
    .from(measurePoints)
    .where(and(eq(measurePoints.id, pointId), eq(measurePoints.measureId, measureId)))
    .limit(1);
  return row ?? null;
}

/** The measure's point on a date, if any. */
export async function pointOn(tx: Tx, measureId: string, date: string): Promise<PointRow | null> {
  const [row] = await tx
    .select()
    .from(measurePoints)
    .where(and(eq(measurePoints.measureId, measureId), eq(measurePoints.observedOn, date)))
    .limit(1);
  return row ?? null;
}

/** How many points a measure holds. */
export async function countPoints(tx: Tx, measureId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(measurePoints)
    .where(eq(measurePoints.measureId, measureId));
  return row?.n ?? 0;
}

/** Adds one point; null when the date already has a value (the unique index decides, so races cannot double up). */
export async function insertPoint(
  tx: Tx,
  values: { measureId: string; observedOn: string; value: number; note: string; createdBy: string },
): Promise<PointRow | null> {
  const [row] = await tx.insert(measurePoints).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Changes one point. */
export async function updatePoint(
  tx: Tx,
  pointId: string,
  values: Partial<{ observedOn: string; value: number; note: string }>,
): Promise<PointRow | null> {
  const [row] = await tx.update(measurePoints).set(values).where(eq(measurePoints.id, pointId)).returning();
  return row ?? null;
}

/** Deletes one point. */
export async function deletePoint(tx: Tx, pointId: string): Promise<void> {
  await tx.delete(measurePoints).where(eq(measurePoints.id, pointId));
}

/** Deletes every point of a measure; how many went. */
export async function deleteAllPoints(tx: Tx, measureId: string): Promise<number> {
  const rows = await tx
    .delete(measurePoints)
    .where(eq(measurePoints.measureId, measureId))
    .returning({ id: measurePoints.id });
  return rows.length;
}

/** Writes imported points, replacing the value and note of dates that already have one. */
export async function upsertPoints(
  tx: Tx,
  measureId: string,
  rows: { date: string; value: number; note: string }[],
  createdBy: string,
): Promise<void> {
  // Batches keep each statement well under the drivers' parameter limits (5 parameters a row).
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    await tx
      .insert(measurePoints)
      .values(batch.map((r) => ({ measureId, observedOn: r.date, value: r.value, note: r.note, createdBy })))
      .onConflictDoUpdate({
        target: [measurePoints.measureId, measurePoints.observedOn],
        set: { value: sql`excluded.value`, note: sql`excluded.note` },
      });
  }
}

/** Adds a chart note. */
export async function insertAnnotation(
  tx: Tx,
  values: { measureId: string; observedOn: string; label: string; createdBy: string },
): Promise<AnnotationRow> {
  const [row] = await tx.insert(measureAnnotations).values(values).returning();
  if (!row) throw new Error("annotation insert returned no row");
  return row;
}

/** Deletes a chart note of a measure; false when the measure has no such note. */
export async function deleteAnnotation(tx: Tx, measureId: string, annotationId: string): Promise<boolean> {
  const rows = await tx
    .delete(measureAnnotations)
    .where(and(eq(measureAnnotations.id, annotationId), eq(measureAnnotations.measureId, measureId)))
    .returning({ id: measureAnnotations.id });
  return rows.length > 0;
}
