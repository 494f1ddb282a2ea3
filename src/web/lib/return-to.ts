/**
 * Accepts a returnTo value only when it is a path on this site ("/account", not "//evil.example" or
 * "https://…"), so sign-in cannot be used to send people elsewhere.
 */
export function safeReturnTo(value: string | null | undefined, fallback = "/account"): string {
  if (!value) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters (tabs, newlines) could make browsers read the path differently.
  for (const char of value) if ((char.codePointAt(0) ?? 0) < 0x20) return fallback;
  return value;
}

/** The sign-in path that comes back to `path` afterwards. */
export function signInPath(path: string): string {
  return `/sign-in?returnTo=${encodeURIComponent(path)}`;
}
