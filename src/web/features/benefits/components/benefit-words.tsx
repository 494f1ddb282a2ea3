import { formatCalendarDate } from "../../../../shared/dates";
import {
  BENEFIT_STATUS_LABELS,
  BENEFIT_STATUSES,
  type BenefitStatus,
  CASH_CATEGORIES,
  CASH_CATEGORY_LABELS,
  CASH_ORDER_LABELS,
  type CashCategory,
  type CashOrder,
} from "../../../../shared/implementation";
import { BENEFIT_FIELD_LABELS, formatPence } from "../../../../shared/implementation-benefits";
import { Tag } from "../../../components/nhs";

/** Where the benefits pages live. */
export const benefitPaths = {
  registration: (registrationId: string) => `/implementation/${registrationId}`,
  list: (registrationId: string) => `/implementation/${registrationId}/benefits`,
  create: (registrationId: string, teamId?: string) =>
    `/implementation/${registrationId}/benefits/new${teamId ? `?teamId=${encodeURIComponent(teamId)}` : ""}`,
  benefit: (benefitId: string) => `/implementation/benefits/${benefitId}`,
  edit: (benefitId: string) => `/implementation/benefits/${benefitId}/edit`,
  areas: (registrationId: string) => `/implementation/${registrationId}/benefit-areas`,
};

const STATUS_COLOURS: Record<BenefitStatus, "grey" | "blue" | "yellow" | "green" | "red"> = {
  recorded: "grey",
  awaiting_sign_off: "blue",
  queried: "yellow",
  signed_off: "green",
  rejected: "red",
};

/** A benefit's status as a tag, always with its words. */
export function BenefitStatusTag({ status }: { status: BenefitStatus }) {
  return <Tag modifier={STATUS_COLOURS[status]}>{BENEFIT_STATUS_LABELS[status]}</Tag>;
}

/** "First-order", "Second-order" or "Not cashable", short enough for a table. */
export function orderWords(cashable: boolean, order: CashOrder | null): string {
  if (!cashable || !order) return "Not cashable";
  return order === "first" ? "First-order" : "Second-order";
}

/** The order and category in words: "First-order (working capital): stock". */
export function categoryWords(category: CashCategory | null, order: CashOrder | null): string {
  if (!category || !order) return "Not cashable";
  return `${CASH_ORDER_LABELS[order]}: ${CASH_CATEGORY_LABELS[category].toLowerCase()}`;
}

/** A value in pence or in its unit, or "Not given". */
export function amountWords(
  b: { cashable: boolean; unit: string },
  pence: number | null,
  value: number | null,
) {
  if (b.cashable) return pence === null ? "Not given" : formatPence(pence);
  if (value === null) return "Not given";
  const unit = b.unit.trim();
  if (unit.startsWith("%")) return `${value}${unit}`;
  return unit ? `${value.toLocaleString("en-GB")} ${unit}` : value.toLocaleString("en-GB");
}

const PENCE = new Set(["baselinePence", "forecastPence", "realisedPence"]);
const DATES = new Set(["baselineOn", "forecastOn", "realisedOn"]);

/** One side of a change in the history, in words. */
export function changeValueWords(
  field: string,
  value: string | number | boolean | null,
  names: { areas: Map<string, string>; modules: Map<string, string> },
): string {
  if (value === null || value === "") return "nothing";
  if (PENCE.has(field) && typeof value === "number") return formatPence(value);
  if (DATES.has(field) && typeof value === "string") return formatCalendarDate(value);
  if (field === "cashable") return value ? "Yes" : "No";
  const status = BENEFIT_STATUSES.find((s) => s === value);
  if (field === "status" && status) return BENEFIT_STATUS_LABELS[status];
  const category = CASH_CATEGORIES.find((c) => c === value);
  if (field === "cashCategory" && category) return CASH_CATEGORY_LABELS[category];
  if (field === "areaId" && typeof value === "string") return names.areas.get(value) ?? "another area";
  if (field === "houseModuleId" && typeof value === "string")
    return names.modules.get(value) ?? "another module";
  if (typeof value === "number") return value.toLocaleString("en-GB");
  return String(value);
}

/** The label of a field named in the history. */
export function fieldWords(field: string): string {
  return BENEFIT_FIELD_LABELS[field] ?? field;
}
