/**
 * Reads a measure's data from text pasted from a spreadsheet or from an uploaded CSV file: columns date, value and an
 * optional note, with or without a header row. Pure and browser-safe (csv-parse's browser build), so the page can
 * preview what the server will import. Every problem names its line; rows come back sorted by date.
 */
import { parse } from "csv-parse/browser/esm/sync";
import { MAX_SERIES_POINTS } from "../projects.js";

/** One row read from the data, by the line it started on (the header, if any, is line 1). */
export interface SeriesImportRow {
  line: number;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  value: number;
  note: string;
}

/** A line that could not be read, and why. */
export interface SeriesImportError {
  line: number;
  message: string;
}

/** What the parser gives: rows sorted by date, the lines it could not read, and whether it had to reorder rows. */
export interface SeriesImportResult {
  rows: SeriesImportRow[];
  errors: SeriesImportError[];
  /** True when the rows were not in date order in the data (they are imported by date, so order does not matter). */
  reordered: boolean;
}

/** Longest note accepted on a row, in characters (as for a note typed on the page). */
export const SERIES_NOTE_MAX = 500;

const EXPECTED_COLUMNS = 'Use the columns date, value and (optionally) note, for example "Date,Value,Note".';

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};
const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const DATE_HEADER =
  /^(date|day|week|month|quarter|year|period|time|week (commencing|beginning|ending|starting)|w\/c|w\/e)\b/i;
const VALUE_HEADER =
  /^(value|count|result|total|number|amount|rate|percent|percentage|measure|measurement|score|data)\b/i;
const NOTE_HEADER = /^(note|notes|comment|comments|annotation|annotations|remark|remarks)\b/i;

/** Either a date or why the text is not one. */
type DateRead = { date: string } | { problem: string };

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Two-digit years as Excel reads them: 00–29 are 2000–2029, 30–99 are 1930–1999. */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length > 2) return year;
  return year < 30 ? 2000 + year : 1900 + year;
}

function notADate(text: string): DateRead {
  return {
    problem: `"${text}" is not a date. Write dates day first (05/01/2026 or 5 Jan 2026) or as 2026-01-05`,
  };
}

/** Reads ISO, UK day-first and Excel long dates ("05-Jan-2026", "5 Jan 2026"); month-year ("Jan 2026") is the 1st. */
export function readImportDate(raw: string): DateRead {
  const text = raw.trim();
  if (text === "") return { problem: "The date is missing" };

  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(text);
  if (match) {
    const date = isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
    return date ? { date } : notADate(text);
  }

  match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (match) {
    const [day, month, year] = [Number(match[1]), Number(match[3]), fullYear(match[4] ?? "")];
    if (month > 12 && day <= 12) {
      return {
        problem: `"${text}" looks like a US month-first date. Write dates day first (for example ${String(month).padStart(2, "0")}/${String(day).padStart(2, "0")}/${year}) or as ${isoDate(year, day, month) ?? "YYYY-MM-DD"}`,
      };
    }
    const date = isoDate(year, month, day);
    return date ? { date } : notADate(text);
  }

  match = /^(\d{1,2})[\s-]+([A-Za-z]{3,9})\.?[\s,-]+(\d{2}|\d{4})$/.exec(text);
  if (match) {
    const month = monthNumber(match[2] ?? "");
    const date = month ? isoDate(fullYear(match[3] ?? ""), month, Number(match[1])) : null;
    return date ? { date } : notADate(text);
  }

  match = /^([A-Za-z]{3,9})\.?[\s-]+(\d{2}|\d{4})$/.exec(text);
  if (match) {
    const month = monthNumber(match[1] ?? "");
    const date = month ? isoDate(fullYear(match[2] ?? ""), month, 1) : null;
    return date ? { date } : notADate(text);
  }
  return notADate(text);
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const short = MONTHS[lower];
  if (short) return short;
  const index = MONTH_NAMES.findIndex((full) => full.toLowerCase() === lower);
  return index >= 0 ? index + 1 : null;
}

