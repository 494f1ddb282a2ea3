import { and, count, eq, inArray } from "drizzle-orm";
import { DEFAULT_SPC_RULES } from "../../../shared/spc/types.js";
import { measureLibraryItems, teamMeasurePoints, teamMeasures } from "../../db/schema/index.js";
import type { Db, Tx } from "../../platform/db.js";
import type { ImplementationDemo } from "./implementation-demo.seed.js";

/** `n` ISO dates `days` apart from `start`. */
function everyDays(start: string, days: number, n: number): string[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: n }, (_, i) =>
    new Date(first + i * days * 86_400_000).toISOString().slice(0, 10),
  );
}

/** `n` ISO dates a month apart, on the first of each month from `start` (YYYY-MM-01). */
function monthly(start: string, n: number): string[] {
  const [year = 2026, month = 1] = start.split("-").map(Number);
  return Array.from({ length: n }, (_, i) => {
    const m = month - 1 + i;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}-01`;
  });
}

/**
 * Northfield's weekly minutes looking for stock from 2 March 2026: about 95 for six weeks, then falling to about 30
 * once the team has organised its base (Well Organised Working Environment, started 9 March 2026) — a shift of
 * improvement on the chart.
 */
export const STOCK_SEARCH_MINUTES = [
  96, 93, 98, 94, 97, 92, 78, 61, 47, 39, 34, 31, 33, 29, 30, 28, 31, 27, 30, 29,
];
/**
 * The day Northfield completed Well Organised Working Environment (house.seed.ts): its "Time looking for stock" is
 * rebased there, so the board's limits and assurance describe the new process rather than the weeks before it.
 */
export const STOCK_SEARCH_REBASE_ON = "2026-04-20";
/** Northfield's stock value at the month end, in pounds, from March 2026 (£4,200 → £1,100). */
export const STOCK_VALUE_POUNDS = [4200, 3850, 2900, 2100, 1500, 1100];
/** Northfield's average morale score (0–10) each month from March 2026. */
export const MORALE_SCORES = [5.2, 5.5, 6.1, 6.6, 7.2, 7.8];
/** Southgate's patient-facing time (%) each month from March 2026. */
export const PATIENT_FACING_PERCENT = [21, 23, 26, 28];

interface DemoMeasure {
  title: string;
  target: number | null;
  onBoard: boolean;
  dates: string[];
  values: number[];
  /** Dates the limits are recalculated from. */
  rebaseOn?: string[];
}

async function addFromLibrary(
  tx: Tx,
  teamId: string,
  createdBy: string,
  library: Map<string, typeof measureLibraryItems.$inferSelect>,
  measure: DemoMeasure,
  boardPosition: number,
): Promise<void> {
  const item = library.get(measure.title);
  if (!item) return;
  const [row] = await tx
    .insert(teamMeasures)
    .values({
      teamId,
      libraryItemId: item.id,
      houseModuleId: item.houseModuleId,
      kind: item.kind,
      title: item.title,
      definition: item.definition,
      unit: item.unit,
      improvementDirection: item.improvementDirection,
      frequency: item.frequency,
      target: measure.target,
      rules: DEFAULT_SPC_RULES,
      rebaseOn: measure.rebaseOn ?? [],
      onBoard: measure.onBoard,
      boardPosition: measure.onBoard ? boardPosition : 0,
      createdBy,
    })
    .returning({ id: teamMeasures.id });
  if (!row) throw new Error("team measure insert returned no row");
  await tx.insert(teamMeasurePoints).values(
    measure.values.map((value, i) => ({
      measureId: row.id,
      observedOn: measure.dates[i] ?? "",
      value,
      createdBy,
    })),
  );
}

/**
 * Demo team measures, copied from the Productive Community Services library: Northfield records "Time looking for
 * stock" (20 weekly values from 2 March 2026, falling after the Well Organised Working Environment module started;
 * rebased on the day the module was completed, so the limits of about 24 to 46 minutes are the new process's and the
 * target of 35 reads "may or may not meet"),
 * "Stock value" (monthly, £4,200 → £1,100) and "Team morale", all three on its board; Southgate records "Patient-facing
 * time" (%) monthly. Idempotent: a team that already has measures is left alone.
 */
export async function seedTeamMeasuresDemo(db: Db, demo: ImplementationDemo): Promise<void> {
  const [northfield, southgate] = demo.teams;
  if (!northfield || !southgate) return;
  await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(teamMeasures)
      .where(inArray(teamMeasures.teamId, [northfield.id, southgate.id]));
    if ((existing?.n ?? 0) > 0) return;
    const items = await tx
      .select()
      .from(measureLibraryItems)
      .where(and(eq(measureLibraryItems.programmeId, demo.programmeId)));
    const library = new Map(items.map((i) => [i.title, i]));
    const northfieldMeasures: DemoMeasure[] = [
      {
        title: "Time looking for stock",
        target: 35,
        onBoard: true,
        dates: everyDays("2026-03-02", 7, STOCK_SEARCH_MINUTES.length),
        values: STOCK_SEARCH_MINUTES,
        rebaseOn: [STOCK_SEARCH_REBASE_ON],
      },
      {
        title: "Stock value",
        target: 1200,
        onBoard: true,
        dates: monthly("2026-03-01", STOCK_VALUE_POUNDS.length),
        values: STOCK_VALUE_POUNDS,
      },
      {
        title: "Team morale",
        target: 7.5,
        onBoard: true,
        dates: monthly("2026-03-01", MORALE_SCORES.length),
        values: MORALE_SCORES,
      },
    ];
    for (const [index, measure] of northfieldMeasures.entries()) {
      await addFromLibrary(tx, northfield.id, northfield.leaderUserId, library, measure, index + 1);
    }
    await addFromLibrary(
      tx,
      southgate.id,
      southgate.leaderUserId,
      library,
      {
        title: "Patient-facing time",
        target: 35,
        onBoard: true,
        dates: monthly("2026-03-01", PATIENT_FACING_PERCENT.length),
        values: PATIENT_FACING_PERCENT,
      },
      1,
    );
  });
}
