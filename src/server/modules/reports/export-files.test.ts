import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { type Cell, csvStream, fileSlug, neutraliseCell } from "./export-files.js";

async function* once(rows: Cell[][]) {
  yield rows;
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("neutraliseCell", () => {
  it("prefixes an apostrophe to text that a spreadsheet would run as a formula", () => {
    for (const value of ["=SUM(A1:A2)", "+44 113 243 3144", "-1+2", "@SUM(1)", "\t=1", "\r=1"])
      expect(neutraliseCell(value)).toBe(`'${value}`);
  });

  it("leaves other text, numbers and empty cells alone", () => {
    expect(neutraliseCell("Siân O'Brien")).toBe("Siân O'Brien");
    expect(neutraliseCell("a=b")).toBe("a=b");
    expect(neutraliseCell("")).toBe("");
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBeNull();
  });
});

describe("csvStream", () => {
  it("writes UTF-8 with a byte-order mark, CRLF line endings, quoting, and neutralised cells", async () => {
    const csv = await text(csvStream(["Name", "Note"], once([['Siân, "Jo"', "=cmd|' /C calc'!A0"]])));
    expect(csv.startsWith("\uFEFFName,Note\r\n")).toBe(true);
    const rows = parse(csv, { bom: true }) as string[][];
    expect(rows).toEqual([
      ["Name", "Note"],
      ['Siân, "Jo"', "'=cmd|' /C calc'!A0"],
    ]);
  });
});

describe("fileSlug", () => {
  it("makes a safe file name part from an organisation's name", () => {
    expect(fileSlug("Guy's and St Thomas' NHS Foundation Trust")).toBe(
      "guy-s-and-st-thomas-nhs-foundation-trust",
    );
    expect(fileSlug("Ysbyty Gwynedd — Môn")).toBe("ysbyty-gwynedd-mon");
    expect(fileSlug("***")).toBe("organisation");
  });
});
