import { describe, expect, it } from "vitest";
import { agreedPercent, formatCountPercent } from "../../../shared/surveys.js";
import {
  answerProblems,
  answersToStore,
  availabilityProblem,
  changesAnsweredQuestions,
  type QuestionShape,
  tallyStatement,
} from "./surveys.rules.js";

const learnt: QuestionShape = { id: "a", kind: "likert", prompt: "I learnt a lot", required: true };
const apply: QuestionShape = { id: "b", kind: "likert", prompt: "I can apply it", required: false };
const change: QuestionShape = {
  id: "c",
  kind: "free_text",
  prompt: "What would you change?",
  required: false,
};
const questions = [learnt, apply, change];

describe("changesAnsweredQuestions", () => {
  it("allows reordering and changing required", () => {
    const drafts = [
      { id: "c", kind: "free_text" as const, prompt: "What would you change?", required: true },
      { id: "a", kind: "likert" as const, prompt: "I learnt a lot", required: false },
      { id: "b", kind: "likert" as const, prompt: "I can apply it", required: false },
    ];
    expect(changesAnsweredQuestions(questions, drafts)).toBe(false);
  });

  it("sees additions, removals, rewording, kind changes and duplicates", () => {
    const same = questions.map((q) => ({ ...q }));
    expect(
      changesAnsweredQuestions(questions, [...same, { kind: "likert", prompt: "New", required: false }]),
    ).toBe(true);
    expect(changesAnsweredQuestions(questions, same.slice(1))).toBe(true);
    expect(
      changesAnsweredQuestions(questions, [{ ...learnt, prompt: "I learnt a little" }, ...same.slice(1)]),
    ).toBe(true);
    expect(changesAnsweredQuestions(questions, [{ ...learnt, kind: "free_text" }, ...same.slice(1)])).toBe(
      true,
    );
    expect(changesAnsweredQuestions(questions, [learnt, learnt, change])).toBe(true);
  });
});

describe("answerProblems", () => {
  it("accepts complete answers, skipping optional ones", () => {
    expect(answerProblems(questions, [{ questionId: "a", rating: 4 }])).toEqual([]);
  });

  it("names each required question left unanswered", () => {
    expect(answerProblems(questions, [{ questionId: "b", rating: 2 }])).toEqual([
      { field: "question-a", message: 'Select how much you agree with "I learnt a lot"' },
    ]);
  });

  it("refuses unknown questions, the wrong kind of answer and answering twice", () => {
    const problems = answerProblems(questions, [
      { questionId: "a", rating: 4 },
      { questionId: "zzz", rating: 3 },
      { questionId: "b", text: "yes" },
      { questionId: "c", rating: 2 },
      { questionId: "a", rating: 5 },
    ]);
    expect(problems.map((p) => p.field)).toEqual([
      "answers.1.questionId",
      "question-b",
      "question-c",
      "question-a",
    ]);
  });

  it("treats blank text as unanswered", () => {
    const required = [{ ...change, required: true }];
    expect(answerProblems(required, [{ questionId: "c", text: "   " }])).toHaveLength(1);
    expect(answersToStore(required, [{ questionId: "c", text: "   " }])).toEqual([]);
    expect(answersToStore(required, [{ questionId: "c", text: " More video " }])).toEqual([
      { questionId: "c", rating: null, text: "More video" },
    ]);
  });
});

describe("tallyStatement", () => {
  it("counts each answer and those agreeing, to the whole percent", () => {
    const result = tallyStatement({ id: "a", prompt: "I learnt a lot" }, [
      { rating: 5, n: 60 },
      { rating: 4, n: 67 },
      { rating: 3, n: 15 },
      { rating: 2, n: 5 },
      { rating: 1, n: 1 },
    ]);
    expect(result).toEqual({
      questionId: "a",
      prompt: "I learnt a lot",
      counts: [1, 5, 15, 67, 60],
      answered: 148,
      agreed: 127,
      agreedPercent: 86,
    });
    expect(formatCountPercent(result.agreed, result.answered)).toBe("127 (86%)");
  });

  it("does not divide by zero when nobody answered", () => {
    const result = tallyStatement({ id: "a", prompt: "x" }, []);
    expect(result).toMatchObject({ counts: [0, 0, 0, 0, 0], answered: 0, agreed: 0, agreedPercent: null });
    expect(agreedPercent(0, 0)).toBeNull();
    expect(formatCountPercent(0, 0)).toBe("0");
  });

  it("rounds halves up", () => {
    expect(agreedPercent(1, 8)).toBe(13);
    expect(agreedPercent(2, 3)).toBe(67);
  });
});

describe("availabilityProblem", () => {
  it("opens the pre-course survey until the course is complete", () => {
    expect(availabilityProblem("pre_course", { completed: false, startedLastModule: true })).toBeNull();
    expect(availabilityProblem("pre_course", { completed: true, startedLastModule: true })).toMatch(
      /completed/,
    );
  });

  it("opens the post-course survey at the last module or on completion", () => {
    expect(availabilityProblem("post_course", { completed: false, startedLastModule: false })).toMatch(
      /last module/,
    );
    expect(availabilityProblem("post_course", { completed: false, startedLastModule: true })).toBeNull();
    expect(availabilityProblem("post_course", { completed: true, startedLastModule: false })).toBeNull();
  });
});
