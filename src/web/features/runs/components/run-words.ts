import type { Run } from "../../../../shared/runs";

const TIME_ZONE = "Europe/London";

const dayMonthYear = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});
const dayMonth = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "numeric", month: "long" });
const dayOnly = new Intl.DateTimeFormat("en-GB", { timeZone: TIME_ZONE, day: "numeric" });
const parts = (at: Date) => {
  const p = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
  }).formatToParts(at);
  return `${p.find((x) => x.type === "year")?.value}-${p.find((x) => x.type === "month")?.value}`;
};

/** A UK date: "3 March 2027". */
export function ukDay(iso: string): string {
  return dayMonthYear.format(new Date(iso));
}

/**
 * A span of UK dates in the NHS style: "3 to 10 March 2027", "28 February to 7 March 2027",
 * "28 December 2026 to 4 January 2027". The end is the last day included (an end at midnight counts the day before).
 */
export function ukDaySpan(startIso: string, endIso: string): string {
  const start = new Date(startIso);
  let end = new Date(endIso);
  if (
    new Intl.DateTimeFormat("en-GB", {
      timeZone: TIME_ZONE,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(end) === "00:00"
  ) {
    end = new Date(end.getTime() - 60_000);
  }
  if (end < start) end = start;
  const sameYear = dayMonthYear.format(start).slice(-4) === dayMonthYear.format(end).slice(-4);
  if (parts(start) === parts(end)) {
    return dayOnly.format(start) === dayOnly.format(end)
      ? dayMonthYear.format(end)
      : `${dayOnly.format(start)} to ${dayMonthYear.format(end)}`;
  }
  return sameYear
    ? `${dayMonth.format(start)} to ${dayMonthYear.format(end)}`
    : `${dayMonthYear.format(start)} to ${dayMonthYear.format(end)}`;
}

/** The run's key dates as sentences, as the course page and the outline show them. */
export function runDateLines(run: Run): string[] {
  return [
    `Opens: ${ukDay(run.opensAt)}`,
    `Facilitated live: ${ukDaySpan(run.liveStartsAt, run.liveEndsAt)}`,
    `Open for comments until ${ukDay(run.commentsCloseAt)}`,
    `Open for catch-up until ${ukDay(run.catchUpUntil)}`,
  ];
}

/** The run's facilitators in a sentence: "Facilitated by Femi Adeyemi and Sam Lee". */
export function facilitatorsWords(run: Run): string | null {
  const names = run.facilitators.map((f) => f.name);
  if (names.length === 0) return null;
  const list =
    names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `Facilitated by ${list}`;
}

/** What a learner can do in the run now, in words. */
export const PHASE_SENTENCES: Record<Run["phase"], string> = {
  upcoming: "This run has not opened yet.",
  open: "This run is open. The facilitated live week is coming up.",
  live: "This run is live: facilitators are taking part in the discussions this week.",
  open_after_live: "The live week has finished. The discussions are still open for comments.",
  catch_up: "This run is in catch-up: you can read the discussions but not add comments.",
  ended: "This run has ended.",
};
