import { describe, expect, it } from "vitest";
import { calendarDaysBefore, daysBetween, fillDays, sharePercent } from "./engagement.rules.js";

describe("sharePercent", () => {
  it("is 0 when the whole is 0, never NaN or Infinity", () => {
    expect(sharePercent(0, 0)).toBe(0);
    expect(sharePercent(3, 0)).toBe(0);
  });
  it("rounds to whole per cent, half up", () => {
    expect(sharePercent(1, 2)).toBe(50);
    expect(sharePercent(2326, 3276)).toBe(71);
    expect(sharePercent(1, 3)).toBe(33);
    expect(sharePercent(2, 3)).toBe(67);
    expect(sharePercent(1, 8)).toBe(13);
    expect(sharePercent(5, 5)).toBe(100);
  });
});

describe("daysBetween and fillDays", () => {
  it("lists every UK date inclusive, across month ends", () => {
    expect(daysBetween("2027-02-27", "2027-03-02")).toEqual([
      "2027-02-27",
      "2027-02-28",
      "2027-03-01",
      "2027-03-02",
    ]);
    expect(daysBetween("2027-03-02", "2027-03-01")).toEqual([]);
  });
  it("fills days nobody was active with 0 and is empty without a range", () => {
    expect(fillDays("2027-03-01", "2027-03-03", [{ day: "2027-03-02", learners: 4 }])).toEqual([
      { day: "2027-03-01", learners: 0 },
      { day: "2027-03-02", learners: 4 },
      { day: "2027-03-03", learners: 0 },
    ]);
    expect(fillDays(null, null, [])).toEqual([]);
  });
});

describe("calendarDaysBefore", () => {
  it("counts calendar days, so a 90-day window across the end of summer time still has 90 days", () => {
    const from = calendarDaysBefore("2026-11-24", 89);
    expect(from).toBe("2026-08-27");
    expect(daysBetween(from, "2026-11-24")).toHaveLength(90);
    expect(calendarDaysBefore("2027-03-01", 1)).toBe("2027-02-28");
  });
});
