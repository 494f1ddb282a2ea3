import { formatCalendarDate } from "../../../shared/dates.js";
import {
  type AnnotationCreateInput,
  type ImportOptions,
  type ImportPreviewResult,
  type ImportResult,
  isPercentUnit,
  MEASURE_MAX_POINTS,
  type Measure,
  type MeasureAnnotation,
  type MeasureCreateInput,
  type MeasureDetail,
  type MeasureList,
  type MeasurePoint,
  type MeasureUpdateInput,
  type PointCreateInput,
  type PointUpdateInput,
  valueProblem,
} from "../../../shared/measures.js";
import { analyseMeasureSeries } from "../../../shared/spc/measure-series.js";
import { parseSeriesFile, parseSeriesText } from "../../../shared/spc/series-import.js";
import { type ChartAnnotation, DEFAULT_SPC_RULES } from "../../../shared/spc/types.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { type ImportPlan, type ParsedSeries, planImport } from "./measure-import.js";
import * as repo from "./measures.repository.js";
import { assertCanEdit, loadProjectAccess, type ProjectAccess } from "./project-access.js";

/** Where imported data comes from: pasted text, or the bytes of an uploaded CSV file. */
export type ImportSource = { text: string } | { bytes: Uint8Array };

/** 422 for a value or row the measure cannot hold, naming the field. */
const unprocessable = (code: string, message: string, details: { field?: string; message: string }[]) =>
  new AppError(422, code, message, details);

const alreadyHasValue = (date: string) =>
  conflict(`There is already a value for ${formatCalendarDate(date)} — change it instead`);

