import { describe, expect, it } from "vitest";
import type { RuleModule } from "./house.rules.js";
import {
  type ExistingProgress,
  type ProgressImportContext,
  parseImportDate,
  parseImportStatus,
  parseProgressCsv,
  planProgressImport,
} from "./progress-import.js";

const modules: RuleModule[] = [
  { id: "g1", position: 1, kind: "guide", title: "Team Leaders Guide", typicalWeeks: 6 },
  { id: "f1", position: 2, kind: "foundation", title: "Well Organised Working Environment", typicalWeeks: 6 },
  { id: "f2", position: 3, kind: "foundation", title: "Knowing How We Are Doing", typicalWeeks: 6 },
  { id: "p1", position: 4, kind: "process", title: "Planning Our Workload", typicalWeeks: 6 },
];
const teams = [
  { id: "t1", name: "Northfield district nursing", startedOn: "2026-03-02" },
  { id: "t2", name: "Southgate community therapy", startedOn: "2026-03-02" },
];

function context(overrides: Partial<ProgressImportContext> = {}): ProgressImportContext {
  return {
    today: "2026-11-25",
    teams,
    modules,
    existing: new Map(),
    canEditTeam: () => true,
    ...overrides,
  };
}

function plan(csv: string, overrides: Partial<ProgressImportContext> = {}) {
  const parsed = parseProgressCsv(csv);
  if (!parsed.ok) throw new Error(parsed.message);
  return planProgressImport(parsed.records, context(overrides));
}

describe("reading the CSV", () => {
  it("takes headings in any order and case, with a BOM", () => {
    const parsed = parseProgressCsv(
      "\uFEFFStatus,MODULE,Team,Sustaining From,Notes\nin progress,Planning Our Workload,Northfield district nursing,,hi\n",
    );
    expect(parsed).toEqual({
      ok: true,
      records: [
        {
          line: 2,
          values: {
            status: "in progress",
            module: "Planning Our Workload",
            team: "Northfield district nursing",
            sustainingFrom: "",
            notes: "hi",
          },
        },
      ],
    });
  });

  it("says which headings are missing, and refuses an empty file", () => {
    const parsed = parseProgressCsv("team,notes\nA,B\n");
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain("module and status are missing");
    expect(parseProgressCsv("").ok).toBe(false);
    expect(parseProgressCsv("team,module,status\n").ok).toBe(false);
  });

  it("reads ISO and UK day-first dates, and statuses by label or code", () => {
    expect(parseImportDate("02/03/2026")).toBe("2026-03-02");
    expect(parseImportDate("2/3/2026")).toBe("2026-03-02");
    expect(parseImportDate("2026-03-02")).toBe("2026-03-02");
    expect(parseImportDate("31/02/2026")).toBeNull();
    expect(parseImportDate("March 2")).toBeNull();
    expect(parseImportStatus("In progress")).toBe("in_progress");
    expect(parseImportStatus("in_progress")).toBe("in_progress");
    expect(parseImportStatus("NOT STARTED")).toBe("not_started");
    expect(parseImportStatus("Completed")).toBe("complete");
    expect(parseImportStatus("done")).toBeNull();
  });
});

describe("checking rows", () => {
  it("plans new, changed and unchanged rows", () => {
    const existing = new Map<string, Map<string, ExistingProgress>>([
      [
        "t1",
        new Map([
          [
            "f1",
            {
              status: "complete",
              startedOn: "2026-03-09",
              completedOn: "2026-04-20",
              sustainingFrom: null,
              notes: "",
            },
          ],
          [
            "f2",
            {
              status: "in_progress",
              startedOn: "2026-04-27",
              completedOn: null,
              sustainingFrom: null,
              notes: "x",
            },
          ],
        ]),
      ],
    ]);
    const result = plan(
      [
        "team,module,status,started,completed,notes",
        "Northfield district nursing,well organised working environment,Complete,09/03/2026,20/04/2026,",
        "Northfield district nursing,Knowing How We Are Doing,complete,2026-04-27,2026-06-01,",
        "Southgate community therapy,Well Organised Working Environment,in progress,04/05/2026,,Started",
      ].join("\n"),
      { existing },
    );
    expect(result.result.rows.map((r) => r.outcome)).toEqual(["unchanged", "changed", "new"]);
    expect(result.result.rows[1]?.notes).toBe("x");
    expect(result.writes.map((w) => `${w.teamId}:${w.moduleId}:${w.status}`)).toEqual([
      "t1:f2:complete",
      "t2:f1:in_progress",
    ]);
    expect(result.result.errors).toEqual([]);
  });

  it("gives each bad row its errors by line, naming the teams and modules there are", () => {
    const result = plan(
      [
        "team,module,status,started",
        "Northfield district nursing,Well Organised Working Environment,in progress,02/03/2026",
        "Northfeld,Well Organised Working Environment,in progress,02/03/2026",
        "Northfield district nursing,Cooking,in progress,02/03/2026",
        "Northfield district nursing,Knowing How We Are Doing,half done,02/03/2026",
        "Northfield district nursing,Planning Our Workload,in progress,31/02/2026",
        "Northfield district nursing,Well Organised Working Environment,in progress,02/03/2026",
        "Southgate community therapy,Knowing How We Are Doing,in progress,01/03/2026",
        "Southgate community therapy,Planning Our Workload,in progress,",
        "Southgate community therapy,Well Organised Working Environment,in progress,26/11/2026",
      ].join("\n"),
    );
    const messages = result.result.errors.map((e) => e.message);
    expect(messages[0]).toBe(
      "Line 3: there is no team called 'Northfeld' — teams are: Northfield district nursing and Southgate community therapy",
    );
    expect(messages[1]).toContain(
      "Line 4: there is no module called 'Cooking' in this house — modules are: Team Leaders Guide",
    );
    expect(messages[2]).toContain("Line 5: the status 'half done' is not known");
    expect(messages[3]).toContain("Line 6: the started date '31/02/2026' is not a real date");
    expect(messages.filter((m) => m.startsWith("Line 6"))).toHaveLength(1);
    expect(messages[4]).toContain("Line 7:");
    expect(messages[4]).toContain("already on line 2");
    expect(messages[5]).toBe(
      "Line 8: the date the module started is before Southgate community therapy started on the programme (2 March 2026)",
    );
    expect(messages[6]).toBe("Line 9: enter the date the module started in the started column");
    expect(messages[7]).toContain("Line 10: the date the module started must be today or in the past");
    expect(result.result.counts).toEqual({ rows: 9, new: 1, changed: 0, unchanged: 0, errors: 8 });
  });

  it("lets team leaders import only their own team's rows", () => {
    const result = plan(
      "team,module,status,started\nSouthgate community therapy,Well Organised Working Environment,in progress,04/05/2026\n",
      { canEditTeam: (id) => id === "t1" },
    );
    expect(result.result.errors[0]?.message).toBe(
      "Line 2: you can only import rows for your own team, not Southgate community therapy",
    );
    expect(result.writes).toEqual([]);
  });

  it("warns about out-of-order starts against the statuses after the import", () => {
    const result = plan(
      [
        "team,module,status,started",
        "Northfield district nursing,Planning Our Workload,in progress,01/06/2026",
        "Northfield district nursing,Well Organised Working Environment,in progress,09/03/2026",
      ].join("\n"),
    );
    expect(result.result.rows[0]?.warnings[0]).toContain("before Knowing How We Are Doing,");
    expect(result.result.rows[0]?.warnings[0]).not.toContain("Well Organised Working Environment");
    expect(result.result.rows[1]?.warnings).toEqual([]);
  });
});
