import type { SurveyKind } from "../../../shared/survey-kinds.js";
import {
  type CourseSurveys,
  type LearnerSurvey,
  type LearnerSurveySummary,
  LIKERT_LABELS,
  SURVEY_KIND_LABELS,
  SURVEY_SMALL_NUMBERS,
  type Survey,
  type SurveyInput,
  type SurveyQuestion,
  type SurveyReceipt,
  type SurveyResponseInput,
  type SurveyResults,
} from "../../../shared/surveys.js";
import { type RequestContext, recordAudit } from "../../platform/audit.js";
import type { Actor } from "../../platform/auth.js";
import type { Db, Tx } from "../../platform/db.js";
import { AppError, conflict, notFound, validationFailed } from "../../platform/errors.js";
import { assertCanFacilitate, loadRunAccess } from "../community/run-access.js";
import { startOfUkDate, ukDate } from "../enrolments/access-window.rules.js";
import { type Cell, csvStream, type ExportFile, fileSlug } from "../reports/export-files.js";
import { assertCanEditSurveys, assertCanSeeCourseResults, canEditSurveys } from "./surveys.policy.js";
import * as repo from "./surveys.repository.js";
import {
  answerProblems,
  answersToStore,
  availabilityProblem,
  changesAnsweredQuestions,
  tallyStatement,
} from "./surveys.rules.js";

const noSurvey = (kind: SurveyKind) => notFound(`This course's ${SURVEY_KIND_LABELS[kind].toLowerCase()}`);

function toQuestion(row: repo.QuestionRow): SurveyQuestion {
  return { id: row.id, position: row.position, kind: row.kind, prompt: row.prompt, required: row.required };
}

function toSurvey(row: repo.SurveyRow, questions: repo.QuestionRow[], responseCount: number): Survey {
  return {
    id: row.id,
    courseId: row.courseId,
    kind: row.kind,
    title: row.title,
    introduction: row.introduction,
    anonymous: row.anonymous,
    isOpen: row.isOpen,
    responseCount,
    updatedAt: row.updatedAt.toISOString(),
    questions: questions.filter((q) => q.surveyId === row.id).map(toQuestion),
  };
}