function toMeasure(row: repo.MeasureRow): Measure {
  return {
    id: row.id,
    projectId: row.projectId,
    kind: row.kind,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    improvementDirection: row.improvementDirection,
    frequency: row.frequency,
    target: row.target,
    rules: { ...DEFAULT_SPC_RULES, ...row.rules },
    baselineEndOn: row.baselineEndOn,
    rebaseOn: row.rebaseOn,
    position: row.position,
    dataVersion: row.dataVersion,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toPoint(row: repo.PointRow): MeasurePoint {
  return { id: row.id, date: row.observedOn, value: row.value, note: row.note };
}

function toAnnotation(row: repo.AnnotationRow): MeasureAnnotation {
  return { id: row.id, date: row.observedOn, label: row.label };
}

/** The analysis of a measure's points with its chart settings; null with no points. */
export function analyseMeasure(measure: repo.MeasureRow, points: { observedOn: string; value: number }[]) {
  return analyseMeasureSeries({
    points: points.map((p) => ({ date: p.observedOn, value: p.value })),
    improvementDirection: measure.improvementDirection,
    target: measure.target,
    rules: { ...DEFAULT_SPC_RULES, ...measure.rules },
    baselineEndOn: measure.baselineEndOn,
    rebaseOn: measure.rebaseOn,
  });
}

/**
 * What is marked on a measure's time axis, by date: the team's notes, the project's PDSA cycles (by title) and the
 * rebases. Labels are bare: the chart layout prefixes "PDSA: " and "Rebase: " by kind.
 */
export function chartAnnotationsFor(
  measure: { rebaseOn: string[] },
  notes: { observedOn: string; label: string }[],
  cycles: { title: string; startsOn: string }[],
): ChartAnnotation[] {
  const all: ChartAnnotation[] = [
    ...notes.map((n) => ({ date: n.observedOn, label: n.label, kind: "note" as const })),
    ...cycles.map((c) => ({ date: c.startsOn, label: c.title, kind: "pdsa" as const })),
    ...measure.rebaseOn.map((d) => ({ date: d, label: "Limits recalculated", kind: "rebase" as const })),
  ];
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const values = (n: number) => `${n} ${n === 1 ? "value" : "values"}`;

/** What an import did, in a sentence: "24 values added.", "2 values changed.", "3 values added, 1 changed." */
function importMessage(added: number, replaced: number, removed: number): string {
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

/** A project's measures: details and chart settings, data points, imports, chart notes and analyses. */
export function createMeasuresService(deps: { db: Db }) {
  const db = deps.db;

  /** The measure and the actor's access to its project; 404 when either cannot be seen. */
  async function measureAccess(tx: Tx, actor: Actor, measureId: string) {
    const measure = await repo.getMeasure(tx, measureId);
    if (!measure) throw notFound("The measure");
    const access = await loadProjectAccess(tx, measure.projectId, actor);
    return { measure, access };
  }

  /** Locks the measure for a change by its team (after checking who may change it). */
  async function lockForEdit(tx: Tx, actor: Actor, measureId: string) {
    const { access } = await measureAccess(tx, actor, measureId);
    assertCanEdit(access);
    const measure = await repo.lockMeasure(tx, measureId);
    if (!measure) throw notFound("The measure");
    return { measure, access };
  }

  async function plan(tx: Tx, measure: repo.MeasureRow, source: ImportSource, options: ImportOptions) {
    const existing = await repo.pointsOf(tx, measure.id);
    return planImport(
      parseSource(source),
      existing.map((p) => ({ date: p.observedOn, value: p.value })),
      measure.unit,
      options,
    );
  }

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

  return {
    /** A project's measures with each one's latest value and summary icons (a constant number of statements). */
    async list(actor: Actor, projectId: string): Promise<MeasureList> {
      const access = await loadProjectAccess(db, projectId, actor);
      const measures = await repo.listMeasures(db, projectId);
      const points = await repo.pointsOfMeasures(
        db,
        measures.map((m) => m.id),
      );
      const byMeasure = new Map<string, repo.PointRow[]>();
      for (const p of points) {
        const list = byMeasure.get(p.measureId) ?? [];
        list.push(p);
        byMeasure.set(p.measureId, list);
      }
      return {
        project: { id: access.project.id, title: access.project.title },
        myAccess: { canEdit: access.canEdit },
        measures: measures.map((m) => {
          const own = byMeasure.get(m.id) ?? [];
          const last = own.at(-1);
          return {
            ...toMeasure(m),
            pointCount: own.length,
            latest: last ? toPoint(last) : null,
            summary: analyseMeasure(m, own)?.summary ?? null,
          };
        }),
      };
    },

    /** Adds a measure to a project (the team only). */
    async create(actor: Actor, projectId: string, input: MeasureCreateInput): Promise<Measure> {
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        const row = await repo.insertMeasure(tx, {
          projectId,
          kind: input.kind,
          title: input.title,
          definition: input.definition,
          unit: input.unit,
          improvementDirection: input.improvementDirection,
          frequency: input.frequency,
          target: input.target ?? null,
          rules: input.rules ?? DEFAULT_SPC_RULES,
        });
        return toMeasure(row);
      });
    },

    /** A measure with its points, notes, chart annotations and analysis (five statements, whatever its size). */
    async get(actor: Actor, measureId: string): Promise<MeasureDetail> {
      const { measure, access } = await measureAccess(db, actor, measureId);
      const [points, notes, cycles] = await Promise.all([
        repo.pointsOf(db, measureId),
        repo.annotationsOf(db, measureId),
        repo.pdsaCyclesOf(db, measure.projectId),
      ]);
      return detail(measure, access, points, notes, cycles);
    },

    /** Changes a measure's details or chart settings (the team only); the data version goes up. */
    async update(actor: Actor, measureId: string, input: MeasureUpdateInput): Promise<Measure> {
      return db.transaction(async (tx) => {
        const { measure } = await lockForEdit(tx, actor, measureId);
        if (input.unit !== undefined && isPercentUnit(input.unit) && !isPercentUnit(measure.unit)) {
          const over = (await repo.pointsOf(tx, measureId)).find((p) =>
            valueProblem(p.value, input.unit ?? ""),
          );
          if (over) {
            throw unprocessable(
              "invalid_unit",
              `The value for ${formatCalendarDate(over.observedOn)} is ${over.value}, which is not a percentage from 0 to 100. Change the value or choose another unit.`,
              [{ field: "unit", message: "Some values are not percentages from 0 to 100" }],
            );
          }
        }
        const row = await repo.updateMeasure(tx, measureId, {
          ...input,
          ...(input.rebaseOn ? { rebaseOn: [...input.rebaseOn].sort() } : {}),
        });
        if (!row) throw notFound("The measure");
        return toMeasure(row);
      });
    },

    /** Deletes a measure with its data and notes (the team only); audited. */
    async remove(actor: Actor, context: RequestContext, measureId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { measure } = await lockForEdit(tx, actor, measureId);
        const count = await repo.countPoints(tx, measureId);
        await repo.deleteMeasure(tx, measureId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "measures.deleted",
          subjectType: "project_measure",
          subjectId: measureId,
          details: { projectId: measure.projectId, title: measure.title, rows: count },
        });
      });
    },

    /** Adds one value; 409 when its date already has one. */
    async addPoint(actor: Actor, measureId: string, input: PointCreateInput): Promise<MeasurePoint> {
      return db.transaction(async (tx) => {
        const { measure } = await lockForEdit(tx, actor, measureId);
        const problem = valueProblem(input.value, measure.unit);
        if (problem) throw unprocessable("invalid_value", problem, [{ field: "value", message: problem }]);
        if ((await repo.countPoints(tx, measureId)) >= MEASURE_MAX_POINTS) {
          throw unprocessable(
            "too_many_points",
            `A measure can hold ${MEASURE_MAX_POINTS.toLocaleString("en-GB")} values at most. Delete some first.`,
            [{ field: "date", message: "This measure already holds as many values as it can" }],
          );
        }
        const row = await repo.insertPoint(tx, {
          measureId,
          observedOn: input.date,
          value: input.value,
          note: input.note,
          createdBy: actor.userId,
        });
        if (!row) throw alreadyHasValue(input.date);
        await repo.bumpDataVersion(tx, measureId);
        return toPoint(row);
      });
    },

    /** Changes one value, its date or note; 404 for another measure's point, 409 for a date that has a value. */
    async updatePoint(
      actor: Actor,
      measureId: string,
      pointId: string,
      input: PointUpdateInput,
    ): Promise<MeasurePoint> {
      return db.transaction(async (tx) => {
        const { measure } = await lockForEdit(tx, actor, measureId);
        const point = await repo.getPoint(tx, measureId, pointId);
        if (!point) throw notFound("The value");
        if (input.value !== undefined) {
          const problem = valueProblem(input.value, measure.unit);
          if (problem) throw unprocessable("invalid_value", problem, [{ field: "value", message: problem }]);
        }
        if (input.date !== undefined && input.date !== point.observedOn) {
          if (await repo.pointOn(tx, measureId, input.date)) throw alreadyHasValue(input.date);
        }
        const row = await repo.updatePoint(tx, pointId, {
          ...(input.date !== undefined ? { observedOn: input.date } : {}),
          ...(input.value !== undefined ? { value: input.value } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
        });
        if (!row) throw notFound("The value");
        await repo.bumpDataVersion(tx, measureId);
        return toPoint(row);
      });
    },

    /** Deletes one value; 404 for another measure's point. */
    async deletePoint(actor: Actor, measureId: string, pointId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await lockForEdit(tx, actor, measureId);
        const point = await repo.getPoint(tx, measureId, pointId);
        if (!point) throw notFound("The value");
        await repo.deletePoint(tx, pointId);
        await repo.bumpDataVersion(tx, measureId);
      });
    },

    /** What importing pasted or uploaded data would do, row by row; writes nothing. */
    async previewImport(
      actor: Actor,
      measureId: string,
      source: ImportSource,
      options: ImportOptions,
    ): Promise<ImportPreviewResult> {
      const { measure, access } = await measureAccess(db, actor, measureId);
      assertCanEdit(access);
      return (await plan(db, measure, source, options)).preview;
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
        const { measure } = await lockForEdit(tx, actor, measureId);
        const result = await plan(tx, measure, source, options);
        refuseBadImport(result);
        const removed = options.mode === "replace_all" ? await repo.deleteAllPoints(tx, measureId) : 0;
        await repo.upsertPoints(tx, measureId, result.writes, actor.userId);
        await repo.bumpDataVersion(tx, measureId);
        const { counts } = result.preview;
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "measures.data_imported",
          subjectType: "project_measure",
          subjectId: measureId,
          details: {
            projectId: measure.projectId,
            rows: counts.rows,
            added: counts.new,
            replaced: counts.replaces,
            removed,
            mode: options.mode,
            source: "text" in source ? "pasted" : "file",
          },
        });
        const added = counts.new;
        return {
          added,
          replaced: counts.replaces,
          removed,
          pointCount: counts.totalAfter,
          message: importMessage(added, counts.replaces, removed),
        };
      });
    },

    /** Adds a note to the measure's chart. */
    async addAnnotation(
      actor: Actor,
      measureId: string,
      input: AnnotationCreateInput,
    ): Promise<MeasureAnnotation> {
      return db.transaction(async (tx) => {
        await lockForEdit(tx, actor, measureId);
        const row = await repo.insertAnnotation(tx, {
          measureId,
          observedOn: input.date,
          label: input.label,
          createdBy: actor.userId,
        });
        await repo.bumpDataVersion(tx, measureId);
        return toAnnotation(row);
      });
    },

    /** Removes a note from the chart; 404 for another measure's note. */
    async deleteAnnotation(actor: Actor, measureId: string, annotationId: string): Promise<void> {
      await db.transaction(async (tx) => {
        await lockForEdit(tx, actor, measureId);
        if (!(await repo.deleteAnnotation(tx, measureId, annotationId))) throw notFound("The note");
        await repo.bumpDataVersion(tx, measureId);
      });
    },
  };
}

function detail(
  measure: repo.MeasureRow,
  access: ProjectAccess,
  points: repo.PointRow[],
  notes: repo.AnnotationRow[],
  cycles: { title: string; startsOn: string }[],
): MeasureDetail {
  return {
    measure: toMeasure(measure),
    project: { id: access.project.id, title: access.project.title },
    points: points.map(toPoint),
    annotations: notes.map(toAnnotation),
    chartAnnotations: chartAnnotationsFor(measure, notes, cycles),
    analysis: analyseMeasure(measure, points),
    myAccess: { canEdit: access.canEdit },
  };
}
