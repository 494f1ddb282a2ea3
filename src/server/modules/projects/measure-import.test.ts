import { describe, expect, it } from "vitest";
import { planImport } from "./measure-import.js";

const row = (line: number, date: string, value: number, note = "") => ({ line, date, value, note });

describe("planImport", () => {
  it("marks new rows and rows replacing a value, with the old value", () => {
    const plan = planImport(
      { rows: [row(1, "2026-01-05", 4), row(2, "2026-01-12", 5)], errors: [] },
      [{ date: "2026-01-05", value: 7 }],
      "",
      { mode: "add", onExisting: "overwrite" },
    );
    expect(plan.preview.rows.map((r) => [r.status, r.existingValue])).toEqual([
      ["replaces", 7],
      ["new", null],
    ]);
    expect(plan.preview.counts).toMatchObject({ new: 1, replaces: 1, totalAfter: 2, errors: 0 });
    expect(plan.writes).toHaveLength(2);
  });

  it("makes existing dates row errors when told to refuse, and ignores them when replacing all", () => {
    const existing = [{ date: "2026-01-05", value: 7 }];
    const refuse = planImport({ rows: [row(3, "2026-01-05", 4)], errors: [] }, existing, "", {
      mode: "add",
      onExisting: "refuse",
    });
    expect(refuse.preview.errors).toEqual([
      { line: 3, message: expect.stringContaining("There is already a value for 5 January 2026 (7)") },
    ]);
    const replaceAll = planImport({ rows: [row(3, "2026-01-05", 4)], errors: [] }, existing, "", {
      mode: "replace_all",
      onExisting: "refuse",
    });
    expect(replaceAll.preview.errors).toEqual([]);
    expect(replaceAll.preview.counts).toMatchObject({ new: 1, removed: 1, totalAfter: 1 });
  });

  it("sorts rows by date and says so; keeps the parser's errors; flags percentages, range and duplicates", () => {
    const plan = planImport(
      {
        rows: [
          row(2, "2026-02-02", 120),
          row(3, "2026-01-05", 50),
          row(4, "1980-01-07", 10),
          row(5, "2026-01-05", 60),
        ],
        errors: [{ line: 6, message: "Column 1 (date): not a date" }],
      },
      [],
      "%",
      { mode: "add", onExisting: "overwrite" },
    );
    expect(plan.preview.sorted).toBe(true);
    expect(plan.preview.rows.map((r) => r.line)).toEqual([4, 3, 5, 2]);
    expect(plan.preview.errors.map((e) => e.line)).toEqual([2, 4, 5, 6]);
    expect(plan.preview.errors.find((e) => e.line === 5)?.message).toContain("also on line 3");
  });

  it("says when there is nothing to import, and when the measure would hold too many values", () => {
    expect(
      planImport({ rows: [], errors: [] }, [], "", { mode: "add", onExisting: "overwrite" }).preview.errors,
    ).toHaveLength(1);
    const existing = Array.from({ length: 10_000 }, (_, i) => ({ date: `x${i}`, value: 1 }));
    const plan = planImport({ rows: [row(1, "2026-01-05", 1)], errors: [] }, existing, "", {
      mode: "add",
      onExisting: "overwrite",
    });
    expect(plan.tooMany).toBe(true);
  });
});
