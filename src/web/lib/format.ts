const TIME_ZONE = "Europe/London";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  day: "numeric",
  month: "long",
  year: "numeric",
});

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: TIME_ZONE,
  hour: "numeric",
  minute: "2-digit",
  hour12: true,
});

function toDate(value: string | Date): Date | null {
  const date = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "22 November 2026" in UK time, as the NHS style guide writes dates. */
export function formatDate(value: string | Date): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : "";
}

/** "2:30pm" in UK time: no space, lower case, and "12pm"/"12am" style kept as the NHS writes it. */
export function formatTime(value: string | Date): string {
  const date = toDate(value);
  if (!date) return "";
  const parts = timeFormat.formatToParts(date);
  const hour = parts.find((p) => p.type === "hour")?.value ?? "";
  const minute = parts.find((p) => p.type === "minute")?.value ?? "00";
  const period = (parts.find((p) => p.type === "dayPeriod")?.value ?? "").replace(/\./g, "").toLowerCase();
  return `${hour === "0" ? "12" : hour}:${minute}${period}`;
}

/** "22 November 2026, 2:30pm" in UK time. */
export function formatDateTime(value: string | Date): string {
  const date = toDate(value);
  return date ? `${formatDate(date)}, ${formatTime(date)}` : "";
}
