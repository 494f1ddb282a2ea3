import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emailTokens, sessions, users } from "../../src/server/db/schema/index.js";
import {
  REGISTERED_MESSAGE,
  RESET_REQUESTED_MESSAGE,
} from "../../src/server/modules/accounts/accounts.service.js";
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
let trustId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  trustId = await organisationByOds(ctx, "RX1");
});
afterAll(async () => ctx.close());

const registration = (overrides: Record<string, unknown> = {}) => ({
  email: `new-${Math.random().toString(36).slice(2)}@example.test`,
  password: "lantern orchard velvet",
  givenName: "Siân",
  familyName: "O'Brien",
  sector: "nhs_england",
  organisationId: trustId,
  jobRole: "Ward sister",
  esrNumber: "123 45678901",
  ...overrides,
});

const post = (url: string, payload: unknown, cookie?: string) =>
  ctx.app.inject({
    method: "POST",
    url,
    payload: payload as Record<string, unknown>,
    headers: cookie ? { cookie } : {},
  });

describe("register", () => {
  it("creates an unverified account, normalises the ESR number and emails a verification link", async () => {
    const body = registration();
    const response = await post("/api/auth/register", body);
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ message: REGISTERED_MESSAGE });
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, body.email));
    expect(user).toMatchObject({
      givenName: "Siân",
      familyName: "O'Brien",
      esrNumber: "12345678901",
      emailVerifiedAt: null,
      organisationId: trustId,
    });
    expect(user?.passwordHash).toMatch(/^scrypt\$/);
    expect(user?.passwordHash).not.toContain(body.password);
    const [mail] = await mailTo(ctx, body.email);
    expect(mail?.subject).toBe("Confirm your email address for QI Academy");
    expect(mail?.text).toContain("http://localhost:3000/verify-email?token=");
    expect(mail?.html).toContain("Siân");
  });

  it.each([
    ["O'Brien", "Siân"],
    ["Nguyễn", "Zoë"],
    ["王", "小明"],
    ["Smith-Jones", "José María"],
  ])("accepts names from any script: %s, %s", async (familyName, givenName) => {
    const response = await post("/api/auth/register", registration({ familyName, givenName }));
    expect(response.statusCode).toBe(202);
  });

  it("accepts an ESR number with a hyphen and an unlisted organisation typed by name", async () => {
    const body = registration({
      esrNumber: "123-45678901",
      organisationId: undefined,
      organisationName: "Riverside Care Home",
    });
    expect((await post("/api/auth/register", body)).statusCode).toBe(202);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, body.email));
    expect(user).toMatchObject({
      esrNumber: "12345678901",
      organisationId: null,
      organisationNameOther: "Riverside Care Home",
    });
  });

  it("lets independent learners register without an organisation", async () => {
    const response = await post(
      "/api/auth/register",
      registration({ sector: "independent", organisationId: undefined, esrNumber: undefined }),
    );
    expect(response.statusCode).toBe(202);
  });

  it.each([
    [
      "an ESR number of 10 digits",
      { esrNumber: "1234567890" },
      "esrNumber",
      "Enter your ESR assignment number as 11 digits",
    ],
    ["an ESR number of 12 digits", { esrNumber: "123456789012" }, "esrNumber", "11 digits"],
    ["an ESR number with letters", { esrNumber: "12345678ABC" }, "esrNumber", "11 digits"],
    ["an invalid email", { email: "not-an-email" }, "email", "Enter an email address in the correct format"],
    ["a short password", { password: "short" }, "password", "at least 10 characters"],
    ["a common password", { password: "1234567890" }, "password", "too common"],
    ["a common password in capitals", { password: "QWERTYUIOP" }, "password", "too common"],
    ["a missing family name", { familyName: "  " }, "familyName", "Enter your family name"],
    ["markup in a name", { givenName: "<script>" }, "givenName", "must not contain"],
    ["an unknown sector", { sector: "nhs_mars" }, "sector", "Select the sector"],
    [
      "an NHS sector with no organisation",
      { organisationId: undefined },
      "organisationId",
      "Choose your organisation",
    ],
    [
      "an organisation that does not exist",
      { organisationId: "00000000-0000-4000-8000-000000000000" },
      "organisationId",
      "Choose your organisation",
    ],
    [
      "both a chosen and a typed organisation",
      { organisationName: "Somewhere" },
      "organisationName",
      "not both",
    ],
    ["an unknown field", { isAdmin: true }, "isAdmin", "Remove the unknown field"],
  ])(
    "refuses %s with 400 naming the field, and writes nothing",
    async (_label, overrides, field, message) => {
      const before = await tableCounts(ctx);
      const response = await post("/api/auth/register", registration(overrides));
      expect(response.statusCode).toBe(400);
      const body = response.json();
      expect(body.error).toBe("validation_failed");
      expect(body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field, message: expect.stringContaining(message) }),
        ]),
      );
      expect(await tableCounts(ctx)).toEqual(before);
    },
  );

  it("answers a taken email exactly as a new one, creates nothing, and tells the owner", async () => {
    const owner = await buildUser(ctx);
    const before = await tableCounts(ctx);
    const response = await post("/api/auth/register", registration({ email: owner.email.toUpperCase() }));
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ message: REGISTERED_MESSAGE });
    const after = await tableCounts(ctx);
    expect(after.users).toBe(before.users);
    const [mail] = await mailTo(ctx, owner.email);
    expect(mail?.subject).toBe("Someone tried to create a QI Academy account with your email address");
  });
});

