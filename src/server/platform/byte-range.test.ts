import { describe, expect, it } from "vitest";
import { parseRange } from "./byte-range.js";

describe("parseRange", () => {
  it.each([
    ["bytes=0-9", 100, { start: 0, end: 9 }],
    ["bytes=90-", 100, { start: 90, end: 99 }],
    ["bytes=-10", 100, { start: 90, end: 99 }],
    ["bytes=-500", 100, { start: 0, end: 99 }],
    ["bytes=50-500", 100, { start: 50, end: 99 }],
  ])("reads %s of a %i-byte file", (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each([
    ["bytes=100-", 100],
    ["bytes=-0", 100],
  ])("calls %s of a %i-byte file unsatisfiable", (header, size) => {
    expect(parseRange(header, size)).toBe("unsatisfiable");
  });

  it.each([undefined, "", "bytes=0-1,5-6", "items=0-1", "bytes=9-2", "bytes=-"])(
    "ignores %s and sends the whole file",
    (header) => {
      expect(parseRange(header, 100)).toBeNull();
    },
  );
});
