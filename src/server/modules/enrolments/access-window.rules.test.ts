import { describe, expect, it } from "vitest";
import {
  addUkMonths,
  formatUkDate,
  licenceStatus,
  reminderCutoffs,
  resumeDateProblem,
  startOfUkDate,
  ukDate,
} from "./access-window.rules.js";
import { deferralDeadline } from "./enrolment.rules.js";

describe("UK dates", () => {
  it("reads the UK date of an instant, which in summer is an hour ahead of UTC", () => {
    expect(ukDate(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(ukDate(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });

  it("starts a UK date at midnight UK time, in GMT and in BST", () => {
    expect(startOfUkDate("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfUkDate("2026-07-15").toISOString()).toBe("2026-07-14T23:00:00.000Z");
    // The clocks go forward at 1am on 29 March 2026; midnight is still GMT.
    expect(startOfUkDate("2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z");
  });

  it("writes dates the way the NHS style guide does", () => {
    expect(formatUkDate(new Date("2026-12-24T09:00:00Z"))).toBe("24 December 2026");
    expect(formatUkDate(new Date("2026-07-01T23:30:00Z"))).toBe("2 July 2026");
  });

  it("adds months to a date, keeping to the end of shorter months", () => {
    expect(addUkMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addUkMonths("2027-05-31", 12)).toBe("2028-05-31");
    expect(addUkMonths("2027-02-28", 12)).toBe("2028-02-28");
  });
});

describe("deferralDeadline", () => {
  it("is four weeks of UK calendar days after the start, across a clock change", () => {
    const start = new Date("2026-03-10T09:00:00Z");
    expect(deferralDeadline(start).toISOString()).toBe("2026-04-07T08:00:00.000Z");
  });
});

describe("reminderCutoffs", () => {
  it("is 30 and 7 UK days ahead", () => {
    const now = new Date("2026-11-01T12:00:00Z");
    const { first, last } = reminderCutoffs(now);
    expect(first.toISOString()).toBe("2026-12-01T12:00:00.000Z");
    expect(last.toISOString()).toBe("2026-11-08T12:00:00.000Z");
  });

  it("counts calendar days across the October clock change (one day is 25 hours)", () => {
    const now = new Date("2026-10-20T11:00:00Z"); // noon BST
    expect(reminderCutoffs(now).last.toISOString()).toBe("2026-10-27T12:00:00.000Z"); // noon GMT
  });
});

describe("resumeDateProblem", () => {
  const now = new Date("2026-05-20T10:00:00Z");

  it("accepts today and up to 12 months ahead", () => {
    expect(resumeDateProblem("2026-05-20", now)).toBeNull();
    expect(resumeDateProblem("2027-05-20", now)).toBeNull();
  });

  it("refuses a date in the past, using the UK date", () => {
    expect(resumeDateProblem("2026-05-19", now)).toMatch(/today or in the future/);
    // 11:30pm UTC on 30 June is 1 July in the UK, so 30 June has passed.
    expect(resumeDateProblem("2026-06-30", new Date("2026-06-30T23:30:00Z"))).toMatch(/future/);
  });

  it("refuses a date more than 12 months ahead, saying the latest allowed", () => {
    expect(resumeDateProblem("2027-05-21", now)).toBe(
      "The new start date must be within 12 months, on or before 20 May 2027",
    );
  });
});

describe("licenceStatus", () => {
  const licence = { startsOn: "2026-04-01", endsOn: "2027-03-31" };
  it("is upcoming before its first day, current through its last day, then ended", () => {
    expect(licenceStatus(licence, "2026-03-31")).toBe("upcoming");
    expect(licenceStatus(licence, "2026-04-01")).toBe("current");
    expect(licenceStatus(licence, "2027-03-31")).toBe("current");
    expect(licenceStatus(licence, "2027-04-01")).toBe("ended");
  });
});
