/** A part as a whole per cent of a whole, rounded half up; 0 when the whole is 0 (nothing to divide). */
export function sharePercent(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.round((part * 100) / whole);
}

/** The UK dates from `from` to `to` inclusive ("2027-03-01".."2027-03-03"); empty when to is before from. */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  for (let i = 0; ; i += 1) {
    const day = new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10);
    if (day > to) break;
    days.push(day);
    if (i > 3660) break;
  }
  return days;
}

/**
 * The calendar day `days` before an ISO day, counted on the calendar rather than in 24-hour steps, so a window that
 * crosses the change to or from British Summer Time still holds the right number of days.
 */
export function calendarDaysBefore(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** Active learners for every day of the range, 0 on days nobody was active. */
export function fillDays(
  from: string | null,
  to: string | null,
  counts: ReadonlyArray<{ day: string; learners: number }>,
): Array<{ day: string; learners: number }> {
  if (!from || !to) return [];
  const byDay = new Map(counts.map((c) => [c.day, c.learners]));
  return daysBetween(from, to).map((day) => ({ day, learners: byDay.get(day) ?? 0 }));
}
