import type { OrganisationType } from "../../../shared/organisations.js";
import type { Db } from "../../platform/db.js";
import { DEMO_TRUST_NAME } from "../../seed-names.js";
import * as repo from "./organisations-admin.repository.js";

/**
 * Directorates and teams for the demo community trust (where every demo account works), so demo learners have teams
 * to choose and the learner administrator's reports have teams.
 */
const DEMO_UNITS: Array<{ name: string; type: OrganisationType; children?: string[] }> = [
  {
    name: "Adult Community Services",
    type: "directorate",
    children: ["District Nursing North", "District Nursing South"],
  },
  {
    name: "Children and Families",
    type: "directorate",
    children: ["Health Visiting East", "School Nursing"],
  },
];

/**
 * Adds directorates and teams below the demo community trust, each unless a unit of that name is already there, so
 * it is safe to run at every start. Returns how many organisations it added.
 */
export async function seedDemoTeams(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [trust] = await repo.listByName(tx, DEMO_TRUST_NAME);
    if (!trust) return 0;
    const present = new Set((await repo.listChildren(tx, trust.id)).map((child) => child.name));
    let added = 0;
    for (const unit of DEMO_UNITS.filter((u) => !present.has(u.name))) {
      const directorate = await repo.insertOrganisation(tx, {
        name: unit.name,
        type: unit.type,
        parentId: trust.id,
      });
      added += 1;
      for (const child of unit.children ?? []) {
        await repo.insertOrganisation(tx, { name: child, type: "team", parentId: directorate.id });
        added += 1;
      }
    }
    return added;
  });
}
