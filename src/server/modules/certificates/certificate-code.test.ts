import { describe, expect, it } from "vitest";
import { CODE_BITS, generateCertificateCode, normaliseCertificateCode } from "./certificate-code.js";

const FORMAT =
  /^QIA-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe("certificate codes", () => {
  it("carry at least 80 random bits, in four groups of Crockford base32 after the prefix", () => {
    expect(CODE_BITS).toBeGreaterThanOrEqual(80);
    for (let i = 0; i < 200; i++) expect(generateCertificateCode()).toMatch(FORMAT);
  });

  it("use every bit of the random bytes: all zeros and all ones give the ends of the alphabet", () => {
    expect(generateCertificateCode((n) => Buffer.alloc(n, 0))).toBe("QIA-0000-0000-0000-0000");
    expect(generateCertificateCode((n) => Buffer.alloc(n, 0xff))).toBe("QIA-ZZZZ-ZZZZ-ZZZZ-ZZZZ");
    // 0x01 in the last byte sets only the lowest bit.
    expect(generateCertificateCode((n) => Buffer.from([...Array(n - 1).fill(0), 1]))).toBe(
      "QIA-0000-0000-0000-0001",
    );
    // The top bit of the first byte is the high bit of the first character (value 16 = "G").
    expect(generateCertificateCode((n) => Buffer.from([0x80, ...Array(n - 1).fill(0)]))).toBe(
      "QIA-G000-0000-0000-0000",
    );
  });

  it("do not repeat, and spread evenly over the alphabet", () => {
    const codes = new Set<string>();
    const counts = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const code = generateCertificateCode();
      codes.add(code);
      for (const ch of code.slice(4).replaceAll("-", "")) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
    expect(codes.size).toBe(5000);
    expect(counts.size).toBe(32);
    // 80,000 characters over 32 digits: 2,500 each expected; a fair generator stays well within ±15%.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(2125);
      expect(n).toBeLessThan(2875);
    }
  });

  it("read back however a person types them", () => {
    const code = "QIA-7K3M-9Q2X-TR5B-HW4D";
    expect(normaliseCertificateCode(code)).toBe(code);
    expect(normaliseCertificateCode("qia-7k3m-9q2x-tr5b-hw4d")).toBe(code);
    expect(normaliseCertificateCode(" QIA 7K3M 9Q2X TR5B HW4D ")).toBe(code);
    expect(normaliseCertificateCode("7K3M9Q2XTR5BHW4D")).toBe(code);
    expect(normaliseCertificateCode("7k3m-9q2x-tr5b-hw4d")).toBe(code);
    expect(normaliseCertificateCode("QIA–7K3M–9Q2X–TR5B–HW4D")).toBe(code);
    expect(normaliseCertificateCode("QIA-OOOO-IIII-LLLL-0000")).toBe("QIA-0000-1111-1111-0000");
  });

  it("refuse what cannot be a code", () => {
    expect(normaliseCertificateCode("")).toBeNull();
    expect(normaliseCertificateCode("QIA-7K3M-9Q2X-TR5B")).toBeNull();
    expect(normaliseCertificateCode("QIA-7K3M-9Q2X-TR5B-HW4D-X")).toBeNull();
    expect(normaliseCertificateCode("QIA-7K3M-9Q2X-TR5B-HW4U")).toBeNull();
    expect(normaliseCertificateCode("QIA-7K3M-9Q2X-TR5B-HW4%")).toBeNull();
    expect(normaliseCertificateCode("'; drop table certificates; --")).toBeNull();
  });
});
