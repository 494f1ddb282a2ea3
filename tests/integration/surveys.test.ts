import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SURVEYS, seedSurveys } from "../../src/server/modules/surveys/surveys.seed.js";
import type { CourseSurveys, LearnerSurvey, Survey, SurveyResults } from "../../src/shared/surveys.js";
import { buildFacilitator, buildRun, buildRunMember, runSteps } from "../support/community-fixtures.js";
import {
  auditFor,
  buildAdmin,
  buildEditor,
  buildEnrolment,
  buildUser,
  signIn,
  type TestUser,
  tableCounts,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let adminCookie = "";
let editorCookie = "";
let learnerCookie = "";
let miniCourseId = "";
let otherCourseId = "";

beforeAll(async () => {
  ctx = await createTestApp();
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
  editorCookie = await signIn(ctx, await buildEditor(ctx));
  learnerCookie = await signIn(ctx, await buildUser(ctx));
  const run = await buildRun(ctx, { phase: "live" });
  miniCourseId = run.courseId;
  const [other] = (await ctx.database.rawQuery(
    "select id from courses where level = 'foundation' and status = 'published' order by id limit 1",
  )) as Array<{ id: string }>;
  if (!other) throw new Error("no foundation course");
  otherCourseId = other.id;
});

afterAll(async () => {
  await ctx?.close();
});

function call(method: "GET" | "POST" | "PUT", url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function surveyCounts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from surveys) as surveys,
            (select count(*)::int from survey_questions) as questions,
            (select count(*)::int from survey_completions) as completions,
            (select count(*)::int from survey_responses) as responses,
            (select count(*)::int from survey_answers) as answers,
            (select coalesce(max(updated_at)::text, '') from surveys) as last_change`,
  )) as Array<Record<string, number | string>>;
  return { ...(await tableCounts(ctx)), ...row };
}

async function completeCourse(enrolmentId: string) {
  await ctx.database.rawQuery("update enrolments set completed_at = now() where id = $1", [enrolmentId]);
}

async function learnerSurvey(cookie: string, enrolmentId: string, kind: string): Promise<LearnerSurvey> {
  const response = await call("GET", `/api/enrolments/${enrolmentId}/surveys/${kind}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as LearnerSurvey;
}

/** Answers every Likert statement with the rating given for its position (default 4) and free text when given. */
function answersFor(survey: LearnerSurvey, ratings: number[] = [], text?: string) {
  const likert = survey.questions.filter((q) => q.kind === "likert");
  return {
    answers: [
      ...likert.map((q, i) => ({ questionId: q.id, rating: ratings[i] ?? 4 })),
      ...(text === undefined
        ? []
        : survey.questions.filter((q) => q.kind === "free_text").map((q) => ({ questionId: q.id, text }))),
    ],
  };
}

async function respond(
  member: { cookie: string; enrolmentId: string },
  kind: string,
  ratings: number[] = [],
  text?: string,
) {
  const survey = await learnerSurvey(member.cookie, member.enrolmentId, kind);
  const response = await call(
    "POST",
    `/api/enrolments/${member.enrolmentId}/surveys/${kind}/responses`,
    member.cookie,
    answersFor(survey, ratings, text),
  );
  expect(response.statusCode, response.body).toBe(201);
}

const questionInput = (prompt: string, kind: "likert" | "free_text" = "likert", required = true) => ({
  kind,
  prompt,
  required,
});

describe("surveys: signed out", () => {
  it("answers 401 everywhere", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const requests: Array<[Parameters<typeof call>[0], string, unknown?]> = [
      ["GET", `/api/courses/${id}/surveys`],
      [
        "PUT",
        `/api/courses/${id}/surveys/pre_course`,
        { title: "x", anonymous: false, isOpen: true, questions: [questionInput("Statement")] },
      ],
      ["GET", `/api/enrolments/${id}/surveys`],
      ["GET", `/api/enrolments/${id}/surveys/pre_course`],
      ["POST", `/api/enrolments/${id}/surveys/pre_course/responses`, { answers: [] }],
      ["GET", `/api/runs/${id}/surveys/post_course/results`],
      ["GET", `/api/runs/${id}/surveys/post_course/results.csv`],
      ["GET", `/api/courses/${id}/surveys/post_course/results`],
      ["GET", `/api/courses/${id}/surveys/post_course/results.csv`],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
  });
});

