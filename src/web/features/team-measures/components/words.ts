import { formatCalendarDate } from "../../../../shared/dates";

/** A value with its unit as people write it: "45%", "£1,100", "30 minutes", "7.5 score". */
export function withUnit(value: number, unit: string): string {
  const number = value.toLocaleString("en-GB", { maximumFractionDigits: 2 });
  if (!unit) return number;
  if (unit.startsWith("%")) return `${number}${unit}`;
  if (unit === "£") return `£${number}`;
  return `${number} ${unit}`;
}

/** "30 minutes on 13 July 2026", or "No values yet". */
export function latestWords(latest: { date: string; value: number } | null, unit: string): string {
  return latest ? `${withUnit(latest.value, unit)} on ${formatCalendarDate(latest.date)}` : "No values yet";
}
