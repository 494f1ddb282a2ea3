import { z } from "zod";
import { BOX_SET_ORDER_STATUSES } from "./implementation.js";

/**
 * Programme implementation, box sets part (issue 9): the entitlement, quotes, orders and their dispatch. Qualifying
 * NHS organisations (NHS trusts and integrated care boards) get FREE_BOX_SETS (3 executive, 5 team) free; further
 * sets, and every set for other organisations, cost the programme's cost price.
 */

/** Most box sets of one kind in one order. */
export const BOX_SET_ORDER_MAX = 100;
/** Longest delivery address, in characters. */
export const DELIVERY_ADDRESS_MAX = 1000;
/** Longest dispatch note. */
export const DISPATCH_NOTE_MAX = 1000;

/** Pence as pounds and pence, always with two decimals, as a price list writes them: "£1,300.00", "£0.00". */
export function formatBoxSetPence(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  const pounds = Math.floor(abs / 100).toLocaleString("en-GB");
  return `${sign}£${pounds}.${String(abs % 100).padStart(2, "0")}`;
}

const count = (what: string) =>
  z
    .number(`Enter how many ${what} box sets you want, or 0`)
    .int(`Enter a whole number of ${what} box sets`)
    .min(0, `Enter 0 or more ${what} box sets`)
    .max(BOX_SET_ORDER_MAX, `Order ${BOX_SET_ORDER_MAX} ${what} box sets or fewer at a time`);

/** Params naming a box set order. */
export const BoxSetOrderParamsSchema = z.strictObject({ orderId: z.uuid("Enter a valid id") });

/** POST …/box-sets/quote. */
export const BoxSetQuoteRequestSchema = z.strictObject({
  executiveCount: count("executive"),
  teamCount: count("team"),
});
/** POST …/box-sets/quote. */
export type BoxSetQuoteRequest = z.infer<typeof BoxSetQuoteRequestSchema>;

/** How an order splits into free and charged sets, and what it costs. */
export const BoxSetQuoteSchema = z.object({
  executive: z.object({ free: z.number().int(), charged: z.number().int(), unitPence: z.number().int() }),
  team: z.object({ free: z.number().int(), charged: z.number().int(), unitPence: z.number().int() }),
  totalPence: z.number().int(),
  /** A sentence saying what is charged, or that everything is free; empty when nothing is asked for. */
  summary: z.string(),
});
/** A quote. */
export type BoxSetQuote = z.infer<typeof BoxSetQuoteSchema>;

/** POST …/box-sets. */
export const BoxSetOrderCreateSchema = z.strictObject({
  executiveCount: count("executive"),
  teamCount: count("team"),
  deliveryAddress: z
    .string("Enter the delivery address")
    .trim()
    .min(10, "Enter the full delivery address, including the postcode")
    .max(DELIVERY_ADDRESS_MAX, `The delivery address must be ${DELIVERY_ADDRESS_MAX} characters or fewer`),
  /** Must be true when any set is charged. */
  acceptCharge: z.boolean().optional(),
});
/** POST …/box-sets. */
export type BoxSetOrderCreateInput = z.infer<typeof BoxSetOrderCreateSchema>;

/** One order in the history. */
export const BoxSetOrderSchema = z.object({
  id: z.string(),
  executiveCount: z.number().int(),
  teamCount: z.number().int(),
  freeExecutiveCount: z.number().int(),
  freeTeamCount: z.number().int(),
  executiveUnitPence: z.number().int(),
  teamUnitPence: z.number().int(),
  totalPence: z.number().int(),
  deliveryAddress: z.string(),
  status: z.enum(BOX_SET_ORDER_STATUSES),
  orderedBy: z.string().nullable(),
  orderedAt: z.string(),
  dispatchedBy: z.string().nullable(),
  dispatchedAt: z.string().nullable(),
  dispatchNote: z.string(),
});
/** One order. */
export type BoxSetOrder = z.infer<typeof BoxSetOrderSchema>;

const entitlement = z.object({
  /** Free sets for this kind: 0 when the organisation does not qualify. */
  free: z.number().int(),
  /** Free sets already used by orders that are not cancelled. */
  used: z.number().int(),
  remaining: z.number().int(),
  unitPence: z.number().int(),
});

/** GET /api/implementation/registrations/:registrationId/box-sets. */
export const BoxSetsOverviewSchema = z.object({
  registrationId: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  programme: z.object({ id: z.string(), title: z.string() }),
  qualifies: z.boolean(),
  /** Why the organisation does or does not get free sets, in a sentence. */
  qualifiesReason: z.string(),
  entitlement: z.object({ executive: entitlement, team: entitlement }),
  orders: z.array(BoxSetOrderSchema),
  access: z.object({ canOrder: z.boolean(), canCancel: z.boolean() }),
});
/** The box sets page. */
export type BoxSetsOverview = z.infer<typeof BoxSetsOverviewSchema>;

/** GET /api/admin/box-set-orders query. */
export const AdminBoxSetOrdersQuerySchema = z.strictObject({
  status: z.enum(BOX_SET_ORDER_STATUSES, "Choose ordered, dispatched or cancelled").optional(),
});

/** One order in the administrators' list. */
export const AdminBoxSetOrderSchema = BoxSetOrderSchema.extend({
  registrationId: z.string(),
  organisation: z.object({ id: z.string(), name: z.string() }),
  programme: z.object({ id: z.string(), title: z.string() }),
  ordererEmail: z.string().nullable(),
});
/** One order for administrators. */
export type AdminBoxSetOrder = z.infer<typeof AdminBoxSetOrderSchema>;

/** GET /api/admin/box-set-orders, newest first. */
export const AdminBoxSetOrdersSchema = z.object({ orders: z.array(AdminBoxSetOrderSchema) });
/** The administrators' list. */
export type AdminBoxSetOrders = z.infer<typeof AdminBoxSetOrdersSchema>;

/** POST /api/admin/box-set-orders/:orderId/dispatch. */
export const BoxSetDispatchSchema = z.strictObject({
  note: z
    .string()
    .trim()
    .max(DISPATCH_NOTE_MAX, `The note must be ${DISPATCH_NOTE_MAX} characters or fewer`)
    .default(""),
});
/** POST …/dispatch. */
export type BoxSetDispatchInput = z.infer<typeof BoxSetDispatchSchema>;