describe("verify email", () => {
  it("verifies once from the emailed link; the link cannot be used again", async () => {
    const body = registration();
    await post("/api/auth/register", body);
    const token = await tokenFromMail(ctx, body.email, "/verify-email");
    const first = await post("/api/auth/verify-email", { token });
    expect(first.statusCode).toBe(200);
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, body.email));
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    const again = await post("/api/auth/verify-email", { token });
    expect(again.statusCode).toBe(400);
    expect(again.json().error).toBe("token_used");
  });

  it("refuses an expired link and a forged one", async () => {
    const body = registration();
    await post("/api/auth/register", body);
    const token = await tokenFromMail(ctx, body.email, "/verify-email");
    await ctx.database.db.update(emailTokens).set({ expiresAt: sql`now() - interval '1 minute'` });
    const expired = await post("/api/auth/verify-email", { token });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error).toBe("token_expired");
    const forged = await post("/api/auth/verify-email", { token: "A".repeat(43) });
    expect(forged.json()).toMatchObject({ error: "token_invalid" });
    const [user] = await ctx.database.db.select().from(users).where(eq(users.email, body.email));
    expect(user?.emailVerifiedAt).toBeNull();
  });

  it("re-sends a link that replaces the old one, with the same answer for unknown addresses", async () => {
    const body = registration();
    await post("/api/auth/register", body);
    const oldToken = await tokenFromMail(ctx, body.email, "/verify-email");
    const resent = await post("/api/auth/resend-verification", { email: body.email });
    const unknown = await post("/api/auth/resend-verification", { email: "nobody@example.test" });
    expect(resent.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.json()).toEqual(resent.json());
    const newToken = await tokenFromMail(ctx, body.email, "/verify-email");
    expect(newToken).not.toBe(oldToken);
    expect((await post("/api/auth/verify-email", { token: oldToken })).json().error).toBe("token_used");
    expect((await post("/api/auth/verify-email", { token: newToken })).statusCode).toBe(200);
  });
});

describe("sign in and out", () => {
  it("signs in with any letter case of the email, sets a secure-by-default cookie, and /api/me answers", async () => {
    const user = await buildUser(ctx);
    const response = await post("/api/auth/sign-in", {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      email: user.email,
      roles: [expect.objectContaining({ role: "learner" })],
    });
    const setCookie = String(response.headers["set-cookie"]);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = await signIn(ctx, user);
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(
      200,
    );
  });

  it("stores only a hash of the session token", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const token = cookie.split("=")[1] ?? "";
    const rows = await ctx.database.db.select().from(sessions).where(eq(sessions.tokenHash, token));
    expect(rows).toHaveLength(0);
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await buildUser(ctx);
    const wrong = await post("/api/auth/sign-in", { email: user.email, password: "wrong password here" });
    const unknown = await post("/api/auth/sign-in", {
      email: "nobody@example.test",
      password: "wrong password here",
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().message).toBe(unknown.json().message);
    expect(wrong.json().error).toBe("invalid_credentials");
  });

  it("tells an expired account why it cannot sign in, only after the right password", async () => {
    const user = await buildUser(ctx, { status: "expired" });
    const right = await post("/api/auth/sign-in", { email: user.email, password: user.password });
    expect(right.statusCode).toBe(403);
    expect(right.json()).toMatchObject({
      error: "account_expired",
      message: expect.stringContaining("Left the organisation"),
    });
    const wrong = await post("/api/auth/sign-in", { email: user.email, password: "not the password" });
    expect(wrong.statusCode).toBe(401);
  });

  it("rotates the session at sign-in: the old cookie stops working", async () => {
    const user = await buildUser(ctx);
    const first = await signIn(ctx, user);
    const second = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: user.email, password: user.password },
      headers: { cookie: first },
    });
    expect(second.statusCode).toBe(200);
    expect(
      (await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie: first } })).statusCode,
    ).toBe(401);
  });

  it("signs out: the cookie is cleared and a replayed cookie is refused", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const out = await post("/api/auth/sign-out", undefined, cookie);
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/qia_session=;/);
    const me = await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ error: "unauthenticated" });
  });

  it("signs out of all devices", async () => {
    const user = await buildUser(ctx);
    const phone = await signIn(ctx, user);
    const laptop = await signIn(ctx, user);
    expect((await post("/api/auth/sign-out-everywhere", undefined, laptop)).statusCode).toBe(204);
    for (const cookie of [phone, laptop]) {
      expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(
        401,
      );
    }
    expect((await post("/api/auth/sign-out-everywhere", undefined)).statusCode).toBe(401);
  });

  it("ends sessions that have been idle too long", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    await ctx.database.db
      .update(sessions)
      .set({ lastSeenAt: sql`now() - interval '9 hours'` })
      .where(eq(sessions.userId, user.id));
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it("refuses a cross-site state-changing request that carries the session cookie", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const forged = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-out-everywhere",
      headers: { cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe("csrf_rejected");
    const sameOrigin = await ctx.app.inject({
      method: "PATCH",
      url: "/api/me",
      payload: { jobRole: "Matron" },
      headers: { cookie, origin: "http://localhost:3000", "sec-fetch-site": "same-origin" },
    });
    expect(sameOrigin.statusCode).toBe(200);
  });
});

