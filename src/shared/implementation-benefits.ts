import { z } from "zod";
import {
  BENEFIT_EVENT_KINDS,
  BENEFIT_STATUSES,
  CASH_CATEGORIES,
  CASH_ORDERS,
  HOUSE_MODULE_KINDS,
} from "./implementation.js";

/**
 * Benefits realisation (issue 9): benefits a team records per module in the organisation's benefit areas, cashable
 * ones in pence with a finance lead's sign-off, their evidence files and their history.
 */

/** Most benefit areas an organisation may have, and the longest label. */
export const BENEFIT_AREAS_MAX = 8;
export const BENEFIT_AREA_LABEL_MAX = 80;
/** Longest benefit title, description, method, unit and decision comment, in characters. */
export const BENEFIT_TITLE_MAX = 200;
export const BENEFIT_DESCRIPTION_MAX = 4000;
export const BENEFIT_METHOD_MAX = 4000;
export const BENEFIT_UNIT_MAX = 40;
export const BENEFIT_COMMENT_MAX = 2000;
/** Largest evidence file, in bytes (documents and images). */
export const BENEFIT_EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

const groupedWhole = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * Pence as pounds with commas: 300050 → "£3,000.50". With `wholePounds`, whole amounts drop the pence
 * (100000000000 → "£1,000,000,000"), as sentences say them.
 */
export function formatPence(pence: number, options: { wholePounds?: boolean } = {}): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  if (options.wholePounds && abs % 100 === 0) return `${sign}£${groupedWhole.format(abs / 100)}`;
  // Integer arithmetic for the pence so 0.1 + 0.2 style errors cannot show.
  const pounds = Math.trunc(abs / 100);
  const rest = abs % 100;
  return `${sign}£${groupedWhole.format(pounds)}.${String(rest).padStart(2, "0")}`;
}

const POUNDS = /^(\d{1,3}(,\d{3})+|\d+)(\.(\d{1,2}))?$/;

/**
 * What a person typed as a £ amount, in pence: "£3,000.50" → 300050, "3000" → 300000, "12.5" → 1250. Accepts a
 * leading £, spaces around, and commas between groups of three; null for anything else (negative amounts, letters,
 * three decimal places, misplaced commas). An empty entry is null too: callers treat that as "not given".
 */
export function parsePounds(text: string): number | null {
  const cleaned = text.trim().replace(/^£\s*/, "");
  const m = POUNDS.exec(cleaned);
  if (!m?.[1]) return null;
  const pounds = Number(m[1].replaceAll(",", ""));
  const fraction = (m[4] ?? "").padEnd(2, "0");
  const pence = pounds * 100 + Number(fraction || "0");
  return Number.isSafeInteger(pence) ? pence : null;
}

const isRealDate = (v: string) =>
  !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** An ISO date (YYYY-MM-DD) between 1990 and 2100. */
export const BenefitDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as year-month-day, like 2026-05-29")
  .refine(isRealDate, { message: "Enter a real date, like 2026-05-29" })
  .refine((v) => v >= "1990-01-01" && v <= "2100-12-31", { message: "Enter a date between 1990 and 2100" });

const uuid = z.uuid("Enter a valid id");
const pence = (what: string) =>
  z.number({ error: `Enter ${what} in pence as a whole number` }).int(`Enter ${what} in whole pence`);
const value = (what: string) =>
  z
    .number({ error: `Enter ${what} as a number` })
    .refine(Number.isFinite, { message: `Enter ${what} as a number` });

const title = z
  .string()
  .trim()
  .min(1, "Enter a title for the benefit")
  .max(BENEFIT_TITLE_MAX, `Enter a title of ${BENEFIT_TITLE_MAX} characters or fewer`);
const description = z
  .string()
  .trim()
  .max(BENEFIT_DESCRIPTION_MAX, `Enter a description of ${BENEFIT_DESCRIPTION_MAX} characters or fewer`);
const method = z
  .string()
  .trim()
  .max(BENEFIT_METHOD_MAX, `Describe the method in ${BENEFIT_METHOD_MAX} characters or fewer`);
const unit = z
  .string()
  .trim()
  .max(BENEFIT_UNIT_MAX, `Enter a unit of ${BENEFIT_UNIT_MAX} characters or fewer`);

