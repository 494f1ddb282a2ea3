import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedAssessmentDemo } from "../../src/server/modules/assessment/assessment.seed.js";
import { seedDemoAccounts } from "../../src/server/seed.js";
import { buildSubmission, setTeam, submissionState } from "../support/assessment-fixtures.js";
import { buildOrganisation } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const idOf = async (email: string) => {
  const [row] = (await ctx.database.rawQuery("select id from users where email = $1", [email])) as Array<{
    id: string;
  }>;
  if (!row) throw new Error(`no ${email}`);
  return row.id;
};

describe("seedAssessmentDemo", () => {
  it("does nothing without the demo accounts", async () => {
    expect(await seedAssessmentDemo(ctx.database.db)).toBe(0);
  });

  it("allocates the demo learner's waiting portfolio to the demo assessor once, and never across a team", async () => {
    expect(await seedDemoAccounts(ctx.database.db, ctx.config)).toBe(true);
    const learnerId = await idOf("learner@example.org");
    const assessorId = await idOf("assessor@example.org");
    const adminId = await idOf("admin@example.org");
    const sub = await buildSubmission(ctx, { userId: learnerId });
    const other = await buildSubmission(ctx);

    expect(await seedAssessmentDemo(ctx.database.db)).toBe(1);
    expect((await submissionState(ctx, sub.submissionId)).assessor_id).toBe(assessorId);
    expect((await submissionState(ctx, other.submissionId)).assessor_id).toBeNull();
    const [row] = (await ctx.database.rawQuery(
      "select allocated_by from portfolio_submissions where id = $1",
      [sub.submissionId],
    )) as Array<{ allocated_by: string }>;
    expect(row?.allocated_by).toBe(adminId);
    expect(await seedAssessmentDemo(ctx.database.db)).toBe(0);

    // Once the two share a team, a new waiting version is left for someone else.
    const team = await buildOrganisation(ctx, { type: "team" });
    await setTeam(ctx, learnerId, team);
    await setTeam(ctx, assessorId, team);
    await ctx.database.rawQuery("update portfolio_submissions set assessor_id = null where id = $1", [
      sub.submissionId,
    ]);
    expect(await seedAssessmentDemo(ctx.database.db)).toBe(0);
    expect((await submissionState(ctx, sub.submissionId)).assessor_id).toBeNull();
  });
});
