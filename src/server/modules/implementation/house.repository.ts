/** The house's queries: house modules, teams and their module statuses. The only place with Drizzle for the house. */
import { and, asc, count, eq, inArray, max, ne, or, sql } from "drizzle-orm";
import type { HouseModuleKind, ModuleStatus } from "../../../shared/implementation.js";
import {
  houseModules,
  implementationTeams,
  organisations,
  programmeRegistrations,
  programmes,
  teamModuleProgress,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A house module row. */
export type HouseModuleRow = typeof houseModules.$inferSelect;
/** A team row. */
export type TeamRow = typeof implementationTeams.$inferSelect;
/** A team's status row on one module. */
export type ProgressRow = typeof teamModuleProgress.$inferSelect;

/** A programme's id and title; undefined when there is none. */
export async function getProgramme(tx: Tx, programmeId: string) {
  const [row] = await tx
    .select({ id: programmes.id, title: programmes.title })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row;
}

/** A programme's house modules in their defined order. */
export function listModules(tx: Tx, programmeId: string): Promise<HouseModuleRow[]> {
  return tx
    .select()
    .from(houseModules)
    .where(eq(houseModules.programmeId, programmeId))
    .orderBy(asc(houseModules.position), asc(houseModules.createdAt));
}

/** One house module; undefined when there is none. */
export async function getModule(tx: Tx, moduleId: string): Promise<HouseModuleRow | undefined> {
  const [row] = await tx.select().from(houseModules).where(eq(houseModules.id, moduleId));
  return row;
}

/** An organisation's registration on a programme, with the organisation's name; undefined when not registered. */
export async function findRegistration(tx: Tx, programmeId: string, organisationId: string) {
  const [row] = await tx
    .select({ id: programmeRegistrations.id, organisationName: organisations.name })
    .from(programmeRegistrations)
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .where(
      and(
        eq(programmeRegistrations.programmeId, programmeId),
        eq(programmeRegistrations.organisationId, organisationId),
      ),
    );
  return row;
}

/** A registration's programme and organisation in words. */
export async function registrationFacts(tx: Tx, registrationId: string) {
  const [row] = await tx
    .select({
      programmeId: programmes.id,
      programmeTitle: programmes.title,
      organisationName: organisations.name,
    })
    .from(programmeRegistrations)
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .where(eq(programmeRegistrations.id, registrationId));
  return row;
}

/** A registration's teams by name; only `teamIds` when given. */
export function listTeams(tx: Tx, registrationId: string, teamIds: string[] | null): Promise<TeamRow[]> {
  return tx
    .select()
    .from(implementationTeams)
    .where(
      teamIds === null
        ? eq(implementationTeams.registrationId, registrationId)
        : and(
            eq(implementationTeams.registrationId, registrationId),
            inArray(implementationTeams.id, teamIds.length > 0 ? teamIds : [NO_ID]),
          ),
    )
    .orderBy(asc(sql`lower(${implementationTeams.name})`));
}

const NO_ID = "00000000-0000-0000-0000-000000000000";

/** Every status row of the given teams, in one query. */
export function progressOfTeams(tx: Tx, teamIds: string[]): Promise<ProgressRow[]> {
  if (teamIds.length === 0) return Promise.resolve([]);
  return tx.select().from(teamModuleProgress).where(inArray(teamModuleProgress.teamId, teamIds));
}

/** Locks a team row so its status changes are made one at a time (revision checks stay true). */
export async function lockTeam(tx: Tx, teamId: string): Promise<void> {
  await tx
    .select({ id: implementationTeams.id })
    .from(implementationTeams)
    .where(eq(implementationTeams.id, teamId))
    .for("update");
}

/** A team's status on one module; undefined when none is recorded. */
export async function getProgress(
  tx: Tx,
  teamId: string,
  moduleId: string,
): Promise<ProgressRow | undefined> {
  const [row] = await tx
    .select()
    .from(teamModuleProgress)
    .where(and(eq(teamModuleProgress.teamId, teamId), eq(teamModuleProgress.houseModuleId, moduleId)));
  return row;
}

/** What a status change writes. */
export interface ProgressValues {
  teamId: string;
  moduleId: string;
  status: ModuleStatus;
  startedOn: string | null;
  completedOn: string | null;
  sustainingFrom: string | null;
  notes: string;
  updatedBy: string;
}

/** Records a team's status on a module, bumping its revision when one was already recorded. */
export async function upsertProgress(tx: Tx, values: ProgressValues): Promise<ProgressRow> {
  const set = {
    status: values.status,
    startedOn: values.startedOn,
    completedOn: values.completedOn,
    sustainingFrom: values.sustainingFrom,
    notes: values.notes,
    updatedBy: values.updatedBy,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(teamModuleProgress)
    .values({ teamId: values.teamId, houseModuleId: values.moduleId, ...set })
    .onConflictDoUpdate({
      target: [teamModuleProgress.teamId, teamModuleProgress.houseModuleId],
      set: { ...set, revision: sql`${teamModuleProgress.revision} + 1` },
    })
    .returning();
  if (!row) throw new Error("module status upsert returned no row");
  return row;
}

/** Locks the given teams (in id order, so two imports cannot deadlock). */
export async function lockTeams(tx: Tx, teamIds: string[]): Promise<void> {
  if (teamIds.length === 0) return;
  await tx
    .select({ id: implementationTeams.id })
    .from(implementationTeams)
    .where(inArray(implementationTeams.id, teamIds))
    .orderBy(asc(implementationTeams.id))
    .for("update");
}

/** Teams with a status on each module (anything but a bare "not started"), by module id. */
export async function teamsWithStatus(tx: Tx, moduleIds: string[]): Promise<Map<string, number>> {
  if (moduleIds.length === 0) return new Map();
  const rows = await tx
    .select({ moduleId: teamModuleProgress.houseModuleId, n: count() })
    .from(teamModuleProgress)
    .where(
      and(
        inArray(teamModuleProgress.houseModuleId, moduleIds),
        or(ne(teamModuleProgress.status, "not_started"), ne(teamModuleProgress.notes, "")),
      ),
    )
    .groupBy(teamModuleProgress.houseModuleId);
  return new Map(rows.map((r) => [r.moduleId, Number(r.n)]));
}

/** Locks a programme's house modules so positions change one editor at a time. */
export async function lockHouse(tx: Tx, programmeId: string): Promise<void> {
  await tx.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, programmeId)).for("update");
}

