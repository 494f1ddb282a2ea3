import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { journalMigrationCount, runMigrations } from "../../src/server/platform/db.js";
import { tableCounts } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";
import { createTestDatabase } from "../support/test-database.js";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

describe("health", () => {
  it("reports the process up and the database migrated", async () => {
    expect((await ctx.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await ctx.app.inject({ method: "GET", url: "/readyz" })).json()).toEqual({ status: "ready" });
  });
});

describe("errors", () => {
  it("answers unknown API routes with 404 in the error shape, with a request id on every response", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/no-such-thing?x=1" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      error: "not_found",
      message: "There is no API route GET /api/no-such-thing.",
    });
    expect(response.headers["x-request-id"]).toBe(response.json().requestId);
  });

  it("answers malformed JSON with 400 malformed_json and writes nothing", async () => {
    const before = await tableCounts(ctx);
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/register",
      headers: { "content-type": "application/json" },
      payload: '{"email": "a@b.c",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe("malformed_json");
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it("answers a body over the limit with 413", async () => {
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/register",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@example.test", givenName: "x".repeat(ctx.config.bodyLimitBytes) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toBe("payload_too_large");
  });

  it("answers a body that is not JSON with 415", async () => {
    const response = await ctx.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { "content-type": "text/xml" },
      payload: "<a/>",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().error).toBe("unsupported_media_type");
  });

  it("lists every field problem at once", async () => {
    const response = await ctx.app.inject({ method: "POST", url: "/api/auth/register", payload: {} });
    const fields = response.json().details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining(["email", "password", "givenName", "familyName", "sector"]),
    );
  });
});

describe("organisation directory", () => {
  it("finds organisations by name or ODS code, exact code first", async () => {
    const byCode = await ctx.app.inject({ method: "GET", url: "/api/organisations?q=rx1" });
    expect(byCode.json().items[0]).toMatchObject({
      odsCode: "RX1",
      name: "Nottingham University Hospitals NHS Trust",
      parentName: "NHS Nottingham and Nottinghamshire Integrated Care Board",
    });
    const byName = await ctx.app.inject({ method: "GET", url: "/api/organisations?q=guy's" });
    expect(byName.json().items.map((o: { odsCode: string }) => o.odsCode)).toEqual(["RJ1"]);
    expect(
      (await ctx.app.inject({ method: "GET", url: "/api/organisations?q=%25%25" })).json().items,
    ).toEqual([]);
  });

  it("needs at least two characters", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/organisations?q=a" });
    expect(response.statusCode).toBe(400);
    expect(response.json().details[0]).toMatchObject({
      field: "q",
      message: expect.stringContaining("at least 2 characters"),
    });
  });
});

describe("OpenAPI", () => {
  it("describes the API at /api/openapi.json, including the routes other tools rely on", async () => {
    const spec = (await ctx.app.inject({ method: "GET", url: "/api/openapi.json" })).json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const route of [
      "/api/auth/register",
      "/api/auth/verify-email",
      "/api/auth/sign-in",
      "/api/auth/sign-out",
      "/api/auth/forgot-password",
      "/api/auth/reset-password",
      "/api/me",
      "/api/admin/outbox",
    ]) {
      expect(spec.paths, route).toHaveProperty([route]);
    }
    expect(
      spec.paths["/api/auth/register"].post.requestBody.content["application/json"].schema.properties,
    ).toHaveProperty("esrNumber");
  });

  it("serves interactive docs at /api/docs", async () => {
    const response = await ctx.app.inject({ method: "GET", url: "/api/docs/" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
  });
});

describe("web front end", () => {
  it("serves the built app for page routes and JSON 404s for API routes", async () => {
    const webDistDir = mkdtempSync(path.join(os.tmpdir(), "qia-web-"));
    writeFileSync(
      path.join(webDistDir, "index.html"),
      "<!doctype html><title>QI Academy</title><div id=root></div>",
    );
    const web = await createTestApp({ webDistDir });
    try {
      const page = await web.app.inject({ method: "GET", url: "/account/certificate-name" });
      expect(page.statusCode).toBe(200);
      expect(page.headers["content-type"]).toContain("text/html");
      expect(page.body).toContain("<div id=root>");
      expect((await web.app.inject({ method: "GET", url: "/api/unknown" })).json().error).toBe("not_found");
      expect((await web.app.inject({ method: "POST", url: "/account" })).statusCode).toBe(404);
      const icon = await web.app.inject({ method: "GET", url: "/assets/images/nhsuk-icon-180.png" });
      expect(icon.statusCode).toBe(200);
    } finally {
      await web.close();
    }
  });
});

describe("migrations", () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    "are safe when several instances start together (advisory lock)",
    async () => {
      const fresh = await createTestDatabase({ migrate: false });
      try {
        // Three instances migrate one empty database at once; without the lock their CREATE TYPEs would collide.
        await Promise.all([1, 2, 3].map(() => runMigrations(fresh.database, fresh.databaseUrl)));
        expect(
          await fresh.database.rawQuery("select count(*)::int as n from drizzle.__drizzle_migrations"),
        ).toEqual([{ n: journalMigrationCount() }]);
      } finally {
        await fresh.dispose();
      }
    },
  );
});

describe("security headers", () => {
  it("sends helmet's headers, our content security policy and the request id on every response", async () => {
    for (const url of ["/healthz", "/api/me", "/api/no-such-route"]) {
      const response = await ctx.app.inject({ method: "GET", url });
      expect(response.headers["x-content-type-options"], url).toBe("nosniff");
      expect(response.headers["x-frame-options"], url).toBe("SAMEORIGIN");
      expect(response.headers["content-security-policy"], url).toContain("default-src 'self'");
      expect(response.headers["content-security-policy"], url).toContain("frame-ancestors 'self'");
      expect(response.headers["x-request-id"], url).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
