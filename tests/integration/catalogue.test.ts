import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courses } from "../../src/server/db/schema/index.js";
import type { Catalogue, CourseCard } from "../../src/shared/catalogue.js";
import { buildUser, signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const catalogue = async (query = "", cookie?: string) => {
  const response = await ctx.app.inject({
    method: "GET",
    url: `/api/catalogue${query}`,
    headers: cookie ? { cookie } : {},
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Catalogue;
};
const allCourses = (c: Catalogue): CourseCard[] => c.programmes.flatMap((p) => p.courses);
const courseBySlug = async (slug: string) => {
  const found = allCourses(await catalogue()).find((c) => c.slug === slug);
  if (!found) throw new Error(`no course ${slug} in the catalogue`);
  return found;
};

describe("GET /api/catalogue", () => {
  it("lists the six programmes, each Productive Series programme at all six levels, in order", async () => {
    const result = await catalogue();
    expect(result.programmes.map((p) => p.title)).toEqual([
      "The Productive Ward",
      "The Productive Mental Health Ward",
      "The Productive Community Hospital",
      "Productive Community Services",
      "The Productive Operating Theatre",
      "Improvement Fundamentals",
    ]);
    for (const programme of result.programmes.filter((p) => p.kind === "productive_series")) {
      const levels = programme.courses.map((c) => c.level).filter((l) => l !== "module");
      expect(levels, programme.title).toEqual([
        "introductory",
        "accredited_introduction",
        "foundation",
        "practitioner",
        "facilitator",
        "programme_manager",
      ]);
    }
    expect(result.totalCourses).toBe(allCourses(result).length);
  });

  it("carries the known prices and access windows (domain.md), priced with VAT", async () => {
    const cards = allCourses(await catalogue());
    const ai = cards.filter((c) => c.level === "accredited_introduction");
    const pm = cards.filter((c) => c.level === "programme_manager");
    expect(ai.every((c) => c.priceExVatPence === 1_500 && c.price.text === "£15 (£18 including VAT)")).toBe(
      true,
    );
    expect(pm.every((c) => c.priceExVatPence === 59_500 && c.accessMonths === 18)).toBe(true);
    expect(cards.filter((c) => c.level === "facilitator").every((c) => c.accessMonths === 9)).toBe(true);
    expect(cards.filter((c) => c.level === "mini_course").every((c) => c.price.free)).toBe(true);
  });

  it("shows a signed-out visitor the list price, and NHS England staff Introductory as free", async () => {
    const signedOut = allCourses(await catalogue("?level=introductory"));
    expect(signedOut.every((c) => !c.price.free && !c.price.forSignedInLearner)).toBe(true);
    const nhs = await signIn(ctx, await buildUser(ctx, { sector: "nhs_england" }));
    const forNhs = allCourses(await catalogue("?level=introductory", nhs));
    expect(
      forNhs.every(
        (c) => c.price.free && c.price.text === "Free" && c.price.note === "Free for NHS England staff",
      ),
    ).toBe(true);
    const independent = await signIn(
      ctx,
      await buildUser(ctx, { sector: "independent", organisationId: null }),
    );
    expect(allCourses(await catalogue("?level=introductory", independent)).every((c) => !c.price.free)).toBe(
      true,
    );
  });

  it("filters by programme, by several levels, and to free courses for this viewer", async () => {
    const pcs = await catalogue("?programme=productive-community-services&level=foundation,practitioner");
    expect(pcs.programmes.map((p) => p.slug)).toEqual(["productive-community-services"]);
    expect(allCourses(pcs).map((c) => c.level)).toEqual(["foundation", "practitioner"]);
    const repeated = await catalogue("?level=foundation&level=practitioner");
    expect(new Set(allCourses(repeated).map((c) => c.level))).toEqual(
      new Set(["foundation", "practitioner"]),
    );
    const free = allCourses(await catalogue("?free=true"));
    expect(free.length).toBeGreaterThan(0);
    expect(free.every((c) => c.level === "mini_course")).toBe(true);
  });

  it("searches course and programme text, stemming words, and treats any input as text", async () => {
    const measures = allCourses(await catalogue("?q=measures"));
    expect(measures.some((c) => c.title === "Improvement Fundamentals: QI measures")).toBe(true);
    const theatre = await catalogue("?q=operating%20theatre");
    expect(theatre.programmes.map((p) => p.title)).toContain("The Productive Operating Theatre");
    for (const odd of [
      "%27%3B%20drop%20table%20courses%3B--",
      "%22unclosed",
      "a%20%26%20%7C%20!",
      "%E2%9C%93",
    ]) {
      const response = await ctx.app.inject({ method: "GET", url: `/api/catalogue?q=${odd}` });
      expect(response.statusCode, odd).toBe(200);
    }
    expect((await catalogue("?q=xyzzyplugh")).programmes).toEqual([]);
  });

  it.each([
    ["?level=grand_master", "level"],
    ["?free=maybe", "free"],
    [`?q=${"a".repeat(201)}`, "q"],
  ])("refuses %s with 400 naming the field", async (query, field) => {
    const response = await ctx.app.inject({ method: "GET", url: `/api/catalogue${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0].field).toContain(field);
  });

  it("leaves out courses that are not published", async () => {
    const course = await courseBySlug("productive-ward-foundation");
    await ctx.database.db.update(courses).set({ status: "draft" }).where(eq(courses.id, course.id));
    try {
      expect(allCourses(await catalogue()).some((c) => c.id === course.id)).toBe(false);
      expect((await ctx.app.inject({ method: "GET", url: `/api/courses/${course.id}` })).statusCode).toBe(
        404,
      );
    } finally {
      await ctx.database.db.update(courses).set({ status: "published" }).where(eq(courses.id, course.id));
    }
  });
});

describe("GET /api/courses/:id", () => {
  it("gives the course page: who it is for, outcomes, accreditation, price, modules, and the level to take first", async () => {
    const card = await courseBySlug("productive-community-services-foundation");
    const response = await ctx.app.inject({ method: "GET", url: `/api/courses/${card.id}` });
    expect(response.statusCode).toBe(200);
    const course = response.json();
    expect(course).toMatchObject({
      title: card.title,
      level: "foundation",
      programme: { slug: "productive-community-services" },
      accreditation: "Completion and a final assessment",
      accessMonths: 6,
      price: { exVatPence: card.priceExVatPence, forSignedInLearner: false },
      recommendedBefore: { level: "accredited_introduction" },
    });
    expect(course.outcomes.length).toBeGreaterThan(0);
    expect(course.modules.map((m: { position: number }) => m.position)).toEqual(
      course.modules.map((_: unknown, i: number) => i + 1),
    );
  });

  it("recommends nothing before an Introductory course", async () => {
    const card = await courseBySlug("productive-community-services-introductory");
    expect(
      (await ctx.app.inject({ method: "GET", url: `/api/courses/${card.id}` })).json().recommendedBefore,
    ).toBeNull();
  });

  it("answers 404 for an unknown course and 400 for a malformed id", async () => {
    const unknown = await ctx.app.inject({
      method: "GET",
      url: "/api/courses/00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: "not_found", message: "The course could not be found." });
    expect((await ctx.app.inject({ method: "GET", url: "/api/courses/productive-ward" })).statusCode).toBe(
      400,
    );
  });
});
