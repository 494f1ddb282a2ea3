import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseRuns, runFacilitators, runMembers } from "../../src/server/db/schema/index.js";
import { seedRunsDemo } from "../../src/server/modules/community/runs.seed.js";
import { seedSurveys, seedSurveysDemo } from "../../src/server/modules/surveys/surveys.seed.js";
import type { FacilitatedRun, Run, RunList, RunOverview } from "../../src/shared/runs.js";
import {
  buildFacilitator,
  buildRun,
  buildRunMember,
  MINI_COURSE_SLUG,
  membersOf,
} from "../support/community-fixtures.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  signIn,
  type TestUser,
  tableCounts,
} from "../support/factories.js";
import { addArticleStep, courseIdBySlug } from "../support/learning-fixtures.js";
import { runFormDates } from "../support/runs-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let miniCourseId: string;
let otherMiniCourseId: string;
let practitionerCourseId: string;
let facilitator: TestUser & { cookie: string };
let otherFacilitator: TestUser & { cookie: string };
let adminCookie = "";
let learner: TestUser;
let learnerCookie = "";

const UNKNOWN = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  ctx = await createTestApp();
  miniCourseId = await courseIdBySlug(ctx, MINI_COURSE_SLUG);
  otherMiniCourseId = await addArticleStep(ctx, "improvement-fundamentals-qi-theory");
  practitionerCourseId = (await buildEnrolment(ctx, { level: "practitioner" })).course.id;
  facilitator = await buildFacilitator(ctx);
  otherFacilitator = await buildFacilitator(ctx);
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
  learner = await buildUser(ctx, { givenName: "Lara", familyName: "Learner" });
  learnerCookie = await signIn(ctx, learner);
});

afterAll(async () => {
  await ctx?.close();
});

function call(
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  cookie: string | null,
  payload?: unknown,
) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

function runBody(overrides: Record<string, unknown> = {}) {
  return {
    courseId: miniCourseId,
    title: "March run",
    ...runFormDates(10),
    facilitatorIds: [],
    ...overrides,
  };
}

async function runCount() {
  return (await ctx.database.db.select({ id: courseRuns.id }).from(courseRuns)).length;
}

