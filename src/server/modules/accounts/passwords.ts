import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { fieldError } from "../../platform/errors.js";

/** The 10,000 most common passwords (data/README.md says where they come from), lower-cased. */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  readFileSync(fileURLToPath(new URL("./data/common-passwords.txt", import.meta.url)), "utf8")
    .split("\n")
    .filter((line) => line.length > 0),
);

/** True when the password is one of the 10,000 most common (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/**
 * NCSC-style check beyond length (the schema checks length): refuse common passwords and ones built from the
 * person's own email address. No composition rules.
 */
export function assertAcceptablePassword(password: string, field: string, email?: string): void {
  if (isCommonPassword(password)) {
    throw fieldError(
      field,
      "This password is too common and easy to guess. Try three random words together, like 'river lamp biscuit'",
    );
  }
  const local = email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    throw fieldError(
      field,
      "Your password must not contain your email address. Try three random words together",
    );
  }
}
