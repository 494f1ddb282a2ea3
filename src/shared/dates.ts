/** Calendar dates in words, as the NHS style writes them; shared by every feature that shows an ISO date. */

/** The months of the year, January first. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date ("2026-11-22") as "22 November 2026", with no time zone involved; anything else is returned as it is. */
export function formatCalendarDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  if (!m || !month) return isoDate;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

/** A calendar date as "22 Nov 2026": the short form for chart axes. */
export function formatShortCalendarDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  const month = m ? MONTH_NAMES[Number(m[2]) - 1] : undefined;
  if (!m || !month) return isoDate;
  return `${Number(m[3])} ${month.slice(0, 3)} ${m[1]}`;
}
