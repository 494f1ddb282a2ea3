import { describe, expect, it } from "vitest";
import {
  checkRecognitionDecision,
  feedbackField,
  RECOGNITION_RUBRIC,
  type RecognitionDecisionDraft,
  scoreField,
} from "./recognition.js";

const ids = RECOGNITION_RUBRIC.criteria.map((c) => c.id);
const first = ids[0] ?? "";
const second = ids[1] ?? "";

function draft(outcome: RecognitionDecisionDraft["outcome"], scores: Record<string, number | null> = {}) {
  return {
    outcome,
    feedback: "",
    scores: ids.map((id) => ({
      criterionId: id,
      score: id in scores ? (scores[id] ?? null) : 2,
      feedback: "",
    })),
  };
}
const fields = (d: RecognitionDecisionDraft) => checkRecognitionDecision(d).map((p) => p.field);

describe("checkRecognitionDecision", () => {
  it("publishes about seven criteria with descriptors for every score", () => {
    expect(RECOGNITION_RUBRIC.criteria.length).toBeGreaterThanOrEqual(6);
    for (const c of RECOGNITION_RUBRIC.criteria)
      expect(Object.keys(c.descriptors)).toEqual(["0", "1", "2", "3"]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("passes when every criterion scores 2 or 3", () => {
    expect(fields(draft("pass"))).toEqual([]);
    expect(fields(draft("pass", { [first]: 3 }))).toEqual([]);
  });

  it("refuses a pass with any criterion below 2, and wants feedback on it", () => {
    expect(fields(draft("pass", { [first]: 1 }))).toEqual([feedbackField(first), "outcome"]);
  });

  it("refers only when something scores below 2, with feedback on it and overall", () => {
    expect(fields(draft("refer"))).toEqual(["outcome", "feedback"]);
    const ok = draft("refer", { [second]: 0 });
    ok.feedback = "Add a process measure.";
    const item = ok.scores.find((s) => s.criterionId === second);
    if (item) item.feedback = "No tests of change yet.";
    expect(fields(ok)).toEqual([]);
  });

  it("wants every criterion scored exactly once, and known, with whole scores 0–3", () => {
    const missing = draft("pass");
    missing.scores = missing.scores.filter((s) => s.criterionId !== first);
    expect(fields(missing)).toEqual([scoreField(first)]);
    const twice = draft("pass");
    twice.scores.push({ criterionId: second, score: 2, feedback: "" });
    expect(fields(twice)).toEqual([scoreField(second)]);
    const unknown = draft("pass");
    unknown.scores.push({ criterionId: "made_up", score: 2, feedback: "" });
    expect(fields(unknown)).toEqual(["scores"]);
    expect(fields(draft("pass", { [first]: 4 }))).toEqual([scoreField(first)]);
    expect(fields(draft("pass", { [first]: 1.5 }))).toEqual([scoreField(first)]);
    expect(fields(draft("pass", { [first]: null }))).toEqual([scoreField(first)]);
  });

  it("wants an outcome", () => {
    expect(fields(draft(""))).toEqual(["outcome"]);
  });
});
