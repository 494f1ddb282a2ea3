import { type Database, openDatabase, runMigrations } from "../../src/server/platform/db.js";
import { createThrowawayDatabase } from "./throwaway-database.js";

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
  const throwaway = await createThrowawayDatabase(baseUrl, "qia_test");
  const database = await openDatabase({ databaseUrl: throwaway.url, dataDir: "unused", poolSize: 5 });
  if (migrate) await runMigrations(database, throwaway.url);
  return {
    database,
    databaseUrl: throwaway.url,
    dispose: async () => {
      await database.close();
      await throwaway.drop();
    },
  };
}
