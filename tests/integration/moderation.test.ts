import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  MemberStanding,
  ModerationOverview,
  ModerationResult,
  RunModerationQueue,
} from "../../src/shared/moderation.js";
import {
  buildFacilitator,
  buildRun,
  buildRunMember,
  membersOf,
  runSteps,
} from "../support/community-fixtures.js";
import { auditFor, buildAdmin, buildUser, mailTo, signIn, tableCounts } from "../support/factories.js";
import { commentRow, insertComment, insertTopic, reportsOf } from "../support/moderation-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;

type Run = { id: string; courseId: string };
type Member = Awaited<ReturnType<typeof buildRunMember>>;
type Facilitator = Awaited<ReturnType<typeof buildFacilitator>>;

let run: Run;
let otherRun: Run;
let facilitator: Facilitator;
let otherFacilitator: Facilitator;
let author: Member;
let reader: Member;
let reader2: Member;
let outsider: Member;
let adminCookie = "";

const MISSING = "00000000-0000-4000-8000-000000000000";

beforeAll(async () => {
  ctx = await createTestApp();
  run = await buildRun(ctx, { phase: "live", title: "March run" });
  otherRun = await buildRun(ctx, { phase: "live", title: "Other run" });
  facilitator = await buildFacilitator(ctx, run);
  otherFacilitator = await buildFacilitator(ctx, otherRun);
  author = await buildRunMember(ctx, run, { givenName: "Ada", familyName: "Author" });
  reader = await buildRunMember(ctx, run, { givenName: "Rhys", familyName: "Reader" });
  reader2 = await buildRunMember(ctx, run, { givenName: "Rana", familyName: "Second" });
  outsider = await buildRunMember(ctx, otherRun, { givenName: "Owen", familyName: "Outsider" });
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
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

const report = (commentId: string, cookie: string | null, body: unknown = { reason: "abusive" }) =>
  call("POST", `/api/comments/${commentId}/reports`, cookie, body);
const act = (commentId: string, cookie: string | null, body: unknown) =>
  call("POST", `/api/comments/${commentId}/moderation`, cookie, body);
const suspend = (runId: string, userId: string, cookie: string | null, body: unknown) =>
  call("PUT", `/api/runs/${runId}/suspensions/${userId}`, cookie, body);

/** Everything a refused request might have touched, to compare before and after. */
async function snapshot(commentId?: string) {
  return {
    counts: await tableCounts(ctx),
    comment: commentId ? await commentRow(ctx, commentId) : null,
    reports: commentId ? await reportsOf(ctx, commentId) : null,
    members: await membersOf(ctx, run.id),
  };
}

describe("moderation: signed out", () => {
  it("answers 401 on every endpoint", async () => {
    const requests: Array<[Parameters<typeof call>[0], string, unknown?]> = [
      ["POST", `/api/comments/${MISSING}/reports`, { reason: "spam" }],
      ["GET", `/api/runs/${MISSING}/moderation`],
      ["GET", "/api/moderation"],
      ["POST", `/api/comments/${MISSING}/moderation`, { action: "hide" }],
      ["GET", `/api/runs/${MISSING}/suspensions/${MISSING}`],
      ["PUT", `/api/runs/${MISSING}/suspensions/${MISSING}`, { reason: "Repeated abuse of others" }],
      ["DELETE", `/api/runs/${MISSING}/suspensions/${MISSING}`],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json()).toMatchObject({ error: "unauthenticated" });
    }
  });
});

describe("reporting a comment", () => {
  it("records a report from a member of the run", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    const response = await report(comment.id, reader.cookie, {
      reason: "spam",
      details: "  Selling watches  ",
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toEqual({ reported: true });
    const [row] = await reportsOf(ctx, comment.id);
    expect(row).toMatchObject({
      reporterId: reader.id,
      runId: run.id,
      reason: "spam",
      details: "Selling watches",
      resolvedAt: null,
    });
  });

  it("lets the run's facilitator report too, with no details", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    const response = await report(comment.id, facilitator.cookie, { reason: "off_topic", details: "   " });
    expect(response.statusCode, response.body).toBe(201);
    expect((await reportsOf(ctx, comment.id))[0]).toMatchObject({ details: null });
  });

  it("refuses reporting your own comment with 422 and writes nothing", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    const before = await snapshot(comment.id);
    const response = await report(comment.id, author.cookie);
    expect(response.statusCode).toBe(422);
    expect(response.json().message).toMatch(/your own comment/);
    expect(await snapshot(comment.id)).toEqual(before);
  });

  it("refuses a second open report from the same person with 409", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    expect((await report(comment.id, reader.cookie)).statusCode).toBe(201);
    const before = await snapshot(comment.id);
    const response = await report(comment.id, reader.cookie, { reason: "other" });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toBe(
      "You have already reported this comment. A facilitator will look at it.",
    );
    expect(await snapshot(comment.id)).toEqual(before);
  });

  it("refuses someone who is not in the run with 403", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    const before = await snapshot(comment.id);
    const response = await report(comment.id, outsider.cookie);
    expect(response.statusCode).toBe(403);
    expect(await snapshot(comment.id)).toEqual(before);
  });

  it("refuses a comment that is no longer shown with 409", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id, state: "hidden" });
    const response = await report(comment.id, reader.cookie);
    expect(response.statusCode).toBe(409);
    expect(await reportsOf(ctx, comment.id)).toEqual([]);
  });

  it("refuses bad input with 400 and an unknown comment with 404", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    const bad: unknown[] = [
      {},
      { reason: "rude" },
      { reason: "spam", details: "x".repeat(1001) },
      { reason: "spam", extra: true },
    ];
    for (const body of bad) {
      const response = await report(comment.id, reader.cookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await report("not-a-uuid", reader.cookie)).statusCode).toBe(400);
    expect(await reportsOf(ctx, comment.id)).toEqual([]);
    expect((await report(MISSING, reader.cookie)).statusCode).toBe(404);
  });
});

