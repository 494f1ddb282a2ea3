import type { Level } from "../../../shared/catalogue.js";
import type {
  LearningOutline,
  MyLearning,
  MyLearningItem,
  QuizResult,
  QuizSubmitInput,
  StepProgressInput,
  StepView,
} from "../../../shared/learning.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound, validationFailed } from "../../platform/errors.js";
import { renderMarkdown } from "../../platform/markdown.js";
import { VersionedCache } from "../../platform/versioned-cache.js";
import { recordAchievementIfEarned } from "../certificates/accreditation.js";
import { deferralEligibility } from "../enrolments/deferral.rules.js";
import { hasPendingRequest } from "../enrolments/deferrals.repository.js";
import { isReadOnly, percentOf, toSummary } from "../enrolments/enrolments.service.js";
import * as repo from "./learning.repository.js";

/** A video on YouTube or Vimeo, or a file, or anything else playable by URL. */
const UPLOADED_FILE_PATH = "/api/files/";

/** Video steps that reach the end of this fraction of the video count as watched. */
const WATCHED_PERCENT = 95;

type OwnEnrolment = NonNullable<Awaited<ReturnType<typeof repo.getOwnEnrolment>>>;
type StepRow = Awaited<ReturnType<typeof repo.listCourseSteps>>[number];
type QuizRow = Awaited<ReturnType<typeof repo.listQuiz>>[number];
type AttemptRow = Awaited<ReturnType<typeof repo.listAttempts>>[number];

interface OrderedStep {
  id: string;
  title: string;
  kind: StepView["kind"];
  required: boolean;
  moduleId: string;
}

/** The course's steps flattened in course order. */
function orderedSteps(rows: StepRow[]): OrderedStep[] {
  return rows.flatMap((row) =>
    row.step
      ? [
          {
            id: row.step.id,
            title: row.step.title,
            kind: row.step.kind,
            required: row.step.required,
            moduleId: row.module.id,
          },
        ]
      : [],
  );
}

/** Where "Continue" goes: the first required step, in course order, that is not complete. */
function firstIncomplete(steps: OrderedStep[], completed: ReadonlySet<string>): string | null {
  return steps.find((s) => s.required && !completed.has(s.id))?.id ?? null;
}

function progressOf(steps: OrderedStep[], completed: ReadonlySet<string>) {
  const required = steps.filter((s) => s.required);
  const done = required.filter((s) => completed.has(s.id)).length;
  return { done, total: required.length, percent: percentOf(done, required.length) };
}

function completedSet(progress: Awaited<ReturnType<typeof repo.listProgress>>): Set<string> {
  return new Set(progress.filter((p) => p.status === "completed").map((p) => p.stepId));
}

interface QuizQuestion {
  id: string;
  position: number;
  kind: "single" | "multiple";
  prompt: string;
  options: { id: string; text: string; correct: boolean; feedback: string }[];
}

/** Groups the joined quiz rows into questions with their options. */
function groupQuiz(rows: QuizRow[]): QuizQuestion[] {
  const questions = new Map<string, QuizQuestion>();
  for (const { question, option } of rows) {
    let entry = questions.get(question.id);
    if (!entry) {
      entry = { ...question, options: [] };
      questions.set(question.id, entry);
    }
    entry.options.push(option);
  }
  return [...questions.values()];
}

/** A question is right when exactly its correct options were chosen. */
function isRight(question: QuizQuestion, chosen: readonly string[]): boolean {
  const correct = question.options.filter((o) => o.correct).map((o) => o.id);
  return correct.length === chosen.length && correct.every((id) => chosen.includes(id));
}

