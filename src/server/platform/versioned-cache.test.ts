import { describe, expect, it } from "vitest";
import { VersionedCache } from "./versioned-cache.js";

describe("VersionedCache", () => {
  it("serves a value only at the version it was stored with", () => {
    const cache = new VersionedCache<string>();
    cache.set("u1", "3:7", "rows");
    expect(cache.get("u1", "3:7")).toBe("rows");
    expect(cache.get("u1", "4:7")).toBeUndefined();
    expect(cache.get("u1", "3:8")).toBeUndefined();
    expect(cache.get("u2", "3:7")).toBeUndefined();
  });

  it("replaces an entry and evicts the oldest when full", () => {
    const cache = new VersionedCache<number>(2);
    cache.set("a", "1", 1);
    cache.set("b", "1", 2);
    cache.set("a", "2", 3);
    cache.set("c", "1", 4);
    expect(cache.size).toBe(2);
    expect(cache.get("b", "1")).toBeUndefined();
    expect(cache.get("a", "2")).toBe(3);
    expect(cache.get("c", "1")).toBe(4);
  });
});