async function schedule(cookie: string, overrides: Record<string, unknown> = {}): Promise<FacilitatedRun> {
  const response = await call("POST", "/api/runs", cookie, runBody(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as FacilitatedRun;
}

describe("course runs: signed out", () => {
  it("answers 401 on every endpoint that needs a person, and lists runs publicly", async () => {
    const requests: Array<[Parameters<typeof call>[0], string, unknown?]> = [
      ["POST", "/api/runs", runBody()],
      ["PUT", `/api/runs/${UNKNOWN}`, { title: "x", ...runFormDates(3) }],
      ["DELETE", `/api/runs/${UNKNOWN}`],
      ["POST", `/api/runs/${UNKNOWN}/members`],
      ["GET", "/api/facilitate/runs"],
      ["GET", `/api/facilitate/runs/${UNKNOWN}`],
      ["GET", "/api/facilitate/run-options"],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
    }
    const run = await buildRun(ctx, { phase: "live", facilitatorIds: [facilitator.id], title: "Public run" });
    const list = await call("GET", `/api/runs?courseId=${miniCourseId}`, null);
    expect(list.statusCode, list.body).toBe(200);
    const item = (list.json() as RunList).runs.find((r) => r.id === run.id);
    expect(item).toMatchObject({
      title: "Public run",
      phase: "live",
      memberCount: 0,
      viewer: null,
      facilitators: [{ id: facilitator.id, name: "Femi Adeyemi" }],
    });
    const one = await call("GET", `/api/runs/${run.id}`, null);
    expect(one.statusCode).toBe(200);
    expect((one.json() as Run).id).toBe(run.id);
  });
});

describe("GET /api/runs", () => {
  it("orders by opening, leaves out ended runs unless asked, and shows the viewer's standing", async () => {
    const ended = await buildRun(ctx, { phase: "ended", title: "Ended run" });
    const live = await buildRun(ctx, { phase: "live", title: "Live run" });
    const member = await buildRunMember(ctx, live);
    const response = await call("GET", `/api/runs?courseId=${miniCourseId}`, member.cookie);
    const runs = (response.json() as RunList).runs;
    expect(runs.some((r) => r.id === ended.id)).toBe(false);
    const opens = runs.map((r) => r.opensAt);
    expect([...opens].sort()).toEqual(opens);
    expect(runs.find((r) => r.id === live.id)).toMatchObject({
      memberCount: 1,
      viewer: { isMember: true, isFacilitator: false, suspended: false },
    });
    const all = await call("GET", `/api/runs?courseId=${miniCourseId}&includeEnded=true`, null);
    expect((all.json() as RunList).runs.find((r) => r.id === ended.id)?.phase).toBe("ended");
  });

  it("answers 400 for a bad course id and 404 for an unknown run", async () => {
    expect((await call("GET", "/api/runs?courseId=nope", null)).statusCode).toBe(400);
    expect((await call("GET", "/api/runs", null)).statusCode).toBe(400);
    expect((await call("GET", `/api/runs/${UNKNOWN}`, null)).statusCode).toBe(404);
  });
});

describe("POST /api/runs (scheduling)", () => {
  it("lets a facilitator schedule a run of a mini-course, adding them, audited", async () => {
    const run = await schedule(facilitator.cookie, {
      title: "  Spring run  ",
      facilitatorIds: [otherFacilitator.id],
      ...runFormDates(30),
      opensAt: "2030-01-07T09:00",
      liveStartsAt: "2030-01-09T09:00",
      liveEndsAt: "2030-01-16T17:00",
      commentsCloseAt: "2030-01-30T17:00",
      catchUpUntil: "2030-07-01T17:00",
    });
    expect(run).toMatchObject({
      title: "Spring run",
      phase: "upcoming",
      canEdit: true,
      courseId: miniCourseId,
    });
    // UK time: 09:00 GMT in January; 17:00 BST in July is 16:00 UTC.
    expect(run.opensAt).toBe("2030-01-07T09:00:00.000Z");
    expect(run.catchUpUntil).toBe("2030-07-01T16:00:00.000Z");
    expect(run.facilitators.map((f) => f.id).sort()).toEqual([facilitator.id, otherFacilitator.id].sort());
    const [audit] = await auditFor(ctx, "run.created");
    expect(audit).toMatchObject({ actorUserId: facilitator.id, subjectId: run.id });
  });

  it("lets an administrator schedule a run with no facilitators of their own", async () => {
    const run = await schedule(adminCookie, { facilitatorIds: [facilitator.id] });
    expect(run.facilitators.map((f) => f.id)).toEqual([facilitator.id]);
    expect(run.canEdit).toBe(true);
  });

  it("refuses learners (403) and writes nothing", async () => {
    const before = await runCount();
    const response = await call("POST", "/api/runs", learnerCookie, runBody());
    expect(response.statusCode).toBe(403);
    expect(await runCount()).toBe(before);
  });

  it("refuses dates out of order with a field error on the later date, and writes nothing", async () => {
    const before = { runs: await runCount(), audit: (await tableCounts(ctx)).audit };
    const dates = runFormDates(10);
    const response = await call(
      "POST",
      "/api/runs",
      facilitator.cookie,
      runBody({ liveEndsAt: dates.liveStartsAt, catchUpUntil: dates.opensAt }),
    );
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as { details: Array<{ field: string }> }).details.map((d) => d.field);
    expect(fields).toEqual(["liveEndsAt", "catchUpUntil"]);
    expect(await runCount()).toBe(before.runs);
    expect((await tableCounts(ctx)).audit).toBe(before.audit);
  });

  it("refuses unreal dates, a blank title, and people without the facilitator role (400), writing nothing", async () => {
    const before = await runCount();
    for (const body of [
      runBody({ opensAt: "2030-02-30T09:00" }),
      runBody({ opensAt: "2030-02-01 09:00" }),
      runBody({ title: "   " }),
      runBody({ facilitatorIds: [learner.id] }),
      runBody({ surprise: true }),
    ]) {
      const response = await call("POST", "/api/runs", facilitator.cookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await runCount()).toBe(before);
  });

  it("refuses a course that is not a mini-course (422) and an unknown course (404)", async () => {
    const before = await runCount();
    const wrong = await call(
      "POST",
      "/api/runs",
      facilitator.cookie,
      runBody({ courseId: practitionerCourseId }),
    );
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json()).toMatchObject({ message: expect.stringContaining("only for mini-courses") });
    const unknown = await call("POST", "/api/runs", facilitator.cookie, runBody({ courseId: UNKNOWN }));
    expect(unknown.statusCode).toBe(404);
    expect(await runCount()).toBe(before);
  });
});

describe("PUT and DELETE /api/runs/:runId", () => {
  it("lets the run's facilitator change it (audited) but not another facilitator (403)", async () => {
    const run = await schedule(facilitator.cookie);
    const changed = await call("PUT", `/api/runs/${run.id}`, facilitator.cookie, {
      title: "Renamed run",
      ...runFormDates(12),
      facilitatorIds: [facilitator.id, otherFacilitator.id],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((changed.json() as FacilitatedRun).title).toBe("Renamed run");
    const [audit] = await auditFor(ctx, "run.updated");
    expect(audit?.subjectId).toBe(run.id);
    expect((audit?.details as { changed?: string[] } | undefined)?.changed).toEqual(
      expect.arrayContaining(["title", "opensAt", "facilitatorIds"]),
    );

    const stranger = await buildFacilitator(ctx);
    const refused = await call("PUT", `/api/runs/${run.id}`, stranger.cookie, {
      title: "Hijacked",
      ...runFormDates(12),
    });
    expect(refused.statusCode).toBe(403);
    expect((await call("DELETE", `/api/runs/${run.id}`, stranger.cookie)).statusCode).toBe(403);
    const [row] = await ctx.database.db.select().from(courseRuns).where(eq(courseRuns.id, run.id));
    expect(row?.title).toBe("Renamed run");
  });

  it("refuses dates out of order on change (400) leaving the run as it was; 404 for an unknown run", async () => {
    const run = await schedule(facilitator.cookie, { title: "Keep me" });
    const dates = runFormDates(12);
    const response = await call("PUT", `/api/runs/${run.id}`, facilitator.cookie, {
      title: "Changed",
      ...dates,
      liveStartsAt: dates.liveEndsAt,
    });
    expect(response.statusCode).toBe(400);
    const [row] = await ctx.database.db.select().from(courseRuns).where(eq(courseRuns.id, run.id));
    expect(row?.title).toBe("Keep me");
    expect(
      (await call("PUT", `/api/runs/${UNKNOWN}`, adminCookie, { title: "x", ...runFormDates(3) })).statusCode,
    ).toBe(404);
    expect((await call("DELETE", `/api/runs/${UNKNOWN}`, adminCookie)).statusCode).toBe(404);
  });

  it("deletes a run with no members (audited) and refuses one with members (409)", async () => {
    const empty = await schedule(facilitator.cookie);
    const deleted = await call("DELETE", `/api/runs/${empty.id}`, facilitator.cookie);
    expect(deleted.statusCode).toBe(204);
    expect(await ctx.database.db.select().from(courseRuns).where(eq(courseRuns.id, empty.id))).toEqual([]);
    expect((await auditFor(ctx, "run.deleted"))[0]?.subjectId).toBe(empty.id);

    const busy = await buildRun(ctx, { phase: "live", facilitatorIds: [facilitator.id] });
    await buildRunMember(ctx, busy);
    const refused = await call("DELETE", `/api/runs/${busy.id}`, adminCookie);
    expect(refused.statusCode).toBe(409);
    expect(await ctx.database.db.select().from(courseRuns).where(eq(courseRuns.id, busy.id))).toHaveLength(1);
  });
});

describe("POST /api/runs/:runId/members (joining and moving)", () => {
  it("refuses a learner who is not enrolled (403) and writes nothing", async () => {
    const run = await buildRun(ctx, { phase: "live" });
    const response = await call("POST", `/api/runs/${run.id}/members`, learnerCookie);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ message: expect.stringContaining("Enrol on the course first") });
    expect(await membersOf(ctx, run.id)).toEqual([]);
  });

  it("joins, repeats harmlessly, and moves to another run (audited)", async () => {
    const first = await buildRun(ctx, { phase: "live", title: "First" });
    const second = await buildRun(ctx, { phase: "upcoming", title: "Second" });
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    await buildEnrolment(ctx, { userId: user.id, courseId: miniCourseId });
    await ctx.database.db.delete(runMembers).where(eq(runMembers.userId, user.id));

    const joined = await call("POST", `/api/runs/${first.id}/members`, cookie);
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({
      run: { id: first.id, memberCount: 1, viewer: { isMember: true } },
      movedFromRunId: null,
    });
    const again = await call("POST", `/api/runs/${first.id}/members`, cookie);
    expect(again.statusCode).toBe(200);
    expect(await membersOf(ctx, first.id)).toHaveLength(1);

    const moved = await call("POST", `/api/runs/${second.id}/members`, cookie);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ run: { id: second.id }, movedFromRunId: first.id });
    expect(await membersOf(ctx, first.id)).toEqual([]);
    expect(await membersOf(ctx, second.id)).toHaveLength(1);
    const [audit] = await auditFor(ctx, "run.member_moved");
    expect(audit).toMatchObject({ actorUserId: user.id, subjectId: second.id });
  });

  it("refuses to move a learner suspended in their current run (409), and joining an ended run (409)", async () => {
    const current = await buildRun(ctx, { phase: "live" });
    const member = await buildRunMember(ctx, current, { suspended: true });
    const other = await buildRun(ctx, { phase: "upcoming" });
    const refused = await call("POST", `/api/runs/${other.id}/members`, member.cookie);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ message: expect.stringContaining("suspended") });
    expect(await membersOf(ctx, current.id)).toHaveLength(1);
    expect(await membersOf(ctx, other.id)).toEqual([]);

    const ended = await buildRun(ctx, { phase: "ended" });
    const free = await buildRunMember(ctx, other);
    expect((await call("POST", `/api/runs/${ended.id}/members`, free.cookie)).statusCode).toBe(409);
    expect(await membersOf(ctx, ended.id)).toEqual([]);
  });

  it("answers 404 for an unknown run", async () => {
    expect((await call("POST", `/api/runs/${UNKNOWN}/members`, learnerCookie)).statusCode).toBe(404);
  });
});

