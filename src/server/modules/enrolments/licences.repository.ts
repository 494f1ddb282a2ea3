import { and, count, desc, eq, type SQL, sql } from "drizzle-orm";
import { courses, enrolments, organisationLicences, organisations } from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** Columns to create a licence. */
export type NewLicence = typeof organisationLicences.$inferInsert;
/** A licence row. */
export type LicenceRow = typeof organisationLicences.$inferSelect;

/** Inserts a licence and returns its id. */
export async function insertLicence(tx: Tx, values: NewLicence): Promise<string> {
  const [row] = await tx
    .insert(organisationLicences)
    .values(values)
    .returning({ id: organisationLicences.id });
  if (!row) throw new Error("insert into organisation_licences returned no row");
  return row.id;
}

/**
 * A licence, locked for the rest of the transaction so its seats can be checked against enrolments without one
 * slipping in between (enrolling through a licence takes the same lock).
 */
export async function getForUpdate(tx: Tx, id: string): Promise<LicenceRow | null> {
  const [row] = await tx
    .select()
    .from(organisationLicences)
    .where(eq(organisationLicences.id, id))
    .for("update");
  return row ?? null;
}

/** Seats taken: every enrolment ever made through the licence. */
export async function countSeatsUsed(tx: Tx, licenceId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(enrolments).where(eq(enrolments.licenceId, licenceId));
  return row?.n ?? 0;
}

/** Changes a licence's seats, dates or note. */
export async function updateLicence(
  tx: Tx,
  id: string,
  changes: Partial<Pick<NewLicence, "seats" | "startsOn" | "endsOn" | "note">>,
): Promise<void> {
  await tx.update(organisationLicences).set(changes).where(eq(organisationLicences.id, id));
}

/** Filters for the licence list. */
export interface LicenceFilters {
  id?: string;
  organisationId?: string;
  courseId?: string;
}

/** Licences with their organisation, course and seats used, latest ending first. */
export async function listLicences(tx: Tx, filters: LicenceFilters, limit: number, offset: number) {
  const where: SQL[] = [];
  if (filters.id) where.push(eq(organisationLicences.id, filters.id));
  if (filters.organisationId) where.push(eq(organisationLicences.organisationId, filters.organisationId));
  if (filters.courseId) where.push(eq(organisationLicences.courseId, filters.courseId));
  const condition = where.length > 0 ? and(...where) : undefined;
  const rows = await tx
    .select({
      id: organisationLicences.id,
      seats: organisationLicences.seats,
      startsOn: organisationLicences.startsOn,
      endsOn: organisationLicences.endsOn,
      note: organisationLicences.note,
      createdAt: organisationLicences.createdAt,
      organisation: { id: organisations.id, name: organisations.name, odsCode: organisations.odsCode },
      course: { id: courses.id, title: courses.title, level: courses.level },
      seatsUsed: sql<number>`(select count(*)::int from ${enrolments} where ${enrolments.licenceId} = ${organisationLicences.id})`,
    })
    .from(organisationLicences)
    .innerJoin(organisations, eq(organisations.id, organisationLicences.organisationId))
    .innerJoin(courses, eq(courses.id, organisationLicences.courseId))
    .where(condition)
    .orderBy(
      desc(organisationLicences.endsOn),
      desc(organisationLicences.createdAt),
      desc(organisationLicences.id),
    )
    .limit(limit)
    .offset(offset);
  const [total] = await tx.select({ n: count() }).from(organisationLicences).where(condition);
  return { rows: rows.map((r) => ({ ...r, seatsUsed: Number(r.seatsUsed) })), total: total?.n ?? 0 };
}

/** One licence in the list's shape. */
export type LicenceListRow = Awaited<ReturnType<typeof listLicences>>["rows"][number];
