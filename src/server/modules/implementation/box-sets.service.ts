import type { BoxSetOrderStatus } from "../../../shared/implementation.js";
import { FREE_BOX_SETS } from "../../../shared/implementation.js";
import type {
  AdminBoxSetOrders,
  BoxSetDispatchInput,
  BoxSetOrder,
  BoxSetOrderCreateInput,
  BoxSetQuote,
  BoxSetQuoteRequest,
  BoxSetsOverview,
} from "../../../shared/implementation-box-sets.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, forbidden, notFound } from "../../platform/errors.js";
import type { Mailer } from "../../platform/mailer.js";
import { boxSetsDispatchedMessage } from "./box-sets.emails.js";
import * as repo from "./box-sets.repository.js";
import {
  type BoxSetPrice,
  describeCharge,
  freeSetsUsed,
  priceBoxSetOrder,
  qualificationReason,
  qualifiesForFreeBoxSets,
} from "./box-sets.rules.js";
import { type ImplementationAccess, loadRegistrationAccess } from "./implementation-access.js";

/** 422 naming the field, for input the schema accepts but the rules refuse. */
function unprocessable(field: string, message: string): AppError {
  return new AppError(422, "validation_failed", message, [{ field, message }]);
}

/** 403 unless the actor reads everything on the registration (team leaders do not see box sets). */
function assertCanSeeBoxSets(access: ImplementationAccess): void {
  if (!access.canReadAll)
    throw forbidden(
      "Only the organisation's programme lead, executive sponsors and finance leads can see its box set orders.",
    );
}

/** Programme leads and executive sponsors order box sets (the executive box sets are theirs). */
function canOrder(access: ImplementationAccess): boolean {
  return access.isProgrammeLead || access.isExecutive;
}

type OrderRow = Awaited<ReturnType<typeof repo.listOrders>>[number];

function fullName(given: string | null, family: string | null): string | null {
  return given === null ? null : `${given} ${family ?? ""}`.trim();
}

function toOrder(row: OrderRow): BoxSetOrder {
  return {
    id: row.id,
    executiveCount: row.executiveCount,
    teamCount: row.teamCount,
    freeExecutiveCount: row.freeExecutiveCount,
    freeTeamCount: row.freeTeamCount,
    executiveUnitPence: row.executiveUnitPence,
    teamUnitPence: row.teamUnitPence,
    totalPence: row.totalPence,
    deliveryAddress: row.deliveryAddress,
    status: row.status,
    orderedBy: fullName(row.ordererGivenName, row.ordererFamilyName),
    orderedAt: row.orderedAt.toISOString(),
    dispatchedBy: fullName(row.dispatcherGivenName, row.dispatcherFamilyName),
    dispatchedAt: row.dispatchedAt ? row.dispatchedAt.toISOString() : null,
    dispatchNote: row.dispatchNote,
  };
}

