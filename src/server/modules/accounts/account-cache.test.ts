import { describe, expect, it } from "vitest";
import type { Me } from "../../../shared/accounts.js";
import { AccountCache } from "./account-cache.js";
import type { AccountSnapshot } from "./accounts.repository.js";

const snapshot = (
  id: string,
  version: string,
  pendingEmailExpiresAt: Date | null = null,
): AccountSnapshot => ({
  accountVersion: version,
  pendingEmailExpiresAt,
  account: { id, email: `${id}@example.test` } as Me, // only id and email matter to the cache
});

describe("AccountCache", () => {
  it("serves an account only at the version it was read at", () => {
    const cache = new AccountCache();
    cache.set(snapshot("a", "3"));
    expect(cache.get("a", "3")?.email).toBe("a@example.test");
    expect(cache.get("a", "4")).toBeNull();
    expect(cache.get("b", "3")).toBeNull();
  });

  it("drops an entry once its pending email change has lapsed", () => {
    const cache = new AccountCache();
    cache.set(snapshot("a", "1", new Date(1_000)));
    expect(cache.get("a", "1", 999)).not.toBeNull();
    expect(cache.get("a", "1", 1_000)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it("evicts the oldest entry when full", () => {
    const cache = new AccountCache(2);
    cache.set(snapshot("a", "1"));
    cache.set(snapshot("b", "1"));
    cache.set(snapshot("a", "2"));
    cache.set(snapshot("c", "1"));
    expect(cache.get("b", "1")).toBeNull();
    expect(cache.get("a", "2")).not.toBeNull();
    expect(cache.get("c", "1")).not.toBeNull();
  });
});
