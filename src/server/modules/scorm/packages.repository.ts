import { and, asc, eq, max, sql } from "drizzle-orm";
import {
  courseModules,
  courseSteps,
  enrolments,
  scormAttempts,
  scormImports,
  scormPackageFiles,
  scormPackages,
  scormScos,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** A package row. */
export type PackageRow = typeof scormPackages.$inferSelect;
/** A SCO row. */
export type ScoRow = typeof scormScos.$inferSelect;
/** An import-progress row. */
export type ImportRow = typeof scormImports.$inferSelect;

/** A package with its SCOs ordered by position (what the player launches). */
export interface PackageWithScos {
  package: PackageRow;
  scos: ScoRow[];
}

/** A package and its SCOs in order; null when there is no such package. Used by the run-time to launch. */
export async function getPackageWithScos(tx: Tx, packageId: string): Promise<PackageWithScos | null> {
  const [row] = await tx.select().from(scormPackages).where(eq(scormPackages.id, packageId));
  if (!row) return null;
  const scos = await tx
    .select()
    .from(scormScos)
    .where(eq(scormScos.packageId, packageId))
    .orderBy(asc(scormScos.position));
  return { package: row, scos };
}

/** A package row by id. */
export async function getPackage(tx: Tx, packageId: string): Promise<PackageRow | undefined> {
  const [row] = await tx.select().from(scormPackages).where(eq(scormPackages.id, packageId));
  return row;
}

/** The highest version in a lineage (0 when it has none). */
export async function latestVersion(tx: Tx, lineageId: string): Promise<number> {
  const [row] = await tx
    .select({ version: max(scormPackages.version) })
    .from(scormPackages)
    .where(eq(scormPackages.lineageId, lineageId));
  return row?.version ?? 0;
}

/** Inserts a package row. */
export async function insertPackage(tx: Tx, values: typeof scormPackages.$inferInsert): Promise<PackageRow> {
  const [row] = await tx.insert(scormPackages).values(values).returning();
  if (!row) throw new Error("scorm_packages insert returned no row");
  return row;
}

/** A file of a package, ready to insert. */
export type PackageFileInsert = typeof scormPackageFiles.$inferInsert;

/** Inserts a package's files in batches of about 8 MB, so no single statement carries the whole package. */
export async function insertFiles(tx: Tx, files: readonly PackageFileInsert[]): Promise<void> {
  let batch: PackageFileInsert[] = [];
  let batchBytes = 0;
  for (const file of files) {
    batch.push(file);
    batchBytes += file.sizeBytes;
    if (batch.length >= 200 || batchBytes >= 8 * 1024 * 1024) {
      await tx.insert(scormPackageFiles).values(batch);
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length > 0) await tx.insert(scormPackageFiles).values(batch);
}

/** Inserts a package's SCOs and returns them with their ids, in position order. */
export async function insertScos(tx: Tx, scos: Array<typeof scormScos.$inferInsert>): Promise<ScoRow[]> {
  if (scos.length === 0) return [];
  const rows = await tx.insert(scormScos).values(scos).returning();
  return rows.sort((a, b) => a.position - b.position);
}

/** A package file's details without its bytes. */
export async function getFileMeta(tx: Tx, packageId: string, path: string) {
  const [row] = await tx
    .select({
      contentType: scormPackageFiles.contentType,
      sizeBytes: scormPackageFiles.sizeBytes,
      sha256: scormPackageFiles.sha256,
    })
    .from(scormPackageFiles)
    .where(and(eq(scormPackageFiles.packageId, packageId), eq(scormPackageFiles.path, path)));
  return row;
}

/** A package file's bytes, or `length` of them from `start` (0-based). */
export async function getFileContent(
  tx: Tx,
  packageId: string,
  path: string,
  range?: { start: number; length: number },
): Promise<Buffer | undefined> {
  const content = range
    ? sql<Buffer>`substring(${scormPackageFiles.content} from ${range.start + 1} for ${range.length})`.mapWith(
        scormPackageFiles.content,
      )
    : scormPackageFiles.content;
  const [row] = await tx
    .select({ content })
    .from(scormPackageFiles)
    .where(and(eq(scormPackageFiles.packageId, packageId), eq(scormPackageFiles.path, path)));
  return row?.content;
}

/**
 * Whether a person may read a package's files as a learner: enrolled (in any state: expired and deferred courses
 * still open read-only) on a course with a step that runs this package, or holding an attempt made on it (a step
 * moved to a newer version keeps earlier attempts readable).
 */
export async function learnerCanReadPackage(tx: Tx, userId: string, packageId: string): Promise<boolean> {
  // One EXISTS per route to the package; raw SQL keeps it to one round trip with both branches short-circuiting.
  const rows = await queryRows<{ ok: boolean }>(
    tx,
    sql`
    select (
      exists (
        select 1 from ${enrolments} e
        join ${courseModules} m on m.course_id = e.course_id
        join ${courseSteps} s on s.module_id = m.id
        where e.user_id = ${userId} and s.scorm_package_id = ${packageId}
      )
      or exists (
        select 1 from ${scormAttempts} a
        join ${enrolments} e on e.id = a.enrolment_id
        where e.user_id = ${userId} and a.package_id = ${packageId}
      )
    ) as ok`,
  );
  return Boolean(rows[0]?.ok);
}

/** An import's progress row. */
export async function getImport(tx: Tx, importId: string): Promise<ImportRow | undefined> {
  const [row] = await tx.select().from(scormImports).where(eq(scormImports.id, importId));
  return row;
}

/** Starts following an import; false when the id is already taken. */
export async function createImport(tx: Tx, importId: string, userId: string): Promise<boolean> {
  const rows = await tx
    .insert(scormImports)
    .values({ id: importId, userId, stages: [] })
    .onConflictDoNothing()
    .returning({ id: scormImports.id });
  return rows.length > 0;
}

/** Adds a stage to an import's progress. */
export async function addImportStage(tx: Tx, importId: string, stage: string): Promise<void> {
  await tx
    .update(scormImports)
    .set({
      stages: sql`${scormImports.stages} || ${JSON.stringify([stage])}::jsonb`,
      updatedAt: new Date(),
    })
    .where(eq(scormImports.id, importId));
}

/** Records the stored package on its import. */
export async function finishImport(tx: Tx, importId: string, packageId: string): Promise<void> {
  await tx
    .update(scormImports)
    .set({
      stages: sql`${scormImports.stages} || ${JSON.stringify(["stored"])}::jsonb`,
      packageId,
      updatedAt: new Date(),
    })
    .where(eq(scormImports.id, importId));
}

/** Records why an import stopped. */
export async function failImport(tx: Tx, importId: string, error: string): Promise<void> {
  await tx.update(scormImports).set({ error, updatedAt: new Date() }).where(eq(scormImports.id, importId));
}