/** The fields of a benefit a team may set (all but its team). */
const benefitFields = {
  houseModuleId: uuid.nullable().optional(),
  areaId: uuid,
  title,
  description: description.default(""),
  cashable: z.boolean({ error: "Choose whether the benefit is cashable" }),
  cashCategory: z
    .enum(CASH_CATEGORIES, { error: "Choose what the benefit saves or earns" })
    .nullable()
    .optional(),
  method: method.default(""),
  unit: unit.default(""),
  baselinePence: pence("the baseline").nullable().optional(),
  forecastPence: pence("the forecast").nullable().optional(),
  realisedPence: pence("the realised value").nullable().optional(),
  baselineValue: value("the baseline").nullable().optional(),
  forecastValue: value("the forecast").nullable().optional(),
  realisedValue: value("the realised value").nullable().optional(),
  baselineOn: BenefitDateSchema.nullable().optional(),
  forecastOn: BenefitDateSchema.nullable().optional(),
  realisedOn: BenefitDateSchema.nullable().optional(),
};

/** POST /api/benefits body. */
export const BenefitCreateSchema = z.object({ teamId: uuid, ...benefitFields }).strict();
/** A new benefit. */
export type BenefitCreateInput = z.infer<typeof BenefitCreateSchema>;

/** PATCH /api/benefits/:id body: any fields, with the revision the form was loaded at. */
export const BenefitUpdateSchema = z
  .object({
    houseModuleId: benefitFields.houseModuleId,
    areaId: uuid.optional(),
    title: title.optional(),
    description: description.optional(),
    cashable: z.boolean().optional(),
    cashCategory: benefitFields.cashCategory,
    method: method.optional(),
    unit: unit.optional(),
    baselinePence: benefitFields.baselinePence,
    forecastPence: benefitFields.forecastPence,
    realisedPence: benefitFields.realisedPence,
    baselineValue: benefitFields.baselineValue,
    forecastValue: benefitFields.forecastValue,
    realisedValue: benefitFields.realisedValue,
    baselineOn: benefitFields.baselineOn,
    forecastOn: benefitFields.forecastOn,
    realisedOn: benefitFields.realisedOn,
    revision: z.number({ error: "Send the revision you loaded" }).int().min(1),
  })
  .strict();
/** Changes to a benefit. */
export type BenefitUpdateInput = z.infer<typeof BenefitUpdateSchema>;

/** What a finance lead may decide. */
export const BENEFIT_DECISIONS = ["signed_off", "queried", "rejected"] as const;
/** One of BENEFIT_DECISIONS. */
export type BenefitDecision = (typeof BENEFIT_DECISIONS)[number];

/** POST /api/benefits/:id/decision body; a query or rejection says why. */
export const BenefitDecisionSchema = z
  .object({
    decision: z.enum(BENEFIT_DECISIONS, { error: "Choose whether to sign off, query or reject the benefit" }),
    comment: z
      .string()
      .trim()
      .max(BENEFIT_COMMENT_MAX, `Enter a comment of ${BENEFIT_COMMENT_MAX} characters or fewer`)
      .default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.decision !== "signed_off" && v.comment === "") {
      ctx.addIssue({
        code: "custom",
        path: ["comment"],
        message:
          v.decision === "queried"
            ? "Say what the team needs to check or explain"
            : "Say why the benefit is rejected",
      });
    }
  });
/** A finance lead's decision. */
export type BenefitDecisionInput = z.infer<typeof BenefitDecisionSchema>;

/** POST /api/benefits/:id/answer body: the team's answer to a query. */
export const BenefitAnswerSchema = z
  .object({
    comment: z
      .string()
      .trim()
      .min(1, "Enter your answer to the finance lead's query")
      .max(BENEFIT_COMMENT_MAX, `Enter an answer of ${BENEFIT_COMMENT_MAX} characters or fewer`),
  })
  .strict();
/** The team's answer to a query. */
export type BenefitAnswerInput = z.infer<typeof BenefitAnswerSchema>;

/** GET /api/benefits query. */
export const BenefitListQuerySchema = z
  .object({
    registrationId: uuid,
    teamId: uuid.optional(),
    status: z.enum(BENEFIT_STATUSES, { error: "Choose a benefit status" }).optional(),
  })
  .strict();
