import type { GrantStatus, Licence } from "../../../../shared/entitlements";

/** How each grant status is shown, with its tag colour (always with the words, never colour alone). */
export const GRANT_STATUS_TAGS: Record<GrantStatus, { text: string; modifier: "green" | "blue" | "grey" }> = {
  live: { text: "Not used yet", modifier: "green" },
  used: { text: "Enrolled", modifier: "blue" },
  revoked: { text: "Revoked", modifier: "grey" },
};

/** How each licence status is shown. */
export const LICENCE_STATUS_TAGS: Record<
  Licence["status"],
  { text: string; modifier: "green" | "blue" | "grey" }
> = {
  upcoming: { text: "Not started", modifier: "blue" },
  current: { text: "Current", modifier: "green" },
  ended: { text: "Ended", modifier: "grey" },
};

/** "3 of 25 seats used". */
export function seatsWords(licence: Pick<Licence, "seats" | "seatsUsed">): string {
  return `${licence.seatsUsed.toLocaleString("en-GB")} of ${licence.seats.toLocaleString("en-GB")} ${licence.seats === 1 ? "seat" : "seats"} used`;
}

/** A calendar date ("2027-03-31") the NHS way ("31 March 2027"), whatever the viewer's time zone. */
export function calendarDateWords(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  const months = [
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
  ];
  return `${day} ${months[(month ?? 1) - 1]} ${year}`;
}
