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

const REMEMBERED_KEY = "qi-academy.return-to";

/**
 * Remembers where someone was (a course page) when they chose to create an account, so the sign-in after confirming
 * their email can take them back. localStorage, because the emailed link usually opens in a new tab; only a path on
 * this site is kept.
 */
export function rememberReturnTo(value: string | null): void {
  try {
    if (value && safeReturnTo(value, "") !== "") window.localStorage.setItem(REMEMBERED_KEY, value);
  } catch {
    // Storage can be switched off; the learner then finds their way back from the home page.
  }
}

/** The remembered path, if any. */
export function rememberedReturnTo(): string | null {
  try {
    const value = window.localStorage.getItem(REMEMBERED_KEY);
    return value && safeReturnTo(value, "") !== "" ? value : null;
  } catch {
    return null;
  }
}

/** Forgets the remembered path once it has been used. */
export function forgetReturnTo(): void {
  try {
    window.localStorage.removeItem(REMEMBERED_KEY);
  } catch {
    // Nothing to forget when storage is switched off.
  }
}

/** The register path that remembers to come back to `path`. */
export function registerPath(path: string): string {
  return `/register?returnTo=${encodeURIComponent(path)}`;
}