/** Filters for the list. */
export type BenefitListQuery = z.infer<typeof BenefitListQuerySchema>;

/** Route parameters. */
export const BenefitParamsSchema = z.object({ benefitId: uuid });
export const BenefitEvidenceParamsSchema = z.object({ benefitId: uuid, evidenceId: uuid });
export const RegistrationParamsSchema = z.object({ registrationId: uuid });

/** PUT /api/implementation/registrations/:id/benefit-areas body: the whole ordered list. */
export const BenefitAreasUpdateSchema = z
  .object({
    areas: z
      .array(
        z
          .object({
            id: uuid.optional(),
            label: z
              .string()
              .trim()
              .min(1, "Enter a name for each benefit area")
              .max(
                BENEFIT_AREA_LABEL_MAX,
                `Enter area names of ${BENEFIT_AREA_LABEL_MAX} characters or fewer`,
              ),
          })
          .strict(),
      )
      .min(1, "Keep at least one benefit area")
      .max(BENEFIT_AREAS_MAX, `Have ${BENEFIT_AREAS_MAX} benefit areas or fewer`),
  })
  .strict()
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.areas.forEach((a, i) => {
      const key = a.label.toLowerCase();
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["areas", i, "label"],
          message: `"${a.label}" is already an area: give each area a different name`,
        });
      seen.add(key);
    });
    const ids = v.areas.flatMap((a) => (a.id ? [a.id] : []));
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: "custom", path: ["areas"], message: "Each existing area may appear once" });
  });
/** The new list of benefit areas. */
export type BenefitAreasUpdateInput = z.infer<typeof BenefitAreasUpdateSchema>;

/** A benefit area with how many benefits it holds (an area holding benefits cannot be removed). */
export const BenefitAreaSchema = z.object({
  id: z.string(),
  label: z.string(),
  position: z.number().int(),
  benefitCount: z.number().int(),
});
/** One benefit area. */
export type BenefitArea = z.infer<typeof BenefitAreaSchema>;

/** GET/PUT benefit-areas answer. */
export const BenefitAreasSchema = z.object({
  registrationId: z.string(),
  organisationName: z.string(),
  areas: z.array(BenefitAreaSchema),
  canManage: z.boolean(),
});
/** A registration's benefit areas. */
export type BenefitAreas = z.infer<typeof BenefitAreasSchema>;

const person = z.object({ id: z.string(), name: z.string() }).nullable();

/** A benefit as the list shows it. */
export const BenefitSummarySchema = z.object({
  id: z.string(),
  registrationId: z.string(),
  title: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  area: z.object({ id: z.string(), label: z.string() }),
  houseModule: z.object({ id: z.string(), title: z.string() }).nullable(),
  cashable: z.boolean(),
  cashCategory: z.enum(CASH_CATEGORIES).nullable(),
  cashOrder: z.enum(CASH_ORDERS).nullable(),
  unit: z.string(),
  forecastPence: z.number().nullable(),
  realisedPence: z.number().nullable(),
  forecastValue: z.number().nullable(),
  realisedValue: z.number().nullable(),
  forecastOn: z.string().nullable(),
  realisedOn: z.string().nullable(),
  status: z.enum(BENEFIT_STATUSES),
  /** True when the actor is a finance lead who may decide it now. */
  awaitingMySignOff: z.boolean(),
  updatedAt: z.string(),
});
/** One row of the list. */
export type BenefitSummary = z.infer<typeof BenefitSummarySchema>;

/** GET /api/benefits answer: the benefits, and what the form and filters need. */
export const BenefitListSchema = z.object({
  registration: z.object({ id: z.string(), organisationName: z.string(), programmeTitle: z.string() }),
  benefits: z.array(BenefitSummarySchema),
  /** Teams the actor can see, and whether they may record benefits for each. */
  teams: z.array(z.object({ id: z.string(), name: z.string(), canRecord: z.boolean() })),
  areas: z.array(z.object({ id: z.string(), label: z.string() })),
  /** The programme's house modules in order. */
  modules: z.array(
    z.object({ id: z.string(), title: z.string(), kind: z.enum(HOUSE_MODULE_KINDS), position: z.number() }),
  ),
  myAccess: z.object({ isFinanceLead: z.boolean(), canManageAreas: z.boolean(), canRecord: z.boolean() }),
});
/** The list answer. */
export type BenefitList = z.infer<typeof BenefitListSchema>;

