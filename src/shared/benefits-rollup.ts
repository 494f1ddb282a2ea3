import type { BenefitStatus, CashOrder } from "./implementation.js";
import { BENEFIT_STATUSES } from "./implementation.js";
import type {
  SummaryByOrder,
  SummaryCounts,
  SummaryFigures,
  SummaryMoney,
  SummaryMonth,
  SummaryStatusCounts,
} from "./implementation-summary.js";

/**
 * The benefits roll-up, pure: it turns benefits already grouped (by the database, so 20,000 benefits arrive as a few
 * thousand rows at most) into the summary's figures. The rules, in one place:
 * - forecast = forecast pence of cashable benefits that are not rejected;
 * - realised = realised pence of signed-off cashable benefits only;
 * - not yet signed off = realised pence (or forecast when there is no realised value) of cashable benefits awaiting
 *   sign-off or queried, shown apart from realised;
 * - non-cashable benefits are counted, never added in £;
 * - by month, forecast falls in its forecast date's month and realised (signed off only) in its realised date's month;
 *   benefits with no such date count in the totals and in `undated`, not in a month.
 * Every sum is integer pence and stays exact: each addition is checked to stay within Number.MAX_SAFE_INTEGER.
 */

/** The ways the repository groups benefits, one set of rows each (SQL GROUPING SETS). */
export const SUMMARY_GROUPINGS = ["area", "team", "module", "forecast_month", "realised_month"] as const;
/** One of SUMMARY_GROUPINGS. */
export type SummaryGrouping = (typeof SUMMARY_GROUPINGS)[number];

/**
 * Benefits sharing a grouping key (area id, team id, module id, or month "YYYY-MM"; null for no module or no date),
 * cashability, order and status, with their count and summed pence (null values count as 0).
 */
export interface BenefitGroupRow {
  grouping: SummaryGrouping;
  key: string | null;
  cashable: boolean;
  cashOrder: CashOrder | null;
  status: BenefitStatus;
  count: number;
  /** Sum of forecast pence. */
  forecastPence: number;
  /** Sum of realised pence. */
  realisedPence: number;
  /** Sum of realised pence, or forecast pence where a benefit has no realised value. */
  pendingPence: number;
}

/** Names and order of what the summary lists: every area and team in scope (even with no benefits), every module. */
export interface RollupDimensions {
  areas: Array<{ id: string; label: string; position: number }>;
  teams: Array<{ id: string; name: string }>;
  modules: Array<{ id: string; title: string; position: number }>;
}

/** One benefit as the roll-up needs it: the reference grouping (groupBenefits) starts from these. */
export interface BenefitForRollup {
  teamId: string;
  houseModuleId: string | null;
  areaId: string;
  cashable: boolean;
  cashOrder: CashOrder | null;
  status: BenefitStatus;
  forecastPence: number | null;
  realisedPence: number | null;
  forecastOn: string | null;
  realisedOn: string | null;
}

