import { z } from "zod";
import { SURVEY_KINDS, SURVEY_QUESTION_KINDS, type SurveyKind } from "./survey-kinds.js";

/**
 * Pre- and post-course surveys (issue 7): a course's two questionnaires, learners' answers, and results reported the
 * way the Improvement Fundamentals evaluation reports them ("127 (86%) agreed or strongly agreed").
 */

/** Fewest and most questions a survey may have. */
export const SURVEY_QUESTIONS_MIN = 1;
export const SURVEY_QUESTIONS_MAX = 20;
/** Shortest and longest question prompt, in characters. */
export const SURVEY_PROMPT_MIN = 3;
export const SURVEY_PROMPT_MAX = 300;
/** Longest survey title and introduction, in characters. */
export const SURVEY_TITLE_MAX = 200;
export const SURVEY_INTRODUCTION_MAX = 2000;
/** Longest free-text answer, in characters. */
export const SURVEY_ANSWER_MAX = 2000;
/** Below this many respondents, percentages are shown with a warning that they are not reliable. */
export const SURVEY_SMALL_NUMBERS = 5;

/** The five answers to a Likert statement, rating 1 to 5. */
export const LIKERT_LABELS = [
  "Strongly disagree",
  "Disagree",
  "Neither agree nor disagree",
  "Agree",
  "Strongly agree",
] as const;

/** How pages name each kind of survey. */
export const SURVEY_KIND_LABELS: Record<SurveyKind, string> = {
  pre_course: "Pre-course survey",
  post_course: "Post-course survey",
};

/** Whole-number percentage of `part` in `whole`; null when nobody answered (no division by zero). */
export function agreedPercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 100);
}

/** A count with its percentage, as the paper's Table 2 writes it: "127 (86%)"; "0" with nobody answering. */
export function formatCountPercent(part: number, whole: number): string {
  const percent = agreedPercent(part, whole);
  return percent === null ? String(part) : `${part} (${percent}%)`;
}

export const SurveyKindSchema = z.enum(SURVEY_KINDS);
export const SurveyQuestionKindSchema = z.enum(SURVEY_QUESTION_KINDS);

const uuid = z.string().uuid("Enter a valid id");

export const CourseParamsSchema = z.object({ courseId: uuid });
export const CourseSurveyParamsSchema = z.object({ courseId: uuid, kind: SurveyKindSchema });
export const EnrolmentParamsSchema = z.object({ enrolmentId: uuid });
export const EnrolmentSurveyParamsSchema = z.object({ enrolmentId: uuid, kind: SurveyKindSchema });
export const RunSurveyParamsSchema = z.object({ runId: uuid, kind: SurveyKindSchema });
export const ResultsQuerySchema = z.object({ runId: uuid.optional() });

/** A question as editors and learners see it. */
export const SurveyQuestionSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: SurveyQuestionKindSchema,
  prompt: z.string(),
  required: z.boolean(),
});
export type SurveyQuestion = z.infer<typeof SurveyQuestionSchema>;

/** A survey as editors see it, with how many have answered (which decides what may still change). */
export const SurveySchema = z.object({
  id: z.string(),
  courseId: z.string(),
  kind: SurveyKindSchema,
  title: z.string(),
  introduction: z.string(),
  anonymous: z.boolean(),
  isOpen: z.boolean(),
  responseCount: z.number().int(),
  updatedAt: z.string(),
  questions: z.array(SurveyQuestionSchema),
});
export type Survey = z.infer<typeof SurveySchema>;

/** A course's surveys (none, one or both kinds) for the editing pages. */
export const CourseSurveysSchema = z.object({
  courseId: z.string(),
  courseTitle: z.string(),
  surveys: z.array(SurveySchema),
});
export type CourseSurveys = z.infer<typeof CourseSurveysSchema>;

/** An editor's version of a survey: the question list replaces the old one (questions keep their id to stay). */
export const SurveyInputSchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, "Enter a title")
      .max(SURVEY_TITLE_MAX, `Title must be ${SURVEY_TITLE_MAX} characters or fewer`),
    introduction: z
      .string()
      .trim()
      .max(SURVEY_INTRODUCTION_MAX, `Introduction must be ${SURVEY_INTRODUCTION_MAX} characters or fewer`)
      .default(""),
    anonymous: z.boolean(),
    isOpen: z.boolean(),
    questions: z
      .array(
        z
          .object({
            id: uuid.optional(),
            kind: SurveyQuestionKindSchema,
            prompt: z
              .string()
              .trim()
              .min(SURVEY_PROMPT_MIN, `Question must be ${SURVEY_PROMPT_MIN} characters or more`)
              .max(SURVEY_PROMPT_MAX, `Question must be ${SURVEY_PROMPT_MAX} characters or fewer`),
            required: z.boolean(),
          })
          .strict(),
      )
      .min(SURVEY_QUESTIONS_MIN, "Add at least one question")
      .max(SURVEY_QUESTIONS_MAX, `A survey can have at most ${SURVEY_QUESTIONS_MAX} questions`),
  })
  .strict();
