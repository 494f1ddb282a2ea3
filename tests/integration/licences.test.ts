import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import type { Role } from "../../src/shared/accounts.js";
import type { Catalogue } from "../../src/shared/catalogue.js";
import type { Licence, LicencePage } from "../../src/shared/entitlements.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  entitlementCounts,
  organisationByOds,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;
let trustId: string;
let otherTrustId: string;
let practitionerId: string;
let introductoryWithLessons: string;

const DAY = 86_400_000;
const today = () => ukDate(new Date());
const daysFromToday = (days: number) => ukDate(new Date(Date.now() + days * DAY));

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildAdmin(ctx);
  adminCookie = await signIn(ctx, admin);
  trustId = await organisationByOds(ctx, "RR8");
  otherTrustId = await organisationByOds(ctx, "RX1");
  const catalogue = (await ctx.app.inject({ method: "GET", url: "/api/catalogue" })).json() as Catalogue;
  const cards = catalogue.programmes.flatMap((p) => p.courses);
  practitionerId = cards.find((c) => c.level === "practitioner")?.id ?? "";
  introductoryWithLessons =
    cards.find((c) => c.slug === "productive-community-services-introductory")?.id ?? "";
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "PATCH";
const call = (method: Method, url: string, cookie?: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

const create = async (payload: Record<string, unknown> = {}) => {
  const response = await call("POST", "/api/admin/licences", adminCookie, {
    organisationId: trustId,
    courseId: practitionerId,
    seats: 10,
    startsOn: daysFromToday(-30),
    endsOn: daysFromToday(335),
    note: "Purchase order 4471",
    ...payload,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Licence;
};

describe("POST /api/admin/licences", () => {
  it("records a licence with its organisation and course, no seats used yet, and audits it", async () => {
    const licence = await create();
    expect(licence).toMatchObject({
      organisation: { id: trustId, odsCode: "RR8" },
      course: { id: practitionerId, level: "practitioner" },
      seats: 10,
      seatsUsed: 0,
      status: "current",
      note: "Purchase order 4471",
    });
    expect(licence.organisation.name).toMatch(/Leeds/);
    const [audit] = await auditFor(ctx, "licences.create");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: licence.id });
    expect(audit?.details).toMatchObject({ organisationId: trustId, seats: 10 });
  });

  it("says whether a licence is upcoming, current or ended by today's UK date", async () => {
    const upcoming = await create({ startsOn: daysFromToday(1), endsOn: daysFromToday(30), note: null });
    const ended = await create({ startsOn: daysFromToday(-30), endsOn: daysFromToday(-1) });
    const oneDay = await create({ startsOn: today(), endsOn: today() });
    expect([upcoming.status, ended.status, oneDay.status]).toEqual(["upcoming", "ended", "current"]);
    expect(upcoming.note).toBeNull();
  });

  it("gives the organisation's learners seats: each enrolment takes one, and the list counts them", async () => {
    const licence = await create({
      organisationId: otherTrustId,
      courseId: introductoryWithLessons,
      seats: 1,
    });
    const learner = await buildUser(ctx, { sector: "nhs_outside_england", organisationId: otherTrustId });
    const enrolled = await call("POST", "/api/enrolments", await signIn(ctx, learner), {
      courseId: introductoryWithLessons,
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json().enrolment.via).toBe("licence");
    const next = await buildUser(ctx, { sector: "nhs_outside_england", organisationId: otherTrustId });
    const full = await call("POST", "/api/enrolments", await signIn(ctx, next), {
      courseId: introductoryWithLessons,
    });
    expect(full.json().error).toBe("payment_required");
    const listed = (
      await call("GET", `/api/admin/licences?organisationId=${otherTrustId}`, adminCookie)
    ).json() as LicencePage;
    expect(listed.items.find((l) => l.id === licence.id)).toMatchObject({ seats: 1, seatsUsed: 1 });
  });

  it.each([
    ["no seats", { seats: 0 }, "seats"],
    ["part of a seat", { seats: 1.5 }, "seats"],
    ["seats as text", { seats: "10" }, "seats"],
    ["too many seats", { seats: 100_001 }, "seats"],
    ["a date that does not exist", { startsOn: "2026-02-30" }, "startsOn"],
    ["a date in another format", { endsOn: "24/12/2026" }, "endsOn"],
    ["an end before the start", { startsOn: "2026-06-01", endsOn: "2026-05-31" }, "endsOn"],
    ["a note over 1,000 characters", { note: "x".repeat(1001) }, "note"],
    [
      "an organisation not in the directory",
      { organisationId: "00000000-0000-4000-8000-000000000000" },
      "organisationId",
    ],
    ["a course that does not exist", { courseId: "00000000-0000-4000-8000-000000000000" }, "courseId"],
    ["a malformed organisation id", { organisationId: "RR8" }, "organisationId"],
    ["an unknown field", { price: 100 }, "price"],
  ])("answers 400 to %s, naming the field and writing nothing", async (_label, change, field) => {
    const before = await entitlementCounts(ctx);
    const response = await call("POST", "/api/admin/licences", adminCookie, {
      organisationId: trustId,
      courseId: practitionerId,
      seats: 5,
      startsOn: "2026-04-01",
      endsOn: "2027-03-31",
      ...change,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details.map((d: { field?: string }) => d.field)).toContain(field);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("GET /api/admin/licences", () => {
  it("lists licences latest ending first, filters by organisation and course, a page at a time", async () => {
    const organisationId = await organisationByOds(ctx, "RGT");
    const early = await create({ organisationId, endsOn: daysFromToday(100) });
    const late = await create({ organisationId, endsOn: daysFromToday(200) });
    const page = (
      await call("GET", `/api/admin/licences?organisationId=${organisationId}`, adminCookie)
    ).json() as LicencePage;
    expect(page.items.map((l) => l.id)).toEqual([late.id, early.id]);
    const second = (
      await call("GET", `/api/admin/licences?organisationId=${organisationId}&pageSize=1&page=2`, adminCookie)
    ).json() as LicencePage;
    expect(second).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(second.items.map((l) => l.id)).toEqual([early.id]);
    const none = (
      await call(
        "GET",
        `/api/admin/licences?organisationId=${organisationId}&courseId=${introductoryWithLessons}`,
        adminCookie,
      )
    ).json() as LicencePage;
    expect(none.total).toBe(0);
  });

  it("counts seats used from the enrolments made through each licence", async () => {
    const licence = await create({ seats: 3 });
    await buildEnrolment(ctx, { courseId: practitionerId, licenceId: licence.id });
    await buildEnrolment(ctx, { courseId: practitionerId, licenceId: licence.id });
    const one = await call("GET", `/api/admin/licences/${licence.id}`, adminCookie);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id: licence.id, seats: 3, seatsUsed: 2 });
  });

  it("answers 404 for an unknown licence and 400 for bad filters", async () => {
    expect(
      (await call("GET", "/api/admin/licences/00000000-0000-4000-8000-000000000000", adminCookie)).statusCode,
    ).toBe(404);
    expect((await call("GET", "/api/admin/licences/nope", adminCookie)).statusCode).toBe(400);
    expect((await call("GET", "/api/admin/licences?organisationId=RR8", adminCookie)).statusCode).toBe(400);
    expect((await call("GET", "/api/admin/licences?pageSize=500", adminCookie)).statusCode).toBe(400);
  });
});

describe("PATCH /api/admin/licences/:id", () => {
  it("changes seats, dates and note, and audits what it was before", async () => {
    const licence = await create({ seats: 5, startsOn: "2026-04-01", endsOn: "2027-03-31" });
    const response = await call("PATCH", `/api/admin/licences/${licence.id}`, adminCookie, {
      seats: 8,
      endsOn: "2027-06-30",
      note: "",
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      seats: 8,
      startsOn: "2026-04-01",
      endsOn: "2027-06-30",
      note: null,
    });
    const [audit] = await auditFor(ctx, "licences.update");
    expect(audit?.subjectId).toBe(licence.id);
    expect(audit?.details).toMatchObject({
      before: { seats: 5, endsOn: "2027-03-31", note: "Purchase order 4471" },
      changes: { seats: 8, endsOn: "2027-06-30", note: null },
    });
  });

  it("lowers seats down to the number used, and answers 409 with both numbers below it, writing nothing", async () => {
    const licence = await create({ seats: 5 });
    for (let i = 0; i < 3; i += 1)
      await buildEnrolment(ctx, { courseId: practitionerId, licenceId: licence.id });
    const before = await entitlementCounts(ctx);
    const tooFew = await call("PATCH", `/api/admin/licences/${licence.id}`, adminCookie, { seats: 2 });
    expect(tooFew.statusCode).toBe(409);
    expect(tooFew.json()).toMatchObject({
      error: "seats_in_use",
      message:
        "3 seats of this licence are already taken, so it cannot have fewer than 3 seats. You asked for 2 seats.",
      details: [{ field: "seats" }],
    });
    expect(await entitlementCounts(ctx)).toEqual(before);
    const exact = await call("PATCH", `/api/admin/licences/${licence.id}`, adminCookie, { seats: 3 });
    expect(exact.statusCode).toBe(200);
    expect(exact.json()).toMatchObject({ seats: 3, seatsUsed: 3 });
  });

  it.each([
    ["an end date before the licence's start", { endsOn: "2026-03-31" }, "endsOn"],
    ["a start date after the licence's end", { startsOn: "2027-04-01" }, "startsOn"],
    ["dates out of order", { startsOn: "2027-01-02", endsOn: "2027-01-01" }, "endsOn"],
    ["no seats", { seats: 0 }, "seats"],
    [
      "a change to the organisation",
      { organisationId: "00000000-0000-4000-8000-000000000000" },
      "organisationId",
    ],
  ])("answers 400 to %s, writing nothing", async (_label, change, field) => {
    const licence = await create({ startsOn: "2026-04-01", endsOn: "2027-03-31" });
    const before = await entitlementCounts(ctx);
    const response = await call("PATCH", `/api/admin/licences/${licence.id}`, adminCookie, change);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().details.map((d: { field?: string }) => d.field)).toContain(field);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 400 to an empty change and 404 to an unknown licence, writing nothing", async () => {
    const licence = await create();
    const before = await entitlementCounts(ctx);
    const empty = await call("PATCH", `/api/admin/licences/${licence.id}`, adminCookie, {});
    expect(empty.statusCode).toBe(400);
    const unknown = await call(
      "PATCH",
      "/api/admin/licences/00000000-0000-4000-8000-000000000000",
      adminCookie,
      { seats: 4 },
    );
    expect(unknown.statusCode).toBe(404);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("who may manage licences", () => {
  async function endpoints(): Promise<Array<[Method, string, Record<string, unknown> | undefined]>> {
    const licence = await create();
    return [
      ["GET", "/api/admin/licences", undefined],
      ["GET", `/api/admin/licences/${licence.id}`, undefined],
      [
        "POST",
        "/api/admin/licences",
        { organisationId: trustId, courseId: practitionerId, seats: 2, startsOn: today(), endsOn: today() },
      ],
      ["PATCH", `/api/admin/licences/${licence.id}`, { seats: 20 }],
    ];
  }

  it("answers 401 without a session, writing nothing", async () => {
    for (const [method, url, payload] of await endpoints()) {
      const before = await entitlementCounts(ctx);
      expect((await call(method, url, undefined, payload)).statusCode, `${method} ${url}`).toBe(401);
      expect(await entitlementCounts(ctx)).toEqual(before);
    }
  });

  const wrongRoles: Array<[string, Array<Role | "own-org-admin">]> = [
    ["a learner", ["learner"]],
    ["a learner administrator of the licence's own organisation", ["learner", "own-org-admin"]],
    ["a content editor", ["learner", "content_editor"]],
  ];
  it.each(wrongRoles)("answers 403 to %s, writing nothing", async (_label, roles) => {
    const cookie = await signIn(
      ctx,
      await buildUser(ctx, {
        roles: roles.map((r) =>
          r === "own-org-admin" ? { role: "learner_admin" as const, organisationId: trustId } : r,
        ),
      }),
    );
    for (const [method, url, payload] of await endpoints()) {
      const before = await entitlementCounts(ctx);
      const response = await call(method, url, cookie, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(await entitlementCounts(ctx)).toEqual(before);
    }
  });
});
