import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoPassword, seedDemoAccounts, seedDemoActivity } from "../../src/server/seed.js";
import type { ProgrammeHouse } from "../../src/shared/implementation-house.js";
import type { TeamBoard } from "../../src/shared/implementation-measures.js";
import type { BenefitsSummary } from "../../src/shared/implementation-summary.js";
import { signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
  await seedDemoAccounts(ctx.database.db, ctx.config);
  await seedDemoActivity(ctx.database.db, ctx.config);
}, 120_000);
afterAll(async () => ctx.close());

const asDemo = async (email: string) => signIn(ctx, { email, password: demoPassword(ctx.config) });

describe("the implementation demo on first start", () => {
  it("registers the demo trust on Productive Community Services with two teams, each part seeded once", async () => {
    await seedDemoActivity(ctx.database.db, ctx.config);
    const [counts] = (await ctx.database.rawQuery(
      `select (select count(*)::int from programme_registrations) as registrations,
              (select count(*)::int from implementation_teams) as teams,
              (select count(*)::int from box_set_orders) as orders,
              (select count(*)::int from team_module_progress) > 0 as progress,
              (select count(*)::int from team_measures) > 0 as measures,
              (select count(*)::int from benefits) > 0 as benefits`,
    )) as Array<Record<string, unknown>>;
    expect(counts).toEqual({
      registrations: 1,
      teams: 2,
      orders: 1,
      progress: true,
      measures: true,
      benefits: true,
    });
  });

  it("shows the programme lead a realised first-order benefit and the team leader an improving board", async () => {
    const lead = await asDemo("lead@example.org");
    const registrations = (
      await ctx.app.inject({ url: "/api/implementation/registrations", headers: { cookie: lead } })
    ).json() as {
      registrations: Array<{ id: string; organisation: { id: string }; programme: { id: string } }>;
    };
    const registration = registrations.registrations[0];
    expect(registration).toBeDefined();
    if (!registration) return;
    const summary = (
      await ctx.app.inject({
        url: `/api/benefits/summary?organisationId=${registration.organisation.id}&programmeId=${registration.programme.id}`,
        headers: { cookie: lead },
      })
    ).json() as BenefitsSummary;
    expect(summary.totals.first.realisedPence).toBeGreaterThan(0);
    expect(summary.national?.potentialPence).toBe(447_000_000_00);

    const house = (
      await ctx.app.inject({
        url: `/api/programmes/${registration.programme.id}/house?organisationId=${registration.organisation.id}`,
        headers: { cookie: lead },
      })
    ).json() as ProgrammeHouse;
    expect(house.organisation?.teams).toHaveLength(2);

    const leader = await asDemo("teamleader@example.org");
    const northfield = house.organisation?.teams.find((t) => t.name === "Northfield district nursing");
    expect(northfield).toBeDefined();
    const board = (
      await ctx.app.inject({
        url: `/api/implementation/teams/${northfield?.id}/board`,
        headers: { cookie: leader },
      })
    ).json() as TeamBoard;
    expect(board.measures.length).toBe(3);
    const stock = board.measures.find((m) => m.title === "Time looking for stock");
    expect(stock?.summary?.variation).toBe("improvement_low");
  });
});
