import { describe, expect, it } from "vitest";
import { normaliseEsrNumber, RegisterSchema } from "./accounts.js";

describe("ESR assignment numbers", () => {
  it.each([
    ["12345678901", "12345678901"],
    ["123 45678901", "12345678901"],
    ["123-45678901", "12345678901"],
    [" 123 - 4567 8901 ", "12345678901"],
  ])("normalises %j to %s", (raw, expected) => {
    expect(normaliseEsrNumber(raw)).toBe(expected);
  });

  const base = {
    email: "a@example.test",
    password: "a long enough password",
    givenName: "A",
    familyName: "B",
    sector: "independent",
  };
  it.each(["1234567890", "123456789012", "1234567890A", "12345 678 90x"])("refuses %j", (esrNumber) => {
    expect(RegisterSchema.safeParse({ ...base, esrNumber }).success).toBe(false);
  });
  it("treats an empty ESR number as none", () => {
    const parsed = RegisterSchema.parse({ ...base, esrNumber: "  " });
    expect(parsed.esrNumber).toBeNull();
  });
});

describe("registration schema", () => {
  it("lower-cases and trims the email", () => {
    const parsed = RegisterSchema.parse({
      email: "  Sian.OBrien@NHS.net ",
      password: "a long enough password",
      givenName: "Siân",
      familyName: "O'Brien",
      sector: "independent",
    });
    expect(parsed.email).toBe("sian.obrien@nhs.net");
  });
});
