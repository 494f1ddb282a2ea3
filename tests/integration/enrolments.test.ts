import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  courses,
  enrolmentGrants,
  enrolments,
  organisationLicences,
} from "../../src/server/db/schema/index.js";
import type { CourseViewer } from "../../src/shared/learning.js";
import { buildUser, organisationByOds, signIn, tableCounts } from "../support/factories.js";
import { addArticleStep, courseIdBySlug } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let introductory: string;
let accreditedIntro: string;
let foundation: string;
let practitioner: string;
let noLessons: string;

beforeAll(async () => {
  ctx = await createTestApp();
  introductory = await courseIdBySlug(ctx, "productive-community-services-introductory");
  accreditedIntro = await addArticleStep(ctx, "productive-community-services-accredited-introduction");
  foundation = await addArticleStep(ctx, "productive-community-services-foundation");
  practitioner = await addArticleStep(ctx, "productive-community-services-practitioner");
  noLessons = await courseIdBySlug(ctx, "productive-ward-foundation");
});
afterAll(async () => ctx.close());

const enrol = (cookie: string | null, payload: unknown) =>
  ctx.app.inject({
    method: "POST",
    url: "/api/enrolments",
    headers: cookie ? { cookie } : {},
    payload: payload as Record<string, unknown>,
  });
const standing = (cookie: string | null, courseId: string) =>
  ctx.app.inject({
    method: "GET",
    url: `/api/courses/${courseId}/enrolment`,
    headers: cookie ? { cookie } : {},
  });
const enrolmentCount = async () => {
  const [row] = await ctx.database.db.select({ n: count() }).from(enrolments);
  return row?.n ?? 0;
};
const learner = async (options: Parameters<typeof buildUser>[1] = {}) => {
  const user = await buildUser(ctx, options);
  return { user, cookie: await signIn(ctx, user) };
};

