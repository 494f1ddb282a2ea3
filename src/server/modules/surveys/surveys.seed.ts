import type { SurveyKind, SurveyQuestionKind } from "../../../shared/survey-kinds.js";
import type { Db } from "../../platform/db.js";
import * as repo from "./surveys.repository.js";

/** A default survey: its title, introduction and questions. */
export interface DefaultSurvey {
  title: string;
  introduction: string;
  questions: Array<{ kind: SurveyQuestionKind; prompt: string; required: boolean }>;
}

const likert = (prompt: string) => ({ kind: "likert" as const, prompt, required: true });

/**
 * The default surveys for Improvement Fundamentals mini-courses: the post-course statements are those the course's
 * evaluation reported (Table 2 of the paper), the pre-course ones ask where learners start from.
 */
export const DEFAULT_SURVEYS: Record<SurveyKind, DefaultSurvey> = {
  pre_course: {
    title: "Before you start",
    introduction:
      "Tell us where you are starting from. It takes about 2 minutes and helps us see what difference the course makes.",
    questions: [
      likert("I understand what quality improvement is"),
      likert("I feel confident using quality improvement tools"),
      likert("I know how to measure whether a change is an improvement"),
      likert("I am connected with others working in quality improvement"),
      { kind: "free_text", prompt: "What do you hope to get from this course?", required: false },
    ],
  },
  post_course: {
    title: "Tell us what you thought",
    introduction:
      "Tell us what you thought of the course. It takes about 3 minutes and helps us improve it for the next run.",
    questions: [
      likert("I learnt a lot from taking part in the course"),
      likert("I am able to apply what I learnt from the course"),
      likert("I am already applying my learning from this course in practice"),
      likert("What I have learnt from taking the course will make a real difference in my workplace"),
      likert("The course improved my understanding of quality improvement in health and social care"),
      likert("The course has given me the tools to carry out quality improvement in health and social care"),
      likert("The course connected me with others working in quality improvement"),
      { kind: "free_text", prompt: "What one thing would you change about the course?", required: false },
    ],
  },
};

/**
 * Gives every mini-course the default pre- and post-course surveys it does not have yet. Idempotent and safe to run
 * at every start: a course that has a survey of a kind (edited or not) keeps it. Returns how many surveys it created.
 */
export async function seedSurveys(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    let created = 0;
    for (const courseId of await repo.miniCoursesMissingSurveys(tx)) {
      for (const kind of ["pre_course", "post_course"] as const) {
        const defaults = DEFAULT_SURVEYS[kind];
        const surveyId = await repo.insertSurveyIfMissing(tx, {
          courseId,
          kind,
          title: defaults.title,
          introduction: defaults.introduction,
          anonymous: false,
          isOpen: true,
        });
        if (!surveyId) continue;
        await repo.insertQuestions(tx, surveyId, defaults.questions);
        created += 1;
      }
    }
    return created;
  });
}
