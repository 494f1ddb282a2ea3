import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.js";
import { seedCatalogue } from "../../src/server/modules/catalogue/catalogue.seed.js";
import { seedHelp } from "../../src/server/modules/help/help.seed.js";
import { seedImplementationCatalogue } from "../../src/server/modules/implementation/implementation.seed.js";
import { seedLessons } from "../../src/server/modules/learning/lessons.seed.js";
import { type AppConfig, loadConfig } from "../../src/server/platform/config.js";
import type { Database } from "../../src/server/platform/db.js";
import { seedDirectory } from "../../src/server/seed.js";
import { createTestDatabase } from "./test-database.js";

/** A running test app over its own database. */
export interface TestContext {
  app: FastifyInstance;
  config: AppConfig;
  database: Database;
  close: () => Promise<void>;
}

/** Config for tests: cheap password hashing, a fixed secret, no demo seed; overrides win. */
export function testConfig(overrides: Partial<AppConfig> = {}): AppConfig {
  const base = loadConfig({
    NODE_ENV: "test",
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), "qia-test-")),
    SESSION_SECRET: "test-secret-that-is-at-least-32-characters-long",
    SCRYPT_COST: "1024",
    SEED_DEMO: "false",
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://localhost:3000",
  });
  return Object.freeze({ ...base, ...overrides });
}

/** Builds the real app over a fresh database with the organisation directory loaded. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestContext> {
  const testDb = await createTestDatabase();
  const config = testConfig({ ...overrides, databaseUrl: testDb.databaseUrl });
  await seedDirectory(testDb.database.db);
  await seedCatalogue(testDb.database.db);
  await seedHelp(testDb.database.db);
  await seedLessons(testDb.database.db);
  await seedImplementationCatalogue(testDb.database.db);
  const app = await buildApp({ config, database: testDb.database });
  await app.ready();
  return {
    app,
    config,
    database: testDb.database,
    close: async () => {
      await app.close();
      await testDb.dispose();
    },
  };
}
