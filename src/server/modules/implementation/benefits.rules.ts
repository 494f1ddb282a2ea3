import { formatCalendarDate } from "../../../shared/dates.js";
import {
  type BenefitStatus,
  CASH_CATEGORY_ORDER,
  type CashCategory,
  type CashOrder,
  MAX_BENEFIT_PENCE,
} from "../../../shared/implementation.js";
import { formatPence, RETURNED_FOR_SIGN_OFF_MESSAGE } from "../../../shared/implementation-benefits.js";
import { valueProblem } from "../../../shared/measures.js";
import type { ErrorDetail } from "../../platform/errors.js";

/** Largest non-cash value we take as real: anything bigger is a typing slip. */
export const MAX_BENEFIT_VALUE = 1_000_000_000_000;

/** The fields of a benefit a team sets, as the rules see them (every field present; null for "not given"). */
export interface BenefitState {
  houseModuleId: string | null;
  areaId: string;
  title: string;
  description: string;
  cashable: boolean;
  cashCategory: CashCategory | null;
  method: string;
  unit: string;
  baselinePence: number | null;
  forecastPence: number | null;
  realisedPence: number | null;
  baselineValue: number | null;
  forecastValue: number | null;
  realisedValue: number | null;
  baselineOn: string | null;
  forecastOn: string | null;
  realisedOn: string | null;
}

/** Every field of BenefitState, in the order a history lists changes. */
export const BENEFIT_STATE_FIELDS = [
  "title",
  "description",
  "areaId",
  "houseModuleId",
  "cashable",
  "cashCategory",
  "method",
  "unit",
  "baselinePence",
  "forecastPence",
  "realisedPence",
  "baselineValue",
  "forecastValue",
  "realisedValue",
  "baselineOn",
  "forecastOn",
  "realisedOn",
] as const satisfies readonly (keyof BenefitState)[];

/** Changing any of these on a signed-off or rejected cashable benefit sends it back for sign-off. */
export const SIGN_OFF_FIELDS: ReadonlySet<keyof BenefitState> = new Set([
  "cashable",
  "cashCategory",
  "method",
  "baselinePence",
  "forecastPence",
  "realisedPence",
  "baselineOn",
  "forecastOn",
  "realisedOn",
]);

const PENCE_FIELDS = ["baselinePence", "forecastPence", "realisedPence"] as const;
const VALUE_FIELDS = ["baselineValue", "forecastValue", "realisedValue"] as const;
const WORDS = { baseline: "baseline", forecast: "forecast", realised: "realised value" } as const;
const wordFor = (field: string) =>
  field.startsWith("baseline")
    ? WORDS.baseline
    : field.startsWith("forecast")
      ? WORDS.forecast
      : WORDS.realised;

/** The order a cashable benefit's category puts it in; null for non-cashable ones. */
export function cashOrderOf(state: Pick<BenefitState, "cashable" | "cashCategory">): CashOrder | null {
  return state.cashable && state.cashCategory ? CASH_CATEGORY_ORDER[state.cashCategory] : null;
}

/** The message for a £ value over the most one benefit may hold (issue 9: £1bn for one team is absurd). */
export function tooMuchMessage(pence: number): string {
  return `${formatPence(pence)} is more than one team could realise. Check the figure: the most we accept for one benefit is ${formatPence(MAX_BENEFIT_PENCE, { wholePounds: true })}.`;
}

/**
 * Everything wrong with a benefit's values, one entry per field, or an empty list. `today` is the UK calendar date
 * (YYYY-MM-DD): a realised date may not be after it. Cashable benefits need a category and method and hold pence from
 * £0 to £1bn; others hold finite values in their unit (0–100 for a % unit). A forecast needs its date, and so does a
 * realised value.
 */
export function benefitProblems(state: BenefitState, today: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  if (state.cashable) {
    if (!state.cashCategory) add("cashCategory", "Choose what the benefit saves or earns");
    if (state.method.trim() === "")
      add("method", "Describe the method of calculation, so the finance lead can check it");
    for (const field of PENCE_FIELDS) {
      const pence = state[field];
      if (pence === null) continue;
      if (pence < 0) add(field, `Enter the ${wordFor(field)} as £0 or more`);
      else if (pence > MAX_BENEFIT_PENCE) add(field, tooMuchMessage(pence));
    }
    for (const field of VALUE_FIELDS) {
      if (state[field] !== null)
        add(
          field,
          `A cashable benefit is recorded in £: give the ${wordFor(field)} in pounds, not as a value`,
        );
    }
  } else {
    if (state.cashCategory !== null) add("cashCategory", "Only cashable benefits have a category");
    for (const field of PENCE_FIELDS) {
      if (state[field] !== null)
        add(field, `Only cashable benefits have £ values: give the ${wordFor(field)} as a value in its unit`);
    }
    const anyValue = VALUE_FIELDS.some((f) => state[f] !== null);
    if (anyValue && state.unit.trim() === "")
      add("unit", "Enter the unit the values are in, like minutes per week");
    for (const field of VALUE_FIELDS) {
      const value = state[field];
      if (value === null) continue;
      const problem = valueProblem(value, state.unit);
      if (problem) add(field, `${problem} for the ${wordFor(field)}`);
      else if (value < 0) add(field, `Enter the ${wordFor(field)} as 0 or more`);
      else if (value > MAX_BENEFIT_VALUE)
        add(field, `The ${wordFor(field)} is too large to be right. Check the figure`);
    }
  }
  const hasForecast = state.forecastPence !== null || state.forecastValue !== null;
  const hasRealised = state.realisedPence !== null || state.realisedValue !== null;
  if (hasForecast && !state.forecastOn)
    add("forecastOn", "Enter the date the forecast benefit is expected by");
  if (hasRealised && !state.realisedOn) add("realisedOn", "Enter the date the benefit was realised");
  if (state.realisedOn && state.realisedOn > today)
    add(
      "realisedOn",
      `The realised date must be today or earlier: ${formatCalendarDate(state.realisedOn)} is in the future. Give a forecast for benefits still to come`,
    );
  return problems;
}

