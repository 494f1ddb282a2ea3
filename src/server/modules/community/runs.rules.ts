import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import {
  RUN_DATE_FIELDS,
  type RunDateField,
  type RunDates,
  runDateOrderProblems,
} from "../../../shared/runs.js";
import { LEARNER_TIME_ZONE } from "../enrolments/enrolment.rules.js";

/** A UK wall-clock time "2027-03-03T09:00" as an instant (Europe/London, GMT or BST as on that day). */
export function instantFromUk(value: string): Date {
  const [date = "", time = ""] = value.split("T");
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, LEARNER_TIME_ZONE).getTime());
}

/** An instant as a UK wall-clock time "2027-03-03T09:00", as the run form shows it. */
export function ukFromInstant(at: Date): string {
  return format(new TZDate(at, LEARNER_TIME_ZONE), "yyyy-MM-dd'T'HH:mm");
}

/** The run's dates as instants from the form's UK times, or the field problems with their order. */
export function runDatesFrom(input: Record<RunDateField, string>): {
  dates: RunDates;
  problems: Partial<Record<RunDateField, string>>;
} {
  const dates = Object.fromEntries(
    RUN_DATE_FIELDS.map((f) => [f, instantFromUk(input[f])]),
  ) as unknown as RunDates;
  const millis = Object.fromEntries(RUN_DATE_FIELDS.map((f) => [f, dates[f].getTime()])) as Record<
    RunDateField,
    number
  >;
  return { dates, problems: runDateOrderProblems(millis) };
}

/** A run that can take a newly enrolled learner. */
export interface PlaceableRun {
  id: string;
  opensAt: Date;
  commentsCloseAt: Date;
}

/**
 * The run a learner enrolling now is placed in: one open now whose comments have not closed (the most recently opened
 * if several); else the next to open; else none.
 */
export function chooseCurrentRun<R extends PlaceableRun>(runs: readonly R[], now: Date): R | null {
  const t = now.getTime();
  const open = runs
    .filter((r) => r.opensAt.getTime() <= t && t < r.commentsCloseAt.getTime())
    .sort((a, b) => b.opensAt.getTime() - a.opensAt.getTime());
  if (open[0]) return open[0];
  const upcoming = runs
    .filter((r) => r.opensAt.getTime() > t)
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
  return upcoming[0] ?? null;
}
