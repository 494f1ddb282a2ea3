import { formatAmount } from "../../../../shared/cpd";

/** "1 CPD point", "24.5 CPD points". */
export function pointsWords(points: number): string {
  return `${formatAmount(points)} CPD point${points === 1 ? "" : "s"}`;
}

/** "1 hour", "2.5 hours". */
export function hoursWords(hours: number): string {
  return `${formatAmount(hours)} hour${hours === 1 ? "" : "s"}`;
}

/** Today's date in the UK as YYYY-MM-DD, to check a date is not in the future before the server does. */
export function ukToday(now = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/**
 * An amount typed into a form: empty is null (not given); a plain decimal number is that number; anything else is
 * NaN, which the schema refuses with "Enter the … as a number".
 */
export function amountFromText(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  return /^\d+(\.\d+)?$|^\.\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
