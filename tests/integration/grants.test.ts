import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/shared/accounts.js";
import type { Catalogue } from "../../src/shared/catalogue.js";
import type { Grant, GrantPage } from "../../src/shared/entitlements.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  entitlementCounts,
  mailTo,
  organisationByOds,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;
let courseByLevel: (level: string) => { id: string; title: string };
let introductoryWithLessons: string;

beforeAll(async () => {
  ctx = await createTestApp();
  admin = await buildAdmin(ctx, { givenName: "Priya", familyName: "Shah" });
  adminCookie = await signIn(ctx, admin);
  const catalogue = (await ctx.app.inject({ method: "GET", url: "/api/catalogue" })).json() as Catalogue;
  const cards = catalogue.programmes.flatMap((p) => p.courses);
  courseByLevel = (level) => {
    const card = cards.find((c) => c.level === level);
    if (!card) throw new Error(`no ${level} course`);
    return card;
  };
  const pcsIntro = cards.find((c) => c.slug === "productive-community-services-introductory");
  if (!pcsIntro) throw new Error("no Productive Community Services Introductory course");
  introductoryWithLessons = pcsIntro.id;
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "DELETE";
const call = (method: Method, url: string, cookie?: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

const give = async (payload: Record<string, unknown>) => {
  const response = await call("POST", "/api/admin/grants", adminCookie, payload);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Grant;
};

describe("POST /api/admin/grants", () => {
  it("gives a learner a place by email, emails them a link to the course, and audits it", async () => {
    const learner = await buildUser(ctx, { givenName: "Sam", familyName: "Okafor" });
    const course = courseByLevel("practitioner");
    const grant = await give({
      email: `  ${learner.email.toUpperCase()} `,
      courseId: course.id,
      reason: "Ward manager sponsored by the trust",
    });
    expect(grant).toMatchObject({
      user: { id: learner.id, name: "Sam Okafor", email: learner.email },
      course: { id: course.id, title: course.title, level: "practitioner" },
      reason: "Ward manager sponsored by the trust",
      status: "live",
      grantedByName: "Priya Shah",
      revokedAt: null,
      enrolmentId: null,
    });
    const [mail] = await mailTo(ctx, learner.email);
    expect(mail?.subject).toBe(`You have been given a place on ${course.title}`);
    expect(mail?.text).toContain(`${ctx.config.publicUrl}/courses/${course.id}`);
    expect(mail?.text).toContain("Dear Sam,");
    const [audit] = await auditFor(ctx, "grants.create");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: grant.id });
    expect(audit?.details).toMatchObject({ userId: learner.id, courseId: course.id });
  });

  it("gives a place by user id too", async () => {
    const learner = await buildUser(ctx);
    const grant = await give({
      userId: learner.id,
      courseId: courseByLevel("facilitator").id,
      reason: "Bursary",
    });
    expect(grant.user.id).toBe(learner.id);
  });

  it("lets the learner enrol without paying, recording the grant the enrolment used", async () => {
    const learner = await buildUser(ctx, { sector: "independent", organisationId: null });
    const cookie = await signIn(ctx, learner);
    const before = await call("POST", "/api/enrolments", cookie, { courseId: introductoryWithLessons });
    expect(before.statusCode).toBe(403);
    expect(before.json().error).toBe("payment_required");
    const grant = await give({ email: learner.email, courseId: introductoryWithLessons, reason: "Student" });
    const enrolled = await call("POST", "/api/enrolments", cookie, { courseId: introductoryWithLessons });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    expect(enrolled.json().enrolment.via).toBe("grant");
    const listed = (
      await call("GET", `/api/admin/grants?email=${encodeURIComponent(learner.email)}`, adminCookie)
    ).json() as GrantPage;
    expect(listed.items[0]).toMatchObject({
      id: grant.id,
      status: "used",
      enrolmentId: enrolled.json().enrolment.id,
    });
    const used = (
      await call(
        "GET",
        `/api/admin/grants?status=used&email=${encodeURIComponent(learner.email)}`,
        adminCookie,
      )
    ).json() as GrantPage;
    expect(used.items.map((g) => g.id)).toEqual([grant.id]);
  });

  it("answers 409 when the learner already has a live place on the course, writing nothing", async () => {
    const learner = await buildUser(ctx);
    const course = courseByLevel("programme_manager");
    await give({ email: learner.email, courseId: course.id, reason: "First" });
    const before = await entitlementCounts(ctx);
    const again = await call("POST", "/api/admin/grants", adminCookie, {
      email: learner.email,
      courseId: course.id,
      reason: "Second",
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain("already has a place");
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 409 when the learner is already enrolled on the course, writing nothing", async () => {
    const enrolment = await buildEnrolment(ctx, { level: "practitioner" });
    const before = await entitlementCounts(ctx);
    const response = await call("POST", "/api/admin/grants", adminCookie, {
      userId: enrolment.userId,
      courseId: enrolment.course.id,
      reason: "Too late",
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toContain("already enrolled");
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it("answers 404 for an unknown learner or course, writing nothing", async () => {
    const learner = await buildUser(ctx);
    const before = await entitlementCounts(ctx);
    const cases: Array<Record<string, unknown>> = [
      { email: "nobody@example.test", courseId: courseByLevel("practitioner").id, reason: "x" },
      {
        userId: "00000000-0000-4000-8000-000000000000",
        courseId: courseByLevel("practitioner").id,
        reason: "x",
      },
      { email: learner.email, courseId: "00000000-0000-4000-8000-000000000000", reason: "x" },
    ];
    for (const payload of cases) {
      const response = await call("POST", "/api/admin/grants", adminCookie, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(404);
      expect(response.json().error).toBe("not_found");
    }
    expect(await entitlementCounts(ctx)).toEqual(before);
  });

  it.each([
    ["no learner", { courseId: "course", reason: "x" }, "email"],
    [
      "both email and id",
      { email: "a@b.test", userId: "00000000-0000-4000-8000-000000000000", courseId: "course", reason: "x" },
      "email",
    ],
    ["a malformed email", { email: "not-an-email", courseId: "course", reason: "x" }, "email"],
    ["no reason", { email: "a@b.test", courseId: "course", reason: "  " }, "reason"],
    [
      "a reason over 500 characters",
      { email: "a@b.test", courseId: "course", reason: "x".repeat(501) },
      "reason",
    ],
    ["a malformed course id", { email: "a@b.test", courseId: "nope", reason: "x" }, "courseId"],
    ["an unknown field", { email: "a@b.test", courseId: "course", reason: "x", seats: 3 }, "seats"],
  ])("answers 400 to %s, naming the field and writing nothing", async (_label, payload, field) => {
    const body = { ...payload };
    if (body.courseId === "course") body.courseId = courseByLevel("practitioner").id;
    const before = await entitlementCounts(ctx);
    const response = await call("POST", "/api/admin/grants", adminCookie, body);
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field?: string }) => d.field)).toContain(field);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("GET /api/admin/grants", () => {
  it("filters by part of the email, by course and by status, newest first, a page at a time; audited", async () => {
    const learner = await buildUser(ctx, { email: `filter-${Date.now()}@grants.test` });
    const practitioner = courseByLevel("practitioner");
    const facilitator = courseByLevel("facilitator");
    const first = await give({ email: learner.email, courseId: practitioner.id, reason: "One" });
    const second = await give({ email: learner.email, courseId: facilitator.id, reason: "Two" });

    const byEmail = (
      await call("GET", `/api/admin/grants?email=${encodeURIComponent("@grants.test")}`, adminCookie)
    ).json() as GrantPage;
    expect(byEmail.total).toBe(2);
    expect(byEmail.items.map((g) => g.id)).toEqual([second.id, first.id]);

    const paged = (
      await call("GET", `/api/admin/grants?email=grants.test&pageSize=1&page=2`, adminCookie)
    ).json() as GrantPage;
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items.map((g) => g.id)).toEqual([first.id]);

    const byCourse = (
      await call("GET", `/api/admin/grants?email=grants.test&courseId=${facilitator.id}`, adminCookie)
    ).json() as GrantPage;
    expect(byCourse.items.map((g) => g.id)).toEqual([second.id]);

    await call("DELETE", `/api/admin/grants/${first.id}`, adminCookie);
    const revoked = (
      await call("GET", "/api/admin/grants?email=grants.test&status=revoked", adminCookie)
    ).json() as GrantPage;
    expect(revoked.items.map((g) => g.id)).toEqual([first.id]);
    const live = (
      await call("GET", "/api/admin/grants?email=grants.test&status=live", adminCookie)
    ).json() as GrantPage;
    expect(live.items.map((g) => g.id)).toEqual([second.id]);

    const [audit] = await auditFor(ctx, "grants.search");
    expect(audit?.actorUserId).toBe(admin.id);
    expect(audit?.details).toMatchObject({ filters: { email: "grants.test", status: "live" }, rows: 1 });
  });

  it("treats % and _ in the email filter as text", async () => {
    const response = await call("GET", "/api/admin/grants?email=%25", adminCookie);
    expect(response.statusCode).toBe(200);
    expect((response.json() as GrantPage).total).toBe(0);
  });

  it.each([
    ["?pageSize=101", "pageSize"],
    ["?page=0", "page"],
    ["?courseId=nope", "courseId"],
    ["?status=maybe", "status"],
  ])("answers 400 to %s, writing nothing", async (query, field) => {
    const before = await entitlementCounts(ctx);
    const response = await call("GET", `/api/admin/grants${query}`, adminCookie);
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].field).toBe(field);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("DELETE /api/admin/grants/:id", () => {
  it("revokes a place so it can no longer be used, and audits it; it can then be given again", async () => {
    const learner = await buildUser(ctx, { sector: "independent", organisationId: null });
    const grant = await give({ email: learner.email, courseId: introductoryWithLessons, reason: "Trial" });
    const response = await call("DELETE", `/api/admin/grants/${grant.id}`, adminCookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id: grant.id, status: "revoked", revokedByName: "Priya Shah" });
    const [audit] = await auditFor(ctx, "grants.revoke");
    expect(audit).toMatchObject({ actorUserId: admin.id, subjectId: grant.id });

    const enrol = await call("POST", "/api/enrolments", await signIn(ctx, learner), {
      courseId: introductoryWithLessons,
    });
    expect(enrol.statusCode).toBe(403);
    expect(enrol.json().error).toBe("payment_required");

    const again = await give({ email: learner.email, courseId: introductoryWithLessons, reason: "Again" });
    expect(again.status).toBe("live");
  });

  it("keeps an enrolment already made with the place", async () => {
    const learner = await buildUser(ctx);
    const course = courseByLevel("facilitator");
    const grant = await give({ email: learner.email, courseId: course.id, reason: "Used" });
    const enrolment = await buildEnrolment(ctx, {
      userId: learner.id,
      courseId: course.id,
      grantId: grant.id,
    });
    const response = await call("DELETE", `/api/admin/grants/${grant.id}`, adminCookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: "revoked", enrolmentId: enrolment.id });
    const [row] = (await ctx.database.rawQuery("select state, grant_id from enrolments where id = $1", [
      enrolment.id,
    ])) as Array<{ state: string; grant_id: string }>;
    expect(row).toEqual({ state: "active", grant_id: grant.id });
  });

  it("answers 409 to revoking twice and 404 to an unknown place, writing nothing", async () => {
    const learner = await buildUser(ctx);
    const grant = await give({ email: learner.email, courseId: courseByLevel("foundation").id, reason: "x" });
    await call("DELETE", `/api/admin/grants/${grant.id}`, adminCookie);
    const before = await entitlementCounts(ctx);
    const twice = await call("DELETE", `/api/admin/grants/${grant.id}`, adminCookie);
    expect(twice.statusCode).toBe(409);
    const unknown = await call(
      "DELETE",
      "/api/admin/grants/00000000-0000-4000-8000-000000000000",
      adminCookie,
    );
    expect(unknown.statusCode).toBe(404);
    const malformed = await call("DELETE", "/api/admin/grants/nope", adminCookie);
    expect(malformed.statusCode).toBe(400);
    expect(await entitlementCounts(ctx)).toEqual(before);
  });
});

describe("who may manage places", () => {
  async function endpoints(): Promise<Array<[Method, string, Record<string, unknown> | undefined]>> {
    const learner = await buildUser(ctx);
    const grant = await give({
      email: learner.email,
      courseId: courseByLevel("practitioner").id,
      reason: "x",
    });
    const other = await buildUser(ctx);
    return [
      ["GET", "/api/admin/grants", undefined],
      [
        "POST",
        "/api/admin/grants",
        { email: other.email, courseId: courseByLevel("practitioner").id, reason: "x" },
      ],
      ["DELETE", `/api/admin/grants/${grant.id}`, undefined],
    ];
  }

  it("answers 401 without a session, writing nothing", async () => {
    for (const [method, url, payload] of await endpoints()) {
      const before = await entitlementCounts(ctx);
      const response = await call(method, url, undefined, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(await entitlementCounts(ctx)).toEqual(before);
    }
  });

  const wrongRoles: Array<[string, Array<Role | "org-admin">]> = [
    ["a learner", ["learner"]],
    ["a content editor", ["learner", "content_editor"]],
    ["a learner administrator of an organisation", ["learner", "org-admin"]],
  ];
  it.each(wrongRoles)("answers 403 to %s, writing nothing", async (_label, roles) => {
    const trustId = await organisationByOds(ctx, "RX1");
    const cookie = await signIn(
      ctx,
      await buildUser(ctx, {
        roles: roles.map((r) =>
          r === "org-admin" ? { role: "learner_admin" as const, organisationId: trustId } : r,
        ),
      }),
    );
    for (const [method, url, payload] of await endpoints()) {
      const before = await entitlementCounts(ctx);
      const response = await call(method, url, cookie, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error).toBe("forbidden");
      expect(await entitlementCounts(ctx)).toEqual(before);
    }
  });
});
