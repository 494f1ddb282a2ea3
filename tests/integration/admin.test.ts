import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/shared/accounts.js";
import {
  auditFor,
  buildAdmin,
  buildUser,
  organisationByOds,
  signIn,
  type TestUser,
  tableCounts,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let admin: TestUser;
let adminCookie: string;
let trustId: string;
beforeAll(async () => {
  ctx = await createTestApp();
  trustId = await organisationByOds(ctx, "RX1");
  admin = await buildAdmin(ctx);
  adminCookie = await signIn(ctx, admin);
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "DELETE";
const call = (method: Method, url: string, cookie?: string, payload?: Record<string, unknown>) =>
  ctx.app.inject({ method, url, headers: cookie ? { cookie } : {}, ...(payload ? { payload } : {}) });

/** Every admin endpoint, built for a target user, for the authorisation matrix. */
async function adminEndpoints(): Promise<Array<[Method, string, Record<string, unknown> | undefined]>> {
  const target = await buildUser(ctx, { roles: ["learner", "assessor"] });
  const grants = (await call("GET", `/api/admin/users/${target.id}`, adminCookie)).json().roles as Array<{
    id: string;
    role: string;
  }>;
  const assessorGrant = grants.find((g) => g.role === "assessor");
  return [
    ["GET", "/api/admin/users", undefined],
    ["GET", `/api/admin/users/${target.id}`, undefined],
    ["POST", `/api/admin/users/${target.id}/expire`, { reason: "Left the trust" }],
    ["POST", `/api/admin/users/${target.id}/reactivate`, undefined],
    ["POST", `/api/admin/users/${target.id}/roles`, { role: "facilitator" }],
    ["DELETE", `/api/admin/users/${target.id}/roles/${assessorGrant?.id}`, undefined],
    ["GET", "/api/admin/outbox", undefined],
  ];
}

describe("authorisation matrix", () => {
  it("answers 401 to every admin endpoint without a session, writing nothing", async () => {
    for (const [method, url, payload] of await adminEndpoints()) {
      const before = await tableCounts(ctx);
      const response = await call(method, url, undefined, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(await tableCounts(ctx)).toEqual(before);
    }
  });

  const wrongRoles: Array<[string, Array<Role | { role: Role; organisationId: string }> | "org-admin"]> = [
    ["a learner", ["learner"]],
    ["a content editor", ["learner", "content_editor"]],
    ["an assessor", ["learner", "assessor"]],
    ["a learner administrator of an organisation", "org-admin"],
  ];
  it.each(wrongRoles)("answers 403 to %s on every admin endpoint, writing nothing", async (_label, roles) => {
    const grants =
      roles === "org-admin"
        ? ["learner" as const, { role: "learner_admin" as const, organisationId: trustId }]
        : roles;
    const cookie = await signIn(ctx, await buildUser(ctx, { roles: grants }));
    for (const [method, url, payload] of await adminEndpoints()) {
      const before = await tableCounts(ctx);
      const response = await call(method, url, cookie, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(403);
      expect(response.json().error).toBe("forbidden");
      expect(await tableCounts(ctx)).toEqual(before);
    }
  });
});

describe("find users", () => {
  it("finds by name, email or ESR number, filters by status and role, pages, and audits the search", async () => {
    const target = await buildUser(ctx, {
      givenName: "Bartholomew",
      familyName: "Quince",
      email: "b.quince@example.test",
    });
    const byName = await call("GET", "/api/admin/users?q=bartholomew%20quince", adminCookie);
    expect(byName.statusCode).toBe(200);
    expect(byName.json().items.map((u: { id: string }) => u.id)).toEqual([target.id]);
    expect((await call("GET", "/api/admin/users?q=b.quince@", adminCookie)).json().total).toBe(1);
    const admins = await call("GET", "/api/admin/users?role=platform_admin", adminCookie);
    expect(
      admins
        .json()
        .items.every((u: { roles: Array<{ role: string }> }) =>
          u.roles.some((r) => r.role === "platform_admin"),
        ),
    ).toBe(true);
    const page = await call("GET", "/api/admin/users?pageSize=1&page=2", adminCookie);
    expect(page.json()).toMatchObject({ page: 2, pageSize: 1 });
    expect(page.json().items).toHaveLength(1);
    const [audit] = await auditFor(ctx, "users.search");
    expect(audit).toMatchObject({
      actorUserId: admin.id,
      details: expect.objectContaining({ page: 2, rows: 1 }),
    });
  });

  it("treats % and _ in the search as plain text", async () => {
    expect((await call("GET", "/api/admin/users?q=%25", adminCookie)).json().total).toBe(0);
  });

  it.each(["pageSize=500", "page=0", "role=king", "status=deleted"])(
    "refuses ?%s with 400",
    async (query) => {
      const response = await call("GET", `/api/admin/users?${query}`, adminCookie);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe("validation_failed");
    },
  );

  it("answers 404 for an unknown user and 400 for a malformed id", async () => {
    expect(
      (await call("GET", "/api/admin/users/00000000-0000-4000-8000-000000000000", adminCookie)).statusCode,
    ).toBe(404);
    expect((await call("GET", "/api/admin/users/123", adminCookie)).statusCode).toBe(400);
  });
});

describe("expire and re-activate", () => {
  it("expires an account: its sessions end, it cannot sign in and is told why; re-activation restores it", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    const expired = await call("POST", `/api/admin/users/${user.id}/expire`, adminCookie, {
      reason: "Contract ended",
    });
    expect(expired.statusCode).toBe(200);
    expect(expired.json()).toMatchObject({ status: "expired", expiredReason: "Contract ended" });
    expect((await call("GET", "/api/me", cookie)).statusCode).toBe(401);
    const refused = await call("POST", "/api/auth/sign-in", undefined, {
      email: user.email,
      password: user.password,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().message).toContain("Contract ended");
    expect(
      (await call("POST", `/api/admin/users/${user.id}/expire`, adminCookie, { reason: "again" })).statusCode,
    ).toBe(409);
    expect((await call("POST", `/api/admin/users/${user.id}/reactivate`, adminCookie)).json().status).toBe(
      "active",
    );
    expect(
      (await call("POST", "/api/auth/sign-in", undefined, { email: user.email, password: user.password }))
        .statusCode,
    ).toBe(200);
    expect((await auditFor(ctx, "users.expire"))[0]).toMatchObject({
      subjectId: user.id,
      details: expect.objectContaining({ reason: "Contract ended" }),
    });
  });

  it("needs a reason, and an administrator cannot expire themselves", async () => {
    const user = await buildUser(ctx);
    const before = await tableCounts(ctx);
    expect((await call("POST", `/api/admin/users/${user.id}/expire`, adminCookie, {})).statusCode).toBe(400);
    expect(
      (await call("POST", `/api/admin/users/${admin.id}/expire`, adminCookie, { reason: "Testing" }))
        .statusCode,
    ).toBe(403);
    expect(await tableCounts(ctx)).toEqual(before);
  });
});

describe("roles", () => {
  it("grants a learner administrator role scoped to an organisation, and removes it", async () => {
    const user = await buildUser(ctx);
    const missingOrg = await call("POST", `/api/admin/users/${user.id}/roles`, adminCookie, {
      role: "learner_admin",
    });
    expect(missingOrg.statusCode).toBe(400);
    expect(missingOrg.json().details[0].field).toBe("organisationId");
    const granted = await call("POST", `/api/admin/users/${user.id}/roles`, adminCookie, {
      role: "learner_admin",
      organisationId: trustId,
    });
    expect(granted.statusCode).toBe(200);
    const grant = granted.json().roles.find((r: { role: string }) => r.role === "learner_admin");
    expect(grant).toMatchObject({
      organisationId: trustId,
      organisationName: "Nottingham University Hospitals NHS Trust",
    });
    expect(
      (
        await call("POST", `/api/admin/users/${user.id}/roles`, adminCookie, {
          role: "learner_admin",
          organisationId: trustId,
        })
      ).statusCode,
    ).toBe(409);
    const removed = await call("DELETE", `/api/admin/users/${user.id}/roles/${grant.id}`, adminCookie);
    expect(removed.json().roles.some((r: { role: string }) => r.role === "learner_admin")).toBe(false);
    expect(
      (await call("DELETE", `/api/admin/users/${user.id}/roles/${grant.id}`, adminCookie)).statusCode,
    ).toBe(404);
  });

  it("a new role applies to the user's next request", async () => {
    const user = await buildUser(ctx);
    const cookie = await signIn(ctx, user);
    expect((await call("GET", "/api/admin/outbox", cookie)).statusCode).toBe(403);
    await call("POST", `/api/admin/users/${user.id}/roles`, adminCookie, { role: "platform_admin" });
    expect((await call("GET", "/api/admin/outbox", cookie)).statusCode).toBe(200);
  });

  it("refuses an unknown role or organisation, and an administrator removing their own administrator role", async () => {
    const user = await buildUser(ctx);
    expect(
      (await call("POST", `/api/admin/users/${user.id}/roles`, adminCookie, { role: "overlord" })).statusCode,
    ).toBe(400);
    expect(
      (
        await call("POST", `/api/admin/users/${user.id}/roles`, adminCookie, {
          role: "assessor",
          organisationId: "00000000-0000-4000-8000-000000000000",
        })
      ).statusCode,
    ).toBe(400);
    const own = (await call("GET", `/api/admin/users/${admin.id}`, adminCookie))
      .json()
      .roles.find((r: { role: string }) => r.role === "platform_admin");
    expect(
      (await call("DELETE", `/api/admin/users/${admin.id}/roles/${own.id}`, adminCookie)).statusCode,
    ).toBe(403);
  });
});

describe("outbox", () => {
  it("lists mail newest first, filters by recipient, and audits the view", async () => {
    await call("POST", "/api/auth/forgot-password", undefined, { email: admin.email });
    const response = await call(
      "GET",
      `/api/admin/outbox?to=${encodeURIComponent(admin.email.toUpperCase())}`,
      adminCookie,
    );
    expect(response.statusCode).toBe(200);
    const [message] = response.json().items;
    expect(message).toMatchObject({
      to: admin.email,
      subject: "Reset your QI Academy password",
      status: "stored",
    });
    expect(message.text).toContain("/reset-password?token=");
    expect((await auditFor(ctx, "outbox.view"))[0]).toMatchObject({ actorUserId: admin.id });
  });
});