/** A value before or after a change, as kept in the history. */
export const ChangeValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One entry in a benefit's history: who, when, what changed from → to, and any comment. */
export const BenefitEventSchema = z.object({
  id: z.string(),
  kind: z.enum(BENEFIT_EVENT_KINDS),
  actor: person,
  at: z.string(),
  changes: z.array(z.object({ field: z.string(), before: ChangeValueSchema, after: ChangeValueSchema })),
  comment: z.string(),
});
/** One history entry. */
export type BenefitEvent = z.infer<typeof BenefitEventSchema>;

/** An evidence file on a benefit. */
export const BenefitEvidenceSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  addedBy: person,
  addedAt: z.string(),
  url: z.string(),
});
/** One evidence file. */
export type BenefitEvidence = z.infer<typeof BenefitEvidenceSchema>;

/** Everything about one benefit: values, history, evidence, and what the actor may do (and why not). */
export const BenefitDetailSchema = z.object({
  benefit: BenefitSummarySchema.extend({
    description: z.string(),
    method: z.string(),
    baselinePence: z.number().nullable(),
    baselineValue: z.number().nullable(),
    baselineOn: z.string().nullable(),
    recordedBy: person,
    signedOffBy: person,
    signedOffAt: z.string().nullable(),
    revision: z.number().int(),
    createdAt: z.string(),
  }),
  registration: z.object({ id: z.string(), organisationName: z.string() }),
  events: z.array(BenefitEventSchema),
  evidence: z.array(BenefitEvidenceSchema),
  myAccess: z.object({
    canEdit: z.boolean(),
    canDecide: z.boolean(),
    cannotDecideReason: z.string().nullable(),
    canAnswer: z.boolean(),
    canRemoveEvidence: z.boolean(),
    cannotRemoveEvidenceReason: z.string().nullable(),
  }),
});
/** One benefit in full. */
export type BenefitDetail = z.infer<typeof BenefitDetailSchema>;

/** What a change did: the benefit, and whether it went back for sign-off (with the sentence to show). */
export const BenefitChangeResultSchema = z.object({
  benefit: BenefitDetailSchema,
  returnedForSignOff: z.boolean(),
  message: z.string(),
});
/** The answer to a change, decision or answer. */
export type BenefitChangeResult = z.infer<typeof BenefitChangeResultSchema>;

/** Words for the fields a benefit's history names. */
export const BENEFIT_FIELD_LABELS: Record<string, string> = {
  houseModuleId: "Module",
  areaId: "Benefit area",
  title: "Title",
  description: "Description",
  cashable: "Cashable",
  cashCategory: "Category",
  method: "Method of calculation",
  unit: "Unit",
  baselinePence: "Baseline",
  forecastPence: "Forecast",
  realisedPence: "Realised",
  baselineValue: "Baseline",
  forecastValue: "Forecast",
  realisedValue: "Realised",
  baselineOn: "Baseline date",
  forecastOn: "Forecast date",
  realisedOn: "Realised date",
  status: "Status",
  file: "Evidence file",
};

/** What each status means, for the benefit page. */
export const BENEFIT_STATUS_MEANINGS: Record<(typeof BENEFIT_STATUSES)[number], string> = {
  recorded: "A non-cashable benefit: it needs no finance sign-off.",
  awaiting_sign_off:
    "A finance lead of the organisation needs to check the figures and sign the benefit off. Until then its realised value does not count.",
  queried:
    "A finance lead has asked a question. The team needs to answer it before the benefit can be signed off.",
  signed_off:
    "A finance lead has checked and signed off the figures. The realised value counts in the totals.",
  rejected: "A finance lead rejected the benefit. Change it to send it for sign-off again.",
};

/** The sentence a change says when a signed-off or rejected benefit goes back for sign-off. */
export const RETURNED_FOR_SIGN_OFF_MESSAGE =
  "Your change needs signing off again: the benefit is back to awaiting sign-off";