describe("surveys: API description", () => {
  it("describes the survey routes in the OpenAPI document", async () => {
    const response = await call("GET", "/api/openapi.json", null);
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/courses/{courseId}/surveys/{kind}",
        "/api/enrolments/{enrolmentId}/surveys/{kind}/responses",
        "/api/runs/{runId}/surveys/{kind}/results.csv",
      ]),
    );
  });
});

describe("surveys: default sets", () => {
  it("gives every mini-course both surveys, once", async () => {
    const missing = async () => {
      const [row] = (await ctx.database.rawQuery(
        `select count(*)::int as n from courses c cross join (values ('pre_course'), ('post_course')) k(kind)
          where c.level = 'mini_course'
            and not exists (select 1 from surveys s where s.course_id = c.id and s.kind::text = k.kind)`,
      )) as Array<{ n: number }>;
      return row?.n ?? 0;
    };
    const [mini] = (await ctx.database.rawQuery(
      "select count(*)::int as n from courses where level = 'mini_course'",
    )) as Array<{ n: number }>;
    expect(mini?.n).toBeGreaterThan(0);
    const lacking = await missing();
    expect(await seedSurveys(ctx.database.db)).toBe(lacking);
    expect(await missing()).toBe(0);
    const before = await surveyCounts();
    expect(await seedSurveys(ctx.database.db)).toBe(0);
    expect(await surveyCounts()).toEqual(before);

    const response = await call("GET", `/api/courses/${miniCourseId}/surveys`, editorCookie);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as CourseSurveys;
    expect(body.surveys.map((s) => s.kind)).toEqual(["pre_course", "post_course"]);
    const post = body.surveys[1] as Survey;
    expect(post.questions.map((q) => q.prompt)).toEqual(
      DEFAULT_SURVEYS.post_course.questions.map((q) => q.prompt),
    );
    expect(post.questions[0]).toMatchObject({
      kind: "likert",
      prompt: "I learnt a lot from taking part in the course",
      required: true,
    });
    expect(post.questions.at(-1)).toMatchObject({
      kind: "free_text",
      prompt: "What one thing would you change about the course?",
      required: false,
    });
    expect(post.responseCount).toBe(0);
  });

  it("does not give other courses surveys", async () => {
    const response = await call("GET", `/api/courses/${otherCourseId}/surveys`, adminCookie);
    expect(response.statusCode).toBe(200);
    expect((response.json() as CourseSurveys).surveys).toEqual([]);
  });
});