describe("placement on enrolment", () => {
  it("places a learner who enrols on a mini-course in the most recently opened run open for comments", async () => {
    const newest = await schedule(adminCookie, { title: "Newest open", ...runFormDates(-0.01) });
    await buildRun(ctx, { phase: "live", title: "Older live" });
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const enrolled = await call("POST", "/api/enrolments", cookie, { courseId: miniCourseId });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const [place] = await ctx.database.db.select().from(runMembers).where(eq(runMembers.userId, user.id));
    expect(place).toMatchObject({ runId: newest.id, courseId: miniCourseId });
    expect(place?.enrolmentId).toBe((enrolled.json() as { enrolment: { id: string } }).enrolment.id);
    const list = await call("GET", `/api/runs?courseId=${miniCourseId}`, cookie);
    expect((list.json() as RunList).runs.find((r) => r.id === newest.id)?.viewer?.isMember).toBe(true);
  });

  it("places in the next run to open when none is open, and nowhere when there is none", async () => {
    const noRuns = await buildUser(ctx);
    const noRunsCookie = await signIn(ctx, noRuns);
    expect(
      (await call("POST", "/api/enrolments", noRunsCookie, { courseId: otherMiniCourseId })).statusCode,
    ).toBe(201);
    expect(await ctx.database.db.select().from(runMembers).where(eq(runMembers.userId, noRuns.id))).toEqual(
      [],
    );

    await buildRun(ctx, { courseId: otherMiniCourseId, phase: "ended" });
    const later = await schedule(adminCookie, { courseId: otherMiniCourseId, ...runFormDates(20) });
    const sooner = await schedule(adminCookie, { courseId: otherMiniCourseId, ...runFormDates(5) });
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    expect((await call("POST", "/api/enrolments", cookie, { courseId: otherMiniCourseId })).statusCode).toBe(
      201,
    );
    const [place] = await ctx.database.db.select().from(runMembers).where(eq(runMembers.userId, user.id));
    expect(place?.runId).toBe(sooner.id);
    expect(place?.runId).not.toBe(later.id);
  });

  it("does not place learners enrolling on other levels", async () => {
    const before = (await ctx.database.db.select().from(runMembers)).length;
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    await call("POST", "/api/enrolments", cookie, { courseId: practitionerCourseId });
    expect((await ctx.database.db.select().from(runMembers)).length).toBe(before);
  });
});

