import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

const tmp = () => mkdtempSync(path.join(os.tmpdir(), "qia-config-"));

describe("loadConfig", () => {
  it("has working defaults for a developer", () => {
    const dir = tmp();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      env: "development",
      port: 3000,
      databaseUrl: null,
      publicUrl: "http://localhost:3000",
      secureCookies: false,
      seedDemo: true,
    });
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(path.join(dir, "session-secret"), "utf8")).toBe(config.sessionSecret);
    expect(loadConfig({ DATA_DIR: dir }).sessionSecret).toBe(config.sessionSecret);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("lists every bad variable at once", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", SCRYPT_COST: "1000" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join("\n");
      expect(problems).toContain("PORT");
      expect(problems).toContain("DATABASE_URL");
      expect(problems).toContain("SCRYPT_COST");
    }
  });

  it("requires a session secret and a real database or data dir in production, and secures cookies", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(
      /SESSION_SECRET[\s\S]*DATABASE_URL or DATA_DIR/,
    );
    const config = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(40),
      DATABASE_URL: "postgres://db/qia",
    });
    expect(config.secureCookies).toBe(true);
  });
});
