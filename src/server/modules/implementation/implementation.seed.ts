import { count, eq, inArray } from "drizzle-orm";
import type { HouseModuleKind } from "../../../shared/implementation.js";
import type { ImprovementDirection, MeasureFrequency, MeasureKind } from "../../../shared/projects.js";
import {
  houseModules,
  implementationSettings,
  measureLibraryItems,
  programmes,
} from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";

/** Box set cost prices (pence), indicative until an administrator confirms them, and NHS England's potential. */
const SETTINGS: Record<string, { nationalPotentialPence: number | null }> = {
  "productive-ward": { nationalPotentialPence: 259_188_550_00 },
  "productive-mental-health-ward": { nationalPotentialPence: 72_438_750_00 },
  "productive-operating-theatre": { nationalPotentialPence: 601_391_000_00 },
  "productive-community-services": { nationalPotentialPence: 447_000_000_00 },
  "productive-community-hospital": { nationalPotentialPence: null },
};
const EXECUTIVE_BOX_SET_PENCE = 45_00;
const TEAM_BOX_SET_PENCE = 65_00;

interface SeedModule {
  kind: HouseModuleKind;
  title: string;
  summary: string;
  measures?: Array<{
    kind: MeasureKind;
    title: string;
    definition: string;
    unit: string;
    direction: ImprovementDirection;
    frequency: MeasureFrequency;
  }>;
}

/**
 * The Productive Community Services house (seeds 001 and 003): thirteen modules in their defined order. The guides
 * stand beside the house; the foundation modules form its base and are done first; the process modules build on them.
 * The measures are those the development sites reported, each under the module that moved it.
 */
export const PCS_HOUSE: SeedModule[] = [
  {
    kind: "guide",
    title: "Executive Leaders Guide",
    summary: "How the executive team sponsors, coaches and enables the programme across the organisation.",
  },
  {
    kind: "guide",
    title: "Programme Leaders Guide",
    summary:
      "How the programme lead plans the roll-out, supports team leaders and tracks progress and benefits.",
  },
  {
    kind: "guide",
    title: "Team Leaders Guide",
    summary: "How a team leader takes their team through the modules, with coaching from the organisation.",
  },
  {
    kind: "guide",
    title: "Strategic Positioning",
    summary:
      "Linking the programme to the organisation's strategy, commissioners and Transforming Community Services.",
  },
  {
    kind: "guide",
    title: "Technology",
    summary: "Using mobile working and information systems to support the new ways of working.",
  },
  {
    kind: "foundation",
    title: "Well Organised Working Environment",
    summary: "Organise the team base, clinic rooms and cars so that what staff need is where they need it.",
    measures: [
      {
        kind: "outcome",
        title: "Time looking for stock",
        definition:
          "Minutes the team spends looking for stock items in a week, from a one-week tally each week.",
        unit: "minutes",
        direction: "decrease",
        frequency: "weekly",
      },
      {
        kind: "process",
        title: "Stock value",
        definition: "Value of stock held at the team base, counted at the month end.",
        unit: "£",
        direction: "decrease",
        frequency: "monthly",
      },
    ],
  },
  {
    kind: "foundation",
    title: "Knowing How We Are Doing",
    summary:
      "Understand team performance and set improvement goals in safety, quality, productivity and experience.",
    measures: [
      {
        kind: "balancing",
        title: "Team morale",
        definition:
          "Average answer of team members to 'How do you feel about work this week?' on a 0 to 10 scale.",
        unit: "score",
        direction: "increase",
        frequency: "monthly",
      },
    ],
  },
  {
    kind: "foundation",
    title: "Patient Status at a Glance",
    summary:
      "Visual management so multi-professional, multi-location teams know the status of every patient.",
    measures: [
      {
        kind: "process",
        title: "Interruptions",
        definition: "Interruptions recorded by the team co-ordinator during a typical day.",
        unit: "interruptions",
        direction: "decrease",
        frequency: "weekly",
      },
    ],
  },
  {
    kind: "foundation",
    title: "Patient Perspective",
    summary: "Understand care from the patient's point of view and use it to shape every other module.",
  },
  {
    kind: "process",
    title: "Planning Our Workload",
    summary: "Plan and allocate visits so that more of the team's time is spent with patients.",
    measures: [
      {
        kind: "outcome",
        title: "Patient-facing time",
        definition:
          "Percentage of working time spent with patients, from an activity follow for a sample of staff.",
        unit: "%",
        direction: "increase",
        frequency: "monthly",
      },
      {
        kind: "process",
        title: "Driving distance",
        definition: "Miles driven by the team for visits in a week.",
        unit: "miles",
        direction: "decrease",
        frequency: "weekly",
      },
      {
        kind: "outcome",
        title: "Visits the team can make",
        definition: "Visits the team can make in a week with its current staffing.",
        unit: "visits",
        direction: "increase",
        frequency: "weekly",
      },
    ],
  },
  {
    kind: "process",
    title: "Working Better with Our Key Care Partners",
    summary:
      "Agree with GPs and other partners how referrals reach the team and what each needs from the other.",
    measures: [
      {
        kind: "outcome",
        title: "'Before no visit' referrals",
        definition: "Referrals received that ask for a visit the same day before the patient could be seen.",
        unit: "referrals",
        direction: "decrease",
        frequency: "weekly",
      },
      {
        kind: "process",
        title: "Time spent managing referrals",
        definition: "Hours a week the team spends taking, chasing and clarifying referrals.",
        unit: "hours",
        direction: "decrease",
        frequency: "weekly",
      },
    ],
  },
  {
    kind: "process",
    title: "Well Organised Patient Pathway",
    summary:
      "Analyse the team's current activities and test more effective ways of working along the pathway.",
  },
  {
    kind: "process",
    title: "Right People, Right Time",
    summary:
      "Manage caseloads and plan staff activity so skills match patients' needs and bottlenecks are avoided.",
  },
];

