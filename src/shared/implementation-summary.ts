import { z } from "zod";
import { formatPence } from "./catalogue.js";
import { MONTH_NAMES } from "./dates.js";
import { BENEFIT_STATUSES, CASH_ORDERS } from "./implementation.js";

/**
 * The benefits summary of an organisation's programme registration (issue 9): roll-ups by area and order, team,
 * module and month, forecast against realised (signed off only), and for NHS England organisations the share of the
 * programme's national potential. Board-paper exports (CSV, XLSX, PDF) carry the same figures.
 */

/** Who the summary covers: the whole organisation, the teams the reader leads, or one team asked for. */
export const SUMMARY_SCOPES = ["organisation", "teams", "team"] as const;
/** One of SUMMARY_SCOPES. */
export type SummaryScope = (typeof SUMMARY_SCOPES)[number];
/** Words for each scope, as the summary page and the PDF say them. */
export const SUMMARY_SCOPE_LABELS: Record<SummaryScope, string> = {
  organisation: "All teams",
  teams: "Your teams",
  team: "One team",
};

/** The export formats, each audited as benefits.summary_exported with its format. */
export const SUMMARY_EXPORT_FORMATS = ["csv", "xlsx", "pdf"] as const;
/** One of SUMMARY_EXPORT_FORMATS. */
export type SummaryExportFormat = (typeof SUMMARY_EXPORT_FORMATS)[number];

const uuid = (what: string) => z.uuid(`The ${what} id is not valid`);

/**
 * Which summary: a registration by its id, or by its organisation and programme (the API name other tools use);
 * optionally narrowed to one team.
 */
export const BenefitsSummaryQuerySchema = z
  .object({
    registrationId: uuid("registration").optional(),
    organisationId: uuid("organisation").optional(),
    programmeId: uuid("programme").optional(),
    teamId: uuid("team").optional(),
  })
  .refine((q) => q.registrationId !== undefined || (q.organisationId && q.programmeId), {
    message: "Give the registrationId, or both the organisationId and the programmeId",
    path: ["registrationId"],
  });
/** The summary's query. */
export type BenefitsSummaryQuery = z.infer<typeof BenefitsSummaryQuerySchema>;

const pence = z.number().int().nonnegative();

/**
 * Money in one group, integer pence: forecast of cashable benefits not rejected; realised of signed-off benefits
 * only; not yet signed off = realised (or forecast when none) of benefits awaiting sign-off or queried.
 */
export const SummaryMoneySchema = z.object({
  forecastPence: pence,
  realisedPence: pence,
  notYetSignedOffPence: pence,
});
/** One group's money. */
export type SummaryMoney = z.infer<typeof SummaryMoneySchema>;

/** How many benefits a group holds: all, cashable and not (non-cashable ones are counted, never in £). */
export const SummaryCountsSchema = z.object({
  benefits: z.number().int().nonnegative(),
  cashable: z.number().int().nonnegative(),
  nonCashable: z.number().int().nonnegative(),
});
/** One group's counts. */
export type SummaryCounts = z.infer<typeof SummaryCountsSchema>;

/** The counts a summary carries: all, cashable and not, and by status. */
export const SummaryStatusCountsSchema = SummaryCountsSchema.extend({
  byStatus: z.record(z.enum(BENEFIT_STATUSES), z.number().int().nonnegative()),
});
/** Counts with the split by status. */
export type SummaryStatusCounts = z.infer<typeof SummaryStatusCountsSchema>;

/** Money split by cash order, with the whole. */
export const SummaryByOrderSchema = z.object({
  first: SummaryMoneySchema,
  second: SummaryMoneySchema,
  total: SummaryMoneySchema,
});
/** Money by order with its total. */
export type SummaryByOrder = z.infer<typeof SummaryByOrderSchema>;

/** One benefit area's row: money by order and how many benefits. */
export const SummaryAreaRowSchema = SummaryByOrderSchema.extend({
  areaId: z.uuid(),
  label: z.string(),
  counts: SummaryCountsSchema,
});
/** One area's row. */
export type SummaryAreaRow = z.infer<typeof SummaryAreaRowSchema>;

/** One team's row. */
export const SummaryTeamRowSchema = SummaryByOrderSchema.extend({
  teamId: z.uuid(),
  name: z.string(),
  counts: SummaryCountsSchema,
});
/** One team's row. */
export type SummaryTeamRow = z.infer<typeof SummaryTeamRowSchema>;

/** One house module's row; houseModuleId null gathers benefits recorded for no module. */
export const SummaryModuleRowSchema = SummaryByOrderSchema.extend({
  houseModuleId: z.uuid().nullable(),
  title: z.string(),
  position: z.number().int().nullable(),
  counts: SummaryCountsSchema,
});
/** One module's row. */
export type SummaryModuleRow = z.infer<typeof SummaryModuleRowSchema>;

/** One month ("YYYY-MM"): forecast due that month, realised (signed off) that month, and both running totals. */
export const SummaryMonthSchema = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  forecastPence: pence,
  realisedPence: pence,
  cumulativeForecastPence: pence,
  cumulativeRealisedPence: pence,
});
/** One month of the forecast-against-realised series. */
export type SummaryMonth = z.infer<typeof SummaryMonthSchema>;