/** The marked result of an attempt; correct answers are revealed once passed or out of attempts. */
function toResult(
  attempt: AttemptRow,
  questions: QuizQuestion[],
  passMarkPercent: number,
  maxAttempts: number | null,
  attemptsUsed: number,
): QuizResult {
  const remaining = maxAttempts === null ? null : Math.max(0, maxAttempts - attemptsUsed);
  const reveal = attempt.passed || remaining === 0;
  return {
    attemptId: attempt.id,
    attemptNumber: attempt.attemptNumber,
    submittedAt: attempt.submittedAt.toISOString(),
    scorePercent: attempt.scorePercent,
    correctCount: attempt.correctCount,
    questionCount: attempt.questionCount,
    passed: attempt.passed,
    passMarkPercent,
    attemptsUsed,
    attemptsRemaining: remaining,
    questions: questions.map((q) => {
      const chosen = attempt.answers[q.id] ?? [];
      return {
        questionId: q.id,
        correct: isRight(q, chosen),
        options: q.options.map((o) => {
          const selected = chosen.includes(o.id);
          return {
            id: o.id,
            text: o.text,
            selected,
            correct: reveal ? o.correct : null,
            feedback: reveal || selected ? o.feedback || null : null,
          };
        }),
      };
    }),
  };
}

/** Checks the answers against the quiz: every question answered, only its own options, one for single choice. */
function validateAnswers(questions: QuizQuestion[], input: QuizSubmitInput): Record<string, string[]> {
  const byId = new Map(questions.map((q, index) => [q.id, { question: q, number: index + 1 }]));
  const answers: Record<string, string[]> = {};
  const problems: { field: string; message: string }[] = [];
  for (const answer of input.answers) {
    const found = byId.get(answer.questionId);
    if (!found) {
      problems.push({
        field: `answers.${answer.questionId}`,
        message:
          "One of your answers is for a question that is not in this quiz. Reload the page and try again.",
      });
      continue;
    }
    const optionIds = [...new Set(answer.optionIds)];
    const known = new Set(found.question.options.map((o) => o.id));
    if (optionIds.some((id) => !known.has(id))) {
      problems.push({
        field: `answers.${answer.questionId}`,
        message: `One of your answers to question ${found.number} is not one of its options. Reload the page and try again.`,
      });
      continue;
    }
    if (found.question.kind === "single" && optionIds.length > 1) {
      problems.push({
        field: `answers.${answer.questionId}`,
        message: `Select one answer to question ${found.number}`,
      });
      continue;
    }
    answers[answer.questionId] = optionIds;
  }
  for (const [id, { question, number }] of byId) {
    if (problems.some((p) => p.field === `answers.${id}`)) continue;
    if (!answers[id] || answers[id].length === 0) {
      problems.push({
        field: `answers.${id}`,
        message:
          question.kind === "single"
            ? `Select an answer to question ${number}`
            : `Select one or more answers to question ${number}`,
      });
    }
  }
  if (problems.length > 0) {
    throw validationFailed(
      problems.length === 1 ? (problems[0]?.message ?? "Check your answers.") : "Answer every question.",
      problems,
    );
  }
  return answers;
}

/** After a step completes: the course's progress, and its completion the first time every required step is done. */
async function rollUpCourse(tx: Tx, enrolmentId: string, courseId: string, now: Date) {
  const [rows, progress] = await Promise.all([
    repo.listCourseSteps(tx, courseId),
    repo.listProgress(tx, enrolmentId),
  ]);
  const steps = orderedSteps(rows);
  const completed = completedSet(progress);
  const { done, total, percent } = progressOf(steps, completed);
  const courseCompleted = total > 0 && done === total;
  await repo.setRequiredStepsCompleted(tx, enrolmentId, done);
  if (courseCompleted) {
    await repo.markCompleted(tx, enrolmentId, now);
    // Completion, or a final quiz passed on a completed course (submitQuiz rolls up on every pass): the course may
    // now be achieved. Same transaction, so the achievement and certificate stand or fall with the progress.
    await recordAchievementIfEarned(tx, enrolmentId, now);
  }
  return { percent, courseCompleted, nextStepId: firstIncomplete(steps, completed) };
}

/**
 * Records progress that content reports (a SCORM package's roll-up) in the caller's transaction: the step is started
 * or, for good, completed, with the percent of its parts done; a completion rolls up to the course. The caller has
 * checked the enrolment is the learner's own and writable.
 */
