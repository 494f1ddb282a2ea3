/**
 * Reads what a person pastes into the SPC tool: one value per line, or a date and a value per line separated by a tab
 * (as spreadsheets copy), a comma or a semicolon. Every problem names its line, so the error summary can say where.
 */

/** A pasted series read into values (and dates when every line had one), with the line each point came from. */
export interface ParsedSeries {
  values: number[];
  dates: string[] | null;
  /** lines[i] is the 1-based line of the text that point i came from. */
  lines: number[];
}

/** A problem with one line, or with the whole text (line null). */
export interface SeriesProblem {
  line: number | null;
  message: string;
}

/** Most problems listed one by one. */
const MAX_PROBLEMS = 10;

function isoFrom(text: string): string | null {
  const t = text.trim();
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

function numberFrom(text: string): number | null {
  const t = text.trim().replace(/,(?=\d{3}(\D|$))/g, "");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Parses pasted text; returns the series, or the problems found (each naming its line). */
export function parseSeries(text: string): { series: ParsedSeries } | { problems: SeriesProblem[] } {
  const problems: SeriesProblem[] = [];
  const values: number[] = [];
  const dates: (string | null)[] = [];
  const lines: number[] = [];
  const rows = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  rows.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const parts = raw.includes("\t") ? raw.split("\t") : raw.includes(";") ? raw.split(";") : [raw];
    // A comma separates date and value only when the line starts with a date (so "1,234" stays a number).
    const cells =
      parts.length === 1 && /^\s*[\d/-]{8,10}\s*,/.test(raw)
        ? [raw.slice(0, raw.indexOf(",")), raw.slice(raw.indexOf(",") + 1)]
        : parts;
    const filled = cells.map((c) => c.trim()).filter((c) => c !== "");
    if (filled.length > 2) {
      problems.push({
        line,
        message: `Line ${line} has ${filled.length} columns: give a value, or a date and a value.`,
      });
      return;
    }
    if (filled.length === 2) {
      const date = isoFrom(filled[0] ?? "");
      const value = numberFrom(filled[1] ?? "");
      if (!date)
        problems.push({
          line,
          message: `Line ${line}: “${filled[0]}” is not a date. Write dates like 2026-03-02 or 02/03/2026.`,
        });
      if (value === null) problems.push({ line, message: `Line ${line}: “${filled[1]}” is not a number.` });
      if (date && value !== null) {
        dates.push(date);
        values.push(value);
        lines.push(line);
      }
      return;
    }
    const value = numberFrom(filled[0] ?? "");
    if (value === null) {
      problems.push({ line, message: `Line ${line}: “${(filled[0] ?? "").slice(0, 40)}” is not a number.` });
      return;
    }
    dates.push(null);
    values.push(value);
    lines.push(line);
  });
  if (values.length === 0 && problems.length === 0) {
    problems.push({
      line: null,
      message: "Enter your data: one value per line, or a date and a value per line.",
    });
  }
  const withDates = dates.filter((d) => d !== null).length;
  if (problems.length === 0 && withDates > 0 && withDates < dates.length) {
    const index = dates.indexOf(null);
    const line = lines[index] ?? null;
    problems.push({
      line,
      message: `Line ${line}: give a date here too, or leave the dates out on every line.`,
    });
  }
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_PROBLEMS);
    if (problems.length > MAX_PROBLEMS)
      listed.push({ line: null, message: `And ${problems.length - MAX_PROBLEMS} more lines with problems.` });
    return { problems: listed };
  }
  return {
    series: { values, dates: withDates > 0 ? dates.filter((d): d is string => d !== null) : null, lines },
  };
}

/** Reads "4, 13" (point numbers, counted from 1) into zero-based indices; null when something is not a whole number. */
export function parsePointNumbers(text: string): number[] | null {
  const parts = text.split(/[\s,]+/).filter((p) => p !== "");
  const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) - 1 : Number.NaN));
  return numbers.every((n) => Number.isInteger(n) && n >= 0) ? numbers : null;
}
