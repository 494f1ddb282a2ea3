import type { SurveyKind, SurveyQuestionKind } from "../../../shared/survey-kinds.js";
import {
  agreedPercent,
  LIKERT_LABELS,
  type StatementResult,
  type SurveyResponseInput,
} from "../../../shared/surveys.js";

/** A question as the rules need it. */
export interface QuestionShape {
  id: string;
  kind: SurveyQuestionKind;
  prompt: string;
  required: boolean;
}

/** A question as an editor sends it (no id: a new question). */
export interface QuestionDraft {
  id?: string | undefined;
  kind: SurveyQuestionKind;
  prompt: string;
  required: boolean;
}

/**
 * Whether an edit changes the questions people have already answered: adding, removing, rewording or changing the
 * kind of a question. Reordering and marking a question required or optional do not change what an answer meant.
 */
export function changesAnsweredQuestions(existing: QuestionShape[], drafts: QuestionDraft[]): boolean {
  if (existing.length !== drafts.length) return true;
  const byId = new Map(existing.map((q) => [q.id, q]));
  const seen = new Set<string>();
  for (const draft of drafts) {
    const old = draft.id ? byId.get(draft.id) : undefined;
    if (!old || seen.has(old.id)) return true;
    seen.add(old.id);
    if (old.kind !== draft.kind || old.prompt !== draft.prompt) return true;
  }
  return false;
}

/** Problems with a learner's answers, each naming the question (field) to fix. */
export interface AnswerProblem {
  field: string;
  message: string;
}

/**
 * Checks answers against the survey's questions: every id must be one of the survey's questions (once), a Likert
 * statement takes a rating and a free-text question text, and every required question must be answered. Blank
 * free text counts as not answered.
 */
export function answerProblems(
  questions: QuestionShape[],
  answers: SurveyResponseInput["answers"],
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answered = new Set<string>();
  answers.forEach((answer, index) => {
    const question = byId.get(answer.questionId);
    if (!question) {
      problems.push({
        field: `answers.${index}.questionId`,
        message:
          "One of the answers is to a question that is not in this survey. Reload the page and try again.",
      });
      return;
    }
    const field = `question-${question.id}`;
    if (answered.has(question.id)) {
      problems.push({ field, message: `"${question.prompt}" is answered more than once` });
      return;
    }
    if (question.kind === "likert") {
      if (answer.text !== undefined)
        problems.push({ field, message: `"${question.prompt}" takes one of the five answers, not text` });
      else if (answer.rating !== undefined) answered.add(question.id);
    } else {
      if (answer.rating !== undefined)
        problems.push({ field, message: `"${question.prompt}" takes a written answer, not a rating` });
      else if (answer.text !== undefined && answer.text.trim() !== "") answered.add(question.id);
    }
  });
  for (const question of questions) {
    if (question.required && !answered.has(question.id)) {
      problems.push({
        field: `question-${question.id}`,
        message:
          question.kind === "likert"
            ? `Select how much you agree with "${question.prompt}"`
            : `Answer "${question.prompt}"`,
      });
    }
  }
  return problems;
}

/** An answer as stored: a rating or text. */
export interface StoredAnswer {
  questionId: string;
  rating: number | null;
  text: string | null;
}

/** The answers to store: only those that say something (blank free text is dropped, text trimmed). */
export function answersToStore(
  questions: QuestionShape[],
  answers: SurveyResponseInput["answers"],
): StoredAnswer[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  return answers.flatMap((answer): StoredAnswer[] => {
    const question = byId.get(answer.questionId);
    if (!question) return [];
    if (question.kind === "likert")
      return answer.rating === undefined
        ? []
        : [{ questionId: question.id, rating: answer.rating, text: null }];
    const text = answer.text?.trim() ?? "";
    return text === "" ? [] : [{ questionId: question.id, rating: null, text }];
  });
}

/** A statement's results from how many chose each rating (1–5); ratings outside 1–5 are ignored. */
export function tallyStatement(
  question: { id: string; prompt: string },
  ratings: Array<{ rating: number; n: number }>,
): StatementResult {
  const counts = LIKERT_LABELS.map(() => 0);
  for (const { rating, n } of ratings) {
    if (rating >= 1 && rating <= 5) counts[rating - 1] = (counts[rating - 1] ?? 0) + n;
  }
  const answered = counts.reduce((sum, n) => sum + n, 0);
  const agreed = (counts[3] ?? 0) + (counts[4] ?? 0);
  return {
    questionId: question.id,
    prompt: question.prompt,
    counts,
    answered,
    agreed,
    agreedPercent: agreedPercent(agreed, answered),
  };
}

/** Where a learner is in the course, as the survey rules need it. */
export interface LearnerPosition {
  completed: boolean;
  /** Whether they have opened any step of the course's last module. */
  startedLastModule: boolean;
}

/**
 * Whether a learner may take a survey of this kind now (null) or why not. The pre-course survey is for before the
 * course is complete; the post-course survey opens once the learner reaches the last module or completes the course.
 */
export function availabilityProblem(kind: SurveyKind, position: LearnerPosition): string | null {
  if (kind === "pre_course") {
    return position.completed
      ? "The pre-course survey is for before you finish the course, and you have completed it. You can take the post-course survey instead."
      : null;
  }
  return position.completed || position.startedLastModule
    ? null
    : "The post-course survey opens when you reach the last module of the course.";
}
