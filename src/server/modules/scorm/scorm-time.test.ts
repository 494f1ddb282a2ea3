import { describe, expect, it } from "vitest";
import {
  formatDuration2004,
  formatTimespan12,
  isTime12,
  isTimestamp2004,
  parseDuration2004,
  parseTimespan12,
} from "./scorm-time.js";

describe("SCORM 1.2 CMITimespan", () => {
  it("reads HHHH:MM:SS.SS with 2 to 4 hour digits and optional hundredths", () => {
    expect(parseTimespan12("0000:01:30.00")).toBe(90);
    expect(parseTimespan12("01:00:00")).toBe(3600);
    expect(parseTimespan12("9999:59:59.99")).toBeCloseTo(35_999_999.99);
    expect(parseTimespan12("0:01:30")).toBeNull();
    expect(parseTimespan12("00:60:00")).toBeNull();
    expect(parseTimespan12("00:00:00.123")).toBeNull();
    expect(parseTimespan12("PT1M30S")).toBeNull();
  });

  it("writes totals as HHHH:MM:SS.SS and accumulates sessions without float noise", () => {
    const total = [90, 90, 0.1, 0.2].reduce((sum, s) => sum + s, 0);
    expect(formatTimespan12(total)).toBe("0000:03:00.30");
    expect(formatTimespan12(0)).toBe("0000:00:00.00");
    expect(formatTimespan12(36_000 + 61.5)).toBe("0010:01:01.50");
  });

  it("knows a time of day", () => {
    expect(isTime12("14:05:00")).toBe(true);
    expect(isTime12("24:00:00")).toBe(false);
  });
});

describe("SCORM 2004 durations and timestamps", () => {
  it("reads ISO 8601 durations", () => {
    expect(parseDuration2004("PT1M30S")).toBe(90);
    expect(parseDuration2004("PT1H")).toBe(3600);
    expect(parseDuration2004("P1DT0.5S")).toBe(86_400.5);
    expect(parseDuration2004("PT0S")).toBe(0);
    expect(parseDuration2004("P")).toBeNull();
    expect(parseDuration2004("PT")).toBeNull();
    expect(parseDuration2004("1M30S")).toBeNull();
    expect(parseDuration2004("0000:01:30")).toBeNull();
  });

  it("writes totals in hours, minutes and seconds", () => {
    expect(formatDuration2004(90 + 90)).toBe("PT3M");
    expect(formatDuration2004(3661.25)).toBe("PT1H1M1.25S");
    expect(formatDuration2004(0)).toBe("PT0S");
    expect(formatDuration2004(0.5)).toBe("PT0.5S");
  });

  it("knows timestamps from 1970 to 2038", () => {
    expect(isTimestamp2004("2026-11-22T14:30:00Z")).toBe(true);
    expect(isTimestamp2004("2026-11-22T14:30:00.5+01:00")).toBe(true);
    expect(isTimestamp2004("2026")).toBe(true);
    expect(isTimestamp2004("2039-01-01")).toBe(false);
    expect(isTimestamp2004("22/11/2026")).toBe(false);
  });
});