/** Box sets: entitlement, quotes, orders, cancellation and administrators' dispatch (issue 9). */
export function createBoxSetsService(deps: {
  db: Db;
  mailer: Mailer;
  config: Pick<AppConfig, "publicUrl">;
  now?: () => Date;
}) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  /** The registration, whether it qualifies, its prices, its orders and what a request would cost. */
  async function pricing(tx: Tx, registrationId: string, lock: boolean) {
    const registration = await repo.getRegistrationForBoxSets(tx, registrationId, lock);
    if (!registration) throw notFound("The programme registration");
    const prices = await repo.getBoxSetPrices(tx, registration.programmeId);
    if (!prices)
      throw conflict(
        `Box set prices for ${registration.programmeTitle} are not set yet. Ask a QI Academy administrator to set them.`,
      );
    const orders = await repo.listOrders(tx, registrationId);
    const qualifies = qualifiesForFreeBoxSets(registration.organisationType);
    const alreadyFree = freeSetsUsed(orders);
    const price = (requested: { executive: number; team: number }): BoxSetPrice =>
      priceBoxSetOrder({ qualifies, alreadyFree, requested, unitPence: prices });
    return { registration, prices, orders, qualifies, alreadyFree, price };
  }

  function toQuote(price: BoxSetPrice, qualifies: boolean): BoxSetQuote {
    return { ...price, summary: describeCharge(price, qualifies) };
  }

  async function assertAdmin(actor: Actor): Promise<void> {
    if (!actor.roles.some((r) => r.role === "platform_admin"))
      throw forbidden("Only QI Academy administrators can see and dispatch box set orders.");
  }

  return {
    /** The entitlement (free, used, remaining per kind), prices and order history; not for team leaders. */
    async overview(actor: Actor, registrationId: string): Promise<BoxSetsOverview> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        assertCanSeeBoxSets(access);
        const { registration, prices, orders, qualifies, alreadyFree } = await pricing(
          tx,
          registrationId,
          false,
        );
        const entitlement = (kind: "executive" | "team") => {
          const free = qualifies ? FREE_BOX_SETS[kind] : 0;
          const used = Math.min(alreadyFree[kind], free);
          return { free, used, remaining: free - used, unitPence: prices[kind] };
        };
        return {
          registrationId,
          organisation: { id: registration.organisationId, name: registration.organisationName },
          programme: { id: registration.programmeId, title: registration.programmeTitle },
          qualifies,
          qualifiesReason: qualificationReason(registration.organisationName, registration.organisationType),
          entitlement: { executive: entitlement("executive"), team: entitlement("team") },
          orders: orders.map(toOrder),
          access: { canOrder: canOrder(access), canCancel: access.isProgrammeLead },
        };
      });
    },

    /** What an order would cost now; writes nothing. */
    async quote(actor: Actor, registrationId: string, input: BoxSetQuoteRequest): Promise<BoxSetQuote> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        assertCanSeeBoxSets(access);
        const { price, qualifies } = await pricing(tx, registrationId, false);
        return toQuote(price({ executive: input.executiveCount, team: input.teamCount }), qualifies);
      });
    },

    /**
     * Orders box sets (programme leads and executive sponsors). The registration row is locked first so two orders
     * cannot both take the last free sets; anything charged needs acceptCharge, else 422 saying what and how much.
     */
    async order(
      actor: Actor,
      context: RequestContext,
      registrationId: string,
      input: BoxSetOrderCreateInput,
    ): Promise<BoxSetOrder> {
      return db.transaction(async (tx) => {
        const access = await loadRegistrationAccess(tx, registrationId, actor);
        assertCanSeeBoxSets(access);
        if (!canOrder(access))
          throw forbidden("Only the organisation's programme lead or executive sponsor can order box sets.");
        if (input.executiveCount + input.teamCount === 0)
          throw unprocessable("executiveCount", "Order at least one box set: enter how many of either kind");
        const { price, qualifies } = await pricing(tx, registrationId, true);
        const split = price({ executive: input.executiveCount, team: input.teamCount });
        if (split.totalPence > 0 && input.acceptCharge !== true)
          throw unprocessable(
            "acceptCharge",
            `${describeCharge(split, qualifies)} Confirm the charge to order them.`,
          );
        const id = await repo.insertOrder(tx, {
          registrationId,
          executiveCount: input.executiveCount,
          teamCount: input.teamCount,
          freeExecutiveCount: split.executive.free,
          freeTeamCount: split.team.free,
          executiveUnitPence: split.executive.unitPence,
          teamUnitPence: split.team.unitPence,
          totalPence: split.totalPence,
          deliveryAddress: input.deliveryAddress,
          orderedBy: actor.userId,
          orderedAt: clock(),
        });
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.box_sets_ordered",
          subjectType: "box_set_order",
          subjectId: id,
          details: {
            registrationId,
            executiveCount: input.executiveCount,
            teamCount: input.teamCount,
            freeExecutiveCount: split.executive.free,
            freeTeamCount: split.team.free,
            totalPence: split.totalPence,
          },
        });
        const row = (await repo.listOrders(tx, registrationId)).find((o) => o.id === id);
        if (!row) throw notFound("The order");
        return toOrder(row);
      });
    },

    /** Cancels an order that has not been dispatched (programme leads); its free sets return to the entitlement. */
    async cancel(actor: Actor, context: RequestContext, orderId: string): Promise<BoxSetOrder> {
      return db.transaction(async (tx) => {
        const found = await repo.getOrder(tx, orderId);
        if (!found) throw notFound("The box set order");
        const access = await loadRegistrationAccess(tx, found.registrationId, actor).catch(
          (error: unknown) => {
            if (error instanceof AppError && error.status === 404) throw notFound("The box set order");
            throw error;
          },
        );
        assertCanSeeBoxSets(access);
        if (!access.isProgrammeLead)
          throw forbidden("Only the organisation's programme lead can cancel a box set order.");
        await repo.getRegistrationForBoxSets(tx, found.registrationId, true);
        const order = await repo.getOrder(tx, orderId, true);
        if (!order) throw notFound("The box set order");
        if (order.status !== "ordered")
          throw conflict(
            `This order has been ${order.status}, so it cannot be cancelled. Ask a QI Academy administrator if something is wrong with it.`,
          );
        await repo.cancelOrder(tx, orderId);
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.box_sets_cancelled",
          subjectType: "box_set_order",
          subjectId: orderId,
          details: { registrationId: order.registrationId },
        });
        const row = (await repo.listOrders(tx, order.registrationId)).find((o) => o.id === orderId);
        if (!row) throw notFound("The box set order");
        return toOrder(row);
      });
    },

    /** Every order (optionally by status), newest first: administrators only. */
    async listForAdmin(actor: Actor, status: BoxSetOrderStatus | undefined): Promise<AdminBoxSetOrders> {
      await assertAdmin(actor);
      const rows = await repo.listAllOrders(db, status);
      return {
        orders: rows.map((r) => ({
          ...toOrder(r),
          registrationId: r.registrationId,
          organisation: { id: r.organisationId, name: r.organisationName },
          programme: { id: r.programmeId, title: r.programmeTitle },
          ordererEmail: r.ordererEmail,
        })),
      };
    },

    /** Marks an order dispatched with a note and emails the person who ordered it: administrators only. */
    async dispatch(
      actor: Actor,
      context: RequestContext,
      orderId: string,
      input: BoxSetDispatchInput,
    ): Promise<BoxSetOrder> {
      await assertAdmin(actor);
      return db.transaction(async (tx) => {
        const order = await repo.getOrder(tx, orderId, true);
        if (!order) throw notFound("The box set order");
        if (order.status !== "ordered")
          throw conflict(`This order has already been ${order.status}, so it cannot be dispatched.`);
        await repo.dispatchOrder(tx, orderId, {
          dispatchedBy: actor.userId,
          dispatchedAt: clock(),
          dispatchNote: input.note,
        });
        const registration = await repo.getRegistrationForBoxSets(tx, order.registrationId);
        const row = (await repo.listOrders(tx, order.registrationId)).find((o) => o.id === orderId);
        if (!row || !registration) throw notFound("The box set order");
        const contact = order.orderedBy ? await repo.getUserContact(tx, order.orderedBy) : null;
        if (contact)
          await deps.mailer.enqueue(
            tx,
            boxSetsDispatchedMessage(contact.email, {
              givenName: contact.givenName,
              organisationName: registration.organisationName,
              programmeTitle: registration.programmeTitle,
              executiveCount: row.executiveCount,
              teamCount: row.teamCount,
              totalPence: row.totalPence,
              deliveryAddress: row.deliveryAddress,
              note: input.note,
              url: `${deps.config.publicUrl}/implementation/${order.registrationId}/box-sets`,
            }),
          );
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "implementation.box_sets_dispatched",
          subjectType: "box_set_order",
          subjectId: orderId,
          details: { registrationId: order.registrationId, note: input.note },
        });
        return toOrder(row);
      });
    },
  };
}
