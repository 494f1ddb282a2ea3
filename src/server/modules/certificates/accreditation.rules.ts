import type { Level } from "../../../shared/catalogue.js";
import type { AchievementRule } from "../../../shared/certificates.js";

/**
 * The accreditation rules (domain.md, issue 6): what a learner must have done for a course at each level to be
 * achieved. Pure, so every case is unit-tested; recordAchievementIfEarned gathers the facts and acts on the answer.
 */

/** What the rules look at, gathered for one enrolment. */
export interface AccreditationFacts {
  level: Level;
  /** Every required step done (enrolments.completed_at is set). */
  completed: boolean;
  /** How many quiz steps the course marks as its final assessment (course_steps.is_final). */
  finalQuizzes: number;
  /** How many of those the learner has a passed attempt on. */
  finalQuizzesPassed: number;
  /** The learner declared their involvement (enrolments.declared_at is set). */
  declared: boolean;
  /**
   * The portfolio has passed and the pass stands: portfolios.status = 'passed', which the assessment service sets
   * only once any sampled internal verification has confirmed it.
   */
  portfolioPassed: boolean;
}

/** Something still to do before a course is achieved. */
export type Outstanding =
  | "completion"
  | "final_assessment"
  | "final_assessment_missing"
  | "declaration"
  | "portfolio";

/** The rules' answer: achieved under a rule, or what is still outstanding. */
export type AccreditationDecision =
  | { achieved: true; rule: AchievementRule }
  | { achieved: false; outstanding: Outstanding[] };

/** Which rule applies at each level. */
export const RULE_FOR_LEVEL: Record<Level, AchievementRule> = {
  introductory: "completion",
  module: "completion",
  mini_course: "completion",
  accredited_introduction: "completion_and_final_assessment",
  foundation: "completion_and_final_assessment",
  practitioner: "completion_and_portfolio",
  facilitator: "completion_and_portfolio",
  programme_manager: "completion_and_portfolio",
};

/** What each outstanding item means, for learners and logs. */
export const OUTSTANDING_TEXT: Record<Outstanding, string> = {
  completion: "Complete every required step of the course",
  final_assessment: "Pass the course's final assessment",
  final_assessment_missing:
    "The course has no final assessment yet, so it cannot be achieved until the course team adds one",
  declaration: "Declare that you are involved in implementing the programme",
  portfolio: "Have your portfolio passed by an assessor (and confirmed by internal verification if sampled)",
};

/**
 * Decides whether a course is achieved. A course at Accredited Introduction or Foundation with no final quiz cannot
 * be achieved: its accreditation needs an assessment, and issuing an accredited certificate without one would be
 * wrong, so the achievement waits until a content editor marks a quiz as final and the learner passes it
 * (docs/certificates.md).
 */
export function decideAccreditation(facts: AccreditationFacts): AccreditationDecision {
  const rule = RULE_FOR_LEVEL[facts.level];
  const outstanding: Outstanding[] = [];
  if (!facts.completed) outstanding.push("completion");
  if (rule === "completion_and_final_assessment") {
    if (facts.finalQuizzes === 0) outstanding.push("final_assessment_missing");
    else if (facts.finalQuizzesPassed < facts.finalQuizzes) outstanding.push("final_assessment");
    if (facts.level === "accredited_introduction" && !facts.declared) outstanding.push("declaration");
  }
  if (rule === "completion_and_portfolio" && !facts.portfolioPassed) outstanding.push("portfolio");
  return outstanding.length === 0 ? { achieved: true, rule } : { achieved: false, outstanding };
}