describe("POST /api/enrolments", () => {
  it("enrols an NHS England learner on Introductory for free, with a 6-month window; enrolling again is harmless", async () => {
    const { cookie } = await learner();
    const before = Date.now();
    const first = await enrol(cookie, { courseId: introductory });
    expect(first.statusCode, first.body).toBe(201);
    const body = first.json();
    expect(body.created).toBe(true);
    expect(body.enrolment).toMatchObject({
      courseId: introductory,
      state: "active",
      via: "free",
      readOnly: false,
    });
    const starts = new Date(body.enrolment.startsAt);
    const expires = new Date(body.enrolment.expiresAt);
    expect(starts.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const months =
      (expires.getUTCFullYear() - starts.getUTCFullYear()) * 12 +
      expires.getUTCMonth() -
      starts.getUTCMonth();
    expect(months).toBe(6);

    const again = await enrol(cookie, { courseId: introductory });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, enrolment: { id: body.enrolment.id } });
  });

  it("keeps one enrolment when the same learner enrols twice at the same moment", async () => {
    const { user, cookie } = await learner();
    const results = await Promise.all([
      enrol(cookie, { courseId: introductory }),
      enrol(cookie, { courseId: introductory }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 201]);
    const [row] = await ctx.database.db
      .select({ n: count() })
      .from(enrolments)
      .where(eq(enrolments.userId, user.id));
    expect(row?.n).toBe(1);
  });

  it("tells a learner outside NHS England what Introductory costs them, and writes nothing", async () => {
    const { cookie } = await learner({ sector: "non_nhs", organisationId: null });
    const before = await enrolmentCount();
    const response = await enrol(cookie, { courseId: introductory });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: "payment_required",
      message: expect.stringContaining(
        "Introductory is free for NHS England staff. For your sector it costs £45 (£54 including VAT)",
      ),
    });
    expect(await enrolmentCount()).toBe(before);
  });

  it("refuses a learner who has not confirmed their email address (not_eligible)", async () => {
    const { cookie } = await learner({ verified: false });
    const response = await enrol(cookie, { courseId: introductory });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: "not_eligible",
      message: expect.stringContaining("Confirm your email"),
    });
  });

  it("asks for the declaration on Accredited Introduction before anything else", async () => {
    const { cookie } = await learner();
    const before = await enrolmentCount();
    const response = await enrol(cookie, { courseId: accreditedIntro });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe("declaration_required");
    // Declared, but £15 and nothing entitles them: payment_required.
    const declared = await enrol(cookie, { courseId: accreditedIntro, declaration: true });
    expect(declared.json().error).toBe("payment_required");
    expect(declared.json().message).toContain("£15 (£18 including VAT)");
    expect(await enrolmentCount()).toBe(before);
  });

  it("enrols through an administrator's grant, and records the declaration", async () => {
    const { user, cookie } = await learner();
    const [grant] = await ctx.database.db
      .insert(enrolmentGrants)
      .values({ userId: user.id, courseId: accreditedIntro, reason: "Sponsored by the programme team" })
      .returning();
    const response = await enrol(cookie, { courseId: accreditedIntro, declaration: true });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().enrolment.via).toBe("grant");
    const [row] = await ctx.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, response.json().enrolment.id));
    expect(row?.grantId).toBe(grant?.id);
    expect(row?.declaredAt).toBeInstanceOf(Date);
    expect(row?.priceExVatPence).toBe(1_500);
  });

  it("takes a seat on the learner's organisation licence, and refuses once the seats are gone", async () => {
    const organisationId = await organisationByOds(ctx, "RR8");
    const today = new Date().toISOString().slice(0, 10);
    const [licence] = await ctx.database.db
      .insert(organisationLicences)
      .values({
        organisationId,
        courseId: foundation,
        seats: 1,
        startsOn: "2020-01-01",
        endsOn: "2099-12-31",
      })
      .returning();
    const first = await learner({ organisationId });
    const second = await learner({ organisationId });
    const standingBefore = (await standing(second.cookie, foundation)).json() as CourseViewer;
    expect(standingBefore).toMatchObject({ canEnrol: true, entitlement: "licence", refusal: null });

    const taken = await enrol(first.cookie, { courseId: foundation });
    expect(taken.statusCode, taken.body).toBe(201);
    expect(taken.json().enrolment.via).toBe("licence");
    const [row] = await ctx.database.db
      .select()
      .from(enrolments)
      .where(eq(enrolments.id, taken.json().enrolment.id));
    expect(row?.licenceId).toBe(licence?.id);

    const refused = await enrol(second.cookie, { courseId: foundation });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe("payment_required");
    expect(refused.json().message).toContain("Ask your organisation for a seat on its licence");
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("gives the last licence seat to exactly one of two learners enrolling at once", async () => {
    const organisationId = await organisationByOds(ctx, "RR8");
    await ctx.database.db.insert(organisationLicences).values({
      organisationId,
      courseId: practitioner,
      seats: 1,
      startsOn: "2020-01-01",
      endsOn: "2099-12-31",
    });
    const a = await learner({ organisationId });
    const b = await learner({ organisationId });
    const results = await Promise.all([
      enrol(a.cookie, { courseId: practitioner }),
      enrol(b.cookie, { courseId: practitioner }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 403]);
  });

  it("ignores licences outside their dates and other organisations' licences", async () => {
    const mine = await organisationByOds(ctx, "RR8");
    const other = await organisationByOds(ctx, "RYJ");
    const courseId = await addArticleStep(ctx, "productive-ward-practitioner");
    await ctx.database.db.insert(organisationLicences).values([
      { organisationId: mine, courseId, seats: 5, startsOn: "2020-01-01", endsOn: "2020-12-31" },
      { organisationId: other, courseId, seats: 5, startsOn: "2020-01-01", endsOn: "2099-12-31" },
    ]);
    const { cookie } = await learner({ organisationId: mine });
    const response = await enrol(cookie, { courseId });
    expect(response.statusCode).toBe(403);
    expect(response.json().error).toBe("payment_required");
  });

  it("refuses a course whose lessons are not published yet (not_available)", async () => {
    const { cookie } = await learner();
    const response = await enrol(cookie, { courseId: noLessons });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: "not_available",
      message: expect.stringContaining("not published yet"),
    });
  });

  it("answers 404 for unknown and unpublished courses, writing nothing", async () => {
    const { cookie } = await learner();
    const draft = await addArticleStep(ctx, "productive-operating-theatre-introductory");
    await ctx.database.db.update(courses).set({ status: "draft" }).where(eq(courses.id, draft));
    const before = await tableCounts(ctx);
    const enrolledBefore = await enrolmentCount();
    for (const courseId of ["7d1f3b8e-0000-4000-8000-000000000000", draft]) {
      const response = await enrol(cookie, { courseId });
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toBe("not_found");
    }
    expect(await tableCounts(ctx)).toEqual(before);
    expect(await enrolmentCount()).toBe(enrolledBefore);
  });

  it("answers 400 for a malformed body and 401 when signed out", async () => {
    const { cookie } = await learner();
    for (const payload of [
      {},
      { courseId: "nope" },
      { courseId: introductory, declaration: "yes" },
      { courseId: introductory, extra: 1 },
    ]) {
      const response = await enrol(cookie, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().error).toBe("validation_failed");
    }
    const before = await enrolmentCount();
    const signedOut = await enrol(null, { courseId: introductory });
    expect(signedOut.statusCode).toBe(401);
    expect(await enrolmentCount()).toBe(before);
  });
});