/** Throws unless n is a whole number of pence a JS number holds exactly. */
export function assertExactPence(n: number, what = "A sum of pence"): number {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} is not an exact whole number of pence: ${n}`);
  return n;
}

/** a + b in pence, refusing any result a JS number would no longer hold exactly (beyond 2^53 − 1). */
export function addPence(a: number, b: number): number {
  assertExactPence(a);
  assertExactPence(b);
  return assertExactPence(a + b);
}

const zeroMoney = (): SummaryMoney => ({ forecastPence: 0, realisedPence: 0, notYetSignedOffPence: 0 });
const zeroByOrder = (): SummaryByOrder => ({ first: zeroMoney(), second: zeroMoney(), total: zeroMoney() });
const zeroCounts = (): SummaryCounts => ({ benefits: 0, cashable: 0, nonCashable: 0 });

/** What a group of benefits adds in £ under the rules; zero for non-cashable ones. */
export function moneyOf(
  row: Pick<BenefitGroupRow, "cashable" | "status" | "forecastPence" | "realisedPence" | "pendingPence">,
): SummaryMoney {
  if (!row.cashable) return zeroMoney();
  return {
    forecastPence: row.status === "rejected" ? 0 : assertExactPence(row.forecastPence),
    realisedPence: row.status === "signed_off" ? assertExactPence(row.realisedPence) : 0,
    notYetSignedOffPence:
      row.status === "awaiting_sign_off" || row.status === "queried" ? assertExactPence(row.pendingPence) : 0,
  };
}

function addMoney(into: SummaryMoney, money: SummaryMoney): void {
  into.forecastPence = addPence(into.forecastPence, money.forecastPence);
  into.realisedPence = addPence(into.realisedPence, money.realisedPence);
  into.notYetSignedOffPence = addPence(into.notYetSignedOffPence, money.notYetSignedOffPence);
}

function addToGroup(group: { counts: SummaryCounts } & SummaryByOrder, row: BenefitGroupRow): void {
  group.counts.benefits += row.count;
  if (row.cashable) group.counts.cashable += row.count;
  else group.counts.nonCashable += row.count;
  if (!row.cashable || row.cashOrder === null) return;
  const money = moneyOf(row);
  addMoney(group[row.cashOrder], money);
  addMoney(group.total, money);
}

/** "2026-03" → the next month "2026-04". */
export function nextMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  const year = y ?? 0;
  const mon = m ?? 1;
  return mon === 12 ? `${year + 1}-01` : `${year}-${String(mon + 1).padStart(2, "0")}`;
}

/** The most months filled in between the first and last dated benefit; a longer span lists only months with money. */
const MAX_FILLED_MONTHS = 600;

/** Months from the first to the last with money, gaps filled with zero months, and the running totals. */
function monthSeries(forecast: Map<string, number>, realised: Map<string, number>): SummaryMonth[] {
  const keys = [...new Set([...forecast.keys(), ...realised.keys()])].sort();
  const first = keys[0];
  const last = keys.at(-1);
  if (first === undefined || last === undefined) return [];
  let months = keys;
  const filled: string[] = [];
  for (let m = first; filled.length <= MAX_FILLED_MONTHS; m = nextMonth(m)) {
    filled.push(m);
    if (m >= last) break;
  }
  if (filled.length <= MAX_FILLED_MONTHS) months = filled;
  let cumulativeForecastPence = 0;
  let cumulativeRealisedPence = 0;
  return months.map((month) => {
    const forecastPence = forecast.get(month) ?? 0;
    const realisedPence = realised.get(month) ?? 0;
    cumulativeForecastPence = addPence(cumulativeForecastPence, forecastPence);
    cumulativeRealisedPence = addPence(cumulativeRealisedPence, realisedPence);
    return { month, forecastPence, realisedPence, cumulativeForecastPence, cumulativeRealisedPence };
  });
}

/**
 * The summary's figures from grouped benefits. Totals, counts and the area table come from the "area" rows (every
 * benefit has an area); the team, module and month tables from their own rows. Every area and team of the dimensions
 * is listed in their order (areas by position, teams by name), modules by position, with a "No module" row only
 * when some benefit has none; a key missing from the dimensions is listed last rather than dropped.
 */
export function rollUpBenefits(
  rows: readonly BenefitGroupRow[],
  dimensions: RollupDimensions,
): SummaryFigures {
  const whole = { counts: zeroCounts(), ...zeroByOrder() };
  // Built from the list, so every status is there; the cast names the shape Object.fromEntries cannot know.
  const byStatus = Object.fromEntries(BENEFIT_STATUSES.map((s) => [s, 0])) as Record<BenefitStatus, number>;
  const areas = new Map(
    [...dimensions.areas]
      .sort((a, b) => a.position - b.position || a.label.localeCompare(b.label))
      .map((a) => [a.id, { areaId: a.id, label: a.label, counts: zeroCounts(), ...zeroByOrder() }]),
  );
  const teams = new Map(
    [...dimensions.teams]
      .sort((a, b) => a.name.localeCompare(b.name, "en-GB"))
      .map((t) => [t.id, { teamId: t.id, name: t.name, counts: zeroCounts(), ...zeroByOrder() }]),
  );
  type ModuleRow = SummaryFigures["byModule"][number];
  const modules = new Map<string | null, ModuleRow>(
    [...dimensions.modules]
      .sort((a, b) => a.position - b.position)
      .map((m) => [
        m.id,
        { houseModuleId: m.id, title: m.title, position: m.position, counts: zeroCounts(), ...zeroByOrder() },
      ]),
  );
  const forecastByMonth = new Map<string, number>();
  const realisedByMonth = new Map<string, number>();
  const undated = { forecastPence: 0, realisedPence: 0 };

  for (const row of rows) {
    if (!Number.isSafeInteger(row.count) || row.count < 0)
      throw new RangeError(`A group's count is not valid: ${row.count}`);
    switch (row.grouping) {
      case "area": {
        addToGroup(whole, row);
        byStatus[row.status] += row.count;
        const key = row.key ?? "";
        let area = areas.get(key);
        if (!area) {
          area = { areaId: key, label: "Unknown area", counts: zeroCounts(), ...zeroByOrder() };
          areas.set(key, area);
        }
        addToGroup(area, row);
        break;
      }
      case "team": {
        const key = row.key ?? "";
        let team = teams.get(key);
        if (!team) {
          team = { teamId: key, name: "Unknown team", counts: zeroCounts(), ...zeroByOrder() };
          teams.set(key, team);
        }
        addToGroup(team, row);
        break;
      }
      case "module": {
        let module = modules.get(row.key);
        if (!module) {
          module = {
            houseModuleId: row.key,
            title: row.key === null ? "No module" : "Unknown module",
            position: null,
            counts: zeroCounts(),
            ...zeroByOrder(),
          };
          modules.set(row.key, module);
        }
        addToGroup(module, row);
        break;
      }
      case "forecast_month": {
        const { forecastPence } = moneyOf(row);
        if (forecastPence === 0) break;
        if (row.key === null) undated.forecastPence = addPence(undated.forecastPence, forecastPence);
        else forecastByMonth.set(row.key, addPence(forecastByMonth.get(row.key) ?? 0, forecastPence));
        break;
      }
      case "realised_month": {
        const { realisedPence } = moneyOf(row);
        if (realisedPence === 0) break;
        if (row.key === null) undated.realisedPence = addPence(undated.realisedPence, realisedPence);
        else realisedByMonth.set(row.key, addPence(realisedByMonth.get(row.key) ?? 0, realisedPence));
        break;
      }
    }
  }
  return {
    totals: { first: whole.first, second: whole.second, total: whole.total },
    byArea: [...areas.values()],
    byTeam: [...teams.values()],
    byModule: [...modules.values()],
    byMonth: monthSeries(forecastByMonth, realisedByMonth),
    undated,
    counts: { ...whole.counts, byStatus },
  };
}

