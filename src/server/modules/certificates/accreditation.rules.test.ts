import { describe, expect, it } from "vitest";
import { LEVELS, type Level } from "../../../shared/catalogue.js";
import { type AccreditationFacts, decideAccreditation } from "./accreditation.rules.js";

const nothing = (level: Level): AccreditationFacts => ({
  level,
  completed: false,
  finalQuizzes: 1,
  finalQuizzesPassed: 0,
  declared: false,
  portfolioPassed: false,
});
const everything = (level: Level): AccreditationFacts => ({
  level,
  completed: true,
  finalQuizzes: 1,
  finalQuizzesPassed: 1,
  declared: true,
  portfolioPassed: true,
});

describe("accreditation rules", () => {
  it.each(["introductory", "module", "mini_course"] as const)("%s: completion alone", (level) => {
    expect(decideAccreditation({ ...nothing(level), completed: true })).toEqual({
      achieved: true,
      rule: "completion",
    });
    expect(decideAccreditation(nothing(level))).toEqual({ achieved: false, outstanding: ["completion"] });
    // No final quiz is needed, and a course without one is still achievable.
    expect(decideAccreditation({ ...nothing(level), completed: true, finalQuizzes: 0 })).toMatchObject({
      achieved: true,
    });
  });

  it("accredited introduction: completion, a passed final quiz and the declaration", () => {
    const level = "accredited_introduction";
    expect(decideAccreditation(everything(level))).toEqual({
      achieved: true,
      rule: "completion_and_final_assessment",
    });
    expect(decideAccreditation({ ...everything(level), declared: false })).toEqual({
      achieved: false,
      outstanding: ["declaration"],
    });
    expect(decideAccreditation({ ...everything(level), finalQuizzesPassed: 0 })).toEqual({
      achieved: false,
      outstanding: ["final_assessment"],
    });
    expect(decideAccreditation({ ...everything(level), completed: false })).toEqual({
      achieved: false,
      outstanding: ["completion"],
    });
    expect(decideAccreditation(nothing(level))).toEqual({
      achieved: false,
      outstanding: ["completion", "final_assessment", "declaration"],
    });
    // A portfolio is not part of this level's rule.
    expect(decideAccreditation({ ...everything(level), portfolioPassed: false })).toMatchObject({
      achieved: true,
    });
  });

  it("foundation: completion and a passed final quiz; no declaration asked", () => {
    const level = "foundation";
    expect(decideAccreditation({ ...everything(level), declared: false })).toEqual({
      achieved: true,
      rule: "completion_and_final_assessment",
    });
    expect(decideAccreditation({ ...everything(level), finalQuizzesPassed: 0 })).toEqual({
      achieved: false,
      outstanding: ["final_assessment"],
    });
  });

  it("every final quiz must be passed when a course marks more than one", () => {
    expect(
      decideAccreditation({ ...everything("foundation"), finalQuizzes: 2, finalQuizzesPassed: 1 }),
    ).toEqual({ achieved: false, outstanding: ["final_assessment"] });
    expect(
      decideAccreditation({ ...everything("foundation"), finalQuizzes: 2, finalQuizzesPassed: 2 }),
    ).toMatchObject({ achieved: true });
  });

  it.each(["accredited_introduction", "foundation"] as const)(
    "%s without a final quiz is not achieved, even when everything else is done",
    (level) => {
      expect(decideAccreditation({ ...everything(level), finalQuizzes: 0, finalQuizzesPassed: 0 })).toEqual({
        achieved: false,
        outstanding: ["final_assessment_missing"],
      });
    },
  );

  it.each(["practitioner", "facilitator", "programme_manager"] as const)(
    "%s: completion and a portfolio pass that stands",
    (level) => {
      expect(decideAccreditation({ ...everything(level), finalQuizzes: 0, declared: false })).toEqual({
        achieved: true,
        rule: "completion_and_portfolio",
      });
      expect(decideAccreditation({ ...everything(level), portfolioPassed: false })).toEqual({
        achieved: false,
        outstanding: ["portfolio"],
      });
      expect(decideAccreditation({ ...everything(level), completed: false })).toEqual({
        achieved: false,
        outstanding: ["completion"],
      });
      // Passing quizzes does not stand in for the portfolio.
      expect(decideAccreditation({ ...nothing(level), completed: true, finalQuizzesPassed: 1 })).toEqual({
        achieved: false,
        outstanding: ["portfolio"],
      });
    },
  );

  it("has a rule for every level, and nothing is achieved without completion", () => {
    for (const level of LEVELS) {
      expect(decideAccreditation({ ...everything(level), completed: false })).toMatchObject({
        achieved: false,
      });
      expect(decideAccreditation(everything(level))).toMatchObject({ achieved: true });
    }
  });
});
