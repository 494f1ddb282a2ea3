/**
 * Progress CSV imports: reading the file (headings in any order, any case) and working out, row by row, what each row
 * would do with the same rules as a single status change. Pure, so it is unit-testable with "today" passed in.
 */
import { parse } from "csv-parse/sync";
import { MODULE_STATUS_LABELS, MODULE_STATUSES, type ModuleStatus } from "../../../shared/implementation.js";
import {
  isRealIsoDate,
  MODULE_NOTES_MAX,
  PROGRESS_IMPORT_MAX_ROWS,
  type ProgressImportResult,
  type ProgressImportRow,
} from "../../../shared/implementation-house.js";
import {
  listInWords,
  normaliseStatusDates,
  outOfOrderWarning,
  type RuleModule,
  type RuleProgress,
  statusDateProblems,
} from "./house.rules.js";

/** The columns a progress CSV may have. */
export const PROGRESS_COLUMNS = [
  "team",
  "module",
  "status",
  "started",
  "completed",
  "sustainingFrom",
  "notes",
] as const;
/** One of PROGRESS_COLUMNS. */
export type ProgressColumn = (typeof PROGRESS_COLUMNS)[number];

const HEADINGS: Record<string, ProgressColumn> = {
  team: "team",
  "team name": "team",
  module: "module",
  "module title": "module",
  "module name": "module",
  status: "status",
  started: "started",
  "started on": "started",
  start: "started",
  "start date": "started",
  "date started": "started",
  completed: "completed",
  "completed on": "completed",
  "completion date": "completed",
  "date completed": "completed",
  "sustaining from": "sustainingFrom",
  sustaining: "sustainingFrom",
  "sustaining since": "sustainingFrom",
  sustainingfrom: "sustainingFrom",
  notes: "notes",
  note: "notes",
};
const REQUIRED: ProgressColumn[] = ["team", "module", "status"];
const HEADINGS_IN_WORDS = "team, module, status, started, completed, sustaining from, notes";

/** One data row of the file, by column. */
export interface ProgressRecord {
  line: number;
  values: Partial<Record<ProgressColumn, string>>;
}

/** The file read into rows, or what is wrong with the file as a whole. */
export type ParsedProgressCsv = { ok: true; records: ProgressRecord[] } | { ok: false; message: string };

const normalise = (text: string) => text.trim().toLowerCase().replace(/[_-]+/g, " ").replace(/\s+/g, " ");