/** "2026-03-15" → "2026-03". */
const monthOf = (isoDate: string | null): string | null => (isoDate ? isoDate.slice(0, 7) : null);

/**
 * Groups benefits the way the repository's SQL does (one row per grouping key, cashability, order and status), so
 * tests can state benefits plainly and check the SQL against it.
 */
export function groupBenefits(benefits: readonly BenefitForRollup[]): BenefitGroupRow[] {
  const groups = new Map<string, BenefitGroupRow>();
  const add = (grouping: SummaryGrouping, key: string | null, b: BenefitForRollup) => {
    const id = JSON.stringify([grouping, key, b.cashable, b.cashOrder, b.status]);
    let row = groups.get(id);
    if (!row) {
      row = {
        grouping,
        key,
        cashable: b.cashable,
        cashOrder: b.cashOrder,
        status: b.status,
        count: 0,
        forecastPence: 0,
        realisedPence: 0,
        pendingPence: 0,
      };
      groups.set(id, row);
    }
    row.count += 1;
    row.forecastPence = addPence(row.forecastPence, b.forecastPence ?? 0);
    row.realisedPence = addPence(row.realisedPence, b.realisedPence ?? 0);
    row.pendingPence = addPence(row.pendingPence, b.realisedPence ?? b.forecastPence ?? 0);
  };
  for (const b of benefits) {
    add("area", b.areaId, b);
    add("team", b.teamId, b);
    add("module", b.houseModuleId, b);
    add("forecast_month", monthOf(b.forecastOn), b);
    add("realised_month", monthOf(b.realisedOn), b);
  }
  return [...groups.values()];
}

/** One programme's figures as the organisation roll-up adds them. */
export interface ProgrammeFigures {
  totals: SummaryByOrder;
  counts: SummaryStatusCounts;
}

/**
 * An organisation's grand totals across the programmes it implements: each programme's first-order, second-order and
 * total forecast, realised and not yet signed off added in exact integer pence, and its counts (all, cashable, not,
 * by status) added. The programmes' own rules already applied (realised = signed off only), so this only adds.
 */
export function rollUpProgrammes(programmes: readonly ProgrammeFigures[]): ProgrammeFigures {
  const totals = zeroByOrder();
  const byStatus = Object.fromEntries(BENEFIT_STATUSES.map((s) => [s, 0])) as Record<BenefitStatus, number>;
  const counts: SummaryStatusCounts = { ...zeroCounts(), byStatus };
  const addCount = (a: number, b: number) => {
    if (!Number.isSafeInteger(b) || b < 0) throw new RangeError(`A programme's count is not valid: ${b}`);
    return a + b;
  };
  for (const programme of programmes) {
    for (const order of ["first", "second", "total"] as const)
      addMoney(totals[order], programme.totals[order]);
    counts.benefits = addCount(counts.benefits, programme.counts.benefits);
    counts.cashable = addCount(counts.cashable, programme.counts.cashable);
    counts.nonCashable = addCount(counts.nonCashable, programme.counts.nonCashable);
    for (const status of BENEFIT_STATUSES)
      byStatus[status] = addCount(byStatus[status], programme.counts.byStatus[status] ?? 0);
  }
  return { totals, counts };
}
