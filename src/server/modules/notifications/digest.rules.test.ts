import { describe, expect, it } from "vitest";
import { absoluteLink, digestDue } from "./digest.rules.js";

describe("digestDue", () => {
  it("waits until 07:00 UK time in winter (GMT)", () => {
    expect(digestDue(new Date("2026-01-15T06:59:59Z"))).toBe(false);
    expect(digestDue(new Date("2026-01-15T07:00:00Z"))).toBe(true);
    expect(digestDue(new Date("2026-01-15T23:59:00Z"))).toBe(true);
    expect(digestDue(new Date("2026-01-16T00:00:00Z"))).toBe(false);
  });

  it("waits until 07:00 UK time in summer (BST, an hour ahead of UTC)", () => {
    expect(digestDue(new Date("2026-07-15T05:59:59Z"))).toBe(false);
    expect(digestDue(new Date("2026-07-15T06:00:00Z"))).toBe(true);
    expect(digestDue(new Date("2026-07-14T23:30:00Z"))).toBe(false);
  });
});

describe("absoluteLink", () => {
  it("puts the public address before a local path", () => {
    expect(absoluteLink("https://qi.example", "/runs/1/announcements#announcement-2")).toBe(
      "https://qi.example/runs/1/announcements#announcement-2",
    );
  });

  it("never links to another site", () => {
    expect(absoluteLink("https://qi.example", "//evil.example/x")).toBe("https://qi.example/notifications");
    expect(absoluteLink("https://qi.example", "https://evil.example")).toBe(
      "https://qi.example/notifications",
    );
    expect(absoluteLink("https://qi.example", "/\\evil.example")).toBe("https://qi.example/notifications");
  });
});