describe("GET /api/courses/:id/enrolment", () => {
  it("shows an enrolled learner their enrolment, and others whether they can enrol and why not", async () => {
    const { cookie } = await learner();
    const open = (await standing(cookie, introductory)).json() as CourseViewer;
    expect(open).toMatchObject({
      enrolment: null,
      canEnrol: true,
      entitlement: "free",
      needsDeclaration: false,
    });
    await enrol(cookie, { courseId: introductory });
    const enrolled = (await standing(cookie, introductory)).json() as CourseViewer;
    expect(enrolled.enrolment?.courseId).toBe(introductory);
    expect(enrolled.canEnrol).toBe(false);

    const ai = (await standing(cookie, accreditedIntro)).json() as CourseViewer;
    expect(ai).toMatchObject({
      canEnrol: false,
      needsDeclaration: true,
      refusal: { error: "payment_required" },
    });
  });

  it("answers 401 signed out, 400 for a bad id, 404 for an unknown course", async () => {
    const { cookie } = await learner();
    expect((await standing(null, introductory)).statusCode).toBe(401);
    expect((await standing(cookie, "bad")).statusCode).toBe(400);
    expect((await standing(cookie, "7d1f3b8e-0000-4000-8000-000000000000")).statusCode).toBe(404);
  });
});

describe("the certificate name", () => {
  it("is frozen once an accredited course starts, while other profile changes still work", async () => {
    const { user, cookie } = await learner({ givenName: "Alex", familyName: "Morgan" });
    const patch = (payload: Record<string, unknown>) =>
      ctx.app.inject({ method: "PATCH", url: "/api/me", headers: { cookie }, payload });
    // Before any accredited course: free to change.
    expect((await patch({ certificateName: "Alex Morgan", certificateNameConfirmed: true })).statusCode).toBe(
      200,
    );
    await ctx.database.db
      .insert(enrolmentGrants)
      .values({ userId: user.id, courseId: accreditedIntro, reason: "Sponsored" });
    expect((await enrol(cookie, { courseId: accreditedIntro, declaration: true })).statusCode).toBe(201);

    const refused = await patch({ certificateName: "Someone Else", certificateNameConfirmed: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: "certificate_name_frozen",
      message: expect.stringContaining("support team"),
    });
    const renamed = await patch({ givenName: "Alexandra" });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ givenName: "Alexandra", certificateName: "Alex Morgan" });
  });
});
