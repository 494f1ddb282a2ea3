import { describe, expect, it } from "vitest";
import { formatCalendarDate, formatShortCalendarDate } from "./dates.js";

describe("calendar dates in words", () => {
  it("writes the day without a leading zero and the month in full or short", () => {
    expect(formatCalendarDate("2026-03-02")).toBe("2 March 2026");
    expect(formatShortCalendarDate("2026-12-31")).toBe("31 Dec 2026");
  });

  it("returns anything that is not an ISO date as it is", () => {
    expect(formatCalendarDate("2026-13-01")).toBe("2026-13-01");
    expect(formatShortCalendarDate("next week")).toBe("next week");
  });
});
