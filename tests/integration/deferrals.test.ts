import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addUkMonths,
  startOfUkDate,
  ukDate,
} from "../../src/server/modules/enrolments/access-window.rules.js";
import { deferredWindow } from "../../src/server/modules/enrolments/enrolment.rules.js";
import type { Role } from "../../src/shared/accounts.js";
import type { AdminDeferral, AdminDeferralPage, LearnerDeferrals } from "../../src/shared/deferrals.js";
import type { LearningOutline } from "../../src/shared/learning.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  entitlementCounts,
  mailTo,
  signIn,
  type TestEnrolment,
  type TestUser,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const daysFromToday = (days: number) => ukDate(new Date(Date.now() + days * DAY));

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildAdmin(ctx, { givenName: "Morgan", familyName: "Hale" });
  adminCookie = await signIn(ctx, admin);
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST";
const call = (method: Method, url: string, cookie?: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** A learner on a course (Practitioner unless told) who started `startedDaysAgo` days ago, signed in. */
async function learnerOn(options: { level?: string; startedDaysAgo?: number; completed?: boolean } = {}) {
  const enrolment = await buildEnrolment(ctx, {
    level: options.level ?? "practitioner",
    startsAt: daysAgo(options.startedDaysAgo ?? 3),
    completedAt: options.completed ? daysAgo(1) : null,
    user: { givenName: "Jo", familyName: "Rivers" },
  });
  if (!enrolment.user) throw new Error("the factory made no learner");
  return { enrolment, learner: enrolment.user, cookie: await signIn(ctx, enrolment.user) };
}

const deferralsUrl = (enrolment: TestEnrolment) => `/api/learning/enrolments/${enrolment.id}/deferrals`;

async function ask(enrolment: TestEnrolment, cookie: string, reason = "My father is seriously ill") {
  const response = await call("POST", deferralsUrl(enrolment), cookie, { reason });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string };
}