/**
 * A benefit after a change: the patch's fields over the current ones. Switching between cashable and not clears the
 * other kind's fields the patch does not set, so a benefit never holds both.
 */
export function mergeBenefit(current: BenefitState, patch: Partial<BenefitState>): BenefitState {
  const next: BenefitState = { ...current };
  for (const field of BENEFIT_STATE_FIELDS) {
    const value = patch[field];
    // `as`: each field is copied onto the same field, so the value has that field's type.
    if (value !== undefined) (next as unknown as Record<string, unknown>)[field] = value;
  }
  if (patch.cashable !== undefined && patch.cashable !== current.cashable) {
    const clear = (fields: readonly (keyof BenefitState)[]) => {
      for (const f of fields)
        if (patch[f] === undefined) (next as unknown as Record<string, unknown>)[f] = null;
    };
    if (next.cashable) clear(VALUE_FIELDS);
    else clear([...PENCE_FIELDS, "cashCategory"]);
  }
  return next;
}

/** What changed between two states: { field: [before, after] } for each field that differs. */
export function diffBenefit(before: BenefitState, after: BenefitState): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of BENEFIT_STATE_FIELDS) {
    if (before[field] !== after[field]) changes[field] = [before[field], after[field]];
  }
  return changes;
}

/** The initial values of a new benefit as a change from nothing, for its `created` event. */
export function initialChanges(state: BenefitState): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const field of BENEFIT_STATE_FIELDS) {
    const value = state[field];
    if (value !== null && value !== "") changes[field] = [null, value];
  }
  return changes;
}

/** True when the changes touch what a finance lead signs off (values, dates, method, category). */
export function touchesSignOff(changes: Record<string, unknown>): boolean {
  return Object.keys(changes).some((f) => SIGN_OFF_FIELDS.has(f as keyof BenefitState));
}

/**
 * A benefit's status after a change. Non-cashable benefits are `recorded`; one that becomes cashable waits for
 * sign-off; a signed-off or rejected cashable benefit whose values, dates, method or category change goes back to
 * awaiting sign-off (and says so); anything else keeps its status.
 */
export function statusAfterChange(
  before: { status: BenefitStatus; cashable: boolean },
  after: { cashable: boolean },
  changes: Record<string, unknown>,
): { status: BenefitStatus; returnedForSignOff: boolean } {
  if (!after.cashable) return { status: "recorded", returnedForSignOff: false };
  if (!before.cashable) return { status: "awaiting_sign_off", returnedForSignOff: false };
  if ((before.status === "signed_off" || before.status === "rejected") && touchesSignOff(changes))
    return { status: "awaiting_sign_off", returnedForSignOff: true };
  return { status: before.status, returnedForSignOff: false };
}

/** The sentence a saved change answers with. */
export function changeMessage(returnedForSignOff: boolean, changed: boolean): string {
  if (returnedForSignOff) return RETURNED_FOR_SIGN_OFF_MESSAGE;
  return changed ? "Benefit saved" : "Nothing changed";
}

/** Why the actor may not decide on a benefit now (403 or 409), or null when they may. */
export function decisionRefusal(facts: {
  isFinanceLead: boolean;
  organisationName: string;
  actorUserId: string;
  recordedBy: string | null;
  lastValuesChangedBy: string | null;
  cashable: boolean;
  status: BenefitStatus;
}): { status: 403 | 409; message: string } | null {
  if (!facts.isFinanceLead)
    return { status: 403, message: `Only a finance lead of ${facts.organisationName} can sign off benefits` };
  if (facts.recordedBy === facts.actorUserId)
    return { status: 403, message: "You recorded this benefit, so another finance lead must sign it off" };
  if (facts.lastValuesChangedBy === facts.actorUserId)
    return {
      status: 403,
      message: "You last changed this benefit's figures, so another finance lead must sign it off",
    };
  if (!facts.cashable)
    return { status: 409, message: "This benefit is not cashable, so it needs no finance sign-off" };
  if (facts.status !== "awaiting_sign_off")
    return {
      status: 409,
      message:
        facts.status === "queried"
          ? "This benefit is waiting for the team to answer your query"
          : facts.status === "signed_off"
            ? "This benefit is already signed off"
            : "This benefit was rejected: the team needs to change it before it can be signed off again",
    };
  return null;
}