describe("reporting: rate limit", () => {
  it("refuses a 21st report within the hour with 429 and Retry-After, writing nothing", async () => {
    const flooder = await buildRunMember(ctx, run, { givenName: "Fay", familyName: "Flood" });
    for (let i = 0; i < 20; i += 1) {
      const comment = await insertComment(ctx, run, { authorId: author.id });
      expect((await report(comment.id, flooder.cookie)).statusCode).toBe(201);
    }
    const last = await insertComment(ctx, run, { authorId: author.id });
    const response = await report(last.id, flooder.cookie);
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
    expect(await reportsOf(ctx, last.id)).toEqual([]);
  });
});

describe("the moderation queue", () => {
  let reported: { id: string };
  let hidden: { id: string };
  let topic: { id: string };

  beforeAll(async () => {
    topic = await insertTopic(ctx, run, { authorId: author.id, title: "Introduce yourself" });
    reported = await insertComment(ctx, run, {
      authorId: author.id,
      topicId: topic.id,
      body: "<script>alert(1)</script> **buy now**",
    });
    expect((await report(reported.id, reader.cookie, { reason: "spam", details: "Advert" })).statusCode).toBe(
      201,
    );
    expect((await report(reported.id, reader2.cookie, { reason: "abusive" })).statusCode).toBe(201);
    hidden = await insertComment(ctx, run, { authorId: author.id, state: "hidden" });
  });

  it("shows the run's facilitator reported comments grouped, hidden comments and suspended members; audited", async () => {
    const response = await call("GET", `/api/runs/${run.id}/moderation`, facilitator.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const queue = response.json() as RunModerationQueue;
    expect(queue.run).toMatchObject({ id: run.id, title: "March run" });
    const item = queue.reported.find((r) => r.commentId === reported.id);
    expect(item).toMatchObject({
      body: "<script>alert(1)</script> **buy now**",
      state: "visible",
      author: { id: author.id, name: "Ada Author" },
      place: { kind: "topic", id: topic.id, title: "Introduce yourself" },
      reportCount: 2,
      reasons: ["spam", "abusive"],
    });
    expect(item?.reports.map((r) => [r.reporter.name, r.reason, r.details])).toEqual([
      ["Rhys Reader", "spam", "Advert"],
      ["Rana Second", "abusive", null],
    ]);
    expect(queue.hidden.map((h) => h.commentId)).toContain(hidden.id);
    expect(queue.hidden.find((h) => h.commentId === hidden.id)?.place.kind).toBe("step");
    const [audit] = await auditFor(ctx, "moderation.queue_viewed");
    expect(audit).toMatchObject({
      actorUserId: facilitator.id,
      subjectType: "course_run",
      subjectId: run.id,
    });
  });

  it("refuses another run's facilitator and a learner with 403, and writes no audit", async () => {
    const before = await tableCounts(ctx);
    for (const cookie of [otherFacilitator.cookie, reader.cookie]) {
      const response = await call("GET", `/api/runs/${run.id}/moderation`, cookie);
      expect(response.statusCode).toBe(403);
    }
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it("answers 404 for an unknown run and 400 for a bad id", async () => {
    expect((await call("GET", `/api/runs/${MISSING}/moderation`, facilitator.cookie)).statusCode).toBe(404);
    expect((await call("GET", "/api/runs/nope/moderation", facilitator.cookie)).statusCode).toBe(400);
  });

  it("lets a platform administrator see any run, and every run with something in it across runs", async () => {
    expect((await call("GET", `/api/runs/${run.id}/moderation`, adminCookie)).statusCode).toBe(200);
    const response = await call("GET", "/api/moderation", adminCookie);
    expect(response.statusCode, response.body).toBe(200);
    const overview = response.json() as ModerationOverview;
    const mine = overview.runs.find((q) => q.run.id === run.id);
    expect(mine?.reported.some((r) => r.commentId === reported.id)).toBe(true);
    expect(mine?.run.courseTitle).toBeTruthy();
    expect(await auditFor(ctx, "moderation.overview_viewed")).toHaveLength(1);
  });

  it("gives a facilitator the queues of their own runs only", async () => {
    const response = await call("GET", "/api/moderation", otherFacilitator.cookie);
    expect(response.statusCode).toBe(200);
    const overview = response.json() as ModerationOverview;
    expect(overview.runs.map((q) => q.run.id)).toEqual([otherRun.id]);
    expect(overview.runs[0]?.reported).toEqual([]);
  });

  it("refuses a learner the overview with 403", async () => {
    expect((await call("GET", "/api/moderation", reader.cookie)).statusCode).toBe(403);
  });
});

describe("moderation actions", () => {
  it("hides a reported comment, resolving its reports and recording who did it; audited with the note", async () => {
    const topic = await insertTopic(ctx, run, { authorId: author.id, commentCount: 1 });
    const comment = await insertComment(ctx, run, { authorId: author.id, topicId: topic.id });
    await report(comment.id, reader.cookie);
    await report(comment.id, reader2.cookie, { reason: "spam" });
    const response = await act(comment.id, facilitator.cookie, { action: "hide", note: "Advertising" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json() as ModerationResult).toEqual({
      commentId: comment.id,
      state: "hidden",
      resolvedReports: 2,
    });
    const row = await commentRow(ctx, comment.id);
    expect(row).toMatchObject({ state: "hidden", moderatedBy: facilitator.id });
    expect(row?.moderatedAt).toBeInstanceOf(Date);
    const reports = await reportsOf(ctx, comment.id);
    expect(reports.every((r) => r.resolution === "hidden" && r.resolvedBy === facilitator.id)).toBe(true);
    const [topicRow] = await ctx.database.rawQuery(
      "select comment_count from discussion_topics where id = $1",
      [topic.id],
    );
    expect(topicRow).toEqual({ comment_count: 0 });
    const [audit] = await auditFor(ctx, "comment.hidden");
    expect(audit).toMatchObject({
      actorUserId: facilitator.id,
      subjectType: "comment",
      subjectId: comment.id,
    });
    expect(audit?.details).toMatchObject({ action: "hide", note: "Advertising", resolvedReports: 2 });

    // Once resolved, the same person may report it again after it is restored.
    const restored = await act(comment.id, facilitator.cookie, { action: "restore" });
    expect(restored.json()).toMatchObject({ state: "visible", resolvedReports: 0 });
    expect((await report(comment.id, reader.cookie)).statusCode).toBe(201);
  });

  it("refuses hiding twice and restoring a visible comment with 409, changing nothing", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id, state: "hidden" });
    const before = await snapshot(comment.id);
    const twice = await act(comment.id, facilitator.cookie, { action: "hide" });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().message).toMatch(/already hidden/);
    expect(await snapshot(comment.id)).toEqual(before);

    const visible = await insertComment(ctx, run, { authorId: author.id });
    const restore = await act(visible.id, facilitator.cookie, { action: "restore" });
    expect(restore.statusCode).toBe(409);
    expect((await commentRow(ctx, visible.id))?.moderatedAt).toBeNull();
  });

  it("restores a hidden comment, resolving its reports as restored; audited", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id, state: "hidden" });
    const response = await act(comment.id, adminCookie, { action: "restore" });
    expect(response.statusCode, response.body).toBe(200);
    expect((await commentRow(ctx, comment.id))?.state).toBe("visible");
    expect((await auditFor(ctx, "comment.restored"))[0]?.subjectId).toBe(comment.id);
  });

  it("removes for good: restoring, hiding or removing again is 409", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    await report(comment.id, reader.cookie, { reason: "personal_information" });
    const response = await act(comment.id, facilitator.cookie, { action: "remove" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ state: "removed", resolvedReports: 1 });
    expect((await reportsOf(ctx, comment.id))[0]).toMatchObject({ resolution: "removed" });
    expect((await auditFor(ctx, "comment.removed"))[0]?.subjectId).toBe(comment.id);
    const before = await snapshot(comment.id);
    for (const action of ["restore", "hide", "remove", "dismiss"]) {
      const again = await act(comment.id, facilitator.cookie, { action });
      expect(again.statusCode, action).toBe(409);
    }
    expect(await snapshot(comment.id)).toEqual(before);
  });

  it("dismisses reports leaving the comment shown; dismissing again is 409", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    await report(comment.id, reader.cookie, { reason: "off_topic" });
    const response = await act(comment.id, facilitator.cookie, { action: "dismiss" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ commentId: comment.id, state: "visible", resolvedReports: 1 });
    expect((await commentRow(ctx, comment.id))?.state).toBe("visible");
    expect((await reportsOf(ctx, comment.id))[0]).toMatchObject({ resolution: "dismissed" });
    expect((await auditFor(ctx, "comment.reports_dismissed"))[0]?.subjectId).toBe(comment.id);
    const again = await act(comment.id, facilitator.cookie, { action: "dismiss" });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toMatch(/no open reports/);
  });

  it("refuses another run's facilitator and learners with 403, changing nothing", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    await report(comment.id, reader.cookie);
    const before = await snapshot(comment.id);
    for (const cookie of [otherFacilitator.cookie, reader.cookie, author.cookie]) {
      const response = await act(comment.id, cookie, { action: "hide" });
      expect(response.statusCode).toBe(403);
    }
    expect(await snapshot(comment.id)).toEqual(before);
  });

  it("refuses bad input with 400 and an unknown comment with 404", async () => {
    const comment = await insertComment(ctx, run, { authorId: author.id });
    const before = await snapshot(comment.id);
    for (const body of [{}, { action: "delete" }, { action: "hide", note: "n".repeat(1001) }]) {
      expect((await act(comment.id, facilitator.cookie, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshot(comment.id)).toEqual(before);
    expect((await act(MISSING, facilitator.cookie, { action: "hide" })).statusCode).toBe(404);
  });
});

describe("suspensions", () => {
  it("suspends a member with a reason, emails them, lists them in the queue; audited", async () => {
    const member = await buildRunMember(ctx, run, { givenName: "Sam", familyName: "Suspended" });
    const response = await suspend(run.id, member.id, facilitator.cookie, {
      reason: "Repeatedly posted adverts after a warning",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json() as MemberStanding).toMatchObject({
      userId: member.id,
      name: "Sam Suspended",
      reason: "Repeatedly posted adverts after a warning",
      suspendedBy: "Femi Adeyemi",
    });
    const row = (await membersOf(ctx, run.id)).find((m) => m.userId === member.id);
    expect(row).toMatchObject({
      suspendedBy: facilitator.id,
      suspensionReason: "Repeatedly posted adverts after a warning",
    });
    expect(row?.suspendedAt).toBeInstanceOf(Date);
    const mail = await mailTo(ctx, member.email);
    expect(mail.at(-1)?.subject).toMatch(/suspended from posting/);
    expect(mail.at(-1)?.text).toMatch(/Repeatedly posted adverts/);
    expect((await auditFor(ctx, "run.member_suspended"))[0]).toMatchObject({
      actorUserId: facilitator.id,
      subjectId: member.id,
    });

    const queue = (
      await call("GET", `/api/runs/${run.id}/moderation`, facilitator.cookie)
    ).json() as RunModerationQueue;
    expect(queue.suspended.find((s) => s.userId === member.id)).toMatchObject({ name: "Sam Suspended" });

    const standing = await call("GET", `/api/runs/${run.id}/suspensions/${member.id}`, facilitator.cookie);
    expect(standing.json()).toMatchObject({ name: "Sam Suspended", suspendedBy: "Femi Adeyemi" });

    // Suspending again is 409; lifting clears it; lifting again is 409.
    const before = await snapshot();
    expect(
      (await suspend(run.id, member.id, facilitator.cookie, { reason: "Another reason here" })).statusCode,
    ).toBe(409);
    expect(await snapshot()).toEqual(before);
    const lift = await call("DELETE", `/api/runs/${run.id}/suspensions/${member.id}`, facilitator.cookie);
    expect(lift.statusCode).toBe(204);
    const cleared = (await membersOf(ctx, run.id)).find((m) => m.userId === member.id);
    expect(cleared).toMatchObject({ suspendedAt: null, suspendedBy: null, suspensionReason: null });
    expect((await auditFor(ctx, "run.member_suspension_lifted"))[0]?.subjectId).toBe(member.id);
    expect(
      (await call("DELETE", `/api/runs/${run.id}/suspensions/${member.id}`, facilitator.cookie)).statusCode,
    ).toBe(409);
  });

  it("refuses suspending yourself or another facilitator of the run with 422", async () => {
    const colleague = await buildFacilitator(ctx, run);
    const before = await snapshot();
    const self = await suspend(run.id, facilitator.id, facilitator.cookie, { reason: "Testing myself here" });
    expect(self.statusCode).toBe(422);
    const other = await suspend(run.id, colleague.id, adminCookie, { reason: "A reason long enough" });
    expect(other.statusCode).toBe(422);
    expect(other.json().message).toMatch(/facilitator/);
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for someone who is not a member and for an unknown run", async () => {
    const stranger = await buildUser(ctx);
    const before = await snapshot();
    expect(
      (await suspend(run.id, stranger.id, facilitator.cookie, { reason: "A reason long enough" })).statusCode,
    ).toBe(404);
    expect(
      (await suspend(run.id, outsider.id, facilitator.cookie, { reason: "A reason long enough" })).statusCode,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/runs/${run.id}/suspensions/${stranger.id}`, facilitator.cookie)).statusCode,
    ).toBe(404);
    expect(
      (await call("GET", `/api/runs/${run.id}/suspensions/${stranger.id}`, facilitator.cookie)).statusCode,
    ).toBe(404);
    expect(
      (await suspend(MISSING, reader.id, adminCookie, { reason: "A reason long enough" })).statusCode,
    ).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses another run's facilitator and learners with 403, and a short reason with 400", async () => {
    const before = await snapshot();
    for (const cookie of [otherFacilitator.cookie, reader2.cookie]) {
      expect((await suspend(run.id, reader.id, cookie, { reason: "A reason long enough" })).statusCode).toBe(
        403,
      );
      expect((await call("DELETE", `/api/runs/${run.id}/suspensions/${reader.id}`, cookie)).statusCode).toBe(
        403,
      );
      expect((await call("GET", `/api/runs/${run.id}/suspensions/${reader.id}`, cookie)).statusCode).toBe(
        403,
      );
    }
    for (const body of [
      {},
      { reason: "too short" },
      { reason: "x".repeat(1001) },
      { reason: "A reason long enough", x: 1 },
    ]) {
      const response = await suspend(run.id, reader.id, facilitator.cookie, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a suspended member's post with 403, and accepts it once the suspension is lifted", async () => {
    const member = await buildRunMember(ctx, run, { givenName: "Pat", familyName: "Poster" });
    const [step] = await runSteps(ctx, run);
    if (!step) throw new Error("the mini-course has no steps");
    const post = () =>
      call("POST", `/api/steps/${step.id}/comments`, member.cookie, { runId: run.id, body: "My PDSA cycle" });
    expect(
      (await suspend(run.id, member.id, facilitator.cookie, { reason: "Posted a patient's name" }))
        .statusCode,
    ).toBe(200);
    const refused = await post();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toMatch(/suspended you from posting/);
    expect(
      (await call("DELETE", `/api/runs/${run.id}/suspensions/${member.id}`, facilitator.cookie)).statusCode,
    ).toBe(204);
    expect((await post()).statusCode).toBe(201);
  });

  it("a suspended member can still report (posting is refused by run-access: see run-access.test.ts)", async () => {
    const member = await buildRunMember(ctx, run, { suspended: true });
    const comment = await insertComment(ctx, run, { authorId: author.id });
    expect((await report(comment.id, member.cookie)).statusCode).toBe(201);
  });
});
