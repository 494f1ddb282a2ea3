import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../src/server/db/schema/index.js";
import {
  buildUser,
  mailTo,
  organisationByOds,
  signIn,
  TEST_PASSWORD,
  tableCounts,
  tokenFromMail,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const me = (cookie?: string) =>
  ctx.app.inject({ method: "GET", url: "/api/me", headers: cookie ? { cookie } : {} });
const patch = (cookie: string | undefined, payload: Record<string, unknown>) =>
  ctx.app.inject({ method: "PATCH", url: "/api/me", payload, headers: cookie ? { cookie } : {} });

describe("GET /api/me", () => {
  it("answers 401 without a session and with a forged cookie", async () => {
    expect((await me()).statusCode).toBe(401);
    expect((await me("qia_session=forged-token-value-that-is-long-enough")).statusCode).toBe(401);
  });

  it("returns the account without secrets", async () => {
    const user = await buildUser(ctx, { givenName: "Zoë", familyName: "Nguyễn" });
    const response = await me(await signIn(ctx, user));
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      email: user.email,
      givenName: "Zoë",
      certificateName: "Zoë Nguyễn",
      certificateNameConfirmed: false,
    });
    expect(body.organisation).toMatchObject({ odsCode: "RR8" });
    expect(JSON.stringify(body)).not.toMatch(/password|scrypt/i);
  });
});

describe("roles that lapse", () => {
  it("lists a learner administrator role with its end date, and never one that has lapsed", async () => {
    const organisationId = await organisationByOds(ctx, "RR8");
    const ends = new Date(Date.now() + 365 * 86_400_000);
    const live = await buildUser(ctx, {
      roles: ["learner", { role: "learner_admin", organisationId, expiresAt: ends }],
    });
    const lapsed = await buildUser(ctx, {
      roles: ["learner", { role: "learner_admin", organisationId, expiresAt: new Date(Date.now() - 1000) }],
    });
    const liveRoles = (await me(await signIn(ctx, live))).json().roles;
    expect(liveRoles).toContainEqual(
      expect.objectContaining({ role: "learner_admin", organisationId, expiresAt: ends.toISOString() }),
    );
    const lapsedRoles = (await me(await signIn(ctx, lapsed))).json().roles;
    expect(lapsedRoles.map((r: { role: string }) => r.role)).toEqual(["learner"]);
  });

  it("drops a role the moment it lapses, even from an account this instance has cached", async () => {
    const organisationId = await organisationByOds(ctx, "RR8");
    const user = await buildUser(ctx, {
      roles: ["learner", { role: "learner_admin", organisationId, expiresAt: new Date(Date.now() + 1500) }],
    });
    const cookie = await signIn(ctx, user);
    expect((await me(cookie)).json().roles).toHaveLength(2);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect((await me(cookie)).json().roles.map((r: { role: string }) => r.role)).toEqual(["learner"]);
  });
});