/** Either a number or why the text is not one. */
type ValueRead = { value: number } | { problem: string };

/**
 * Reads a value: plain numbers, thousands separators ("1,234", properly grouped, not in semicolon files where a comma
 * may be a decimal comma), a trailing % (45% is 45) and a leading £.
 */
export function readImportValue(raw: string, semicolonFile: boolean): ValueRead {
  const text = raw.trim();
  if (text === "") return { problem: "The value is missing" };
  let number = text.replace(/^([-+]?)\s*£\s*/, "$1").replace(/\s*%$/, "");
  if (number.includes(",")) {
    if (semicolonFile || !/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(number)) {
      return {
        problem: `"${text}" is not a number. Write decimals with a full stop (3.5) and leave out thousands separators`,
      };
    }
    number = number.replaceAll(",", "");
  }
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(number)) {
    return { problem: `"${text}" is not a number. Write digits only, for example 42 or 3.5` };
  }
  const value = Number(number);
  if (!Number.isFinite(value)) return { problem: `"${text}" is too large a number` };
  return { value };
}

/** Picks the delimiter of the first non-blank line: tab, else whichever of ";" and "," appears more outside quotes. */
function detectDelimiter(text: string): "\t" | ";" | "," {
  const first = text.split(/\r\n|\n|\r/).find((line) => line.trim() !== "") ?? "";
  let inQuotes = false;
  let commas = 0;
  let semicolons = 0;
  for (const char of first) {
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && char === "\t") return "\t";
    else if (!inQuotes && char === ",") commas += 1;
    else if (!inQuotes && char === ";") semicolons += 1;
  }
  return semicolons > commas ? ";" : ",";
}

/** Column positions of date, value and note. */
interface Columns {
  date: number;
  value: number;
  note: number | null;
}

/** Reads a header row: the columns by name, or null when it lacks a date or value column. */
function headerColumns(cells: string[]): Columns | null {
  let date = -1;
  let value = -1;
  let note: number | null = null;
  cells.forEach((cell, i) => {
    const name = cell.trim();
    if (date < 0 && DATE_HEADER.test(name)) date = i;
    else if (value < 0 && VALUE_HEADER.test(name)) value = i;
    else if (note === null && NOTE_HEADER.test(name)) note = i;
  });
  return date >= 0 && value >= 0 ? { date, value, note } : null;
}

/** Whether a first record is a header rather than data: its first cell is no date and its second no number. */
function looksLikeHeader(cells: string[]): boolean {
  return "problem" in readImportDate(cells[0] ?? "") && "problem" in readImportValue(cells[1] ?? "", false);
}

