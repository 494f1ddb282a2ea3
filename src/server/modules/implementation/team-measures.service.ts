import {
  BOARD_MAX_MEASURES,
  type BoardUpdateInput,
  type LibraryItem,
  type LibraryItemCreateInput,
  type LibraryItemUpdateInput,
  type MeasureLibrary,
  type TeamBoard,
  type TeamMeasure,
  type TeamMeasureCreateInput,
  type TeamMeasureDetail,
  type TeamMeasureList,
  type TeamMeasureUpdateInput,
} from "../../../shared/implementation-measures.js";
import { type ChartAnnotation, DEFAULT_SPC_RULES } from "../../../shared/spc/types.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.js";
import {
  analyseMeasure,
  assertValue,
  createMeasureSeriesOperations,
  createMeasureSeriesService,
  groupByMeasure,
  seriesSummary,
  toPoint,
  unprocessable,
} from "../projects/measure-series.service.js";
import { assertCanEditTeam, type ImplementationAccess, loadTeamAccess } from "./implementation-access.js";
import * as repo from "./team-measures.repository.js";
import { type ModuleDates, moduleAnnotations } from "./team-measures-annotations.js";

/** Content editors and administrators change programmes' measure libraries. */
function canEditLibrary(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === "content_editor" || r.role === "platform_admin");
}

function assertCanEditLibrary(actor: Actor): void {
  if (!canEditLibrary(actor))
    throw forbidden("Only content editors can change a programme's measure library.");
}

function toLibraryItem(row: repo.LibraryItemRow): LibraryItem {
  return {
    id: row.id,
    programmeId: row.programmeId,
    houseModuleId: row.houseModuleId,
    kind: row.kind,
    title: row.title,
    definition: row.definition,
    unit: row.unit,
    improvementDirection: row.improvementDirection,
    frequency: row.frequency,
    position: row.position,
  };
}

