/**
 * The house: a programme's modules in order, each team's status on them with its plan, the organisation grid, status
 * changes and progress imports (through the implementation access policy), and the house editor for content editors.
 */
import type {
  HouseEditor,
  HouseModule,
  HouseModuleCreateInput,
  HouseModuleMoveInput,
  HouseModuleUpdateInput,
  HouseTeam,
  ModuleStatusResult,
  ModuleStatusUpdateInput,
  ProgrammeHouse,
  ProgressImportInput,
  ProgressImportResult,
  TeamHouse,
  TeamModuleStatus,
} from "../../../shared/implementation-house.js";
import { HouseModuleCreateSchema, PROGRESS_IMPORT_MAX_BYTES } from "../../../shared/implementation-house.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound, payloadTooLarge } from "../../platform/errors.js";
import { assertCanAuthor } from "../authoring/authoring.policy.js";
import * as repo from "./house.repository.js";
import {
  behindState,
  emptyCounts,
  houseWarnings,
  normaliseStatusDates,
  outOfOrderWarning,
  planFor,
  statusDateProblems,
  ukToday,
} from "./house.rules.js";
import {
  assertCanEditTeam,
  type ImplementationAccess,
  loadRegistrationAccess,
  loadTeamAccess,
} from "./implementation-access.js";
import { type ExistingProgress, parseProgressCsv, planProgressImport } from "./progress-import.js";

/** 422 for input the rules refuse, one detail per field or line. */
const unprocessable = (code: string, message: string, details: { field?: string; message: string }[]) =>
  new AppError(422, code, message, details);

function toModule(row: repo.HouseModuleRow): HouseModule {
  return {
    id: row.id,
    position: row.position,
    kind: row.kind,
    title: row.title,
    summary: row.summary,
    typicalWeeks: row.typicalWeeks,
  };
}

/** Each module's status for one team, with its plan and behind flag, in house order. */
function teamStatuses(
  modules: repo.HouseModuleRow[],
  team: { startedOn: string },
  progress: ReadonlyMap<string, repo.ProgressRow>,
  today: string,
): TeamModuleStatus[] {
  const plan = planFor(modules, team.startedOn);
  return modules.map((module) => {
    const row = progress.get(module.id);
    const status = row?.status ?? "not_started";
    const planned = plan.get(module.id);
    return {
      moduleId: module.id,
      status,
      startedOn: row?.startedOn ?? null,
      completedOn: row?.completedOn ?? null,
      sustainingFrom: row?.sustainingFrom ?? null,
      notes: row?.notes ?? "",
      revision: row?.revision ?? 0,
      updatedAt: row?.updatedAt.toISOString() ?? null,
      sequence: planned?.sequence ?? null,
      plannedStart: planned?.plannedStart ?? null,
      plannedEnd: planned?.plannedEnd ?? null,
      ...behindState(planned, status, today),
    };
  });
}

function behindOf(statuses: TeamModuleStatus[]) {
  const weeksBehind = Math.max(0, ...statuses.map((s) => s.weeksBehind));
  return { behind: statuses.some((s) => s.behind), weeksBehind };
}

