import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { SURVEY_KINDS, SURVEY_QUESTION_KINDS } from "../../../shared/survey-kinds.js";
import { users } from "./accounts.js";
import { courses } from "./catalogue.js";
import { courseRuns } from "./community.js";

/** Pre-course or post-course. */
export const surveyKind = pgEnum("survey_kind", SURVEY_KINDS);
/** Likert statement or free text. */
export const surveyQuestionKind = pgEnum("survey_question_kind", SURVEY_QUESTION_KINDS);

/** A course's pre-course or post-course survey (at most one of each). */
export const surveys = pgTable(
  "surveys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    courseId: uuid("course_id")
      .notNull()
      .references(() => courses.id, { onDelete: "cascade" }),
    kind: surveyKind("kind").notNull(),
    title: text("title").notNull(),
    introduction: text("introduction").notNull().default(""),
    /** Anonymous surveys keep no link between a response and its respondent. */
    anonymous: boolean("anonymous").notNull().default(false),
    isOpen: boolean("is_open").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("surveys_course_kind_key").on(t.courseId, t.kind)],
);

/** A survey's questions in order. */
export const surveyQuestions = pgTable(
  "survey_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: surveyQuestionKind("kind").notNull(),
    prompt: text("prompt").notNull(),
    required: boolean("required").notNull().default(false),
  },
  (t) => [index("survey_questions_survey_position_idx").on(t.surveyId, t.position)],
);

/**
 * Who has answered a survey, kept apart from what they answered so an anonymous response cannot be traced; also what
 * stops a second response.
 */
export const surveyCompletions = pgTable(
  "survey_completions",
  {
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.surveyId, t.userId] })],
);

/** One response: user_id is null when the survey is anonymous; run_id says which run the respondent was in. */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    surveyId: uuid("survey_id")
      .notNull()
      .references(() => surveys.id, { onDelete: "cascade" }),
    runId: uuid("run_id").references(() => courseRuns.id, { onDelete: "set null" }),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("survey_responses_survey_run_idx").on(t.surveyId, t.runId)],
);

/** An answer: a Likert rating 1–5 or free text. */
export const surveyAnswers = pgTable(
  "survey_answers",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => surveyResponses.id, { onDelete: "cascade" }),
    questionId: uuid("question_id")
      .notNull()
      .references(() => surveyQuestions.id, { onDelete: "cascade" }),
    rating: smallint("rating"),
    text: text("text"),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.questionId] }),
    index("survey_answers_question_idx").on(t.questionId),
    check("survey_answers_rating_range", sql`${t.rating} is null or ${t.rating} between 1 and 5`),
    check("survey_answers_one_value", sql`(${t.rating} is null) <> (${t.text} is null)`),
  ],
);
