import {
  type CaseStudyChart,
  type CaseStudyDocument,
  CaseStudyDocumentSchema,
  type CaseStudyDriverNode,
} from "../../../shared/case-study.js";
import { CASE_STUDY_SECTIONS, type CaseStudySection } from "../../../shared/projects.js";
import { analyseMeasureSeries } from "../../../shared/spc/measure-series.js";
import type { ChartAnnotation } from "../../../shared/spc/types.js";
import type { Tx } from "../../platform/db.js";
import { notFound } from "../../platform/errors.js";
import * as repo from "./case-study-document.repository.js";

type MeasureRow = Awaited<ReturnType<typeof repo.listProjectMeasures>>[number];

/** Builds the driver-diagram tree from flat rows (children in the rows' order; orphans are dropped). */
function buildTree(
  rows: { id: string; parentId: string | null; kind: CaseStudyDriverNode["kind"]; text: string }[],
) {
  const byParent = new Map<string | null, typeof rows>();
  for (const row of rows) {
    const list = byParent.get(row.parentId) ?? [];
    list.push(row);
    byParent.set(row.parentId, list);
  }
  const grow = (parentId: string | null, depth: number): CaseStudyDriverNode[] =>
    depth > 3
      ? []
      : (byParent.get(parentId) ?? []).map((row) => ({
          id: row.id,
          kind: row.kind,
          text: row.text,
          children: grow(row.id, depth + 1),
        }));
  return grow(null, 1);
}

/** The annotations a measure's chart shows: its notes, the project's PDSA cycles and its rebases. */
export function chartAnnotationsFor(
  measure: Pick<MeasureRow, "rebaseOn">,
  notes: { date: string; label: string }[],
  cycles: { title: string; startsOn: string }[],
): ChartAnnotation[] {
  const all: ChartAnnotation[] = [
    ...cycles.map((c) => ({ date: c.startsOn, label: c.title, kind: "pdsa" as const })),
    ...notes.map((n) => ({ date: n.date, label: n.label, kind: "note" as const })),
    ...measure.rebaseOn.map((date) => ({ date, label: "New baseline", kind: "rebase" as const })),
  ];
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Reads everything a case study shows into one self-contained document: the project, its team (with names), driver
 * diagram, write-up sections, the charts of the chosen measures (every outcome measure when none is chosen) analysed
 * with each measure's stored settings, and the PDSA cycles. Throws 404 when the project does not exist; the caller
 * has already checked that the actor may read it.
 */
export async function loadCaseStudyDocument(tx: Tx, projectId: string): Promise<CaseStudyDocument> {
  const row = await repo.getProjectForDocument(tx, projectId);
  if (!row) throw notFound("The project");
  const { project } = row;
  // One after another: inside a transaction this is one connection, which runs one statement at a time.
  const team = await repo.listTeamWithNames(tx, projectId);
  const nodes = await repo.listDriverNodes(tx, projectId);
  const caseStudy = await repo.getCaseStudy(tx, projectId);
  const measures = await repo.listProjectMeasures(tx, projectId);
  const cycles = await repo.listPdsaCyclesWithIdeas(tx, projectId);

  const chosenIds = caseStudy?.chartMeasureIds ?? [];
  const byId = new Map(measures.map((m) => [m.id, m]));
  const charted =
    chosenIds.length > 0
      ? chosenIds.map((id) => byId.get(id)).filter((m): m is MeasureRow => m !== undefined)
      : measures.filter((m) => m.kind === "outcome");
  const ids = charted.map((m) => m.id);
  const points = await repo.listPointsOfMeasures(tx, ids);
  const notes = await repo.listAnnotationsOfMeasures(tx, ids);
  const cycleMarks = cycles.map(({ cycle }) => ({ title: cycle.title, startsOn: cycle.startsOn }));

  const charts: CaseStudyChart[] = [];
  for (const measure of charted) {
    const series = points
      .filter((p) => p.measureId === measure.id)
      .map((p) => ({ date: p.date, value: p.value }));
    const result = analyseMeasureSeries({
      points: series,
      improvementDirection: measure.improvementDirection,
      target: measure.target,
      rules: measure.rules,
      baselineEndOn: measure.baselineEndOn,
      rebaseOn: measure.rebaseOn,
    });
    if (!result) continue;
    charts.push({
      measureId: measure.id,
      title: measure.title,
      kind: measure.kind,
      unit: measure.unit,
      definition: measure.definition,
      improvementDirection: measure.improvementDirection,
      target: measure.target,
      result,
      annotations: chartAnnotationsFor(
        measure,
        notes.filter((n) => n.measureId === measure.id),
        cycleMarks,
      ),
    });
  }

  const stored = caseStudy?.sections ?? {};
  const sections = Object.fromEntries(
    CASE_STUDY_SECTIONS.map((s) => [s, typeof stored[s] === "string" ? stored[s] : ""]),
  ) as Record<CaseStudySection, string>;

  const document: CaseStudyDocument = {
    project: {
      id: project.id,
      title: project.title,
      problem: project.problem,
      aimWhat: project.aimWhat,
      aimHowMuch: project.aimHowMuch,
      aimByWhen: project.aimByWhen,
      setting: project.setting,
      topic: project.topic,
      organisationName: row.organisationName,
      teamName: project.teamName,
      status: project.status,
      progressScore: project.progressScore,
      courseTitle: row.courseTitle,
    },
    team: team.map((m) => ({
      name: `${m.givenName} ${m.familyName}`.trim(),
      role: m.role,
      responsibility: m.responsibility,
    })),
    driverDiagram: buildTree(nodes),
    sections,
    charts,
    pdsaCycles: cycles.map(({ cycle, changeIdea }) => ({
      id: cycle.id,
      title: cycle.title,
      changeIdea: changeIdea ?? null,
      plan: cycle.plan,
      prediction: cycle.prediction,
      doNotes: cycle.doNotes,
      study: cycle.study,
      act: cycle.act,
      decision: cycle.decision,
      startsOn: cycle.startsOn,
      endsOn: cycle.endsOn,
    })),
    generatedAt: new Date().toISOString(),
  };
  // Parsing drops anything stray (and proves the document is the JSON the recognition feature freezes).
  return CaseStudyDocumentSchema.parse(document);
}
