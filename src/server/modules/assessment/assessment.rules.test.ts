import { describe, expect, it } from "vitest";
import { checkDecision } from "../../../shared/assessment.js";
import { isSampled, safeHref, waitingDays } from "./assessment.rules.js";

const base = { priorDecisions: 10, newAssessorDecisions: 3, samplePercent: 20, redecision: false };

describe("isSampled", () => {
  it("always samples a decision made again after an overturn, even at 0%", () => {
    expect(isSampled({ ...base, samplePercent: 0, redecision: true }, () => 99)).toBe(true);
  });

  it("always samples a new assessor's first N decisions, then draws", () => {
    const never = () => 99;
    expect(isSampled({ ...base, priorDecisions: 0 }, never)).toBe(true);
    expect(isSampled({ ...base, priorDecisions: 2 }, never)).toBe(true);
    expect(isSampled({ ...base, priorDecisions: 3 }, never)).toBe(false);
    expect(isSampled({ ...base, priorDecisions: 0, newAssessorDecisions: 0 }, never)).toBe(false);
  });

  it("samples when the draw falls below the percentage", () => {
    expect(isSampled(base, () => 19)).toBe(true);
    expect(isSampled(base, () => 20)).toBe(false);
    expect(isSampled({ ...base, samplePercent: 0 }, () => 0)).toBe(false);
    expect(isSampled({ ...base, samplePercent: 100 }, () => 99)).toBe(true);
  });

  it("draws about the percentage asked for with the real generator", () => {
    let sampled = 0;
    for (let i = 0; i < 4000; i++) if (isSampled({ ...base, samplePercent: 25 })) sampled += 1;
    expect(sampled / 4000).toBeGreaterThan(0.21);
    expect(sampled / 4000).toBeLessThan(0.29);
  });
});

describe("waitingDays and safeHref", () => {
  it("counts whole days and never goes negative", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    expect(waitingDays(new Date("2026-11-24T01:00:00Z"), now)).toBe(0);
    expect(waitingDays(new Date("2026-11-21T11:59:00Z"), now)).toBe(3);
    expect(waitingDays(new Date("2026-11-25T00:00:00Z"), now)).toBe(0);
  });

  it("links only http and https addresses", () => {
    expect(safeHref("https://example.org/a b")).toBe("https://example.org/a%20b");
    expect(safeHref(" http://example.org ")).toBe("http://example.org/");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,hi")).toBeNull();
    expect(safeHref("//evil.example")).toBeNull();
    expect(safeHref("https://")).toBeNull();
  });
});

describe("checkDecision", () => {
  const criteria = [
    { id: "a", code: "1.1" },
    { id: "b", code: "1.2" },
  ];
  const met = (id: string) => ({ criterionId: id, decision: "met" as const, feedback: "" });

  it("accepts a pass with every criterion met and no feedback", () => {
    expect(checkDecision({ outcome: "pass", criteria: [met("a"), met("b")] }, criteria)).toEqual([]);
  });

  it("accepts a referral with one criterion not yet met, with feedback on it and overall", () => {
    expect(
      checkDecision(
        {
          outcome: "refer",
          feedback: "Add a measure.",
          criteria: [met("a"), { criterionId: "b", decision: "not_yet_met", feedback: "Show the chart." }],
        },
        criteria,
      ),
    ).toEqual([]);
  });

  it("lists every problem, each against its field, in page order", () => {
    expect(
      checkDecision(
        {
          outcome: "refer",
          feedback: " ",
          criteria: [{ criterionId: "b", decision: "not_yet_met", feedback: "" }, met("zzz")],
        },
        criteria,
      ),
    ).toEqual([
      { field: "criteria", message: "Remove the criteria that are not part of this version: zzz" },
      { field: "criteria.a.decision", message: "Select whether criterion 1.1 is met or not yet met" },
      {
        field: "criteria.b.feedback",
        message: "Give feedback on criterion 1.2: say what the learner needs to show",
      },
      {
        field: "feedback",
        message: "Give overall feedback: say what the learner needs to do before they resubmit",
      },
    ]);
  });

  it("asks for an outcome on the form, and refuses an outcome that contradicts the judgements", () => {
    expect(checkDecision({ outcome: "", criteria: [met("a"), met("b")] }, criteria)).toEqual([
      { field: "outcome", message: "Select pass or refer back" },
    ]);
    expect(
      checkDecision({ outcome: "refer", feedback: "x", criteria: [met("a"), met("b")] }, criteria).map(
        (p) => p.field,
      ),
    ).toEqual(["outcome"]);
    expect(
      checkDecision(
        {
          outcome: "pass",
          criteria: [
            { criterionId: "a", decision: "not_yet_met", feedback: "x" },
            { criterionId: "b", decision: "not_yet_met", feedback: "y" },
          ],
        },
        criteria,
      ),
    ).toEqual([
      {
        field: "outcome",
        message: "To pass, every criterion must be met: 1.1, 1.2 are not yet met, so refer back instead",
      },
    ]);
  });

  it("refuses a criterion judged twice", () => {
    expect(checkDecision({ outcome: "pass", criteria: [met("a"), met("b"), met("a")] }, criteria)).toEqual([
      {
        field: "criteria.a.decision",
        message: "Judge criterion 1.1 once: it appears more than once in this decision",
      },
    ]);
  });
});
