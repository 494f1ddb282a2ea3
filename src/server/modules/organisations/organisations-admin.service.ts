import type {
  AdminOrganisationPage,
  AdminOrganisationQuery,
  OrganisationCreateInput,
  OrganisationImportReport,
  OrganisationNode,
  OrganisationType,
  OrganisationUpdateInput,
  TeamChoices,
} from "../../../shared/organisations.js";
import { ORGANISATION_TYPE_LABELS, parentTypeProblem } from "../../../shared/organisations.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, fieldError, notFound } from "../../platform/errors.js";
import { planImport } from "./organisations-admin.import.js";
import { assertCanManageDirectory, assertCanSetOthersTeam } from "./organisations-admin.policy.js";
import * as repo from "./organisations-admin.repository.js";

function pgErrorCode(error: unknown): string | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

/** Turns a clash on the unique ODS code index (another administrator at the same moment) into a 409. */
async function guardOdsCode<T>(odsCode: string | null | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === "23505")
      throw conflict(
        `Another organisation already has the ODS code ${odsCode ?? ""}. Check the code and try again.`,
      );
    throw error;
  }
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** Why an organisation cannot be deleted, in words; empty when it can. */
function deleteBlockers(childCount: number, usage: Awaited<ReturnType<typeof repo.usageOf>>): string[] {
  const blockers: string[] = [];
  if (childCount > 0)
    blockers.push(`It has ${plural(childCount, "organisation")} below it: move or delete those first`);
  if (usage.members > 0)
    blockers.push(
      `${plural(usage.members, "person", "people")} belong to it: they must change organisation first`,
    );
  if (usage.teamMembers > 0)
    blockers.push(`${plural(usage.teamMembers, "person", "people")} have it as their team`);
  if (usage.licences > 0) blockers.push(`It holds ${plural(usage.licences, "course licence")}`);
  if (usage.applications > 0)
    blockers.push(`${plural(usage.applications, "learner administrator application")} name it`);
  if (usage.roles > 0) blockers.push(`${plural(usage.roles, "role")} are scoped to it`);
  return blockers;
}

