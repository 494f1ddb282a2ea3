import { z } from "zod";
import type { Sector } from "./accounts.js";

/**
 * Levels of a programme, from the free introduction to the strategic level (domain.md), plus individual modules
 * sold on their own.
 */
export const LEVELS = [
  "introductory",
  "accredited_introduction",
  "foundation",
  "practitioner",
  "facilitator",
  "programme_manager",
  "module",
  "mini_course",
] as const;
/** One of LEVELS. */
export type Level = (typeof LEVELS)[number];

/** How each level is shown to people. */
export const LEVEL_LABELS: Record<Level, string> = {
  introductory: "Introductory",
  accredited_introduction: "Accredited Introduction",
  foundation: "Foundation",
  practitioner: "Practitioner",
  facilitator: "Facilitator",
  programme_manager: "Programme Manager",
  module: "Individual module",
  mini_course: "Mini-course",
};

/** Who each level is for (domain.md), as the catalogue says it. */
export const LEVEL_AUDIENCE: Record<Level, string> = {
  introductory: "Anyone new to the programme",
  accredited_introduction: "People involved in implementing the programme",
  foundation: "People who took part in adopting the programme",
  practitioner: "People pro-actively involved in implementing the programme",
  facilitator: "People who have led and coached others across departments",
  programme_manager: "People who have led adoption at a strategic level",
  module: "Anyone who wants one module of the programme on its own",
  mini_course: "Anyone in health and care who wants to learn quality improvement by doing it",
};

/** How a level is accredited (domain.md). */
export const LEVEL_ACCREDITATION: Record<Level, string> = {
  introductory: "Completion of every lesson",
  accredited_introduction:
    "Completion, a final assessment and a declaration that you are involved in implementing it",
  foundation: "Completion and a final assessment",
  practitioner: "A portfolio of evidence of implementation, assessed",
  facilitator: "A portfolio of evidence, assessed",
  programme_manager: "A portfolio of evidence, assessed",
  module: "Completion of every lesson",
  mini_course: "Completion of every module",
};

/** Months of access from the start of an enrolment (domain.md). */
export const ACCESS_MONTHS: Record<Level, number> = {
  introductory: 6,
  accredited_introduction: 6,
  foundation: 6,
  practitioner: 6,
  facilitator: 9,
  programme_manager: 18,
  module: 6,
  mini_course: 6,
};

/** Levels that lead to an accredited certificate: the learner's certificate name is frozen once one starts. */
export const ACCREDITED_LEVELS: readonly Level[] = [
  "accredited_introduction",
  "foundation",
  "practitioner",
  "facilitator",
  "programme_manager",
];

/** Levels whose learners may ask to defer their start within the first four weeks. */
export const DEFERRABLE_LEVELS: ReadonlySet<Level> = new Set([
  "practitioner",
  "facilitator",
  "programme_manager",
]);

/** VAT added to every price, in basis points (20%). */
export const VAT_BASIS_POINTS = 2000;

/** VAT on a price in pence, rounded to the nearest penny (halves up). */
export function vatOn(priceExVatPence: number): number {
  return Math.round((priceExVatPence * VAT_BASIS_POINTS) / 10_000);
}

/** A price in pence with VAT added. */
export function withVat(priceExVatPence: number): number {
  return priceExVatPence + vatOn(priceExVatPence);
}

/** Pence as pounds the way people write them: "£595", "£12.50", "£1,380". */
export function formatPence(pence: number): string {
  const pounds = Math.floor(Math.abs(pence) / 100);
  const rest = Math.abs(pence) % 100;
  const sign = pence < 0 ? "-" : "";
  const whole = pounds.toLocaleString("en-GB");
  return rest === 0 ? `${sign}£${whole}` : `${sign}£${whole}.${String(rest).padStart(2, "0")}`;
}

/** A price as the style guide writes it: "£595 (£714 including VAT)", or "Free". */
export function formatPrice(priceExVatPence: number): string {
  if (priceExVatPence === 0) return "Free";
  return `${formatPence(priceExVatPence)} (${formatPence(withVat(priceExVatPence))} including VAT)`;
}

/** What a learner of this sector pays for a course, ex VAT: Introductory is free to NHS England staff. */
export function priceForSector(level: Level, listPriceExVatPence: number, sector: Sector): number {
  if (level === "introductory" && sector === "nhs_england") return 0;
  return listPriceExVatPence;
}

