import { sql } from "drizzle-orm";
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

/**
 * Demo answers, so the results pages show something on first start: the members of the QI measures course's live run
 * other than the demo learner (who can answer themselves) answer the pre-course survey and, those past half-way, the
 * post-course one, with the spread of views a real run has. Runs once: nothing happens when the run's surveys already
 * have answers. Call after seedRunsDemo.
 */
export async function seedSurveysDemo(db: Db): Promise<number> {
  // Raw SQL: a one-off demo load reading across runs, enrolments and surveys.
  const members = (await db.execute(sql`
    select m.user_id, m.run_id, m.course_id, e.required_steps_completed as done
      from run_members m
      join courses c on c.id = m.course_id and c.slug = 'improvement-fundamentals-qi-measures'
      join users u on u.id = m.user_id and u.email <> 'learner@example.org'
      join enrolments e on e.id = m.enrolment_id
     order by u.email`)) as unknown as {
    rows: Array<{ user_id: string; run_id: string; course_id: string; done: number }>;
  };
  let answered = 0;
  for (const [index, member] of members.rows.entries()) {
    for (const kind of ["pre_course", "post_course"] as const) {
      if (kind === "post_course" && index % 2 === 1) continue;
      const [survey] = (
        (await db.execute(sql`
          select s.id, s.anonymous from surveys s where s.course_id = ${member.course_id} and s.kind = ${kind}`)) as unknown as {
          rows: Array<{ id: string; anonymous: boolean }>;
        }
      ).rows;
      if (!survey) continue;
      const claimed = (await db.execute(sql`
        insert into survey_completions (survey_id, user_id) values (${survey.id}, ${member.user_id})
        on conflict do nothing returning user_id`)) as unknown as { rows: unknown[] };
      if (claimed.rows.length === 0) continue;
      const [response] = (
        (await db.execute(sql`
          insert into survey_responses (survey_id, run_id, user_id)
          values (${survey.id}, ${member.run_id}, ${survey.anonymous ? null : member.user_id}) returning id`)) as unknown as {
          rows: Array<{ id: string }>;
        }
      ).rows;
      if (!response) continue;
      // Before the course most are unsure (2–3); afterwards most agree (4–5), one or two stay neutral.
      await db.execute(sql`
        insert into survey_answers (response_id, question_id, rating)
        select ${response.id}, q.id,
               case when ${kind} = 'pre_course' then 2 + ((q.position + ${index}) % 2)
                    else 5 - ((q.position + ${index}) % 3 = 0)::int - (${index} = 4 and q.position = 1)::int end
          from survey_questions q where q.survey_id = ${survey.id} and q.kind = 'likert'`);
      answered += 1;
    }
  }
  return answered;
}
