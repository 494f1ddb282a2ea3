/**
 * SCORM time formats: 1.2's CMITimespan (HHHH:MM:SS.SS) and CMITime (HH:MM:SS.SS), and 2004's ISO 8601 durations
 * (timeinterval (second,10,2)) and timestamps (time (second,10,0)). Pure functions, so the run-time can check what
 * content sends and add each session's time to the attempt's total.
 */

const TIMESPAN_12 = /^(\d{2,4}):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/;
const TIME_12 = /^([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,2})?$/;
const DURATION_2004 =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d{1,2})?)S)?)?$/;
// YYYY[-MM[-DD[Thh[:mm[:ss[.s[TZD]]]]]]] as SCORM 2004 RTE 4.1.1.6 allows, years 1970-2038.
const TIMESTAMP_2004 =
  /^(19[7-9]\d|20[0-2]\d|203[0-8])(?:-(0[1-9]|1[0-2])(?:-(0[1-9]|[12]\d|3[01])(?:T([01]\d|2[0-3])(?::([0-5]\d)(?::([0-5]\d)(?:\.\d{1,2})?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?)?)?)?)?$/;

/** Seconds in a SCORM 1.2 CMITimespan (e.g. "0001:30:05.50"), or null when the value is not one. */
export function parseTimespan12(value: string): number | null {
  const match = TIMESPAN_12.exec(value);
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  return Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(fraction ?? 0);
}

/** Whether a value is a SCORM 1.2 CMITime (a time of day, e.g. "14:05:00"). */
export function isTime12(value: string): boolean {
  return TIME_12.test(value);
}

/**
 * Seconds in a SCORM 2004 ISO 8601 duration (e.g. "PT1M30S"), or null. Months count 30 days and years 365, as the
 * duration has no calendar to anchor it; content only ever sends hours, minutes and seconds in practice.
 */
export function parseDuration2004(value: string): number | null {
  const match = DURATION_2004.exec(value);
  if (!match || value === "P" || value.endsWith("T")) return null;
  const [, years, months, days, hours, minutes, seconds] = match;
  return (
    Number(years ?? 0) * 365 * 86_400 +
    Number(months ?? 0) * 30 * 86_400 +
    Number(days ?? 0) * 86_400 +
    Number(hours ?? 0) * 3600 +
    Number(minutes ?? 0) * 60 +
    Number(seconds ?? 0)
  );
}

/** Whether a value is a SCORM 2004 timestamp (ISO 8601 date and time, 1970-2038). */
export function isTimestamp2004(value: string): boolean {
  return TIMESTAMP_2004.test(value);
}

/** Rounds to hundredths, the precision both versions keep, avoiding float noise (0.1 + 0.2). */
function hundredths(seconds: number): number {
  return Math.round(Math.max(0, seconds) * 100);
}

/** Seconds as a SCORM 1.2 CMITimespan: "HHHH:MM:SS.SS" (hours capped at 9999, the format's largest). */
export function formatTimespan12(seconds: number): string {
  const total = Math.min(hundredths(seconds), (9999 * 3600 + 59 * 60 + 59) * 100 + 99);
  const h = Math.floor(total / 360_000);
  const m = Math.floor((total % 360_000) / 6000);
  const s = Math.floor((total % 6000) / 100);
  const cs = total % 100;
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(h, 4)}:${pad(m, 2)}:${pad(s, 2)}.${pad(cs, 2)}`;
}

/** Seconds as a SCORM 2004 duration in hours, minutes and seconds: "PT1H2M3.5S", or "PT0S" for none. */
export function formatDuration2004(seconds: number): string {
  const total = hundredths(seconds);
  const h = Math.floor(total / 360_000);
  const m = Math.floor((total % 360_000) / 6000);
  const s = (total % 6000) / 100;
  let out = "PT";
  if (h > 0) out += `${h}H`;
  if (m > 0) out += `${m}M`;
  if (s > 0 || out === "PT") out += `${Number.isInteger(s) ? s : s.toFixed(2).replace(/0$/, "")}S`;
  return out;
}
