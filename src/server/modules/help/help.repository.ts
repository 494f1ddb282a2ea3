import { and, asc, desc, eq, getTableColumns, ne, sql } from "drizzle-orm";
import { helpArticles, supportRequests } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

// Every column but the generated search vector, which only the database reads.
const { searchVector: _searchVector, ...articleColumns } = getTableColumns(helpArticles);

/** A help article as stored (without its search vector). */
export type HelpArticleRow = Omit<typeof helpArticles.$inferSelect, "searchVector">;
/** The columns a content editor sets. */
export type HelpArticleValues = Pick<
  typeof helpArticles.$inferInsert,
  "slug" | "category" | "title" | "summary" | "body" | "position" | "published"
>;

// ts_headline marks matches with these; control characters cannot come from a person's Markdown by accident.
/** Start of a matched word in a search headline. */
export const MATCH_START = "\u0002";
/** End of a matched word in a search headline. */
export const MATCH_END = "\u0003";

/** Published answers in display order (the service groups them by section). */
export async function listPublished(tx: Tx) {
  return tx
    .select({
      slug: helpArticles.slug,
      title: helpArticles.title,
      summary: helpArticles.summary,
      category: helpArticles.category,
    })
    .from(helpArticles)
    .where(eq(helpArticles.published, true))
    .orderBy(asc(helpArticles.position), asc(helpArticles.title));
}

/**
 * Published answers matching the search words, best first: PostgreSQL text search over the weighted
 * search_vector (title, summary, body), parsed with websearch_to_tsquery so any input is valid and ranked by
 * ts_rank, with a headline from the body. When the words hold nothing searchable (only stop words such as
 * "the", or punctuation) the query is empty, and titles are matched with ILIKE instead.
 */
export async function searchPublished(tx: Tx, q: string, limit: number) {
  // Raw SQL: text-search functions, the empty-query fallback and the headline options have no builder equivalent.
  const query = sql`websearch_to_tsquery('english', ${q})`;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return tx
    .select({
      slug: helpArticles.slug,
      title: helpArticles.title,
      summary: helpArticles.summary,
      category: helpArticles.category,
      headline: sql<string>`ts_headline('english', ${helpArticles.body}, ${query}, ${`StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxWords=30, MinWords=12, MaxFragments=1`})`,
    })
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.published, true),
        sql`case when numnode(${query}) = 0 then ${helpArticles.title} ilike ${pattern} escape '\\' else ${helpArticles.searchVector} @@ ${query} end`,
      ),
    )
    .orderBy(
      desc(
        sql`case when numnode(${query}) = 0 then 0 else ts_rank(${helpArticles.searchVector}, ${query}) end`,
      ),
      asc(helpArticles.position),
      asc(helpArticles.title),
    )
    .limit(limit);
}

/** One answer by its web address, published or not, or null. */
export async function getBySlug(tx: Tx, slug: string): Promise<HelpArticleRow | null> {
  const [row] = await tx
    .select(articleColumns)
    .from(helpArticles)
    .where(eq(helpArticles.slug, slug))
    .limit(1);
  return row ?? null;
}

/** One answer by id, or null. */
export async function getById(tx: Tx, id: string): Promise<HelpArticleRow | null> {
  const [row] = await tx.select(articleColumns).from(helpArticles).where(eq(helpArticles.id, id)).limit(1);
  return row ?? null;
}

/** The other published answers in a section, in display order. */
export async function listPublishedInCategory(tx: Tx, category: string, exceptId: string) {
  return tx
    .select({ slug: helpArticles.slug, title: helpArticles.title })
    .from(helpArticles)
    .where(
      and(
        eq(helpArticles.published, true),
        eq(helpArticles.category, category),
        ne(helpArticles.id, exceptId),
      ),
    )
    .orderBy(asc(helpArticles.position), asc(helpArticles.title));
}

/** Every answer, published or not, for content editors (without the bodies). */
export async function listAll(tx: Tx) {
  return tx
    .select({
      id: helpArticles.id,
      slug: helpArticles.slug,
      title: helpArticles.title,
      category: helpArticles.category,
      position: helpArticles.position,
      published: helpArticles.published,
      updatedAt: helpArticles.updatedAt,
    })
    .from(helpArticles)
    .orderBy(asc(helpArticles.position), asc(helpArticles.title));
}

/** Whether another answer already has this web address. */
export async function slugTaken(tx: Tx, slug: string, exceptId: string | null): Promise<boolean> {
  const conditions = [eq(helpArticles.slug, slug)];
  if (exceptId) conditions.push(ne(helpArticles.id, exceptId));
  const [row] = await tx
    .select({ id: helpArticles.id })
    .from(helpArticles)
    .where(and(...conditions))
    .limit(1);
  return row !== undefined;
}

/** Adds an answer; null when its web address is taken (the unique index decides, so races are safe). */
export async function insertArticle(
  tx: Tx,
  values: HelpArticleValues & { updatedBy: string | null },
): Promise<HelpArticleRow | null> {
  const [row] = await tx
    .insert(helpArticles)
    .values(values)
    .onConflictDoNothing({ target: helpArticles.slug })
    .returning(articleColumns);
  return row ?? null;
}

/** Adds many answers at once (the seed); one whose web address is taken is skipped. Returns how many were added. */
export async function insertArticles(tx: Tx, values: HelpArticleValues[]): Promise<number> {
  if (values.length === 0) return 0;
  const rows = await tx
    .insert(helpArticles)
    .values(values)
    .onConflictDoNothing({ target: helpArticles.slug })
    .returning({ id: helpArticles.id });
  return rows.length;
}

/** Replaces an answer's fields; null when there is no such answer. */
export async function updateArticle(
  tx: Tx,
  id: string,
  values: HelpArticleValues & { updatedBy: string },
): Promise<HelpArticleRow | null> {
  const [row] = await tx
    .update(helpArticles)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(helpArticles.id, id))
    .returning(articleColumns);
  return row ?? null;
}

/** Deletes an answer; the deleted row, or null when there was none. */
export async function deleteArticle(tx: Tx, id: string): Promise<HelpArticleRow | null> {
  const [row] = await tx.delete(helpArticles).where(eq(helpArticles.id, id)).returning(articleColumns);
  return row ?? null;
}

/** How many answers exist (the seed loads only into an empty help centre). */
export async function countArticles(tx: Tx): Promise<number> {
  const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(helpArticles);
  return row?.n ?? 0;
}

/** Records a contact-form message; null when its reference is already used, so the caller can draw another. */
export async function insertSupportRequest(
  tx: Tx,
  values: typeof supportRequests.$inferInsert,
): Promise<{ id: string; reference: string } | null> {
  const [row] = await tx
    .insert(supportRequests)
    .values(values)
    .onConflictDoNothing({ target: supportRequests.reference })
    .returning({ id: supportRequests.id, reference: supportRequests.reference });
  return row ?? null;
}
