import { stringify } from "csv-stringify/sync";
import ExcelJS from "exceljs";
import { formatCalendarDate } from "../../../shared/dates.js";
import {
  BENEFIT_STATUS_LABELS,
  CASH_CATEGORY_LABELS,
  CASH_ORDER_LABELS,
} from "../../../shared/implementation.js";
import {
  type BenefitsSummary,
  formatMonth,
  nationalSentence,
  SUMMARY_SCOPE_LABELS,
  type SummaryExportFormat,
  type SummaryMoney,
} from "../../../shared/implementation-summary.js";
import { type Cell, fileSlug, neutraliseCell } from "../reports/export-files.js";
import type { BenefitExportRow } from "./benefits-summary.repository.js";

/**
 * Board-paper exports of the benefits summary: a CSV with one row per benefit, and an XLSX workbook with a Summary
 * sheet (the totals tables) and a Benefits sheet (the same rows as the CSV). Cells go through the reports' formula
 * neutraliser (decision 0013); money in the CSV is pounds with two decimals, in the workbook numbers formatted as £.
 */

/** "benefits-summary-northshire-trust-productive-community-services-2026-11-25.pdf". */
export function summaryFileName(
  summary: BenefitsSummary,
  format: SummaryExportFormat,
  today: string,
): string {
  return `benefits-summary-${fileSlug(summary.organisation.name)}-${fileSlug(summary.programme.title)}-${today}.${format}`;
}

