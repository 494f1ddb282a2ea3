import {
  childKindOf,
  DRIVER_NODE_SIBLINGS_MAX,
  type DriverDiagram,
  type DriverNode,
  type DriverNodeCreateInput,
} from "../../../shared/project-contracts.js";
import { DRIVER_NODE_KIND_LABELS } from "../../../shared/projects.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { conflict, notFound } from "../../platform/errors.js";
import * as nodes from "./driver-diagram.repository.js";
import { assertCanEdit, loadProjectAccess } from "./project-access.js";
import * as repo from "./projects.repository.js";
import { unprocessable } from "./projects.service.js";

/** Builds the nested tree from stored rows (siblings already in order). */
export function buildTree(rows: readonly nodes.DriverNodeRow[]): DriverNode[] {
  const children = new Map<string | null, nodes.DriverNodeRow[]>();
  for (const row of rows) {
    const list = children.get(row.parentId) ?? [];
    list.push(row);
    children.set(row.parentId, list);
  }
  const build = (parentId: string | null): DriverNode[] =>
    (children.get(parentId) ?? []).map((row) => ({
      id: row.id,
      kind: row.kind,
      text: row.text,
      position: row.position,
      children: build(row.id),
    }));
  return build(null);
}

/** The change ideas of a tree in reading order (depth first). */
export function changeIdeasOf(tree: readonly DriverNode[]): { id: string; text: string }[] {
  return tree.flatMap((node) =>
    node.kind === "change_idea" ? [{ id: node.id, text: node.text }] : changeIdeasOf(node.children),
  );
}

/** A project's driver diagram: the aim, then primary drivers, secondary drivers and change ideas as a tree. */
export function createDriverDiagramService(deps: { db: Db }) {
  const db = deps.db;

  async function diagram(tx: Tx, projectId: string, canEdit: boolean): Promise<DriverDiagram> {
    const project = await repo.getProject(tx, projectId);
    if (!project) throw notFound("The project");
    return {
      projectId,
      projectTitle: project.title,
      aim: { what: project.aimWhat, howMuch: project.aimHowMuch, byWhen: project.aimByWhen },
      nodes: buildTree(await nodes.listNodes(tx, projectId)),
      canEdit,
    };
  }

  /** Runs one edit of the tree for a team member, serialised per project, and answers the whole diagram. */
  async function edit(
    actor: Actor,
    projectId: string,
    change: (tx: Tx) => Promise<void>,
  ): Promise<DriverDiagram> {
    return db.transaction(async (tx) => {
      const access = await loadProjectAccess(tx, projectId, actor);
      assertCanEdit(access);
      await repo.lockProject(tx, projectId);
      await change(tx);
      await repo.touchProject(tx, projectId);
      return diagram(tx, projectId, true);
    });
  }

  async function nodeOf(tx: Tx, projectId: string, nodeId: string) {
    const node = await nodes.getNode(tx, projectId, nodeId);
    if (!node) throw notFound("The driver or change idea");
    return node;
  }

  return {
    /** The diagram for anyone who may read the project. */
    async get(actor: Actor, projectId: string): Promise<DriverDiagram> {
      const access = await loadProjectAccess(db, projectId, actor);
      return diagram(db, projectId, access.canEdit);
    },

    /** Adds a primary driver (no parent) or a node one level below its parent, last among its siblings. */
    add(actor: Actor, projectId: string, input: DriverNodeCreateInput): Promise<DriverDiagram> {
      return edit(actor, projectId, async (tx) => {
        const parent = input.parentId ? await nodeOf(tx, projectId, input.parentId) : null;
        const expected = childKindOf(parent?.kind ?? null);
        if (expected === null) {
          throw unprocessable("parentId", "Change ideas are the last level: nothing can be added under them");
        }
        if (input.kind !== expected) {
          const where = parent
            ? `under a ${DRIVER_NODE_KIND_LABELS[parent.kind].toLowerCase()}`
            : "at the top of the diagram";
          throw unprocessable(
            "kind",
            `Only a ${DRIVER_NODE_KIND_LABELS[expected].toLowerCase()} can go ${where}`,
          );
        }
        const stats = await nodes.siblingStats(tx, projectId, input.parentId);
        if (stats.count >= DRIVER_NODE_SIBLINGS_MAX) {
          throw conflict(
            `There are already ${DRIVER_NODE_SIBLINGS_MAX} items here, the most allowed. Combine or delete some first.`,
          );
        }
        await nodes.insertNode(tx, {
          projectId,
          parentId: input.parentId,
          kind: input.kind,
          text: input.text,
          position: stats.maxPosition + 1,
        });
      });
    },

    /** Renames a node. */
    rename(actor: Actor, projectId: string, nodeId: string, text: string): Promise<DriverDiagram> {
      return edit(actor, projectId, async (tx) => {
        await nodeOf(tx, projectId, nodeId);
        await nodes.renameNode(tx, nodeId, text);
      });
    },

    /** Moves a node one place up or down among its siblings (nothing happens at either end). */
    move(actor: Actor, projectId: string, nodeId: string, direction: "up" | "down"): Promise<DriverDiagram> {
      return edit(actor, projectId, async (tx) => {
        const node = await nodeOf(tx, projectId, nodeId);
        const siblings = await nodes.listSiblings(tx, projectId, node.parentId);
        const index = siblings.findIndex((s) => s.id === nodeId);
        const target = direction === "up" ? index - 1 : index + 1;
        const other = siblings[target];
        if (index < 0 || !other) return;
        // Renumber the siblings 0..n-1 with the two swapped, so equal or sparse positions never stall a move.
        const order = siblings.map((s) => s.id);
        order[index] = other.id;
        order[target] = nodeId;
        for (const [position, id] of order.entries()) {
          const current = siblings.find((s) => s.id === id);
          if (current?.position !== position) await nodes.setPosition(tx, id, position);
        }
      });
    },

    /** Deletes a node and everything below it. */
    remove(actor: Actor, projectId: string, nodeId: string): Promise<DriverDiagram> {
      return edit(actor, projectId, async (tx) => {
        await nodeOf(tx, projectId, nodeId);
        await nodes.deleteNode(tx, nodeId);
      });
    },
  };
}
