import { z } from "zod";
import { LEVELS } from "./catalogue.js";

/** Kinds of step. Later issues add scorm, discussion and evidence; clients show an honest fallback for unknown kinds. */
export const STEP_KINDS = ["article", "video", "download", "quiz", "scorm"] as const;
/** A step's kind. */
export type StepKind = (typeof STEP_KINDS)[number];
/** Single choice (exactly one correct option) or multiple choice (one or more). */
export const QUESTION_KINDS = ["single", "multiple"] as const;
/** Active (learning), deferred (paused until the new start date), expired (read-only; record kept). */
export const ENROLMENT_STATES = ["active", "deferred", "expired"] as const;
/** How a learner is entitled to a course. */
export const ENTITLEMENTS = ["free", "grant", "licence"] as const;
/** Where a deferral request stands. */
export const DEFERRAL_STATUSES = ["pending", "approved", "declined"] as const;
/** Why an enrolment was refused (403 error codes); not_available: the course has no lessons published yet. */
export const ENROLMENT_REFUSALS = [
  "not_eligible",
  "declaration_required",
  "payment_required",
  "not_available",
] as const;
/** How My learning groups enrolments. */
export const LEARNING_GROUPS = ["active", "deferred", "completed", "expired"] as const;
/** A learner's status on one step. */
export const STEP_STATUSES = ["not_started", "started", "completed"] as const;

const id = (what: string) => z.uuid(`The ${what} id is not valid`);
const isoDate = z.string().describe("ISO 8601 date and time");

/** POST /api/enrolments */
export const EnrolmentCreateSchema = z.strictObject({
  courseId: id("course"),
  declaration: z
    .boolean({ error: "Say whether you are involved in implementing the programme" })
    .optional()
    .describe(
      "Accredited Introduction: the learner confirms they are involved in implementing the programme",
    ),
});
/** What a learner sends to enrol. */
export type EnrolmentCreateInput = z.infer<typeof EnrolmentCreateSchema>;

/** One enrolment as the learner sees it. */
export const EnrolmentSummarySchema = z.object({
  id: z.string(),
  courseId: z.string(),
  state: z.enum(ENROLMENT_STATES),
  via: z.enum(ENTITLEMENTS),
  startsAt: isoDate,
  expiresAt: isoDate,
  completedAt: isoDate.nullable(),
  readOnly: z
    .boolean()
    .describe("true once access has expired: the learner can look back but not change anything"),
  progressPercent: z.number().int(),
});
/** An enrolment summary. */
export type EnrolmentSummary = z.infer<typeof EnrolmentSummarySchema>;

/** 201 (new) or 200 (already enrolled) from POST /api/enrolments. */
export const EnrolmentCreatedSchema = z.object({ enrolment: EnrolmentSummarySchema, created: z.boolean() });

/** The signed-in viewer's standing on a course page: enrolled, or whether they could enrol and why not. */
export const CourseViewerSchema = z.object({
  enrolment: EnrolmentSummarySchema.nullable(),
  canEnrol: z
    .boolean()
    .describe("true when enrolling now would succeed (given the declaration where one is asked)"),
  needsDeclaration: z.boolean(),
  refusal: z
    .object({ error: z.enum(ENROLMENT_REFUSALS), message: z.string() })
    .nullable()
    .describe("why the viewer cannot enrol, and what to do"),
  entitlement: z
    .enum(ENTITLEMENTS)
    .nullable()
    .describe("how the viewer would be entitled, when they can enrol"),
});
/** The viewer's standing on a course. */
export type CourseViewer = z.infer<typeof CourseViewerSchema>;

/** A step in a course outline, with the learner's status on it. */
export const OutlineStepSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(STEP_KINDS),
  title: z.string(),
  minutes: z.number().int(),
  required: z.boolean(),
  status: z.enum(STEP_STATUSES),
});

/** GET /api/learning/enrolments/:id: the course's modules and steps with the learner's progress. */
export const LearningOutlineSchema = z.object({
  enrolment: EnrolmentSummarySchema,
  course: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    level: z.enum(LEVELS),
    programmeTitle: z.string(),
  }),
  modules: z.array(
    z.object({
      id: z.string(),
      position: z.number().int(),
      title: z.string(),
      summary: z.string(),
      progressPercent: z.number().int(),
      steps: z.array(OutlineStepSchema),
    }),
  ),
  nextStepId: z.string().nullable().describe('where "Continue" goes: the first incomplete required step'),
  deferral: z.object({
    allowed: z.boolean(),
    deadline: isoDate.nullable(),
    message: z.string().nullable().describe("why the learner cannot ask to defer, when they cannot"),
    pendingRequest: z
      .boolean()
      .describe("the learner has asked to defer and an administrator has not decided yet"),
  }),
});
/** A learner's view of a course's contents. */
export type LearningOutline = z.infer<typeof LearningOutlineSchema>;

