import { parse } from "csv-parse/sync";
import {
  IMPORT_LIMITS,
  ODS_CODE_PATTERN,
  ORGANISATION_TYPE_LABELS,
  ORGANISATION_TYPES,
  type OrganisationImportReport,
  type OrganisationType,
  parentTypeProblem,
  parseOrganisationType,
} from "../../../shared/organisations.js";
import { AppError } from "../../platform/errors.js";

/** An organisation already in the directory, as the import sees it. */
export interface DirectoryEntry {
  id: string;
  name: string;
  odsCode: string | null;
  type: OrganisationType;
  parentId: string | null;
}

/** A valid row to create or update, with everything the apply step needs. */
export interface PlannedRow {
  row: number;
  odsCode: string;
  name: string;
  type: OrganisationType;
  parentCode: string | null;
  /** Set for rows that update an existing organisation. */
  existingId: string | null;
  /** Distance from the top of the hierarchy once applied: creates are inserted shallowest first. */
  depth: number;
}

/** What an import would do: the report people read and the rows to write. */
export interface ImportPlan {
  report: Omit<OrganisationImportReport, "dryRun" | "applied">;
  create: PlannedRow[];
  update: PlannedRow[];
}

type Column = "odsCode" | "name" | "type" | "parentCode";
const COLUMN_NAMES: Record<string, Column> = {
  odscode: "odsCode",
  ods: "odsCode",
  code: "odsCode",
  organisationcode: "odsCode",
  name: "name",
  organisationname: "name",
  type: "type",
  organisationtype: "type",
  parentcode: "parentCode",
  parentodscode: "parentCode",
  parent: "parentCode",
};
const COLUMN_LABELS: Record<Column, string> = {
  odsCode: "ODS code",
  name: "name",
  type: "type",
  parentCode: "parent code",
};
const TYPES_IN_WORDS = ORGANISATION_TYPES.map((t) => `${t} (${ORGANISATION_TYPE_LABELS[t]})`).join(", ");

const badFile = (message: string, details?: Array<{ field?: string; message: string }>) =>
  new AppError(400, "invalid_csv", message, details);

interface ParsedRow {
  row: number;
  values: Partial<Record<Column, string>>;
  width: number;
}

/** Reads the CSV text: a heading row naming the columns (in any order), then one organisation per row. */
function readRows(text: string): { rows: ParsedRow[]; headerWidth: number } {
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
    throw badFile(
      `The file is not valid CSV (${reason}). Save it from your spreadsheet as "CSV UTF-8" and try again.`,
    );
  }
  const [header, ...data] = records;
  if (!header)
    throw badFile(
      "The file is empty. The first row must be the headings: ODS code, name, type, parent code.",
    );
  if (data.length > IMPORT_LIMITS.rows)
    throw badFile(
      `The file has ${data.length.toLocaleString("en-GB")} rows; import at most ${IMPORT_LIMITS.rows.toLocaleString("en-GB")} at a time by splitting it into smaller files.`,
    );
  const columns = header.record.map((name) => COLUMN_NAMES[name.toLowerCase().replace(/[^a-z]/g, "")]);
  const missing = (["odsCode", "name", "type", "parentCode"] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    const names = missing.map((c) => `"${COLUMN_LABELS[c]}"`).join(", ");
    throw badFile(
      `The file has no ${names} column${missing.length > 1 ? "s" : ""}. The first row must be the headings: ODS code, name, type, parent code.`,
      missing.map((c) => ({ field: c, message: `Add a "${COLUMN_LABELS[c]}" column` })),
    );
  }
  const rows = data.map(({ record, info }) => {
    const values: Partial<Record<Column, string>> = {};
    record.forEach((cell, index) => {
      const column = columns[index];
      if (column && values[column] === undefined) values[column] = cell;
    });
    return { row: info.lines, values, width: record.length };
  });
  return { rows, headerWidth: header.record.length };
}

/** The key an organisation goes by while checking: its ODS code, or its id when it has none. */
const keyOf = (entry: DirectoryEntry) => entry.odsCode ?? `#${entry.id}`;

/**
 * Checks a CSV import against the directory and works out what it would change. Every problem on every row is
 * listed; the plan is only applied when there are none. Parents may come after their children in the file.
 */
