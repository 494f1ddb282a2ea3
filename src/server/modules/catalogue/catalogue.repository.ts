import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { CatalogueQuery, Level } from "../../../shared/catalogue.js";
import { courseModules, courses, programmes } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A published course with its programme, as the catalogue lists it. */
export type CatalogueRow = Awaited<ReturnType<typeof listPublished>>[number];

/**
 * Published courses matching the filters, in display order (programme, then course position). `q` is full-text
 * search over course and programme text, parsed with websearch_to_tsquery so any input is valid.
 */
export async function listPublished(tx: Tx, filters: Omit<CatalogueQuery, "free">) {
  const conditions: SQL[] = [eq(courses.status, "published")];
  if (filters.programme) conditions.push(eq(programmes.slug, filters.programme));
  if (filters.level && filters.level.length > 0) conditions.push(inArray(courses.level, filters.level));
  if (filters.q) {
    const query = sql`websearch_to_tsquery('english', ${filters.q})`;
    conditions.push(sql`(${courses.searchVector} @@ ${query} or ${programmes.searchVector} @@ ${query})`);
  }
  return tx
    .select({
      programme: {
        id: programmes.id,
        slug: programmes.slug,
        title: programmes.title,
        summary: programmes.summary,
        kind: programmes.kind,
      },
      course: {
        id: courses.id,
        slug: courses.slug,
        title: courses.title,
        level: courses.level,
        summary: courses.summary,
        listPriceExVatPence: courses.listPriceExVatPence,
        accessMonths: courses.accessMonths,
        cpdPoints: courses.cpdPoints,
      },
    })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(and(...conditions))
    .orderBy(asc(programmes.position), asc(courses.position));
}

/** One published course with its programme, or null. */
export async function getPublishedCourse(tx: Tx, id: string) {
  const [row] = await tx
    .select({ course: courses, programme: programmes })
    .from(courses)
    .innerJoin(programmes, eq(programmes.id, courses.programmeId))
    .where(and(eq(courses.id, id), eq(courses.status, "published")))
    .limit(1);
  return row ?? null;
}

/** A course's modules in order. */
export async function listModules(tx: Tx, courseId: string) {
  return tx
    .select({
      id: courseModules.id,
      position: courseModules.position,
      title: courseModules.title,
      summary: courseModules.summary,
    })
    .from(courseModules)
    .where(eq(courseModules.courseId, courseId))
    .orderBy(asc(courseModules.position), asc(courseModules.id));
}

/** The published course of a given level in a programme, if there is one (for the recommended path). */
export async function findPublishedAtLevel(tx: Tx, programmeId: string, level: Level) {
  const [row] = await tx
    .select({ id: courses.id, title: courses.title, level: courses.level })
    .from(courses)
    .where(
      and(eq(courses.programmeId, programmeId), eq(courses.level, level), eq(courses.status, "published")),
    )
    .orderBy(asc(courses.position))
    .limit(1);
  return row ?? null;
}

/** How many programmes exist (the seed runs only into an empty catalogue). */
export async function countProgrammes(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(programmes);
  return row?.n ?? 0;
}

/** Inserts programmes; returns their ids by slug. */
export async function insertProgrammes(
  tx: Tx,
  values: Array<typeof programmes.$inferInsert>,
): Promise<Map<string, string>> {
  const rows = await tx
    .insert(programmes)
    .values(values)
    .returning({ id: programmes.id, slug: programmes.slug });
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Inserts courses; returns their ids by slug. */
export async function insertCourses(
  tx: Tx,
  values: Array<typeof courses.$inferInsert>,
): Promise<Map<string, string>> {
  const rows = await tx.insert(courses).values(values).returning({ id: courses.id, slug: courses.slug });
  return new Map(rows.map((r) => [r.slug, r.id]));
}

/** Inserts course modules. */
export async function insertModules(tx: Tx, values: Array<typeof courseModules.$inferInsert>): Promise<void> {
  if (values.length > 0) await tx.insert(courseModules).values(values);
}
