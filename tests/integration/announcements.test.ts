import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnnouncementCreated, AnnouncementList } from "../../src/shared/notifications.js";
import { buildFacilitator, buildRun, buildRunMember } from "../support/community-fixtures.js";
import { auditFor, buildAdmin, buildUser, signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let run: { id: string; courseId: string };
let otherRun: { id: string; courseId: string };
let facilitator: Awaited<ReturnType<typeof buildFacilitator>>;
let otherFacilitator: Awaited<ReturnType<typeof buildFacilitator>>;
let members: Array<Awaited<ReturnType<typeof buildRunMember>>>;
let outsider: { id: string; cookie: string };
let adminCookie = "";

beforeAll(async () => {
  ctx = await createTestApp();
  run = await buildRun(ctx, { phase: "live", title: "Spring run" });
  otherRun = await buildRun(ctx, { phase: "live", title: "Other run" });
  facilitator = await buildFacilitator(ctx, run);
  otherFacilitator = await buildFacilitator(ctx, otherRun);
  members = [
    await buildRunMember(ctx, run, { givenName: "Ann" }),
    await buildRunMember(ctx, run, { givenName: "Ben", suspended: true }),
  ];
  // A member of the other run: must not hear this run's announcements.
  const stranger = await buildRunMember(ctx, otherRun, { givenName: "Cal" });
  outsider = { id: stranger.id, cookie: stranger.cookie };
  const admin = await buildAdmin(ctx);
  adminCookie = await signIn(ctx, admin);
});

afterAll(async () => {
  await ctx?.close();
});

const url = (runId: string) => `/api/runs/${runId}/announcements`;

function call(method: "GET" | "POST", path: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url: path,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function counts() {
  const [row] = (await ctx.database.rawQuery(
    `select (select count(*)::int from run_announcements) as announcements,
            (select count(*)::int from notifications where kind = 'announcement') as notifications`,
  )) as Array<{ announcements: number; notifications: number }>;
  return row;
}

async function announcementNotifications(userId: string) {
  return (await ctx.database.rawQuery(
    "select announcement_id, run_id, actor_id, summary, link from notifications where user_id = $1 and kind = 'announcement'",
    [userId],
  )) as Array<{ announcement_id: string; run_id: string; actor_id: string; summary: string; link: string }>;
}

describe("announcements", () => {
  it("answers 401 when signed out", async () => {
    expect((await call("GET", url(run.id), null)).statusCode).toBe(401);
    const post = await call("POST", url(run.id), null, { subject: "Hi", body: "Hello" });
    expect(post.statusCode).toBe(401);
  });

  it("lets a facilitator announce to every member, one notification each, audited", async () => {
    const before = await counts();
    const response = await call("POST", url(run.id), facilitator.cookie, {
      subject: "Live week starts Monday",
      body: "Join the **live week** <script>alert(1)</script>",
    });
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json() as AnnouncementCreated;
    expect(created.notified).toBe(2);
    expect(created.announcement.bodyHtml).toContain("<strong>live week</strong>");
    expect(created.announcement.bodyHtml).not.toContain("<script>");

    for (const member of members) {
      const rows = await announcementNotifications(member.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        announcement_id: created.announcement.id,
        run_id: run.id,
        actor_id: facilitator.id,
        link: `/runs/${run.id}/announcements#announcement-${created.announcement.id}`,
      });
      expect(rows[0]?.summary).toContain("Live week starts Monday");
    }
    expect(await announcementNotifications(outsider.id)).toHaveLength(0);
    expect(await announcementNotifications(facilitator.id)).toHaveLength(0);
    const after = await counts();
    expect(after?.announcements).toBe((before?.announcements ?? 0) + 1);
    expect(after?.notifications).toBe((before?.notifications ?? 0) + 2);

    const [audit] = await auditFor(ctx, "run.announcement_sent");
    expect(audit).toMatchObject({ actorUserId: facilitator.id, subjectId: run.id });
  });

  it("lets a platform administrator announce too", async () => {
    const response = await call("POST", url(run.id), adminCookie, {
      subject: "From the team",
      body: "Hello",
    });
    expect(response.statusCode, response.body).toBe(201);
  });

  it("refuses members, facilitators of another run and other people, writing nothing", async () => {
    const before = await counts();
    const nonMember = await buildUser(ctx, { roles: ["learner", "facilitator"] });
    const attempts = [
      members[0]?.cookie ?? "",
      otherFacilitator.cookie,
      outsider.cookie,
      await signIn(ctx, nonMember),
    ];
    for (const cookie of attempts) {
      const response = await call("POST", url(run.id), cookie, { subject: "Sneaky", body: "Not allowed" });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: "forbidden" });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a bad subject or body, writing nothing", async () => {
    const before = await counts();
    const bad: unknown[] = [
      { subject: "", body: "Hello" },
      { subject: "   ", body: "Hello" },
      { subject: "x".repeat(121), body: "Hello" },
      { subject: "Hello", body: "" },
      { subject: "Hello", body: "x".repeat(5001) },
      { subject: "Hello" },
      { subject: "Hello", body: "Hi", runId: otherRun.id },
    ];
    for (const payload of bad) {
      const response = await call("POST", url(run.id), facilitator.cookie, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: "validation_failed" });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses an announcement to a run that has ended (409), writing nothing", async () => {
    const ended = await buildRun(ctx, { phase: "ended", title: "Old run" });
    const own = await buildFacilitator(ctx, ended);
    const response = await ctx.app.inject({
      method: "POST",
      url: url(ended.id),
      headers: { cookie: own.cookie },
      payload: { subject: "Too late", body: "Nobody can read this." },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/has ended/);
    const rows = (await ctx.database.rawQuery(
      "select count(*)::int as n from run_announcements where run_id = $1",
      [ended.id],
    )) as Array<{ n: number }>;
    expect(rows[0]?.n).toBe(0);
  });

  it("answers 404 for an unknown run and 400 for a malformed id", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call("GET", url(unknown), facilitator.cookie)).statusCode).toBe(404);
    const post = await call("POST", url(unknown), facilitator.cookie, { subject: "Hi", body: "Hello" });
    expect(post.statusCode).toBe(404);
    expect((await call("GET", url("nope"), facilitator.cookie)).statusCode).toBe(400);
  });

  it("shows the run's announcements, newest first, to members and facilitators, not to others", async () => {
    const forMember = await call("GET", url(run.id), members[0]?.cookie ?? "");
    expect(forMember.statusCode, forMember.body).toBe(200);
    const list = forMember.json() as AnnouncementList;
    expect(list.runTitle).toBe("Spring run");
    expect(list.canAnnounce).toBe(false);
    expect(list.announcements.map((a) => a.subject)).toEqual(["From the team", "Live week starts Monday"]);
    expect(list.announcements[1]?.authorName).toBe("Femi Adeyemi");

    const forFacilitator = (await call("GET", url(run.id), facilitator.cookie)).json() as AnnouncementList;
    expect(forFacilitator.canAnnounce).toBe(true);

    expect((await call("GET", url(run.id), outsider.cookie)).statusCode).toBe(403);
    expect((await call("GET", url(run.id), otherFacilitator.cookie)).statusCode).toBe(403);
    const other = (await call("GET", url(otherRun.id), outsider.cookie)).json() as AnnouncementList;
    expect(other.announcements).toEqual([]);
  });
});
