import { formatCalendarDate } from "../../../shared/dates.js";
import {
  type ImportOptions,
  type ImportPreviewResult,
  type ImportResult,
  isPercentUnit,
  MEASURE_MAX_POINTS,
  type MeasurePoint,
  type PointCreateInput,
  type PointUpdateInput,
  valueProblem,
} from "../../../shared/measures.js";
import { analyseMeasureSeries } from "../../../shared/spc/measure-series.js";
import { parseSeriesFile, parseSeriesText } from "../../../shared/spc/series-import.js";
import { DEFAULT_SPC_RULES, type ImprovementDirection, type SpcRules } from "../../../shared/spc/types.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { type ImportPlan, type ParsedSeries, planImport } from "./measure-import.js";

/**
 * The data series behind a measure, whichever feature owns it: a project's measures (measure_points) and a programme
 * team's measures (team_measure_points) hold their values the same way, so adding, changing and deleting values and
 * importing them follow one set of rules here. Each feature's repository provides the queries (a
 * {@link MeasureSeriesStore}); each service checks access and locks the measure first, then calls these operations
 * inside its transaction, and records its own audit events.
 */

/** Where imported data comes from: pasted text, or the bytes of an uploaded CSV file. */
export type ImportSource = { text: string } | { bytes: Uint8Array };

/** A stored value of a measure, as both features' tables hold it. */
export interface SeriesPointRow {
  id: string;
  measureId: string;
  observedOn: string;
  value: number;
  note: string;
}

/** The queries on a measure's values that each feature's repository provides (only the table differs). */
export interface MeasureSeriesStore<P extends SeriesPointRow> {
  /** A measure's values in date order. */
  pointsOf(tx: Tx, measureId: string): Promise<P[]>;
  /** One value of a measure; null for another measure's value. */
  getPoint(tx: Tx, measureId: string, pointId: string): Promise<P | null>;
  /** The measure's value on a date, if any. */
  pointOn(tx: Tx, measureId: string, date: string): Promise<P | null>;
  /** How many values a measure holds. */
  countPoints(tx: Tx, measureId: string): Promise<number>;
  /** Adds one value; null when the date already has one. */
  insertPoint(
    tx: Tx,
    values: { measureId: string; observedOn: string; value: number; note: string; createdBy: string },
  ): Promise<P | null>;
  /** Changes one value. */
  updatePoint(
    tx: Tx,
    pointId: string,
    values: Partial<{ observedOn: string; value: number; note: string }>,
  ): Promise<P | null>;
  /** Deletes one value. */
  deletePoint(tx: Tx, pointId: string): Promise<void>;
  /** Deletes every value of a measure; how many went. */
  deleteAllPoints(tx: Tx, measureId: string): Promise<number>;
  /** Writes imported values, replacing the value and note of dates that already have one. */
  upsertPoints(
    tx: Tx,
    measureId: string,
    rows: { date: string; value: number; note: string }[],
    createdBy: string,
  ): Promise<void>;
  /** Bumps a measure's data version after its values changed. */
  bumpDataVersion(tx: Tx, measureId: string): Promise<void>;
}

/** What the series operations need to know of a measure. */
export interface SeriesMeasure {
  id: string;
  unit: string;
}

/** What an import wrote, for the feature's audit event. */
export interface ImportAuditDetails {
  rows: number;
  added: number;
  replaced: number;
  removed: number;
  mode: ImportOptions["mode"];
  source: "pasted" | "file";
}

/** 422 for a value, row or choice the measure cannot have, naming the field. */
export const unprocessable = (
  code: string,
  message: string,
  details: { field?: string; message: string }[],
) => new AppError(422, code, message, details);

const alreadyHasValue = (date: string) =>
  conflict(`There is already a value for ${formatCalendarDate(date)} — change it instead`);

/** 422 unless the value is one a measure with this unit can hold (a "%" unit holds 0–100 only). */
export function assertValue(value: number, unit: string, field: string): void {
  const problem = valueProblem(value, unit);
  if (problem) throw unprocessable("invalid_value", problem, [{ field, message: problem }]);
}

