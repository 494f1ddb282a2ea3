import { and, eq, inArray } from "drizzle-orm";
import { CASH_CATEGORY_ORDER, type CashCategory } from "../../../shared/implementation.js";
import { benefitEvents, benefits, houseModules } from "../../db/schema/index.js";
import type { Db } from "../../platform/db.js";
import type { ImplementationDemo } from "./implementation-demo.seed.js";

const at = (iso: string) => new Date(`${iso}T10:00:00Z`);

/**
 * The demo registration's benefits, recorded by the team leaders: Northfield's signed-off stock reduction (first-order)
 * and its time looking for stock (non-cashable); Southgate's fewer mileage claims (second-order, awaiting sign-off)
 * and a consumables saving finance@ has queried. Runs once: does nothing when the registration has benefits.
 */
export async function seedBenefitsDemo(db: Db, demo: ImplementationDemo): Promise<void> {
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: benefits.id })
      .from(benefits)
      .where(eq(benefits.registrationId, demo.registrationId))
      .limit(1);
    if (existing) return;
    const [northfield, southgate] = demo.teams;
    const [, , staffArea, valueArea] = demo.areaIds;
    if (!northfield || !southgate || !staffArea || !valueArea) return;
    const modules = await tx
      .select({ id: houseModules.id, title: houseModules.title })
      .from(houseModules)
      .where(
        and(
          eq(houseModules.programmeId, demo.programmeId),
          inArray(houseModules.title, ["Well Organised Working Environment", "Planning Our Workload"]),
        ),
      );
    const moduleId = (title: string) => modules.find((m) => m.title === title)?.id ?? null;
    const wowe = moduleId("Well Organised Working Environment");
    const planning = moduleId("Planning Our Workload");
    const { finance } = demo.users;
    const cash = (category: CashCategory) => ({
      cashable: true,
      cashCategory: category,
      cashOrder: CASH_CATEGORY_ORDER[category],
    });

    const rows = await tx
      .insert(benefits)
      .values([
        {
          registrationId: demo.registrationId,
          teamId: northfield.id,
          houseModuleId: wowe,
          areaId: valueArea,
          title: "Stock reduction at the team base",
          description:
            "After sorting and labelling the stock room, the team keeps two weeks of stock instead of six, and nothing goes out of date.",
          ...cash("stock"),
          method:
            "Stock counted and valued at NHS Supply Chain catalogue prices before the 5S sort (2 March) and after it (29 May).",
          baselinePence: 420_000,
          forecastPence: 300_000,
          realisedPence: 310_000,
          baselineOn: "2026-03-02",
          forecastOn: "2026-06-30",
          realisedOn: "2026-05-29",
          status: "signed_off",
          recordedBy: northfield.leaderUserId,
          signedOffBy: finance,
          signedOffAt: at("2026-06-05"),
          revision: 2,
          createdAt: at("2026-06-01"),
          updatedAt: at("2026-06-05"),
        },
        {
          registrationId: demo.registrationId,
          teamId: northfield.id,
          houseModuleId: wowe,
          areaId: staffArea,
          title: "Less time looking for stock",
          description: "Nurses find what they need first time, so they leave for visits sooner.",
          cashable: false,
          method: "Each nurse tallied minutes spent looking for stock for a week, before and after the sort.",
          unit: "minutes per week",
          baselineValue: 95,
          realisedValue: 30,
          baselineOn: "2026-03-02",
          realisedOn: "2026-05-29",
          status: "recorded",
          recordedBy: northfield.leaderUserId,
          createdAt: at("2026-06-01"),
          updatedAt: at("2026-06-01"),
        },
        {
          registrationId: demo.registrationId,
          teamId: southgate.id,
          houseModuleId: planning,
          areaId: valueArea,
          title: "Fewer mileage claims",
          description: "Visits planned by area each morning mean fewer miles driven between patients.",
          ...cash("revenue_spend"),
          method:
            "Monthly mileage claims for April–June 2025 against the same months of 2026, projected over the year at 45p a mile.",
          forecastPence: 1_200_000,
          forecastOn: "2026-12-31",
          status: "awaiting_sign_off",
          recordedBy: southgate.leaderUserId,
          createdAt: at("2026-07-10"),
          updatedAt: at("2026-07-10"),
        },
        {
          registrationId: demo.registrationId,
          teamId: southgate.id,
          houseModuleId: wowe,
          areaId: valueArea,
          title: "Consumables saved in the clinic room",
          description: "Dressings and gloves ordered to a par level instead of by habit.",
          ...cash("consumables"),
          method: "Consumables orders for the quarter before and after setting par levels.",
          baselinePence: 310_000,
          forecastPence: 85_000,
          realisedPence: 62_000,
          baselineOn: "2026-04-01",
          forecastOn: "2026-09-30",
          realisedOn: "2026-09-30",
          status: "queried",
          recordedBy: southgate.leaderUserId,
          revision: 2,
          createdAt: at("2026-10-02"),
          updatedAt: at("2026-10-06"),
        },
      ])
      .returning({ id: benefits.id, title: benefits.title, recordedBy: benefits.recordedBy });
    const id = (title: string) => rows.find((r) => r.title === title)?.id;
    const stock = id("Stock reduction at the team base");
    const minutes = id("Less time looking for stock");
    const mileage = id("Fewer mileage claims");
    const consumables = id("Consumables saved in the clinic room");
    if (!stock || !minutes || !mileage || !consumables) return;
    await tx.insert(benefitEvents).values([
      {
        benefitId: stock,
        actorUserId: northfield.leaderUserId,
        kind: "created",
        changes: {
          cashable: [null, true],
          cashCategory: [null, "stock"],
          baselinePence: [null, 420_000],
          forecastPence: [null, 300_000],
          realisedPence: [null, 310_000],
          realisedOn: [null, "2026-05-29"],
          status: [null, "awaiting_sign_off"],
        },
        createdAt: at("2026-06-01"),
      },
      {
        benefitId: stock,
        actorUserId: finance,
        kind: "signed_off",
        changes: { status: ["awaiting_sign_off", "signed_off"] },
        comment: "Checked against the stock count sheets and the catalogue prices.",
        createdAt: at("2026-06-05"),
      },
      {
        benefitId: minutes,
        actorUserId: northfield.leaderUserId,
        kind: "created",
        changes: {
          cashable: [null, false],
          unit: [null, "minutes per week"],
          baselineValue: [null, 95],
          realisedValue: [null, 30],
          status: [null, "recorded"],
        },
        createdAt: at("2026-06-01"),
      },
      {
        benefitId: mileage,
        actorUserId: southgate.leaderUserId,
        kind: "created",
        changes: {
          cashable: [null, true],
          cashCategory: [null, "revenue_spend"],
          forecastPence: [null, 1_200_000],
          forecastOn: [null, "2026-12-31"],
          status: [null, "awaiting_sign_off"],
        },
        createdAt: at("2026-07-10"),
      },
      {
        benefitId: consumables,
        actorUserId: southgate.leaderUserId,
        kind: "created",
        changes: {
          cashable: [null, true],
          cashCategory: [null, "consumables"],
          baselinePence: [null, 310_000],
          forecastPence: [null, 85_000],
          realisedPence: [null, 62_000],
          status: [null, "awaiting_sign_off"],
        },
        createdAt: at("2026-10-02"),
      },
      {
        benefitId: consumables,
        actorUserId: finance,
        kind: "queried",
        changes: { status: ["awaiting_sign_off", "queried"] },
        comment:
          "Which months does the £620 cover? Please attach the order history so I can match it to the ledger.",
        createdAt: at("2026-10-06"),
      },
    ]);
  });
}
