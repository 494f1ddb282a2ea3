import { describe, expect, it } from "vitest";
import {
  CpdActivityInputSchema,
  cpdYearOf,
  cpdYearRange,
  formatAmount,
  formatCalendarDate,
} from "../../../shared/cpd.js";
import { addUp, amountTo, certificateStatus, countsTowardsTotals, currentCertificate } from "./cpd.rules.js";
import { reflectionPlainText } from "./reflection-text.js";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("CPD years", () => {
  it("run from 1 April to 31 March, named by the year they start in", () => {
    expect(cpdYearOf("2026-03-31")).toBe(2025);
    expect(cpdYearOf("2026-04-01")).toBe(2026);
    expect(cpdYearOf("2026-12-31")).toBe(2026);
    expect(cpdYearOf("2027-01-01")).toBe(2026);
    expect(cpdYearRange(2025)).toEqual({ from: "2025-04-01", to: "2026-03-31", label: "2025 to 2026" });
  });

  it("format dates and amounts the NHS way", () => {
    expect(formatCalendarDate("2026-11-02")).toBe("2 November 2026");
    expect(formatAmount(1.5)).toBe("1.5");
    expect(formatAmount(1000)).toBe("1,000");
    expect(formatAmount(0.25)).toBe("0.25");
  });
});

describe("certificate status", () => {
  const base = { code: "AAAA", issuedAt: day("2025-01-01"), expiresAt: null };
  const now = day("2026-05-01");

  it("is valid, expired past its expiry, revoked, or replaced when superseded", () => {
    expect(certificateStatus({ ...base, state: "valid" }, now)).toBe("valid");
    expect(certificateStatus({ ...base, state: "valid", expiresAt: day("2026-06-01") }, now)).toBe("valid");
    expect(certificateStatus({ ...base, state: "valid", expiresAt: day("2026-04-30") }, now)).toBe("expired");
    expect(certificateStatus({ ...base, state: "revoked" }, now)).toBe("revoked");
    expect(certificateStatus({ ...base, state: "superseded" }, now)).toBe("replaced");
  });

  it("takes the valid certificate as current, else the newest, and lists the superseded ones as replaced", () => {
    const old = { ...base, code: "OLD", state: "superseded" as const, issuedAt: day("2025-01-01") };
    const reissue = { ...base, code: "NEW", state: "valid" as const, issuedAt: day("2025-06-01") };
    expect(currentCertificate([old, reissue])).toEqual({ current: reissue, replaced: [old] });
    const revoked = { ...base, code: "REV", state: "revoked" as const, issuedAt: day("2025-09-01") };
    expect(currentCertificate([old, revoked])).toEqual({ current: revoked, replaced: [old] });
    expect(currentCertificate([])).toEqual({ current: null, replaced: [] });
  });

  it("counts a course's points unless its certificate was revoked", () => {
    expect(countsTowardsTotals("valid")).toBe(true);
    expect(countsTowardsTotals("expired")).toBe(true);
    expect(countsTowardsTotals(null)).toBe(true);
    expect(countsTowardsTotals("revoked")).toBe(false);
  });
});

describe("totals", () => {
  it("add hundredths exactly and skip entries that do not count", () => {
    const totals = addUp([
      { kind: "activity", points: 0.1, hours: 0.2, counted: true },
      { kind: "activity", points: 0.2, hours: null, counted: true },
      { kind: "course", points: 20, hours: null, counted: true },
      { kind: "course", points: 40, hours: null, counted: false },
    ]);
    expect(totals).toEqual({ points: 20.3, hours: 0.2, courses: 1, activities: 2 });
  });

  it("store amounts with two decimals", () => {
    expect(amountTo(1.5)).toBe("1.50");
    expect(amountTo(0.1 + 0.2)).toBe("0.30");
    expect(amountTo(null)).toBeNull();
  });
});

describe("the activity schema", () => {
  const valid = { title: "Read a paper", activityDate: "2025-05-01", hours: 1.5 };

  it("needs hours, points or both, each above 0, at most 1,000, with two decimal places at most", () => {
    expect(CpdActivityInputSchema.safeParse(valid).success).toBe(true);
    expect(CpdActivityInputSchema.safeParse({ ...valid, hours: null, points: 2 }).success).toBe(true);
    const problem = (input: object) => {
      const result = CpdActivityInputSchema.safeParse(input);
      return result.success ? null : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    };
    expect(problem({ title: "x", activityDate: "2025-05-01" })).toEqual([
      "hours: Enter the hours, the CPD points, or both",
    ]);
    expect(problem({ ...valid, hours: 0 })).toEqual(["hours: The hours must be more than 0"]);
    expect(problem({ ...valid, hours: 1000.01 })).toEqual(["hours: The hours must be 1,000 or fewer"]);
    expect(problem({ ...valid, points: 1.255 })).toEqual([
      "points: Enter the CPD points with no more than 2 decimal places, like 1.25",
    ]);
    expect(problem({ ...valid, activityDate: "2025-02-29" })).toEqual([
      "activityDate: The date of the activity must be a real date",
    ]);
    expect(problem({ ...valid, activityDate: "1999-12-31" })).toEqual([
      "activityDate: The date of the activity must be in 2000 or later",
    ]);
    expect(problem({ ...valid, title: "   " })).toEqual(["title: Enter a title for the activity"]);
  });
});

describe("reflection as plain text", () => {
  it("drops emphasis, keeps lists and link addresses, and leaves HTML as characters", () => {
    const text = reflectionPlainText(
      "## What I learnt\n\nRun charts need **12 points**.\n\n- one\n- two\n\n1. first\n2. second\n\nSee [the guide](https://example.org/guide).\n\n<script>alert(1)</script>",
    );
    expect(text).toBe(
      [
        "What I learnt",
        "",
        "Run charts need 12 points.",
        "",
        "• one",
        "• two",
        "",
        "1. first",
        "2. second",
        "",
        "See the guide (https://example.org/guide).",
        "",
        "<script>alert(1)</script>",
      ].join("\n"),
    );
  });
});