/** A stored value as the API shows it. */
export function toPoint(row: SeriesPointRow): MeasurePoint {
  return { id: row.id, date: row.observedOn, value: row.value, note: row.note };
}

/** Groups values by measure (the rows come ordered by measure and date). */
export function groupByMeasure<P extends SeriesPointRow>(points: P[]): Map<string, P[]> {
  const grouped = new Map<string, P[]>();
  for (const p of points) {
    const list = grouped.get(p.measureId) ?? [];
    list.push(p);
    grouped.set(p.measureId, list);
  }
  return grouped;
}

/** The chart settings an analysis reads: direction, target, rules, a fixed baseline and rebase dates. */
export interface AnalysedMeasure {
  improvementDirection: ImprovementDirection;
  target: number | null;
  rules: Partial<SpcRules>;
  baselineEndOn?: string | null;
  rebaseOn?: string[];
}

/** The analysis of a measure's values with its chart settings; null with no values. */
export function analyseMeasure(measure: AnalysedMeasure, points: { observedOn: string; value: number }[]) {
  return analyseMeasureSeries({
    points: points.map((p) => ({ date: p.observedOn, value: p.value })),
    improvementDirection: measure.improvementDirection,
    target: measure.target,
    rules: { ...DEFAULT_SPC_RULES, ...measure.rules },
    baselineEndOn: measure.baselineEndOn ?? null,
    rebaseOn: measure.rebaseOn ?? [],
  });
}

/** What a measure's list shows beside its details: how many values, the latest one and the summary icons. */
export function seriesSummary(measure: AnalysedMeasure, points: SeriesPointRow[]) {
  const last = points.at(-1);
  return {
    pointCount: points.length,
    latest: last ? toPoint(last) : null,
    summary: analyseMeasure(measure, points)?.summary ?? null,
  };
}

const values = (n: number) => `${n} ${n === 1 ? "value" : "values"}`;

/** What an import did, in a sentence: "24 values added.", "2 values changed.", "3 values added, 1 changed." */
export function importMessage(added: number, replaced: number, removed: number): string {
  const parts = [
    added ? `${values(added)} added` : "",
    replaced ? `${added ? replaced : values(replaced)} changed` : "",
  ];
  const done = parts.filter(Boolean).join(", ") || "Nothing changed";
  return `${done}${removed ? ` (${values(removed)} removed first)` : ""}.`;
}

function parseSource(source: ImportSource): ParsedSeries {
  return "text" in source ? parseSeriesText(source.text) : parseSeriesFile(source.bytes);
}

/** 422 listing every row with a problem, or when the measure would hold too many values. */
function refuseBadImport(result: ImportPlan): void {
  if (result.preview.errors.length > 0) {
    const n = result.preview.errors.length;
    throw unprocessable(
      "import_invalid",
      `${n === 1 ? "1 row has a problem" : `${n} rows have problems`}, so nothing was added. Correct ${n === 1 ? "it" : "them"} and try again.`,
      result.preview.errors.map((e) => ({
        field: `line-${e.line}`,
        message: `Line ${e.line}: ${e.message}`,
      })),
    );
  }
  if (result.tooMany) {
    throw unprocessable("too_many_points", result.preview.notes.at(-1) ?? "There are too many values.", [
      {
        field: "file",
        message: `A measure can hold ${MEASURE_MAX_POINTS.toLocaleString("en-GB")} values at most`,
      },
    ]);
  }
}

/**
 * The rules for a measure's values over one feature's store. Every operation runs in the caller's transaction, after
 * the caller has checked that the actor may change the measure and taken the measure's row lock.
 */