/** The figures of a summary, computed from the benefits by the pure roll-up (src/shared/benefits-rollup.ts). */
export const SummaryFiguresSchema = z.object({
  totals: SummaryByOrderSchema,
  byArea: z.array(SummaryAreaRowSchema),
  byTeam: z.array(SummaryTeamRowSchema),
  byModule: z.array(SummaryModuleRowSchema),
  byMonth: z.array(SummaryMonthSchema),
  /** Cashable benefits with a forecast but no forecast date, and signed-off ones with no realised date: in the totals, not in the months. */
  undated: z.object({ forecastPence: pence, realisedPence: pence }),
  counts: SummaryStatusCountsSchema,
});
/** The figures of a summary. */
export type SummaryFigures = z.infer<typeof SummaryFiguresSchema>;

/** The comparison with the programme's national potential, for NHS England organisations only. */
export const SummaryNationalSchema = z.object({
  potentialPence: pence,
  realisedPence: pence,
  forecastPence: pence,
  /** realised ÷ potential, a fraction (0.000007 is 0.0007%). */
  realisedShare: z.number().nonnegative(),
  forecastShare: z.number().nonnegative(),
});
/** The national comparison. */
export type SummaryNational = z.infer<typeof SummaryNationalSchema>;

/** `GET /api/benefits/summary`: the registration, who it covers, its figures and the national comparison. */
export const BenefitsSummarySchema = SummaryFiguresSchema.extend({
  registrationId: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  programme: z.object({ id: z.uuid(), title: z.string() }),
  scope: z.enum(SUMMARY_SCOPES),
  /** The teams covered (all teams of the registration for scope "organisation"). */
  teamIds: z.array(z.uuid()),
  /** The registration's benefits version the figures were read at. */
  version: z.number().int(),
  national: SummaryNationalSchema.nullable(),
});
/** The benefits summary. */
export type BenefitsSummary = z.infer<typeof BenefitsSummarySchema>;

/** The cash orders in the order tables show them. */
export const SUMMARY_ORDERS = CASH_ORDERS;

const significant = (digits: number) =>
  new Intl.NumberFormat("en-GB", { maximumSignificantDigits: digits, maximumFractionDigits: 20 });

/** A fraction as a percentage people can read: 0.25 → "25%", 0.123 → "12.3%", 0.000006935 → "0.0007%". */
export function formatShare(fraction: number): string {
  const percent = fraction * 100;
  if (percent === 0) return "0%";
  if (percent >= 10)
    return `${new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 }).format(percent)}%`;
  if (percent >= 0.1) return `${significant(2).format(percent)}%`;
  return `${significant(1).format(percent)}%`;
}

/**
 * The national comparison in a sentence: "£3,100 realised is 0.0007% of the £447,000,000 national potential for
 * Productive Community Services".
 */
export function nationalSentence(national: SummaryNational, programmeTitle: string): string {
  return `${formatPence(national.realisedPence)} realised is ${formatShare(national.realisedShare)} of the ${formatPence(
    national.potentialPence,
  )} national potential for ${programmeTitle}`;
}

/** "2026-03" as "March 2026"; "Mar 2026" with `short`. */
export function formatMonth(month: string, short = false): string {
  const [year, m] = month.split("-");
  const name = MONTH_NAMES[Number(m) - 1];
  if (!year || !name) return month;
  return `${short ? name.slice(0, 3) : name} ${year}`;
}

/** `GET /api/benefits/organisation-summary`: which organisation. */
export const OrganisationSummaryQuerySchema = z.object({ organisationId: uuid("organisation") });
/** The organisation summary's query. */
export type OrganisationSummaryQuery = z.infer<typeof OrganisationSummaryQuerySchema>;

/** One programme of the organisation in its roll-up: that registration's totals, counts and national comparison. */
export const OrganisationProgrammeRowSchema = z.object({
  registrationId: z.uuid(),
  programme: z.object({ id: z.uuid(), title: z.string() }),
  totals: SummaryByOrderSchema,
  counts: SummaryStatusCountsSchema,
  /** How many teams the registration has. */
  teams: z.number().int().nonnegative(),
  /** The registration's benefits version the figures were read at. */
  version: z.number().int(),
  national: SummaryNationalSchema.nullable(),
});
/** One programme's row. */
export type OrganisationProgrammeRow = z.infer<typeof OrganisationProgrammeRowSchema>;

/**
 * `GET /api/benefits/organisation-summary`: an organisation's benefits across every programme it implements that
 * the reader sees in full (programme lead, executive sponsor, finance lead, administrator), with the grand totals.
 * Registrations where the reader only leads teams are listed apart (their summaries cover those teams only) and are
 * not in the totals.
 */
export const OrganisationBenefitsSummarySchema = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
  programmes: z.array(OrganisationProgrammeRowSchema),
  totals: SummaryByOrderSchema,
  counts: SummaryStatusCountsSchema,
  teamsOnly: z.array(
    z.object({ registrationId: z.uuid(), programme: z.object({ id: z.uuid(), title: z.string() }) }),
  ),
});
/** The organisation's benefits across its programmes. */
export type OrganisationBenefitsSummary = z.infer<typeof OrganisationBenefitsSummarySchema>;