export async function recordContentProgress(
  tx: Tx,
  input: {
    enrolmentId: string;
    courseId: string;
    stepId: string;
    completed: boolean;
    percent: number;
    now: Date;
  },
): Promise<void> {
  await repo.recordProgress(tx, {
    enrolmentId: input.enrolmentId,
    stepId: input.stepId,
    completed: input.completed,
    percent: input.percent,
    now: input.now,
  });
  await repo.touchEnrolment(tx, input.enrolmentId, input.stepId, input.now);
  if (input.completed) await rollUpCourse(tx, input.enrolmentId, input.courseId, input.now);
}

const readOnlyError = (enrolment: OwnEnrolment["enrolment"], now: Date) => {
  if (enrolment.state === "deferred" || enrolment.startsAt.getTime() > now.getTime())
    return new AppError(
      409,
      "read_only",
      "Your course is deferred, so you cannot make progress until it starts again. You can still look through it.",
    );
  return new AppError(
    409,
    "read_only",
    "Your access to this course has ended, so you can look back through it but not make progress. Your record is kept.",
  );
};

/** The learning service: outline, steps, progress, quizzes and My learning, all for the actor's own enrolments. */
export function createLearningService(deps: { db: Db; now?: () => Date }) {
  const clock = deps.now ?? (() => new Date());
  /** My learning rows per learner, valid at the learner's learning version (read with the session). */
  const myLearningRows = new VersionedCache<repo.MyLearningRow[]>();

  async function ownEnrolment(tx: Tx, actor: Actor, enrolmentId: string) {
    const found = await repo.getOwnEnrolment(tx, enrolmentId, actor.userId);
    if (!found) throw notFound("The enrolment");
    return found;
  }

  async function ownStep(tx: Tx, enrolment: OwnEnrolment, stepId: string) {
    const step = await repo.getStepInCourse(tx, stepId, enrolment.course.id);
    if (!step) throw notFound("The step");
    return step;
  }

  const rollUp = (tx: Tx, enrolment: OwnEnrolment, now: Date) =>
    rollUpCourse(tx, enrolment.enrolment.id, enrolment.course.id, now);

  return {
    /** The course's contents with the learner's status on each step, and where "Continue" goes. */
    async outline(actor: Actor, enrolmentId: string): Promise<LearningOutline> {
      const now = clock();
      const tx = deps.db;
      const own = await ownEnrolment(tx, actor, enrolmentId);
      const [rows, progress, pendingDeferral] = await Promise.all([
        repo.listCourseSteps(tx, own.course.id),
        repo.listProgress(tx, own.enrolment.id),
        hasPendingRequest(tx, own.enrolment.id),
      ]);
      const status = new Map(progress.map((p) => [p.stepId, p.status]));
      const completed = completedSet(progress);
      const steps = orderedSteps(rows);
      const modules = new Map<string, LearningOutline["modules"][number]>();
      for (const row of rows) {
        let entry = modules.get(row.module.id);
        if (!entry) {
          entry = { ...row.module, progressPercent: 0, steps: [] };
          modules.set(row.module.id, entry);
        }
        if (row.step) entry.steps.push({ ...row.step, status: status.get(row.step.id) ?? "not_started" });
      }
      for (const entry of modules.values()) {
        const required = entry.steps.filter((s) => s.required);
        entry.progressPercent = percentOf(
          required.filter((s) => s.status === "completed").length,
          required.length,
        );
      }
      const deferral = deferralEligibility(own.enrolment, own.course.level as Level, now);
      return {
        enrolment: toSummary(own.enrolment, progressOf(steps, completed).percent, now),
        course: { ...own.course, programmeTitle: own.programmeTitle },
        modules: [...modules.values()],
        nextStepId: firstIncomplete(steps, completed),
        deferral: {
          allowed: deferral.allowed,
          deadline: deferral.deadline?.toISOString() ?? null,
          message: deferral.message,
          pendingRequest: pendingDeferral,
        },
      };
    },

    /** One step to learn from: rendered content, the quiz without its answers, and the way on. */
    async step(actor: Actor, enrolmentId: string, stepId: string): Promise<StepView> {
      const now = clock();
      const tx = deps.db;
      const own = await ownEnrolment(tx, actor, enrolmentId);
      const found = await ownStep(tx, own, stepId);
      const [rows, progress] = await Promise.all([
        repo.listCourseSteps(tx, own.course.id),
        repo.listProgress(tx, own.enrolment.id),
      ]);
      const steps = orderedSteps(rows);
      const index = steps.findIndex((s) => s.id === stepId);
      const mine = progress.find((p) => p.stepId === stepId);
      const { step, module, file } = found;
      let quiz: StepView["quiz"] = null;
      if (step.kind === "quiz") {
        const [quizRows, attempts] = await Promise.all([
          repo.listQuiz(tx, step.id),
          repo.listAttempts(tx, own.enrolment.id, step.id),
        ]);
        const questions = groupQuiz(quizRows);
        const passMark = step.passMarkPercent ?? 100;
        const last = attempts.at(-1);
        quiz = {
          passMarkPercent: passMark,
          maxAttempts: step.maxAttempts,
          attemptsUsed: attempts.length,
          isFinal: step.isFinal,
          passed: attempts.some((a) => a.passed),
          questions: questions.map((q) => ({
            id: q.id,
            position: q.position,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options.map((o) => ({ id: o.id, text: o.text })),
          })),
          lastResult: last ? toResult(last, questions, passMark, step.maxAttempts, attempts.length) : null,
        };
      }
      const fileUrl = file ? `${UPLOADED_FILE_PATH}${file.id}` : null;
      return {
        id: step.id,
        enrolmentId: own.enrolment.id,
        module,
        position: step.position,
        kind: step.kind,
        title: step.title,
        minutes: step.minutes,
        required: step.required,
        status: mine?.status ?? "not_started",
        percent: mine?.percent ?? 0,
        html: renderMarkdown(step.body),
        video:
          step.kind === "video"
            ? fileUrl
              ? { url: fileUrl, uploaded: true }
              : step.videoUrl
                ? { url: step.videoUrl, uploaded: false }
                : null
            : null,
        file:
          step.kind !== "video" && file && fileUrl
            ? {
                url: fileUrl,
                filename: file.filename,
                contentType: file.contentType,
                sizeBytes: file.sizeBytes,
              }
            : null,
        quiz,
        previousStepId: index > 0 ? (steps[index - 1]?.id ?? null) : null,
        nextStepId: index >= 0 ? (steps[index + 1]?.id ?? null) : null,
        readOnly: isReadOnly(own.enrolment, now),
        course: { id: own.course.id, title: own.course.title },
      };
    },

    /** Records that a step was opened, progressed or completed; quizzes complete only by passing. */
    async recordProgress(actor: Actor, enrolmentId: string, stepId: string, input: StepProgressInput) {
      const now = clock();
      return deps.db.transaction(async (tx) => {
        const own = await ownEnrolment(tx, actor, enrolmentId);
        const { step } = await ownStep(tx, own, stepId);
        if (isReadOnly(own.enrolment, now)) throw readOnlyError(own.enrolment, now);
        if (step.kind === "quiz" && input.event !== "opened")
          throw new AppError(409, "quiz_not_passed", "Pass the quiz to complete this step.");
        if (step.kind === "scorm" && input.event !== "opened")
          throw new AppError(
            409,
            "scorm_not_complete",
            "This step completes when you finish the e-learning in the player. Open it and work through it to the end.",
          );
        const percent = input.event === "progress" ? (input.percent ?? 0) : 0;
        const completed =
          input.event === "completed" || (step.kind === "video" && percent >= WATCHED_PERCENT);
        const saved = await repo.recordProgress(tx, {
          enrolmentId: own.enrolment.id,
          stepId: step.id,
          completed,
          percent,
          now,
        });
        await repo.touchEnrolment(tx, own.enrolment.id, step.id, now);
        const course = await rollUp(tx, own, now);
        return {
          status: saved.status,
          percent: saved.percent,
          courseProgressPercent: course.percent,
          courseCompleted: course.courseCompleted,
          nextStepId: course.nextStepId,
        };
      });
    },

    /** Marks a quiz attempt on the server; passing completes the step. */
    async submitQuiz(actor: Actor, enrolmentId: string, stepId: string, input: QuizSubmitInput) {
      const now = clock();
      return deps.db.transaction(async (tx) => {
        const own = await ownEnrolment(tx, actor, enrolmentId);
        const { step } = await ownStep(tx, own, stepId);
        if (step.kind !== "quiz") throw notFound("The quiz");
        if (isReadOnly(own.enrolment, now)) throw readOnlyError(own.enrolment, now);
        const questions = groupQuiz(await repo.listQuiz(tx, step.id));
        const answers = validateAnswers(questions, input);
        const used = await repo.countAttempts(tx, own.enrolment.id, step.id);
        if (step.maxAttempts !== null && used >= step.maxAttempts)
          throw new AppError(
            409,
            "attempts_exhausted",
            `You have used all ${step.maxAttempts} attempts at this quiz. Contact the support team if you think you need another.`,
          );
        const correctCount = questions.filter((q) => isRight(q, answers[q.id] ?? [])).length;
        const scorePercent =
          questions.length === 0 ? 100 : Math.floor((correctCount * 100) / questions.length);
        const passMark = step.passMarkPercent ?? 100;
        const attempt = await repo.insertAttempt(tx, {
          enrolmentId: own.enrolment.id,
          stepId: step.id,
          attemptNumber: used + 1,
          answers,
          correctCount,
          questionCount: questions.length,
          scorePercent,
          passed: scorePercent >= passMark,
        });
        if (!attempt)
          throw conflict(
            "Another attempt at this quiz was sent at the same moment. Reload the page to see it.",
          );
        await repo.recordProgress(tx, {
          enrolmentId: own.enrolment.id,
          stepId: step.id,
          completed: attempt.passed,
          percent: 0,
          now,
        });
        await repo.touchEnrolment(tx, own.enrolment.id, step.id, now);
        if (attempt.passed) await rollUp(tx, own, now);
        return toResult(attempt, questions, passMark, step.maxAttempts, used + 1);
      });
    },

    /**
     * Every enrolment of the actor, grouped, with progress and next step: one query whatever their number, and none
     * while nothing has changed since this instance last read it (the version comes with the session check).
     */
    async myLearning(actor: Actor): Promise<MyLearning> {
      const now = clock();
      let rows = myLearningRows.get(actor.userId, actor.learningVersion);
      if (!rows) {
        rows = await repo.listMyLearning(deps.db, actor.userId);
        myLearningRows.set(actor.userId, actor.learningVersion, rows);
      }
      const iso = (value: Date | string) => new Date(value).toISOString();
      return {
        enrolments: rows.map((row): MyLearningItem => {
          const expiresAt = new Date(row.expires_at);
          const group: MyLearningItem["group"] = row.completed_at
            ? "completed"
            : row.state === "expired" || expiresAt.getTime() <= now.getTime()
              ? "expired"
              : row.state === "deferred"
                ? "deferred"
                : "active";
          const total = Number(row.total);
          const done = Number(row.done);
          return {
            enrolmentId: row.enrolment_id,
            course: {
              id: row.course_id,
              slug: row.slug,
              title: row.title,
              level: row.level as Level, // the column is the course_level enum, whose values are LEVELS
              programmeTitle: row.programme_title,
            },
            group,
            state: row.state,
            progressPercent: percentOf(done, total),
            completedSteps: done,
            totalSteps: total,
            startsAt: iso(row.starts_at),
            expiresAt: expiresAt.toISOString(),
            completedAt: row.completed_at ? iso(row.completed_at) : null,
            lastActivityAt: row.last_activity_at ? iso(row.last_activity_at) : null,
            nextStep:
              row.next_step_id && row.next_step_title
                ? { id: row.next_step_id, title: row.next_step_title }
                : null,
          };
        }),
      };
    },
  };
}
