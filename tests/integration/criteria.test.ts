import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAssessmentCriteria } from "../../src/server/modules/portfolios/portfolios.seed.js";
import type { CriteriaTree, PortfolioView } from "../../src/shared/portfolios.js";
import {
  auditFor,
  buildAdmin,
  buildEditor,
  buildEnrolment,
  buildUser,
  signIn,
  tableCounts,
} from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let editor: string;
let admin: string;
let learner: string;
let assessor: string;
let verifier: string;
/** A practitioner course with no criteria (the seed's were cleared), built up by these tests. */
let courseId: string;
/** A seeded facilitator course with the seed's criteria. */
let seededCourseId: string;
/** A foundation course: not assessed by portfolio. */
let foundationId: string;

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  ctx = await createTestApp();
  // 15 courses the first time; 0 if the test app already seeded them.
  await seedAssessmentCriteria(ctx.database.db);
  editor = await signIn(ctx, await buildEditor(ctx));
  admin = await signIn(ctx, await buildAdmin(ctx));
  learner = await signIn(ctx, await buildUser(ctx));
  assessor = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "assessor"] }));
  verifier = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "internal_verifier"] }));
  courseId = await courseIdBySlug(ctx, "productive-operating-theatre-practitioner");
  await ctx.database.rawQuery("delete from assessment_units where course_id = $1", [courseId]);
  seededCourseId = await courseIdBySlug(ctx, "productive-ward-facilitator");
  foundationId = await courseIdBySlug(ctx, "productive-ward-foundation");
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (method: Method, url: string, cookie?: string, payload?: unknown) =>
  ctx.app.inject({
    method,
    url,
    headers: cookie ? { cookie } : {},
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

async function tree(id = courseId, cookie = editor): Promise<CriteriaTree> {
  const response = await call("GET", `/api/authoring/courses/${id}/criteria`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as CriteriaTree;
}

/** Row counts of the criteria tables and the shared ones a refused request must not touch. */
async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from assessment_units) as units,
            (select count(*)::int from learning_outcomes) as outcomes,
            (select count(*)::int from assessment_criteria) as criteria,
            (select coalesce(string_agg(code || ':' || statement || ':' || position, '|' order by id), '')
               from assessment_criteria) as criteria_state,
            (select coalesce(string_agg(title || ':' || position, '|' order by id), '') from assessment_units)
              as unit_state`,
  )) as Array<Record<string, number | string>>;
  return { ...(await tableCounts(ctx)), ...row };
}

async function expectRefused(request: () => ReturnType<typeof call>, status: number, message?: RegExp) {
  const before = await counts();
  const response = await request();
  expect(response.statusCode, response.body).toBe(status);
  if (message) expect((response.json() as { message: string }).message).toMatch(message);
  expect(await counts()).toEqual(before);
  return response;
}

async function addUnit(title: string, summary = ""): Promise<CriteriaTree> {
  const response = await call("POST", `/api/authoring/courses/${courseId}/criteria/units`, editor, {
    title,
    summary,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CriteriaTree;
}

async function addOutcome(unitId: string, title: string): Promise<CriteriaTree> {
  const response = await call("POST", `/api/authoring/assessment-units/${unitId}/outcomes`, editor, {
    title,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CriteriaTree;
}

async function addCriterion(outcomeId: string, code: string, statement: string): Promise<CriteriaTree> {
  const response = await call("POST", `/api/authoring/learning-outcomes/${outcomeId}/criteria`, editor, {
    code,
    statement,
    learnerGuidance: "Attach a photograph of your board.",
    assessorGuidance: "Look for the learner's own part.",
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CriteriaTree;
}

describe("the seeded criteria", () => {
  it("give every practitioner, facilitator and programme manager course 2–3 units of 1–3 outcomes of 1–3 criteria", async () => {
    const rows = (await ctx.database.rawQuery(
      `select c.slug, c.level::text as level, count(distinct u.id)::int as units
         from courses c left join assessment_units u on u.course_id = c.id
        where c.level in ('practitioner', 'facilitator', 'programme_manager') and c.id <> $1
        group by c.slug, c.level`,
      [courseId],
    )) as Array<{ slug: string; units: number }>;
    expect(rows).toHaveLength(14);
    for (const row of rows) expect(row.units, row.slug).toBeGreaterThanOrEqual(2);
    const seeded = await tree(seededCourseId);
    for (const unit of seeded.units) {
      expect(unit.outcomes.length).toBeGreaterThanOrEqual(1);
      expect(unit.outcomes.length).toBeLessThanOrEqual(3);
      for (const outcome of unit.outcomes) {
        expect(outcome.criteria.length).toBeGreaterThanOrEqual(1);
        expect(outcome.criteria.length).toBeLessThanOrEqual(3);
      }
    }
    expect(seeded.units[0]?.outcomes[0]?.criteria[0]).toMatchObject({
      code: "1.1",
      statement: expect.stringMatching(/coached at least two teams through a foundation module/),
      learnerGuidance: expect.any(String),
      assessorGuidance: expect.any(String),
    });
    const codes = seeded.units.flatMap((u) => u.outcomes.flatMap((o) => o.criteria.map((c) => c.code)));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("runs once: a second run changes nothing, even for a course whose criteria were all deleted", async () => {
    const before = await counts();
    expect(await seedAssessmentCriteria(ctx.database.db)).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it("does not touch courses below practitioner level", async () => {
    const [row] = (await ctx.database.rawQuery(
      `select count(*)::int as n from assessment_units u join courses c on c.id = u.course_id
        where c.level not in ('practitioner', 'facilitator', 'programme_manager')`,
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(0);
  });
});

describe("reading the tree", () => {
  it("is for content editors and platform administrators", async () => {
    expect((await tree(seededCourseId, admin)).course).toMatchObject({
      id: seededCourseId,
      level: "facilitator",
      programmeTitle: "The Productive Ward",
    });
    expect((await call("GET", `/api/authoring/courses/${seededCourseId}/criteria`)).statusCode).toBe(401);
    for (const cookie of [learner, assessor, verifier]) {
      const response = await call("GET", `/api/authoring/courses/${seededCourseId}/criteria`, cookie);
      expect(response.statusCode, response.body).toBe(403);
    }
  });

  it("refuses a course not assessed by portfolio with 422, and unknown or bad ids", async () => {
    const response = await call("GET", `/api/authoring/courses/${foundationId}/criteria`, editor);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      error: "not_assessed_by_portfolio",
      message: expect.stringMatching(/Foundation course, which is not assessed by portfolio/),
    });
    expect((await call("GET", `/api/authoring/courses/${UNKNOWN_ID}/criteria`, editor)).statusCode).toBe(404);
    expect((await call("GET", "/api/authoring/courses/nope/criteria", editor)).statusCode).toBe(400);
  });
});

describe("building criteria", () => {
  it("adds units, outcomes and criteria in order, audited", async () => {
    let current = await addUnit("Implementing the programme", "What you did with your team.");
    current = await addUnit("Measuring the effect");
    const [first, second] = current.units;
    expect(first).toMatchObject({ position: 1, title: "Implementing the programme", outcomes: [] });
    expect(second).toMatchObject({ position: 2, title: "Measuring the effect", summary: "" });
    current = await addOutcome(first?.id ?? "", "Be able to implement a module");
    current = await addOutcome(first?.id ?? "", "Be able to engage colleagues");
    const outcome = current.units[0]?.outcomes[0];
    current = await addCriterion(outcome?.id ?? "", "1.1", "Describe how you implemented a module.");
    current = await addCriterion(outcome?.id ?? "", "1.2", "Show how you used the tools.");
    expect(current.criteriaCount).toBe(2);
    expect(current.units[0]?.outcomes[0]?.criteria).toMatchObject([
      {
        position: 1,
        code: "1.1",
        learnersWithEvidence: 0,
        learnerGuidance: "Attach a photograph of your board.",
      },
      { position: 2, code: "1.2", assessorGuidance: "Look for the learner's own part." },
    ]);
    const [audit] = await auditFor(ctx, "portfolios.criterion_created");
    expect(audit).toMatchObject({ subjectType: "assessment_criterion", details: { courseId, code: "1.2" } });
    expect(await auditFor(ctx, "portfolios.unit_created")).toHaveLength(2);
    expect(await auditFor(ctx, "portfolios.outcome_created")).toHaveLength(2);
  });

  it("refuses bad input with 400 per field, a reference used twice, and writes nothing", async () => {
    const current = await tree();
    const outcomeId = current.units[0]?.outcomes[0]?.id ?? "";
    const response = await expectRefused(
      () =>
        call("POST", `/api/authoring/learning-outcomes/${outcomeId}/criteria`, editor, {
          code: "one point two",
          statement: " ",
          extra: true,
        }),
      400,
    );
    const fields = (response.json() as { details: Array<{ field: string }> }).details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(["code", "statement", "extra"]));
    await expectRefused(
      () =>
        call("POST", `/api/authoring/learning-outcomes/${outcomeId}/criteria`, editor, {
          code: "1.1",
          statement: "Another",
        }),
      400,
      /already 1\.1/,
    );
    await expectRefused(
      () =>
        call("POST", `/api/authoring/courses/${courseId}/criteria/units`, editor, { title: "x".repeat(201) }),
      400,
      /200 characters or fewer/,
    );
    await expectRefused(
      () => call("POST", `/api/authoring/assessment-units/${UNKNOWN_ID}/outcomes`, editor, { title: "A" }),
      404,
    );
    await expectRefused(
      () => call("POST", `/api/authoring/courses/${foundationId}/criteria/units`, editor, { title: "A" }),
      422,
      /not assessed by portfolio/,
    );
  });

  it("refuses every write from people who are not editors, and signed-out people", async () => {
    const current = await tree();
    const unit = current.units[0];
    const outcome = unit?.outcomes[0];
    const criterion = outcome?.criteria[0];
    const writes: Array<[Method, string, unknown]> = [
      ["POST", `/api/authoring/courses/${courseId}/criteria/units`, { title: "U" }],
      [
        "PUT",
        `/api/authoring/courses/${courseId}/criteria/units/order`,
        { ids: current.units.map((u) => u.id) },
      ],
      ["PUT", `/api/authoring/assessment-units/${unit?.id}`, { title: "U" }],
      ["DELETE", `/api/authoring/assessment-units/${unit?.id}`, undefined],
      ["POST", `/api/authoring/assessment-units/${unit?.id}/outcomes`, { title: "O" }],
      [
        "PUT",
        `/api/authoring/assessment-units/${unit?.id}/outcomes/order`,
        { ids: unit?.outcomes.map((o) => o.id) },
      ],
      ["PUT", `/api/authoring/learning-outcomes/${outcome?.id}`, { title: "O" }],
      ["DELETE", `/api/authoring/learning-outcomes/${outcome?.id}`, undefined],
      ["POST", `/api/authoring/learning-outcomes/${outcome?.id}/criteria`, { code: "9.9", statement: "S" }],
      [
        "PUT",
        `/api/authoring/learning-outcomes/${outcome?.id}/criteria/order`,
        { ids: outcome?.criteria.map((c) => c.id) },
      ],
      ["PUT", `/api/authoring/assessment-criteria/${criterion?.id}`, { code: "1.1", statement: "S" }],
      ["DELETE", `/api/authoring/assessment-criteria/${criterion?.id}`, undefined],
    ];
    for (const [method, url, body] of writes) {
      for (const cookie of [learner, assessor, verifier]) {
        await expectRefused(
          () => call(method, url, cookie, body),
          403,
          /content editors and platform administrators/,
        );
      }
      await expectRefused(() => call(method, url, undefined, body), 401);
    }
  });

  it("edits each node, keeping a reference unique", async () => {
    let current = await tree();
    const unit = current.units[0];
    const outcome = unit?.outcomes[0];
    const criterion = outcome?.criteria[1];
    let response = await call("PUT", `/api/authoring/assessment-units/${unit?.id}`, admin, {
      title: "Implementing the programme in your theatre",
      summary: "Your part in it.",
    });
    expect(response.statusCode, response.body).toBe(200);
    response = await call("PUT", `/api/authoring/learning-outcomes/${outcome?.id}`, editor, {
      title: "Be able to implement a module of the programme",
    });
    expect(response.statusCode, response.body).toBe(200);
    await expectRefused(
      () =>
        call("PUT", `/api/authoring/assessment-criteria/${criterion?.id}`, editor, {
          code: "1.1",
          statement: "Clash",
        }),
      400,
      /already 1\.1/,
    );
    response = await call("PUT", `/api/authoring/assessment-criteria/${criterion?.id}`, editor, {
      code: "1.2a",
      statement: "Show how you used the programme's tools.",
      learnerGuidance: "",
      assessorGuidance: "Evidence should show a change in practice.",
    });
    expect(response.statusCode, response.body).toBe(200);
    current = response.json() as CriteriaTree;
    expect(current.units[0]).toMatchObject({
      title: "Implementing the programme in your theatre",
      summary: "Your part in it.",
    });
    expect(current.units[0]?.outcomes[0]?.title).toBe("Be able to implement a module of the programme");
    expect(current.units[0]?.outcomes[0]?.criteria[1]).toMatchObject({
      code: "1.2a",
      learnerGuidance: "",
      assessorGuidance: "Evidence should show a change in practice.",
    });
    expect(await auditFor(ctx, "portfolios.criterion_updated")).toHaveLength(1);
  });

  it("reorders units, outcomes and criteria, refusing a list that is not exactly the current one (409)", async () => {
    let current = await tree();
    const unitIds = current.units.map((u) => u.id).reverse();
    let response = await call("PUT", `/api/authoring/courses/${courseId}/criteria/units/order`, editor, {
      ids: unitIds,
    });
    expect(response.statusCode, response.body).toBe(200);
    current = response.json() as CriteriaTree;
    expect(current.units.map((u) => u.title)).toEqual([
      "Measuring the effect",
      "Implementing the programme in your theatre",
    ]);
    const unit = current.units[1];
    response = await call("PUT", `/api/authoring/assessment-units/${unit?.id}/outcomes/order`, editor, {
      ids: unit?.outcomes.map((o) => o.id).reverse(),
    });
    expect(response.statusCode, response.body).toBe(200);
    current = response.json() as CriteriaTree;
    expect(current.units[1]?.outcomes.map((o) => o.title)).toEqual([
      "Be able to engage colleagues",
      "Be able to implement a module of the programme",
    ]);
    const outcome = current.units[1]?.outcomes[1];
    response = await call("PUT", `/api/authoring/learning-outcomes/${outcome?.id}/criteria/order`, editor, {
      ids: outcome?.criteria.map((c) => c.id).reverse(),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((response.json() as CriteriaTree).units[1]?.outcomes[1]?.criteria.map((c) => c.code)).toEqual([
      "1.2a",
      "1.1",
    ]);
    await expectRefused(
      () =>
        call("PUT", `/api/authoring/courses/${courseId}/criteria/units/order`, editor, { ids: [unitIds[0]] }),
      409,
      /changed since you opened this page/,
    );
    await expectRefused(
      () =>
        call("PUT", `/api/authoring/courses/${courseId}/criteria/units/order`, editor, {
          ids: [unitIds[0], unitIds[0]],
        }),
      409,
    );
    // Put them back for the tests below.
    await call("PUT", `/api/authoring/courses/${courseId}/criteria/units/order`, editor, {
      ids: [...unitIds].reverse(),
    });
  });
});

describe("deleting criteria", () => {
  it("removes a criterion nobody has used, renumbering the rest", async () => {
    let current = await tree();
    const outcomeId = current.units[0]?.outcomes.find((o) => o.criteria.length === 2)?.id ?? "";
    current = await addCriterion(outcomeId, "1.3", "A criterion to remove.");
    const extra = current.units[0]?.outcomes
      .find((o) => o.id === outcomeId)
      ?.criteria.find((c) => c.code === "1.3");
    const response = await call("DELETE", `/api/authoring/assessment-criteria/${extra?.id}`, editor);
    expect(response.statusCode, response.body).toBe(200);
    current = response.json() as CriteriaTree;
    expect(
      current.units[0]?.outcomes.find((o) => o.id === outcomeId)?.criteria.map((c) => c.position),
    ).toEqual([1, 2]);
    const [audit] = await auditFor(ctx, "portfolios.criterion_deleted");
    expect(audit?.details).toMatchObject({ code: "1.3", statement: "A criterion to remove." });
  });

  it("refuses with 409 when learners have mapped evidence to the criterion or anything under the node", async () => {
    const current = await tree();
    const unit = current.units[0];
    const outcome = unit?.outcomes.find((o) => o.criteria.length > 0);
    const criterion = outcome?.criteria[0];
    const enrolment = await buildEnrolment(ctx, { courseId });
    const cookie = await signIn(ctx, enrolment.user ?? { email: "", password: "" });
    const opened = await call("GET", `/api/enrolments/${enrolment.id}/portfolio`, cookie);
    const portfolio = opened.json() as PortfolioView;
    const added = await call("POST", `/api/enrolments/${enrolment.id}/portfolio/evidence`, cookie, {
      kind: "reflection",
      revision: portfolio.revision,
      title: "Our well organised theatre",
      body: "We sorted the stock room.",
      criterionIds: [criterion?.id],
    });
    expect(added.statusCode, added.body).toBe(201);

    const after = await tree();
    expect(after.units[0]?.learnersWithEvidence).toBe(1);
    expect(after.units[0]?.outcomes.find((o) => o.id === outcome?.id)?.learnersWithEvidence).toBe(1);
    expect(
      after.units[0]?.outcomes.find((o) => o.id === outcome?.id)?.criteria[0]?.learnersWithEvidence,
    ).toBe(1);

    await expectRefused(
      () => call("DELETE", `/api/authoring/assessment-criteria/${criterion?.id}`, editor),
      409,
      new RegExp(`1 learner has mapped evidence to criterion ${criterion?.code}, so it cannot be deleted`),
    );
    await expectRefused(
      () => call("DELETE", `/api/authoring/learning-outcomes/${outcome?.id}`, editor),
      409,
      /1 learner has mapped evidence to criteria under this learning outcome/,
    );
    await expectRefused(
      () => call("DELETE", `/api/authoring/assessment-units/${unit?.id}`, admin),
      409,
      /1 learner has mapped evidence to criteria in this unit/,
    );
    // Wording can still change.
    const renamed = await call("PUT", `/api/authoring/assessment-criteria/${criterion?.id}`, editor, {
      code: criterion?.code,
      statement: "Describe how you implemented a module, and your part in it.",
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
  });

  it("removes an unused outcome and an unused unit with everything under them", async () => {
    let current = await tree();
    const emptyOutcome = current.units[0]?.outcomes.find((o) => o.learnersWithEvidence === 0);
    let response = await call("DELETE", `/api/authoring/learning-outcomes/${emptyOutcome?.id}`, editor);
    expect(response.statusCode, response.body).toBe(200);
    current = response.json() as CriteriaTree;
    expect(current.units[0]?.outcomes.map((o) => o.position)).toEqual([1]);
    const second = current.units[1];
    await addOutcome(second?.id ?? "", "Be able to use measures");
    current = await tree();
    await addCriterion(current.units[1]?.outcomes[0]?.id ?? "", "2.1", "Present a measure.");
    response = await call("DELETE", `/api/authoring/assessment-units/${second?.id}`, editor);
    expect(response.statusCode, response.body).toBe(200);
    current = response.json() as CriteriaTree;
    expect(current.units.map((u) => u.position)).toEqual([1]);
    const [audit] = await auditFor(ctx, "portfolios.unit_deleted");
    expect(audit?.details).toMatchObject({ title: "Measuring the effect", outcomes: 1, criteria: 1 });
    expect((await call("DELETE", `/api/authoring/assessment-units/${second?.id}`, editor)).statusCode).toBe(
      404,
    );
  });
});
