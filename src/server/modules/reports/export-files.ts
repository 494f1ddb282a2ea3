import { PassThrough, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import ExcelJS from "exceljs";

/** A value a report cell may hold. */
export type Cell = string | number | null;

/** Characters that make a spreadsheet treat a cell as a formula (and tab/carriage return, which can hide one). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Neutralises formula injection: a text cell that begins with `=`, `+`, `-` or `@` (or a tab or carriage return)
 * gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it. Every
 * CSV and XLSX cell the reports write passes through here. Numbers are left alone (they are never formulas).
 */
export function neutraliseCell(value: Cell): Cell {
  if (typeof value !== "string") return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** A file to send: its name, type and a stream of its bytes. */
export interface ExportFile {
  filename: string;
  contentType: string;
  body: Readable;
}

/** The UTF-8 byte-order mark, so Excel opens the CSV as UTF-8 (names like Siân stay intact). */
const BOM = "\uFEFF";

/**
 * Streams rows as CSV (RFC 4180: CRLF line endings, quotes where needed, UTF-8 with a byte-order mark) under a
 * header row. Rows are pulled batch by batch as the response drains, so memory stays flat however many there are.
 */
export function csvStream(header: string[], batches: AsyncIterable<Cell[][]>): Readable {
  const source = Readable.from(
    (async function* () {
      for await (const batch of batches) for (const row of batch) yield row.map(neutraliseCell);
    })(),
  );
  const stringifier = stringify({ header: true, columns: header, record_delimiter: "windows", bom: false });
  const out = new PassThrough();
  out.write(BOM);
  source.on("error", (error) => out.destroy(error));
  stringifier.on("error", (error) => out.destroy(error));
  source.pipe(stringifier).pipe(out);
  return out;
}

/**
 * Streams rows as an XLSX workbook of one sheet through ExcelJS's WorkbookWriter: each row is committed (written to
 * the zip) as soon as it is added, so the workbook is never held in memory. Waits for the response to drain between
 * batches.
 */
export function xlsxStream(
  sheetName: string,
  columns: Array<{ header: string; width: number }>,
  batches: AsyncIterable<Cell[][]>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  (async () => {
    for await (const batch of batches) {
      for (const row of batch) sheet.addRow(row.map(neutraliseCell)).commit();
      if (out.writableNeedDrain) await new Promise((resolve) => out.once("drain", resolve));
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}

/** A name fit for a file: lower case letters, digits and hyphens. */
export function fileSlug(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60)
      .replace(/-+$/g, "") || "organisation"
  );
}