/** Parses pasted or decoded text (tab-, comma- or semicolon-separated). */
export function parseSeriesText(input: string): SeriesImportResult {
  const text = input.replace(/^\uFEFF/, "");
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // csv-parse's types omit the { record, info } shape that `info: true` gives.
    records = parse(text, {
      delimiter,
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = typeof error === "object" && error && "lines" in error ? Number(error.lines) : 1;
    return {
      rows: [],
      errors: [
        {
          line: Number.isFinite(line) && line > 0 ? line : 1,
          message:
            'The quotation marks on this line do not pair up. Put a field in double quotes only when it holds a comma, and write a quote inside it as two ("")',
        },
      ],
      reordered: false,
    };
  }

  const filled = records.filter((r) => r.record.some((cell) => cell.trim() !== ""));
  const errors: SeriesImportError[] = [];
  let columns: Columns = { date: 0, value: 1, note: 2 };
  let hasHeader = false;
  const first = filled[0];
  if (first && looksLikeHeader(first.record)) {
    const named = headerColumns(first.record);
    if (!named) {
      const found = first.record.map((cell) => cell.trim()).join(", ");
      return {
        rows: [],
        errors: [
          {
            line: first.info.lines,
            message: `The header row has the columns "${found}", which are not the ones expected. ${EXPECTED_COLUMNS}`,
          },
        ],
        reordered: false,
      };
    }
    columns = named;
    hasHeader = true;
  }

  const data = hasHeader ? filled.slice(1) : filled;
  if (data.length > MAX_SERIES_POINTS) {
    return {
      rows: [],
      errors: [
        {
          line: data[MAX_SERIES_POINTS]?.info.lines ?? 1,
          message: `There are ${data.length.toLocaleString("en-GB")} rows of data; import at most ${MAX_SERIES_POINTS.toLocaleString("en-GB")} at a time`,
        },
      ],
      reordered: false,
    };
  }

  const used = new Set([columns.date, columns.value, ...(columns.note === null ? [] : [columns.note])]);
  const rows: SeriesImportRow[] = [];
  const lineOfDate = new Map<string, number>();
  for (const { record, info } of data) {
    // info.lines counts to the record's end; a quoted note may span lines, so count back to where it started.
    const line = info.lines - countLineBreaks(record);
    const extra = record.findIndex((cell, i) => !used.has(i) && cell.trim() !== "");
    if (!hasHeader && extra >= 0) {
      errors.push({
        line,
        message: `Column ${extra + 1} is not expected: each line holds a date, a value and an optional note. Put a note that contains ${delimiterName(delimiter)} in double quotes`,
      });
      continue;
    }
    const dateRead = readImportDate(record[columns.date] ?? "");
    if ("problem" in dateRead) {
      errors.push({ line, message: `Column ${columns.date + 1} (date): ${dateRead.problem}` });
      continue;
    }
    const valueRead = readImportValue(record[columns.value] ?? "", delimiter === ";");
    if ("problem" in valueRead) {
      errors.push({ line, message: `Column ${columns.value + 1} (value): ${valueRead.problem}` });
      continue;
    }
    const note = columns.note === null ? "" : (record[columns.note] ?? "").trim();
    if (note.length > SERIES_NOTE_MAX) {
      errors.push({
        line,
        message: `Column ${(columns.note ?? 0) + 1} (note): the note has ${note.length} characters; shorten it to ${SERIES_NOTE_MAX} or fewer`,
      });
      continue;
    }
    const earlier = lineOfDate.get(dateRead.date);
    if (earlier !== undefined) {
      errors.push({
        line,
        message: `Column ${columns.date + 1} (date): ${dateRead.date} is also on line ${earlier}. Keep one of them`,
      });
      continue;
    }
    lineOfDate.set(dateRead.date, line);
    rows.push({ line, date: dateRead.date, value: valueRead.value, note });
  }

  const reordered = rows.some((row, i) => i > 0 && row.date < (rows[i - 1]?.date ?? ""));
  rows.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line));
  errors.sort((a, b) => a.line - b.line);
  return { rows, errors, reordered };
}

function countLineBreaks(cells: string[]): number {
  let breaks = 0;
  for (const cell of cells) breaks += (cell.match(/\r\n|\n|\r/g) ?? []).length;
  return breaks;
}

function delimiterName(delimiter: "\t" | ";" | ","): string {
  return delimiter === "\t" ? "a tab" : delimiter === ";" ? "a semicolon" : "a comma";
}

/**
 * Parses an uploaded file's bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark (Excel's
 * "Unicode text"), and otherwise Windows-1252 (Excel's default "CSV (Comma delimited)" export).
 */
export function parseSeriesFile(bytes: Uint8Array): SeriesImportResult {
  return parseSeriesText(decodeSeriesBytes(bytes));
}

/** Decodes a file's bytes to text by the rules parseSeriesFile describes. */
export function decodeSeriesBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    // TextDecoder drops a UTF-8 byte-order mark by itself.
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("windows-1252").decode(bytes);
  }
}
