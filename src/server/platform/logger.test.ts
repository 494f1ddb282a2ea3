import { describe, expect, it } from "vitest";
import { redactUrl } from "./logger.js";

describe("redactUrl", () => {
  it("removes tokens from emailed links before they are logged", () => {
    expect(redactUrl("/verify-email?token=abc123&x=1")).toBe("/verify-email?token=[redacted]&x=1");
    expect(redactUrl("/reset-password?a=1&TOKEN=abc")).toBe("/reset-password?a=1&TOKEN=[redacted]");
    expect(redactUrl("/api/me")).toBe("/api/me");
  });
});
