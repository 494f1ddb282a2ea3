import { randomUUID } from "node:crypto";
import { count } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  courseModules,
  courseSteps,
  courses,
  enrolments,
  programmes,
  quizAttempts,
  quizOptions,
  quizQuestions,
  stepProgress,
} from "../../src/server/db/schema/index.js";
import type {
  AuthoringCourse,
  AuthoringCourseList,
  AuthoringProgramme,
  AuthoringProgrammeList,
  AuthoringStep,
  CourseInput,
  QuizQuestionInput,
  StepUpdateInput,
  StoredFile,
} from "../../src/shared/authoring.js";
import { auditFor, buildEditor, buildUser, signIn, tableCounts } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let editor: string;
let admin: string;
let learner: string;
let programmeId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  editor = await signIn(ctx, await buildEditor(ctx));
  admin = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "platform_admin"] }));
  learner = await signIn(ctx, await buildUser(ctx));
  const list = (await call("GET", "/api/authoring/programmes")).json() as AuthoringProgrammeList;
  const ward = list.programmes.find((p) => p.slug === "productive-ward");
  if (!ward) throw new Error("the seeded catalogue has no productive-ward programme");
  programmeId = ward.id;
});
afterAll(async () => ctx.close());

// ---------------------------------------------------------------------------------------------------------------
// Helpers

type Method = "GET" | "POST" | "PUT" | "DELETE";