describe("the facilitator hub API", () => {
  it("lists a facilitator's own runs and every run for administrators; refuses learners", async () => {
    const mine = await buildRun(ctx, {
      phase: "live",
      facilitatorIds: [otherFacilitator.id],
      title: "Theirs",
    });
    const list = await call("GET", "/api/facilitate/runs", facilitator.cookie);
    expect(list.statusCode).toBe(200);
    const ids = (list.json() as { runs: FacilitatedRun[] }).runs.map((r) => r.id);
    expect(ids).not.toContain(mine.id);
    const theirs = await call("GET", "/api/facilitate/runs", otherFacilitator.cookie);
    expect((theirs.json() as { runs: FacilitatedRun[] }).runs.map((r) => r.id)).toContain(mine.id);
    const all = await call("GET", "/api/facilitate/runs", adminCookie);
    const adminRuns = (all.json() as { runs: FacilitatedRun[] }).runs;
    expect(adminRuns.map((r) => r.id)).toContain(mine.id);
    expect(adminRuns.every((r) => r.canEdit && r.courseTitle.length > 0)).toBe(true);
    expect((await call("GET", "/api/facilitate/runs", learnerCookie)).statusCode).toBe(403);
  });

  it("gives the run overview with members to its facilitators (audited), 403 to others, 404 unknown", async () => {
    const run = await buildRun(ctx, { phase: "live", facilitatorIds: [facilitator.id] });
    const member = await buildRunMember(ctx, run, { givenName: "Mina", familyName: "Member" });
    const response = await call("GET", `/api/facilitate/runs/${run.id}`, facilitator.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const overview = response.json() as RunOverview;
    expect(overview.members).toEqual([
      { userId: member.id, name: "Mina Member", joinedAt: expect.any(String), suspended: false },
    ]);
    expect(overview.canDelete).toBe(false);
    expect(overview.ukDates.opensAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const [audit] = await auditFor(ctx, "run.members_viewed");
    expect(audit).toMatchObject({ actorUserId: facilitator.id, subjectId: run.id });
    const audits = (await tableCounts(ctx)).audit;
    expect((await call("GET", `/api/facilitate/runs/${run.id}`, otherFacilitator.cookie)).statusCode).toBe(
      403,
    );
    expect((await call("GET", `/api/facilitate/runs/${run.id}`, member.cookie)).statusCode).toBe(403);
    expect((await tableCounts(ctx)).audit).toBe(audits);
    expect((await call("GET", `/api/facilitate/runs/${UNKNOWN}`, adminCookie)).statusCode).toBe(404);
  });

  it("offers mini-courses and people with the facilitator role on the run form", async () => {
    const response = await call("GET", "/api/facilitate/run-options", facilitator.cookie);
    expect(response.statusCode).toBe(200);
    const options = response.json() as {
      courses: Array<{ id: string }>;
      facilitators: Array<{ id: string }>;
    };
    expect(options.courses.map((c) => c.id)).toContain(miniCourseId);
    expect(options.courses.map((c) => c.id)).not.toContain(practitionerCourseId);
    expect(options.facilitators.map((f) => f.id)).toEqual(expect.arrayContaining([facilitator.id]));
    expect(options.facilitators.map((f) => f.id)).not.toContain(learner.id);
    expect((await call("GET", "/api/facilitate/run-options", learnerCookie)).statusCode).toBe(403);
    // The facilitators table is untouched by reads.
    expect(
      await ctx.database.db.select().from(runFacilitators).where(eq(runFacilitators.userId, learner.id)),
    ).toEqual([]);
  });
});

describe("the demo seed", () => {
  let seedCtx: TestContext;
  beforeAll(async () => {
    seedCtx = await createTestApp();
  });
  afterAll(async () => {
    await seedCtx?.close();
  });

  it("schedules a live run per mini-course and a past run, places the demo learner, and runs once", async () => {
    const facilitatorUser = await buildUser(seedCtx, {
      email: "facilitator@example.org",
      roles: ["learner", "facilitator"],
    });
    const demoLearner = await buildUser(seedCtx, { email: "learner@example.org" });
    const created = await seedRunsDemo(seedCtx.database.db);
    const runs = await seedCtx.database.db.select().from(courseRuns);
    expect(created).toBe(runs.length);
    const measures = await courseIdBySlug(seedCtx, MINI_COURSE_SLUG);
    const list = await seedCtx.app.inject({ method: "GET", url: `/api/runs?courseId=${measures}` });
    const live = (list.json() as RunList).runs.find((r) => r.phase === "live");
    expect(live?.facilitators.map((f) => f.id)).toEqual([facilitatorUser.id]);
    const members = await membersOf(seedCtx, live?.id ?? "");
    expect(members.map((m) => m.userId)).toContain(demoLearner.id);
    const ended = await seedCtx.app.inject({
      method: "GET",
      url: `/api/runs?courseId=${runs.find((r) => r.catchUpUntil < new Date())?.courseId}&includeEnded=true`,
    });
    expect((ended.json() as RunList).runs.some((r) => r.phase === "ended")).toBe(true);
    expect(await seedRunsDemo(seedCtx.database.db)).toBe(0);
    expect(await seedCtx.database.db.select().from(courseRuns)).toHaveLength(runs.length);

    // Colleagues in the live run answer the surveys, so the results pages show something; once only, and never for
    // the demo learner (who answers for themselves).
    await seedSurveys(seedCtx.database.db);
    for (const name of ["Ada", "Bo"]) {
      const colleague = await buildUser(seedCtx, { givenName: name });
      const enrolment = await buildEnrolment(seedCtx, { userId: colleague.id, courseId: measures });
      await seedCtx.database.db.insert(runMembers).values({
        runId: live?.id ?? "",
        userId: colleague.id,
        courseId: measures,
        enrolmentId: enrolment.id,
      });
    }
    expect(await seedSurveysDemo(seedCtx.database.db)).toBe(3);
    expect(await seedSurveysDemo(seedCtx.database.db)).toBe(0);
    const answered = (await seedCtx.database.rawQuery(
      `select count(*)::int as n from survey_completions c join surveys s on s.id = c.survey_id
        where s.course_id = $1 and c.user_id = $2`,
      [measures, demoLearner.id],
    )) as Array<{ n: number }>;
    expect(answered[0]?.n).toBe(0);
    const ratings = (await seedCtx.database.rawQuery(
      `select count(*)::int as n from survey_answers a join survey_responses r on r.id = a.response_id
        where r.run_id = $1 and a.rating between 1 and 5`,
      [live?.id],
    )) as Array<{ n: number }>;
    expect(ratings[0]?.n).toBeGreaterThan(10);
  });
});