describe("surveys: editing", () => {
  const input = {
    title: "Before the foundation course",
    introduction: "Two minutes.",
    anonymous: false,
    isOpen: true,
    questions: [
      questionInput("I know what a run chart is"),
      questionInput("What do you hope for?", "free_text", false),
    ],
  };

  it("refuses learners (403) and unknown courses (404)", async () => {
    expect((await call("GET", `/api/courses/${otherCourseId}/surveys`, learnerCookie)).statusCode).toBe(403);
    const before = await surveyCounts();
    expect(
      (await call("PUT", `/api/courses/${otherCourseId}/surveys/pre_course`, learnerCookie, input))
        .statusCode,
    ).toBe(403);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect((await call("GET", `/api/courses/${missing}/surveys`, editorCookie)).statusCode).toBe(404);
    expect(
      (await call("PUT", `/api/courses/${missing}/surveys/pre_course`, editorCookie, input)).statusCode,
    ).toBe(404);
    expect(
      (await call("PUT", `/api/courses/${otherCourseId}/surveys/mid_course`, editorCookie, input)).statusCode,
    ).toBe(400);
    expect(await surveyCounts()).toEqual(before);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const before = await surveyCounts();
    const bad: Array<[unknown, string]> = [
      [{ ...input, questions: [] }, "questions"],
      [{ ...input, questions: [questionInput("ab")] }, "questions.0.prompt"],
      [{ ...input, questions: [questionInput("x".repeat(301))] }, "questions.0.prompt"],
      [
        { ...input, questions: Array.from({ length: 21 }, (_, i) => questionInput(`Statement ${i}`)) },
        "questions",
      ],
      [{ ...input, title: "" }, "title"],
      [{ ...input, questions: [{ ...questionInput("Statement"), kind: "essay" }] }, "questions.0.kind"],
      [
        {
          ...input,
          questions: [{ ...questionInput("Statement"), id: "00000000-0000-4000-8000-000000000000" }],
        },
        "questions.0.id",
      ],
    ];
    for (const [body, field] of bad) {
      const response = await call(
        "PUT",
        `/api/courses/${otherCourseId}/surveys/pre_course`,
        editorCookie,
        body,
      );
      expect(response.statusCode, field).toBe(400);
      expect(response.json().details.map((d: { field?: string }) => d.field)).toContain(field);
    }
    expect(await surveyCounts()).toEqual(before);
  });

  it("creates, replaces and reorders questions, and audits each change", async () => {
    const created = await call(
      "PUT",
      `/api/courses/${otherCourseId}/surveys/pre_course`,
      editorCookie,
      input,
    );
    expect(created.statusCode, created.body).toBe(200);
    const survey = created.json() as Survey;
    expect(survey).toMatchObject({ kind: "pre_course", title: input.title, anonymous: false, isOpen: true });
    expect(survey.questions.map((q) => [q.position, q.prompt])).toEqual([
      [1, "I know what a run chart is"],
      [2, "What do you hope for?"],
    ]);
    const [first, second] = survey.questions;
    const replaced = await call("PUT", `/api/courses/${otherCourseId}/surveys/pre_course`, editorCookie, {
      ...input,
      questions: [
        { id: second?.id, kind: "free_text", prompt: "What do you hope for?", required: false },
        questionInput("I can draw an SPC chart"),
        { id: first?.id, kind: "likert", prompt: "I know what a run chart is, roughly", required: true },
      ],
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    const after = replaced.json() as Survey;
    expect(after.questions.map((q) => q.prompt)).toEqual([
      "What do you hope for?",
      "I can draw an SPC chart",
      "I know what a run chart is, roughly",
    ]);
    expect(after.questions[0]?.id).toBe(second?.id);
    expect(after.questions[2]?.id).toBe(first?.id);
    const audit = await auditFor(ctx, "surveys.updated");
    expect(audit[0]).toMatchObject({ subjectType: "survey", subjectId: survey.id });
    expect(audit.length).toBeGreaterThanOrEqual(2);
  });

  it("fixes the questions and anonymity once there are responses, but not the title or being open", async () => {
    const learner = await buildUser(ctx);
    const cookie = await signIn(ctx, learner);
    const enrolment = await buildEnrolment(ctx, { userId: learner.id, courseId: otherCourseId });
    await respond({ cookie, enrolmentId: enrolment.id }, "pre_course");

    const current = (
      (await call("GET", `/api/courses/${otherCourseId}/surveys`, editorCookie)).json() as CourseSurveys
    ).surveys.find((s) => s.kind === "pre_course") as Survey;
    expect(current.responseCount).toBe(1);
    const kept = current.questions.map((q) => ({
      id: q.id,
      kind: q.kind,
      prompt: q.prompt,
      required: q.required,
    }));
    const before = await surveyCounts();
    const refused = [
      { ...input, questions: [...kept, questionInput("One more statement")] },
      { ...input, questions: kept.slice(1) },
      { ...input, questions: kept.map((q, i) => (i === 0 ? { ...q, prompt: `${q.prompt}!` } : q)) },
      { ...input, anonymous: true, questions: kept },
    ];
    for (const body of refused) {
      const response = await call(
        "PUT",
        `/api/courses/${otherCourseId}/surveys/pre_course`,
        editorCookie,
        body,
      );
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().message).toMatch(/already has 1 response/);
    }
    expect(await surveyCounts()).toEqual(before);

    const allowed = await call("PUT", `/api/courses/${otherCourseId}/surveys/pre_course`, adminCookie, {
      ...input,
      title: "Renamed",
      isOpen: false,
      questions: [...kept].reverse().map((q) => ({ ...q, required: !q.required })),
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    expect(allowed.json()).toMatchObject({ title: "Renamed", isOpen: false, responseCount: 1 });
  });
});

describe("surveys: taking", () => {
  it("shows a learner their survey, and 404s anyone else's enrolment", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, run);
    const other = await buildRunMember(ctx, await buildRun(ctx, { phase: "live" }));
    const survey = await learnerSurvey(member.cookie, member.enrolmentId, "pre_course");
    expect(survey).toMatchObject({ kind: "pre_course", available: true, completed: false, anonymous: false });
    expect(survey.questions).toHaveLength(DEFAULT_SURVEYS.pre_course.questions.length);
    expect(
      (await call("GET", `/api/enrolments/${member.enrolmentId}/surveys/pre_course`, other.cookie))
        .statusCode,
    ).toBe(404);
    expect(
      (await call("GET", `/api/enrolments/${member.enrolmentId}/surveys`, learnerCookie)).statusCode,
    ).toBe(404);
    const before = await surveyCounts();
    const stolen = await call(
      "POST",
      `/api/enrolments/${member.enrolmentId}/surveys/pre_course/responses`,
      other.cookie,
      answersFor(survey),
    );
    expect(stolen.statusCode).toBe(404);
    expect(await surveyCounts()).toEqual(before);
    // A course with no survey of the kind.
    const enrolment = await buildEnrolment(ctx, { level: "practitioner" });
    const owner = enrolment.user as TestUser;
    const ownerCookie = await signIn(ctx, owner);
    expect(
      (await call("GET", `/api/enrolments/${enrolment.id}/surveys/post_course`, ownerCookie)).statusCode,
    ).toBe(404);
  });

  it("needs the required questions (422 naming them), the right kinds of answer and known questions", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, run);
    const survey = await learnerSurvey(member.cookie, member.enrolmentId, "pre_course");
    const url = `/api/enrolments/${member.enrolmentId}/surveys/pre_course/responses`;
    const [first, second] = survey.questions;
    const freeText = survey.questions.find((q) => q.kind === "free_text");
    const before = await surveyCounts();
    const missing = await call("POST", url, member.cookie, {
      answers: [{ questionId: first?.id, rating: 5 }],
    });
    expect(missing.statusCode).toBe(422);
    const fields = missing.json().details.map((d: { field: string }) => d.field);
    expect(fields).toContain(`question-${second?.id}`);
    expect(fields).not.toContain(`question-${first?.id}`);
    expect(fields).not.toContain(`question-${freeText?.id}`);

    const full = answersFor(survey);
    const wrongKind = await call("POST", url, member.cookie, {
      answers: [...full.answers, { questionId: freeText?.id, rating: 3 }],
    });
    expect(wrongKind.statusCode).toBe(422);
    const unknown = await call("POST", url, member.cookie, {
      answers: [...full.answers, { questionId: "00000000-0000-4000-8000-000000000000", rating: 3 }],
    });
    expect(unknown.statusCode).toBe(422);
    const outOfRange = await call("POST", url, member.cookie, {
      answers: full.answers.map((a) => ({ ...a, rating: 6 })),
    });
    expect(outOfRange.statusCode).toBe(400);
    const tooLong = await call("POST", url, member.cookie, {
      answers: [...full.answers, { questionId: freeText?.id, text: "x".repeat(2001) }],
    });
    expect(tooLong.statusCode).toBe(400);
    expect(await surveyCounts()).toEqual(before);
  });

  it("takes one response, records the run and the learner, then 409s a second", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, run);
    await respond(member, "pre_course", [], "Confidence with run charts");
    const rows = (await ctx.database.rawQuery(
      `select r.user_id, r.run_id, (select count(*)::int from survey_answers a where a.response_id = r.id) as answers
         from survey_responses r join surveys s on s.id = r.survey_id
        where s.course_id = $1 and s.kind = 'pre_course' and r.run_id = $2`,
      [run.courseId, run.id],
    )) as Array<{ user_id: string; run_id: string; answers: number }>;
    expect(rows).toEqual([{ user_id: member.id, run_id: run.id, answers: 5 }]);
    const again = await learnerSurvey(member.cookie, member.enrolmentId, "pre_course");
    expect(again).toMatchObject({ completed: true, available: false });
    const second = await call(
      "POST",
      `/api/enrolments/${member.enrolmentId}/surveys/pre_course/responses`,
      member.cookie,
      answersFor(again),
    );
    expect(second.statusCode).toBe(409);
    const summary = await call("GET", `/api/enrolments/${member.enrolmentId}/surveys`, member.cookie);
    expect(summary.json().surveys).toEqual([
      expect.objectContaining({ kind: "pre_course", completed: true, available: false }),
      expect.objectContaining({ kind: "post_course", completed: false, available: false }),
    ]);
  });

  it("lets exactly one of two simultaneous responses through", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, run);
    const survey = await learnerSurvey(member.cookie, member.enrolmentId, "pre_course");
    const url = `/api/enrolments/${member.enrolmentId}/surveys/pre_course/responses`;
    const results = await Promise.all([
      call("POST", url, member.cookie, answersFor(survey, [1])),
      call("POST", url, member.cookie, answersFor(survey, [5])),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const [row] = (await ctx.database.rawQuery(
      `select (select count(*)::int from survey_completions where survey_id = $1 and user_id = $2) as completions,
              (select count(*)::int from survey_responses where survey_id = $1 and user_id = $2) as responses`,
      [survey.surveyId, member.id],
    )) as Array<{ completions: number; responses: number }>;
    expect(row).toEqual({ completions: 1, responses: 1 });
  });

  it("opens the post-course survey at the last module, and closes the pre-course one on completion", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, run);
    const post = await learnerSurvey(member.cookie, member.enrolmentId, "post_course");
    expect(post).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/last module/) });
    const early = await call(
      "POST",
      `/api/enrolments/${member.enrolmentId}/surveys/post_course/responses`,
      member.cookie,
      answersFor(post),
    );
    expect(early.statusCode).toBe(409);

    const steps = await runSteps(ctx, run);
    const last = steps.at(-1);
    await ctx.database.rawQuery(
      "insert into step_progress (enrolment_id, step_id, status, percent) values ($1, $2, 'started', 10)",
      [member.enrolmentId, last?.id],
    );
    expect((await learnerSurvey(member.cookie, member.enrolmentId, "post_course")).available).toBe(true);

    await completeCourse(member.enrolmentId);
    const pre = await learnerSurvey(member.cookie, member.enrolmentId, "pre_course");
    expect(pre).toMatchObject({ available: false, unavailableReason: expect.stringMatching(/completed/) });
    const late = await call(
      "POST",
      `/api/enrolments/${member.enrolmentId}/surveys/pre_course/responses`,
      member.cookie,
      answersFor(pre),
    );
    expect(late.statusCode).toBe(409);
  });

  it("refuses a closed survey (409) and keeps anonymous responses apart from the respondent", async () => {
    // The foundation course's pre-course survey was closed above; open a fresh anonymous post-course one instead.
    const learner = await buildUser(ctx);
    const cookie = await signIn(ctx, learner);
    const enrolment = await buildEnrolment(ctx, { userId: learner.id, courseId: otherCourseId });
    const closed = await learnerSurvey(cookie, enrolment.id, "pre_course");
    expect(closed).toMatchObject({ isOpen: false, available: false });
    const before = await surveyCounts();
    const refused = await call(
      "POST",
      `/api/enrolments/${enrolment.id}/surveys/pre_course/responses`,
      cookie,
      answersFor(closed),
    );
    expect(refused.statusCode).toBe(409);
    expect(await surveyCounts()).toEqual(before);

    const put = await call("PUT", `/api/courses/${otherCourseId}/surveys/post_course`, editorCookie, {
      title: "After the course",
      anonymous: true,
      isOpen: true,
      questions: [questionInput("I learnt a lot"), questionInput("Anything else?", "free_text", false)],
    });
    expect(put.statusCode, put.body).toBe(200);
    await completeCourse(enrolment.id);
    const survey = await learnerSurvey(cookie, enrolment.id, "post_course");
    expect(survey.anonymous).toBe(true);
    const response = await call(
      "POST",
      `/api/enrolments/${enrolment.id}/surveys/post_course/responses`,
      cookie,
      answersFor(survey, [5], "Nothing"),
    );
    expect(response.statusCode, response.body).toBe(201);
    const rows = (await ctx.database.rawQuery(
      `select r.user_id, r.run_id, to_char(r.submitted_at at time zone 'Europe/London', 'HH24:MI:SS') as at,
              to_char(c.completed_at at time zone 'Europe/London', 'HH24:MI:SS') as completed
         from survey_responses r join survey_completions c on c.survey_id = r.survey_id
        where r.survey_id = $1`,
      [survey.surveyId],
    )) as Array<{ user_id: string | null; run_id: string | null; at: string; completed: string }>;
    expect(rows).toEqual([{ user_id: null, run_id: null, at: "00:00:00", completed: "00:00:00" }]);
  });
});

