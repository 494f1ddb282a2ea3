import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuditEventPage } from "../../src/shared/audit.js";
import {
  auditFor,
  buildAdmin,
  buildUser,
  organisationByOds,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;
let learnerAdmin: TestUser;
let learnerAdminCookie: string;
let learnerCookie: string;
let lapsedCookie: string;

async function addEvent(actorUserId: string | null, action: string, occurredAt: string, details?: object) {
  await ctx.database.rawQuery(
    `insert into audit_events (actor_user_id, action, subject_type, subject_id, details, occurred_at, request_id, ip_address)
     values ($1, $2, 'report', 'learner-progress', $3, $4, 'req-1', '10.0.0.1')`,
    [actorUserId, action, details ? JSON.stringify(details) : null, occurredAt],
  );
}

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildAdmin(ctx, { givenName: "Priya", familyName: "Shah" });
  adminCookie = await signIn(ctx, admin);
  const leeds = await organisationByOds(ctx, "RR8");
  learnerAdmin = await buildUser(ctx, {
    givenName: "Robin",
    familyName: "Okafor",
    email: "robin.okafor@example.test",
    roles: ["learner", { role: "learner_admin", organisationId: leeds }],
  });
  learnerAdminCookie = await signIn(ctx, learnerAdmin);
  learnerCookie = await signIn(ctx, await buildUser(ctx));
  lapsedCookie = await signIn(
    ctx,
    await buildUser(ctx, {
      roles: [
        "learner",
        { role: "learner_admin", organisationId: leeds, expiresAt: new Date(Date.now() - 1000) },
      ],
    }),
  );
  await addEvent(learnerAdmin.id, "reports.learner_progress", "2026-03-10T10:00:00Z", {
    rows: 42,
    filters: { course: "x" },
  });
  await addEvent(learnerAdmin.id, "reports.export", "2026-03-12T23:30:00Z", { rows: 7 });
  await addEvent(admin.id, "users.search", "2026-03-11T09:00:00Z", { rows: 3 });
});
afterAll(async () => ctx.close());

const get = (url: string, cookie?: string) =>
  ctx.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });

describe("searching the audit log", () => {
  it("401 signed out, 403 for learners and learner administrators", async () => {
    expect((await get("/api/admin/audit-events")).statusCode).toBe(401);
    for (const cookie of [learnerCookie, learnerAdminCookie, lapsedCookie]) {
      const response = await get("/api/admin/audit-events", cookie);
      expect(response.statusCode).toBe(403);
      expect(response.json().message).toMatch(/Only platform administrators/);
    }
  });

  it("filters by actor name or email, action, subject and dates, newest first, and audits the search", async () => {
    const byName = (
      await get("/api/admin/audit-events?actor=robin%20okafor", adminCookie)
    ).json() as AuditEventPage;
    expect(byName.items.map((e) => e.action)).toEqual(["reports.export", "reports.learner_progress"]);
    expect(byName.items[1]).toMatchObject({
      actor: { name: "Robin Okafor", email: "robin.okafor@example.test" },
      rows: 42,
      requestId: "req-1",
      ipAddress: "10.0.0.1",
      subjectType: "report",
      details: { rows: 42, filters: { course: "x" } },
    });
    const byEmail = (
      await get("/api/admin/audit-events?actor=robin.okafor@", adminCookie)
    ).json() as AuditEventPage;
    expect(byEmail.total).toBe(2);
    const byAction = (
      await get(
        "/api/admin/audit-events?action=users.search&subjectType=report&subjectId=learner-progress",
        adminCookie,
      )
    ).json() as AuditEventPage;
    expect(byAction.items).toHaveLength(1);
    // 23:30 UTC on 12 March is still 12 March in the UK (GMT); "to" includes the whole day
    const byDates = (
      await get("/api/admin/audit-events?from=2026-03-11&to=2026-03-12", adminCookie)
    ).json() as AuditEventPage;
    expect(byDates.items.map((e) => e.action)).toEqual(["reports.export", "users.search"]);

    const [searched] = await auditFor(ctx, "audit.searched");
    expect(searched).toMatchObject({ actorUserId: admin.id });
    expect(searched?.details).toMatchObject({
      filters: { from: "2026-03-11", to: "2026-03-12" },
      rows: 2,
      total: 2,
    });
  });

  it("pages, with the page size capped", async () => {
    // filtered to one actor, so the searches themselves (recorded as they happen) do not shift the pages
    const url = "/api/admin/audit-events?actor=Okafor&pageSize=1";
    const first = (await get(`${url}&page=1`, adminCookie)).json() as AuditEventPage;
    const second = (await get(`${url}&page=2`, adminCookie)).json() as AuditEventPage;
    expect(first).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(first.items.map((e) => e.action)).toEqual(["reports.export"]);
    expect(second.items.map((e) => e.action)).toEqual(["reports.learner_progress"]);
    const tooBig = await get("/api/admin/audit-events?pageSize=101", adminCookie);
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().message).toMatch(/100 or fewer/);
  });

  it("refuses impossible dates and date ranges, and unknown filters", async () => {
    const before = (await auditFor(ctx, "audit.searched")).length;
    const backwards = await get("/api/admin/audit-events?from=2026-03-12&to=2026-03-01", adminCookie);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().details[0]).toMatchObject({ field: "to" });
    expect(backwards.json().message).toMatch(/end date must be the same as or after the start date/);
    const impossible = await get("/api/admin/audit-events?from=2026-02-30", adminCookie);
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().message).toMatch(/real date/);
    expect((await get("/api/admin/audit-events?from=yesterday", adminCookie)).statusCode).toBe(400);
    expect((await get("/api/admin/audit-events?colour=red", adminCookie)).statusCode).toBe(400);
    expect((await auditFor(ctx, "audit.searched")).length).toBe(before);
  });
});

describe("a learner administrator's own entries", () => {
  it("401 signed out; 403 without learner administrator access, including lapsed access", async () => {
    expect((await get("/api/audit-events/mine")).statusCode).toBe(401);
    expect((await get("/api/audit-events/mine", learnerCookie)).statusCode).toBe(403);
    expect((await get("/api/audit-events/mine", lapsedCookie)).statusCode).toBe(403);
  });

  it("shows only their own entries, newest first", async () => {
    const response = await get("/api/audit-events/mine?pageSize=10", learnerAdminCookie);
    expect(response.statusCode).toBe(200);
    const page = response.json() as AuditEventPage;
    expect(page.items.map((e) => e.action)).toEqual(["reports.export", "reports.learner_progress"]);
    expect(page.items.every((e) => e.actor?.email === "robin.okafor@example.test")).toBe(true);
    expect((await get("/api/audit-events/mine?pageSize=500", learnerAdminCookie)).statusCode).toBe(400);
  });

  it("a platform administrator without learner administrator access is refused too", async () => {
    expect((await get("/api/audit-events/mine", adminCookie)).statusCode).toBe(403);
  });
});
