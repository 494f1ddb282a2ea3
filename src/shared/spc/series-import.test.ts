import { describe, expect, it } from "vitest";
import {
  decodeSeriesBytes,
  parseSeriesFile,
  parseSeriesText,
  readImportDate,
  readImportValue,
} from "./series-import.js";

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Windows-1252 bytes for ASCII text with £ (0xA3) and é (0xE9), as Excel's "CSV (Comma delimited)" writes them. */
function cp1252(text: string): Uint8Array {
  return Uint8Array.from(
    [...text].map((char) => (char === "£" ? 0xa3 : char === "é" ? 0xe9 : char.charCodeAt(0))),
  );
}

describe("readImportDate", () => {
  it.each([
    ["2026-01-05", "2026-01-05"],
    ["2026-1-5", "2026-01-05"],
    ["2026-01-05T00:00:00", "2026-01-05"],
    ["05/01/2026", "2026-01-05"],
    ["5/1/2026", "2026-01-05"],
    ["05-01-2026", "2026-01-05"],
    ["05.01.2026", "2026-01-05"],
    ["5/1/26", "2026-01-05"],
    ["05-Jan-2026", "2026-01-05"],
    ["5 Jan 2026", "2026-01-05"],
    ["5 January 2026", "2026-01-05"],
    ["05-Jan-26", "2026-01-05"],
    ["Jan 2026", "2026-01-01"],
    ["29/02/2024", "2024-02-29"],
  ])("reads %s", (text, date) => {
    expect(readImportDate(text)).toEqual({ date });
  });

  it("refuses a US month-first date, suggesting the day-first form", () => {
    const read = readImportDate("12/25/2026");
    expect(read).toEqual({ problem: expect.stringContaining("US month-first") });
    expect(JSON.stringify(read)).toContain("2026-12-25");
  });

  it.each(["13/25/2026", "31/02/2026", "2026-02-30", "yesterday", "5 Foo 2026", "20260105"])(
    "refuses %s",
    (text) => {
      expect(readImportDate(text)).toHaveProperty("problem");
    },
  );

  it("says when the date is missing", () => {
    expect(readImportDate("  ")).toEqual({ problem: "The date is missing" });
  });
});

describe("readImportValue", () => {
  it.each([
    ["42", 42],
    ["-3.5", -3.5],
    ["1,234", 1234],
    ["1,234,567.5", 1234567.5],
    ["45%", 45],
    ["£12.50", 12.5],
    ["-£3", -3],
    [".5", 0.5],
    ["1e3", 1000],
  ])("reads %s", (text, value) => {
    expect(readImportValue(text, false)).toEqual({ value });
  });

  it.each(["abc", "1,23", "12,3456", "Infinity", "NaN", "0x10", "1.2.3", "1e999"])("refuses %s", (text) => {
    expect(readImportValue(text, false)).toHaveProperty("problem");
  });

  it("refuses commas in numbers in a semicolon file, where a comma may be a decimal comma", () => {
    expect(readImportValue("1,234", true)).toHaveProperty("problem");
  });
});

