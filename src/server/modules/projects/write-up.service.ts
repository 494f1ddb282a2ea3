import type { WriteUp, WriteUpUpdateInput } from "../../../shared/project-contracts.js";
import {
  CASE_STUDY_SECTION_MAX,
  CASE_STUDY_SECTION_TEXT,
  CASE_STUDY_SECTIONS,
  type CaseStudySection,
} from "../../../shared/projects.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { assertCanEdit, loadProjectAccess } from "./project-access.js";
import * as repo from "./projects.repository.js";
import { unprocessable } from "./projects.service.js";
import * as writeUps from "./write-up.repository.js";

const STALE =
  "The write-up was changed by someone else while you were editing it. Copy anything you want to keep, reload the page, then make your changes again.";

/** Every section present, in order; missing ones empty. */
function allSections(stored: Record<string, string>): Record<CaseStudySection, string> {
  // `as`: fromEntries loses the keys; they are exactly CASE_STUDY_SECTIONS.
  return Object.fromEntries(CASE_STUDY_SECTIONS.map((s) => [s, stored[s] ?? ""])) as Record<
    CaseStudySection,
    string
  >;
}

/** The case-study write-up: its sections and the measures whose charts go under Results. */
export function createWriteUpService(deps: { db: Db }) {
  const db = deps.db;

  async function read(tx: Tx, projectId: string, canEdit: boolean): Promise<WriteUp> {
    // One after another: `tx` may be a transaction, whose queries share one connection.
    const project = await repo.getProject(tx, projectId);
    const row = await writeUps.getWriteUp(tx, projectId);
    const measures = await repo.listMeasures(tx, projectId);
    if (!project) throw notFound("The project");
    const measureIds = new Set(measures.map((m) => m.id));
    return {
      projectId,
      projectTitle: project.title,
      sections: allSections(row?.sections ?? {}),
      // A measure deleted since is left out rather than shown as a broken chart.
      chartMeasureIds: (row?.chartMeasureIds ?? []).filter((id) => measureIds.has(id)),
      measures,
      revision: row?.revision ?? 0,
      updatedAt: row ? row.updatedAt.toISOString() : null,
      updatedBy: row?.updatedBy ?? null,
      canEdit,
    };
  }

  return {
    /** The write-up for anyone who may read the project (revision 0 before it is first saved). */
    async get(actor: Actor, projectId: string): Promise<WriteUp> {
      const access = await loadProjectAccess(db, projectId, actor);
      return read(db, projectId, access.canEdit);
    },

    /** Saves the write-up (the team) when it is current; 409 when someone else saved it first. */
    async save(actor: Actor, projectId: string, input: WriteUpUpdateInput): Promise<WriteUp> {
      const tooLong = CASE_STUDY_SECTIONS.filter((s) => input.sections[s].length > CASE_STUDY_SECTION_MAX);
      if (tooLong.length > 0) {
        const details = tooLong.map((s) => ({
          field: `sections.${s}`,
          message: `${CASE_STUDY_SECTION_TEXT[s].heading} must be ${CASE_STUDY_SECTION_MAX.toLocaleString("en-GB")} characters or fewer (it has ${input.sections[s].length.toLocaleString("en-GB")})`,
        }));
        throw new AppError(422, "validation_failed", details[0]?.message ?? "A section is too long", details);
      }
      const chartIds = input.chartMeasureIds;
      if (new Set(chartIds).size !== chartIds.length) {
        throw unprocessable("chartMeasureIds", "Choose each chart once");
      }
      return db.transaction(async (tx) => {
        const access = await loadProjectAccess(tx, projectId, actor);
        assertCanEdit(access);
        const measureIds = new Set((await repo.listMeasures(tx, projectId)).map((m) => m.id));
        const unknown = chartIds.findIndex((id) => !measureIds.has(id));
        if (unknown >= 0) {
          throw unprocessable(
            `chartMeasureIds.${unknown}`,
            "Choose charts only from this project's measures. Reload the page: a measure may have been deleted.",
          );
        }
        const values = {
          sections: allSections(input.sections),
          chartMeasureIds: chartIds,
          updatedBy: actor.userId,
        };
        const saved =
          input.revision === 0
            ? await writeUps.insertWriteUp(tx, { projectId, ...values })
            : await writeUps.updateWriteUpAtRevision(tx, projectId, input.revision, values);
        if (!saved) throw conflict(STALE);
        await repo.touchProject(tx, projectId);
        return read(tx, projectId, true);
      });
    },
  };
}
