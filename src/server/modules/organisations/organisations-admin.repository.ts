import { asc, count, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { OrganisationType } from "../../../shared/organisations.js";
import {
  learnerAdminApplications,
  organisationLicences,
  organisations,
  userRoles,
  users,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** An organisation row. */
export type OrganisationRow = typeof organisations.$inferSelect;

/** Deepest hierarchy the recursive queries follow: a guard, since the service never lets a cycle in. */
const MAX_DEPTH = 50;

const parent = alias(organisations, "parent");
// Correlated counts. The outer column is written out in full: Drizzle drops the table name from columns when a
// query has no join, which inside these subqueries would bind to the inner table instead.
const childCount = sql<number>`(select count(*)::int from organisations c where c.parent_id = "organisations"."id")`;
const memberCount = sql<number>`(select count(*)::int from users u
  where u.organisation_id = "organisations"."id" or u.team_id = "organisations"."id")`;

const listColumns = {
  id: organisations.id,
  name: organisations.name,
  odsCode: organisations.odsCode,
  type: organisations.type,
  parentId: organisations.parentId,
  childCount,
  memberCount,
};

/** A page of organisations: top-level ones (no parent), or those whose name or ODS code matches the search. */
export async function listForAdmin(tx: Tx, q: string | undefined, limit: number, offset: number) {
  let where: SQL | undefined = isNull(organisations.parentId);
  let order: SQL[] = [asc(organisations.name)];
  if (q) {
    const escaped = q.replace(/[\\%_]/g, (c) => `\\${c}`);
    where = or(ilike(organisations.name, `%${escaped}%`), ilike(organisations.odsCode, `${escaped}%`));
    order = [sql`case when upper(${organisations.odsCode}) = upper(${q}) then 0 else 1 end`, ...order];
  }
  const [items, [total]] = await Promise.all([
    tx
      .select({ ...listColumns, parentName: parent.name })
      .from(organisations)
      .leftJoin(parent, eq(parent.id, organisations.parentId))
      .where(where)
      .orderBy(...order, asc(organisations.id))
      .limit(limit)
      .offset(offset),
    tx.select({ n: count() }).from(organisations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One organisation with its child and member counts. */
export async function getWithCounts(tx: Tx, id: string) {
  const [row] = await tx
    .select({ ...listColumns, createdAt: organisations.createdAt })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row ?? null;
}

/** The organisations directly below one, with their counts, by name. */
export async function listChildren(tx: Tx, id: string) {
  return tx
    .select(listColumns)
    .from(organisations)
    .where(eq(organisations.parentId, id))
    .orderBy(asc(organisations.name), asc(organisations.id));
}

/** One organisation by id. */
export async function getById(tx: Tx, id: string): Promise<OrganisationRow | null> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, id));
  return row ?? null;
}

/** One organisation by ODS code (codes are stored upper-case). */
export async function getByOdsCode(tx: Tx, odsCode: string): Promise<OrganisationRow | null> {
  const [row] = await tx.select().from(organisations).where(eq(organisations.odsCode, odsCode));
  return row ?? null;
}

/** An organisation's ancestors, the top of the hierarchy first (not including itself). */
export async function listAncestors(tx: Tx, id: string) {
  // a recursive walk up parent_id: Drizzle has no query builder for recursive CTEs
  return queryRows<{ id: string; name: string; type: OrganisationType }>(
    tx,
    sql`with recursive up(id, name, type, parent_id, depth) as (
          select id, name, type, parent_id, 0 from organisations where id = ${id}::uuid
          union all
          select o.id, o.name, o.type, o.parent_id, up.depth + 1
            from organisations o join up on o.id = up.parent_id
           where up.depth < ${MAX_DEPTH}
        )
        select id, name, type::text as type from up where depth > 0 order by depth desc`,
  );
}

/** Every organisation below one, at any depth, with the parent of each (for building paths). */
export async function listDescendants(tx: Tx, id: string) {
  // a recursive walk down parent_id: Drizzle has no query builder for recursive CTEs
  return queryRows<{ id: string; name: string; type: OrganisationType; parent_id: string }>(
    tx,
    sql`with recursive down(id, name, type, parent_id, depth) as (
          select id, name, type, parent_id, 1 from organisations where parent_id = ${id}::uuid
          union all
          select o.id, o.name, o.type, o.parent_id, down.depth + 1
            from organisations o join down on o.parent_id = down.id
           where down.depth < ${MAX_DEPTH}
        )
        select id, name, type::text as type, parent_id from down`,
  );
}

/** True when `candidateId` is `ancestorId` itself or lies anywhere below it. */
export async function isSelfOrBelow(tx: Tx, ancestorId: string, candidateId: string): Promise<boolean> {
  if (ancestorId === candidateId) return true;
  const ancestors = await listAncestors(tx, candidateId);
  return ancestors.some((a) => a.id === ancestorId);
}

/** What refers to an organisation (each of these stops it being deleted). */
export async function usageOf(tx: Tx, id: string) {
  const [[members], [teamMembers], [licences], [applications], [roles]] = await Promise.all([
    tx.select({ n: count() }).from(users).where(eq(users.organisationId, id)),
    tx.select({ n: count() }).from(users).where(eq(users.teamId, id)),
    tx.select({ n: count() }).from(organisationLicences).where(eq(organisationLicences.organisationId, id)),
    tx
      .select({ n: count() })
      .from(learnerAdminApplications)
      .where(eq(learnerAdminApplications.organisationId, id)),
    tx.select({ n: count() }).from(userRoles).where(eq(userRoles.organisationId, id)),
  ]);
  return {
    members: members?.n ?? 0,
    teamMembers: teamMembers?.n ?? 0,
    licences: licences?.n ?? 0,
    applications: applications?.n ?? 0,
    roles: roles?.n ?? 0,
  };
}

/** Inserts an organisation and returns it. */
export async function insertOrganisation(tx: Tx, values: typeof organisations.$inferInsert) {
  const [row] = await tx.insert(organisations).values(values).returning();
  if (!row) throw new Error("insert into organisations returned no row");
  return row;
}

/** Inserts many organisations in one statement (parents listed before, or in the same statement as, children). */
export async function insertOrganisations(tx: Tx, values: Array<typeof organisations.$inferInsert>) {
  if (values.length === 0) return;
  await tx.insert(organisations).values(values);
}

/** Changes an organisation's name, type, ODS code or parent. */
export async function updateOrganisation(
  tx: Tx,
  id: string,
  values: Partial<Pick<OrganisationRow, "name" | "type" | "odsCode" | "parentId">>,
) {
  const [row] = await tx.update(organisations).set(values).where(eq(organisations.id, id)).returning();
  return row ?? null;
}

/** Deletes an organisation; false when it was already gone. */
export async function deleteOrganisation(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .delete(organisations)
    .where(eq(organisations.id, id))
    .returning({ id: organisations.id });
  return rows.length > 0;
}

/** The whole directory, for checking an import against it in memory (a few thousand rows at most). */
export async function listAllForImport(tx: Tx) {
  return tx
    .select({
      id: organisations.id,
      name: organisations.name,
      odsCode: organisations.odsCode,
      type: organisations.type,
      parentId: organisations.parentId,
    })
    .from(organisations);
}

/** Locks the directory against concurrent imports and moves for the rest of the transaction. */
export async function lockDirectory(tx: Tx): Promise<void> {
  // a transaction-scoped advisory lock: two imports (or an import and a move) cannot interleave their checks
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('organisations.directory'))`);
}

/** Who a person's organisation and team are. */
export async function getMembership(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ id: users.id, organisationId: users.organisationId, teamId: users.teamId })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** Sets a person's team (already checked to be below their organisation), or clears it. */
export async function setTeam(tx: Tx, userId: string, teamId: string | null): Promise<void> {
  await tx.update(users).set({ teamId, updatedAt: new Date() }).where(eq(users.id, userId));
}

/**
 * Clears the team of people whose team is no longer below their organisation: after their organisation changes
 * (`{ userId }`), after part of the hierarchy moves (`{ subtreeOf }`: teams at or below that organisation), or after
 * an import (`"all"`). Returns how many people lost their team. Call it in the same transaction as the change.
 */
export async function clearTeamsNotBelowOrganisation(
  tx: Tx,
  scope: { userId: string } | { subtreeOf: string } | "all",
): Promise<number> {
  // raw SQL: a recursive walk up from each team to see whether it reaches the person's organisation
  const inScope =
    scope === "all"
      ? sql`true`
      : "userId" in scope
        ? sql`u.id = ${scope.userId}::uuid`
        : sql`u.team_id in (
            with recursive down(id, depth) as (
              select ${scope.subtreeOf}::uuid, 0
              union all
              select o.id, down.depth + 1 from organisations o join down on o.parent_id = down.id
               where down.depth < ${MAX_DEPTH}
            ) select id from down)`;
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`with recursive candidates as (
          select u.id, u.team_id, u.organisation_id from users u where u.team_id is not null and ${inScope}
        ),
        chain(user_id, org_id, target, depth) as (
          select c.id, o.parent_id, c.organisation_id, 0
            from candidates c join organisations o on o.id = c.team_id
          union all
          select chain.user_id, o.parent_id, chain.target, chain.depth + 1
            from chain join organisations o on o.id = chain.org_id
           where chain.org_id <> chain.target and chain.depth < ${MAX_DEPTH}
        )
        update users set team_id = null, updated_at = now()
         where id in (select id from candidates)
           and id not in (select user_id from chain where org_id = target)
        returning id`,
  );
  return rows.length;
}

/** Organisations with exactly this name (demo seeding finds the demo trusts, which have no ODS code, this way). */
export async function listByName(tx: Tx, name: string): Promise<OrganisationRow[]> {
  return tx.select().from(organisations).where(eq(organisations.name, name));
}