/** Pence as pounds with two decimals for a spreadsheet ("3100.00"); empty when there is no value. */
export function poundsCell(pence: number | null): string {
  if (pence === null) return "";
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** The columns of the CSV and of the workbook's Benefits sheet, with their widths in characters. */
export const BENEFIT_COLUMNS: Array<{ header: string; width: number }> = [
  { header: "Team", width: 30 },
  { header: "Module", width: 32 },
  { header: "Area", width: 22 },
  { header: "Benefit", width: 40 },
  { header: "Cashable", width: 10 },
  { header: "Order", width: 14 },
  { header: "Category", width: 16 },
  { header: "Status", width: 20 },
  { header: "Baseline (£)", width: 14 },
  { header: "Forecast (£)", width: 14 },
  { header: "Realised (£)", width: 14 },
  { header: "Baseline date", width: 14 },
  { header: "Forecast date", width: 14 },
  { header: "Realised date", width: 14 },
  { header: "Signed off by", width: 24 },
  { header: "Signed off at", width: 20 },
  { header: "Method of calculation", width: 40 },
];

const ORDER_SHORT = { first: "First-order", second: "Second-order" } as const;

const isoTime = (at: Date | null) => (at ? at.toISOString().replace(/\.\d{3}Z$/, "Z") : "");

/** One benefit's cells; pence as pounds through `money` (text for the CSV, numbers for the workbook). */
function benefitCells(row: BenefitExportRow, money: (pence: number | null) => Cell): Cell[] {
  return [
    row.teamName,
    row.moduleTitle ?? "",
    row.areaLabel,
    row.title,
    row.cashable ? "Yes" : "No",
    row.cashOrder ? ORDER_SHORT[row.cashOrder] : "",
    row.cashCategory ? CASH_CATEGORY_LABELS[row.cashCategory] : "",
    BENEFIT_STATUS_LABELS[row.status],
    money(row.baselinePence),
    money(row.forecastPence),
    money(row.realisedPence),
    row.baselineOn ?? "",
    row.forecastOn ?? "",
    row.realisedOn ?? "",
    row.signedOffByName ?? "",
    isoTime(row.signedOffAt),
    row.method,
  ];
}

/** The CSV: UTF-8 with a byte-order mark (Excel then keeps names like Siân), CRLF line ends, one row per benefit. */
export function summaryCsv(rows: readonly BenefitExportRow[]): string {
  const records = rows.map((row) => benefitCells(row, poundsCell).map(neutraliseCell));
  return `\uFEFF${stringify(records, {
    header: true,
    columns: BENEFIT_COLUMNS.map((c) => c.header),
    record_delimiter: "windows",
  })}`;
}

const POUNDS_FORMAT = '"£"#,##0.00';

/** The workbook: Summary (title, headline figures, by area and order, by team, by module, by month) and Benefits. */
export async function summaryXlsx(
  summary: BenefitsSummary,
  rows: readonly BenefitExportRow[],
  today: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "QI Academy";
  workbook.created = new Date(`${today}T00:00:00Z`);
  const sheet = workbook.addWorksheet("Summary");
  sheet.columns = [{ width: 40 }, { width: 18 }, { width: 18 }, { width: 18 }, { width: 14 }, { width: 14 }];
  const add = (cells: Cell[], o: { bold?: boolean; money?: number[] } = {}) => {
    const row = sheet.addRow(cells.map(neutraliseCell));
    if (o.bold) row.font = { bold: true };
    for (const column of o.money ?? []) row.getCell(column).numFmt = POUNDS_FORMAT;
    return row;
  };
  const pounds = (pence: number) => pence / 100;
  const moneyCells = (m: SummaryMoney): Cell[] => [
    pounds(m.forecastPence),
    pounds(m.realisedPence),
    pounds(m.notYetSignedOffPence),
  ];
  const MONEY_COLUMNS = [2, 3, 4];

  add([`Benefits summary: ${summary.programme.title}`], { bold: true }).font = { bold: true, size: 14 };
  add([summary.organisation.name]);
  add([`${SUMMARY_SCOPE_LABELS[summary.scope]}; prepared ${formatCalendarDate(today)}`]);
  add([
    "Realised counts signed-off cashable benefits only; forecast counts cashable benefits not rejected; not yet signed off counts those awaiting sign-off or queried.",
  ]);
  add([]);
  add(["Headline figures", "Forecast", "Realised", "Not yet signed off"], { bold: true });
  add([CASH_ORDER_LABELS.first, ...moneyCells(summary.totals.first)], { money: MONEY_COLUMNS });
  add([CASH_ORDER_LABELS.second, ...moneyCells(summary.totals.second)], { money: MONEY_COLUMNS });
  add(["Total", ...moneyCells(summary.totals.total)], { bold: true, money: MONEY_COLUMNS });
  if (summary.national) {
    add([]);
    add([`${nationalSentence(summary.national, summary.programme.title)}.`]);
  }

  add([]);
  add(["By area and order", "Forecast", "Realised", "Not yet signed off", "Benefits", "Non-cashable"], {
    bold: true,
  });
  for (const area of summary.byArea) {
    add([area.label, ...moneyCells(area.total), area.counts.benefits, area.counts.nonCashable], {
      bold: true,
      money: MONEY_COLUMNS,
    });
    add([`  ${ORDER_SHORT.first}`, ...moneyCells(area.first)], { money: MONEY_COLUMNS });
    add([`  ${ORDER_SHORT.second}`, ...moneyCells(area.second)], { money: MONEY_COLUMNS });
  }

  add([]);
  add(["By team", "Forecast", "Realised", "Not yet signed off", "Benefits", "Non-cashable"], { bold: true });
  for (const team of summary.byTeam) {
    add([team.name, ...moneyCells(team.total), team.counts.benefits, team.counts.nonCashable], {
      money: MONEY_COLUMNS,
    });
  }

  add([]);
  add(["By module", "Forecast", "Realised", "Not yet signed off", "Benefits", "Non-cashable"], {
    bold: true,
  });
  for (const module of summary.byModule) {
    add([module.title, ...moneyCells(module.total), module.counts.benefits, module.counts.nonCashable], {
      money: MONEY_COLUMNS,
    });
  }

  add([]);
  add(["By month", "Forecast", "Realised (signed off)", "Forecast to date", "Realised to date"], {
    bold: true,
  });
  for (const month of summary.byMonth) {
    add(
      [
        formatMonth(month.month),
        pounds(month.forecastPence),
        pounds(month.realisedPence),
        pounds(month.cumulativeForecastPence),
        pounds(month.cumulativeRealisedPence),
      ],
      { money: [2, 3, 4, 5] },
    );
  }
  if (summary.undated.forecastPence > 0 || summary.undated.realisedPence > 0) {
    add(["No date given", pounds(summary.undated.forecastPence), pounds(summary.undated.realisedPence)], {
      money: [2, 3],
    });
  }

  const list = workbook.addWorksheet("Benefits");
  list.columns = BENEFIT_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  list.getRow(1).font = { bold: true };
  list.views = [{ state: "frozen", ySplit: 1 }];
  for (const row of rows) {
    const added = list.addRow(benefitCells(row, (p) => (p === null ? null : p / 100)).map(neutraliseCell));
    for (const column of [9, 10, 11]) added.getCell(column).numFmt = POUNDS_FORMAT;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
