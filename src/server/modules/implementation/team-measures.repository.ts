import { and, asc, eq, inArray, isNotNull, notInArray, or, sql } from "drizzle-orm";
import {
  houseModules,
  implementationTeams,
  measureLibraryItems,
  programmes,
  type StoredSpcRules,
  teamMeasurePoints,
  teamMeasures,
  teamModuleProgress,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A library measure as stored. */
export type LibraryItemRow = typeof measureLibraryItems.$inferSelect;
/** A team measure as stored, with its module's title. */
export type TeamMeasureRow = typeof teamMeasures.$inferSelect & { moduleTitle: string | null };
/** A team measure's value as stored. */
export type TeamPointRow = typeof teamMeasurePoints.$inferSelect;
/** A house module, as the library and charts need it. */
export type HouseModuleRow = Pick<typeof houseModules.$inferSelect, "id" | "position" | "kind" | "title">;

const measureColumns = {
  id: teamMeasures.id,
  teamId: teamMeasures.teamId,
  libraryItemId: teamMeasures.libraryItemId,
  houseModuleId: teamMeasures.houseModuleId,
  kind: teamMeasures.kind,
  title: teamMeasures.title,
  definition: teamMeasures.definition,
  unit: teamMeasures.unit,
  improvementDirection: teamMeasures.improvementDirection,
  frequency: teamMeasures.frequency,
  target: teamMeasures.target,
  rules: teamMeasures.rules,
  baselineEndOn: teamMeasures.baselineEndOn,
  rebaseOn: teamMeasures.rebaseOn,
  onBoard: teamMeasures.onBoard,
  boardPosition: teamMeasures.boardPosition,
  dataVersion: teamMeasures.dataVersion,
  createdBy: teamMeasures.createdBy,
  createdAt: teamMeasures.createdAt,
  updatedAt: teamMeasures.updatedAt,
  moduleTitle: houseModules.title,
};

// ---------------------------------------------------------------------------------------------------------------
// The programme's library

/** A programme's id and title; null when there is no such programme. */
export async function getProgramme(
  tx: Tx,
  programmeId: string,
): Promise<{ id: string; title: string } | null> {
  const [row] = await tx
    .select({ id: programmes.id, title: programmes.title })
    .from(programmes)
    .where(eq(programmes.id, programmeId));
  return row ?? null;
}

/** A programme's house modules in their defined order. */
export async function houseModulesOf(tx: Tx, programmeId: string): Promise<HouseModuleRow[]> {
  return tx
    .select({
      id: houseModules.id,
      position: houseModules.position,
      kind: houseModules.kind,
      title: houseModules.title,
    })
    .from(houseModules)
    .where(eq(houseModules.programmeId, programmeId))
    .orderBy(asc(houseModules.position));
}

/** Whether a house module belongs to the programme. */
export async function isModuleOfProgramme(tx: Tx, moduleId: string, programmeId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: houseModules.id })
    .from(houseModules)
    .where(and(eq(houseModules.id, moduleId), eq(houseModules.programmeId, programmeId)));
  return row !== undefined;
}

/** A programme's library measures in library order. */
export async function libraryItemsOf(tx: Tx, programmeId: string): Promise<LibraryItemRow[]> {
  return tx
    .select()
    .from(measureLibraryItems)
    .where(eq(measureLibraryItems.programmeId, programmeId))
    .orderBy(asc(measureLibraryItems.position), asc(measureLibraryItems.createdAt));
}

/** One library measure by id. */
export async function getLibraryItem(tx: Tx, itemId: string): Promise<LibraryItemRow | null> {
  const [row] = await tx.select().from(measureLibraryItems).where(eq(measureLibraryItems.id, itemId));
  return row ?? null;
}

/** Adds a library measure at the end of its programme's library. */
export async function insertLibraryItem(
  tx: Tx,
  values: Omit<typeof measureLibraryItems.$inferInsert, "position">,
): Promise<LibraryItemRow> {
  // The next position is read in the insert itself so two items added together still get an order.
  const [row] = await tx
    .insert(measureLibraryItems)
    .values({
      ...values,
      position: sql`(select coalesce(max(${measureLibraryItems.position}), 0) + 1 from ${measureLibraryItems} where ${measureLibraryItems.programmeId} = ${values.programmeId})`,
    })
    .returning();
  if (!row) throw new Error("library item insert returned no row");
  return row;
}