export type SurveyInput = z.input<typeof SurveyInputSchema>;

/** What a learner sees of a survey: its questions, whether they can answer now, and whether they have. */
export const LearnerSurveySchema = z.object({
  surveyId: z.string(),
  kind: SurveyKindSchema,
  courseTitle: z.string(),
  title: z.string(),
  introduction: z.string(),
  anonymous: z.boolean(),
  isOpen: z.boolean(),
  /** Whether the learner may answer now (open, not yet answered, and at the right point in the course). */
  available: z.boolean(),
  /** Why not, in words a learner can act on; null when available. */
  unavailableReason: z.string().nullable(),
  completed: z.boolean(),
  /** The UK day they answered (anonymous surveys keep only the day). */
  completedOn: z.string().nullable(),
  questions: z.array(SurveyQuestionSchema),
});
export type LearnerSurvey = z.infer<typeof LearnerSurveySchema>;

/** The state of both surveys for a learner's course outline. */
export const LearnerSurveySummarySchema = z.object({
  surveys: z.array(
    z.object({
      kind: SurveyKindSchema,
      title: z.string(),
      isOpen: z.boolean(),
      available: z.boolean(),
      completed: z.boolean(),
    }),
  ),
});
export type LearnerSurveySummary = z.infer<typeof LearnerSurveySummarySchema>;

/** A learner's answers: a rating 1–5 for each Likert statement, text for free-text questions. */
export const SurveyResponseInputSchema = z
  .object({
    answers: z
      .array(
        z
          .object({
            questionId: uuid,
            rating: z
              .number()
              .int("Choose one of the five answers")
              .min(1, "Choose one of the five answers")
              .max(5, "Choose one of the five answers")
              .optional(),
            text: z
              .string()
              .max(
                SURVEY_ANSWER_MAX,
                `Answers must be ${SURVEY_ANSWER_MAX.toLocaleString("en-GB")} characters or fewer`,
              )
              .optional(),
          })
          .strict(),
      )
      .max(SURVEY_QUESTIONS_MAX, `A survey has at most ${SURVEY_QUESTIONS_MAX} questions`),
  })
  .strict();
export type SurveyResponseInput = z.infer<typeof SurveyResponseInputSchema>;

/** What answering returns. */
export const SurveyReceiptSchema = z.object({
  kind: SurveyKindSchema,
  completedOn: z.string(),
  anonymous: z.boolean(),
});
export type SurveyReceipt = z.infer<typeof SurveyReceiptSchema>;

/** One Likert statement's results. */
export const StatementResultSchema = z.object({
  questionId: z.string(),
  prompt: z.string(),
  /** How many chose each answer, Strongly disagree first. */
  counts: z.array(z.number().int()).length(5),
  /** How many answered this statement. */
  answered: z.number().int(),
  /** How many agreed or strongly agreed. */
  agreed: z.number().int(),
  /** agreed as a whole percentage of answered; null when nobody answered. */
  agreedPercent: z.number().int().nullable(),
});
export type StatementResult = z.infer<typeof StatementResultSchema>;

/** A survey's results for a course, or one run of it. Free-text answers are never shown with a name. */
export const SurveyResultsSchema = z.object({
  survey: z.object({ id: z.string(), kind: SurveyKindSchema, title: z.string(), anonymous: z.boolean() }),
  courseId: z.string(),
  courseTitle: z.string(),
  run: z.object({ id: z.string(), title: z.string() }).nullable(),
  respondents: z.number().int(),
  /** Fewer than SURVEY_SMALL_NUMBERS respondents: show the counts, but warn percentages are not reliable. */
  smallNumbers: z.boolean(),
  statements: z.array(StatementResultSchema),
  freeText: z.array(z.object({ questionId: z.string(), prompt: z.string(), answers: z.array(z.string()) })),
});
export type SurveyResults = z.infer<typeof SurveyResultsSchema>;
