import type {
  AnnotationCreateInput,
  Measure,
  MeasureAnnotation,
  MeasureCreateInput,
  MeasureDetail,
  MeasureList,
  MeasureUpdateInput,
} from "../../../shared/measures.js";
import { type ChartAnnotation, DEFAULT_SPC_RULES } from "../../../shared/spc/types.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { notFound } from "../../platform/errors.js";
import {
  analyseMeasure,
  createMeasureSeriesOperations,
  createMeasureSeriesService,
  groupByMeasure,
  seriesSummary,
  toPoint,
} from "./measure-series.service.js";
import * as repo from "./measures.repository.js";
import { assertCanEdit, loadProjectAccess, type ProjectAccess } from "./project-access.js";

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

function toAnnotation(row: repo.AnnotationRow): MeasureAnnotation {
  return { id: row.id, date: row.observedOn, label: row.label };
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

/** A project's measures: details and chart settings, data points, imports, chart notes and analyses. */
export function createMeasuresService(deps: { db: Db }) {
  const db = deps.db;
  const series = createMeasureSeriesOperations(repo);

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

  /** Adding, changing and deleting values and imports: the project team only; imports audited. */
  const seriesMethods = createMeasureSeriesService(db, repo, {
    async readForEdit(tx, actor, measureId) {
      const { measure, access } = await measureAccess(tx, actor, measureId);
      assertCanEdit(access);
      return measure;
    },
    lockForEdit: async (tx, actor, measureId) => (await lockForEdit(tx, actor, measureId)).measure,
    importAudit: (measure) => ({
      action: "measures.data_imported",
      subjectType: "project_measure",
      details: { projectId: measure.projectId },
    }),
  });

  return {
    /** A project's measures with each one's latest value and summary icons (a constant number of statements). */
    async list(actor: Actor, projectId: string): Promise<MeasureList> {
      const access = await loadProjectAccess(db, projectId, actor);
      const measures = await repo.listMeasures(db, projectId);
      const byMeasure = groupByMeasure(
        await repo.pointsOfMeasures(
          db,
          measures.map((m) => m.id),
        ),
      );
      return {
        project: { id: access.project.id, title: access.project.title },
        myAccess: { canEdit: access.canEdit },
        measures: measures.map((m) => ({ ...toMeasure(m), ...seriesSummary(m, byMeasure.get(m.id) ?? []) })),
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
        await series.assertUnitFits(tx, measure, input.unit);
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

    ...seriesMethods,

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
