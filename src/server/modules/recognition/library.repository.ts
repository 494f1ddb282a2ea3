import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import type { LibrarySearchQuery } from "../../../shared/library.js";
import { caseStudyLibrary } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

const listColumns = {
  id: caseStudyLibrary.projectId,
  title: caseStudyLibrary.title,
  summary: caseStudyLibrary.summary,
  setting: caseStudyLibrary.setting,
  topic: caseStudyLibrary.topic,
  measureKinds: caseStudyLibrary.measureKinds,
  organisationName: caseStudyLibrary.organisationName,
  authors: caseStudyLibrary.authors,
  publishedAt: caseStudyLibrary.publishedAt,
};

/** The filters of a search as one WHERE clause. */
function where(query: LibrarySearchQuery): SQL | undefined {
  return and(
    // Full-text search uses the same expression as the GIN index (case_study_library_search_idx) so it is used.
    query.q
      ? sql`to_tsvector('english', ${caseStudyLibrary.searchText}) @@ websearch_to_tsquery('english', ${query.q})`
      : undefined,
    query.setting ? eq(caseStudyLibrary.setting, query.setting) : undefined,
    query.topic ? eq(caseStudyLibrary.topic, query.topic) : undefined,
    // measure_kinds is a jsonb array of strings: containment asks whether it holds the kind.
    query.measureKind
      ? sql`${caseStudyLibrary.measureKinds} @> ${JSON.stringify([query.measureKind])}::jsonb`
      : undefined,
  );
}

/** One page of entries matching the search, newest first, and how many match in all. */
export async function search(tx: Tx, query: LibrarySearchQuery, limit: number, offset: number) {
  const condition = where(query);
  const rows = await tx
    .select(listColumns)
    .from(caseStudyLibrary)
    .where(condition)
    .orderBy(desc(caseStudyLibrary.publishedAt), desc(caseStudyLibrary.projectId))
    .limit(limit)
    .offset(offset);
  const [total] = await tx.select({ n: count() }).from(caseStudyLibrary).where(condition);
  return { rows, total: total?.n ?? 0 };
}

/** One published entry with its content, or null. */
export async function getEntry(tx: Tx, projectId: string) {
  const [row] = await tx
    .select({ ...listColumns, content: caseStudyLibrary.content })
    .from(caseStudyLibrary)
    .where(eq(caseStudyLibrary.projectId, projectId));
  return row ?? null;
}