/** A quiz question as a learner sees it before answering: never which options are correct. */
export const QuizQuestionSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  options: z.array(z.object({ id: z.string(), text: z.string() })),
});

/** The marked result of a quiz attempt. Correct answers are shown once passed or out of attempts. */
export const QuizResultSchema = z.object({
  attemptId: z.string(),
  attemptNumber: z.number().int(),
  submittedAt: isoDate,
  scorePercent: z.number().int(),
  correctCount: z.number().int(),
  questionCount: z.number().int(),
  passed: z.boolean(),
  passMarkPercent: z.number().int(),
  attemptsUsed: z.number().int(),
  attemptsRemaining: z.number().int().nullable().describe("null when attempts are unlimited"),
  questions: z.array(
    z.object({
      questionId: z.string(),
      correct: z.boolean(),
      options: z.array(
        z.object({
          id: z.string(),
          text: z.string(),
          selected: z.boolean(),
          correct: z.boolean().nullable().describe("null while the answer is still hidden"),
          feedback: z
            .string()
            .nullable()
            .describe("shown for the options the learner chose, and for all once revealed"),
        }),
      ),
    }),
  ),
});
/** A marked quiz attempt. */
export type QuizResult = z.infer<typeof QuizResultSchema>;

/** GET /api/learning/enrolments/:id/steps/:stepId: one step to learn from. */
export const StepViewSchema = z.object({
  id: z.string(),
  enrolmentId: z.string(),
  module: z.object({ id: z.string(), position: z.number().int(), title: z.string() }),
  position: z.number().int(),
  kind: z.enum(STEP_KINDS),
  title: z.string(),
  minutes: z.number().int(),
  required: z.boolean(),
  status: z.enum(STEP_STATUSES),
  percent: z.number().int(),
  html: z.string().describe("the step's Markdown rendered to sanitised HTML (transcript for videos)"),
  video: z
    .object({ url: z.string(), uploaded: z.boolean().describe("true for a file served by this platform") })
    .nullable(),
  file: z
    .object({ url: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number().int() })
    .nullable(),
  quiz: z
    .object({
      passMarkPercent: z.number().int(),
      maxAttempts: z.number().int().nullable(),
      attemptsUsed: z.number().int(),
      isFinal: z.boolean(),
      passed: z.boolean(),
      questions: z.array(QuizQuestionSchema),
      lastResult: QuizResultSchema.nullable(),
    })
    .nullable(),
  previousStepId: z.string().nullable(),
  nextStepId: z.string().nullable(),
  readOnly: z.boolean(),
  course: z.object({ id: z.string(), title: z.string() }),
});
/** A step to learn from. */
export type StepView = z.infer<typeof StepViewSchema>;

/** POST …/steps/:stepId/progress: "opened" records where the learner is; "completed" when read, watched or downloaded. */
export const StepProgressInputSchema = z.strictObject({
  event: z.enum(["opened", "progress", "completed"], {
    error: "Say what happened: opened, progress or completed",
  }),
  percent: z
    .number()
    .int()
    .min(0)
    .max(100)
    .optional()
    .describe("how far through a video, for progress events"),
});
/** A progress event. */
export type StepProgressInput = z.infer<typeof StepProgressInputSchema>;

/** The answer to a progress event. */
export const StepProgressResultSchema = z.object({
  status: z.enum(STEP_STATUSES),
  percent: z.number().int(),
  courseProgressPercent: z.number().int(),
  courseCompleted: z.boolean(),
  nextStepId: z.string().nullable(),
});

/** POST …/steps/:stepId/attempts: one answer per question (option ids). */
export const QuizSubmitSchema = z
  .object({
    answers: z
      .array(
        z.object({
          questionId: id("question"),
          optionIds: z.array(id("option")).max(20, "Choose 20 options or fewer"),
        }),
      )
      .max(200, "A quiz has 200 questions or fewer"),
  })
  .strict();
/** Answers to a quiz. */
export type QuizSubmitInput = z.infer<typeof QuizSubmitSchema>;

/** An item in My learning. */
export const MyLearningItemSchema = z.object({
  enrolmentId: z.string(),
  course: z.object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    level: z.enum(LEVELS),
    programmeTitle: z.string(),
  }),
  group: z.enum(LEARNING_GROUPS),
  state: z.enum(ENROLMENT_STATES),
  progressPercent: z.number().int(),
  completedSteps: z.number().int(),
  totalSteps: z.number().int(),
  startsAt: isoDate,
  expiresAt: isoDate,
  completedAt: isoDate.nullable(),
  lastActivityAt: isoDate.nullable(),
  nextStep: z.object({ id: z.string(), title: z.string() }).nullable(),
});
/** One course in My learning. */
export type MyLearningItem = z.infer<typeof MyLearningItemSchema>;

/** GET /api/me/learning */
export const MyLearningSchema = z.object({ enrolments: z.array(MyLearningItemSchema) });
/** My learning. */
export type MyLearning = z.infer<typeof MyLearningSchema>;
