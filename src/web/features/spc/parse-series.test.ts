import { describe, expect, it } from "vitest";
import { parsePointNumbers, parseSeries } from "./parse-series";

describe("parseSeries", () => {
  it("reads one value per line, skipping blank lines and keeping line numbers", () => {
    expect(parseSeries("12\n\n13.5\n-2\n1,234\n")).toEqual({
      series: { values: [12, 13.5, -2, 1234], dates: null, lines: [1, 3, 4, 5] },
    });
  });

  it("reads dates and values separated by a tab, semicolon or comma", () => {
    expect(parseSeries("\uFEFF2026-01-05\t12\n12/01/2026;13\n2026-01-19, 11")).toEqual({
      series: { values: [12, 13, 11], dates: ["2026-01-05", "2026-01-12", "2026-01-19"], lines: [1, 2, 3] },
    });
  });

  it("names the line of every problem", () => {
    const result = parseSeries("12\nabc\n2026-02-30\t4\n1\t2\t3");
    expect("problems" in result && result.problems).toEqual([
      { line: 2, message: "Line 2: “abc” is not a number." },
      { line: 3, message: "Line 3: “2026-02-30” is not a date. Write dates like 2026-03-02 or 02/03/2026." },
      { line: 4, message: "Line 4 has 3 columns: give a value, or a date and a value." },
    ]);
  });

  it("refuses a mix of lines with and without dates, and empty text", () => {
    const mixed = parseSeries("2026-01-05\t12\n13");
    expect("problems" in mixed && mixed.problems[0]?.line).toBe(2);
    const empty = parseSeries("  \n");
    expect("problems" in empty && empty.problems[0]?.message).toContain("Enter your data");
  });
});

describe("parsePointNumbers", () => {
  it("reads point numbers into indices", () => {
    expect(parsePointNumbers("4, 13")).toEqual([3, 12]);
    expect(parsePointNumbers("")).toEqual([]);
    expect(parsePointNumbers("0")).toBeNull();
    expect(parsePointNumbers("x")).toBeNull();
  });
});
