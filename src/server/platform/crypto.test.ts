import { describe, expect, it } from "vitest";
import { hashPassword, hashToken, needsRehash, newToken, verifyPassword } from "./crypto.js";

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("lantern orchard velvet", 1024);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword("lantern orchard velvet", stored)).toBe(true);
    expect(await verifyPassword("lantern orchard velvet ", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts each hash", async () => {
    expect(await hashPassword("same password", 1024)).not.toBe(await hashPassword("same password", 1024));
  });

  it("treats composed and decomposed accents as the same password", async () => {
    const stored = await hashPassword("Sia\u0302n's password", 1024);
    expect(await verifyPassword("Si\u00e2n's password", stored)).toBe(true);
  });

  it("refuses malformed stored hashes rather than throwing", async () => {
    expect(await verifyPassword("x", "plaintext")).toBe(false);
    expect(await verifyPassword("x", "bcrypt$1$2$3$4$5")).toBe(false);
  });

  it("asks for a rehash when the cost rises", async () => {
    const stored = await hashPassword("x", 1024);
    expect(needsRehash(stored, 1024)).toBe(false);
    expect(needsRehash(stored, 32768)).toBe(true);
  });
});

describe("tokens", () => {
  it("are 256-bit, URL-safe and distinct; their stored hash depends on the secret", () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(hashToken(token, "secret-a")).not.toBe(hashToken(token, "secret-b"));
    expect(hashToken(token, "secret-a")).toBe(hashToken(token, "secret-a"));
  });
});
