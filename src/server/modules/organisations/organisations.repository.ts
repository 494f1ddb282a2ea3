import { asc, eq, ilike, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { organisations } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** An organisation row. */
export type OrganisationRow = typeof organisations.$inferSelect;
/** Columns to create an organisation. */
export type NewOrganisation = typeof organisations.$inferInsert;

const parent = alias(organisations, "parent");

/** Organisations whose name contains, or whose ODS code starts with, the search text; exact code matches first. */
export async function searchByNameOrCode(tx: Tx, q: string, limit: number) {
  const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
  return tx
    .select({
      id: organisations.id,
      name: organisations.name,
      odsCode: organisations.odsCode,
      type: organisations.type,
      parentName: parent.name,
    })
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .where(or(ilike(organisations.name, `%${escaped}%`), ilike(organisations.odsCode, `${escaped}%`)))
    .orderBy(
      sql`case when upper(${organisations.odsCode}) = upper(${q}) then 0 else 1 end`,
      asc(organisations.name),
    )
    .limit(limit);
}

/** One organisation by id. */
export async function getById(tx: Tx, id: string): Promise<OrganisationRow | null> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id)).limit(1);
  return row ?? null;
}
