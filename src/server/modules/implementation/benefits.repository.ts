import { aliasedTable, and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { BenefitStatus } from "../../../shared/implementation.js";
import {
  benefitAreas,
  benefitEvents,
  benefitEvidence,
  benefits,
  houseModules,
  implementationTeams,
  organisations,
  programmeRegistrations,
  programmes,
  registrationPeople,
  storedFiles,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A benefit row as stored. */
export type BenefitRow = typeof benefits.$inferSelect;
/** A benefit event row as stored. */
export type BenefitEventRow = typeof benefitEvents.$inferSelect;

/** The registration's organisation and programme names. */
export async function getRegistrationNames(
  tx: Tx,
  registrationId: string,
): Promise<{ organisationName: string; programmeTitle: string; programmeId: string } | null> {
  const [row] = await tx
    .select({
      organisationName: organisations.name,
      programmeTitle: programmes.title,
      programmeId: programmes.id,
    })
    .from(programmeRegistrations)
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .where(eq(programmeRegistrations.id, registrationId));
  return row ?? null;
}

/** Locks the registration row, so two changes to its benefit areas run one after the other. */
export async function lockRegistration(tx: Tx, registrationId: string): Promise<void> {
  await tx
    .select({ id: programmeRegistrations.id })
    .from(programmeRegistrations)
    .where(eq(programmeRegistrations.id, registrationId))
    .for("update");
}

/** A registration's benefit areas in order, each with how many benefits it holds. */
export async function listAreas(tx: Tx, registrationId: string) {
  return tx
    .select({
      id: benefitAreas.id,
      label: benefitAreas.label,
      position: benefitAreas.position,
      benefitCount: count(benefits.id),
    })
    .from(benefitAreas)
    .leftJoin(benefits, eq(benefits.areaId, benefitAreas.id))
    .where(eq(benefitAreas.registrationId, registrationId))
    .groupBy(benefitAreas.id)
    .orderBy(asc(benefitAreas.position), asc(benefitAreas.createdAt));
}

/** Gives an area a new label and position. */
export async function updateArea(tx: Tx, areaId: string, values: { label: string; position: number }) {
  await tx.update(benefitAreas).set(values).where(eq(benefitAreas.id, areaId));
}

/** Adds an area to a registration. */
export async function insertArea(
  tx: Tx,
  values: { registrationId: string; label: string; position: number },
) {
  await tx.insert(benefitAreas).values(values);
}

/** Removes areas (the caller has checked they hold no benefits). */
export async function deleteAreas(tx: Tx, areaIds: string[]) {
  if (areaIds.length === 0) return;
  await tx.delete(benefitAreas).where(inArray(benefitAreas.id, areaIds));
}

/** One area of a registration, or null. */
export async function getArea(tx: Tx, registrationId: string, areaId: string) {
  const [row] = await tx
    .select({ id: benefitAreas.id, label: benefitAreas.label })
    .from(benefitAreas)
    .where(and(eq(benefitAreas.id, areaId), eq(benefitAreas.registrationId, registrationId)));
  return row ?? null;
}

/** One module of a programme's house, or null. */
export async function getHouseModule(tx: Tx, programmeId: string, moduleId: string) {
  const [row] = await tx
    .select({ id: houseModules.id, title: houseModules.title })
    .from(houseModules)
    .where(and(eq(houseModules.id, moduleId), eq(houseModules.programmeId, programmeId)));
  return row ?? null;
}

/** A programme's house modules in order. */
export async function listModules(tx: Tx, programmeId: string) {
  return tx
    .select({
      id: houseModules.id,
      title: houseModules.title,
      kind: houseModules.kind,
      position: houseModules.position,
    })
    .from(houseModules)
    .where(eq(houseModules.programmeId, programmeId))
    .orderBy(asc(houseModules.position));
}

/** A registration's teams by name. */
export async function listTeams(tx: Tx, registrationId: string) {
  return tx
    .select({ id: implementationTeams.id, name: implementationTeams.name })
    .from(implementationTeams)
    .where(eq(implementationTeams.registrationId, registrationId))
    .orderBy(asc(implementationTeams.name));
}

/** Stores a new benefit. */
export async function insertBenefit(tx: Tx, values: typeof benefits.$inferInsert): Promise<BenefitRow> {
  const [row] = await tx.insert(benefits).values(values).returning();
  if (!row) throw new Error("insert into benefits returned no row");
  return row;
}

/** One benefit by id, or null. */
export async function getBenefit(tx: Tx, benefitId: string): Promise<BenefitRow | null> {
  const [row] = await tx.select().from(benefits).where(eq(benefits.id, benefitId));
  return row ?? null;
}

/** One benefit by id, locked for a change until the transaction ends. */
export async function lockBenefit(tx: Tx, benefitId: string): Promise<BenefitRow | null> {
  const [row] = await tx.select().from(benefits).where(eq(benefits.id, benefitId)).for("update");
  return row ?? null;
}

/** Changes a benefit and bumps its revision. */
export async function updateBenefit(
  tx: Tx,
  benefitId: string,
  values: Partial<typeof benefits.$inferInsert>,
): Promise<BenefitRow> {
  const [row] = await tx
    .update(benefits)
    .set({ ...values, revision: sql`${benefits.revision} + 1`, updatedAt: new Date() })
    .where(eq(benefits.id, benefitId))
    .returning();
  if (!row) throw new Error("update of benefits returned no row");
  return row;
}

const signer = aliasedTable(users, "signer");
const recorder = aliasedTable(users, "recorder");

const VIEW_COLUMNS = {
  benefit: benefits,
  teamName: implementationTeams.name,
  areaLabel: benefitAreas.label,
  moduleTitle: houseModules.title,
  recorderGiven: recorder.givenName,
  recorderFamily: recorder.familyName,
  signerGiven: signer.givenName,
  signerFamily: signer.familyName,
};

function viewQuery(tx: Tx, where: SQL | undefined) {
  return tx
    .select(VIEW_COLUMNS)
    .from(benefits)
    .innerJoin(implementationTeams, eq(implementationTeams.id, benefits.teamId))
    .innerJoin(benefitAreas, eq(benefitAreas.id, benefits.areaId))
    .leftJoin(houseModules, eq(houseModules.id, benefits.houseModuleId))
    .leftJoin(recorder, eq(recorder.id, benefits.recordedBy))
    .leftJoin(signer, eq(signer.id, benefits.signedOffBy))
    .where(where);
}

/** A benefit with its team, area, module and the names of who recorded and signed it off. */
export type BenefitView = Awaited<ReturnType<typeof viewQuery>>[number];

/** One benefit with its names, or null. */
export async function getBenefitView(tx: Tx, benefitId: string): Promise<BenefitView | null> {
  const [row] = await viewQuery(tx, eq(benefits.id, benefitId));
  return row ?? null;
}

/** A registration's benefits with their names, newest change first; `teamIds` limits them to those teams. */
export async function listBenefitViews(
  tx: Tx,
  registrationId: string,
  filters: { teamIds: string[] | null; status?: BenefitStatus },
): Promise<BenefitView[]> {
  if (filters.teamIds?.length === 0) return [];
  return viewQuery(
    tx,
    and(
      eq(benefits.registrationId, registrationId),
      filters.teamIds ? inArray(benefits.teamId, filters.teamIds) : undefined,
      filters.status ? eq(benefits.status, filters.status) : undefined,
    ),
  ).orderBy(desc(benefits.updatedAt), asc(benefits.title));
}

/** Records one entry in a benefit's history. */
export async function insertEvent(tx: Tx, values: typeof benefitEvents.$inferInsert): Promise<void> {
  // clock_timestamp(), not the column's now(): events written in one transaction keep the order they happened in.
  await tx.insert(benefitEvents).values({ ...values, createdAt: sql`clock_timestamp()` });
}

/** A benefit's history, oldest first, with each actor's name. */
export async function listEvents(tx: Tx, benefitId: string) {
  return (
    tx
      .select({
        event: benefitEvents,
        givenName: users.givenName,
        familyName: users.familyName,
      })
      .from(benefitEvents)
      .leftJoin(users, eq(users.id, benefitEvents.actorUserId))
      .where(eq(benefitEvents.benefitId, benefitId))
      // A return for sign-off is written with the change that caused it, and may share its timestamp: it comes after.
      .orderBy(
        asc(benefitEvents.createdAt),
        sql`case when ${benefitEvents.kind} = 'returned_for_sign_off' then 1 else 0 end`,
        asc(benefitEvents.id),
      )
  );
}

/** The creation and change events of a benefit, newest first (to find who last changed its figures). */
export async function listValueEvents(tx: Tx, benefitId: string) {
  return tx
    .select({ actorUserId: benefitEvents.actorUserId, changes: benefitEvents.changes })
    .from(benefitEvents)
    .where(and(eq(benefitEvents.benefitId, benefitId), inArray(benefitEvents.kind, ["created", "updated"])))
    .orderBy(desc(benefitEvents.createdAt));
}

/** Stores an evidence file's bytes and links it to the benefit. */
export async function insertEvidence(
  tx: Tx,
  values: {
    benefitId: string;
    filename: string;
    contentType: string;
    sizeBytes: number;
    sha256: string;
    content: Buffer;
    addedBy: string;
  },
): Promise<string> {
  const [file] = await tx
    .insert(storedFiles)
    .values({
      filename: values.filename,
      contentType: values.contentType,
      sizeBytes: values.sizeBytes,
      sha256: values.sha256,
      content: values.content,
      purpose: "benefit_evidence",
      uploadedBy: values.addedBy,
    })
    .returning({ id: storedFiles.id });
  if (!file) throw new Error("insert into stored_files returned no row");
  const [row] = await tx
    .insert(benefitEvidence)
    .values({ benefitId: values.benefitId, storedFileId: file.id, addedBy: values.addedBy })
    .returning({ id: benefitEvidence.id });
  if (!row) throw new Error("insert into benefit_evidence returned no row");
  return row.id;
}

const EVIDENCE_COLUMNS = {
  id: benefitEvidence.id,
  storedFileId: benefitEvidence.storedFileId,
  filename: storedFiles.filename,
  contentType: storedFiles.contentType,
  sizeBytes: storedFiles.sizeBytes,
  addedBy: benefitEvidence.addedBy,
  givenName: users.givenName,
  familyName: users.familyName,
  createdAt: benefitEvidence.createdAt,
};

/** A benefit's evidence files (details, not bytes), oldest first. */
export async function listEvidence(tx: Tx, benefitId: string) {
  return tx
    .select(EVIDENCE_COLUMNS)
    .from(benefitEvidence)
    .innerJoin(storedFiles, eq(storedFiles.id, benefitEvidence.storedFileId))
    .leftJoin(users, eq(users.id, benefitEvidence.addedBy))
    .where(eq(benefitEvidence.benefitId, benefitId))
    .orderBy(asc(benefitEvidence.createdAt));
}

/** One evidence file of a benefit (details), or null. */
export async function getEvidence(tx: Tx, benefitId: string, evidenceId: string) {
  const [row] = await tx
    .select(EVIDENCE_COLUMNS)
    .from(benefitEvidence)
    .innerJoin(storedFiles, eq(storedFiles.id, benefitEvidence.storedFileId))
    .leftJoin(users, eq(users.id, benefitEvidence.addedBy))
    .where(and(eq(benefitEvidence.id, evidenceId), eq(benefitEvidence.benefitId, benefitId)));
  return row ?? null;
}

/** An evidence file's bytes, or null. */
export async function readEvidenceContent(tx: Tx, storedFileId: string): Promise<Buffer | null> {
  const [row] = await tx
    .select({ content: storedFiles.content })
    .from(storedFiles)
    .where(and(eq(storedFiles.id, storedFileId), eq(storedFiles.purpose, "benefit_evidence")));
  return row?.content ?? null;
}

/** Removes an evidence file: the stored bytes go with it (the link cascades). */
export async function deleteEvidenceFile(tx: Tx, storedFileId: string): Promise<void> {
  await tx.delete(storedFiles).where(eq(storedFiles.id, storedFileId));
}

/** How many evidence files a benefit has. */
export async function countEvidence(tx: Tx, benefitId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(benefitEvidence)
    .where(eq(benefitEvidence.benefitId, benefitId));
  return row?.n ?? 0;
}

/** The finance leads of a registration with their email addresses. */
export async function financeLeads(tx: Tx, registrationId: string) {
  return tx
    .select({ userId: users.id, email: users.email, givenName: users.givenName })
    .from(registrationPeople)
    .innerJoin(users, eq(users.id, registrationPeople.userId))
    .where(
      and(eq(registrationPeople.registrationId, registrationId), eq(registrationPeople.role, "finance_lead")),
    );
}

/** One person's email address and first name, or null. */
export async function contactOf(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ email: users.email, givenName: users.givenName })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
