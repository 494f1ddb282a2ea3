import { type BoxSetKind, FREE_BOX_SETS } from "../../../shared/implementation.js";
import { formatBoxSetPence } from "../../../shared/implementation-box-sets.js";
import type { OrganisationType } from "../../../shared/organisations.js";

/**
 * Box set entitlement and pricing rules (issue 9), pure so they are unit-tested.
 *
 * Who qualifies: the issue gives free box sets to "qualifying NHS organisations". We read that as the NHS bodies that
 * run the programme for their own staff: NHS trusts (`nhs_trust`) and integrated care boards (`icb`). Directorates,
 * teams, universities, non-NHS and other organisations pay cost price for every set; a directorate or team should
 * register its trust to use the trust's entitlement.
 */
export const QUALIFYING_ORGANISATION_TYPES: readonly OrganisationType[] = ["nhs_trust", "icb"];

/** True when an organisation of this type gets FREE_BOX_SETS free. */
export function qualifiesForFreeBoxSets(type: OrganisationType): boolean {
  return QUALIFYING_ORGANISATION_TYPES.includes(type);
}

/** Why an organisation does or does not get free box sets, in a sentence for its page. */
export function qualificationReason(organisationName: string, type: OrganisationType): string {
  if (qualifiesForFreeBoxSets(type))
    return `${organisationName} is an NHS trust or integrated care board, so it gets ${FREE_BOX_SETS.executive} executive and ${FREE_BOX_SETS.team} team box sets free. Further sets are charged at cost price.`;
  return `Free box sets are for NHS trusts and integrated care boards. ${organisationName} is not one, so every box set is charged at cost price.`;
}

/** Counts per kind of box set. */
export type BoxSetCounts = Record<BoxSetKind, number>;

/** What an order (or a would-be order) holds: how many of each kind are free and how many charged, and the total. */
export interface BoxSetPrice {
  executive: { free: number; charged: number; unitPence: number };
  team: { free: number; charged: number; unitPence: number };
  totalPence: number;
}

/**
 * Splits requested box sets into free and charged: a qualifying organisation's free sets of each kind are
 * FREE_BOX_SETS less those its earlier (not cancelled) orders already took free; the excess is charged at the unit
 * price, never refused. A non-qualifying organisation pays for every set.
 */
export function priceBoxSetOrder(input: {
  qualifies: boolean;
  alreadyFree: BoxSetCounts;
  requested: BoxSetCounts;
  unitPence: BoxSetCounts;
}): BoxSetPrice {
  const split = (kind: BoxSetKind) => {
    const remaining = input.qualifies ? Math.max(0, FREE_BOX_SETS[kind] - input.alreadyFree[kind]) : 0;
    const requested = Math.max(0, input.requested[kind]);
    const free = Math.min(requested, remaining);
    return { free, charged: requested - free, unitPence: input.unitPence[kind] };
  };
  const executive = split("executive");
  const team = split("team");
  return {
    executive,
    team,
    totalPence: executive.charged * executive.unitPence + team.charged * team.unitPence,
  };
}

/** Free sets already used by a registration's orders: cancelled orders give theirs back. */
export function freeSetsUsed(
  orders: ReadonlyArray<{ status: string; freeExecutiveCount: number; freeTeamCount: number }>,
): BoxSetCounts {
  const live = orders.filter((o) => o.status !== "cancelled");
  return {
    executive: live.reduce((sum, o) => sum + o.freeExecutiveCount, 0),
    team: live.reduce((sum, o) => sum + o.freeTeamCount, 0),
  };
}

function sets(n: number, kind: BoxSetKind): string {
  return `${n} ${kind} box set${n === 1 ? "" : "s"}`;
}

/**
 * What is charged, in words: "2 team box sets are beyond your free entitlement and cost £130.00 at cost price." For
 * non-qualifying organisations the sets are not "beyond" anything, so it says they are charged at cost price.
 */
export function describeCharge(price: BoxSetPrice, qualifies: boolean): string {
  const charged = (["executive", "team"] as const).filter((k) => price[k].charged > 0);
  if (charged.length === 0) {
    const free = price.executive.free + price.team.free;
    return free > 0 ? "These box sets are free: they are within your free entitlement." : "";
  }
  const what = charged.map((k) => sets(price[k].charged, k)).join(" and ");
  const count = charged.reduce((n, k) => n + price[k].charged, 0);
  const verb = count === 1 ? "is" : "are";
  const cost = formatBoxSetPence(price.totalPence);
  return qualifies
    ? `${what} ${verb} beyond your free entitlement and cost ${cost} at cost price.`
    : `${what} ${verb} charged at cost price: ${cost}.`;
}