/** Editing a course's surveys, answering them, and their results. */
export function createSurveysService(deps: { db: Db; now?: () => Date }) {
  const db = deps.db;
  const clock = deps.now ?? (() => new Date());

  async function courseSurveys(tx: Tx, courseId: string): Promise<CourseSurveys> {
    const course = await repo.getCourse(tx, courseId);
    if (!course) throw notFound("The course");
    const rows = await repo.listSurveys(tx, courseId);
    const ids = rows.map((r) => r.id);
    const [questions, counts] = await Promise.all([repo.questionsOf(tx, ids), repo.responseCounts(tx, ids)]);
    return {
      courseId,
      courseTitle: course.title,
      surveys: rows.map((row) => toSurvey(row, questions, counts.get(row.id) ?? 0)),
    };
  }

  /** A learner's own enrolment with its course; 404 for anyone else's (their existence is not revealed). */
  async function learnerContext(tx: Tx, actor: Actor, enrolmentId: string) {
    const enrolment = await repo.getOwnEnrolment(tx, enrolmentId, actor.userId);
    if (!enrolment) throw notFound("The enrolment");
    return enrolment;
  }

  async function positionOf(tx: Tx, enrolment: { id: string; courseId: string; completedAt: Date | null }) {
    return {
      completed: enrolment.completedAt !== null,
      startedLastModule: await repo.startedLastModule(tx, enrolment.id, enrolment.courseId),
    };
  }

  /** Results of a survey (optionally for one run), for someone already allowed to see them. */
  async function results(
    tx: Tx,
    courseId: string,
    kind: SurveyKind,
    run: { id: string; title: string } | null,
  ): Promise<SurveyResults> {
    const course = await repo.getCourse(tx, courseId);
    if (!course) throw notFound("The course");
    const survey = await repo.getSurvey(tx, courseId, kind);
    if (!survey) throw noSurvey(kind);
    const runId = run?.id ?? null;
    const [questions, respondents, ratings, texts] = await Promise.all([
      repo.questionsOf(tx, [survey.id]),
      repo.countResponses(tx, survey.id, runId),
      repo.ratingCounts(tx, survey.id, runId),
      repo.freeTextAnswers(tx, survey.id, runId),
    ]);
    return {
      survey: { id: survey.id, kind: survey.kind, title: survey.title, anonymous: survey.anonymous },
      courseId,
      courseTitle: course.title,
      run,
      respondents,
      smallNumbers: respondents < SURVEY_SMALL_NUMBERS,
      statements: questions
        .filter((q) => q.kind === "likert")
        .map((q) =>
          tallyStatement(
            q,
            ratings
              .filter((r) => r.questionId === q.id && r.rating !== null)
              .map((r) => ({ rating: r.rating ?? 0, n: r.n })),
          ),
        ),
      freeText: questions
        .filter((q) => q.kind === "free_text")
        .map((q) => ({
          questionId: q.id,
          prompt: q.prompt,
          answers: texts.filter((t) => t.questionId === q.id).map((t) => t.text ?? ""),
        })),
    };
  }

  /** Checks who may see a course's results (optionally filtered to one of its runs) and returns that run. */
  async function courseResultsScope(tx: Tx, actor: Actor, courseId: string, runId: string | undefined) {
    const course = await repo.getCourse(tx, courseId);
    if (!course) throw notFound("The course");
    const facilitates = canEditSurveys(actor)
      ? false
      : await repo.facilitatesCourse(tx, courseId, actor.userId);
    assertCanSeeCourseResults(actor, facilitates);
    if (!runId) return null;
    const run = await repo.getRun(tx, runId);
    if (!run || run.courseId !== courseId) throw notFound("The course run");
    return { id: run.id, title: run.title };
  }

  async function runResultsScope(tx: Tx, actor: Actor, runId: string) {
    const access = await loadRunAccess(tx, runId, actor, clock());
    assertCanFacilitate(access);
    return { courseId: access.run.courseId, run: { id: access.run.id, title: access.run.title } };
  }

  /** The results as CSV: one row per statement, a column per answer, n and those agreeing. Audited. */
  async function resultsCsv(actor: Actor, context: RequestContext, data: SurveyResults): Promise<ExportFile> {
    await db.transaction((tx) =>
      recordAudit(tx, context, {
        actorUserId: actor.userId,
        action: "surveys.results_exported",
        subjectType: "survey",
        subjectId: data.survey.id,
        details: { courseId: data.courseId, runId: data.run?.id ?? null, kind: data.survey.kind },
      }),
    );
    const header = [
      "Statement",
      ...LIKERT_LABELS,
      "Answered (n)",
      "Agreed or strongly agreed",
      "Agreed or strongly agreed (%)",
    ];
    const rows: Cell[][] = data.statements.map((s) => [
      s.prompt,
      ...s.counts,
      s.answered,
      s.agreed,
      s.agreedPercent,
    ]);
    const name = fileSlug(
      `${data.courseTitle} ${data.run ? data.run.title : ""} ${data.survey.kind.replace("_", "-")}`,
    );
    return {
      filename: `${name}-survey-results-${ukDate(clock())}.csv`,
      contentType: "text/csv; charset=utf-8",
      body: csvStream(
        header,
        (async function* () {
          yield rows;
        })(),
      ),
    };
  }

  return {
    /** Both of a course's surveys with their questions (editors). */
    async listForCourse(actor: Actor, courseId: string): Promise<CourseSurveys> {
      assertCanEditSurveys(actor);
      return courseSurveys(db, courseId);
    },

    /**
     * Replaces a survey's settings and questions, creating the survey when the course has none of this kind. Once it
     * has responses the questions (other than order and required) and anonymity are fixed: 409 says what to do.
     */
    async update(
      actor: Actor,
      context: RequestContext,
      courseId: string,
      kind: SurveyKind,
      input: SurveyInput,
    ): Promise<Survey> {
      assertCanEditSurveys(actor);
      const now = clock();
      return db.transaction(async (tx) => {
        const course = await repo.getCourse(tx, courseId);
        if (!course) throw notFound("The course");
        const settings = {
          title: input.title,
          introduction: input.introduction ?? "",
          anonymous: input.anonymous,
          isOpen: input.isOpen,
        };
        let survey = await repo.getSurvey(tx, courseId, kind, true);
        if (!survey) {
          await repo.insertSurveyIfMissing(tx, { courseId, kind, ...settings });
          survey = await repo.getSurvey(tx, courseId, kind, true);
          if (!survey) throw new Error("survey insert did not stick");
        }
        const existing = await repo.questionsOf(tx, [survey.id]);
        const existingIds = new Set(existing.map((q) => q.id));
        const seen = new Set<string>();
        const badIds = input.questions.flatMap((q, i) => {
          if (!q.id) return [];
          const problem = !existingIds.has(q.id) || seen.has(q.id);
          seen.add(q.id);
          return problem
            ? [
                {
                  field: `questions.${i}.id`,
                  message:
                    "This question is not one of the survey's questions. Reload the page and try again.",
                },
              ]
            : [];
        });
        if (badIds.length > 0) throw validationFailed(badIds[0]?.message ?? "", badIds);

        const responses = (await repo.responseCounts(tx, [survey.id])).get(survey.id) ?? 0;
        if (responses > 0) {
          const answered = `This survey already has ${responses} ${responses === 1 ? "response" : "responses"}`;
          if (settings.anonymous !== survey.anonymous)
            throw conflict(
              `${answered}, so whether it is anonymous cannot change: people answered it on the understanding they were given.`,
            );
          if (changesAnsweredQuestions(existing, input.questions))
            throw conflict(
              `${answered}; close it and ask an administrator to start a new one, or keep its questions as they are. You can still change its title and introduction, reorder questions, and open or close it.`,
            );
        }

        await repo.updateSurvey(tx, survey.id, settings, now);
        const keep = input.questions.flatMap((q) => (q.id ? [q.id] : []));
        await repo.deleteQuestionsExcept(tx, survey.id, keep);
        // Positions are rewritten 1…n in the order given (positions are not unique, so reordering cannot collide).
        for (const [i, q] of input.questions.entries()) {
          const values = { position: i + 1, kind: q.kind, prompt: q.prompt, required: q.required };
          if (q.id) await repo.updateQuestion(tx, survey.id, q.id, values);
          else await repo.insertQuestionAt(tx, survey.id, values);
        }
        await recordAudit(tx, context, {
          actorUserId: actor.userId,
          action: "surveys.updated",
          subjectType: "survey",
          subjectId: survey.id,
          details: { courseId, kind, questions: input.questions.length, isOpen: settings.isOpen },
        });
        const after = await courseSurveys(tx, courseId);
        const updated = after.surveys.find((s) => s.kind === kind);
        if (!updated) throw new Error("survey vanished after update");
        return updated;
      });
    },

    /** Where a learner stands with both of the course's surveys, for the course outline. */
    async summaryForLearner(actor: Actor, enrolmentId: string): Promise<LearnerSurveySummary> {
      const enrolment = await learnerContext(db, actor, enrolmentId);
      const rows = await repo.listSurveys(db, enrolment.courseId);
      const [position, done] = await Promise.all([
        positionOf(db, enrolment),
        repo.completionsOf(
          db,
          actor.userId,
          rows.map((r) => r.id),
        ),
      ]);
      return {
        surveys: rows.map((row) => {
          const completed = done.has(row.id);
          return {
            kind: row.kind,
            title: row.title,
            isOpen: row.isOpen,
            completed,
            available: row.isOpen && !completed && availabilityProblem(row.kind, position) === null,
          };
        }),
      };
    },

    /** A survey as the learner sees it, with whether they can answer it now. */
    async getForLearner(actor: Actor, enrolmentId: string, kind: SurveyKind): Promise<LearnerSurvey> {
      const enrolment = await learnerContext(db, actor, enrolmentId);
      const survey = await repo.getSurvey(db, enrolment.courseId, kind);
      if (!survey) throw noSurvey(kind);
      const [questions, done, position] = await Promise.all([
        repo.questionsOf(db, [survey.id]),
        repo.completionsOf(db, actor.userId, [survey.id]),
        positionOf(db, enrolment),
      ]);
      const completedAt = done.get(survey.id) ?? null;
      const reason =
        completedAt !== null
          ? "You have already answered this survey. Thank you."
          : !survey.isOpen
            ? "This survey is closed."
            : availabilityProblem(kind, position);
      return {
        surveyId: survey.id,
        kind,
        courseTitle: enrolment.courseTitle,
        title: survey.title,
        introduction: survey.introduction,
        anonymous: survey.anonymous,
        isOpen: survey.isOpen,
        available: reason === null,
        unavailableReason: reason,
        completed: completedAt !== null,
        completedOn: completedAt ? ukDate(completedAt) : null,
        questions: questions.map(toQuestion),
      };
    },

    /**
     * Records a learner's answers once. Anonymous surveys store no user on the response and only the day on both the
     * response and the completion, so the two cannot be matched by time.
     */
    async respond(
      actor: Actor,
      enrolmentId: string,
      kind: SurveyKind,
      input: SurveyResponseInput,
    ): Promise<SurveyReceipt> {
      const now = clock();
      return db.transaction(async (tx) => {
        const enrolment = await learnerContext(tx, actor, enrolmentId);
        const survey = await repo.getSurvey(tx, enrolment.courseId, kind);
        if (!survey) throw noSurvey(kind);
        if (!survey.isOpen) throw conflict("This survey is closed, so it is not taking answers.");
        const already = await repo.completionsOf(tx, actor.userId, [survey.id]);
        if (already.has(survey.id)) throw conflict("You have already answered this survey. Thank you.");
        const problem = availabilityProblem(kind, await positionOf(tx, enrolment));
        if (problem) throw conflict(problem);
        const questions = await repo.questionsOf(tx, [survey.id]);
        const problems = answerProblems(questions, input.answers);
        if (problems.length > 0) {
          throw new AppError(
            422,
            "answers_incomplete",
            problems.length === 1 ? (problems[0]?.message ?? "") : "Answer the questions marked as required.",
            problems,
          );
        }
        const at = survey.anonymous ? startOfUkDate(ukDate(now)) : now;
        if (!(await repo.insertCompletion(tx, survey.id, actor.userId, at)))
          throw conflict("You have already answered this survey. Thank you.");
        await repo.insertResponse(
          tx,
          {
            surveyId: survey.id,
            runId: await repo.runOf(tx, enrolment.courseId, actor.userId),
            userId: survey.anonymous ? null : actor.userId,
            submittedAt: at,
          },
          answersToStore(questions, input.answers),
        );
        return { kind, completedOn: ukDate(now), anonymous: survey.anonymous };
      });
    },

    /** A survey's results for one run (its facilitators and platform administrators). */
    async runResults(actor: Actor, runId: string, kind: SurveyKind): Promise<SurveyResults> {
      const scope = await runResultsScope(db, actor, runId);
      return results(db, scope.courseId, kind, scope.run);
    },

    /** A survey's results across a course's runs, or one of them. */
    async courseResults(
      actor: Actor,
      courseId: string,
      kind: SurveyKind,
      runId: string | undefined,
    ): Promise<SurveyResults> {
      const run = await courseResultsScope(db, actor, courseId, runId);
      return results(db, courseId, kind, run);
    },

    /** The run's results as CSV (audited). */
    async runResultsCsv(actor: Actor, context: RequestContext, runId: string, kind: SurveyKind) {
      const scope = await runResultsScope(db, actor, runId);
      return resultsCsv(actor, context, await results(db, scope.courseId, kind, scope.run));
    },

    /** The course's results as CSV (audited). */
    async courseResultsCsv(
      actor: Actor,
      context: RequestContext,
      courseId: string,
      kind: SurveyKind,
      runId: string | undefined,
    ) {
      const run = await courseResultsScope(db, actor, courseId, runId);
      return resultsCsv(actor, context, await results(db, courseId, kind, run));
    },
  };
}