describe("PATCH /api/me", () => {
  it("changes and confirms the certificate name", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const response = await patch(cookie, {
      certificateName: "Dr Alex J. Morgan",
      certificateNameConfirmed: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      certificateName: "Dr Alex J. Morgan",
      certificateNameConfirmed: true,
    });
    const unconfirmed = await patch(cookie, { certificateName: "Alex Morgan" });
    expect(unconfirmed.json()).toMatchObject({
      certificateName: "Alex Morgan",
      certificateNameConfirmed: false,
    });
  });

  it("keeps the certificate name in step with the name until it is confirmed", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    expect((await patch(cookie, { familyName: "Ó Súilleabháin" })).json().certificateName).toBe(
      "Alex Ó Súilleabháin",
    );
  });

  it("changes organisation, typed organisation, job role and ESR number", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const other = await organisationByOds(ctx, "RJ1");
    expect((await patch(cookie, { organisationId: other })).json().organisation.odsCode).toBe("RJ1");
    const typed = await patch(cookie, { organisationName: "Hillside GP Surgery" });
    expect(typed.json()).toMatchObject({ organisation: null, organisationName: "Hillside GP Surgery" });
    const esr = await patch(cookie, { esrNumber: " 987-65432101 ", jobRole: "Physiotherapist" });
    expect(esr.json()).toMatchObject({ esrNumber: "98765432101", jobRole: "Physiotherapist" });
    expect((await patch(cookie, { esrNumber: null })).json().esrNumber).toBeNull();
  });

  it.each([
    [{ esrNumber: "1234567890" }, "esrNumber"],
    [{ givenName: "" }, "givenName"],
    [{ organisationId: "not-a-uuid" }, "organisationId"],
    [{ organisationId: "00000000-0000-4000-8000-000000000000" }, "organisationId"],
    [{ organisationId: null, organisationName: null }, "organisationId"],
    [{ email: "sneaky@example.test" }, "email"],
    [{ certificateNameConfirmed: false }, "certificateNameConfirmed"],
  ])("refuses %j with 400 naming %s, and changes nothing", async (payload, field) => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const [before] = await ctx.database.db.select().from(users).where(eq(users.id, user.id));
    const response = await patch(cookie, payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    const [after] = await ctx.database.db.select().from(users).where(eq(users.id, user.id));
    expect(after).toEqual(before);
  });

  it("answers 401 without a session, writing nothing", async () => {
    expect((await patch(undefined, { jobRole: "x" })).statusCode).toBe(401);
  });
});

describe("change email", () => {
  it("takes effect only after the new address is confirmed, and warns the old address", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const newEmail = `moved-${Date.now()}@example.test`;
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/me/email",
      payload: { newEmail, currentPassword: user.password },
      headers: { cookie },
    });
    expect(response.statusCode).toBe(202);
    expect((await me(cookie)).json()).toMatchObject({ email: user.email, pendingEmail: newEmail });
    expect((await mailTo(ctx, user.email))[0]?.subject).toBe("Your QI Academy email address is changing");
    const token = await tokenFromMail(ctx, newEmail, "/verify-email");
    expect(
      (await ctx.app.inject({ method: "POST", url: "/api/auth/verify-email", payload: { token } }))
        .statusCode,
    ).toBe(200);
    expect((await me(cookie)).json()).toMatchObject({
      email: newEmail,
      pendingEmail: null,
      emailVerified: true,
    });
    expect(
      (
        await ctx.app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { email: newEmail, password: user.password },
        })
      ).statusCode,
    ).toBe(200);
  });

  it("needs the current password, and an address that is taken gets the same answer without a link", async () => {
    const user = await buildUser(ctx);
    const taken = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const before = await tableCounts(ctx);
    const wrong = await ctx.app.inject({
      method: "POST",
      url: "/api/me/email",
      payload: { newEmail: "x@example.test", currentPassword: "not my password" },
      headers: { cookie },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().details[0].field).toBe("currentPassword");
    expect((await tableCounts(ctx)).mail).toBe(before.mail);
    const clash = await ctx.app.inject({
      method: "POST",
      url: "/api/me/email",
      payload: { newEmail: taken.email, currentPassword: user.password },
      headers: { cookie },
    });
    expect(clash.statusCode).toBe(202);
    expect((await mailTo(ctx, taken.email))[0]?.text).not.toContain("/verify-email");
  });
});

describe("change password", () => {
  it("needs the current password, ends other sessions and keeps this one", async () => {
    const user = await buildUser(ctx);
    const other = await signIn(ctx, user);
    const cookie = await signIn(ctx, user);
    const wrong = await ctx.app.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: "nope nope nope", newPassword: "granite puffin cello" },
      headers: { cookie },
    });
    expect(wrong.statusCode).toBe(400);
    const common = await ctx.app.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "qwertyuiop" },
      headers: { cookie },
    });
    expect(common.statusCode).toBe(400);
    expect(common.json().details[0].field).toBe("newPassword");
    const ok = await ctx.app.inject({
      method: "POST",
      url: "/api/me/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "granite puffin cello" },
      headers: { cookie },
    });
    expect(ok.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await mailTo(ctx, user.email))[0]?.subject).toBe("Your QI Academy password has been changed");
  });
});
