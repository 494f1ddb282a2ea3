import { and, asc, desc, eq } from "drizzle-orm";
import type { PdsaInput } from "../../../shared/project-contracts.js";
import { driverNodes, pdsaCycles } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

const columns = {
  id: pdsaCycles.id,
  title: pdsaCycles.title,
  changeIdeaId: pdsaCycles.changeIdeaId,
  changeIdeaText: driverNodes.text,
  plan: pdsaCycles.plan,
  prediction: pdsaCycles.prediction,
  doNotes: pdsaCycles.doNotes,
  study: pdsaCycles.study,
  act: pdsaCycles.act,
  decision: pdsaCycles.decision,
  startsOn: pdsaCycles.startsOn,
  endsOn: pdsaCycles.endsOn,
  updatedAt: pdsaCycles.updatedAt,
};

/** One stored PDSA cycle with its change idea's text. */
export type PdsaRow = Awaited<ReturnType<typeof listCycles>>[number];

/** A project's PDSA cycles by start date, newest first. */
export function listCycles(tx: Tx, projectId: string) {
  return tx
    .select(columns)
    .from(pdsaCycles)
    .leftJoin(driverNodes, eq(driverNodes.id, pdsaCycles.changeIdeaId))
    .where(eq(pdsaCycles.projectId, projectId))
    .orderBy(desc(pdsaCycles.startsOn), asc(pdsaCycles.createdAt));
}

/** A cycle of this project, or null (also for another project's cycle). */
export async function getCycle(tx: Tx, projectId: string, cycleId: string): Promise<PdsaRow | null> {
  const [row] = await tx
    .select(columns)
    .from(pdsaCycles)
    .leftJoin(driverNodes, eq(driverNodes.id, pdsaCycles.changeIdeaId))
    .where(and(eq(pdsaCycles.projectId, projectId), eq(pdsaCycles.id, cycleId)));
  return row ?? null;
}

/** Adds a cycle; returns its id. */
export async function insertCycle(
  tx: Tx,
  projectId: string,
  input: PdsaInput,
  createdBy: string,
): Promise<string> {
  const [row] = await tx
    .insert(pdsaCycles)
    .values({ ...input, projectId, createdBy })
    .returning({ id: pdsaCycles.id });
  if (!row) throw new Error("PDSA cycle insert returned no row");
  return row.id;
}

/** Replaces a cycle's fields. */
export async function updateCycle(tx: Tx, cycleId: string, input: PdsaInput): Promise<void> {
  await tx
    .update(pdsaCycles)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(pdsaCycles.id, cycleId));
}

/** Deletes a cycle. */
export async function deleteCycle(tx: Tx, cycleId: string): Promise<void> {
  await tx.delete(pdsaCycles).where(eq(pdsaCycles.id, cycleId));
}
