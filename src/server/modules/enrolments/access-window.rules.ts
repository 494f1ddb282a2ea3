import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format } from "date-fns";
import { LEARNER_TIME_ZONE } from "./enrolment.rules.js";

/** Days before the end of access that a learner who has not completed is reminded: 30, then 7. */
export const REMINDER_DAYS = { first: 30, last: 7 } as const;

/** How far ahead an administrator may set the new start of a deferred course. */
export const MAX_DEFERRAL_MONTHS = 12;

/** The UK calendar date of an instant, as licences and date inputs write it ("2026-12-24"). */
export function ukDate(at: Date): string {
  return format(new TZDate(at, LEARNER_TIME_ZONE), "yyyy-MM-dd");
}

/** Midnight at the start of a UK calendar date ("2026-12-24" → 00:00 Europe/London, in GMT or BST). */
export function startOfUkDate(isoDate: string): Date {
  const [year, month, day] = isoDate.split("-").map(Number);
  return new Date(new TZDate(year ?? 0, (month ?? 1) - 1, day ?? 1, 0, 0, 0, LEARNER_TIME_ZONE).getTime());
}

/** A UK calendar date moved by whole months, clamped to the month's last day ("2026-01-31" + 1 → "2026-02-28"). */
export function addUkMonths(isoDate: string, months: number): string {
  return ukDate(addMonths(new TZDate(startOfUkDate(isoDate), LEARNER_TIME_ZONE), months));
}

/** An instant's UK date the way emails and pages write it: "24 December 2026". */
export function formatUkDate(at: Date): string {
  return format(new TZDate(at, LEARNER_TIME_ZONE), "d MMMM yyyy");
}

/**
 * Access ending at or before these instants is due its reminder: 30 and 7 UK calendar days from now (a day across a
 * clock change is 23 or 25 hours, as a learner counts it).
 */
export function reminderCutoffs(now: Date): { first: Date; last: Date } {
  const local = new TZDate(now, LEARNER_TIME_ZONE);
  return {
    first: new Date(addDays(local, REMINDER_DAYS.first).getTime()),
    last: new Date(addDays(local, REMINDER_DAYS.last).getTime()),
  };
}

/**
 * Why a proposed new start date for a deferred course cannot be used, or null when it can: a UK date from today up to
 * 12 months ahead.
 */
export function resumeDateProblem(resumesOn: string, now: Date): string | null {
  const today = ukDate(now);
  if (resumesOn < today) return "The new start date must be today or in the future";
  const latest = addUkMonths(today, MAX_DEFERRAL_MONTHS);
  if (resumesOn > latest)
    return `The new start date must be within ${MAX_DEFERRAL_MONTHS} months, on or before ${formatUkDate(startOfUkDate(latest))}`;
  return null;
}

/** Where a licence stands on a UK date: not started yet, current (seats can be taken), or ended. */
export function licenceStatus(
  licence: { startsOn: string; endsOn: string },
  today: string,
): "upcoming" | "current" | "ended" {
  if (today < licence.startsOn) return "upcoming";
  if (today > licence.endsOn) return "ended";
  return "current";
}
