import { describe, expect, it } from "vitest";
import { assertAcceptablePassword, isCommonPassword } from "./passwords.js";

describe("common passwords", () => {
  it("knows the list, case-insensitively", () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("QwertyUIOP")).toBe(true);
    expect(isCommonPassword("lantern orchard velvet")).toBe(false);
  });

  it("refuses common passwords and ones containing the email's name part, naming the field", () => {
    expect(() => assertAcceptablePassword("1234567890", "password")).toThrow(/too common/);
    expect(() => assertAcceptablePassword("sian.obrien2026!", "newPassword", "sian.obrien@nhs.net")).toThrow(
      /email address/,
    );
    expect(() =>
      assertAcceptablePassword("lantern orchard velvet", "password", "sian@nhs.net"),
    ).not.toThrow();
  });
});