export function createMeasureSeriesOperations<P extends SeriesPointRow>(store: MeasureSeriesStore<P>) {
  /** What importing the data would do, row by row, against the measure's values. */
  async function plan(tx: Tx, measure: SeriesMeasure, source: ImportSource, options: ImportOptions) {
    const existing = await store.pointsOf(tx, measure.id);
    return planImport(
      parseSource(source),
      existing.map((p) => ({ date: p.observedOn, value: p.value })),
      measure.unit,
      options,
    );
  }

  return {
    /** 422 when a change of unit to a percentage would leave values outside 0–100. */
    async assertUnitFits(tx: Tx, measure: SeriesMeasure, unit: string | undefined): Promise<void> {
      if (unit === undefined || !isPercentUnit(unit) || isPercentUnit(measure.unit)) return;
      const over = (await store.pointsOf(tx, measure.id)).find((p) => valueProblem(p.value, unit));
      if (over) {
        throw unprocessable(
          "invalid_unit",
          `The value for ${formatCalendarDate(over.observedOn)} is ${over.value}, which is not a percentage from 0 to 100. Change the value or choose another unit.`,
          [{ field: "unit", message: "Some values are not percentages from 0 to 100" }],
        );
      }
    },

    /** Adds one value; 422 for a value the unit cannot hold or a full measure, 409 when its date has one. */
    async addPoint(
      tx: Tx,
      measure: SeriesMeasure,
      input: PointCreateInput,
      createdBy: string,
    ): Promise<MeasurePoint> {
      assertValue(input.value, measure.unit, "value");
      if ((await store.countPoints(tx, measure.id)) >= MEASURE_MAX_POINTS) {
        throw unprocessable(
          "too_many_points",
          `A measure can hold ${MEASURE_MAX_POINTS.toLocaleString("en-GB")} values at most. Delete some first.`,
          [{ field: "date", message: "This measure already holds as many values as it can" }],
        );
      }
      const row = await store.insertPoint(tx, {
        measureId: measure.id,
        observedOn: input.date,
        value: input.value,
        note: input.note,
        createdBy,
      });
      if (!row) throw alreadyHasValue(input.date);
      await store.bumpDataVersion(tx, measure.id);
      return toPoint(row);
    },

    /** Changes one value, its date or note; 404 for another measure's value, 409 for a date that has one. */
    async updatePoint(
      tx: Tx,
      measure: SeriesMeasure,
      pointId: string,
      input: PointUpdateInput,
    ): Promise<MeasurePoint> {
      const point = await store.getPoint(tx, measure.id, pointId);
      if (!point) throw notFound("The value");
      if (input.value !== undefined) assertValue(input.value, measure.unit, "value");
      if (input.date !== undefined && input.date !== point.observedOn) {
        if (await store.pointOn(tx, measure.id, input.date)) throw alreadyHasValue(input.date);
      }
      const row = await store.updatePoint(tx, pointId, {
        ...(input.date !== undefined ? { observedOn: input.date } : {}),
        ...(input.value !== undefined ? { value: input.value } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
      });
      if (!row) throw notFound("The value");
      await store.bumpDataVersion(tx, measure.id);
      return toPoint(row);
    },

    /** Deletes one value; 404 for another measure's value. */
    async deletePoint(tx: Tx, measureId: string, pointId: string): Promise<void> {
      if (!(await store.getPoint(tx, measureId, pointId))) throw notFound("The value");
      await store.deletePoint(tx, pointId);
      await store.bumpDataVersion(tx, measureId);
    },

    /** What importing pasted or uploaded data would do, row by row; writes nothing. */
    async previewImport(tx: Tx, measure: SeriesMeasure, source: ImportSource, options: ImportOptions) {
      return (await plan(tx, measure, source, options)).preview;
    },

    /**
     * Imports pasted or uploaded data all or nothing (422 listing every row error, or over the most values a measure
     * holds); gives what it did and the details for the feature's audit event.
     */
    async applyImport(
      tx: Tx,
      measure: SeriesMeasure,
      source: ImportSource,
      options: ImportOptions,
      createdBy: string,
    ): Promise<{ result: ImportResult; audit: ImportAuditDetails }> {
      const planned = await plan(tx, measure, source, options);
      refuseBadImport(planned);
      const removed = options.mode === "replace_all" ? await store.deleteAllPoints(tx, measure.id) : 0;
      await store.upsertPoints(tx, measure.id, planned.writes, createdBy);
      await store.bumpDataVersion(tx, measure.id);
      const { counts } = planned.preview;
      return {
        result: {
          added: counts.new,
          replaced: counts.replaces,
          removed,
          pointCount: counts.totalAfter,
          message: importMessage(counts.new, counts.replaces, removed),
        },
        audit: {
          rows: counts.rows,
          added: counts.new,
          replaced: counts.replaces,
          removed,
          mode: options.mode,
          source: "text" in source ? "pasted" : "file",
        },
      };
    },
  };
}

/** How a feature guards its measures and audits their imports, for {@link createMeasureSeriesService}. */
export interface MeasureSeriesAccess<M extends SeriesMeasure> {
  /** The measure, once the actor may change it (the feature's 404 and 403); for previews, which write nothing. */
  readForEdit(tx: Tx, actor: Actor, measureId: string): Promise<M>;
  /** The same, with the measure's row lock taken, so changes to its values run one after another. */
  lockForEdit(tx: Tx, actor: Actor, measureId: string): Promise<M>;
  /** The audit event of an import: its action and subject type, and the measure's owner for its details. */
  importAudit(measure: M): { action: string; subjectType: string; details: Record<string, unknown> };
}

/**
 * The service methods for a measure's values and imports (add, change and delete one value; preview and apply an
 * import), each in its own transaction behind the feature's access checks; imports are audited with the row count.
 */
export function createMeasureSeriesService<M extends SeriesMeasure, P extends SeriesPointRow>(
  db: Db,
  store: MeasureSeriesStore<P>,
  access: MeasureSeriesAccess<M>,
) {
  const series = createMeasureSeriesOperations(store);
  return {
    /** Adds one value; 409 when its date already has one. */
    async addPoint(actor: Actor, measureId: string, input: PointCreateInput): Promise<MeasurePoint> {
      return db.transaction(async (tx) => {
        const measure = await access.lockForEdit(tx, actor, measureId);
        return series.addPoint(tx, measure, input, actor.userId);
      });
    },

    /** Changes one value, its date or note; 404 for another measure's value, 409 for a date that has one. */
    async updatePoint(
      actor: Actor,
      measureId: string,
      pointId: string,
      input: PointUpdateInput,
    ): Promise<MeasurePoint> {
      return db.transaction(async (tx) => {
        const measure = await access.lockForEdit(tx, actor, measureId);
        return series.updatePoint(tx, measure, pointId, input);
      });
    },

    /** Deletes one value; 404 for another measure's value. */
    async deletePoint(actor: Actor, measureId: string, pointId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await access.lockForEdit(tx, actor, measureId);
        await series.deletePoint(tx, measureId, pointId);
      });
    },

    /** What importing pasted or uploaded data would do, row by row; writes nothing. */
    async previewImport(
      actor: Actor,
      measureId: string,
      source: ImportSource,
      options: ImportOptions,
    ): Promise<ImportPreviewResult> {
      const measure = await access.readForEdit(db, actor, measureId);
      return series.previewImport(db, measure, source, options);
    },

    /** Imports pasted or uploaded data all or nothing, in one transaction; audited with the row count. */
    async applyImport(
      actor: Actor,
      context: RequestContext,
      measureId: string,
      source: ImportSource,
      options: ImportOptions,
    ): Promise<ImportResult> {
      return db.transaction(async (tx) => {
        const measure = await access.lockForEdit(tx, actor, measureId);
        const { result, audit } = await series.applyImport(tx, measure, source, options, actor.userId);
        const event = access.importAudit(measure);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: event.action,
          subjectType: event.subjectType,
          subjectId: measureId,
          details: { ...event.details, ...audit },
        });
        return result;
      });
    },
  };
}