function toMeasure(row: repo.TeamMeasureRow): TeamMeasure {
  return {
    id: row.id,
    teamId: row.teamId,
    libraryItemId: row.libraryItemId,
    houseModuleId: row.houseModuleId,
    moduleTitle: row.moduleTitle,
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
    onBoard: row.onBoard,
    boardPosition: row.boardPosition,
    dataVersion: row.dataVersion,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * What a team measure's chart marks on its time axis: the team's module starts and completions and the measure's
 * rebases ("Limits recalculated", which the chart layout prefixes "Rebase: " as on a project measure's chart), in date
 * order; on the same day a rebase comes after the module marks.
 */
export function chartAnnotations(dates: ModuleDates[], rebaseOn: string[]): ChartAnnotation[] {
  const modules = moduleAnnotations(dates);
  const rebases = rebaseOn.map((date) => ({ date, label: "Limits recalculated", kind: "rebase" as const }));
  const all = [...modules, ...rebases];
  // A stable sort keeps the module marks' own order on a day, with rebases after them.
  return all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const teamRef = (team: { id: string; name: string; registrationId: string }) => ({
  id: team.id,
  name: team.name,
  registrationId: team.registrationId,
});

/** The programme measure library, teams' measures with their values and charts, and teams' boards. */
export function createTeamMeasuresService(deps: { db: Db }) {
  const db = deps.db;
  const series = createMeasureSeriesOperations(repo);

  /** 422 unless the module is one of the programme's house. */
  async function assertModuleOfProgramme(tx: Tx, moduleId: string | null | undefined, programmeId: string) {
    if (!moduleId) return;
    if (!(await repo.isModuleOfProgramme(tx, moduleId, programmeId))) {
      throw unprocessable("invalid_module", "Choose a module of this programme's house.", [
        { field: "houseModuleId", message: "Choose a module of this programme's house" },
      ]);
    }
  }

  /** A measure and the actor's access to its team; 404 when either cannot be seen. */
  async function measureAccess(tx: Tx, actor: Actor, measureId: string) {
    const measure = await repo.getTeamMeasure(tx, measureId);
    if (!measure) throw notFound("The measure");
    try {
      const { access, team } = await loadTeamAccess(tx, measure.teamId, actor);
      return { measure, access, team };
    } catch (error) {
      if (error instanceof AppError && error.status === 404) throw notFound("The measure");
      throw error;
    }
  }

  /** The measure locked for a change by someone who may change its team. */
  async function lockForEdit(tx: Tx, actor: Actor, measureId: string) {
    const found = await measureAccess(tx, actor, measureId);
    assertCanEditTeam(found.access, found.team);
    if (!(await repo.lockTeamMeasure(tx, measureId))) throw notFound("The measure");
    return found;
  }

  async function reread(tx: Tx, measureId: string): Promise<TeamMeasure> {
    const row = await repo.getTeamMeasure(tx, measureId);
    if (!row) throw notFound("The measure");
    return toMeasure(row);
  }

  async function readBoard(
    tx: Tx,
    team: { id: string; name: string; registrationId: string },
    access: ImplementationAccess,
  ): Promise<TeamBoard> {
    const measures = await repo.boardMeasuresOf(tx, team.id);
    const [points, dates] = await Promise.all([
      repo.pointsOfMeasures(
        tx,
        measures.map((m) => m.id),
      ),
      repo.moduleDatesOf(tx, team.id),
    ]);
    const grouped = groupByMeasure(points);
    return {
      team: teamRef(team),
      annotations: moduleAnnotations(dates),
      canEdit: access.canEditTeam(team.id),
      measures: measures.map((m) => {
        const own = grouped.get(m.id) ?? [];
        const last = own.at(-1);
        const analysis = analyseMeasure(m, own);
        return {
          id: m.id,
          title: m.title,
          moduleTitle: m.moduleTitle,
          unit: m.unit,
          improvementDirection: m.improvementDirection,
          frequency: m.frequency,
          target: m.target,
          boardPosition: m.boardPosition,
          latest: last ? { date: last.observedOn, value: last.value } : null,
          summary: analysis?.summary ?? null,
          points: analysis?.points ?? [],
          rebaseOn: m.rebaseOn,
        };
      }),
    };
  }

  /** Adding, changing and deleting values and imports: the team's editors only; imports audited. */
  const seriesMethods = createMeasureSeriesService(db, repo, {
    async readForEdit(tx, actor, measureId) {
      const { measure, access, team } = await measureAccess(tx, actor, measureId);
      assertCanEditTeam(access, team);
      return measure;
    },
    lockForEdit: async (tx, actor, measureId) => (await lockForEdit(tx, actor, measureId)).measure,
    importAudit: (measure) => ({
      action: "implementation.measure_data_imported",
      subjectType: "team_measure",
      details: { teamId: measure.teamId },
    }),
  });

  return {
    /** A programme's measure library grouped by house module, in house order (anyone signed in). */
    async library(actor: Actor, programmeId: string): Promise<MeasureLibrary> {
      const programme = await repo.getProgramme(db, programmeId);
      if (!programme) throw notFound("The programme");
      const [modules, items] = await Promise.all([
        repo.houseModulesOf(db, programmeId),
        repo.libraryItemsOf(db, programmeId),
      ]);
      const moduleIds = new Set(modules.map((m) => m.id));
      return {
        programme,
        modules: modules.map((m) => ({
          id: m.id,
          position: m.position,
          kind: m.kind,
          title: m.title,
          items: items.filter((i) => i.houseModuleId === m.id).map(toLibraryItem),
        })),
        otherItems: items
          .filter((i) => !i.houseModuleId || !moduleIds.has(i.houseModuleId))
          .map(toLibraryItem),
        canEdit: canEditLibrary(actor),
      };
    },

    /** Adds a measure to a programme's library (content editors); audited. */
    async addLibraryItem(
      actor: Actor,
      context: RequestContext,
      programmeId: string,
      input: LibraryItemCreateInput,
    ): Promise<LibraryItem> {
      assertCanEditLibrary(actor);
      return db.transaction(async (tx) => {
        if (!(await repo.getProgramme(tx, programmeId))) throw notFound("The programme");
        await assertModuleOfProgramme(tx, input.houseModuleId, programmeId);
        const row = await repo.insertLibraryItem(tx, {
          programmeId,
          houseModuleId: input.houseModuleId ?? null,
          kind: input.kind,
          title: input.title,
          definition: input.definition,
          unit: input.unit,
          improvementDirection: input.improvementDirection,
          frequency: input.frequency,
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.measure_library_changed",
          subjectType: "measure_library_item",
          subjectId: row.id,
          details: { change: "added", programmeId, title: row.title },
        });
        return toLibraryItem(row);
      });
    },

    /** Changes a library measure (content editors); teams' copies keep their own details. Audited. */
    async updateLibraryItem(
      actor: Actor,
      context: RequestContext,
      itemId: string,
      input: LibraryItemUpdateInput,
    ): Promise<LibraryItem> {
      assertCanEditLibrary(actor);
      return db.transaction(async (tx) => {
        const item = await repo.getLibraryItem(tx, itemId);
        if (!item) throw notFound("The library measure");
        await assertModuleOfProgramme(tx, input.houseModuleId, item.programmeId);
        const row = await repo.updateLibraryItem(tx, itemId, input);
        if (!row) throw notFound("The library measure");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.measure_library_changed",
          subjectType: "measure_library_item",
          subjectId: itemId,
          details: {
            change: "changed",
            programmeId: item.programmeId,
            title: row.title,
            fields: Object.keys(input),
          },
        });
        return toLibraryItem(row);
      });
    },

    /** Deletes a library measure (content editors); teams' copies stay, no longer linked. Audited. */
    async deleteLibraryItem(actor: Actor, context: RequestContext, itemId: string): Promise<void> {
      assertCanEditLibrary(actor);
      await db.transaction(async (tx) => {
        const item = await repo.getLibraryItem(tx, itemId);
        if (!item || !(await repo.deleteLibraryItem(tx, itemId))) throw notFound("The library measure");
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.measure_library_changed",
          subjectType: "measure_library_item",
          subjectId: itemId,
          details: { change: "deleted", programmeId: item.programmeId, title: item.title },
        });
      });
    },

    /** A team's measures with each one's latest value, value count and summary icons (a constant number of statements). */
    async list(actor: Actor, teamId: string): Promise<TeamMeasureList> {
      const { access, team } = await loadTeamAccess(db, teamId, actor);
      const measures = await repo.listTeamMeasures(db, teamId);
      const grouped = groupByMeasure(
        await repo.pointsOfMeasures(
          db,
          measures.map((m) => m.id),
        ),
      );
      return {
        team: teamRef(team),
        programmeId: access.registration.programmeId,
        canEdit: access.canEditTeam(team.id),
        measures: measures.map((m) => ({ ...toMeasure(m), ...seriesSummary(m, grouped.get(m.id) ?? []) })),
      };
    },

    /** Adds a measure to a team: a copy of a library measure (409 when the team has it) or the team's own. */
    async create(actor: Actor, teamId: string, input: TeamMeasureCreateInput): Promise<TeamMeasure> {
      return db.transaction(async (tx) => {
        const { access, team } = await loadTeamAccess(tx, teamId, actor);
        assertCanEditTeam(access, team);
        await repo.lockTeam(tx, teamId);
        const programmeId = access.registration.programmeId;
        let id: string;
        if (input.libraryItemId !== undefined) {
          const item = await repo.getLibraryItem(tx, input.libraryItemId);
          if (!item || item.programmeId !== programmeId) {
            throw unprocessable("invalid_library_item", "Choose a measure from this programme's library.", [
              { field: "libraryItemId", message: "Choose a measure from this programme's library" },
            ]);
          }
          if (await repo.teamHasLibraryItem(tx, teamId, item.id)) {
            throw conflict(
              `${team.name} already has ${item.title}. Open it from the team's measures instead.`,
            );
          }
          if (input.target !== undefined && input.target !== null)
            assertValue(input.target, item.unit, "target");
          id = await repo.insertTeamMeasure(tx, {
            teamId,
            libraryItemId: item.id,
            houseModuleId: item.houseModuleId,
            kind: item.kind,
            title: item.title,
            definition: item.definition,
            unit: item.unit,
            improvementDirection: item.improvementDirection,
            frequency: item.frequency,
            target: input.target ?? null,
            rules: DEFAULT_SPC_RULES,
            createdBy: actor.userId,
          });
        } else {
          // The schema makes kind, title, direction and frequency required for a team's own measure.
          const { kind, title, improvementDirection, frequency } = input;
          if (!kind || !title || !improvementDirection || !frequency)
            throw new Error("schema let a measure through");
          await assertModuleOfProgramme(tx, input.houseModuleId, programmeId);
          const unit = input.unit ?? "";
          if (input.target !== undefined && input.target !== null) assertValue(input.target, unit, "target");
          id = await repo.insertTeamMeasure(tx, {
            teamId,
            libraryItemId: null,
            houseModuleId: input.houseModuleId ?? null,
            kind,
            title,
            definition: input.definition ?? "",
            unit,
            improvementDirection,
            frequency,
            target: input.target ?? null,
            rules: DEFAULT_SPC_RULES,
            createdBy: actor.userId,
          });
        }
        return reread(tx, id);
      });
    },

    /** A measure with its values, analysis and the team's module dates for the chart (a constant number of statements). */
    async get(actor: Actor, measureId: string): Promise<TeamMeasureDetail> {
      const { measure, access, team } = await measureAccess(db, actor, measureId);
      const [points, dates] = await Promise.all([
        repo.pointsOf(db, measureId),
        repo.moduleDatesOf(db, team.id),
      ]);
      return {
        measure: toMeasure(measure),
        team: teamRef(team),
        points: points.map(toPoint),
        analysis: analyseMeasure(measure, points),
        annotations: chartAnnotations(dates, measure.rebaseOn),
        canEdit: access.canEditTeam(team.id),
      };
    },

    /**
     * Changes a measure's details, target, chart settings (rules, fixed baseline, rebases) or place on the board (the
     * team's editors); the data version goes up.
     */
    async update(actor: Actor, measureId: string, input: TeamMeasureUpdateInput): Promise<TeamMeasure> {
      return db.transaction(async (tx) => {
        const { measure, access, team } = await lockForEdit(tx, actor, measureId);
        await assertModuleOfProgramme(tx, input.houseModuleId, access.registration.programmeId);
        const unit = input.unit ?? measure.unit;
        await series.assertUnitFits(tx, measure, input.unit);
        const target = input.target !== undefined ? input.target : measure.target;
        if (target !== null && (input.target !== undefined || input.unit !== undefined)) {
          assertValue(target, unit, "target");
        }
        const { onBoard, ...rest } = input;
        const place: { onBoard?: boolean; boardPosition?: number } = {};
        if (onBoard === true && !measure.onBoard) {
          await repo.lockTeam(tx, team.id);
          const board = await repo.boardStanding(tx, team.id);
          if (board.count >= BOARD_MAX_MEASURES) {
            throw unprocessable(
              "board_full",
              `The board already shows ${BOARD_MAX_MEASURES} measures. Take one off the board first.`,
              [{ field: "onBoard", message: `The board can show ${BOARD_MAX_MEASURES} measures at most` }],
            );
          }
          Object.assign(place, { onBoard: true, boardPosition: board.nextPosition });
        } else if (onBoard === false && measure.onBoard) {
          Object.assign(place, { onBoard: false, boardPosition: 0 });
        }
        await repo.updateTeamMeasure(tx, measureId, {
          ...rest,
          ...(rest.rebaseOn ? { rebaseOn: [...rest.rebaseOn].sort() } : {}),
          ...place,
        });
        return reread(tx, measureId);
      });
    },

    /** Deletes a measure with its values (the team's editors); audited. */
    async remove(actor: Actor, context: RequestContext, measureId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const { measure, team } = await lockForEdit(tx, actor, measureId);
        const count = await repo.countPoints(tx, measureId);
        await repo.deleteTeamMeasure(tx, measureId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.team_measure_deleted",
          subjectType: "team_measure",
          subjectId: measureId,
          details: { teamId: team.id, title: measure.title, rows: count },
        });
      });
    },

    ...seriesMethods,

    /** The team's board: its chosen measures in order, each analysed (a constant number of statements). */
    async board(actor: Actor, teamId: string): Promise<TeamBoard> {
      const { access, team } = await loadTeamAccess(db, teamId, actor);
      return readBoard(db, team, access);
    },

    /** Sets which measures the board shows and their order, in one transaction. */
    async setBoard(actor: Actor, teamId: string, input: BoardUpdateInput): Promise<TeamBoard> {
      return db.transaction(async (tx) => {
        const { access, team } = await loadTeamAccess(tx, teamId, actor);
        assertCanEditTeam(access, team);
        await repo.lockTeam(tx, teamId);
        const mine = new Set(await repo.teamMeasureIdsAmong(tx, teamId, input.measureIds));
        const strangers = input.measureIds
          .map((id, index) => ({ id, index }))
          .filter(({ id }) => !mine.has(id));
        if (strangers.length > 0) {
          throw unprocessable(
            "invalid_measures",
            `Choose only ${team.name}'s own measures for its board.`,
            strangers.map(({ index }) => ({
              field: `measureIds.${index}`,
              message: `Measure ${index + 1} is not one of ${team.name}'s measures`,
            })),
          );
        }
        await repo.setBoard(tx, teamId, input.measureIds);
        return readBoard(tx, team, access);
      });
    },
  };
}
