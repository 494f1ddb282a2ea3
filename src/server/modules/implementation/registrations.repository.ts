import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { RegistrationRole, TeamSetting } from "../../../shared/implementation.js";
import type { OrganisationType } from "../../../shared/organisations.js";
import {
  benefitAreas,
  houseModules,
  implementationTeams,
  organisations,
  programmeRegistrations,
  programmes,
  registrationPeople,
  teamModuleProgress,
  users,
} from "../../db/schema/index.js";
import { queryRows, type Tx } from "../../platform/db.js";

/** Programmes with a house (at least one house module), with their module counts, by title. */
export async function listProgrammesWithHouse(tx: Tx) {
  return tx
    .select({
      id: programmes.id,
      slug: programmes.slug,
      title: programmes.title,
      moduleCount: count(houseModules.id),
    })
    .from(programmes)
    .innerJoin(houseModules, eq(houseModules.programmeId, programmes.id))
    .groupBy(programmes.id, programmes.slug, programmes.title)
    .orderBy(asc(programmes.title));
}

/** A programme's title and how many house modules it has; null when there is no such programme. */
export async function getProgrammeWithModuleCount(tx: Tx, programmeId: string) {
  const [programme] = await tx
    .select({ id: programmes.id, title: programmes.title, slug: programmes.slug })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  if (!programme) return null;
  const [row] = await tx
    .select({ n: count() })
    .from(houseModules)
    .where(eq(houseModules.programmeId, programmeId));
  return { ...programme, moduleCount: row?.n ?? 0 };
}

/** An organisation and every one above it, nearest first (depth 0 is the organisation itself). */
export async function listOrganisationAndAbove(tx: Tx, organisationId: string) {
  // Raw SQL: walking up the hierarchy needs WITH RECURSIVE, which the query builder cannot express.
  const rows = await queryRows<{ id: string; name: string; type: OrganisationType; depth: number }>(
    tx,
    sql`with recursive up(id, parent_id, depth) as (
          select id, parent_id, 0 from organisations where id = ${organisationId}
          union all
          select o.id, o.parent_id, u.depth + 1 from organisations o join up u on o.id = u.parent_id where u.depth < 20)
        select o.id, o.name, o.type, up.depth from up join organisations o on o.id = up.id order by up.depth`,
  );
  return rows.map((r) => ({ ...r, depth: Number(r.depth) }));
}

/** An organisation's name and type, or null. */
export async function getOrganisation(tx: Tx, organisationId: string) {
  const [row] = await tx
    .select({ id: organisations.id, name: organisations.name, type: organisations.type })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row ?? null;
}

/** The account with this email address whose organisation is `organisationId` or one below it; null otherwise. */
export async function findUserInOrganisationTree(tx: Tx, email: string, organisationId: string) {
  // Raw SQL: "this organisation or below" needs WITH RECURSIVE down the hierarchy.
  const [row] = await queryRows<{ id: string; email: string; given_name: string; family_name: string }>(
    tx,
    sql`with recursive tree(id, depth) as (
          select id, 0 from organisations where id = ${organisationId}
          union all
          select o.id, t.depth + 1 from organisations o join tree t on o.parent_id = t.id where t.depth < 20)
        select u.id, u.email, u.given_name, u.family_name from users u
         where lower(u.email) = lower(${email}) and u.organisation_id in (select id from tree)
         limit 1`,
  );
  return row ? { id: row.id, email: row.email, name: `${row.given_name} ${row.family_name}` } : null;
}

/** A registration of an organisation on a programme, with one of its programme leads' names; null when none. */
export async function findRegistration(tx: Tx, programmeId: string, organisationId: string) {
  const [row] = await tx
    .select({ id: programmeRegistrations.id })
    .from(programmeRegistrations)
    .where(
      and(
        eq(programmeRegistrations.programmeId, programmeId),
        eq(programmeRegistrations.organisationId, organisationId),
      ),
    );
  if (!row) return null;
  const leads = await tx
    .select({ givenName: users.givenName, familyName: users.familyName })
    .from(registrationPeople)
    .innerJoin(users, eq(users.id, registrationPeople.userId))
    .where(and(eq(registrationPeople.registrationId, row.id), eq(registrationPeople.role, "programme_lead")))
    .orderBy(asc(registrationPeople.createdAt))
    .limit(1);
  const lead = leads[0];
  return { id: row.id, leadName: lead ? `${lead.givenName} ${lead.familyName}` : null };
}

/** The registrations of one organisation, by programme. */
export async function listRegistrationsOfOrganisation(tx: Tx, organisationId: string) {
  return tx
    .select({ id: programmeRegistrations.id, programmeId: programmeRegistrations.programmeId })
    .from(programmeRegistrations)
    .where(eq(programmeRegistrations.organisationId, organisationId));
}