function call(method: Method, url: string, payload?: unknown, cookie: string | null = editor) {
  return ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** Calls and expects `status`, returning the parsed body. */
async function ok<T>(method: Method, url: string, payload?: unknown, status = 200): Promise<T> {
  const response = await call(method, url, payload);
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

function courseInput(overrides: Partial<CourseInput> = {}): CourseInput {
  return {
    programmeId,
    title: `Ward rounds that work ${randomUUID().slice(0, 8)}`,
    level: "foundation",
    summary: "How to run ward rounds that finish on time.",
    whoFor: "Ward teams",
    outcomes: ["Plan a ward round", "Measure how long it takes"],
    prerequisites: null,
    listPriceExVatPence: 9_500,
    priceIsIndicative: false,
    cpdPoints: 6,
    ...overrides,
  };
}

const createCourse = (overrides: Partial<CourseInput> = {}) =>
  ok<AuthoringCourse>("POST", "/api/authoring/courses", courseInput(overrides), 201);

async function addModule(courseId: string, title = "Getting started"): Promise<AuthoringCourse> {
  return ok<AuthoringCourse>(
    "POST",
    `/api/authoring/courses/${courseId}/modules`,
    { title, summary: "" },
    201,
  );
}

function lastModule(course: AuthoringCourse) {
  const module = course.modules.at(-1);
  if (!module) throw new Error("the course has no modules");
  return module;
}

const addStep = (moduleId: string, kind: AuthoringStep["kind"], title = `A ${kind}`) =>
  ok<AuthoringStep>("POST", `/api/authoring/modules/${moduleId}/steps`, { kind, title }, 201);

/** The step as its editor would save it unchanged, with overrides. */
function stepInput(step: AuthoringStep, overrides: Partial<StepUpdateInput> = {}): StepUpdateInput {
  return {
    title: step.title,
    body: step.body,
    minutes: step.minutes,
    required: step.required,
    videoUrl: step.videoUrl,
    fileId: step.file?.id ?? null,
    passMarkPercent: step.passMarkPercent,
    maxAttempts: step.maxAttempts,
    isFinal: step.isFinal,
    ...(step.kind === "quiz"
      ? {
          questions: step.questions.map((q) => ({
            id: q.id,
            kind: q.kind,
            prompt: q.prompt,
            options: q.options.map((o) => ({
              id: o.id,
              text: o.text,
              correct: o.correct,
              feedback: o.feedback,
            })),
          })),
        }
      : {}),
    ...overrides,
  };
}

const saveStep = (step: AuthoringStep, overrides: Partial<StepUpdateInput> = {}) =>
  ok<AuthoringStep>("PUT", `/api/authoring/steps/${step.id}`, stepInput(step, overrides));

const QUESTIONS: QuizQuestionInput[] = [
  {
    kind: "single",
    prompt: "What does PDSA stand for?",
    options: [
      { text: "Plan, do, study, act", correct: true, feedback: "Yes." },
      { text: "Prepare, deliver, sustain, assess", correct: false, feedback: "Not quite." },
    ],
  },
  {
    kind: "multiple",
    prompt: "Which are measures?",
    options: [
      { text: "Outcome", correct: true, feedback: "" },
      { text: "Process", correct: true, feedback: "" },
      { text: "Opinion", correct: false, feedback: "" },
    ],
  },
];

/** A course with one module holding an article and a two-question quiz, ready to publish. */
async function completeCourse(overrides: Partial<CourseInput> = {}) {
  const created = await createCourse(overrides);
  const module = lastModule(await addModule(created.id));
  const article = await saveStep(await addStep(module.id, "article", "Why ward rounds matter"), {
    body: "Ward rounds take **time**.",
  });
  const quiz = await saveStep(await addStep(module.id, "quiz", "Check your understanding"), {
    questions: QUESTIONS,
  });
  return {
    course: await ok<AuthoringCourse>("GET", `/api/authoring/courses/${created.id}`),
    module,
    article,
    quiz,
  };
}

/** Enrols a new learner straight in the database (the enrolment service is another domain's). */
async function enrol(courseId: string): Promise<string> {
  return (await enrolLearner(courseId)).enrolmentId;
}

/** Enrols a new learner and returns their enrolment and how to sign in as them. */
async function enrolLearner(courseId: string) {
  const user = await buildUser(ctx);
  const now = new Date();
  const [row] = await ctx.database.db
    .insert(enrolments)
    .values({
      userId: user.id,
      courseId,
      via: "free",
      priceExVatPence: 0,
      startsAt: now,
      expiresAt: new Date(now.getTime() + 180 * 24 * 3600 * 1000),
    })
    .returning({ id: enrolments.id });
  if (!row) throw new Error("no enrolment");
  return { enrolmentId: row.id, user };
}

/** A learner who has opened a step. */
async function startStep(courseId: string, stepId: string): Promise<string> {
  const enrolmentId = await enrol(courseId);
  await ctx.database.db.insert(stepProgress).values({ enrolmentId, stepId, status: "started" });
  return enrolmentId;
}

/** A learner who has answered a quiz once. */
async function answerQuiz(courseId: string, stepId: string): Promise<void> {
  const enrolmentId = await enrol(courseId);
  await ctx.database.db.insert(quizAttempts).values({
    enrolmentId,
    stepId,
    attemptNumber: 1,
    answers: {},
    correctCount: 0,
    questionCount: 2,
    scorePercent: 0,
    passed: false,
  });
}

/** Rows in every table authoring writes, plus audit and the rest: a refused request must change none of them. */
async function counts() {
  const db = ctx.database.db;
  const tables = { programmes, courses, courseModules, courseSteps, quizQuestions, quizOptions };
  const result: Record<string, number> = { ...(await tableCounts(ctx)) };
  for (const [name, table] of Object.entries(tables)) {
    const [row] = await db.select({ n: count() }).from(table);
    result[name] = row?.n ?? 0;
  }
  return result;
}

/** Expects a refusal with `status` and a message matching `message`, with nothing written. */
async function refused(
  method: Method,
  url: string,
  payload: unknown,
  status: number,
  message: RegExp | string,
  cookie: string | null = editor,
) {
  const before = await counts();
  const response = await call(method, url, payload, cookie);
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as { error: string; message: string; details?: Array<{ field?: string }> };
  if (typeof message === "string") expect(body.message).toBe(message);
  else expect(body.message).toMatch(message);
  expect(await counts()).toEqual(before);
  return body;
}

const SIGN_IN = /Sign in/;
const NOT_EDITOR = /Only content editors and platform administrators/;

// ---------------------------------------------------------------------------------------------------------------

describe("programmes", () => {
  it("lists every programme with its course count for editors and administrators", async () => {
    const list = await ok<AuthoringProgrammeList>("GET", "/api/authoring/programmes");
    expect(list.programmes.length).toBeGreaterThanOrEqual(6);
    expect(list.programmes.find((p) => p.id === programmeId)?.courseCount).toBeGreaterThan(0);
    expect((await call("GET", "/api/authoring/programmes", undefined, admin)).statusCode).toBe(200);
  });

  it("creates a programme at the end with a slug from its title, and audits it", async () => {
    const created = await ok<AuthoringProgramme>(
      "POST",
      "/api/authoring/programmes",
      {
        title: "The Productive Care Home",
        summary: "Releasing time to care in care homes.",
        kind: "productive_series",
      },
      201,
    );
    expect(created).toMatchObject({ slug: "the-productive-care-home", courseCount: 0 });
    const list = await ok<AuthoringProgrammeList>("GET", "/api/authoring/programmes");
    expect(list.programmes.at(-1)?.id).toBe(created.id);
    const again = await ok<AuthoringProgramme>(
      "POST",
      "/api/authoring/programmes",
      { title: "The Productive Care Home", summary: "A second one.", kind: "productive_series" },
      201,
    );
    expect(again.slug).toBe("the-productive-care-home-2");
    expect((await auditFor(ctx, "authoring.programme_created")).map((e) => e.subjectId)).toContain(
      created.id,
    );
  });

  it("changes a programme's title, summary and kind, keeping its slug", async () => {
    const created = await ok<AuthoringProgramme>(
      "POST",
      "/api/authoring/programmes",
      { title: "Draft programme", summary: "To be renamed.", kind: "productive_series" },
      201,
    );
    const changed = await ok<AuthoringProgramme>("PUT", `/api/authoring/programmes/${created.id}`, {
      title: "Renamed programme",
      summary: "Renamed.",
      kind: "improvement_fundamentals",
    });
    expect(changed).toMatchObject({
      title: "Renamed programme",
      kind: "improvement_fundamentals",
      slug: created.slug,
    });
    const [event] = await auditFor(ctx, "authoring.programme_updated");
    expect(event?.details).toEqual({ changed: ["title", "summary", "kind"] });
  });

  it("refuses signed-out people, learners, bad input and unknown programmes, writing nothing", async () => {
    const valid = { title: "X", summary: "Y", kind: "productive_series" };
    await refused("GET", "/api/authoring/programmes", undefined, 401, SIGN_IN, null);
    await refused("GET", "/api/authoring/programmes", undefined, 403, NOT_EDITOR, learner);
    await refused("POST", "/api/authoring/programmes", valid, 401, SIGN_IN, null);
    await refused("POST", "/api/authoring/programmes", valid, 403, NOT_EDITOR, learner);
    const bad = await refused(
      "POST",
      "/api/authoring/programmes",
      { title: " ", summary: "Y", kind: "grand" },
      400,
      "There is a problem with the information you entered.",
    );
    expect(bad.details?.map((d) => d.field)).toEqual(["title", "kind"]);
    await refused(
      "POST",
      "/api/authoring/programmes",
      { ...valid, slug: "mine" },
      400,
      /Remove the unknown field "slug"/,
    );
    await refused("PUT", `/api/authoring/programmes/${programmeId}`, valid, 403, NOT_EDITOR, learner);
    await refused(
      "PUT",
      `/api/authoring/programmes/${randomUUID()}`,
      valid,
      404,
      /programme could not be found/,
    );
    await refused("PUT", "/api/authoring/programmes/nope", valid, 400, /programme id is not valid/);
  });
});

describe("courses", () => {
  it("creates a draft course with access months from its level, not shown in the catalogue, and audits it", async () => {
    const course = await createCourse({ title: "Safer handovers", level: "facilitator", prerequisites: "" });
    expect(course).toMatchObject({
      slug: "safer-handovers",
      status: "draft",
      accessMonths: 9,
      prerequisites: null,
      modules: [],
      enrolmentCount: 0,
      publishProblems: ["Add at least one module"],
    });
    expect((await createCourse({ title: "Safer handovers" })).slug).toBe("safer-handovers-2");
    expect((await call("GET", `/api/courses/${course.id}`, undefined, null)).statusCode).toBe(404);
    expect((await auditFor(ctx, "authoring.course_created")).map((e) => e.subjectId)).toContain(course.id);
  });

  it("lists every course of every status by programme, with counts", async () => {
    const { course } = await completeCourse();
    const list = await ok<AuthoringCourseList>("GET", "/api/authoring/courses");
    const entry = list.programmes.find((p) => p.id === programmeId)?.courses.find((c) => c.id === course.id);
    expect(entry).toMatchObject({ status: "draft", moduleCount: 1, stepCount: 2, enrolmentCount: 0 });
    const seeded = list.programmes.flatMap((p) => p.courses).filter((c) => c.status === "published");
    expect(seeded.length).toBeGreaterThan(0);
  });

  it("changes a course's details, working out access months again from a new level", async () => {
    const course = await createCourse();
    const changed = await ok<AuthoringCourse>(
      "PUT",
      `/api/authoring/courses/${course.id}`,
      courseInput({ title: "Renamed", level: "programme_manager", listPriceExVatPence: 59_500 }),
    );
    expect(changed).toMatchObject({
      title: "Renamed",
      level: "programme_manager",
      accessMonths: 18,
      slug: course.slug,
    });
    const [event] = await auditFor(ctx, "authoring.course_updated");
    expect(event?.details).toMatchObject({
      changed: expect.arrayContaining(["title", "level", "listPriceExVatPence"]),
    });
  });

  it("refuses to change the level of a course learners are enrolled on, but lets its wording change", async () => {
    const course = await createCourse();
    await enrol(course.id);
    await refused(
      "PUT",
      `/api/authoring/courses/${course.id}`,
      courseInput({ title: course.title, level: "practitioner" }),
      409,
      /^1 learner has enrolled on this course, so its level cannot change/,
    );
    const reworded = await ok<AuthoringCourse>(
      "PUT",
      `/api/authoring/courses/${course.id}`,
      courseInput({ title: "Better title", level: course.level }),
    );
    expect(reworded.title).toBe("Better title");
  });

  it("refuses bad course details field by field, and unknown programmes, writing nothing", async () => {
    const body = await refused(
      "POST",
      "/api/authoring/courses",
      {
        ...courseInput(),
        title: "",
        level: "expert",
        listPriceExVatPence: -1,
        cpdPoints: 1.5,
        outcomes: [""],
      },
      400,
      "There is a problem with the information you entered.",
    );
    expect(body.details?.map((d) => d.field)).toEqual(
      expect.arrayContaining(["title", "level", "outcomes.0", "listPriceExVatPence", "cpdPoints"]),
    );
    await refused(
      "POST",
      "/api/authoring/courses",
      courseInput({ programmeId: randomUUID() }),
      400,
      "Select a programme from the list",
    );
    await refused("POST", "/api/authoring/courses", courseInput(), 401, SIGN_IN, null);
    await refused("POST", "/api/authoring/courses", courseInput(), 403, NOT_EDITOR, learner);
    const course = await createCourse();
    await refused("PUT", `/api/authoring/courses/${course.id}`, courseInput(), 403, NOT_EDITOR, learner);
    await refused(
      "PUT",
      `/api/authoring/courses/${course.id}`,
      { title: "Only this" },
      400,
      /There is a problem/,
    );
    await refused(
      "PUT",
      `/api/authoring/courses/${randomUUID()}`,
      courseInput(),
      404,
      /course could not be found/,
    );
  });

  it("gives the editor the whole course, and refuses others", async () => {
    const { course, article, quiz } = await completeCourse();
    const tree = await ok<AuthoringCourse>("GET", `/api/authoring/courses/${course.id}`);
    expect(tree.modules[0]?.steps.map((s) => [s.id, s.position, s.kind, s.problems])).toEqual([
      [article.id, 1, "article", []],
      [quiz.id, 2, "quiz", []],
    ]);
    expect(tree.publishProblems).toEqual([]);
    await refused("GET", `/api/authoring/courses/${course.id}`, undefined, 401, SIGN_IN, null);
    await refused("GET", `/api/authoring/courses/${course.id}`, undefined, 403, NOT_EDITOR, learner);
    await refused(
      "GET",
      `/api/authoring/courses/${randomUUID()}`,
      undefined,
      404,
      /course could not be found/,
    );
    await refused("GET", "/api/authoring/courses/123", undefined, 400, /course id is not valid/);
  });
});

describe("publishing", () => {
  it("refuses to publish an incomplete course with 409, listing what to do, and changes nothing", async () => {
    const course = await createCourse();
    const module = lastModule(await addModule(course.id));
    await addStep(module.id, "video", "Watch the ward round");
    await addStep(module.id, "quiz", "Quick check");
    await addModule(course.id, "Empty module");
    const body = await refused(
      "POST",
      `/api/authoring/courses/${course.id}/publish`,
      undefined,
      409,
      /^This course is not ready to publish\. Module 1, step 1, "Watch the ward round": add the video/,
    );
    expect(body.error).toBe("course_incomplete");
    expect(body.details).toEqual([
      {
        message: 'Module 1, step 1, "Watch the ward round": add the video: a web address or an uploaded file',
      },
      { message: 'Module 1, step 2, "Quick check": add at least one question' },
      { message: 'Module 2, "Empty module": add at least one step, or delete the module' },
    ]);
  });

  it("publishes a complete course into the catalogue, unpublishes it and archives it, auditing each", async () => {
    const { course } = await completeCourse({ title: "Published then withdrawn" });
    const published = await ok<AuthoringCourse>("POST", `/api/authoring/courses/${course.id}/publish`);
    expect(published.status).toBe("published");
    expect(published.publishedAt).not.toBeNull();
    expect((await call("GET", `/api/courses/${course.id}`, undefined, null)).statusCode).toBe(200);
    // Publishing again changes nothing and records nothing.
    const before = await counts();
    expect((await ok<AuthoringCourse>("POST", `/api/authoring/courses/${course.id}/publish`)).status).toBe(
      "published",
    );
    expect(await counts()).toEqual(before);

    expect((await ok<AuthoringCourse>("POST", `/api/authoring/courses/${course.id}/unpublish`)).status).toBe(
      "draft",
    );
    expect((await call("GET", `/api/courses/${course.id}`, undefined, null)).statusCode).toBe(404);
    expect((await ok<AuthoringCourse>("POST", `/api/authoring/courses/${course.id}/archive`)).status).toBe(
      "archived",
    );
    for (const action of ["published", "unpublished", "archived"]) {
      expect((await auditFor(ctx, `authoring.course_${action}`)).map((e) => e.subjectId)).toContain(
        course.id,
      );
    }
  });

  it("lets a course with enrolled learners be unpublished: it leaves the catalogue and they stay enrolled", async () => {
    const { course, article } = await completeCourse();
    await ok("POST", `/api/authoring/courses/${course.id}/publish`);
    const { enrolmentId, user } = await enrolLearner(course.id);
    const unpublished = await ok<AuthoringCourse>("POST", `/api/authoring/courses/${course.id}/unpublish`);
    expect(unpublished).toMatchObject({ status: "draft", enrolmentCount: 1 });
    expect((await call("GET", `/api/courses/${course.id}`, undefined, null)).statusCode).toBe(404);
    const cookie = await signIn(ctx, user);
    const step = await call(
      "GET",
      `/api/learning/enrolments/${enrolmentId}/steps/${article.id}`,
      undefined,
      cookie,
    );
    expect(step.statusCode, step.body).toBe(200);
  });

  it("refuses signed-out people, learners and unknown courses", async () => {
    const { course } = await completeCourse();
    for (const action of ["publish", "unpublish", "archive"]) {
      await refused("POST", `/api/authoring/courses/${course.id}/${action}`, undefined, 401, SIGN_IN, null);
      await refused(
        "POST",
        `/api/authoring/courses/${course.id}/${action}`,
        undefined,
        403,
        NOT_EDITOR,
        learner,
      );
      await refused(
        "POST",
        `/api/authoring/courses/${randomUUID()}/${action}`,
        undefined,
        404,
        /could not be found/,
      );
    }
  });
});

describe("deleting a course", () => {
  it("deletes a draft nobody is enrolled on, with its modules and steps", async () => {
    const { course } = await completeCourse();
    const response = await call("DELETE", `/api/authoring/courses/${course.id}`);
    expect(response.statusCode).toBe(204);
    expect((await call("GET", `/api/authoring/courses/${course.id}`)).statusCode).toBe(404);
    expect((await auditFor(ctx, "authoring.course_deleted")).map((e) => e.subjectId)).toContain(course.id);
  });

  it("refuses a course with enrolments (archive instead) and a published one, writing nothing", async () => {
    const { course } = await completeCourse();
    await enrol(course.id);
    await enrol(course.id);
    await refused(
      "DELETE",
      `/api/authoring/courses/${course.id}`,
      undefined,
      409,
      "2 learners are enrolled on this course, so it cannot be deleted. Archive it instead: it leaves the catalogue and learners keep their records.",
    );
    const other = await completeCourse();
    await ok("POST", `/api/authoring/courses/${other.course.id}/publish`);
    await refused(
      "DELETE",
      `/api/authoring/courses/${other.course.id}`,
      undefined,
      409,
      /Unpublish it before deleting/,
    );
    await refused("DELETE", `/api/authoring/courses/${other.course.id}`, undefined, 401, SIGN_IN, null);
    await refused("DELETE", `/api/authoring/courses/${other.course.id}`, undefined, 403, NOT_EDITOR, learner);
  });
});

describe("modules", () => {
  it("adds modules in order, renames one, reorders them, and audits each change", async () => {
    const course = await createCourse();
    await addModule(course.id, "First");
    await addModule(course.id, "Second");
    const three = await addModule(course.id, "Third");
    expect(three.modules.map((m) => [m.title, m.position])).toEqual([
      ["First", 1],
      ["Second", 2],
      ["Third", 3],
    ]);
    const [first, second, third] = three.modules.map((m) => m.id);
    const renamed = await ok<AuthoringCourse>("PUT", `/api/authoring/modules/${second}`, {
      title: "Second, renamed",
      summary: "Now with a summary.",
    });
    expect(renamed.modules[1]).toMatchObject({ title: "Second, renamed", summary: "Now with a summary." });
    const reordered = await ok<AuthoringCourse>("PUT", `/api/authoring/courses/${course.id}/modules/order`, {
      ids: [third, first, second],
    });
    expect(reordered.modules.map((m) => [m.id, m.position])).toEqual([
      [third, 1],
      [first, 2],
      [second, 3],
    ]);
    for (const action of ["module_created", "module_updated", "modules_reordered"]) {
      expect((await auditFor(ctx, `authoring.${action}`)).length).toBeGreaterThan(0);
    }
  });

  it("refuses an order that is not exactly the course's modules (the page is out of date)", async () => {
    const course = await addModule((await createCourse()).id, "Only");
    const [only] = course.modules.map((m) => m.id);
    const url = `/api/authoring/courses/${course.id}/modules/order`;
    const stale = /The modules have changed since you opened this page/;
    await refused("PUT", url, { ids: [randomUUID()] }, 409, stale);
    await refused("PUT", url, { ids: [only, only] }, 409, stale);
    await refused("PUT", url, { ids: ["x"] }, 400, /id in the new order is not valid/);
    await refused("PUT", url, { ids: [only] }, 403, NOT_EDITOR, learner);
  });

  it("refuses bad module input and strangers, writing nothing", async () => {
    const course = await createCourse();
    const url = `/api/authoring/courses/${course.id}/modules`;
    await refused("POST", url, { title: "" }, 400, "Enter the module's title");
    await refused(
      "POST",
      url,
      { title: "x".repeat(201) },
      400,
      "Module's title must be 200 characters or fewer",
    );
    await refused("POST", url, { title: "A" }, 401, SIGN_IN, null);
    await refused("POST", url, { title: "A" }, 403, NOT_EDITOR, learner);
    await refused(
      "POST",
      `/api/authoring/courses/${randomUUID()}/modules`,
      { title: "A" },
      404,
      /course could not/,
    );
    await refused("PUT", `/api/authoring/modules/${randomUUID()}`, { title: "A" }, 404, /module could not/);
    const module = lastModule(await addModule(course.id));
    await refused(
      "PUT",
      `/api/authoring/modules/${module.id}`,
      { title: " " },
      400,
      "Enter the module's title",
    );
    await refused("PUT", `/api/authoring/modules/${module.id}/steps/order`, { ids: [] }, 400, /new order/);
    await refused("DELETE", `/api/authoring/modules/${randomUUID()}`, undefined, 404, /module could not/);
  });

  it("deletes a module nobody has started, renumbering the rest", async () => {
    const course = await createCourse();
    await addModule(course.id, "Keep");
    const two = await addModule(course.id, "Remove");
    await addStep(lastModule(two).id, "article");
    const three = await addModule(course.id, "Keep too");
    const after = await ok<AuthoringCourse>("DELETE", `/api/authoring/modules/${three.modules[1]?.id}`);
    expect(after.modules.map((m) => [m.title, m.position])).toEqual([
      ["Keep", 1],
      ["Keep too", 2],
    ]);
  });

  it("refuses to delete a module learners have started, with 409 and nothing written", async () => {
    const { course, module, article, quiz } = await completeCourse();
    await startStep(course.id, article.id);
    await answerQuiz(course.id, quiz.id);
    await refused(
      "DELETE",
      `/api/authoring/modules/${module.id}`,
      undefined,
      409,
      "2 learners have started this module, so it cannot be removed. Hide its steps by making them optional, or change their wording instead.",
    );
    await refused("DELETE", `/api/authoring/modules/${module.id}`, undefined, 403, NOT_EDITOR, learner);
  });

  it("refuses to delete the module holding every step of a published course", async () => {
    const { course, module } = await completeCourse();
    await ok("POST", `/api/authoring/courses/${course.id}/publish`);
    await refused(
      "DELETE",
      `/api/authoring/modules/${module.id}`,
      undefined,
      409,
      /holds every step of a published course/,
    );
  });
});

describe("steps", () => {
  it("adds a step of each kind at the end of a module; quizzes start with an 80% pass mark", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const kinds = ["article", "video", "download", "quiz"] as const;
    const steps: AuthoringStep[] = [];
    for (const kind of kinds) steps.push(await addStep(module.id, kind));
    expect(steps.map((s) => [s.kind, s.position, s.passMarkPercent])).toEqual([
      ["article", 1, null],
      ["video", 2, null],
      ["download", 3, null],
      ["quiz", 4, 80],
    ]);
    expect((await auditFor(ctx, "authoring.step_created")).length).toBeGreaterThanOrEqual(4);
  });

  it("refuses bad new steps and strangers, writing nothing", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const url = `/api/authoring/modules/${module.id}/steps`;
    await refused("POST", url, { kind: "webinar", title: "X" }, 400, "Select the kind of step");
    await refused("POST", url, { kind: "article", title: "" }, 400, "Enter the step's title");
    await refused("POST", url, { kind: "article", title: "X" }, 401, SIGN_IN, null);
    await refused("POST", url, { kind: "article", title: "X" }, 403, NOT_EDITOR, learner);
    await refused(
      "POST",
      `/api/authoring/modules/${randomUUID()}/steps`,
      { kind: "article", title: "X" },
      404,
      /module/,
    );
  });

  it("saves an article's text, time and whether it is required, and gives it back to the editor", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const step = await addStep(module.id, "article", "Untitled");
    const saved = await saveStep(step, {
      title: "Why measure?",
      body: "# Measure\n\nIt helps.",
      minutes: 12,
      required: false,
    });
    expect(saved).toMatchObject({
      title: "Why measure?",
      body: "# Measure\n\nIt helps.",
      minutes: 12,
      required: false,
    });
    expect(await ok<AuthoringStep>("GET", `/api/authoring/steps/${step.id}`)).toEqual(saved);
    const [event] = await auditFor(ctx, "authoring.step_updated");
    expect(event?.details).toMatchObject({ changed: ["title", "body", "minutes", "required"] });
    // The longest text allowed, in letters that take two bytes each, is more than the app's usual body limit.
    const long = "é\n".repeat(25_000);
    expect((await saveStep(saved, { body: long })).body).toBe(long);
    expect((await ok<{ html: string }>("POST", "/api/authoring/preview", { markdown: long })).html).toContain(
      "é",
    );
  });

  it("takes a video's https address or an uploaded video, and a download's uploaded file", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const video = await addStep(module.id, "video");
    expect((await saveStep(video, { videoUrl: "https://videos.example.org/ward-round.mp4" })).videoUrl).toBe(
      "https://videos.example.org/ward-round.mp4",
    );
    const mp4 = await uploadFile(
      "clip.mp4",
      Buffer.concat([
        Buffer.from([0, 0, 0, 0x18]),
        Buffer.from("ftypmp42"),
        Buffer.alloc(4),
        Buffer.from("mp42isom"),
        Buffer.alloc(64),
      ]),
    );
    const withFile = await saveStep(video, { videoUrl: null, fileId: mp4.id });
    expect(withFile.file).toMatchObject({
      id: mp4.id,
      contentType: "video/mp4",
      url: `/api/files/${mp4.id}`,
    });
    const download = await addStep(module.id, "download");
    const pdf = await uploadFile("checklist.pdf", Buffer.from("%PDF-1.4\n%%EOF\n"));
    expect((await saveStep(download, { fileId: pdf.id })).file?.filename).toBe("checklist.pdf");
  });

  it("refuses step fields that do not fit its kind, insecure addresses and missing or wrong files", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const article = await addStep(module.id, "article");
    const video = await addStep(module.id, "video");
    const url = (s: AuthoringStep) => `/api/authoring/steps/${s.id}`;
    await refused(
      "PUT",
      url(article),
      stepInput(article, { videoUrl: "https://example.org/v" }),
      400,
      "Only video steps have a video address",
    );
    await refused(
      "PUT",
      url(article),
      stepInput(article, { passMarkPercent: 50 }),
      400,
      "Only quizzes have a pass mark",
    );
    await refused(
      "PUT",
      url(video),
      stepInput(video, { videoUrl: "http://example.org/v" }),
      400,
      "Enter the video's web address, starting https://",
    );
    await refused(
      "PUT",
      url(video),
      stepInput(video, { videoUrl: "javascript:alert(1)" }),
      400,
      /starting https:\/\//,
    );
    await refused(
      "PUT",
      url(video),
      stepInput(video, { fileId: randomUUID() }),
      400,
      "The file could not be found. Upload it again.",
    );
    const png = await uploadFile(
      "still.png",
      Buffer.from(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c20000000049454e44ae426082",
        "hex",
      ),
    );
    await refused(
      "PUT",
      url(video),
      stepInput(video, { fileId: png.id }),
      400,
      '"still.png" is not a video. Upload an MP4 or WebM video.',
    );
    await refused(
      "PUT",
      url(article),
      stepInput(article, { minutes: 0 }),
      400,
      "A step takes at least 1 minute",
    );
    await refused(
      "PUT",
      url(article),
      stepInput(article, { body: "x".repeat(50_001) }),
      400,
      /50,000 characters or fewer/,
    );
    await refused("PUT", url(article), stepInput(article), 401, SIGN_IN, null);
    await refused("PUT", url(article), stepInput(article), 403, NOT_EDITOR, learner);
    await refused(
      "PUT",
      `/api/authoring/steps/${randomUUID()}`,
      stepInput(article),
      404,
      /step could not be found/,
    );
    await refused("GET", url(article), undefined, 403, NOT_EDITOR, learner);
    await refused("GET", `/api/authoring/steps/${randomUUID()}`, undefined, 404, /step could not be found/);
  });

  it("keeps a published course's steps ready for learners", async () => {
    const { course, article } = await completeCourse();
    await ok("POST", `/api/authoring/courses/${course.id}/publish`);
    await refused(
      "PUT",
      `/api/authoring/steps/${article.id}`,
      stepInput(article, { body: "  " }),
      409,
      /^This course is published, so the step must stay ready for learners: write the article's text\./,
    );
  });

  it("reorders a module's steps, and refuses an out-of-date order", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const a = await addStep(module.id, "article", "A");
    const b = await addStep(module.id, "article", "B");
    const tree = await ok<AuthoringCourse>("PUT", `/api/authoring/modules/${module.id}/steps/order`, {
      ids: [b.id, a.id],
    });
    expect(tree.modules[0]?.steps.map((s) => [s.title, s.position])).toEqual([
      ["B", 1],
      ["A", 2],
    ]);
    await refused(
      "PUT",
      `/api/authoring/modules/${module.id}/steps/order`,
      { ids: [a.id] },
      409,
      /The steps have changed/,
    );
    await refused(
      "PUT",
      `/api/authoring/modules/${module.id}/steps/order`,
      { ids: [a.id, b.id] },
      403,
      NOT_EDITOR,
      learner,
    );
  });

  it("deletes a step nobody has started, renumbering the rest, and audits it", async () => {
    const module = lastModule(await addModule((await createCourse()).id));
    const a = await addStep(module.id, "article", "A");
    await addStep(module.id, "article", "B");
    const tree = await ok<AuthoringCourse>("DELETE", `/api/authoring/steps/${a.id}`);
    expect(tree.modules[0]?.steps.map((s) => [s.title, s.position])).toEqual([["B", 1]]);
    expect((await auditFor(ctx, "authoring.step_deleted")).map((e) => e.subjectId)).toContain(a.id);
  });

  it("refuses to delete a step learners have started, saying how many and what to do instead", async () => {
    const { course, article } = await completeCourse();
    await startStep(course.id, article.id);
    await refused(
      "DELETE",
      `/api/authoring/steps/${article.id}`,
      undefined,
      409,
      "1 learner has started this step, so it cannot be removed. Hide it by making it optional, or change its wording instead.",
    );
    for (let n = 0; n < 11; n++) await startStep(course.id, article.id);
    await refused(
      "DELETE",
      `/api/authoring/steps/${article.id}`,
      undefined,
      409,
      "12 learners have started this step, so it cannot be removed. Hide it by making it optional, or change its wording instead.",
    );
    // What the message suggests works: the step can be made optional and reworded.
    const hidden = await saveStep(article, { required: false, title: "Why ward rounds matter (optional)" });
    expect(hidden).toMatchObject({ required: false, learnersStarted: 12 });
    await refused("DELETE", `/api/authoring/steps/${article.id}`, undefined, 401, SIGN_IN, null);
    await refused("DELETE", `/api/authoring/steps/${article.id}`, undefined, 403, NOT_EDITOR, learner);
  });

  it("refuses to delete the only step of a published course", async () => {
    const course = await createCourse();
    const module = lastModule(await addModule(course.id));
    const step = await saveStep(await addStep(module.id, "article"), { body: "Text" });
    await ok("POST", `/api/authoring/courses/${course.id}/publish`);
    await refused(
      "DELETE",
      `/api/authoring/steps/${step.id}`,
      undefined,
      409,
      /only step of a published course/,
    );
  });
});