/** Changes a library measure. */
export async function updateLibraryItem(
  tx: Tx,
  itemId: string,
  values: Partial<Omit<typeof measureLibraryItems.$inferInsert, "id" | "programmeId" | "createdAt">>,
): Promise<LibraryItemRow | null> {
  const [row] = await tx
    .update(measureLibraryItems)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(measureLibraryItems.id, itemId))
    .returning();
  return row ?? null;
}

/** Deletes a library measure; teams' copies stay (their library_item_id becomes null). */
export async function deleteLibraryItem(tx: Tx, itemId: string): Promise<boolean> {
  const rows = await tx
    .delete(measureLibraryItems)
    .where(eq(measureLibraryItems.id, itemId))
    .returning({ id: measureLibraryItems.id });
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Team measures

/** A team's measures: by module in house order (measures without a module last), then in the order added. */
export async function listTeamMeasures(tx: Tx, teamId: string): Promise<TeamMeasureRow[]> {
  return tx
    .select(measureColumns)
    .from(teamMeasures)
    .leftJoin(houseModules, eq(houseModules.id, teamMeasures.houseModuleId))
    .where(eq(teamMeasures.teamId, teamId))
    .orderBy(sql`${houseModules.position} asc nulls last`, asc(teamMeasures.createdAt), asc(teamMeasures.id));
}

/** The measures on a team's board in board order. */
export async function boardMeasuresOf(tx: Tx, teamId: string): Promise<TeamMeasureRow[]> {
  return tx
    .select(measureColumns)
    .from(teamMeasures)
    .leftJoin(houseModules, eq(houseModules.id, teamMeasures.houseModuleId))
    .where(and(eq(teamMeasures.teamId, teamId), eq(teamMeasures.onBoard, true)))
    .orderBy(asc(teamMeasures.boardPosition), asc(teamMeasures.createdAt));
}

/** One team measure by id with its module's title. */
export async function getTeamMeasure(tx: Tx, measureId: string): Promise<TeamMeasureRow | null> {
  const [row] = await tx
    .select(measureColumns)
    .from(teamMeasures)
    .leftJoin(houseModules, eq(houseModules.id, teamMeasures.houseModuleId))
    .where(eq(teamMeasures.id, measureId));
  return row ?? null;
}

/** Takes the measure's row lock, so concurrent imports and edits of its values run one after another. */
export async function lockTeamMeasure(tx: Tx, measureId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: teamMeasures.id })
    .from(teamMeasures)
    .where(eq(teamMeasures.id, measureId))
    .for("update");
  return row !== undefined;
}

/** Takes the team's row lock, so adding measures and changing the board run one after another. */
export async function lockTeam(tx: Tx, teamId: string): Promise<void> {
  await tx
    .select({ id: implementationTeams.id })
    .from(implementationTeams)
    .where(eq(implementationTeams.id, teamId))
    .for("update");
}

/** Whether the team already has a copy of a library measure. */
export async function teamHasLibraryItem(tx: Tx, teamId: string, libraryItemId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: teamMeasures.id })
    .from(teamMeasures)
    .where(and(eq(teamMeasures.teamId, teamId), eq(teamMeasures.libraryItemId, libraryItemId)))
    .limit(1);
  return row !== undefined;
}

/** Adds a measure to a team. */
export async function insertTeamMeasure(
  tx: Tx,
  values: Omit<typeof teamMeasures.$inferInsert, "id" | "onBoard" | "boardPosition" | "dataVersion">,
): Promise<string> {
  const [row] = await tx.insert(teamMeasures).values(values).returning({ id: teamMeasures.id });
  if (!row) throw new Error("team measure insert returned no row");
  return row.id;
}