/** Houses defined for each programme (by slug); editors define the others. */
const HOUSES: Record<string, SeedModule[]> = { "productive-community-services": PCS_HOUSE };

/**
 * Implementation settings for each Productive programme and the houses the sources define, with their measure
 * libraries. Runs at every start; each programme is set up once. Returns how many houses it created.
 */
export async function seedImplementationCatalogue(db: Db): Promise<number> {
  const rows = await db
    .select({ id: programmes.id, slug: programmes.slug })
    .from(programmes)
    .where(inArray(programmes.slug, Object.keys(SETTINGS)));
  let created = 0;
  for (const programme of rows) {
    const settings = SETTINGS[programme.slug];
    if (!settings) continue;
    await db
      .insert(implementationSettings)
      .values({
        programmeId: programme.id,
        executiveBoxSetPence: EXECUTIVE_BOX_SET_PENCE,
        teamBoxSetPence: TEAM_BOX_SET_PENCE,
        nationalPotentialPence: settings.nationalPotentialPence,
      })
      .onConflictDoNothing();
    const house = HOUSES[programme.slug];
    if (!house) continue;
    await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ n: count() })
        .from(houseModules)
        .where(eq(houseModules.programmeId, programme.id));
      if ((existing?.n ?? 0) > 0) return;
      let libraryPosition = 0;
      for (const [index, module] of house.entries()) {
        const [row] = await tx
          .insert(houseModules)
          .values({
            programmeId: programme.id,
            position: index + 1,
            kind: module.kind,
            title: module.title,
            summary: module.summary,
            typicalWeeks: 6,
          })
          .returning({ id: houseModules.id });
        if (!row) throw new Error("house module insert returned no row");
        for (const measure of module.measures ?? []) {
          libraryPosition += 1;
          await tx.insert(measureLibraryItems).values({
            programmeId: programme.id,
            houseModuleId: row.id,
            kind: measure.kind,
            title: measure.title,
            definition: measure.definition,
            unit: measure.unit,
            improvementDirection: measure.direction,
            frequency: measure.frequency,
            position: libraryPosition,
          });
        }
      }
      created += 1;
    });
  }
  return created;
}
