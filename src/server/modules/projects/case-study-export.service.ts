import { layoutSpcChart } from "../../../shared/spc/chart-layout.js";
import { analyseMeasureSeries } from "../../../shared/spc/measure-series.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { chartAnnotationsFor, loadCaseStudyDocument } from "./case-study-document.js";
import * as repo from "./case-study-document.repository.js";
import { renderCaseStudyPdf } from "./case-study-pdf.js";
import { renderChartSvg } from "./chart-svg.js";
import { loadProjectAccess } from "./project-access.js";

/** Audit action for a case-study PDF (with the team's names) downloaded by someone not on the team. */
export const CASE_STUDY_EXPORTED = "projects.case_study_exported";

/** A file name made from a title: lower-case words joined by hyphens, ASCII only, never empty. */
export function fileNameFor(title: string, extension: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return `${slug || "chart"}.${extension}`;
}

/** Case-study PDFs and measure chart SVGs, for whoever may read the project. */
export function createCaseStudyExportService(deps: { db: Db }) {
  const { db } = deps;
  return {
    /**
     * The write-up as a PDF with the team's names. Readers outside the team are audited: the names are personal data.
     * Projects the actor may not read answer 404.
     */
    async caseStudyPdf(actor: Actor, projectId: string, context: RequestContext) {
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        const document = await loadCaseStudyDocument(tx, projectId);
        const bytes = await renderCaseStudyPdf(document, { includeTeamNames: true });
        if (!access.isMember) {
          await recordAudit(tx, context, {
            actorUserId: actor.userId,
            action: CASE_STUDY_EXPORTED,
            subjectType: "improvement_project",
            subjectId: projectId,
            details: { title: document.project.title, teamSize: document.team.length },
          });
        }
        return { filename: fileNameFor(`${document.project.title} case study`, "pdf"), bytes };
      });
    },

    /** A measure's chart as a standalone SVG; 404 when the measure does not exist or its project is not readable. */
    async measureChartSvg(actor: Actor, measureId: string) {
      const measure = await repo.getMeasureById(db, measureId);
      if (!measure) throw notFound("The measure");
      try {
        await loadProjectAccess(db, measure.projectId, actor);
      } catch (error) {
        // A project the actor may not read hides its measures too.
        if (error instanceof AppError && error.status === 404) throw notFound("The measure");
        throw error;
      }
      const [points, notes, cycles] = await Promise.all([
        repo.listPointsOfMeasures(db, [measure.id]),
        repo.listAnnotationsOfMeasures(db, [measure.id]),
        repo.listPdsaCyclesWithIdeas(db, measure.projectId),
      ]);
      const result = analyseMeasureSeries({
        points: points.map((p) => ({ date: p.date, value: p.value })),
        improvementDirection: measure.improvementDirection,
        target: measure.target,
        rules: measure.rules,
        baselineEndOn: measure.baselineEndOn,
        rebaseOn: measure.rebaseOn,
      });
      if (!result)
        throw conflict(
          "This measure has no data yet, so there is no chart to download. Add some data first.",
        );
      const layout = layoutSpcChart(result, {
        width: 960,
        height: 440,
        title: measure.title,
        unit: measure.unit,
        target: measure.target,
        annotations: chartAnnotationsFor(
          measure,
          notes,
          cycles.map(({ cycle }) => ({ title: cycle.title, startsOn: cycle.startsOn })),
        ),
        fontSize: 12,
      });
      return { filename: fileNameFor(measure.title, "svg"), svg: renderChartSvg(layout) };
    },
  };
}