describe("quizzes", () => {
  it("saves questions and options in one PUT, keeping their ids when edited again", async () => {
    const { quiz } = await completeCourse();
    expect(quiz.questions.map((q) => [q.position, q.kind, q.prompt, q.options.length])).toEqual([
      [1, "single", "What does PDSA stand for?", 2],
      [2, "multiple", "Which are measures?", 3],
    ]);
    const reordered = await saveStep(quiz, {
      passMarkPercent: 50,
      maxAttempts: 3,
      isFinal: true,
      questions: stepInput(quiz).questions?.reverse(),
    });
    expect(reordered).toMatchObject({ passMarkPercent: 50, maxAttempts: 3, isFinal: true });
    expect(reordered.questions.map((q) => q.id)).toEqual([quiz.questions[1]?.id, quiz.questions[0]?.id]);
  });

  it("refuses questions without exactly one correct single answer, or with no correct multiple answer", async () => {
    const { quiz } = await completeCourse();
    const url = `/api/authoring/steps/${quiz.id}`;
    const twoRight: QuizQuestionInput = {
      kind: "single",
      prompt: "Pick one",
      options: [
        { text: "A", correct: true, feedback: "" },
        { text: "B", correct: true, feedback: "" },
      ],
    };
    const body = await refused(
      "PUT",
      url,
      stepInput(quiz, { questions: [twoRight] }),
      400,
      'Mark exactly one answer as correct, or choose "One or more answers are correct"',
    );
    expect(body.details?.[0]?.field).toBe("questions.0.options");
    await refused(
      "PUT",
      url,
      stepInput(quiz, {
        questions: [
          { ...twoRight, kind: "multiple", options: twoRight.options.map((o) => ({ ...o, correct: false })) },
        ],
      }),
      400,
      "Mark at least one answer as correct",
    );
    await refused(
      "PUT",
      url,
      stepInput(quiz, {
        questions: [{ ...twoRight, options: [{ text: "Only", correct: true, feedback: "" }] }],
      }),
      400,
      "Give each question at least two answers",
    );
    await refused(
      "PUT",
      url,
      stepInput(quiz, {
        questions: [
          {
            ...twoRight,
            id: randomUUID(),
            options: twoRight.options.slice(0, 1).concat({ text: "B", correct: false, feedback: "" }),
          },
        ],
      }),
      400,
      /Question 1 is not one of this quiz's questions/,
    );
    await refused(
      "PUT",
      url,
      stepInput(quiz, { passMarkPercent: null }),
      400,
      "Enter the pass mark as a percentage, like 80",
    );
    await refused(
      "PUT",
      url,
      stepInput(quiz, { passMarkPercent: 101 }),
      400,
      "The pass mark must be between 0 and 100",
    );
  });

  it("lets only one quiz be the course's final assessment", async () => {
    const { module, quiz } = await completeCourse();
    await saveStep(quiz, { isFinal: true });
    const second = await saveStep(await addStep(module.id, "quiz", "Second quiz"), { questions: QUESTIONS });
    await refused(
      "PUT",
      `/api/authoring/steps/${second.id}`,
      stepInput(second, { isFinal: true }),
      400,
      '"Check your understanding" is already this course\'s final assessment. Untick it there first.',
    );
  });

  describe("once learners have answered", () => {
    async function answered() {
      const setup = await completeCourse();
      await answerQuiz(setup.course.id, setup.quiz.id);
      const quiz = await ok<AuthoringStep>("GET", `/api/authoring/steps/${setup.quiz.id}`);
      expect(quiz.learnersAnswered).toBe(1);
      return quiz;
    }
    const input = (quiz: AuthoringStep) => {
      const questions = stepInput(quiz).questions;
      if (!questions) throw new Error("no questions");
      return questions;
    };

    it("refuses removing a question, with 409 and nothing written", async () => {
      const quiz = await answered();
      await refused(
        "PUT",
        `/api/authoring/steps/${quiz.id}`,
        stepInput(quiz, { questions: input(quiz).slice(1) }),
        409,
        "1 learner has answered this quiz, so its questions cannot be removed. Change a question's wording instead, or add new questions.",
      );
    });

    it("refuses changing which answer is correct, or adding a correct answer to an old question", async () => {
      const quiz = await answered();
      const url = `/api/authoring/steps/${quiz.id}`;
      const [single, multiple] = input(quiz);
      if (!single || !multiple) throw new Error("two questions expected");
      const flipped = { ...single, options: single.options.map((o) => ({ ...o, correct: !o.correct })) };
      await refused(
        "PUT",
        url,
        stepInput(quiz, { questions: [flipped, multiple] }),
        409,
        /so which answers to question 1 are correct cannot change/,
      );
      const added = {
        ...multiple,
        options: [...multiple.options, { text: "Balancing", correct: true, feedback: "" }],
      };
      await refused(
        "PUT",
        url,
        stepInput(quiz, { questions: [single, added] }),
        409,
        /so which answers to question 2 are correct cannot change/,
      );
      const switched = {
        ...multiple,
        kind: "single" as const,
        options: multiple.options.map((o, i) => ({ ...o, correct: i === 0 })),
      };
      await refused(
        "PUT",
        url,
        stepInput(quiz, { questions: [single, switched] }),
        409,
        /question 2 cannot change between one and several correct answers/,
      );
    });

    it("refuses removing an answer from a question", async () => {
      const quiz = await answered();
      const [single, multiple] = input(quiz);
      if (!single || !multiple) throw new Error("two questions expected");
      await refused(
        "PUT",
        `/api/authoring/steps/${quiz.id}`,
        stepInput(quiz, { questions: [single, { ...multiple, options: multiple.options.slice(0, 2) }] }),
        409,
        "1 learner has answered this quiz, so answers cannot be removed from question 2. Change an answer's wording instead.",
      );
    });

    it("still allows rewording, reordering, new wrong answers and new questions", async () => {
      const quiz = await answered();
      const [single, multiple] = input(quiz);
      if (!single || !multiple) throw new Error("two questions expected");
      const saved = await saveStep(quiz, {
        passMarkPercent: 70,
        questions: [
          {
            ...multiple,
            prompt: "Which of these are kinds of measure?",
            options: [...multiple.options].reverse(),
          },
          {
            ...single,
            options: [
              ...single.options,
              { text: "Plan, decide, stop, ask", correct: false, feedback: "No." },
            ],
          },
          {
            kind: "single",
            prompt: "New question",
            options: [
              { text: "Yes", correct: true, feedback: "" },
              { text: "No", correct: false, feedback: "" },
            ],
          },
        ],
      });
      expect(saved.questions.map((q) => [q.prompt, q.options.length])).toEqual([
        ["Which of these are kinds of measure?", 3],
        ["What does PDSA stand for?", 3],
        ["New question", 2],
      ]);
      expect(saved.questions[0]?.id).toBe(multiple.id);
    });
  });
});

