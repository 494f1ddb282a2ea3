import { describe, expect, it } from "vitest";
import {
  addDays,
  behindState,
  houseWarnings,
  normaliseStatusDates,
  outOfOrderWarning,
  planFor,
  type RuleModule,
  type RuleProgress,
  sequenceOf,
  statusDateProblems,
  ukToday,
} from "./house.rules.js";

const modules: RuleModule[] = [
  { id: "g1", position: 1, kind: "guide", title: "Team Leaders Guide", typicalWeeks: 6 },
  { id: "p1", position: 2, kind: "process", title: "Planning Our Workload", typicalWeeks: 6 },
  { id: "f1", position: 3, kind: "foundation", title: "Well Organised Working Environment", typicalWeeks: 6 },
  { id: "f2", position: 4, kind: "foundation", title: "Knowing How We Are Doing", typicalWeeks: 4 },
  { id: "f3", position: 5, kind: "foundation", title: "Patient Status at a Glance", typicalWeeks: 6 },
];
const team = { name: "Northfield district nursing", startedOn: "2026-03-02" };
const progress = (entries: Record<string, RuleProgress["status"]>) =>
  new Map(
    Object.entries(entries).map(([id, status]) => [
      id,
      { status, startedOn: "2026-03-09", completedOn: null, sustainingFrom: null },
    ]),
  );

describe("the sequence and plan", () => {
  it("puts foundation modules first, then process, each by position, and leaves guides out", () => {
    expect(sequenceOf(modules).map((m) => m.id)).toEqual(["f1", "f2", "f3", "p1"]);
  });

  it("plans modules back to back from the team's start for their typical weeks", () => {
    const plan = planFor(modules, "2026-03-02");
    expect(plan.get("f1")).toEqual({ sequence: 1, plannedStart: "2026-03-02", plannedEnd: "2026-04-13" });
    expect(plan.get("f2")).toEqual({ sequence: 2, plannedStart: "2026-04-13", plannedEnd: "2026-05-11" });
    expect(plan.get("f3")?.plannedStart).toBe("2026-05-11");
    expect(plan.get("p1")).toEqual({ sequence: 4, plannedStart: "2026-06-22", plannedEnd: "2026-08-03" });
    expect(plan.has("g1")).toBe(false);
  });

  it("adds days across month and year ends", () => {
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
    expect(addDays("2028-02-27", 2)).toBe("2028-02-29");
  });
});

describe("behind plan", () => {
  const planned = { sequence: 1, plannedStart: "2026-03-02", plannedEnd: "2026-04-13" };

  it("is behind once the planned end has passed and the module is not complete or sustaining", () => {
    expect(behindState(planned, "not_started", "2026-04-13")).toEqual({ behind: false, weeksBehind: 0 });
    expect(behindState(planned, "in_progress", "2026-04-14")).toEqual({ behind: true, weeksBehind: 1 });
    expect(behindState(planned, "not_started", "2026-04-27")).toEqual({ behind: true, weeksBehind: 2 });
    expect(behindState(planned, "not_started", "2026-04-28")).toEqual({ behind: true, weeksBehind: 3 });
  });

  it("is never behind when complete or sustaining, or for a guide", () => {
    expect(behindState(planned, "complete", "2026-11-01").behind).toBe(false);
    expect(behindState(planned, "sustaining", "2026-11-01").behind).toBe(false);
    expect(behindState(undefined, "not_started", "2030-01-01").behind).toBe(false);
  });
});

describe("out of order", () => {
  it("warns when a module is started before earlier ones, naming them", () => {
    const warning = outOfOrderWarning(modules, progress({ f1: "in_progress" }), "p1", "in_progress");
    expect(warning).toContain("Planning Our Workload has been started before");
    expect(warning).toContain("Knowing How We Are Doing and Patient Status at a Glance");
    expect(warning).not.toContain("Well Organised Working Environment");
  });

  it("does not warn in order, for not started, or for guides", () => {
    expect(outOfOrderWarning(modules, progress({}), "f1", "in_progress")).toBeNull();
    expect(outOfOrderWarning(modules, progress({ f1: "complete" }), "f2", "complete")).toBeNull();
    expect(outOfOrderWarning(modules, progress({}), "p1", "not_started")).toBeNull();
    expect(outOfOrderWarning(modules, progress({}), "g1", "in_progress")).toBeNull();
  });

  it("lists every out-of-order start in a house", () => {
    expect(
      houseWarnings(modules, progress({ f1: "complete", f3: "in_progress", p1: "sustaining" })),
    ).toHaveLength(2);
  });
});

describe("status dates", () => {
  const today = "2026-11-25";
  const check = (input: RuleProgress) => statusDateProblems(normaliseStatusDates(input), { today, team });

  it("accepts dates that fit the status", () => {
    expect(
      check({
        status: "sustaining",
        startedOn: "2026-03-09",
        completedOn: "2026-04-20",
        sustainingFrom: today,
      }),
    ).toEqual([]);
    expect(
      check({ status: "not_started", startedOn: "2026-01-01", completedOn: null, sustainingFrom: null }),
    ).toEqual([]);
  });

  it("needs the dates each status needs", () => {
    const problems = check({
      status: "sustaining",
      startedOn: null,
      completedOn: null,
      sustainingFrom: null,
    });
    expect(problems.map((p) => p.field)).toEqual(["startedOn", "completedOn", "sustainingFrom"]);
  });

  it("clears dates that do not belong to the status", () => {
    expect(
      normaliseStatusDates({
        status: "in_progress",
        startedOn: "2026-03-09",
        completedOn: "2026-04-01",
        sustainingFrom: "2026-05-01",
      }),
    ).toEqual({ status: "in_progress", startedOn: "2026-03-09", completedOn: null, sustainingFrom: null });
  });

  it("refuses future dates and dates before the team started, naming the team and its start", () => {
    const problems = check({
      status: "complete",
      startedOn: "2026-02-27",
      completedOn: "2026-11-26",
      sustainingFrom: null,
    });
    expect(problems).toEqual([
      {
        field: "startedOn",
        message:
          "The date the module started is before Northfield district nursing started on the programme (2 March 2026)",
      },
      { field: "completedOn", message: "The date the module was completed must be today or in the past" },
    ]);
  });

  it("keeps completed after started and sustaining after completed", () => {
    const problems = check({
      status: "sustaining",
      startedOn: "2026-05-01",
      completedOn: "2026-04-01",
      sustainingFrom: "2026-03-20",
    });
    expect(problems.map((p) => p.field)).toEqual(["completedOn", "sustainingFrom"]);
  });
});

describe("UK today", () => {
  it("uses the UK calendar date, in BST too", () => {
    expect(ukToday(new Date("2026-06-30T23:30:00Z"))).toBe("2026-07-01");
    expect(ukToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});
