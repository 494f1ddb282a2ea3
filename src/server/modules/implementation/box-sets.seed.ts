import { count, eq } from "drizzle-orm";
import { boxSetOrders, implementationSettings } from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";
import { DEMO_TRUST_NAME } from "../../seed-names.js";
import type { ImplementationDemo } from "./implementation-demo.seed.js";

/**
 * The demo registration's box sets: one order of 3 executive and 2 team box sets, free (the demo trust is an NHS trust)
 * and dispatched, so the page shows history and 3 team sets still free. Does nothing if the registration has orders.
 */
export async function seedBoxSetsDemo(db: Db, demo: ImplementationDemo): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(boxSetOrders)
      .where(eq(boxSetOrders.registrationId, demo.registrationId));
    if ((existing?.n ?? 0) > 0) return;
    const [prices] = await tx
      .select({
        executive: implementationSettings.executiveBoxSetPence,
        team: implementationSettings.teamBoxSetPence,
      })
      .from(implementationSettings)
      .where(eq(implementationSettings.programmeId, demo.programmeId));
    if (!prices) return;
    await tx.insert(boxSetOrders).values({
      registrationId: demo.registrationId,
      executiveCount: 3,
      teamCount: 2,
      freeExecutiveCount: 3,
      freeTeamCount: 2,
      executiveUnitPence: prices.executive,
      teamUnitPence: prices.team,
      totalPence: 0,
      deliveryAddress: `Programme office\n${DEMO_TRUST_NAME}\n1 Station Road\nNorthfield\nNF1 2AB`,
      status: "dispatched",
      orderedBy: demo.users.lead,
      orderedAt: new Date("2026-03-03T10:00:00Z"),
      dispatchedAt: new Date("2026-03-05T14:30:00Z"),
      dispatchNote: "Sent by tracked courier.",
    });
  });
}
