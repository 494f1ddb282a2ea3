import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_CERTIFICATE_COURSE,
  DEMO_CERTIFICATE_LEARNER,
  seedCertificatesDemo,
} from "../../src/server/modules/certificates/certificates.seed.js";
import type { MyCertificates, VerifyResult } from "../../src/shared/certificates.js";
import type { MyLearning } from "../../src/shared/learning.js";
import { buildUser, mailTo, signIn } from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe("seedCertificatesDemo", () => {
  it("does nothing without the demo learner", async () => {
    expect(await seedCertificatesDemo(ctx.database.db)).toBeNull();
  });

  it("gives the demo learner one achieved course with a valid certificate, once, without email", async () => {
    const learner = await buildUser(ctx, { email: DEMO_CERTIFICATE_LEARNER });
    const code = await seedCertificatesDemo(ctx.database.db);
    expect(code).toMatch(/^QIA-/);
    expect(await seedCertificatesDemo(ctx.database.db)).toBeNull();

    const cookie = await signIn(ctx, learner);
    const mine = (
      await ctx.app.inject({ url: "/api/certificates/mine", headers: { cookie } })
    ).json<MyCertificates>();
    expect(mine.certificates).toHaveLength(1);
    expect(mine.certificates[0]).toMatchObject({
      code,
      status: "valid",
      courseId: await courseIdBySlug(ctx, DEMO_CERTIFICATE_COURSE),
    });
    const learning = (
      await ctx.app.inject({ url: "/api/me/learning", headers: { cookie } })
    ).json<MyLearning>();
    expect(learning.enrolments[0]).toMatchObject({ group: "completed", progressPercent: 100 });
    const verified = (await ctx.app.inject({ url: `/api/certificates/${code}/verify` })).json<VerifyResult>();
    expect(verified.status).toBe("valid");
    expect(await mailTo(ctx, DEMO_CERTIFICATE_LEARNER)).toEqual([]);
  });
});