/** Answers to "Where should I start?", each pointing at the level that fits it (domain.md). */
export const STARTING_POINTS = [
  { value: "new", label: "I am new to the programme", level: "introductory" },
  { value: "used_tools", label: "I have used some of its tools", level: "accredited_introduction" },
  { value: "involved", label: "I am involved in implementing it in my team", level: "foundation" },
  {
    value: "proactive",
    label: "I am pro-actively leading parts of its implementation",
    level: "practitioner",
  },
  { value: "coached", label: "I have led and coached others across departments", level: "facilitator" },
  { value: "strategic", label: "I have led its adoption at a strategic level", level: "programme_manager" },
] as const satisfies ReadonlyArray<{ value: string; label: string; level: Level }>;

/** The answer to "Where should I start?". */
export const StartingPointSchema = z.enum(STARTING_POINTS.map((p) => p.value) as [string, ...string[]], {
  error: "Select the sentence that best describes you",
});

/** The level recommended for an answer to "Where should I start?". */
export function recommendLevel(answer: (typeof STARTING_POINTS)[number]["value"]): Level {
  const point = STARTING_POINTS.find((p) => p.value === answer);
  return point ? point.level : "introductory";
}

/** The kinds of programme: The Productive Series, and the free Improvement Fundamentals mini-courses. */
export const PROGRAMME_KINDS = ["productive_series", "improvement_fundamentals"] as const;

/** The levels of a Productive Series programme in their recommended order (modules and mini-courses stand apart). */
export const LEVEL_PATH: readonly Level[] = [
  "introductory",
  "accredited_introduction",
  "foundation",
  "practitioner",
  "facilitator",
  "programme_manager",
];

const boolParam = z.enum(["true", "false"]).transform((v) => v === "true");

/** GET /api/catalogue query: full-text search, programme, levels (repeat or comma-separate), free only. */
export const CatalogueQuerySchema = z.object({
  q: z.string().trim().max(200, "Search for 200 characters or fewer").optional(),
  programme: z.string().trim().max(100).optional(),
  level: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.enum(LEVELS, { error: "Choose levels from the list" })).max(LEVELS.length))
    .optional(),
  free: boolParam.optional(),
});
/** Parsed catalogue filters. */
export type CatalogueQuery = z.infer<typeof CatalogueQuerySchema>;

/** What a course costs this learner, or the list price when nobody is signed in. */
export const LearnerPriceSchema = z.object({
  exVatPence: z.number().int(),
  withVatPence: z.number().int(),
  free: z.boolean(),
  text: z.string().describe('as people read it: "Free" or "£595 (£714 including VAT)"'),
  forSignedInLearner: z.boolean().describe("true when worked out for the signed-in learner's sector"),
  note: z.string().nullable().describe("why this learner's price differs from the list price, if it does"),
});

/** A course as the catalogue lists it. */
export const CourseCardSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  level: z.enum(LEVELS),
  summary: z.string(),
  priceExVatPence: z.number().int().describe("list price ex VAT, in pence"),
  price: LearnerPriceSchema,
  accessMonths: z.number().int(),
  cpdPoints: z.number().int(),
});
/** A catalogue entry. */
export type CourseCard = z.infer<typeof CourseCardSchema>;

/** A programme with its published courses (those matching the filters). */
export const CatalogueProgrammeSchema = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string(),
  kind: z.enum(PROGRAMME_KINDS),
  courses: z.array(CourseCardSchema),
});

/** GET /api/catalogue */
export const CatalogueSchema = z.object({
  programmes: z.array(CatalogueProgrammeSchema),
  totalCourses: z.number().int(),
});
/** The catalogue as the API returns it. */
export type Catalogue = z.infer<typeof CatalogueSchema>;

/** GET /api/courses/:id */
export const CourseDetailSchema = CourseCardSchema.extend({
  programme: z.object({ id: z.string(), slug: z.string(), title: z.string(), kind: z.enum(PROGRAMME_KINDS) }),
  whoFor: z.string(),
  outcomes: z.array(z.string()),
  prerequisites: z.string().nullable(),
  accreditation: z.string(),
  priceIsIndicative: z
    .boolean()
    .describe("the list price is a plausible value an administrator has yet to confirm"),
  recommendedBefore: z
    .object({ id: z.string(), title: z.string(), level: z.enum(LEVELS) })
    .nullable()
    .describe("the level recommended before this one in the same programme, if any"),
  modules: z.array(
    z.object({ id: z.string(), position: z.number().int(), title: z.string(), summary: z.string() }),
  ),
});
/** One course with everything its page shows. */
export type CourseDetail = z.infer<typeof CourseDetailSchema>;