/** The course outline the learner sees, with its deferral offer. */
async function outlineOf(enrolment: TestEnrolment, cookie: string) {
  const response = await call("GET", `/api/learning/enrolments/${enrolment.id}`, cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as LearningOutline;
}

async function enrolmentRow(id: string) {
  const [row] = (await ctx.database.rawQuery(
    "select state, starts_at, expires_at, reminder_30_sent_at, reminder_7_sent_at from enrolments where id = $1",
    [id],
  )) as Array<{
    state: string;
    starts_at: Date;
    expires_at: Date;
    reminder_30_sent_at: Date | null;
    reminder_7_sent_at: Date | null;
  }>;
  if (!row) throw new Error(`no enrolment ${id}`);
  return row;
}

describe("a learner asking to defer", () => {
  it("sees whether they may ask and until when, then asks with a reason (audited)", async () => {
    const { enrolment, learner, cookie } = await learnerOn({ startedDaysAgo: 3 });
    expect((await outlineOf(enrolment, cookie)).deferral).toMatchObject({
      allowed: true,
      message: null,
      pendingRequest: false,
    });
    const page = (await call("GET", deferralsUrl(enrolment), cookie)).json() as LearnerDeferrals;
    expect(page).toMatchObject({
      enrolment: { id: enrolment.id, state: "active" },
      course: { id: enrolment.course.id, level: "practitioner" },
      eligibility: { allowed: true, code: null, message: null },
      pendingRequestId: null,
      requests: [],
    });
    expect(
      new Date(page.eligibility.deadline ?? "").getTime() - enrolment.startsAt.getTime(),
    ).toBeGreaterThan(27 * DAY);

    const request = await ask(enrolment, cookie);
    expect(request).toMatchObject({ status: "pending", reason: "My father is seriously ill", messages: [] });
    const after = (await call("GET", deferralsUrl(enrolment), cookie)).json() as LearnerDeferrals;
    expect(after.pendingRequestId).toBe(request.id);
    expect(after.requests.map((r) => r.status)).toEqual(["pending"]);
    // The course outline points to the request instead of offering to ask again.
    expect((await outlineOf(enrolment, cookie)).deferral).toMatchObject({ pendingRequest: true });
    const [audit] = await auditFor(ctx, "deferrals.request");
    expect(audit).toMatchObject({ actorUserId: learner.id, subjectId: request.id });
  });

  it("may ask on the 27th day but not after 4 weeks, and is told why (403 deferral_window_closed)", async () => {
    const late = await learnerOn({ startedDaysAgo: 27 });
    await ask(late.enrolment, late.cookie);

    const { enrolment, cookie } = await learnerOn({ startedDaysAgo: 29 });
    const page = (await call("GET", deferralsUrl(enrolment), cookie)).json() as LearnerDeferrals;
    expect(page.eligibility).toMatchObject({ allowed: false, code: "deferral_window_closed" });
    const before = await entitlementCounts(ctx);
    const response = await call("POST", deferralsUrl(enrolment), cookie, { reason: "Too late" });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: "deferral_window_closed",
      message: expect.stringContaining("first 4 weeks"),
    });
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("cannot defer a level without deferral (403 level_not_deferrable), writing nothing", async () => {
    const { enrolment, cookie } = await learnerOn({ level: "foundation" });
    const before = await entitlementCounts(ctx);
    const response = await call("POST", deferralsUrl(enrolment), cookie, { reason: "Busy" });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: "level_not_deferrable",
      message:
        "Foundation courses cannot be deferred. Deferral is for Practitioner, Facilitator and Programme Manager courses.",
    });
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("cannot defer a completed course or one whose access has ended, writing nothing", async () => {
    const completed = await learnerOn({ completed: true });
    const expired = await buildEnrolment(ctx, {
      level: "facilitator",
      startsAt: daysAgo(5),
      expiresAt: daysAgo(1),
      state: "expired",
    });
    const expiredCookie = await signIn(ctx, expired.user ?? admin);
    const before = await entitlementCounts(ctx);
    const done = await call("POST", deferralsUrl(completed.enrolment), completed.cookie, { reason: "x" });
    expect(done.statusCode).toBe(403);
    expect(done.json().error).toBe("course_completed");
    const ended = await call("POST", deferralsUrl(expired), expiredCookie, { reason: "x" });
    expect(ended.statusCode).toBe(403);
    expect(ended.json().error).toBe("enrolment_read_only");
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 409 while a request is pending, writing nothing", async () => {
    const { enrolment, cookie } = await learnerOn();
    await ask(enrolment, cookie);
    const before = await entitlementCounts(ctx);
    const again = await call("POST", deferralsUrl(enrolment), cookie, { reason: "Asking again" });
    expect(again.statusCode).toBe(409);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it.each([
    ["an empty reason", { reason: "   " }],
    ["a reason over 2,000 characters", { reason: "x".repeat(2001) }],
    ["no reason", {}],
    ["an unknown field", { reason: "x", certificate: "attached" }],
  ])("answers 400 to %s, writing nothing", async (_label, payload) => {
    const { enrolment, cookie } = await learnerOn();
    const before = await entitlementCounts(ctx);
    const response = await call("POST", deferralsUrl(enrolment), cookie, payload);
    expect(response.statusCode).toBe(400);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 404 for someone else's enrolment, as for one that does not exist, writing nothing", async () => {
    const { enrolment } = await learnerOn();
    const other = await signIn(ctx, await buildUser(ctx));
    const before = await entitlementCounts(ctx);
    const theirs = await call("GET", deferralsUrl(enrolment), other);
    const unknown = await call(
      "GET",
      "/api/learning/enrolments/00000000-0000-4000-8000-000000000000/deferrals",
      other,
    );
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toEqual({ ...unknown.json(), requestId: theirs.json().requestId });
    expect((await call("POST", deferralsUrl(enrolment), other, { reason: "x" })).statusCode).toBe(404);
    // An administrator is not the learner either: the learner's own endpoints answer 404 to them too.
    expect((await call("POST", deferralsUrl(enrolment), adminCookie, { reason: "x" })).statusCode).toBe(404);
    expect((await call("GET", "/api/learning/enrolments/nope/deferrals", other)).statusCode).toBe(400);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 401 without a session, writing nothing", async () => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const before = await entitlementCounts(ctx);
    expect((await call("GET", deferralsUrl(enrolment))).statusCode).toBe(401);
    expect((await call("POST", deferralsUrl(enrolment), undefined, { reason: "x" })).statusCode).toBe(401);
    expect(
      (await call("POST", `${deferralsUrl(enrolment)}/${request.id}/messages`, undefined, { body: "x" }))
        .statusCode,
    ).toBe(401);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("messages on a request", () => {
  it("lets an administrator ask for a medical certificate: the learner is emailed and sees it; their reply shows in the queue", async () => {
    const { enrolment, learner, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const body = "Please send us a medical certificate covering the next two months.";
    const sent = await call("POST", `/api/admin/deferrals/${request.id}/messages`, adminCookie, { body });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ from: "administrator", authorName: "Morgan Hale", body });

    const [mail] = await mailTo(ctx, learner.email);
    expect(mail?.subject).toBe(`A message about your request to defer ${enrolment.course.title}`);
    expect(mail?.text).toContain(body);
    expect(mail?.text).toContain(`${ctx.config.publicUrl}/learning/${enrolment.id}/defer`);
    const [audit] = await auditFor(ctx, "deferrals.message");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: request.id });

    const page = (await call("GET", deferralsUrl(enrolment), cookie)).json() as LearnerDeferrals;
    expect(page.requests[0]?.messages).toEqual([
      expect.objectContaining({ from: "administrator", authorName: null, body }),
    ]);

    const mailBefore = (await mailTo(ctx, learner.email)).length;
    const reply = await call("POST", `${deferralsUrl(enrolment)}/${request.id}/messages`, cookie, {
      body: "I have uploaded it to my GP portal and will post a copy.",
    });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ from: "learner", authorName: "Jo Rivers" });
    expect(await mailTo(ctx, learner.email)).toHaveLength(mailBefore);

    const queue = (await call("GET", "/api/admin/deferrals", adminCookie)).json() as AdminDeferralPage;
    expect(queue.items.find((i) => i.id === request.id)).toMatchObject({
      messageCount: 2,
      lastMessageFrom: "learner",
    });
    const detail = (
      await call("GET", `/api/admin/deferrals/${request.id}`, adminCookie)
    ).json() as AdminDeferral;
    expect(detail.messages.map((m) => [m.from, m.authorName])).toEqual([
      ["administrator", "Morgan Hale"],
      ["learner", "Jo Rivers"],
    ]);
  });

  it("refuses messages on someone else's request (404), on a decided request (409) and empty ones (400), writing nothing", async () => {
    const mine = await learnerOn();
    const theirs = await learnerOn();
    const myRequest = await ask(mine.enrolment, mine.cookie);
    const theirRequest = await ask(theirs.enrolment, theirs.cookie);
    await call("POST", `/api/admin/deferrals/${myRequest.id}/decline`, adminCookie, {
      reason: "No evidence",
    });
    const before = await entitlementCounts(ctx);
    const cases: Array<[string, string, Record<string, unknown>, number]> = [
      [`${deferralsUrl(mine.enrolment)}/${theirRequest.id}/messages`, mine.cookie, { body: "x" }, 404],
      [`${deferralsUrl(theirs.enrolment)}/${theirRequest.id}/messages`, mine.cookie, { body: "x" }, 404],
      [`${deferralsUrl(mine.enrolment)}/${myRequest.id}/messages`, mine.cookie, { body: "x" }, 409],
      [`${deferralsUrl(theirs.enrolment)}/${theirRequest.id}/messages`, theirs.cookie, { body: " " }, 400],
      [`/api/admin/deferrals/${myRequest.id}/messages`, adminCookie, { body: "x" }, 409],
      [`/api/admin/deferrals/${theirRequest.id}/messages`, adminCookie, { body: "x".repeat(2001) }, 400],
      ["/api/admin/deferrals/00000000-0000-4000-8000-000000000000/messages", adminCookie, { body: "x" }, 404],
    ];
    for (const [url, cookie, payload, status] of cases) {
      expect((await call("POST", url, cookie, payload)).statusCode, url).toBe(status);
    }
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("the administrators' queue", () => {
  it("lists pending requests oldest first with learner, course, reason and deadline; audited", async () => {
    const first = await learnerOn({ startedDaysAgo: 10 });
    const second = await learnerOn({ level: "programme_manager", startedDaysAgo: 1 });
    const a = await ask(first.enrolment, first.cookie, "Maternity leave");
    const b = await ask(second.enrolment, second.cookie, "Long-term sickness");
    const page = (
      await call("GET", "/api/admin/deferrals?status=pending", adminCookie)
    ).json() as AdminDeferralPage;
    const ids = page.items.map((i) => i.id);
    expect(ids.indexOf(a.id)).toBeLessThan(ids.indexOf(b.id));
    const row = page.items.find((i) => i.id === a.id);
    expect(row).toMatchObject({
      status: "pending",
      enrolmentId: first.enrolment.id,
      learner: { name: "Jo Rivers", email: first.learner.email },
      course: { id: first.enrolment.course.id, level: "practitioner" },
      reason: "Maternity leave",
      messageCount: 0,
      lastMessageFrom: null,
    });
    expect(new Date(row?.windowDeadline ?? "").getTime()).toBeGreaterThan(
      first.enrolment.startsAt.getTime() + 27 * DAY,
    );
    const [audit] = await auditFor(ctx, "deferrals.list");
    expect(audit?.actorUserId).toBe(admin.id);
    expect(audit?.details).toMatchObject({ status: "pending" });

    const view = await call("GET", `/api/admin/deferrals/${a.id}`, adminCookie);
    expect(view.statusCode).toBe(200);
    expect(view.json()).toMatchObject({ id: a.id, organisationName: expect.stringMatching(/Leeds/) });
    const [viewed] = await auditFor(ctx, "deferrals.view");
    expect(viewed).toMatchObject({ actorUserId: admin.id, subjectId: a.id });
  });

  it("answers 400 to a bad status or page and 404 to an unknown request, writing nothing", async () => {
    const before = await entitlementCounts(ctx);
    expect((await call("GET", "/api/admin/deferrals?status=open", adminCookie)).statusCode).toBe(400);
    expect((await call("GET", "/api/admin/deferrals?pageSize=0", adminCookie)).statusCode).toBe(400);
    expect((await call("GET", "/api/admin/deferrals/nope", adminCookie)).statusCode).toBe(400);
    expect(
      (await call("GET", "/api/admin/deferrals/00000000-0000-4000-8000-000000000000", adminCookie))
        .statusCode,
    ).toBe(404);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("deciding a request", () => {
  it("approves with a new start date: the clock pauses, the window restarts in full, reminders reset, the learner is emailed the dates", async () => {
    const { enrolment, learner, cookie } = await learnerOn({ level: "facilitator" });
    await ctx.database.rawQuery("update enrolments set reminder_30_sent_at = now() where id = $1", [
      enrolment.id,
    ]);
    const request = await ask(enrolment, cookie);
    const resumesOn = daysFromToday(60);
    const response = await call("POST", `/api/admin/deferrals/${request.id}/approve`, adminCookie, {
      resumesOn,
    });
    expect(response.statusCode, response.body).toBe(200);

    const expected = deferredWindow("facilitator", startOfUkDate(resumesOn));
    expect(response.json()).toMatchObject({
      status: "approved",
      decidedByName: "Morgan Hale",
      resumesAt: expected.startsAt.toISOString(),
      enrolment: {
        state: "deferred",
        startsAt: expected.startsAt.toISOString(),
        expiresAt: expected.expiresAt.toISOString(),
      },
    });
    expect(ukDate(expected.expiresAt)).toBe(addUkMonths(resumesOn, 9));
    const row = await enrolmentRow(enrolment.id);
    expect(row).toMatchObject({ state: "deferred", reminder_30_sent_at: null, reminder_7_sent_at: null });

    const [mail] = await mailTo(ctx, learner.email);
    expect(mail?.subject).toBe(`Your request to defer ${enrolment.course.title} has been approved`);
    const long = new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "Europe/London",
    });
    expect(mail?.text).toContain(`starts again on ${long.format(expected.startsAt)}`);
    expect(mail?.text).toContain(`Your access ends on ${long.format(expected.expiresAt)}`);

    const [audit] = await auditFor(ctx, "deferrals.approve");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: request.id });

    const page = (await call("GET", deferralsUrl(enrolment), cookie)).json() as LearnerDeferrals;
    expect(page.enrolment).toMatchObject({ state: "deferred", startsAt: expected.startsAt.toISOString() });
    expect(page.requests[0]).toMatchObject({
      status: "approved",
      resumesAt: expected.startsAt.toISOString(),
    });

    // Paused until the new start, the course cannot be deferred again (after it resumes, its own 4 weeks apply).
    expect(page.eligibility).toMatchObject({ allowed: false, code: "already_deferred" });
    expect((await outlineOf(enrolment, cookie)).deferral).toMatchObject({
      allowed: false,
      message: page.eligibility.message,
      pendingRequest: false,
    });
    const before = await entitlementCounts(ctx);
    const again = await call("POST", deferralsUrl(enrolment), cookie, { reason: "Again" });
    expect(again.statusCode).toBe(403);
    expect(again.json().error).toBe("already_deferred");
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("approving with today's date carries straight on (active)", async () => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const response = await call("POST", `/api/admin/deferrals/${request.id}/approve`, adminCookie, {
      resumesOn: ukDate(new Date()),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().enrolment.state).toBe("active");
  });

  it("declines with a reason the learner is emailed; the enrolment carries on unchanged", async () => {
    const { enrolment, learner, cookie } = await learnerOn();
    const before = await enrolmentRow(enrolment.id);
    const request = await ask(enrolment, cookie);
    const reason = "We did not receive the medical certificate we asked for.";
    const response = await call("POST", `/api/admin/deferrals/${request.id}/decline`, adminCookie, {
      reason,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "declined", decisionNote: reason, resumesAt: null });
    expect(await enrolmentRow(enrolment.id)).toEqual(before);
    const [mail] = await mailTo(ctx, learner.email);
    expect(mail?.subject).toBe(`Your request to defer ${enrolment.course.title} has been declined`);
    expect(mail?.text).toContain(reason);
    const [audit] = await auditFor(ctx, "deferrals.decline");
    expect(audit).toMatchObject({ subjectId: request.id, details: { reason } });
    const page = (await call("GET", deferralsUrl(enrolment), cookie)).json() as LearnerDeferrals;
    expect(page.requests[0]).toMatchObject({ status: "declined", decisionNote: reason });
  });

  it("decides only pending requests: 409 for a decided one, and one winner when two administrators decide at once", async () => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const other = await signIn(ctx, await buildAdmin(ctx));
    const [one, two] = await Promise.all([
      call("POST", `/api/admin/deferrals/${request.id}/approve`, adminCookie, {
        resumesOn: daysFromToday(10),
      }),
      call("POST", `/api/admin/deferrals/${request.id}/decline`, other, { reason: "No" }),
    ]);
    expect([one.statusCode, two.statusCode].sort()).toEqual([200, 409]);
    const before = await entitlementCounts(ctx);
    const again = await call("POST", `/api/admin/deferrals/${request.id}/approve`, adminCookie, {
      resumesOn: daysFromToday(20),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("Only pending requests can be decided");
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 409 to approving for a learner who has since completed the course, writing nothing", async () => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    await ctx.database.rawQuery("update enrolments set completed_at = now() where id = $1", [enrolment.id]);
    const before = await entitlementCounts(ctx);
    const response = await call("POST", `/api/admin/deferrals/${request.id}/approve`, adminCookie, {
      resumesOn: daysFromToday(5),
    });
    expect(response.statusCode).toBe(409);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it.each([
    ["a date in the past", { resumesOn: daysFromToday(-1) }],
    ["a date more than 12 months ahead", { resumesOn: daysFromToday(400) }],
    ["a date that does not exist", { resumesOn: "2027-02-29" }],
    ["a date in another format", { resumesOn: "1 March 2027" }],
    ["no date", {}],
  ])("answers 400 to approving with %s, naming the field and writing nothing", async (_label, payload) => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const before = await entitlementCounts(ctx);
    const response = await call("POST", `/api/admin/deferrals/${request.id}/approve`, adminCookie, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details[0].field).toBe("resumesOn");
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 400 to declining without a reason and 404 to unknown requests, writing nothing", async () => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const before = await entitlementCounts(ctx);
    expect(
      (await call("POST", `/api/admin/deferrals/${request.id}/decline`, adminCookie, { reason: "" }))
        .statusCode,
    ).toBe(400);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(
      (await call("POST", `/api/admin/deferrals/${unknown}/decline`, adminCookie, { reason: "x" }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await call("POST", `/api/admin/deferrals/${unknown}/approve`, adminCookie, {
          resumesOn: daysFromToday(3),
        })
      ).statusCode,
    ).toBe(404);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("who may see and decide requests", () => {
  async function endpoints(): Promise<Array<[Method, string, Record<string, unknown> | undefined]>> {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    return [
      ["GET", "/api/admin/deferrals", undefined],
      ["GET", `/api/admin/deferrals/${request.id}`, undefined],
      ["POST", `/api/admin/deferrals/${request.id}/messages`, { body: "Send a certificate" }],
      ["POST", `/api/admin/deferrals/${request.id}/approve`, { resumesOn: daysFromToday(7) }],
      ["POST", `/api/admin/deferrals/${request.id}/decline`, { reason: "No" }],
    ];
  }

  it("answers 401 without a session, writing nothing", async () => {
    for (const [method, url, payload] of await endpoints()) {
      const before = await entitlementCounts(ctx);
      expect((await call(method, url, undefined, payload)).statusCode, `${method} ${url}`).toBe(401);
      expect(await entitlementCounts(ctx)).toEqual(before);
    }
  });

  const wrongRoles: Array<[string, Role[]]> = [
    ["a learner", ["learner"]],
    ["an assessor", ["learner", "assessor"]],
    ["a facilitator", ["learner", "facilitator"]],
  ];
  it.each(wrongRoles)("answers 403 to %s, writing nothing", async (_label, roles) => {
    const cookie = await signIn(ctx, await buildUser(ctx, { roles }));
    for (const [method, url, payload] of await endpoints()) {
      const before = await entitlementCounts(ctx);
      const response = await call(method, url, cookie, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(await entitlementCounts(ctx)).toEqual(before);
    }
  });

  it("answers 403 to the learner who asked, on the administrators' endpoints", async () => {
    const { enrolment, cookie } = await learnerOn();
    const request = await ask(enrolment, cookie);
    const before = await entitlementCounts(ctx);
    const response = await call("POST", `/api/admin/deferrals/${request.id}/approve`, cookie, {
      resumesOn: daysFromToday(7),
    });
    expect(response.statusCode).toBe(403);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});