describe("every authoring endpoint", () => {
  it("refuses signed-out people with 401 and learners with 403, writing nothing", async () => {
    const { course, module, article } = await completeCourse();
    const endpoints: Array<[Method, string, unknown]> = [
      ["GET", "/api/authoring/programmes", undefined],
      ["POST", "/api/authoring/programmes", { title: "T", summary: "S", kind: "productive_series" }],
      [
        "PUT",
        `/api/authoring/programmes/${programmeId}`,
        { title: "T", summary: "S", kind: "productive_series" },
      ],
      ["GET", "/api/authoring/courses", undefined],
      ["POST", "/api/authoring/courses", courseInput()],
      ["GET", `/api/authoring/courses/${course.id}`, undefined],
      ["PUT", `/api/authoring/courses/${course.id}`, courseInput()],
      ["DELETE", `/api/authoring/courses/${course.id}`, undefined],
      ["POST", `/api/authoring/courses/${course.id}/publish`, undefined],
      ["POST", `/api/authoring/courses/${course.id}/unpublish`, undefined],
      ["POST", `/api/authoring/courses/${course.id}/archive`, undefined],
      ["POST", `/api/authoring/courses/${course.id}/modules`, { title: "M" }],
      ["PUT", `/api/authoring/courses/${course.id}/modules/order`, { ids: [module.id] }],
      ["PUT", `/api/authoring/modules/${module.id}`, { title: "M" }],
      ["DELETE", `/api/authoring/modules/${module.id}`, undefined],
      ["POST", `/api/authoring/modules/${module.id}/steps`, { kind: "article", title: "A" }],
      ["PUT", `/api/authoring/modules/${module.id}/steps/order`, { ids: [article.id] }],
      ["GET", `/api/authoring/steps/${article.id}`, undefined],
      ["PUT", `/api/authoring/steps/${article.id}`, stepInput(article)],
      ["DELETE", `/api/authoring/steps/${article.id}`, undefined],
      ["POST", "/api/authoring/preview", { markdown: "x" }],
    ];
    for (const [method, url, payload] of endpoints) {
      await refused(method, url, payload, 401, SIGN_IN, null);
      await refused(method, url, payload, 403, NOT_EDITOR, learner);
    }
  });
});

