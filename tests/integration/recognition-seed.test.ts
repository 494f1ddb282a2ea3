import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_RECOGNISED_TITLE,
  seedRecognitionDemo,
} from "../../src/server/modules/recognition/recognition.seed.js";
import type { LibraryEntry, LibraryPage } from "../../src/shared/library.js";
import { buildUser } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe("seedRecognitionDemo", () => {
  it("does nothing without the demo assessor", async () => {
    expect(await seedRecognitionDemo(ctx.database.db)).toBeNull();
  });

  it("publishes one recognised demo project in the library, once, naming its consenting lead", async () => {
    await buildUser(ctx, { email: "assessor@example.org", roles: ["learner", "assessor"] });
    await buildUser(ctx, {
      email: "amara@reports-demo.example.org",
      givenName: "Amara",
      familyName: "Bello",
    });
    const projectId = await seedRecognitionDemo(ctx.database.db);
    expect(projectId).toBeTruthy();
    expect(await seedRecognitionDemo(ctx.database.db)).toBeNull();

    const page = (await ctx.app.inject({ url: "/api/case-studies?q=discharge" })).json() as LibraryPage;
    expect(page.items.map((i) => i.title)).toEqual([DEMO_RECOGNISED_TITLE]);
    expect(page.items[0]?.authors).toEqual(["Amara Bello"]);
    const entry = (await ctx.app.inject({ url: `/api/case-studies/${projectId}` })).json() as LibraryEntry;
    expect((entry.content as { charts: unknown[] }).charts).toHaveLength(1);
    const [counts] = (await ctx.database.rawQuery(
      `select (select count(*)::int from recognition_certificates) as certificates,
              (select count(*)::int from recognition_decisions where outcome = 'pass') as decisions,
              (select count(*)::int from project_submissions where status = 'passed') as passed`,
    )) as Array<Record<string, number>>;
    expect(counts).toEqual({ certificates: 1, decisions: 1, passed: 1 });
  });
});
