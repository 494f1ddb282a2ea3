import { eq } from "drizzle-orm";
import type { ModuleStatus } from "../../../shared/implementation.js";
import { houseModules, teamModuleProgress } from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";
import type { ImplementationDemo } from "./implementation-demo.seed.js";

interface DemoStatus {
  team: string;
  module: string;
  status: ModuleStatus;
  startedOn: string | null;
  completedOn?: string;
  notes?: string;
}

/**
 * The demo teams' progress: Northfield has completed the first foundation module and is on the second, with the third
 * not started (so it is behind plan); Southgate is on the first and has started Planning Our Workload out of order.
 */
const DEMO_STATUSES: DemoStatus[] = [
  {
    team: "Northfield district nursing",
    module: "Well Organised Working Environment",
    status: "complete",
    startedOn: "2026-03-09",
    completedOn: "2026-04-20",
    notes:
      "Stock room and cars sorted and labelled; par levels agreed with the supplies team. Weekly stock tally kept up since.",
  },
  {
    team: "Northfield district nursing",
    module: "Knowing How We Are Doing",
    status: "in_progress",
    startedOn: "2026-04-27",
    notes: "Measures board up in the team base; first monthly morale survey done.",
  },
  {
    team: "Southgate community therapy",
    module: "Well Organised Working Environment",
    status: "in_progress",
    startedOn: "2026-05-04",
  },
  {
    team: "Southgate community therapy",
    module: "Planning Our Workload",
    status: "in_progress",
    startedOn: "2026-06-01",
    notes: "Started early to try the new visit-planning board over the summer.",
  },
];

/** Records the demo teams' module statuses on the demo registration's house; rows already there are left alone. */
export async function seedHouseDemo(db: Db, demo: ImplementationDemo): Promise<void> {
  const modules = await db
    .select({ id: houseModules.id, title: houseModules.title })
    .from(houseModules)
    .where(eq(houseModules.programmeId, demo.programmeId));
  const rows = DEMO_STATUSES.flatMap((s) => {
    const team = demo.teams.find((t) => t.name === s.team);
    const module = modules.find((m) => m.title === s.module);
    if (!team || !module) return [];
    return [
      {
        teamId: team.id,
        houseModuleId: module.id,
        status: s.status,
        startedOn: s.startedOn,
        completedOn: s.completedOn ?? null,
        notes: s.notes ?? "",
        updatedBy: team.leaderUserId,
      },
    ];
  });
  if (rows.length > 0) await db.insert(teamModuleProgress).values(rows).onConflictDoNothing();
}
