import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { emailTokens, organisations, users } from "../../src/server/db/schema/index.js";
import { buildAdmin, buildUser, organisationByOds, signIn } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

// Two app instances over one database, as when a big organisation scales out: each caches accounts in memory,
// and a change made through either (or straight in the database) must show on the very next request to the other.
let ctx: TestContext;
let other: FastifyInstance;
beforeAll(async () => {
  ctx = await createTestApp();
  other = await buildApp({ config: ctx.config, database: ctx.database });
  await other.ready();
});
afterAll(async () => {
  await other.close();
  await ctx.close();
});

const meOn = async (app: FastifyInstance, cookie: string) =>
  (await app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).json();

describe("accounts stay current across instances", () => {
  it("shows a profile change made on one instance on the next request to the other", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    expect((await meOn(other, cookie)).jobRole).toBeNull();
    await ctx.app.inject({
      method: "PATCH",
      url: "/api/me",
      payload: { jobRole: "Matron" },
      headers: { cookie },
    });
    expect((await meOn(other, cookie)).jobRole).toBe("Matron");
  });

  it("applies a role granted or removed on one instance to the next request on the other", async () => {
    const admin = await buildAdmin(ctx);
    const adminCookie = await signIn(ctx, admin);
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    expect(
      (await other.inject({ method: "GET", url: "/api/admin/outbox", headers: { cookie } })).statusCode,
    ).toBe(403);
    const granted = await ctx.app.inject({
      method: "POST",
      url: `/api/admin/users/${user.id}/roles`,
      payload: { role: "platform_admin" },
      headers: { cookie: adminCookie },
    });
    expect(
      (await other.inject({ method: "GET", url: "/api/admin/outbox", headers: { cookie } })).statusCode,
    ).toBe(200);
    const grant = granted.json().roles.find((r: { role: string }) => r.role === "platform_admin");
    await ctx.app.inject({
      method: "DELETE",
      url: `/api/admin/users/${user.id}/roles/${grant.id}`,
      headers: { cookie: adminCookie },
    });
    expect(
      (await other.inject({ method: "GET", url: "/api/admin/outbox", headers: { cookie } })).statusCode,
    ).toBe(403);
  });

  it("refuses an expired account's session on the other instance at once", async () => {
    const admin = await buildAdmin(ctx);
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    expect((await other.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(200);
    await ctx.app.inject({
      method: "POST",
      url: `/api/admin/users/${user.id}/expire`,
      payload: { reason: "Left" },
      headers: { cookie: await signIn(ctx, admin) },
    });
    expect((await other.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(401);
  });

  it("follows changes made straight in the database: renamed organisations, pending email changes", async () => {
    const organisationId = await organisationByOds(ctx, "RGT");
    const user = await buildUser(ctx, { organisationId });
    const cookie = await signIn(ctx, user);
    expect((await meOn(other, cookie)).organisation.name).toBe(
      "Cambridge University Hospitals NHS Foundation Trust",
    );
    await ctx.database.db
      .update(organisations)
      .set({ name: "Cambridge University Hospitals" })
      .where(eq(organisations.id, organisationId));
    expect((await meOn(other, cookie)).organisation.name).toBe("Cambridge University Hospitals");

    await ctx.app.inject({
      method: "POST",
      url: "/api/me/email",
      payload: { newEmail: "new-address@example.test", currentPassword: user.password },
      headers: { cookie },
    });
    expect((await meOn(other, cookie)).pendingEmail).toBe("new-address@example.test");
    await ctx.database.db
      .update(emailTokens)
      .set({ usedAt: new Date() })
      .where(eq(emailTokens.userId, user.id));
    expect((await meOn(other, cookie)).pendingEmail).toBeNull();
  });

  it("bumps the account version on every change to the user's row", async () => {
    const user = await buildUser(ctx);
    const version = async () =>
      (await ctx.database.db.select({ v: users.accountVersion }).from(users).where(eq(users.id, user.id)))[0]
        ?.v;
    const before = await version();
    await ctx.database.db.update(users).set({ jobRole: "Porter" }).where(eq(users.id, user.id));
    expect(await version()).toBe((before ?? 0) + 1);
  });
});
