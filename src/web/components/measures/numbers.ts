/** Reads a typed number (blank → null; commas allowed, like 1,100), or NaN when it is not a plain number like 4, -2 or 12.5. */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return null;
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}
