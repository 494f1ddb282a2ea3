/**
 * Programme implementation: the lists and labels shared by the registration, house, team measures, box sets and
 * benefits parts (issue 9). Contracts for each part live in implementation-*.ts files beside this one.
 */

/** Where a module sits in a programme's house: guides beside it, foundation modules at the base, process above. */
export const HOUSE_MODULE_KINDS = ["guide", "foundation", "process"] as const;
/** One of HOUSE_MODULE_KINDS. */
export type HouseModuleKind = (typeof HOUSE_MODULE_KINDS)[number];
/** Words shown for each kind of house module. */
export const HOUSE_MODULE_KIND_LABELS: Record<HouseModuleKind, string> = {
  guide: "Guide",
  foundation: "Foundation module",
  process: "Process module",
};

/** A team's status on one module of the house. */
export const MODULE_STATUSES = ["not_started", "in_progress", "complete", "sustaining"] as const;
/** One of MODULE_STATUSES. */
export type ModuleStatus = (typeof MODULE_STATUSES)[number];
/** Words shown for each module status. */
export const MODULE_STATUS_LABELS: Record<ModuleStatus, string> = {
  not_started: "Not started",
  in_progress: "In progress",
  complete: "Complete",
  sustaining: "Sustaining",
};

/** Typical weeks a team spends on a module (domain.md: about six weeks a module). */
export const DEFAULT_MODULE_WEEKS = 6;

/** People named on an organisation's registration, besides team leaders (who are named on their team). */
export const REGISTRATION_ROLES = ["programme_lead", "executive_sponsor", "finance_lead"] as const;
/** One of REGISTRATION_ROLES. */
export type RegistrationRole = (typeof REGISTRATION_ROLES)[number];
/** Words shown for each registration role. */
export const REGISTRATION_ROLE_LABELS: Record<RegistrationRole, string> = {
  programme_lead: "Programme lead",
  executive_sponsor: "Executive sponsor",
  finance_lead: "Finance lead",
};

/** Where a team works. */
export const TEAM_SETTINGS = [
  "district_nursing",
  "community_therapy",
  "health_visiting",
  "school_nursing",
  "rapid_response",
  "specialist_nursing",
  "community_mental_health",
  "ward",
  "operating_theatre",
  "other",
] as const;
/** One of TEAM_SETTINGS. */
export type TeamSetting = (typeof TEAM_SETTINGS)[number];
/** Words shown for each team setting. */
export const TEAM_SETTING_LABELS: Record<TeamSetting, string> = {
  district_nursing: "District nursing",
  community_therapy: "Community therapy",
  health_visiting: "Health visiting",
  school_nursing: "School nursing",
  rapid_response: "Rapid response",
  specialist_nursing: "Specialist nursing",
  community_mental_health: "Community mental health",
  ward: "Ward",
  operating_theatre: "Operating theatre",
  other: "Other setting",
};

/** The two kinds of box set. */
export const BOX_SET_KINDS = ["executive", "team"] as const;
/** One of BOX_SET_KINDS. */
export type BoxSetKind = (typeof BOX_SET_KINDS)[number];
/** Words shown for each kind of box set. */
export const BOX_SET_KIND_LABELS: Record<BoxSetKind, string> = {
  executive: "Executive box set",
  team: "Team box set",
};
/** Free box sets for a qualifying NHS organisation (domain.md): 3 executive and 5 team. */
export const FREE_BOX_SETS: Record<BoxSetKind, number> = { executive: 3, team: 5 };
/** Where an order is. */
export const BOX_SET_ORDER_STATUSES = ["ordered", "dispatched", "cancelled"] as const;
/** One of BOX_SET_ORDER_STATUSES. */
export type BoxSetOrderStatus = (typeof BOX_SET_ORDER_STATUSES)[number];

/** The default four benefit areas, like a balanced scorecard (domain.md); each organisation may rename or add. */
export const DEFAULT_BENEFIT_AREAS = [
  "Safety and quality",
  "Patient experience",
  "Staff experience",
  "Value and efficiency",
] as const;

/** First-order (working capital) or second-order (revenue spend, income, assets) cashable benefits. */
export const CASH_ORDERS = ["first", "second"] as const;
/** One of CASH_ORDERS. */
export type CashOrder = (typeof CASH_ORDERS)[number];
/** Words shown for each order. */
export const CASH_ORDER_LABELS: Record<CashOrder, string> = {
  first: "First-order (working capital)",
  second: "Second-order (revenue, income or assets)",
};
/** What a cashable benefit saves or earns; the first two are first-order, the rest second-order. */
export const CASH_CATEGORIES = ["stock", "consumables", "revenue_spend", "income", "assets"] as const;
/** One of CASH_CATEGORIES. */
export type CashCategory = (typeof CASH_CATEGORIES)[number];
/** Words shown for each cash category. */
export const CASH_CATEGORY_LABELS: Record<CashCategory, string> = {
  stock: "Stock",
  consumables: "Consumables",
  revenue_spend: "Revenue spend",
  income: "Income",
  assets: "Assets employed",
};
/** Which order each category belongs to. */
export const CASH_CATEGORY_ORDER: Record<CashCategory, CashOrder> = {
  stock: "first",
  consumables: "first",
  revenue_spend: "second",
  income: "second",
  assets: "second",
};

/**
 * A benefit's sign-off state. Non-cashable benefits are `recorded` and need no sign-off; cashable ones wait for the
 * finance lead (`awaiting_sign_off`), who signs them off, queries them (the team answers, and they wait again) or
 * rejects them. Only `signed_off` values count as realised.
 */
export const BENEFIT_STATUSES = [
  "recorded",
  "awaiting_sign_off",
  "queried",
  "signed_off",
  "rejected",
] as const;
/** One of BENEFIT_STATUSES. */
export type BenefitStatus = (typeof BENEFIT_STATUSES)[number];
/** Words shown for each benefit status. */
export const BENEFIT_STATUS_LABELS: Record<BenefitStatus, string> = {
  recorded: "Recorded",
  awaiting_sign_off: "Awaiting sign-off",
  queried: "Queried by finance",
  signed_off: "Signed off",
  rejected: "Rejected",
};
/** What happened to a benefit, in its history. */
export const BENEFIT_EVENT_KINDS = [
  "created",
  "updated",
  "evidence_added",
  "evidence_removed",
  "signed_off",
  "queried",
  "answered",
  "rejected",
  "returned_for_sign_off",
] as const;
/** One of BENEFIT_EVENT_KINDS. */
export type BenefitEventKind = (typeof BENEFIT_EVENT_KINDS)[number];

/** The largest £ value one benefit may hold, in pence: £1bn for one team is absurd (issue 9). */
export const MAX_BENEFIT_PENCE = 100_000_000_000;