describe("forgotten password and reset", () => {
  it("answers the same whether or not the address is registered, and mails only real accounts", async () => {
    const user = await buildUser(ctx);
    const known = await post("/api/auth/forgot-password", { email: user.email });
    const unknown = await post("/api/auth/forgot-password", { email: "nobody-here@example.test" });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.json()).toEqual({ message: RESET_REQUESTED_MESSAGE });
    expect(unknown.json()).toEqual(known.json());
    expect(await mailTo(ctx, "nobody-here@example.test")).toHaveLength(0);
    expect((await mailTo(ctx, user.email))[0]?.subject).toBe("Reset your QI Academy password");
  });

  it("resets the password once from the link and ends every session", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    await post("/api/auth/forgot-password", { email: user.email });
    const token = await tokenFromMail(ctx, user.email, "/reset-password");
    const reset = await post("/api/auth/reset-password", { token, password: "harbour meadow quartz" });
    expect(reset.statusCode).toBe(200);
    expect((await ctx.app.inject({ method: "GET", url: "/api/me", headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect((await post("/api/auth/sign-in", { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(
      401,
    );
    expect(
      (await post("/api/auth/sign-in", { email: user.email, password: "harbour meadow quartz" })).statusCode,
    ).toBe(200);
    const again = await post("/api/auth/reset-password", { token, password: "another fine password" });
    expect(again.json().error).toBe("token_used");
  });

  it("refuses an expired reset link and a common new password, changing nothing", async () => {
    const user = await buildUser(ctx);
    await post("/api/auth/forgot-password", { email: user.email });
    const token = await tokenFromMail(ctx, user.email, "/reset-password");
    const common = await post("/api/auth/reset-password", { token, password: "Password123" });
    expect(common.statusCode).toBe(400);
    expect(common.json().details[0]).toMatchObject({ field: "password" });
    await ctx.database.db
      .update(emailTokens)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(emailTokens.userId, user.id));
    const expired = await post("/api/auth/reset-password", { token, password: "harbour meadow quartz" });
    expect(expired.json().error).toBe("token_expired");
    expect((await post("/api/auth/sign-in", { email: user.email, password: TEST_PASSWORD })).statusCode).toBe(
      200,
    );
  });
});

describe("rate limits", () => {
  it("slows then refuses repeated failed sign-ins for one account with 429 and Retry-After", async () => {
    const limited = await createTestApp({
      rateLimits: {
        signInPerIp: { windowSeconds: 900, softLimit: 100, hardLimit: 200, slowDownMs: 1 },
        signInPerAccount: { windowSeconds: 900, softLimit: 2, hardLimit: 4, slowDownMs: 1 },
        resetPerIp: { windowSeconds: 3600, softLimit: 100, hardLimit: 200, slowDownMs: 1 },
        resetPerAccount: { windowSeconds: 3600, softLimit: 1, hardLimit: 2, slowDownMs: 1 },
      },
    });
    try {
      const user = await buildUser(limited);
      const attempt = (password: string) =>
        limited.app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          payload: { email: user.email, password },
        });
      for (let i = 0; i < 4; i += 1) expect((await attempt("wrong password!")).statusCode).toBe(401);
      const refused = await attempt(user.password);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toBe("rate_limited");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      // Unknown accounts are throttled the same way, so throttling reveals nothing.
      for (let i = 0; i < 4; i += 1) await attempt.call(null, "x");
      const resets = [];
      for (let i = 0; i < 3; i += 1) {
        resets.push(
          (
            await limited.app.inject({
              method: "POST",
              url: "/api/auth/forgot-password",
              payload: { email: user.email },
            })
          ).statusCode,
        );
      }
      expect(resets).toEqual([202, 202, 429]);
    } finally {
      await limited.close();
    }
  });
});
