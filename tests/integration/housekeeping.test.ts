import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailTokens, rateLimits, sessions } from "../../src/server/db/schema/index.js";
import { runHousekeeping } from "../../src/server/housekeeping.js";
import { buildUser, signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe("housekeeping", () => {
  it("removes ended sessions, spent links and stale counters, and keeps live ones", async () => {
    const idle = await buildUser(ctx);
    const live = await buildUser(ctx);
    const liveCookie = await signIn(ctx, live);
    await signIn(ctx, idle);
    await ctx.database.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '9 hours'` })
      .where(eq(sessions.userId, idle.id));
    await ctx.app.inject({
      method: "POST",
      url: "/api/auth/forgot-password",
      payload: { email: idle.email },
    });
    await ctx.app.inject({
      method: "POST",
      url: "/api/auth/forgot-password",
      payload: { email: live.email },
    });
    await ctx.database.db
      .update(emailTokens)
      .set({ expiresAt: sql`now() - interval '2 days'` })
      .where(eq(emailTokens.userId, idle.id));
    await ctx.database.db
      .insert(rateLimits)
      .values({ key: "signin:ip:old", windowStart: new Date(Date.now() - 2 * 86_400_000), count: 3 });

    const removed = await runHousekeeping(ctx.database.db, ctx.config);

    expect(removed).toEqual({ sessions: 1, tokens: 1, throttles: 1 });
    expect(await ctx.database.db.select().from(sessions).where(eq(sessions.userId, live.id))).toHaveLength(1);
    expect(
      await ctx.database.db.select().from(emailTokens).where(eq(emailTokens.userId, live.id)),
    ).toHaveLength(1);
    expect(
      (await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie: liveCookie } })).statusCode,
    ).toBe(200);
  });
});
