import { randomBytes } from "node:crypto";

/**
 * Certificate codes: 80 random bits from the operating system's CSPRNG, written as 16 characters of Crockford's
 * base32 in four groups after a fixed prefix, e.g. QIA-7K3M-9Q2X-TR5B-HW4D. Crockford's alphabet leaves out I, L, O
 * and U, so a code read aloud or copied by hand has no look-alikes; reading it back forgives case, spaces, hyphens
 * and the letters people write for the digits (O for 0, I or L for 1).
 */

/** Crockford's base32 digits, in value order. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** What every code starts with, so a code is recognisable as ours. */
export const CODE_PREFIX = "QIA";
/** Random characters in a code: 16 × 5 bits = 80 bits. */
export const CODE_CHARACTERS = 16;
/** Random bits in a code. */
export const CODE_BITS = CODE_CHARACTERS * 5;
const GROUP = 4;

/** Writes 16 base32 digits in groups of four after the prefix. */
function format(digits: string): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += GROUP) groups.push(digits.slice(i, i + GROUP));
  return [CODE_PREFIX, ...groups].join("-");
}

/** A new certificate code with 80 bits of randomness (10 random bytes, 5 bits a character). */
export function generateCertificateCode(random: (size: number) => Buffer = randomBytes): string {
  const bytes = random(CODE_BITS / 8);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let digits = "";
  for (let i = CODE_CHARACTERS - 1; i >= 0; i--) {
    digits += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  }
  return format(digits);
}

/** Letters people write in place of Crockford digits. */
const LOOK_ALIKES: Record<string, string> = { O: "0", I: "1", L: "1" };

/**
 * Reads a code as a person typed it: any case, with or without the prefix, spaces, hyphens, dots or underscores,
 * O for 0 and I or L for 1. Returns the code in its printed form, or null when it cannot be one of ours.
 */
export function normaliseCertificateCode(typed: string): string | null {
  let compact = typed
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-_.\u2010-\u2015]/g, "");
  if (compact.startsWith(CODE_PREFIX) && compact.length === CODE_PREFIX.length + CODE_CHARACTERS) {
    compact = compact.slice(CODE_PREFIX.length);
  }
  if (compact.length !== CODE_CHARACTERS) return null;
  let digits = "";
  for (const ch of compact) {
    const digit = LOOK_ALIKES[ch] ?? ch;
    if (!ALPHABET.includes(digit)) return null;
    digits += digit;
  }
  return format(digits);
}