/** Inserts a registration; null when the organisation is already registered on the programme (a race). */
export async function insertRegistration(
  tx: Tx,
  values: { programmeId: string; organisationId: string; registeredBy: string },
): Promise<string | null> {
  const [row] = await tx
    .insert(programmeRegistrations)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: programmeRegistrations.id });
  return row?.id ?? null;
}

/** Names people on a registration; a person already in that role is left as they are. */
export async function insertPeople(
  tx: Tx,
  rows: Array<{ registrationId: string; userId: string; role: RegistrationRole; addedBy: string }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx
    .insert(registrationPeople)
    .values(rows)
    .onConflictDoNothing()
    .returning({ userId: registrationPeople.userId });
  return inserted.length;
}

/** Gives a registration its benefit areas in order (position 1..n). */
export async function insertBenefitAreas(tx: Tx, registrationId: string, labels: readonly string[]) {
  await tx
    .insert(benefitAreas)
    .values(labels.map((label, i) => ({ registrationId, label, position: i + 1 })));
}

/** Registrations where the user holds a role or leads a team, with the programme's and organisation's names. */
export async function listRegistrationsOfUser(tx: Tx, userId: string) {
  const roleRows = await tx
    .select({ registrationId: registrationPeople.registrationId, role: registrationPeople.role })
    .from(registrationPeople)
    .where(eq(registrationPeople.userId, userId));
  const teamRows = await tx
    .select({
      registrationId: implementationTeams.registrationId,
      id: implementationTeams.id,
      name: implementationTeams.name,
    })
    .from(implementationTeams)
    .where(eq(implementationTeams.leaderUserId, userId))
    .orderBy(asc(implementationTeams.name));
  const ids = [...new Set([...roleRows, ...teamRows].map((r) => r.registrationId))];
  if (ids.length === 0) return [];
  const registrations = await tx
    .select({
      id: programmeRegistrations.id,
      programmeId: programmes.id,
      programmeTitle: programmes.title,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(programmeRegistrations)
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .where(inArray(programmeRegistrations.id, ids))
    .orderBy(asc(programmes.title), asc(organisations.name));
  return registrations.map((r) => ({
    ...r,
    roles: roleRows.filter((x) => x.registrationId === r.id).map((x) => x.role),
    ledTeams: teamRows.filter((t) => t.registrationId === r.id).map((t) => ({ id: t.id, name: t.name })),
  }));
}

/** A registration with its programme and organisation. */
export async function getRegistrationHeader(tx: Tx, registrationId: string) {
  const [row] = await tx
    .select({
      id: programmeRegistrations.id,
      createdAt: programmeRegistrations.createdAt,
      programmeId: programmes.id,
      programmeSlug: programmes.slug,
      programmeTitle: programmes.title,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
    })
    .from(programmeRegistrations)
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .where(eq(programmeRegistrations.id, registrationId));
  return row ?? null;
}

/** The people named on a registration, by role then name. */
export async function listPeople(tx: Tx, registrationId: string) {
  const rows = await tx
    .select({
      userId: registrationPeople.userId,
      role: registrationPeople.role,
      givenName: users.givenName,
      familyName: users.familyName,
      email: users.email,
    })
    .from(registrationPeople)
    .innerJoin(users, eq(users.id, registrationPeople.userId))
    .where(eq(registrationPeople.registrationId, registrationId))
    .orderBy(asc(registrationPeople.role), asc(users.familyName), asc(users.givenName));
  return rows.map((r) => ({
    userId: r.userId,
    role: r.role,
    name: `${r.givenName} ${r.familyName}`,
    email: r.email,
  }));
}

/** How many people hold a role on a registration. */
export async function countRole(tx: Tx, registrationId: string, role: RegistrationRole): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(registrationPeople)
    .where(and(eq(registrationPeople.registrationId, registrationId), eq(registrationPeople.role, role)));
  return row?.n ?? 0;
}

/** Removes a person's role; false when they did not hold it. */
export async function deletePerson(
  tx: Tx,
  registrationId: string,
  userId: string,
  role: RegistrationRole,
): Promise<boolean> {
  const rows = await tx
    .delete(registrationPeople)
    .where(
      and(
        eq(registrationPeople.registrationId, registrationId),
        eq(registrationPeople.userId, userId),
        eq(registrationPeople.role, role),
      ),
    )
    .returning({ userId: registrationPeople.userId });
  return rows.length > 0;
}

/** Locks a registration's row for the rest of the transaction, so concurrent changes to its people queue up. */
export async function lockRegistration(tx: Tx, registrationId: string): Promise<void> {
  await tx
    .select({ id: programmeRegistrations.id })
    .from(programmeRegistrations)
    .where(eq(programmeRegistrations.id, registrationId))
    .for("update");
}

/** A registration's teams (all, or only those given), by name, with their leaders' names. */
export async function listTeams(tx: Tx, registrationId: string, onlyIds?: string[]) {
  if (onlyIds && onlyIds.length === 0) return [];
  const rows = await tx
    .select({
      id: implementationTeams.id,
      name: implementationTeams.name,
      setting: implementationTeams.setting,
      leaderUserId: implementationTeams.leaderUserId,
      givenName: users.givenName,
      familyName: users.familyName,
      size: implementationTeams.size,
      startedOn: implementationTeams.startedOn,
    })
    .from(implementationTeams)
    .leftJoin(users, eq(users.id, implementationTeams.leaderUserId))
    .where(
      and(
        eq(implementationTeams.registrationId, registrationId),
        onlyIds ? inArray(implementationTeams.id, onlyIds) : undefined,
      ),
    )
    .orderBy(sql`lower(${implementationTeams.name})`);
  return rows.map(({ givenName, familyName, ...t }) => ({
    ...t,
    leaderName: givenName === null ? null : `${givenName} ${familyName ?? ""}`.trim(),
  }));
}

/** True when another team of the registration has this name, ignoring case. */
export async function teamNameTaken(
  tx: Tx,
  registrationId: string,
  name: string,
  exceptTeamId?: string,
): Promise<boolean> {
  const rows = await tx
    .select({ id: implementationTeams.id })
    .from(implementationTeams)
    .where(
      and(
        eq(implementationTeams.registrationId, registrationId),
        sql`lower(${implementationTeams.name}) = lower(${name})`,
        exceptTeamId ? sql`${implementationTeams.id} <> ${exceptTeamId}` : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Inserts a team; null when its name is taken (the unique index caught a race). */
export async function insertTeam(
  tx: Tx,
  values: {
    registrationId: string;
    name: string;
    setting: TeamSetting;
    leaderUserId: string;
    size: number;
    startedOn: string;
  },
): Promise<string | null> {
  const [row] = await tx
    .insert(implementationTeams)
    .values(values)
    .onConflictDoNothing()
    .returning({ id: implementationTeams.id });
  return row?.id ?? null;
}

/** A team with its registration's programme and organisation and its leader; null when there is none. */
export async function getTeamDetail(tx: Tx, teamId: string) {
  const [row] = await tx
    .select({
      id: implementationTeams.id,
      registrationId: implementationTeams.registrationId,
      name: implementationTeams.name,
      setting: implementationTeams.setting,
      leaderUserId: implementationTeams.leaderUserId,
      leaderGivenName: users.givenName,
      leaderFamilyName: users.familyName,
      leaderEmail: users.email,
      size: implementationTeams.size,
      startedOn: implementationTeams.startedOn,
      revision: implementationTeams.revision,
      programmeId: programmes.id,
      programmeTitle: programmes.title,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(implementationTeams)
    .innerJoin(programmeRegistrations, eq(programmeRegistrations.id, implementationTeams.registrationId))
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .leftJoin(users, eq(users.id, implementationTeams.leaderUserId))
    .where(eq(implementationTeams.id, teamId));
  return row ?? null;
}

/**
 * Changes a team's fields if it is still at `revision`, bumping the revision; false when someone changed it first.
 * A name another team took meanwhile surfaces as the unique index's error, which the service has already ruled out.
 */
export async function updateTeam(
  tx: Tx,
  teamId: string,
  revision: number,
  values: Partial<{
    name: string;
    setting: TeamSetting;
    leaderUserId: string;
    size: number;
    startedOn: string;
  }>,
): Promise<boolean> {
  const rows = await tx
    .update(implementationTeams)
    .set({ ...values, revision: sql`${implementationTeams.revision} + 1`, updatedAt: new Date() })
    .where(and(eq(implementationTeams.id, teamId), eq(implementationTeams.revision, revision)))
    .returning({ id: implementationTeams.id });
  return rows.length > 0;
}

/** Ids of a user's registration roles and led teams on a set of registrations (for the programmes list). */
export async function registrationsReadableBy(tx: Tx, userId: string, registrationIds: string[]) {
  if (registrationIds.length === 0) return new Set<string>();
  const roles = await tx
    .select({ id: registrationPeople.registrationId })
    .from(registrationPeople)
    .where(
      and(inArray(registrationPeople.registrationId, registrationIds), eq(registrationPeople.userId, userId)),
    );
  const teams = await tx
    .select({ id: implementationTeams.registrationId })
    .from(implementationTeams)
    .where(
      and(
        inArray(implementationTeams.registrationId, registrationIds),
        eq(implementationTeams.leaderUserId, userId),
      ),
    );
  return new Set([...roles, ...teams].map((r) => r.id));
}

/** The earliest date on any of a team's module statuses (started, completed or sustaining), or null. */
export async function earliestProgressDate(tx: Tx, teamId: string): Promise<string | null> {
  const [row] = await tx
    .select({
      earliest: sql<
        string | null
      >`min(least(${teamModuleProgress.startedOn}, ${teamModuleProgress.completedOn}, ${teamModuleProgress.sustainingFrom}))::text`,
    })
    .from(teamModuleProgress)
    .where(eq(teamModuleProgress.teamId, teamId));
  return row?.earliest ?? null;
}