/** Changes a team measure's details or settings and bumps its data version. */
export async function updateTeamMeasure(
  tx: Tx,
  measureId: string,
  values: Partial<{
    kind: TeamMeasureRow["kind"];
    title: string;
    definition: string;
    unit: string;
    improvementDirection: TeamMeasureRow["improvementDirection"];
    frequency: TeamMeasureRow["frequency"];
    target: number | null;
    rules: StoredSpcRules;
    baselineEndOn: string | null;
    rebaseOn: string[];
    onBoard: boolean;
    boardPosition: number;
    houseModuleId: string | null;
  }>,
): Promise<void> {
  await tx
    .update(teamMeasures)
    .set({ ...values, dataVersion: sql`${teamMeasures.dataVersion} + 1`, updatedAt: new Date() })
    .where(eq(teamMeasures.id, measureId));
}

/** Deletes a team measure (its values go with it). */
export async function deleteTeamMeasure(tx: Tx, measureId: string): Promise<void> {
  await tx.delete(teamMeasures).where(eq(teamMeasures.id, measureId));
}

/** How many measures are on the team's board, and the next free board position. */
export async function boardStanding(
  tx: Tx,
  teamId: string,
): Promise<{ count: number; nextPosition: number }> {
  const [row] = await tx
    .select({
      count: sql<number>`count(*)::int`,
      last: sql<number>`coalesce(max(${teamMeasures.boardPosition}), 0)::int`,
    })
    .from(teamMeasures)
    .where(and(eq(teamMeasures.teamId, teamId), eq(teamMeasures.onBoard, true)));
  return { count: row?.count ?? 0, nextPosition: (row?.last ?? 0) + 1 };
}

/** The ids among `measureIds` that are the team's. */
export async function teamMeasureIdsAmong(tx: Tx, teamId: string, measureIds: string[]): Promise<string[]> {
  if (measureIds.length === 0) return [];
  const rows = await tx
    .select({ id: teamMeasures.id })
    .from(teamMeasures)
    .where(and(eq(teamMeasures.teamId, teamId), inArray(teamMeasures.id, measureIds)));
  return rows.map((r) => r.id);
}

/**
 * Puts exactly `measureIds` on the team's board in that order (positions 1, 2, …) and takes every other measure of
 * the team off it; the data version of each measure whose place changed goes up.
 */
