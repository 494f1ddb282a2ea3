import { formatCalendarDate } from "../../../shared/dates.js";
import {
  dateProblem,
  type ImportOptions,
  type ImportPreviewResult,
  type ImportRow,
  MEASURE_MAX_POINTS,
  valueProblem,
} from "../../../shared/measures.js";

/** What the series parser (src/shared/spc/series-import.ts) gives: rows it read and the lines it could not. */
export interface ParsedSeries {
  rows: { line: number; date: string; value: number; note: string }[];
  errors: { line: number; message: string }[];
  /** True when the rows were not in date order in the data. */
  reordered?: boolean;
}

/** An import worked out against a measure's existing values: what the page previews and what would be written. */
export interface ImportPlan {
  preview: ImportPreviewResult;
  /** Rows to write (date order), only meaningful when the preview has no errors. */
  writes: { date: string; value: number; note: string }[];
  /** Whether the import would leave the measure over MEASURE_MAX_POINTS values. */
  tooMany: boolean;
}

/**
 * Works out, row by row, what importing parsed rows into a measure would do: new values, values replacing existing
 * ones (old and new shown), and row errors (the parser's, plus dates outside 1990–2100, values the unit cannot hold,
 * dates given twice and, when told to refuse, dates that already have a value). Pure, so it is unit-testable.
 */
export function planImport(
  parsed: ParsedSeries,
  existing: { date: string; value: number }[],
  unit: string,
  options: ImportOptions,
): ImportPlan {
  const existingByDate = new Map(existing.map((p) => [p.date, p.value]));
  // Rows are shown in date order; say so when that is not the order they came in.
  const ordered = [...parsed.rows].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.line - b.line,
  );
  const sorted =
    parsed.reordered === true || ordered.some((row, i) => i > 0 && row.line < (ordered[i - 1]?.line ?? 0));
  const firstLineOfDate = new Map<string, number>();
  const rows: ImportRow[] = [];
  const errors = [...parsed.errors];
  for (const row of ordered) {
    const when = formatCalendarDate(row.date);
    let message = dateProblem(row.date) ?? valueProblem(row.value, unit);
    const earlier = firstLineOfDate.get(row.date);
    if (!message && earlier !== undefined) {
      message = `There is more than one value for ${when} (also on line ${earlier}). Keep one of them`;
    }
    if (earlier === undefined) firstLineOfDate.set(row.date, row.line);
    const old = options.mode === "add" ? existingByDate.get(row.date) : undefined;
    if (!message && old !== undefined && options.onExisting === "refuse") {
      message = `There is already a value for ${when} (${old}). Remove this row, or choose to overwrite existing values`;
    }
    if (message) errors.push({ line: row.line, message });
    rows.push({
      line: row.line,
      date: row.date,
      value: Number.isFinite(row.value) ? row.value : null,
      note: row.note,
      status: message ? "error" : old !== undefined ? "replaces" : "new",
      existingValue: old ?? null,
      message,
    });
  }
  errors.sort((a, b) => a.line - b.line);
  if (parsed.rows.length === 0 && parsed.errors.length === 0) {
    errors.push({ line: 1, message: "There are no values to add. Paste rows with a date and a value" });
  }
  const fresh = rows.filter((r) => r.status === "new").length;
  const replaces = rows.filter((r) => r.status === "replaces").length;
  const removed = options.mode === "replace_all" ? existing.length : 0;
  const totalAfter = options.mode === "replace_all" ? fresh : existing.length + fresh;
  const tooMany = totalAfter > MEASURE_MAX_POINTS;
  const notes: string[] = [];
  if (sorted) notes.push("The rows were not in date order, so they have been put in date order.");
  if (removed > 0) notes.push(`All ${removed} existing values will be removed first.`);
  if (tooMany) {
    notes.push(
      `A measure can hold ${MEASURE_MAX_POINTS.toLocaleString("en-GB")} values at most; this would leave ${totalAfter.toLocaleString("en-GB")}.`,
    );
  }
  return {
    preview: {
      rows,
      errors,
      counts: { rows: rows.length, new: fresh, replaces, errors: errors.length, removed, totalAfter },
      sorted,
      notes,
    },
    writes: rows
      .filter((r) => r.status !== "error")
      .map((r) => ({ date: r.date ?? "", value: r.value ?? 0, note: r.note })),
    tooMany,
  };
}
