import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase, runMigrations } from "../../src/server/platform/db.js";

/** A fresh, migrated database for one test file, and how to throw it away. */
export interface TestDatabase {
  database: Database;
  databaseUrl: string | null;
  dispose: () => Promise<void>;
}

/**
 * PGlite in memory by default; with TEST_DATABASE_URL, a new PostgreSQL database created for this file
 * (so files never see each other's rows) and dropped afterwards.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) {
    const database = await openDatabase({ databaseUrl: null, dataDir: "memory://" });
    if (migrate) await runMigrations(database, null);
    return { database, databaseUrl: null, dispose: () => database.close() };
  }
  const name = `qia_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const database = await openDatabase({ databaseUrl, dataDir: "unused", poolSize: 5 });
  if (migrate) await runMigrations(database, databaseUrl);
  return {
    database,
    databaseUrl,
    dispose: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
