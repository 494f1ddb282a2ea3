import { and, eq } from "drizzle-orm";
import type { RegistrationRole } from "../../../shared/implementation.js";
import { implementationTeams, programmeRegistrations, registrationPeople } from "../../db/schema/index.js";
import type { Actor } from "../../platform/auth.js";
import type { Tx } from "../../platform/db.js";
import { forbidden, notFound } from "../../platform/errors.js";

/** A registration's facts and where one person stands on it. */
export interface RegistrationStanding {
  registration: { id: string; programmeId: string; organisationId: string };
  /** The actor's roles on the registration (programme lead, executive sponsor, finance lead). */
  roles: RegistrationRole[];
  /** Teams of this registration the actor leads. */
  ledTeamIds: string[];
}

/**
 * What the actor may do on an organisation's programme registration. Every part of implementation (registration,
 * teams, the house, team measures, box sets, benefits) decides through this one object:
 * - programme leads manage the registration and every team;
 * - executive sponsors and finance leads read every team; finance leads also record and sign off benefits;
 * - team leaders read and change their own team only;
 * - platform administrators read everything (and dispatch box sets) but change nothing of the organisation's;
 * - anyone else gets 404, so other organisations' registrations are not revealed.
 */
export interface ImplementationAccess extends RegistrationStanding {
  isAdmin: boolean;
  isProgrammeLead: boolean;
  isExecutive: boolean;
  isFinanceLead: boolean;
  /** Read the registration and all its teams. */
  canReadAll: boolean;
  /** Read the registration at all (everyone above, and team leaders for their own teams). */
  canRead: boolean;
  /** Change the registration: people, teams, benefit areas; order box sets. */
  canManage: boolean;
  /** Sign off, query or reject cashable benefits (never one they recorded: the benefits service checks that). */
  canSignOff: boolean;
  /** Read one team of this registration. */
  canReadTeam(teamId: string): boolean;
  /** Change one team's module status, measures and data: its leader or a programme lead. */
  canEditTeam(teamId: string): boolean;
  /** Record or change a team's benefits: the team's leader, a programme lead or a finance lead. */
  canRecordBenefit(teamId: string): boolean;
}

/** Works out the actor's access from their standing; pure, so it is unit-testable. */
export function decideImplementationAccess(
  standing: RegistrationStanding,
  actor: Actor | null,
): ImplementationAccess {
  const isAdmin = actor?.roles.some((r) => r.role === "platform_admin") ?? false;
  const isProgrammeLead = standing.roles.includes("programme_lead");
  const isExecutive = standing.roles.includes("executive_sponsor");
  const isFinanceLead = standing.roles.includes("finance_lead");
  const canReadAll = isAdmin || isProgrammeLead || isExecutive || isFinanceLead;
  const leads = (teamId: string) => standing.ledTeamIds.includes(teamId);
  return {
    ...standing,
    isAdmin,
    isProgrammeLead,
    isExecutive,
    isFinanceLead,
    canReadAll,
    canRead: canReadAll || standing.ledTeamIds.length > 0,
    canManage: isProgrammeLead,
    canSignOff: isFinanceLead,
    canReadTeam: (teamId) => canReadAll || leads(teamId),
    canEditTeam: (teamId) => isProgrammeLead || leads(teamId),
    canRecordBenefit: (teamId) => isProgrammeLead || isFinanceLead || leads(teamId),
  };
}

const NO_USER = "00000000-0000-0000-0000-000000000000";

/** Reads a registration and the actor's roles and led teams on it; null when there is no such registration. */
export async function getRegistrationStanding(
  db: Tx,
  registrationId: string,
  userId: string | null,
): Promise<RegistrationStanding | null> {
  const [registration] = await db
    .select({
      id: programmeRegistrations.id,
      programmeId: programmeRegistrations.programmeId,
      organisationId: programmeRegistrations.organisationId,
    })
    .from(programmeRegistrations)
    .where(eq(programmeRegistrations.id, registrationId));
  if (!registration) return null;
  const roles = await db
    .select({ role: registrationPeople.role })
    .from(registrationPeople)
    .where(
      and(
        eq(registrationPeople.registrationId, registrationId),
        eq(registrationPeople.userId, userId ?? NO_USER),
      ),
    );
  const led = await db
    .select({ id: implementationTeams.id })
    .from(implementationTeams)
    .where(
      and(
        eq(implementationTeams.registrationId, registrationId),
        eq(implementationTeams.leaderUserId, userId ?? NO_USER),
      ),
    );
  return { registration, roles: roles.map((r) => r.role), ledTeamIds: led.map((t) => t.id) };
}

/** The actor's access to a registration; 404 when it does not exist or the actor may not read it. */
export async function loadRegistrationAccess(
  db: Tx,
  registrationId: string,
  actor: Actor | null,
): Promise<ImplementationAccess> {
  const standing = await getRegistrationStanding(db, registrationId, actor?.userId ?? null);
  if (!standing) throw notFound("The programme registration");
  const access = decideImplementationAccess(standing, actor);
  if (!access.canRead) throw notFound("The programme registration");
  return access;
}

/** A team with the actor's access to its registration; 404 when it does not exist or the registration is hidden. */
export async function loadTeamAccess(
  db: Tx,
  teamId: string,
  actor: Actor | null,
): Promise<{ access: ImplementationAccess; team: typeof implementationTeams.$inferSelect }> {
  const [team] = await db.select().from(implementationTeams).where(eq(implementationTeams.id, teamId));
  if (!team) throw notFound("The team");
  const standing = await getRegistrationStanding(db, team.registrationId, actor?.userId ?? null);
  if (!standing) throw notFound("The team");
  const access = decideImplementationAccess(standing, actor);
  if (!access.canRead) throw notFound("The team");
  if (!access.canReadTeam(team.id))
    throw forbidden(
      `Only ${team.name}'s team leader, the programme lead, executives and finance leads can see this team.`,
    );
  return { access, team };
}

/** 403 unless the actor may change the team (its leader or a programme lead). */
export function assertCanEditTeam(access: ImplementationAccess, team: { id: string; name: string }): void {
  if (!access.canEditTeam(team.id))
    throw forbidden(`Only ${team.name}'s team leader or the programme lead can change this team.`);
}

/** 403 unless the actor is a programme lead of the registration. */
export function assertCanManage(access: ImplementationAccess): void {
  if (!access.canManage) throw forbidden("Only the organisation's programme lead can do this.");
}