/** The organisation directory for platform administrators, and people's teams. */
export function createOrganisationsAdminService(deps: { db: Db }) {
  /** Checks that `parentId` exists, can hold `type`, and (for an existing organisation) is not at or below it. */
  async function checkParent(
    tx: Tx,
    type: OrganisationType,
    parentId: string | null,
    selfId: string | null,
  ): Promise<void> {
    let parentType: OrganisationType | null = null;
    if (parentId) {
      const parentRow = await repo.getById(tx, parentId);
      if (!parentRow)
        throw fieldError("parentId", "The parent organisation no longer exists: choose another");
      if (selfId && (await repo.isSelfOrBelow(tx, selfId, parentId)))
        throw fieldError(
          "parentId",
          `${parentRow.name} is ${parentId === selfId ? "this organisation itself" : "below this organisation"}, so it cannot be its parent: choose an organisation outside this branch`,
        );
      parentType = parentRow.type;
    }
    const problem = parentTypeProblem(type, parentType);
    if (problem) throw fieldError("parentId", problem);
  }

  async function checkOdsCodeFree(tx: Tx, odsCode: string | null, selfId: string | null): Promise<void> {
    if (!odsCode) return;
    const holder = await repo.getByOdsCode(tx, odsCode);
    if (holder && holder.id !== selfId)
      throw new AppError(409, "ods_code_taken", `${holder.name} already has the ODS code ${odsCode}.`, [
        { field: "odsCode", message: `${holder.name} already has the ODS code ${odsCode}: check the code` },
      ]);
  }

  async function node(tx: Tx, id: string): Promise<OrganisationNode> {
    const organisation = await repo.getWithCounts(tx, id);
    if (!organisation) throw notFound("The organisation");
    const [ancestors, children, usage] = await Promise.all([
      repo.listAncestors(tx, id),
      repo.listChildren(tx, id),
      repo.usageOf(tx, id),
    ]);
    return {
      organisation: { ...organisation, createdAt: organisation.createdAt.toISOString() },
      ancestors,
      children,
      usage,
      deleteBlockers: deleteBlockers(organisation.childCount, usage),
    };
  }

  async function teamChoices(tx: Tx, userId: string): Promise<TeamChoices> {
    const membership = await repo.getMembership(tx, userId);
    if (!membership) throw notFound("The person");
    if (!membership.organisationId) return { organisation: null, team: null, choices: [] };
    const organisation = await repo.getById(tx, membership.organisationId);
    if (!organisation) return { organisation: null, team: null, choices: [] };
    const below = await repo.listDescendants(tx, organisation.id);
    const byId = new Map(below.map((o) => [o.id, o]));
    const pathOf = (id: string): string => {
      const names: string[] = [];
      for (let cursor = byId.get(id); cursor; cursor = byId.get(cursor.parent_id)) names.unshift(cursor.name);
      return names.join(" › ");
    };
    const choices = below
      .map((o) => ({ id: o.id, name: o.name, type: o.type, path: pathOf(o.id) }))
      .sort((a, b) => a.path.localeCompare(b.path, "en-GB"));
    return {
      organisation: { id: organisation.id, name: organisation.name },
      team: choices.find((c) => c.id === membership.teamId) ?? null,
      choices,
    };
  }

  async function setTeam(tx: Tx, userId: string, teamId: string | null): Promise<string | null> {
    const membership = await repo.getMembership(tx, userId);
    if (!membership) throw notFound("The person");
    if (teamId !== null) {
      if (!membership.organisationId)
        throw fieldError(
          "teamId",
          "Teams are chosen from under an organisation in the directory. Choose the organisation on the account page first.",
        );
      const below = await repo.listDescendants(tx, membership.organisationId);
      if (!below.some((o) => o.id === teamId))
        throw fieldError("teamId", "Choose a team from the list under the organisation, or No team");
    }
    await repo.setTeam(tx, userId, teamId);
    return membership.teamId;
  }

  return {
    /** Top-level organisations, or a search by name or ODS code. */
    async list(actor: Actor, query: AdminOrganisationQuery): Promise<AdminOrganisationPage> {
      assertCanManageDirectory(actor);
      const { items, total } = await repo.listForAdmin(
        deps.db,
        query.q || undefined,
        query.pageSize,
        (query.page - 1) * query.pageSize,
      );
      return { items, total, page: query.page, pageSize: query.pageSize };
    },

    /** One organisation with its ancestors (the breadcrumb), children and what refers to it. */
    async get(actor: Actor, id: string): Promise<OrganisationNode> {
      assertCanManageDirectory(actor);
      return node(deps.db, id);
    },

    /** Adds an organisation to the directory; audited. */
    async create(
      actor: Actor,
      input: OrganisationCreateInput,
      context: RequestContext,
    ): Promise<OrganisationNode> {
      assertCanManageDirectory(actor);
      return guardOdsCode(input.odsCode, () =>
        deps.db.transaction(async (tx) => {
          await repo.lockDirectory(tx);
          await checkOdsCodeFree(tx, input.odsCode, null);
          await checkParent(tx, input.type, input.parentId, null);
          const row = await repo.insertOrganisation(tx, {
            name: input.name,
            type: input.type,
            odsCode: input.odsCode,
            parentId: input.parentId,
          });
          await recordAudit(tx, context, {
            actorUserId: actor.userId,
            action: "organisations.created",
            subjectType: "organisation",
            subjectId: row.id,
            details: { name: row.name, type: row.type, odsCode: row.odsCode, parentId: row.parentId },
          });
          return node(tx, row.id);
        }),
      );
    },

    /** Changes the name, type, ODS code or parent (a move); refuses cycles and parents that cannot hold it. */
    async update(
      actor: Actor,
      id: string,
      input: OrganisationUpdateInput,
      context: RequestContext,
    ): Promise<OrganisationNode> {
      assertCanManageDirectory(actor);
      return guardOdsCode(input.odsCode, () =>
        deps.db.transaction(async (tx) => {
          await repo.lockDirectory(tx);
          const before = await repo.getById(tx, id);
          if (!before) throw notFound("The organisation");
          const after = {
            name: input.name ?? before.name,
            type: input.type ?? before.type,
            odsCode: input.odsCode === undefined ? before.odsCode : input.odsCode,
            parentId: input.parentId === undefined ? before.parentId : input.parentId,
          };
          if (after.odsCode !== before.odsCode) await checkOdsCodeFree(tx, after.odsCode, id);
          if (after.parentId !== before.parentId || after.type !== before.type)
            await checkParent(tx, after.type, after.parentId, id);
          if (after.type !== before.type) {
            const misfits = (await repo.listChildren(tx, id)).filter(
              (child) => parentTypeProblem(child.type, after.type) !== null,
            );
            if (misfits.length > 0)
              throw fieldError(
                "type",
                `A ${ORGANISATION_TYPE_LABELS[after.type].toLowerCase()} cannot hold ${misfits
                  .slice(0, 3)
                  .map((m) => m.name)
                  .join(", ")}: move ${misfits.length === 1 ? "it" : "them"} first, or keep the type`,
              );
          }
          const changed = (["name", "type", "odsCode", "parentId"] as const).filter(
            (k) => after[k] !== before[k],
          );
          if (changed.length > 0) {
            await repo.updateOrganisation(tx, id, after);
            const teamsCleared =
              after.parentId !== before.parentId
                ? await repo.clearTeamsNotBelowOrganisation(tx, { subtreeOf: id })
                : 0;
            await recordAudit(tx, context, {
              actorUserId: actor.userId,
              action: "organisations.updated",
              subjectType: "organisation",
              subjectId: id,
              details: {
                changed,
                ...(changed.includes("parentId")
                  ? { fromParentId: before.parentId, toParentId: after.parentId }
                  : {}),
                teamsCleared,
              },
            });
          }
          return node(tx, id);
        }),
      );
    },

    /** Deletes an organisation nothing refers to; otherwise 409 saying what stops it. */
    async remove(actor: Actor, id: string, context: RequestContext): Promise<void> {
      assertCanManageDirectory(actor);
      await deps.db.transaction(async (tx) => {
        await repo.lockDirectory(tx);
        const organisation = await repo.getWithCounts(tx, id);
        if (!organisation) throw notFound("The organisation");
        const blockers = deleteBlockers(organisation.childCount, await repo.usageOf(tx, id));
        if (blockers.length > 0)
          throw new AppError(
            409,
            "organisation_in_use",
            `${organisation.name} cannot be deleted: ${blockers.map((b) => b.charAt(0).toLowerCase() + b.slice(1)).join("; ")}.`,
            blockers.map((message) => ({ message })),
          );
        try {
          await repo.deleteOrganisation(tx, id);
        } catch (error) {
          if (pgErrorCode(error) === "23503")
            throw conflict(
              `${organisation.name} came into use while it was being deleted. Reload the page to see why.`,
            );
          throw error;
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "organisations.deleted",
          subjectType: "organisation",
          subjectId: id,
          details: { name: organisation.name, odsCode: organisation.odsCode },
        });
      });
    },

    /**
     * Checks a CSV of the directory and reports what would change; with `dryRun: false` applies it in one
     * transaction, but only when every row is valid (422 otherwise, nothing written). The apply is audited.
     */
    async importCsv(
      actor: Actor,
      text: string,
      dryRun: boolean,
      context: RequestContext,
    ): Promise<OrganisationImportReport> {
      assertCanManageDirectory(actor);
      if (dryRun) {
        const plan = planImport(text, await repo.listAllForImport(deps.db));
        return { ...plan.report, dryRun: true, applied: false };
      }
      return guardOdsCode("in the file", () =>
        deps.db.transaction(async (tx) => {
          await repo.lockDirectory(tx);
          const plan = planImport(text, await repo.listAllForImport(tx));
          if (!plan.report.valid) {
            const details = plan.report.invalid
              .slice(0, 100)
              .flatMap((r) => r.problems.map((message) => ({ field: `row ${r.row}`, message })));
            throw new AppError(
              422,
              "import_invalid",
              `Nothing was imported: ${plural(plan.report.counts.invalid, "row")} ${plan.report.counts.invalid === 1 ? "has" : "have"} problems. Check the file again, correct every row and upload it again.`,
              details,
            );
          }
          const idByCode = new Map(
            (await repo.listAllForImport(tx)).flatMap((o) => (o.odsCode ? [[o.odsCode, o.id] as const] : [])),
          );
          const fresh = plan.create.map((row) => {
            const id = crypto.randomUUID();
            idByCode.set(row.odsCode, id);
            return { id, row };
          });
          const values = fresh.map(({ id, row }) => ({
            id,
            odsCode: row.odsCode,
            name: row.name,
            type: row.type,
            parentId: row.parentCode ? (idByCode.get(row.parentCode) ?? null) : null,
          }));
          // creates are sorted shallowest first, so each chunk's parents already exist
          for (let i = 0; i < values.length; i += 500)
            await repo.insertOrganisations(tx, values.slice(i, i + 500));
          for (const row of plan.update) {
            if (!row.existingId) continue;
            await repo.updateOrganisation(tx, row.existingId, {
              name: row.name,
              type: row.type,
              parentId: row.parentCode ? (idByCode.get(row.parentCode) ?? null) : null,
            });
          }
          const teamsCleared =
            plan.update.length > 0 ? await repo.clearTeamsNotBelowOrganisation(tx, "all") : 0;
          await recordAudit(tx, context, {
            actorUserId: actor.userId,
            action: "organisations.imported",
            subjectType: "organisation",
            details: {
              rows: plan.report.counts.rows,
              created: plan.report.counts.create,
              updated: plan.report.counts.update,
              unchanged: plan.report.counts.unchanged,
              teamsCleared,
            },
          });
          return { ...plan.report, dryRun: false, applied: true };
        }),
      );
    },

    /** The signed-in person's team and the teams under their organisation. */
    async myTeam(actor: Actor): Promise<TeamChoices> {
      return teamChoices(deps.db, actor.userId);
    },

    /** Sets the signed-in person's team (one below their organisation) or clears it. */
    async setMyTeam(actor: Actor, teamId: string | null): Promise<TeamChoices> {
      return deps.db.transaction(async (tx) => {
        await setTeam(tx, actor.userId, teamId);
        return teamChoices(tx, actor.userId);
      });
    },

    /** Someone's team and choices, for platform administrators; audited as a view of their account. */
    async userTeam(actor: Actor, userId: string, context: RequestContext): Promise<TeamChoices> {
      assertCanSetOthersTeam(actor);
      return deps.db.transaction(async (tx) => {
        const choices = await teamChoices(tx, userId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "users.view",
          subjectType: "user",
          subjectId: userId,
          details: { part: "team" },
        });
        return choices;
      });
    },

    /** Sets someone's team as a platform administrator; audited. */
    async setUserTeam(
      actor: Actor,
      userId: string,
      teamId: string | null,
      context: RequestContext,
    ): Promise<TeamChoices> {
      assertCanSetOthersTeam(actor);
      return deps.db.transaction(async (tx) => {
        const before = await setTeam(tx, userId, teamId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "teams.changed",
          subjectType: "user",
          subjectId: userId,
          details: { fromTeamId: before, toTeamId: teamId },
        });
        return teamChoices(tx, userId);
      });
    },
  };
}

/**
 * Clears a person's team when it is no longer below their organisation. The accounts service calls this in the same
 * transaction as any change of someone's organisation; returns true when a team was cleared.
 */
export async function clearTeamIfOutsideOrganisation(tx: Tx, userId: string): Promise<boolean> {
  return (await repo.clearTeamsNotBelowOrganisation(tx, { userId })) > 0;
}