describe("POST /api/authoring/preview", () => {
  it("renders Markdown to the sanitised HTML learners see: no script, iframes or javascript: links", async () => {
    const { html } = await ok<{ html: string }>("POST", "/api/authoring/preview", {
      markdown:
        '# Run charts\n\n**Plot** the data.\n\n<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n[click](javascript:alert(1)) [ok](https://www.england.nhs.uk/)',
    });
    expect(html).toContain("<h2>Run charts</h2>"); // under the step title, the page's h1
    expect(html).toContain("<strong>Plot</strong>");
    expect(html).not.toMatch(/<script|<iframe|href="javascript:/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('<a href="https://www.england.nhs.uk/" rel="noopener noreferrer">ok</a>');
  });

  it("refuses signed-out people, learners and text that is too long", async () => {
    await refused("POST", "/api/authoring/preview", { markdown: "x" }, 401, SIGN_IN, null);
    await refused("POST", "/api/authoring/preview", { markdown: "x" }, 403, NOT_EDITOR, learner);
    await refused(
      "POST",
      "/api/authoring/preview",
      { markdown: "x".repeat(50_001) },
      400,
      /50,000 characters or fewer/,
    );
    await refused("POST", "/api/authoring/preview", {}, 400, "Send the Markdown to preview");
  });
});

/** Uploads a file as an editor through the files API. */
async function uploadFile(filename: string, bytes: Buffer): Promise<StoredFile> {
  const boundary = `----qia${randomUUID()}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/authoring/files",
    headers: { cookie: editor, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as StoredFile;
}
