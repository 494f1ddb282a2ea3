import { createHmac, randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/** scrypt's block size and parallelism (RFC 7914 defaults); the cost N comes from config. */
const SCRYPT_R = 8;
const SCRYPT_P = 1;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must cover 128 * N * r bytes plus headroom, or Node refuses larger costs.
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_LENGTH,
      { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$salt$hash` (base64url) so costs can rise without breaking old hashes. */
export async function hashPassword(password: string, cost: number): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, cost, SCRYPT_R, SCRYPT_P);
  return ["scrypt", cost, SCRYPT_R, SCRYPT_P, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/** Checks a password against a stored hash in constant time; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [, n, r, p, salt, hash] = parts;
  const expected = Buffer.from(hash ?? "", "base64url");
  const key = await scryptAsync(
    password,
    Buffer.from(salt ?? "", "base64url"),
    Number(n),
    Number(r),
    Number(p),
  );
  return expected.length === key.length && timingSafeEqual(expected, key);
}

/** True when a stored hash was made with a lower cost than the current one (rehash at next sign-in). */
export function needsRehash(stored: string, cost: number): boolean {
  return Number(stored.split("$")[1]) < cost;
}

/** A fresh unguessable token (256 bits) for cookies and emailed links. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The keyed hash stored in place of a token, so a database leak yields no usable cookies or links. */
export function hashToken(token: string, secret: string): string {
  return createHmac("sha256", secret).update(token).digest("base64url");
}
