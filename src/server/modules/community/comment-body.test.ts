import { describe, expect, it } from "vitest";
import { checkCommentBody, normaliseCommentBody } from "./comment-body.js";

describe("normaliseCommentBody", () => {
  it("composes to NFC, strips zero-width and bidi controls, and trims", () => {
    expect(
      normaliseCommentBody("  Cafe\u0301\r\nok\u200B\u200C\u200D\u2060\uFEFF \u202Edone\u2066\u2069 "),
    ).toBe("Café\nok done");
  });
});

describe("checkCommentBody", () => {
  it("refuses a body that is empty once normalised", () => {
    expect(checkCommentBody("\u200B \u202E\n\uFEFF")).toEqual({ ok: false, message: "Write a comment" });
  });

  it("accepts 5,000 characters and refuses 5,001, naming the limit", () => {
    expect(checkCommentBody("a".repeat(5000)).ok).toBe(true);
    const tooLong = checkCommentBody("a".repeat(5001));
    expect(tooLong.ok).toBe(false);
    expect(!tooLong.ok && tooLong.message).toMatch(/5,000 characters or fewer/);
  });

  it("counts after stripping, so zero-width padding does not push a body over the limit", () => {
    expect(checkCommentBody(`${"a".repeat(5000)}${"\u200B".repeat(100)}`).ok).toBe(true);
  });
});
