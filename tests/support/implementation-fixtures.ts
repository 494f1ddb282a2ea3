import { asc, eq } from "drizzle-orm";
import {
  benefitAreas,
  houseModules,
  implementationTeams,
  programmeRegistrations,
  programmes,
  registrationPeople,
} from "../../src/server/db/schema/index.js";
import {
  DEFAULT_BENEFIT_AREAS,
  type RegistrationRole,
  type TeamSetting,
} from "../../src/shared/implementation.js";
import { buildOrganisation, buildUser, type TestUser } from "./factories.js";
import type { TestContext } from "./test-app.js";

/** A programme's id by slug (the catalogue is seeded in every test app). */
export async function programmeBySlug(
  ctx: TestContext,
  slug = "productive-community-services",
): Promise<string> {
  const [row] = await ctx.database.db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.slug, slug));
  if (!row) throw new Error(`no programme ${slug}`);
  return row.id;
}

/** The seeded house of a programme in its defined order. */
export async function houseOf(ctx: TestContext, programmeId: string) {
  return ctx.database.db
    .select()
    .from(houseModules)
    .where(eq(houseModules.programmeId, programmeId))
    .orderBy(asc(houseModules.position));
}

/** A registration straight in the database, with the four default benefit areas and the people given. */
export async function buildRegistration(
  ctx: TestContext,
  options: {
    organisationId: string;
    programmeId?: string;
    people?: Array<{ userId: string; role: RegistrationRole }>;
  },
): Promise<{ id: string; programmeId: string; areaIds: string[] }> {
  const programmeId = options.programmeId ?? (await programmeBySlug(ctx));
  const [registration] = await ctx.database.db
    .insert(programmeRegistrations)
    .values({
      programmeId,
      organisationId: options.organisationId,
      registeredBy: options.people?.[0]?.userId,
    })
    .returning({ id: programmeRegistrations.id });
  if (!registration) throw new Error("registration insert returned no row");
  if (options.people?.length)
    await ctx.database.db
      .insert(registrationPeople)
      .values(
        options.people.map((p) => ({ registrationId: registration.id, userId: p.userId, role: p.role })),
      );
  const areas = await ctx.database.db
    .insert(benefitAreas)
    .values(
      DEFAULT_BENEFIT_AREAS.map((label, i) => ({ registrationId: registration.id, label, position: i + 1 })),
    )
    .returning({ id: benefitAreas.id });
  return { id: registration.id, programmeId, areaIds: areas.map((a) => a.id) };
}

/** A team of a registration straight in the database. */
export async function buildTeam(
  ctx: TestContext,
  registrationId: string,
  options: {
    leaderUserId?: string | null;
    name?: string;
    setting?: TeamSetting;
    size?: number;
    startedOn?: string;
  } = {},
): Promise<{ id: string; name: string }> {
  const name = options.name ?? `District nursing ${Math.random().toString(36).slice(2, 7)}`;
  const [team] = await ctx.database.db
    .insert(implementationTeams)
    .values({
      registrationId,
      name,
      setting: options.setting ?? "district_nursing",
      leaderUserId: options.leaderUserId ?? null,
      size: options.size ?? 12,
      startedOn: options.startedOn ?? "2026-01-05",
    })
    .returning({ id: implementationTeams.id });
  if (!team) throw new Error("team insert returned no row");
  return { id: team.id, name };
}

/** Everyone the authorisation matrix needs, on one registration of Productive Community Services. */
export interface ImplementationCast {
  programmeId: string;
  organisationId: string;
  registration: { id: string; programmeId: string; areaIds: string[] };
  programmeLead: TestUser;
  executive: TestUser;
  financeLead: TestUser;
  teamLeaderA: TestUser;
  teamLeaderB: TestUser;
  teamA: { id: string; name: string };
  teamB: { id: string; name: string };
  /** A colleague in the same organisation with no role on the registration. */
  colleague: TestUser;
  /** A programme lead of another organisation's registration on the same programme. */
  otherLead: TestUser;
  otherRegistration: { id: string; programmeId: string; areaIds: string[] };
  otherTeam: { id: string; name: string };
  admin: TestUser;
}

/** Builds an organisation (an NHS trust) registered on Productive Community Services with two teams, and another. */
export async function buildImplementationCast(ctx: TestContext): Promise<ImplementationCast> {
  const programmeId = await programmeBySlug(ctx);
  const organisationId = await buildOrganisation(ctx, { type: "nhs_trust", name: `Trust ${Math.random()}` });
  const otherOrganisationId = await buildOrganisation(ctx, {
    type: "nhs_trust",
    name: `Trust ${Math.random()}`,
  });
  const user = (givenName: string, org = organisationId) =>
    buildUser(ctx, { organisationId: org, givenName });
  const programmeLead = await user("Lead");
  const executive = await user("Exec");
  const financeLead = await user("Finance");
  const teamLeaderA = await user("LeaderA");
  const teamLeaderB = await user("LeaderB");
  const colleague = await user("Colleague");
  const otherLead = await user("OtherLead", otherOrganisationId);
  const admin = await buildUser(ctx, { organisationId, roles: ["learner", "platform_admin"] });
  const registration = await buildRegistration(ctx, {
    organisationId,
    programmeId,
    people: [
      { userId: programmeLead.id, role: "programme_lead" },
      { userId: executive.id, role: "executive_sponsor" },
      { userId: financeLead.id, role: "finance_lead" },
    ],
  });
  const teamA = await buildTeam(ctx, registration.id, {
    leaderUserId: teamLeaderA.id,
    name: "Northfield district nursing",
  });
  const teamB = await buildTeam(ctx, registration.id, {
    leaderUserId: teamLeaderB.id,
    name: "Southgate therapy",
  });
  const otherRegistration = await buildRegistration(ctx, {
    organisationId: otherOrganisationId,
    programmeId,
    people: [{ userId: otherLead.id, role: "programme_lead" }],
  });
  const otherTeam = await buildTeam(ctx, otherRegistration.id, {
    leaderUserId: otherLead.id,
    name: "Elsewhere team",
  });
  return {
    programmeId,
    organisationId,
    registration,
    programmeLead,
    executive,
    financeLead,
    teamLeaderA,
    teamLeaderB,
    teamA,
    teamB,
    colleague,
    otherLead,
    otherRegistration,
    otherTeam,
    admin,
  };
}