function byModule(rows: repo.ProgressRow[]): Map<string, repo.ProgressRow> {
  return new Map(rows.map((r) => [r.houseModuleId, r]));
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** The house and everything done with it. `now` is injectable so tests can fix "today". */
export function createHouseService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const today = () => ukToday(deps.now?.() ?? new Date());

  /** The module of the team's programme; 404 when the module is in another house. */
  async function moduleOfProgramme(tx: Tx, moduleId: string, programmeId: string) {
    const module = await repo.getModule(tx, moduleId);
    if (!module || module.programmeId !== programmeId) throw notFound("The module");
    return module;
  }

  /** A house module for editing, with the programme locked; 404 when there is none. */
  async function moduleForEdit(tx: Tx, actor: Actor, moduleId: string) {
    assertCanAuthor(actor);
    const module = await repo.getModule(tx, moduleId);
    if (!module) throw notFound("The house module");
    await repo.lockHouse(tx, module.programmeId);
    return module;
  }

  async function assertTitleFree(tx: Tx, programmeId: string, title: string, exceptId: string | null) {
    const modules = await repo.listModules(tx, programmeId);
    const taken = modules.find((m) => m.id !== exceptId && m.title.toLowerCase() === title.toLowerCase());
    if (taken) {
      throw conflict(
        `There is already a module called ${taken.title} in this house. Give each module its own title, so imports can find it.`,
      );
    }
  }

  return {
    /**
     * A programme's house; with an organisation, the teams of its registration the actor may read, each module's
     * status and plan, and counts. A constant number of queries whatever the team count.
     */
    async programmeHouse(
      actor: Actor,
      programmeId: string,
      organisationId?: string,
    ): Promise<ProgrammeHouse> {
      const programme = await repo.getProgramme(db, programmeId);
      if (!programme) throw notFound("The programme");
      const modules = await repo.listModules(db, programmeId);
      if (!organisationId) return { programme, modules: modules.map(toModule), organisation: null };
      const registration = await repo.findRegistration(db, programmeId, organisationId);
      if (!registration) throw notFound("The organisation's registration on this programme");
      const access = await loadRegistrationAccess(db, registration.id, actor);
      const teams = await repo.listTeams(db, registration.id, access.canReadAll ? null : access.ledTeamIds);
      const progress = await repo.progressOfTeams(
        db,
        teams.map((t) => t.id),
      );
      const progressByTeam = new Map<string, Map<string, repo.ProgressRow>>();
      for (const row of progress) {
        const own = progressByTeam.get(row.teamId) ?? new Map<string, repo.ProgressRow>();
        own.set(row.houseModuleId, row);
        progressByTeam.set(row.teamId, own);
      }
      const now = today();
      const houseTeams: HouseTeam[] = teams.map((team) => {
        const statuses = teamStatuses(modules, team, progressByTeam.get(team.id) ?? new Map(), now);
        return {
          id: team.id,
          name: team.name,
          setting: team.setting,
          startedOn: team.startedOn,
          ...behindOf(statuses),
          modules: statuses,
        };
      });
      const counts = emptyCounts();
      const moduleCounts = modules.map((module, index) => {
        const own = emptyCounts();
        for (const team of houseTeams) {
          const status = team.modules[index]?.status ?? "not_started";
          own[status] += 1;
          counts[status] += 1;
        }
        return { moduleId: module.id, counts: own };
      });
      return {
        programme,
        modules: modules.map(toModule),
        organisation: {
          id: organisationId,
          name: registration.organisationName,
          registrationId: registration.id,
          teams: houseTeams,
          moduleCounts,
          counts,
          teamsBehind: houseTeams.filter((t) => t.behind).length,
          canImport: access.canManage || access.ledTeamIds.length > 0,
        },
      };
    },

    /** One team's house: its modules with statuses and plan, out-of-order warnings, behind, and whether one may edit. */
    async teamHouse(actor: Actor, teamId: string): Promise<TeamHouse> {
      const { access, team } = await loadTeamAccess(db, teamId, actor);
      const facts = await repo.registrationFacts(db, team.registrationId);
      if (!facts) throw notFound("The team");
      const modules = await repo.listModules(db, facts.programmeId);
      const progress = byModule(await repo.progressOfTeams(db, [team.id]));
      const statuses = teamStatuses(modules, team, progress, today());
      return {
        team: {
          id: team.id,
          name: team.name,
          setting: team.setting,
          size: team.size,
          startedOn: team.startedOn,
          registrationId: team.registrationId,
          organisationName: facts.organisationName,
        },
        programme: { id: facts.programmeId, title: facts.programmeTitle },
        modules: modules.map((module, index) => {
          const own = statuses[index];
          if (!own) throw new Error("a status for every module");
          return { ...toModule(module), progress: own };
        }),
        warnings: houseWarnings(modules, progress),
        ...behindOf(statuses),
        canEdit: access.canEditTeam(team.id),
      };
    },

    /**
     * Records a team's status on a module (its leader or a programme lead): dates checked (422), stale revision 409,
     * out-of-order starts warned about but saved. Audited.
     */
    async setModuleStatus(
      actor: Actor,
      context: RequestContext,
      teamId: string,
      moduleId: string,
      input: ModuleStatusUpdateInput,
    ): Promise<ModuleStatusResult> {
      return db.transaction(async (tx) => {
        const { access, team } = await loadTeamAccess(tx, teamId, actor);
        assertCanEditTeam(access, team);
        const module = await moduleOfProgramme(tx, moduleId, access.registration.programmeId);
        await repo.lockTeam(tx, team.id);
        const existing = await repo.getProgress(tx, team.id, module.id);
        if (input.revision !== undefined && input.revision !== (existing?.revision ?? 0)) {
          throw conflict(
            `Someone changed ${team.name}'s status on ${module.title} after you opened it. Reload the page to see the change, then make yours again.`,
          );
        }
        const dates = normaliseStatusDates({
          status: input.status,
          startedOn: input.startedOn ?? null,
          completedOn: input.completedOn ?? null,
          sustainingFrom: input.sustainingFrom ?? null,
        });
        const problems = statusDateProblems(dates, { today: today(), team });
        if (problems.length > 0) {
          throw unprocessable(
            "validation_failed",
            problems.length === 1 ? (problems[0]?.message ?? "Check the dates") : "Check the dates.",
            problems,
          );
        }
        const row = await repo.upsertProgress(tx, {
          teamId: team.id,
          moduleId: module.id,
          ...dates,
          notes: (input.notes ?? existing?.notes ?? "").trim(),
          updatedBy: actor.userId,
        });
        const modules = await repo.listModules(tx, access.registration.programmeId);
        const progress = byModule(await repo.progressOfTeams(tx, [team.id]));
        const warning = outOfOrderWarning(modules, progress, module.id, row.status);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.module_status_changed",
          subjectType: "implementation_team",
          subjectId: team.id,
          details: {
            moduleId: module.id,
            module: module.title,
            from: existing?.status ?? "not_started",
            to: row.status,
            outOfOrder: warning !== null,
          },
        });
        const statuses = teamStatuses(modules, team, progress, today());
        const own = statuses.find((s) => s.moduleId === module.id);
        if (!own) throw new Error("the saved status is in the house");
        return { progress: own, warnings: warning ? [warning] : [] };
      });
    },

    /**
     * Previews or applies a progress CSV for a registration: every row checked with the status rules; team leaders
     * only their own team's rows. Apply with any row error is 422 listing every line and writes nothing; otherwise every
     * row is written in one transaction. Audited when applied.
     */
    async importProgress(
      actor: Actor,
      context: RequestContext,
      registrationId: string,
      input: ProgressImportInput,
    ): Promise<ProgressImportResult> {
      if (Buffer.byteLength(input.csv, "utf8") > PROGRESS_IMPORT_MAX_BYTES) {
        throw payloadTooLarge("The CSV is larger than 2 MB. Split it into smaller files.");
      }
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        assertCanImport(access);
        const parsed = parseProgressCsv(input.csv);
        if (!parsed.ok)
          throw unprocessable("import_invalid", parsed.message, [{ field: "csv", message: parsed.message }]);
        const teams = await repo.listTeams(tx, registrationId, null);
        if (input.mode === "apply")
          await repo.lockTeams(
            tx,
            teams.map((t) => t.id),
          );
        const modules = await repo.listModules(tx, access.registration.programmeId);
        const rows = await repo.progressOfTeams(
          tx,
          teams.map((t) => t.id),
        );
        const existing = new Map<string, Map<string, ExistingProgress>>();
        for (const row of rows) {
          const own = existing.get(row.teamId) ?? new Map<string, ExistingProgress>();
          own.set(row.houseModuleId, row);
          existing.set(row.teamId, own);
        }
        const plan = planProgressImport(parsed.records, {
          today: today(),
          teams,
          modules,
          existing,
          canEditTeam: (id) => access.canEditTeam(id),
        });
        const { counts } = plan.result;
        if (input.mode === "preview") {
          return {
            applied: false,
            message:
              counts.errors > 0
                ? `${plural(counts.errors, "row has a problem", "rows have problems")}. Correct ${counts.errors === 1 ? "it" : "them"} and preview again.`
                : `${plural(counts.rows, "row")} checked: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged. Nothing has been saved yet.`,
            ...plan.result,
          };
        }
        if (plan.result.errors.length > 0) {
          throw unprocessable(
            "import_invalid",
            `${plural(counts.errors, "row has a problem", "rows have problems")}, so nothing was saved. Correct ${counts.errors === 1 ? "it" : "them"} and try again.`,
            plan.result.errors.map((e) => ({ field: `line-${e.line}`, message: e.message })),
          );
        }
        for (const write of plan.writes) {
          await repo.upsertProgress(tx, { ...write, updatedBy: actor.userId });
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.progress_imported",
          subjectType: "programme_registration",
          subjectId: registrationId,
          details: {
            rows: counts.rows,
            new: counts.new,
            changed: counts.changed,
            unchanged: counts.unchanged,
            teamIds: [...new Set(plan.writes.map((w) => w.teamId))],
          },
        });
        return {
          applied: true,
          message: `Progress imported: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged.`,
          ...plan.result,
        };
      });
    },

    /** The house as content editors see it, with the teams that have a status on each module. */
    async editorHouse(actor: Actor, programmeId: string): Promise<HouseEditor> {
      assertCanAuthor(actor);
      const programme = await repo.getProgramme(db, programmeId);
      if (!programme) throw notFound("The programme");
      const modules = await repo.listModules(db, programmeId);
      const inUse = await repo.teamsWithStatus(
        db,
        modules.map((m) => m.id),
      );
      return {
        programme,
        modules: modules.map((m) => ({ ...toModule(m), teamsWithStatus: inUse.get(m.id) ?? 0 })),
      };
    },

    /** Adds a module at the end of a programme's house (content editors). Audited. */
    async createModule(
      actor: Actor,
      context: RequestContext,
      programmeId: string,
      input: HouseModuleCreateInput,
    ): Promise<HouseModule> {
      assertCanAuthor(actor);
      const values = HouseModuleCreateSchema.parse(input);
      return db.transaction(async (tx) => {
        const programme = await repo.getProgramme(tx, programmeId);
        if (!programme) throw notFound("The programme");
        await repo.lockHouse(tx, programmeId);
        await assertTitleFree(tx, programmeId, values.title, null);
        const row = await repo.insertModule(tx, {
          programmeId,
          position: (await repo.maxPosition(tx, programmeId)) + 1,
          ...values,
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.house_module_created",
          subjectType: "house_module",
          subjectId: row.id,
          details: { programmeId, title: row.title, kind: row.kind },
        });
        return toModule(row);
      });
    },

    /** Changes a module's title, summary, kind or typical weeks (content editors). Audited. */
    async updateModule(
      actor: Actor,
      context: RequestContext,
      moduleId: string,
      input: HouseModuleUpdateInput,
    ): Promise<HouseModule> {
      return db.transaction(async (tx) => {
        const module = await moduleForEdit(tx, actor, moduleId);
        if (input.title !== undefined) await assertTitleFree(tx, module.programmeId, input.title, module.id);
        const row = await repo.updateModule(tx, module.id, input);
        const changes: Record<string, [unknown, unknown]> = {};
        for (const key of ["kind", "title", "summary", "typicalWeeks"] as const) {
          if (input[key] !== undefined && input[key] !== module[key]) changes[key] = [module[key], row[key]];
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.house_module_changed",
          subjectType: "house_module",
          subjectId: module.id,
          details: { programmeId: module.programmeId, changes },
        });
        return toModule(row);
      });
    },

    /** Swaps a module with the one above or below it in the house (content editors). Audited. */
    async moveModule(
      actor: Actor,
      context: RequestContext,
      moduleId: string,
      input: HouseModuleMoveInput,
    ): Promise<HouseModule[]> {
      return db.transaction(async (tx) => {
        const module = await moduleForEdit(tx, actor, moduleId);
        const modules = await repo.listModules(tx, module.programmeId);
        const index = modules.findIndex((m) => m.id === module.id);
        const other = modules[input.direction === "up" ? index - 1 : index + 1];
        if (!other) {
          throw conflict(
            `${module.title} is already ${input.direction === "up" ? "first" : "last"} in the house, so it cannot move ${input.direction}.`,
          );
        }
        // Positions may have gaps or ties after deletions; renumber the whole house 1..n with the two swapped.
        const order = modules.map((m) => m.id);
        const otherIndex = order.indexOf(other.id);
        order[index] = other.id;
        order[otherIndex] = module.id;
        for (const [i, id] of order.entries()) {
          const current = modules.find((m) => m.id === id);
          if (current && current.position !== i + 1) await repo.updateModule(tx, id, { position: i + 1 });
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.house_module_moved",
          subjectType: "house_module",
          subjectId: module.id,
          details: { programmeId: module.programmeId, direction: input.direction, title: module.title },
        });
        return (await repo.listModules(tx, module.programmeId)).map(toModule);
      });
    },

    /** Removes a module from the house (content editors); 409 while any team has a status on it. Audited. */
    async deleteModule(actor: Actor, context: RequestContext, moduleId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const module = await moduleForEdit(tx, actor, moduleId);
        const inUse = (await repo.teamsWithStatus(tx, [module.id])).get(module.id) ?? 0;
        if (inUse > 0) {
          throw conflict(
            `${plural(inUse, "team has", "teams have")} a status on ${module.title}, so it cannot be deleted. Change its title or summary instead.`,
          );
        }
        await repo.deleteModule(tx, module.id);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.house_module_deleted",
          subjectType: "house_module",
          subjectId: module.id,
          details: { programmeId: module.programmeId, title: module.title, kind: module.kind },
        });
      });
    },
  };
}

/** 403 unless the actor may change at least one team (programme leads all, team leaders their own). */
function assertCanImport(access: ImplementationAccess): void {
  if (!access.isProgrammeLead && access.ledTeamIds.length === 0) {
    throw forbidden("Only the organisation's programme lead or a team leader can import progress.");
  }
}
