import { asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { BoxSetOrderStatus } from "../../../shared/implementation.js";
import {
  boxSetOrders,
  implementationSettings,
  organisations,
  programmeRegistrations,
  programmes,
  users,
} from "../../db/schema/index.js";
import type { Tx } from "../../platform/db.js";

/** A registration's organisation (name, type) and programme, locking the registration row when asked. */
export async function getRegistrationForBoxSets(tx: Tx, registrationId: string, lock = false) {
  if (lock) {
    // Two orders at once must not both take the last free sets: the second waits here until the first commits.
    await tx
      .select({ id: programmeRegistrations.id })
      .from(programmeRegistrations)
      .where(eq(programmeRegistrations.id, registrationId))
      .for("update");
  }
  const [row] = await tx
    .select({
      id: programmeRegistrations.id,
      programmeId: programmes.id,
      programmeTitle: programmes.title,
      organisationId: organisations.id,
      organisationName: organisations.name,
      organisationType: organisations.type,
    })
    .from(programmeRegistrations)
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .where(eq(programmeRegistrations.id, registrationId));
  return row ?? null;
}

/** A programme's box set cost prices (pence), or null when none are set. */
export async function getBoxSetPrices(tx: Tx, programmeId: string) {
  const [row] = await tx
    .select({
      executive: implementationSettings.executiveBoxSetPence,
      team: implementationSettings.teamBoxSetPence,
    })
    .from(implementationSettings)
    .where(eq(implementationSettings.programmeId, programmeId));
  return row ?? null;
}

const orderer = alias(users, "orderer");
const dispatcher = alias(users, "dispatcher");

const orderColumns = {
  id: boxSetOrders.id,
  registrationId: boxSetOrders.registrationId,
  executiveCount: boxSetOrders.executiveCount,
  teamCount: boxSetOrders.teamCount,
  freeExecutiveCount: boxSetOrders.freeExecutiveCount,
  freeTeamCount: boxSetOrders.freeTeamCount,
  executiveUnitPence: boxSetOrders.executiveUnitPence,
  teamUnitPence: boxSetOrders.teamUnitPence,
  totalPence: boxSetOrders.totalPence,
  deliveryAddress: boxSetOrders.deliveryAddress,
  status: boxSetOrders.status,
  orderedByUserId: boxSetOrders.orderedBy,
  ordererGivenName: orderer.givenName,
  ordererFamilyName: orderer.familyName,
  ordererEmail: orderer.email,
  orderedAt: boxSetOrders.orderedAt,
  dispatcherGivenName: dispatcher.givenName,
  dispatcherFamilyName: dispatcher.familyName,
  dispatchedAt: boxSetOrders.dispatchedAt,
  dispatchNote: boxSetOrders.dispatchNote,
};

/** A registration's orders, newest first, with who ordered and dispatched them. */
export async function listOrders(tx: Tx, registrationId: string) {
  return tx
    .select(orderColumns)
    .from(boxSetOrders)
    .leftJoin(orderer, eq(orderer.id, boxSetOrders.orderedBy))
    .leftJoin(dispatcher, eq(dispatcher.id, boxSetOrders.dispatchedBy))
    .where(eq(boxSetOrders.registrationId, registrationId))
    .orderBy(desc(boxSetOrders.orderedAt), asc(boxSetOrders.id));
}

/** Every registration's orders (optionally of one status), newest first, with organisation and programme. */
export async function listAllOrders(tx: Tx, status: BoxSetOrderStatus | undefined) {
  return tx
    .select({
      ...orderColumns,
      programmeId: programmes.id,
      programmeTitle: programmes.title,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(boxSetOrders)
    .innerJoin(programmeRegistrations, eq(programmeRegistrations.id, boxSetOrders.registrationId))
    .innerJoin(programmes, eq(programmes.id, programmeRegistrations.programmeId))
    .innerJoin(organisations, eq(organisations.id, programmeRegistrations.organisationId))
    .leftJoin(orderer, eq(orderer.id, boxSetOrders.orderedBy))
    .leftJoin(dispatcher, eq(dispatcher.id, boxSetOrders.dispatchedBy))
    .where(status ? eq(boxSetOrders.status, status) : undefined)
    .orderBy(desc(boxSetOrders.orderedAt), asc(boxSetOrders.id));
}

/** One order's registration and status (locked for the rest of the transaction when asked), or null. */
export async function getOrder(tx: Tx, orderId: string, lock = false) {
  const query = tx
    .select({
      id: boxSetOrders.id,
      registrationId: boxSetOrders.registrationId,
      status: boxSetOrders.status,
      orderedBy: boxSetOrders.orderedBy,
    })
    .from(boxSetOrders)
    .where(eq(boxSetOrders.id, orderId));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

/** Inserts an order with its split and prices fixed. */
export async function insertOrder(tx: Tx, values: typeof boxSetOrders.$inferInsert): Promise<string> {
  const [row] = await tx.insert(boxSetOrders).values(values).returning({ id: boxSetOrders.id });
  if (!row) throw new Error("box set order insert returned no row");
  return row.id;
}

/** Cancels an order. */
export async function cancelOrder(tx: Tx, orderId: string): Promise<void> {
  await tx.update(boxSetOrders).set({ status: "cancelled" }).where(eq(boxSetOrders.id, orderId));
}

/** Marks an order dispatched by an administrator with a note. */
export async function dispatchOrder(
  tx: Tx,
  orderId: string,
  values: { dispatchedBy: string; dispatchedAt: Date; dispatchNote: string },
): Promise<void> {
  await tx
    .update(boxSetOrders)
    .set({ status: "dispatched", ...values })
    .where(eq(boxSetOrders.id, orderId));
}

/** A user's email address and given name, or null. */
export async function getUserContact(tx: Tx, userId: string) {
  const [row] = await tx
    .select({ email: users.email, givenName: users.givenName })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