export function planImport(text: string, directory: DirectoryEntry[]): ImportPlan {
  const { rows, headerWidth } = readRows(text);
  const byId = new Map(directory.map((d) => [d.id, d]));
  const byCode = new Map(directory.filter((d) => d.odsCode).map((d) => [d.odsCode as string, d]));
  const problems = new Map<number, string[]>();
  const problem = (row: number, message: string) => {
    const list = problems.get(row) ?? [];
    list.push(message);
    problems.set(row, list);
  };

  // First pass: each row on its own.
  interface Candidate {
    row: number;
    odsCode: string;
    name: string;
    type: OrganisationType | null;
    parentCode: string | null;
  }
  const candidates: Candidate[] = [];
  const rowsByCode = new Map<string, number[]>();
  for (const { row, values, width } of rows) {
    if (width < headerWidth)
      problem(
        row,
        `This row has ${width} values but the heading row has ${headerWidth}: fill in every column`,
      );
    const odsCode = (values.odsCode ?? "").toUpperCase();
    const name = values.name ?? "";
    const rawType = values.type ?? "";
    const parentCode = (values.parentCode ?? "").toUpperCase() || null;
    if (!odsCode) problem(row, "Enter the ODS code");
    else if (!ODS_CODE_PATTERN.test(odsCode))
      problem(row, `ODS code "${values.odsCode}" is not valid: use 2 to 10 letters and numbers, like RX1`);
    if (!name) problem(row, "Enter the organisation's name");
    else if (name.length > 200) problem(row, "The name is longer than 200 characters: shorten it");
    let type: OrganisationType | null = null;
    if (!rawType) problem(row, `Enter the type: one of ${TYPES_IN_WORDS}`);
    else {
      type = parseOrganisationType(rawType);
      if (!type) problem(row, `Type "${rawType}" is not known: use one of ${TYPES_IN_WORDS}`);
    }
    if (parentCode && !ODS_CODE_PATTERN.test(parentCode))
      problem(row, `Parent code "${values.parentCode}" is not a valid ODS code`);
    if (odsCode && parentCode === odsCode) problem(row, `${odsCode} cannot be its own parent`);
    if (odsCode) rowsByCode.set(odsCode, [...(rowsByCode.get(odsCode) ?? []), row]);
    candidates.push({ row, odsCode, name, type, parentCode });
  }
  for (const [code, lines] of rowsByCode) {
    if (lines.length < 2) continue;
    for (const line of lines) {
      const others = lines.filter((l) => l !== line).join(", ");
      problem(
        line,
        `ODS code ${code} appears more than once in the file (also on row${others.includes(",") ? "s" : ""} ${others}): keep one row per organisation`,
      );
    }
  }

  // The hierarchy as it would be after the import: file rows override the directory.
  const fileRows = new Map(
    candidates.filter((c) => c.odsCode && rowsByCode.get(c.odsCode)?.length === 1).map((c) => [c.odsCode, c]),
  );
  const parentKeyOf = (key: string): string | null => {
    const fromFile = fileRows.get(key);
    if (fromFile) return fromFile.parentCode;
    const existing = key.startsWith("#") ? byId.get(key.slice(1)) : byCode.get(key);
    if (!existing?.parentId) return null;
    const parentEntry = byId.get(existing.parentId);
    return parentEntry ? keyOf(parentEntry) : null;
  };
  const typeOfKey = (key: string): OrganisationType | null => {
    const fromFile = fileRows.get(key);
    if (fromFile) return fromFile.type;
    return (key.startsWith("#") ? byId.get(key.slice(1)) : byCode.get(key))?.type ?? null;
  };

  // Second pass: parents, cycles and what each parent may hold.
  const depthOf = new Map<string, number>();
  for (const candidate of candidates) {
    const { row, odsCode, parentCode, type } = candidate;
    if (!odsCode) continue;
    if (parentCode && parentCode !== odsCode && !rowsByCode.has(parentCode) && !byCode.has(parentCode)) {
      problem(
        row,
        `Parent code ${parentCode} is neither in the file nor in the directory: add a row for it, or correct the code`,
      );
      continue;
    }
    // Rows whose code, or whose parent's code, is on several rows are checked again once the duplicates are fixed.
    if (!fileRows.has(odsCode)) continue;
    if (parentCode && (rowsByCode.get(parentCode)?.length ?? 0) > 1) continue;
    // Walk up from this row; coming back to it is a cycle.
    const path = [odsCode];
    let cursor = parentCode;
    let cycle = false;
    while (cursor) {
      if (cursor === odsCode) {
        cycle = true;
        break;
      }
      if (path.includes(cursor) || path.length > 60) break; // a cycle further up: reported on its own rows
      path.push(cursor);
      cursor = parentKeyOf(cursor);
    }
    if (cycle) {
      if (parentCode !== odsCode)
        problem(
          row,
          `The parent codes go round in a circle (${[...path, odsCode].join(" → ")}): an organisation cannot sit below itself`,
        );
      continue;
    }
    depthOf.set(odsCode, path.length - 1);
    if (type) {
      const parentType = parentCode ? typeOfKey(parentCode) : null;
      if (!parentCode || parentType) {
        const message = parentTypeProblem(type, parentType);
        if (message) problem(row, `${message} (parent code ${parentCode ?? "empty"})`);
      }
    }
    // Existing children that stay under this organisation must still fit its (possibly new) type.
    const existing = byCode.get(odsCode);
    if (existing && type && type !== existing.type) {
      const misfits = directory.filter(
        (d) =>
          d.parentId === existing.id &&
          parentKeyOf(keyOf(d)) === odsCode &&
          parentTypeProblem(typeOfKey(keyOf(d)) ?? d.type, type) !== null,
      );
      if (misfits.length > 0)
        problem(
          row,
          `A ${ORGANISATION_TYPE_LABELS[type].toLowerCase()} cannot hold what is already below ${odsCode} (${misfits
            .slice(0, 3)
            .map((m) => m.name)
            .join(", ")}${misfits.length > 3 ? ", …" : ""}): move those first or keep the type`,
        );
    }
  }

  // Sort the rows into what would change.
  const report: ImportPlan["report"] = {
    valid: problems.size === 0,
    counts: { rows: candidates.length, create: 0, update: 0, unchanged: 0, invalid: problems.size },
    create: [],
    update: [],
    unchanged: [],
    invalid: [],
  };
  const create: PlannedRow[] = [];
  const update: PlannedRow[] = [];
  for (const candidate of candidates) {
    const rowProblems = problems.get(candidate.row);
    if (rowProblems || !candidate.type) {
      report.invalid.push({
        row: candidate.row,
        odsCode: candidate.odsCode || null,
        problems: rowProblems ?? [],
      });
      continue;
    }
    const shown = {
      row: candidate.row,
      odsCode: candidate.odsCode,
      name: candidate.name,
      type: candidate.type,
      parentCode: candidate.parentCode,
    };
    const existing = byCode.get(candidate.odsCode);
    const planned: PlannedRow = {
      ...shown,
      existingId: existing?.id ?? null,
      depth: depthOf.get(candidate.odsCode) ?? 0,
    };
    if (!existing) {
      report.create.push(shown);
      create.push(planned);
      continue;
    }
    const existingParent = existing.parentId ? byId.get(existing.parentId) : undefined;
    const existingParentCode = existingParent ? (existingParent.odsCode ?? existingParent.name) : null;
    const changes: OrganisationImportReport["update"][number]["changes"] = [];
    if (existing.name !== candidate.name)
      changes.push({ field: "name", before: existing.name, after: candidate.name });
    if (existing.type !== candidate.type)
      changes.push({ field: "type", before: existing.type, after: candidate.type });
    if (
      (existingParent?.odsCode ?? (existingParent ? `#${existingParent.id}` : null)) !== candidate.parentCode
    )
      changes.push({ field: "parentCode", before: existingParentCode, after: candidate.parentCode });
    if (changes.length === 0) {
      report.unchanged.push(shown);
    } else {
      report.update.push({ ...shown, id: existing.id, changes });
      update.push(planned);
    }
  }
  report.counts.create = report.create.length;
  report.counts.update = report.update.length;
  report.counts.unchanged = report.unchanged.length;
  report.invalid.sort((a, b) => a.row - b.row);
  create.sort((a, b) => a.depth - b.depth);
  return { report, create, update };
}