describe("surveys: results", () => {
  let run: { id: string; courseId: string };
  let otherRun: { id: string; courseId: string };
  let facilitatorCookie = "";
  let otherFacilitatorCookie = "";
  let memberCookie = "";

  beforeAll(async () => {
    const facilitator = await buildFacilitator(ctx);
    facilitatorCookie = facilitator.cookie;
    run = await buildRun(ctx, { phase: "catch_up", facilitatorIds: [facilitator.id] });
    const otherFacilitator = await buildFacilitator(ctx);
    otherFacilitatorCookie = otherFacilitator.cookie;
    otherRun = await buildRun(ctx, { phase: "catch_up", facilitatorIds: [otherFacilitator.id] });
    // Run: three respond to the post-course survey; one to the pre-course survey only.
    const ratings = [
      [5, 4, 2, 1, 3, 4, 5],
      [4, 4, 3, 2, 3, 5, 1],
      [2, 5, 3, 3, 3, 5, 1],
    ];
    for (const [i, r] of ratings.entries()) {
      const member = await buildRunMember(ctx, run);
      if (i === 0) memberCookie = member.cookie;
      await completeCourse(member.enrolmentId);
      await respond(
        member,
        "post_course",
        r,
        i === 2 ? '=HYPERLINK("http://evil")' : i === 0 ? "More examples" : undefined,
      );
    }
    const other = await buildRunMember(ctx, otherRun);
    await completeCourse(other.enrolmentId);
    await respond(other, "post_course", [1, 1, 1, 1, 1, 1, 1], "Other run's view");
  });

  it("counts each answer for the run's respondents, with agreed n (%)", async () => {
    const response = await call("GET", `/api/runs/${run.id}/surveys/post_course/results`, facilitatorCookie);
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json() as SurveyResults;
    expect(results.respondents).toBe(3);
    expect(results.smallNumbers).toBe(true);
    expect(results.run).toMatchObject({ id: run.id });
    expect(results.statements).toHaveLength(7);
    expect(results.statements[0]).toMatchObject({
      prompt: "I learnt a lot from taking part in the course",
      counts: [0, 1, 0, 1, 1],
      answered: 3,
      agreed: 2,
      agreedPercent: 67,
    });
    expect(results.statements[1]).toMatchObject({ counts: [0, 0, 0, 2, 1], agreed: 3, agreedPercent: 100 });
    expect(results.statements[3]).toMatchObject({ counts: [1, 1, 1, 0, 0], agreed: 0, agreedPercent: 0 });
    expect(results.freeText).toEqual([
      expect.objectContaining({
        prompt: "What one thing would you change about the course?",
        answers: expect.arrayContaining(["More examples", '=HYPERLINK("http://evil")']),
      }),
    ]);
    expect(results.freeText[0]?.answers).toHaveLength(2);
    expect(JSON.stringify(results)).not.toMatch(/givenName|email|userId/);
  });

  it("adds runs up at course level, and filters by run", async () => {
    const all = (
      await call("GET", `/api/courses/${run.courseId}/surveys/post_course/results`, adminCookie)
    ).json() as SurveyResults;
    // Other tests' respondents to this course's post-course survey count too.
    expect(all.respondents).toBeGreaterThanOrEqual(4);
    expect(all.run).toBeNull();
    const filtered = await call(
      "GET",
      `/api/courses/${run.courseId}/surveys/post_course/results?runId=${otherRun.id}`,
      editorCookie,
    );
    expect(filtered.statusCode, filtered.body).toBe(200);
    const one = filtered.json() as SurveyResults;
    expect(one.respondents).toBe(1);
    expect(one.statements[0]).toMatchObject({ counts: [1, 0, 0, 0, 0], agreed: 0, agreedPercent: 0 });
    expect(one.freeText[0]?.answers).toEqual(["Other run's view"]);
    // A facilitator of any run of the course sees course-level results.
    expect(
      (await call("GET", `/api/courses/${run.courseId}/surveys/post_course/results`, otherFacilitatorCookie))
        .statusCode,
    ).toBe(200);
    // A run of another course is not a filter for this one.
    const elsewhere = await buildRun(ctx, { courseId: otherCourseId, phase: "live" });
    expect(
      (
        await call(
          "GET",
          `/api/courses/${run.courseId}/surveys/post_course/results?runId=${elsewhere.id}`,
          adminCookie,
        )
      ).statusCode,
    ).toBe(404);
  });

  it("divides by nobody without failing", async () => {
    const empty = await buildRun(ctx, { phase: "live" });
    const response = await call("GET", `/api/runs/${empty.id}/surveys/pre_course/results`, adminCookie);
    expect(response.statusCode, response.body).toBe(200);
    const results = response.json() as SurveyResults;
    expect(results.respondents).toBe(0);
    expect(results.smallNumbers).toBe(true);
    expect(results.statements.every((s) => s.answered === 0 && s.agreedPercent === null)).toBe(true);
    const csv = await call("GET", `/api/runs/${empty.id}/surveys/pre_course/results.csv`, adminCookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain("I understand what quality improvement is,0,0,0,0,0,0,0,\r\n");
  });

  it("exports CSV with a row per statement, neutralises formulas, and audits the export", async () => {
    const auditBefore = (await auditFor(ctx, "surveys.results_exported")).length;
    const response = await call(
      "GET",
      `/api/runs/${run.id}/surveys/post_course/results.csv`,
      facilitatorCookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/csv/);
    expect(response.headers["content-disposition"]).toMatch(/attachment; filename=".*survey-results.*\.csv"/);
    expect(response.headers["cache-control"]).toBe("no-store");
    const lines = response.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe(
      "Statement,Strongly disagree,Disagree,Neither agree nor disagree,Agree,Strongly agree,Answered (n),Agreed or strongly agreed,Agreed or strongly agreed (%)",
    );
    expect(lines[1]).toBe("I learnt a lot from taking part in the course,0,1,0,1,1,3,2,67");
    expect(lines.filter((l) => l !== "")).toHaveLength(8);
    const audit = await auditFor(ctx, "surveys.results_exported");
    expect(audit).toHaveLength(auditBefore + 1);
    expect(audit[0]?.details).toMatchObject({ runId: run.id, kind: "post_course" });

    // A statement an editor wrote as a formula is neutralised.
    const newCourse = (await ctx.database.rawQuery(
      "select id from courses where level = 'introductory' and status = 'published' order by id limit 1",
    )) as Array<{ id: string }>;
    const target = newCourse[0]?.id as string;
    const formula = await call("PUT", `/api/courses/${target}/surveys/pre_course`, adminCookie, {
      title: "Before",
      anonymous: false,
      isOpen: true,
      questions: [questionInput('=HYPERLINK("http://evil","x")'), questionInput("@SUM(A1)")],
    });
    expect(formula.statusCode, formula.body).toBe(200);
    const csv = await call("GET", `/api/courses/${target}/surveys/pre_course/results.csv`, adminCookie);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"",""x"")",0,0,0,0,0,0,0,`);
    expect(csv.body).toContain("'@SUM(A1),0,0,0,0,0,0,0,");
  });

  it("refuses facilitators of another run, learners and editors on run results", async () => {
    const before = (await auditFor(ctx, "surveys.results_exported")).length;
    for (const cookie of [otherFacilitatorCookie, memberCookie, editorCookie, learnerCookie]) {
      expect((await call("GET", `/api/runs/${run.id}/surveys/post_course/results`, cookie)).statusCode).toBe(
        403,
      );
      expect(
        (await call("GET", `/api/runs/${run.id}/surveys/post_course/results.csv`, cookie)).statusCode,
      ).toBe(403);
    }
    for (const cookie of [memberCookie, learnerCookie]) {
      expect(
        (await call("GET", `/api/courses/${run.courseId}/surveys/post_course/results`, cookie)).statusCode,
      ).toBe(403);
      expect(
        (await call("GET", `/api/courses/${run.courseId}/surveys/post_course/results.csv`, cookie))
          .statusCode,
      ).toBe(403);
    }
    // A facilitator of a run of another course only.
    const outsider = await buildFacilitator(ctx, await buildRun(ctx, { courseId: otherCourseId }));
    expect(
      (await call("GET", `/api/courses/${run.courseId}/surveys/post_course/results`, outsider.cookie))
        .statusCode,
    ).toBe(403);
    expect((await auditFor(ctx, "surveys.results_exported")).length).toBe(before);
    const missing = "00000000-0000-4000-8000-000000000000";
    expect(
      (await call("GET", `/api/runs/${missing}/surveys/post_course/results`, adminCookie)).statusCode,
    ).toBe(404);
    expect(
      (await call("GET", `/api/courses/${missing}/surveys/post_course/results`, adminCookie)).statusCode,
    ).toBe(404);
    // A course with no survey of the kind.
    expect(
      (await call("GET", `/api/courses/${run.courseId}/surveys/mid_course/results`, adminCookie)).statusCode,
    ).toBe(400);
  });
});
