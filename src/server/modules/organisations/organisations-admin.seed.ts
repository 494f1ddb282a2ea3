import type { OrganisationType } from "../../../shared/organisations.js";
import type { Db } from "../../platform/db.js";
import * as repo from "./organisations-admin.repository.js";

const DEMO_TRUST = "QI Academy Demo Acute NHS Trust";

/** Directorates and wards for the demo acute trust, so demo learners have teams to choose and reports have teams. */
const DEMO_UNITS: Array<{ name: string; type: OrganisationType; children?: string[] }> = [
  {
    name: "Surgery Directorate",
    type: "directorate",
    children: ["Ward 7 (General Surgery)", "Ward 9 (Orthopaedics)"],
  },
  {
    name: "Medicine Directorate",
    type: "directorate",
    children: ["Acute Medical Unit", "Ward 12 (Respiratory)"],
  },
];

/**
 * Adds directorates and wards below the demo acute trust. Does nothing when the trust is missing or already has
 * organisations below it, so it is safe to run at every start. Returns how many organisations it added.
 */
export async function seedDemoTeams(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [trust] = await repo.listByName(tx, DEMO_TRUST);
    if (!trust || (await repo.listChildren(tx, trust.id)).length > 0) return 0;
    let added = 0;
    for (const unit of DEMO_UNITS) {
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
