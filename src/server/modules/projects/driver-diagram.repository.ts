import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { DriverNodeKind } from "../../../shared/projects.js";
import { driverNodes } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** One stored node of a driver diagram. */
export interface DriverNodeRow {
  id: string;
  parentId: string | null;
  kind: DriverNodeKind;
  text: string;
  position: number;
}

const columns = {
  id: driverNodes.id,
  parentId: driverNodes.parentId,
  kind: driverNodes.kind,
  text: driverNodes.text,
  position: driverNodes.position,
};

/** Every node of a project's diagram, by position then age (siblings in order). */
export function listNodes(tx: Tx, projectId: string): Promise<DriverNodeRow[]> {
  return tx
    .select(columns)
    .from(driverNodes)
    .where(eq(driverNodes.projectId, projectId))
    .orderBy(asc(driverNodes.position), asc(driverNodes.createdAt));
}

/** A node of this project, or null (also for another project's node). */
export async function getNode(tx: Tx, projectId: string, nodeId: string): Promise<DriverNodeRow | null> {
  const [row] = await tx
    .select(columns)
    .from(driverNodes)
    .where(and(eq(driverNodes.projectId, projectId), eq(driverNodes.id, nodeId)));
  return row ?? null;
}

const siblingsOf = (projectId: string, parentId: string | null) =>
  and(
    eq(driverNodes.projectId, projectId),
    parentId === null ? isNull(driverNodes.parentId) : eq(driverNodes.parentId, parentId),
  );

/** How many nodes share a parent (or are primary drivers), and the highest position among them. */
export async function siblingStats(tx: Tx, projectId: string, parentId: string | null) {
  const [row] = await tx
    .select({ n: count(), maxPosition: sql<number | null>`max(${driverNodes.position})` })
    .from(driverNodes)
    .where(siblingsOf(projectId, parentId));
  return { count: row?.n ?? 0, maxPosition: row?.maxPosition === null ? -1 : Number(row?.maxPosition ?? -1) };
}

/** A node's siblings (itself included) in order. */
export function listSiblings(tx: Tx, projectId: string, parentId: string | null): Promise<DriverNodeRow[]> {
  return tx
    .select(columns)
    .from(driverNodes)
    .where(siblingsOf(projectId, parentId))
    .orderBy(asc(driverNodes.position), asc(driverNodes.createdAt));
}

/** Adds a node. */
export async function insertNode(
  tx: Tx,
  values: {
    projectId: string;
    parentId: string | null;
    kind: DriverNodeKind;
    text: string;
    position: number;
  },
): Promise<string> {
  const [row] = await tx.insert(driverNodes).values(values).returning({ id: driverNodes.id });
  if (!row) throw new Error("driver node insert returned no row");
  return row.id;
}

/** Renames a node. */
export async function renameNode(tx: Tx, nodeId: string, text: string): Promise<void> {
  await tx.update(driverNodes).set({ text, updatedAt: new Date() }).where(eq(driverNodes.id, nodeId));
}

/** Sets a node's position among its siblings. */
export async function setPosition(tx: Tx, nodeId: string, position: number): Promise<void> {
  await tx.update(driverNodes).set({ position }).where(eq(driverNodes.id, nodeId));
}

/** Deletes a node and (by cascade) everything below it. */
export async function deleteNode(tx: Tx, nodeId: string): Promise<void> {
  await tx.delete(driverNodes).where(eq(driverNodes.id, nodeId));
}
