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
};

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