export async function setBoard(tx: Tx, teamId: string, measureIds: string[]): Promise<void> {
  const off = and(
    eq(teamMeasures.teamId, teamId),
    or(eq(teamMeasures.onBoard, true), sql`${teamMeasures.boardPosition} <> 0`),
    measureIds.length > 0 ? notInArray(teamMeasures.id, measureIds) : undefined,
  );
  await tx
    .update(teamMeasures)
    .set({
      onBoard: false,
      boardPosition: 0,
      dataVersion: sql`${teamMeasures.dataVersion} + 1`,
      updatedAt: new Date(),
    })
    .where(off);
  for (const [index, id] of measureIds.entries()) {
    const position = index + 1;
    await tx
      .update(teamMeasures)
      .set({
        onBoard: true,
        boardPosition: position,
        dataVersion: sql`${teamMeasures.dataVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(teamMeasures.id, id),
          eq(teamMeasures.teamId, teamId),
          or(eq(teamMeasures.onBoard, false), sql`${teamMeasures.boardPosition} <> ${position}`),
        ),
      );
  }
}

/** The team's module start and completion dates with the modules' titles, in date order of start. */
export async function moduleDatesOf(
  tx: Tx,
  teamId: string,
): Promise<{ title: string; startedOn: string | null; completedOn: string | null }[]> {
  return tx
    .select({
      title: houseModules.title,
      startedOn: teamModuleProgress.startedOn,
      completedOn: teamModuleProgress.completedOn,
    })
    .from(teamModuleProgress)
    .innerJoin(houseModules, eq(houseModules.id, teamModuleProgress.houseModuleId))
    .where(
      and(
        eq(teamModuleProgress.teamId, teamId),
        or(isNotNull(teamModuleProgress.startedOn), isNotNull(teamModuleProgress.completedOn)),
      ),
    )
    .orderBy(asc(houseModules.position));
}

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Bumps a measure's data version after its values changed. */
export async function bumpDataVersion(tx: Tx, measureId: string): Promise<void> {
  await tx
    .update(teamMeasures)
    .set({ dataVersion: sql`${teamMeasures.dataVersion} + 1`, updatedAt: new Date() })
    .where(eq(teamMeasures.id, measureId));
}

/** Every value of the given measures in date order (one statement for a whole list or board). */
export async function pointsOfMeasures(tx: Tx, measureIds: string[]): Promise<TeamPointRow[]> {
  if (measureIds.length === 0) return [];
  return tx
    .select()
    .from(teamMeasurePoints)
    .where(inArray(teamMeasurePoints.measureId, measureIds))
    .orderBy(asc(teamMeasurePoints.measureId), asc(teamMeasurePoints.observedOn));
}

/** A measure's values in date order. */
export async function pointsOf(tx: Tx, measureId: string): Promise<TeamPointRow[]> {
  return tx
    .select()
    .from(teamMeasurePoints)
    .where(eq(teamMeasurePoints.measureId, measureId))
    .orderBy(asc(teamMeasurePoints.observedOn));
}

/** One value of a measure; null for another measure's value. */
export async function getPoint(tx: Tx, measureId: string, pointId: string): Promise<TeamPointRow | null> {
  const [row] = await tx
    .select()
    .from(teamMeasurePoints)
    .where(and(eq(teamMeasurePoints.id, pointId), eq(teamMeasurePoints.measureId, measureId)));
  return row ?? null;
}

/** The measure's value on a date, if any. */
export async function pointOn(tx: Tx, measureId: string, date: string): Promise<TeamPointRow | null> {
  const [row] = await tx
    .select()
    .from(teamMeasurePoints)
    .where(and(eq(teamMeasurePoints.measureId, measureId), eq(teamMeasurePoints.observedOn, date)));
  return row ?? null;
}

/** How many values a measure holds. */
export async function countPoints(tx: Tx, measureId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(teamMeasurePoints)
    .where(eq(teamMeasurePoints.measureId, measureId));
  return row?.n ?? 0;
}

/** Adds one value; null when the date already has one (the unique index decides, so races cannot double up). */
export async function insertPoint(
  tx: Tx,
  values: { measureId: string; observedOn: string; value: number; note: string; createdBy: string | null },
): Promise<TeamPointRow | null> {
  const [row] = await tx.insert(teamMeasurePoints).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** Changes one value. */
export async function updatePoint(
  tx: Tx,
  pointId: string,
  values: Partial<{ observedOn: string; value: number; note: string }>,
): Promise<TeamPointRow | null> {
  const [row] = await tx
    .update(teamMeasurePoints)
    .set(values)
    .where(eq(teamMeasurePoints.id, pointId))
    .returning();
  return row ?? null;
}

/** Deletes one value. */
export async function deletePoint(tx: Tx, pointId: string): Promise<void> {
  await tx.delete(teamMeasurePoints).where(eq(teamMeasurePoints.id, pointId));
}

/** Deletes every value of a measure; how many went. */
export async function deleteAllPoints(tx: Tx, measureId: string): Promise<number> {
  const rows = await tx
    .delete(teamMeasurePoints)
    .where(eq(teamMeasurePoints.measureId, measureId))
    .returning({ id: teamMeasurePoints.id });
  return rows.length;
}

/** Writes imported values, replacing the value and note of dates that already have one. */
export async function upsertPoints(
  tx: Tx,
  measureId: string,
  rows: { date: string; value: number; note: string }[],
  createdBy: string | null,
): Promise<void> {
  // Batches keep each statement well under the drivers' parameter limits (5 parameters a row).
  for (let i = 0; i < rows.length; i += 2000) {
    const batch = rows.slice(i, i + 2000);
    await tx
      .insert(teamMeasurePoints)
      .values(batch.map((r) => ({ measureId, observedOn: r.date, value: r.value, note: r.note, createdBy })))
      .onConflictDoUpdate({
        target: [teamMeasurePoints.measureId, teamMeasurePoints.observedOn],
        set: { value: sql`excluded.value`, note: sql`excluded.note` },
      });
  }
}
