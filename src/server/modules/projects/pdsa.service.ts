import type { PdsaCycle, PdsaInput, PdsaList } from "../../../shared/project-contracts.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { notFound } from "../../platform/errors.js";
import * as nodes from "./driver-diagram.repository.js";
import { buildTree, changeIdeasOf } from "./driver-diagram.service.js";
import * as cycles from "./pdsa.repository.js";
import { assertCanEdit, loadProjectAccess } from "./project-access.js";
import * as repo from "./projects.repository.js";
import { unprocessable } from "./projects.service.js";

function toCycle(row: cycles.PdsaRow): PdsaCycle {
  return {
    id: row.id,
    title: row.title,
    changeIdea:
      row.changeIdeaId && row.changeIdeaText !== null
        ? { id: row.changeIdeaId, text: row.changeIdeaText }
        : null,
    plan: row.plan,
    prediction: row.prediction,
    doNotes: row.doNotes,
    study: row.study,
    act: row.act,
    decision: row.decision,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** PDSA cycles: list, read, create, edit and delete; each may test one of the project's change ideas. */
export function createPdsaService(deps: { db: Db }) {
  const db = deps.db;

  async function checkChangeIdea(tx: Tx, projectId: string, changeIdeaId: string | null): Promise<void> {
    if (changeIdeaId === null) return;
    const node = await nodes.getNode(tx, projectId, changeIdeaId);
    if (node?.kind !== "change_idea") {
      throw unprocessable("changeIdeaId", "Choose one of this project's change ideas, or none");
    }
  }

  async function cycleOf(tx: Tx, projectId: string, cycleId: string) {
    const row = await cycles.getCycle(tx, projectId, cycleId);
    if (!row) throw notFound("The PDSA cycle");
    return row;
  }

  return {
    /** The cycles by start date (newest first) and the change ideas they may test. */
    async list(actor: Actor, projectId: string): Promise<PdsaList> {
      const access = await loadProjectAccess(db, projectId, actor);
      const [project, rows, tree] = await Promise.all([
        repo.getProject(db, projectId),
        cycles.listCycles(db, projectId),
        nodes.listNodes(db, projectId),
      ]);
      return {
        projectTitle: project?.title ?? access.project.title,
        cycles: rows.map(toCycle),
        changeIdeas: changeIdeasOf(buildTree(tree)),
        canEdit: access.canEdit,
      };
    },

    /** One cycle. */
    async get(actor: Actor, projectId: string, cycleId: string): Promise<PdsaCycle> {
      await loadProjectAccess(db, projectId, actor);
      return toCycle(await cycleOf(db, projectId, cycleId));
    },

    /** Adds a cycle (the team). */
    async create(actor: Actor, projectId: string, input: PdsaInput): Promise<PdsaCycle> {
      return db.transaction(async (tx) => {
        assertCanEdit(await loadProjectAccess(tx, projectId, actor));
        await checkChangeIdea(tx, projectId, input.changeIdeaId);
        const id = await cycles.insertCycle(tx, projectId, input, actor.userId);
        await repo.touchProject(tx, projectId);
        return toCycle(await cycleOf(tx, projectId, id));
      });
    },

    /** Replaces a cycle's fields (the team). */
    async update(actor: Actor, projectId: string, cycleId: string, input: PdsaInput): Promise<PdsaCycle> {
      return db.transaction(async (tx) => {
        assertCanEdit(await loadProjectAccess(tx, projectId, actor));
        await cycleOf(tx, projectId, cycleId);
        await checkChangeIdea(tx, projectId, input.changeIdeaId);
        await cycles.updateCycle(tx, cycleId, input);
        await repo.touchProject(tx, projectId);
        return toCycle(await cycleOf(tx, projectId, cycleId));
      });
    },

    /** Deletes a cycle (the team). */
    async remove(actor: Actor, projectId: string, cycleId: string): Promise<void> {
      await db.transaction(async (tx) => {
        assertCanEdit(await loadProjectAccess(tx, projectId, actor));
        await cycleOf(tx, projectId, cycleId);
        await cycles.deleteCycle(tx, cycleId);
        await repo.touchProject(tx, projectId);
      });
    },
  };
}
