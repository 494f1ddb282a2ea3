import { and, eq, inArray, isNull } from "drizzle-orm";
import { DEFAULT_BENEFIT_AREAS } from "../../../shared/implementation.js";
import {
  benefitAreas,
  implementationTeams,
  organisations,
  programmeRegistrations,
  programmes,
  registrationPeople,
  users,
} from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";
import { DEMO_TRUST_NAME } from "../../seed-names.js";

/** What the demo registration holds, for the other parts' demo seeds (house progress, measures, benefits, box sets). */
export interface ImplementationDemo {
  registrationId: string;
  programmeId: string;
  organisationId: string;
  /** Northfield district nursing (led by teamleader@) and Southgate community therapy (led by learner@). */
  teams: Array<{ id: string; name: string; startedOn: string; leaderUserId: string }>;
  users: { lead: string; executive: string; finance: string; teamLeader: string; learner: string };
  /** The organisation's benefit areas in order (the four defaults). */
  areaIds: string[];
}

const EMAILS = {
  lead: "lead@example.org",
  executive: "executive@example.org",
  finance: "finance@example.org",
  teamLeader: "teamleader@example.org",
  learner: "learner@example.org",
} as const;

/**
 * Registers the demo trust on Productive Community Services with its programme lead, executive sponsor and finance
 * lead, and two teams. Runs once: returns null when the registration already exists or a demo account is missing.
 */
export async function seedImplementationDemo(db: Db): Promise<ImplementationDemo | null> {
  return db.transaction(async (tx) => {
    const [trust] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.name, DEMO_TRUST_NAME), isNull(organisations.odsCode)));
    const [programme] = await tx
      .select({ id: programmes.id })
      .from(programmes)
      .where(eq(programmes.slug, "productive-community-services"));
    if (!trust || !programme) return null;
    const people = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(inArray(users.email, Object.values(EMAILS)));
    const idOf = (email: string) => people.find((p) => p.email === email)?.id;
    const lead = idOf(EMAILS.lead);
    const executive = idOf(EMAILS.executive);
    const finance = idOf(EMAILS.finance);
    const teamLeader = idOf(EMAILS.teamLeader);
    const learner = idOf(EMAILS.learner);
    if (!lead || !executive || !finance || !teamLeader || !learner) return null;
    const [registration] = await tx
      .insert(programmeRegistrations)
      .values({ programmeId: programme.id, organisationId: trust.id, registeredBy: lead })
      .onConflictDoNothing()
      .returning({ id: programmeRegistrations.id });
    if (!registration) return null;
    await tx.insert(registrationPeople).values([
      { registrationId: registration.id, userId: lead, role: "programme_lead", addedBy: lead },
      { registrationId: registration.id, userId: executive, role: "executive_sponsor", addedBy: lead },
      { registrationId: registration.id, userId: finance, role: "finance_lead", addedBy: lead },
    ]);
    const areas = await tx
      .insert(benefitAreas)
      .values(
        DEFAULT_BENEFIT_AREAS.map((label, i) => ({
          registrationId: registration.id,
          label,
          position: i + 1,
        })),
      )
      .returning({ id: benefitAreas.id });
    const teamRows = [
      {
        name: "Northfield district nursing",
        setting: "district_nursing" as const,
        leaderUserId: teamLeader,
        size: 14,
      },
      {
        name: "Southgate community therapy",
        setting: "community_therapy" as const,
        leaderUserId: learner,
        size: 9,
      },
    ];
    const startedOn = "2026-03-02";
    const teams = await tx
      .insert(implementationTeams)
      .values(teamRows.map((t) => ({ ...t, registrationId: registration.id, startedOn })))
      .returning({ id: implementationTeams.id, name: implementationTeams.name });
    return {
      registrationId: registration.id,
      programmeId: programme.id,
      organisationId: trust.id,
      teams: teams.map((t, i) => ({
        ...t,
        startedOn,
        leaderUserId: teamRows[i]?.leaderUserId ?? teamLeader,
      })),
      users: { lead, executive, finance, teamLeader, learner },
      areaIds: areas.map((a) => a.id),
    };
  });
}
