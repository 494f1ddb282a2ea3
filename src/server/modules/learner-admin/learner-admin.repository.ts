import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { ApplicationStatus } from "../../../shared/learner-admin.js";
import {
  learnerAdminApplications,
  learnerAdminNominees,
  organisations,
  userRoles,
  users,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** An application row. */
export type ApplicationRow = typeof learnerAdminApplications.$inferSelect;
/** A nominee row. */
export type NomineeRow = typeof learnerAdminNominees.$inferSelect;

const decider = alias(users, "decider");

const personColumns = {
  id: users.id,
  email: users.email,
  givenName: users.givenName,
  familyName: users.familyName,
  jobRole: users.jobRole,
};

/**
 * The account facts an application depends on. `lock` takes the user's row lock, so two applications sent at once by
 * the same person are checked one after the other (only one can be open per organisation).
 */
export async function getApplicant(tx: Tx, userId: string, lock = false) {
  const query = tx
    .select({
      ...personColumns,
      emailVerifiedAt: users.emailVerifiedAt,
      organisationId: users.organisationId,
      teamId: users.teamId,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** An organisation and everything below it, with each one's depth below the root (the root is 0), by depth then name. */
export async function listOrganisationsBelow(tx: Tx, rootId: string) {
  // Raw SQL: walking the hierarchy needs WITH RECURSIVE, which the query builder cannot express.
  const rows = await queryRows<{ id: string; name: string; depth: number }>(
    tx,
    sql`with recursive tree(id, name, depth) as (
          select id, name, 0 from organisations where id = ${rootId}
          union all
          select o.id, o.name, t.depth + 1 from organisations o join tree t on o.parent_id = t.id where t.depth < 20)
        select id, name, depth from tree order by depth, lower(name)`,
  );
  return rows.map((r) => ({ ...r, depth: Number(r.depth) }));
}

/**
 * Organisations among `startIds` and every one above them that have at least one learner administrator whose access
 * has not lapsed at `now`, by name.
 */
export async function listWatchingOrganisations(tx: Tx, startIds: string[], now: Date) {
  if (startIds.length === 0) return [];
  // Raw SQL: the walk up the hierarchy needs WITH RECURSIVE; the array parameter keeps it one statement.
  return queryRows<{ id: string; name: string }>(
    tx,
    sql`with recursive up(id, parent_id, depth) as (
          select id, parent_id, 0 from organisations
           where id in (${sql.join(
             startIds.map((id) => sql`${id}::uuid`),
             sql`, `,
           )})
          union
          select o.id, o.parent_id, u.depth + 1 from organisations o join up u on o.id = u.parent_id where u.depth < 20)
        select distinct o.id, o.name from organisations o
         where o.id in (select id from up)
           and exists (select 1 from user_roles r
                        where r.organisation_id = o.id and r.role = 'learner_admin'
                          and (r.expires_at is null or r.expires_at > ${now.toISOString()}::timestamptz))
         order by o.name`,
  );
}

/** One organisation's id and name, or null. */
export async function getOrganisation(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, id));
  return row ?? null;
}

/** The learner_admin role a user holds (lapsed or not) for one organisation, or null. */
export async function getLearnerAdminRole(tx: Tx, userId: string, organisationId: string) {
  const [row] = await tx
    .select()
    .from(userRoles)
    .where(
      and(
        eq(userRoles.userId, userId),
        eq(userRoles.role, "learner_admin"),
        eq(userRoles.organisationId, organisationId),
      ),
    );
  return row ?? null;
}

/** A role row by id, with its organisation's name, or null. */
export async function getRole(tx: Tx, roleId: string) {
  const [row] = await tx
    .select({
      id: userRoles.id,
      userId: userRoles.userId,
      role: userRoles.role,
      organisationId: userRoles.organisationId,
      organisationName: organisations.name,
      expiresAt: userRoles.expiresAt,
      grantedAt: userRoles.grantedAt,
    })
    .from(userRoles)
    .leftJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .where(eq(userRoles.id, roleId));
  return row ?? null;
}

/** A user's learner_admin roles that have not lapsed at `now`, with organisation names. */
export async function listActiveAccess(tx: Tx, userId: string, now: Date) {
  return tx
    .select({
      roleId: userRoles.id,
      organisationId: organisations.id,
      organisationName: organisations.name,
      grantedAt: userRoles.grantedAt,
      expiresAt: userRoles.expiresAt,
    })
    .from(userRoles)
    .innerJoin(organisations, eq(organisations.id, userRoles.organisationId))
    .where(
      and(
        eq(userRoles.userId, userId),
        eq(userRoles.role, "learner_admin"),
        or(isNull(userRoles.expiresAt), gt(userRoles.expiresAt, now)),
      ),
    )
    .orderBy(asc(organisations.name));
}

/** Grants learner_admin for an organisation, or renews the existing row; returns the role's id. */
export async function upsertLearnerAdminRole(
  tx: Tx,
  values: { userId: string; organisationId: string; grantedBy: string; grantedAt: Date; expiresAt: Date },
): Promise<string> {
  const [row] = await tx
    .insert(userRoles)
    .values({ ...values, role: "learner_admin" })
    .onConflictDoUpdate({
      target: [userRoles.userId, userRoles.role, userRoles.organisationId],
      set: { grantedBy: values.grantedBy, grantedAt: values.grantedAt, expiresAt: values.expiresAt },
    })
    .returning({ id: userRoles.id });
  if (!row) throw new Error("the learner_admin role was not written");
  return row.id;
}

/** Deletes a learner_admin role row; returns it, or null when it was already gone. */
export async function deleteLearnerAdminRole(tx: Tx, roleId: string) {
  const [row] = await tx
    .delete(userRoles)
    .where(and(eq(userRoles.id, roleId), eq(userRoles.role, "learner_admin")))
    .returning();
  return row ?? null;
}

/** The applicant's open application for an organisation, or null. */
export async function findOpenApplication(tx: Tx, applicantId: string, organisationId: string) {
  const [row] = await tx
    .select()
    .from(learnerAdminApplications)
    .where(
      and(
        eq(learnerAdminApplications.applicantId, applicantId),
        eq(learnerAdminApplications.organisationId, organisationId),
        inArray(learnerAdminApplications.status, ["awaiting_nominees", "awaiting_decision"]),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Inserts an application. */
export async function insertApplication(
  tx: Tx,
  values: {
    applicantId: string;
    organisationId: string;
    kind: "new" | "renewal";
    reason: string;
    createdAt: Date;
  } & Partial<Pick<ApplicationRow, "status" | "decidedBy" | "decidedAt" | "decisionReason" | "userRoleId">>,
): Promise<ApplicationRow> {
  const [row] = await tx
    .insert(learnerAdminApplications)
    .values({ ...values, updatedAt: values.createdAt })
    .returning();
  if (!row) throw new Error("the application was not inserted");
  return row;
}

/** Inserts an application's nominees, each with the hash of their link token (none for answers already given). */
export async function insertNominees(
  tx: Tx,
  rows: Array<{
    applicationId: string;
    role: NomineeRow["role"];
    name: string;
    email: string;
    tokenHash: string | null;
    tokenExpiresAt: Date | null;
    sentAt: Date;
    status?: NomineeRow["status"];
    respondedAt?: Date | null;
  }>,
): Promise<NomineeRow[]> {
  return tx.insert(learnerAdminNominees).values(rows).returning();
}

/** Nominees of several applications, in the form's order. */
export async function listNominees(tx: Tx, applicationIds: string[]): Promise<NomineeRow[]> {
  if (applicationIds.length === 0) return [];
  return tx
    .select()
    .from(learnerAdminNominees)
    .where(inArray(learnerAdminNominees.applicationId, applicationIds))
    .orderBy(asc(learnerAdminNominees.role));
}

/** One application with its organisation and applicant; `lock` takes the application's row lock. */
export async function getApplication(tx: Tx, id: string, lock = false) {
  const query = tx
    .select({
      application: learnerAdminApplications,
      organisationName: organisations.name,
      applicant: personColumns,
      deciderGivenName: decider.givenName,
      deciderFamilyName: decider.familyName,
      roleExpiresAt: userRoles.expiresAt,
    })
    .from(learnerAdminApplications)
    .innerJoin(organisations, eq(organisations.id, learnerAdminApplications.organisationId))
    .innerJoin(users, eq(users.id, learnerAdminApplications.applicantId))
    .leftJoin(decider, eq(decider.id, learnerAdminApplications.decidedBy))
    .leftJoin(userRoles, eq(userRoles.id, learnerAdminApplications.userRoleId))
    .where(eq(learnerAdminApplications.id, id));
  const [row] = lock ? await query.for("update", { of: learnerAdminApplications }) : await query;
  return row ?? null;
}

/** One application with its organisation and applicant. */
export type ApplicationWithPeople = NonNullable<Awaited<ReturnType<typeof getApplication>>>;

/** An applicant's applications with organisation names, newest first. */
export async function listApplicationsForApplicant(tx: Tx, applicantId: string) {
  return tx
    .select({ application: learnerAdminApplications, organisationName: organisations.name })
    .from(learnerAdminApplications)
    .innerJoin(organisations, eq(organisations.id, learnerAdminApplications.organisationId))
    .where(eq(learnerAdminApplications.applicantId, applicantId))
    .orderBy(desc(learnerAdminApplications.createdAt));
}

/** Moves an application from one of `from` to a new status; returns the row, or null if it had moved on. */
export async function updateApplication(
  tx: Tx,
  id: string,
  from: readonly ApplicationStatus[],
  values: Partial<
    Pick<ApplicationRow, "status" | "decidedBy" | "decidedAt" | "decisionReason" | "userRoleId" | "updatedAt">
  >,
): Promise<ApplicationRow | null> {
  const [row] = await tx
    .update(learnerAdminApplications)
    .set(values)
    .where(and(eq(learnerAdminApplications.id, id), inArray(learnerAdminApplications.status, [...from])))
    .returning();
  return row ?? null;
}

/** The nominee whose current link has this hash, or null. */
export async function getNomineeByTokenHash(tx: Tx, tokenHash: string): Promise<NomineeRow | null> {
  const [row] = await tx
    .select()
    .from(learnerAdminNominees)
    .where(eq(learnerAdminNominees.tokenHash, tokenHash));
  return row ?? null;
}

/** Records a pending nominee's answer; null when it was already answered (the link is single use). */
export async function answerNominee(
  tx: Tx,
  id: string,
  status: "confirmed" | "declined",
  at: Date,
): Promise<NomineeRow | null> {
  const [row] = await tx
    .update(learnerAdminNominees)
    .set({ status, respondedAt: at })
    .where(and(eq(learnerAdminNominees.id, id), eq(learnerAdminNominees.status, "pending")))
    .returning();
  return row ?? null;
}

/** Gives a pending nominee a new link (the old hash is replaced, so the old link stops working). */
export async function replaceNomineeToken(
  tx: Tx,
  id: string,
  values: { tokenHash: string; tokenExpiresAt: Date; sentAt: Date },
): Promise<NomineeRow | null> {
  const [row] = await tx
    .update(learnerAdminNominees)
    .set(values)
    .where(and(eq(learnerAdminNominees.id, id), eq(learnerAdminNominees.status, "pending")))
    .returning();
  return row ?? null;
}

/** Email addresses of active platform administrators, to tell them an application awaits a decision. */
export async function listPlatformAdminEmails(tx: Tx, now: Date): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ email: users.email })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(
      and(
        eq(userRoles.role, "platform_admin"),
        eq(users.status, "active"),
        or(isNull(userRoles.expiresAt), gt(userRoles.expiresAt, now)),
      ),
    )
    .orderBy(asc(users.email));
  return rows.map((r) => r.email);
}

/** The administrators' list: applications in one status, oldest first, with how many nominees confirmed. */
export async function listApplications(tx: Tx, status: ApplicationStatus, limit: number, offset: number) {
  const confirmed = sql<number>`(select count(*)::int from learner_admin_nominees n
      where n.application_id = ${learnerAdminApplications.id} and n.status = 'confirmed')`;
  const where = eq(learnerAdminApplications.status, status);
  const rows = await tx
    .select({
      application: learnerAdminApplications,
      organisationName: organisations.name,
      applicant: personColumns,
      confirmedNominees: confirmed,
    })
    .from(learnerAdminApplications)
    .innerJoin(organisations, eq(organisations.id, learnerAdminApplications.organisationId))
    .innerJoin(users, eq(users.id, learnerAdminApplications.applicantId))
    .where(where)
    .orderBy(asc(learnerAdminApplications.createdAt), asc(learnerAdminApplications.id))
    .limit(limit)
    .offset(offset);
  const [total] = await tx.select({ n: count() }).from(learnerAdminApplications).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** A user's id by email, or null (the demo seed finds its accounts). */
export async function getUserIdByEmail(tx: Tx, email: string): Promise<string | null> {
  const [row] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
  return row?.id ?? null;
}

/** Whether a user has ever applied (the demo seed runs once). */
export async function hasApplications(tx: Tx, applicantId: string): Promise<boolean> {
  const [row] = await tx
    .select({ n: count() })
    .from(learnerAdminApplications)
    .where(eq(learnerAdminApplications.applicantId, applicantId));
  return (row?.n ?? 0) > 0;
}

/** Sets when a role was granted, by whom, and when it lapses (the demo seed backdates its approval). */
export async function setRoleTerms(
  tx: Tx,
  roleId: string,
  values: { grantedBy: string | null; grantedAt: Date; expiresAt: Date },
): Promise<void> {
  await tx.update(userRoles).set(values).where(eq(userRoles.id, roleId));
}