/** The highest position in a programme's house (0 when empty). */
export async function maxPosition(tx: Tx, programmeId: string): Promise<number> {
  const [row] = await tx
    .select({ n: max(houseModules.position) })
    .from(houseModules)
    .where(eq(houseModules.programmeId, programmeId));
  return row?.n ?? 0;
}

/** Adds a house module. */
export async function insertModule(
  tx: Tx,
  values: {
    programmeId: string;
    position: number;
    kind: HouseModuleKind;
    title: string;
    summary: string;
    typicalWeeks: number;
  },
): Promise<HouseModuleRow> {
  const [row] = await tx.insert(houseModules).values(values).returning();
  if (!row) throw new Error("house module insert returned no row");
  return row;
}

/** Changes a house module's fields. */
export async function updateModule(
  tx: Tx,
  moduleId: string,
  values: Partial<Pick<HouseModuleRow, "kind" | "title" | "summary" | "typicalWeeks" | "position">>,
): Promise<HouseModuleRow> {
  const [row] = await tx
    .update(houseModules)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(houseModules.id, moduleId))
    .returning();
  if (!row) throw new Error("house module update returned no row");
  return row;
}

/** Removes a house module (its bare statuses go with it; measures and benefits keep theirs without a module). */
export async function deleteModule(tx: Tx, moduleId: string): Promise<void> {
  await tx.delete(houseModules).where(eq(houseModules.id, moduleId));
}