/** Reads a progress CSV: a heading row (any order, any case), then one row per team and module. */
export function parseProgressCsv(text: string): ParsedProgressCsv {
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // with info: true each record comes as { record, info }; csv-parse's types do not follow the option
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const reason = error instanceof Error ? error.message : "it could not be read";
    return {
      ok: false,
      message: `The CSV could not be read (${reason}). Save it from your spreadsheet as "CSV UTF-8" and try again.`,
    };
  }
  const [header, ...data] = records;
  if (!header) {
    return {
      ok: false,
      message: `The CSV is empty. The first row must be the headings: ${HEADINGS_IN_WORDS}.`,
    };
  }
  const columns = header.record.map((h) => HEADINGS[normalise(h)] ?? null);
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The first row must be the headings, with at least ${listInWords(REQUIRED)}; ${listInWords(missing)} ${missing.length === 1 ? "is" : "are"} missing. The headings can be: ${HEADINGS_IN_WORDS}.`,
    };
  }
  const rows = data.filter((r) => r.record.some((cell) => cell !== ""));
  if (rows.length === 0) {
    return { ok: false, message: "There are no rows under the headings. Add one row per team and module." };
  }
  if (rows.length > PROGRESS_IMPORT_MAX_ROWS) {
    return {
      ok: false,
      message: `The CSV has ${rows.length.toLocaleString("en-GB")} rows; import at most ${PROGRESS_IMPORT_MAX_ROWS.toLocaleString("en-GB")} at a time by splitting it into smaller files.`,
    };
  }
  return {
    ok: true,
    records: rows.map((r) => {
      const values: Partial<Record<ProgressColumn, string>> = {};
      for (const [index, column] of columns.entries()) {
        if (column && values[column] === undefined) values[column] = r.record[index] ?? "";
      }
      return { line: r.info.lines, values };
    }),
  };
}

/** A date cell as YYYY-MM-DD: ISO, or UK day-first like 02/03/2026 (or 2/3/2026, 02-03-2026, 02.03.2026). */
export function parseImportDate(text: string): string | null {
  const value = text.trim();
  if (isRealIsoDate(value)) return value;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (!m) return null;
  const iso = `${m[3]}-${(m[2] ?? "").padStart(2, "0")}-${(m[1] ?? "").padStart(2, "0")}`;
  return isRealIsoDate(iso) ? iso : null;
}

/** A status cell by code ("in_progress") or label ("In progress"), in any case; "completed" is taken as complete. */
export function parseImportStatus(text: string): ModuleStatus | null {
  const value = normalise(text);
  if (value === "completed") return "complete";
  return (
    MODULE_STATUSES.find((s) => normalise(s) === value || normalise(MODULE_STATUS_LABELS[s]) === value) ??
    null
  );
}

/** A team's status on a module as the import sees it. */
export interface ExistingProgress extends RuleProgress {
  notes: string;
}

/** What the import is checked against. */
export interface ProgressImportContext {
  today: string;
  teams: ReadonlyArray<{ id: string; name: string; startedOn: string }>;
  modules: readonly RuleModule[];
  /** Existing statuses by team id, then module id. */
  existing: ReadonlyMap<string, ReadonlyMap<string, ExistingProgress>>;
  /** Whether the actor may change the team (its leader or a programme lead). */
  canEditTeam: (teamId: string) => boolean;
}

/** One status to write. */
export interface ProgressWrite extends ExistingProgress {
  teamId: string;
  moduleId: string;
  line: number;
}

/** A worked-out import: the result to show and, when it has no errors, what to write. */
export interface ProgressImportPlan {
  result: Omit<ProgressImportResult, "applied" | "message">;
  writes: ProgressWrite[];
}

const quoted = (text: string) => `'${text}'`;
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
/** The column each status field comes from, and its heading in words. */
const COLUMN_OF: Record<string, ProgressColumn> = {
  startedOn: "started",
  completedOn: "completed",
  sustainingFrom: "sustainingFrom",
};
const COLUMN_WORDS: Record<ProgressColumn, string> = {
  team: "team",
  module: "module",
  status: "status",
  started: "started",
  completed: "completed",
  sustainingFrom: "sustaining from",
  notes: "notes",
};

/**
 * Checks each row as a status change would be checked: a known team (that the actor may change) and module, a known
 * status, real dates that fit the status, one row per team and module. Out-of-order warnings are worked out against
 * the statuses as they would be after the whole import.
 */
export function planProgressImport(
  records: readonly ProgressRecord[],
  context: ProgressImportContext,
): ProgressImportPlan {
  const teamsByName = new Map(context.teams.map((t) => [normalise(t.name), t]));
  const modulesByTitle = new Map(context.modules.map((m) => [normalise(m.title), m]));
  const teamNames = listInWords(context.teams.map((t) => t.name));
  const moduleNames = listInWords(context.modules.map((m) => m.title));
  const statusNames = listInWords(MODULE_STATUSES.map((s) => MODULE_STATUS_LABELS[s]));
  const firstLine = new Map<string, number>();
  const checked: Array<{ row: ProgressImportRow; write: ProgressWrite | null }> = [];

  for (const record of records) {
    const cell = (c: ProgressColumn) => (record.values[c] ?? "").trim();
    const errors: string[] = [];
    const unreadable = new Set<ProgressColumn>();
    const teamName = cell("team");
    const moduleTitle = cell("module");
    const team = teamsByName.get(normalise(teamName));
    const module = modulesByTitle.get(normalise(moduleTitle));
    if (!teamName) errors.push("The team is blank. Enter the team's name as it is on the registration");
    else if (!team) errors.push(`There is no team called ${quoted(teamName)} — teams are: ${teamNames}`);
    else if (!context.canEditTeam(team.id))
      errors.push(`You can only import rows for your own team, not ${team.name}`);
    if (!moduleTitle) errors.push("The module is blank. Enter the module's title");
    else if (!module)
      errors.push(
        `There is no module called ${quoted(moduleTitle)} in this house — modules are: ${moduleNames}`,
      );
    const statusText = cell("status");
    const status = statusText ? parseImportStatus(statusText) : null;
    if (!statusText) errors.push(`The status is blank. Enter one of: ${statusNames}`);
    else if (!status)
      errors.push(`The status ${quoted(statusText)} is not known. Enter one of: ${statusNames}`);
    const date = (column: ProgressColumn, label: string) => {
      const text = cell(column);
      if (!text) return null;
      const parsed = parseImportDate(text);
      if (!parsed) unreadable.add(column);
      if (!parsed)
        errors.push(
          `The ${label} date ${quoted(text)} is not a real date. Write it like 02/03/2026 or 2026-03-02`,
        );
      return parsed;
    };
    const startedOn = date("started", "started");
    const completedOn = date("completed", "completed");
    const sustainingFrom = date("sustainingFrom", "sustaining from");
    const notesCell = record.values.notes ?? "";
    if (notesCell.length > MODULE_NOTES_MAX)
      errors.push(`The notes must be ${MODULE_NOTES_MAX.toLocaleString("en-GB")} characters or fewer`);
    const existing = team && module ? context.existing.get(team.id)?.get(module.id) : undefined;
    // A blank notes cell keeps the notes already recorded.
    const notes = notesCell.trim() === "" ? (existing?.notes ?? "") : notesCell.trim();
    let write: ProgressWrite | null = null;
    if (team && module) {
      const key = `${team.id}:${module.id}`;
      const earlier = firstLine.get(key);
      if (earlier !== undefined)
        errors.push(`${team.name} and ${module.title} are already on line ${earlier}. Keep one row for them`);
      else firstLine.set(key, record.line);
    }
    if (team && status) {
      const normalised = normaliseStatusDates({ status, startedOn, completedOn, sustainingFrom });
      for (const problem of statusDateProblems(normalised, { today: context.today, team })) {
        const column = COLUMN_OF[problem.field ?? ""];
        if (column && unreadable.has(column)) continue;
        const blank = column !== undefined && cell(column) === "";
        errors.push(blank ? `${problem.message} in the ${COLUMN_WORDS[column]} column` : problem.message);
      }
      if (module && errors.length === 0) {
        write = { teamId: team.id, moduleId: module.id, line: record.line, ...normalised, notes };
      }
    }
    const base = status
      ? normaliseStatusDates({ status, startedOn, completedOn, sustainingFrom })
      : { startedOn, completedOn, sustainingFrom };
    const outcome: ProgressImportRow["outcome"] =
      errors.length > 0 ? "error" : !existing ? "new" : same(existing, write) ? "unchanged" : "changed";
    checked.push({
      row: {
        line: record.line,
        team: team?.name ?? teamName,
        module: module?.title ?? moduleTitle,
        status,
        startedOn: base.startedOn,
        completedOn: base.completedOn,
        sustainingFrom: base.sustainingFrom,
        notes,
        outcome,
        errors,
        warnings: [],
      },
      write,
    });
  }

  // Warnings against each team's statuses as they would be after the import.
  const after = new Map<string, Map<string, RuleProgress>>();
  for (const team of context.teams) after.set(team.id, new Map(context.existing.get(team.id) ?? []));
  for (const { write } of checked) if (write) after.get(write.teamId)?.set(write.moduleId, write);
  for (const { row, write } of checked) {
    if (!write) continue;
    const warning = outOfOrderWarning(
      context.modules,
      after.get(write.teamId) ?? new Map(),
      write.moduleId,
      write.status,
    );
    if (warning) row.warnings.push(warning);
  }

  const rows = checked.map((c) => c.row);
  const errors = rows.flatMap((row) =>
    row.errors.map((message) => ({ line: row.line, message: `Line ${row.line}: ${lowerFirst(message)}` })),
  );
  return {
    result: {
      rows,
      errors,
      counts: {
        rows: rows.length,
        new: rows.filter((r) => r.outcome === "new").length,
        changed: rows.filter((r) => r.outcome === "changed").length,
        unchanged: rows.filter((r) => r.outcome === "unchanged").length,
        errors: rows.filter((r) => r.outcome === "error").length,
      },
    },
    writes: checked
      .filter((c) => c.write !== null && c.row.outcome !== "unchanged")
      .flatMap((c) => (c.write ? [c.write] : [])),
  };
}

function same(existing: ExistingProgress, write: ProgressWrite | null): boolean {
  if (!write) return false;
  return (
    existing.status === write.status &&
    existing.startedOn === write.startedOn &&
    existing.completedOn === write.completedOn &&
    existing.sustainingFrom === write.sustainingFrom &&
    existing.notes === write.notes
  );
}
