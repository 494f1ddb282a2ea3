import { and, eq, inArray, sql } from "drizzle-orm";
import { storedFiles } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A stored file's details without its bytes. */
export interface FileMeta {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

const META_COLUMNS = {
  id: storedFiles.id,
  filename: storedFiles.filename,
  contentType: storedFiles.contentType,
  sizeBytes: storedFiles.sizeBytes,
  sha256: storedFiles.sha256,
  createdAt: storedFiles.createdAt,
};

/** Stores a file's bytes; returns its details. */
export async function insertFile(tx: Tx, values: typeof storedFiles.$inferInsert): Promise<FileMeta> {
  const [row] = await tx.insert(storedFiles).values(values).returning(META_COLUMNS);
  if (!row) throw new Error("insert into stored_files returned no row");
  return row;
}

/** A course file's details, or null; portfolio evidence is never a course file (see storedFilePurpose). */
export async function getMeta(tx: Tx, id: string): Promise<FileMeta | null> {
  const [row] = await tx
    .select(META_COLUMNS)
    .from(storedFiles)
    .where(and(eq(storedFiles.id, id), eq(storedFiles.purpose, "course_content")))
    .limit(1);
  return row ?? null;
}

/** Several course files' details, by id (portfolio evidence is left out). */
export async function getMetas(tx: Tx, ids: readonly string[]): Promise<FileMeta[]> {
  if (ids.length === 0) return [];
  return tx
    .select(META_COLUMNS)
    .from(storedFiles)
    .where(and(inArray(storedFiles.id, [...ids]), eq(storedFiles.purpose, "course_content")));
}

/** A file's whole content, or null. */
export async function readContent(tx: Tx, id: string): Promise<Buffer | null> {
  const [row] = await tx
    .select({ content: storedFiles.content })
    .from(storedFiles)
    .where(eq(storedFiles.id, id))
    .limit(1);
  return row?.content ?? null;
}

/**
 * `length` bytes of a file from byte `start` (0-based), or null. Raw SQL so the database sends only the range asked
 * for (a video player asks for many small ranges of a large file); bytea's substring counts from 1.
 */
export async function readRange(tx: Tx, id: string, start: number, length: number): Promise<Buffer | null> {
  const [row] = await tx
    .select({
      part: sql<Buffer>`substring(${storedFiles.content} from ${start + 1} for ${length})`.mapWith(
        storedFiles.content,
      ),
    })
    .from(storedFiles)
    .where(eq(storedFiles.id, id))
    .limit(1);
  return row?.part ?? null;
}