describe("parseSeriesText", () => {
  it("reads tab-separated text pasted from a spreadsheet, without a header", () => {
    const result = parseSeriesText("05/01/2026\t12\tfirst week\n12/01/2026\t14\n");
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 1, date: "2026-01-05", value: 12, note: "first week" },
      { line: 2, date: "2026-01-12", value: 14, note: "" },
    ]);
    expect(result.reordered).toBe(false);
  });

  it("reads a header in any case and order, skipping blank lines and line numbers counting them", () => {
    const result = parseSeriesText(
      'Comment,COUNT,Week\n"ward closed, see log",3,2026-01-05\n\n,4,2026-01-12\n',
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      { line: 2, date: "2026-01-05", value: 3, note: "ward closed, see log" },
      { line: 4, date: "2026-01-12", value: 4, note: "" },
    ]);
  });

  it("refuses a header with the wrong columns in one error saying which are expected", () => {
    const result = parseSeriesText("name,score\nAlice,3\n");
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ line: 1, message: expect.stringContaining('"name, score"') }]);
    expect(result.errors[0]?.message).toContain("date, value and (optionally) note");
  });

  it("reads semicolon-separated files", () => {
    const result = parseSeriesText("Date;Value;Note\n05/01/2026;7;a, b\n");
    expect(result.rows).toEqual([{ line: 2, date: "2026-01-05", value: 7, note: "a, b" }]);
  });

  it("sorts rows out of date order and says it did", () => {
    const result = parseSeriesText("2026-01-12,2\n2026-01-05,1\n");
    expect(result.rows.map((r) => [r.line, r.date])).toEqual([
      [2, "2026-01-05"],
      [1, "2026-01-12"],
    ]);
    expect(result.reordered).toBe(true);
  });

  it("names the line and column of each bad row and keeps the good ones", () => {
    const result = parseSeriesText("Date,Value\n2026-01-05,abc\n12/25/2026,4\n2026-01-19,\n2026-01-26,6\n");
    expect(result.rows.map((r) => r.line)).toEqual([5]);
    expect(result.errors).toEqual([
      { line: 2, message: expect.stringMatching(/^Column 2 \(value\): "abc" is not a number/) },
      { line: 3, message: expect.stringMatching(/^Column 1 \(date\): .*US month-first/) },
      { line: 4, message: "Column 2 (value): The value is missing" },
    ]);
  });

  it("refuses duplicate dates, naming both lines", () => {
    const result = parseSeriesText("05/01/2026,1\n2026-01-05,2\n");
    expect(result.rows).toHaveLength(1);
    expect(result.errors).toEqual([{ line: 2, message: expect.stringContaining("also on line 1") }]);
  });

  it("refuses unexpected extra columns without a header", () => {
    const result = parseSeriesText("2026-01-05,1,note,more\n");
    expect(result.errors[0]?.message).toContain("Column 4 is not expected");
  });

  it("refuses unpaired quotation marks, naming the line", () => {
    const result = parseSeriesText('2026-01-05,1\n2026-01-12,"2\n');
    expect(result.rows).toEqual([]);
    expect(result.errors[0]?.message).toContain("quotation marks");
  });

  it("refuses more than 10,000 rows", () => {
    const start = Date.UTC(1990, 0, 1);
    const lines = Array.from(
      { length: 10_001 },
      (_, i) => `${new Date(start + i * 86_400_000).toISOString().slice(0, 10)},1`,
    );
    const result = parseSeriesText(lines.join("\n"));
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ line: 10_001, message: expect.stringContaining("at most 10,000") }]);
  });
});

describe("parseSeriesFile", () => {
  it("reads UTF-8 with a byte-order mark and CRLF line ends", () => {
    const bytes = Uint8Array.from([
      0xef,
      0xbb,
      0xbf,
      ...utf8("Date,Value\r\n05/01/2026,1\r\n12/01/2026,2\r\n"),
    ]);
    const result = parseSeriesFile(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => r.date)).toEqual(["2026-01-05", "2026-01-12"]);
  });

  it("reads Excel's Windows-1252 CSV with £ and é", () => {
    const bytes = cp1252('Date,Value,Note\r\n05-Jan-2026,£12,"café, £5 voucher"\r\n');
    expect([...bytes].includes(0xa3)).toBe(true);
    const result = parseSeriesFile(bytes);
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([{ line: 2, date: "2026-01-05", value: 12, note: "café, £5 voucher" }]);
  });

  it("reads UTF-8 text with é as UTF-8, not Windows-1252", () => {
    expect(decodeSeriesBytes(utf8("é"))).toBe("é");
  });

  it("reads UTF-16 with a byte-order mark (Excel's Unicode text)", () => {
    const text = "Date\tValue\n2026-01-05\t3\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i += 1) bytes[2 + i * 2] = text.charCodeAt(i);
    expect(parseSeriesFile(bytes).rows).toEqual([{ line: 2, date: "2026-01-05", value: 3, note: "" }]);
  });

  it("reads tab-separated semicolon-free bytes with a quoted thousands value", () => {
    const result = parseSeriesFile(utf8('2026-01-05,"1,234",\n'));
    expect(result.rows[0]?.value).toBe(1234);
  });
});
