import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import * as schema from "../db/schema/index.js";

/** The schema object Drizzle is built with. */
export type Schema = typeof schema;
/** One Drizzle handle type for both drivers (PGlite and node-postgres share the pg-core dialect). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction, or the database itself: repositories accept either. */
export type Tx = Db | PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** An open database with a way to close it and to run raw SQL for the benchmarks' baselines. */
export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Runs a parameterised SQL statement straight through the driver (no ORM), returning rows. */
  rawQuery: (text: string, params?: unknown[]) => Promise<unknown[]>;
  /**
   * Runs a named, parameterised statement straight through the driver, for the hottest queries: PostgreSQL
   * parses and plans it once per connection, and no query builder runs per call.
   */
  preparedQuery: <T>(name: string, text: string, params: unknown[]) => Promise<T[]>;
  /** How many statements this handle has sent so far, for tests that prove a page's query count is constant. */
  queryCount: () => number;
  close: () => Promise<void>;
}

/** Folder of generated SQL migrations, shared by both drivers. */
export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../db/migrations");

/** How many migrations the journal lists: a database is ready when it has applied this many. */
export function journalMigrationCount(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

/** Arbitrary constant naming the advisory lock every instance takes while migrating. */
const MIGRATION_LOCK_ID = 7_262_011;

/** Options for opening a database: a PostgreSQL URL, or a PGlite data directory ("memory://" for tests). */
export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise embedded PGlite in `dataDir`/pglite. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  let queries = 0;
  const logger = { logQuery: () => void queries++ };
  const queryCount = () => queries;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    pool.on("error", () => {
      // An idle client lost its connection; the pool replaces it. Queries in flight report their own errors.
    });
    const db = drizzleNodePg(pool, { schema, casing: "snake_case", logger }) as unknown as Db; // both drivers share pg-core's API
    return {
      db,
      kind: "postgres",
      rawQuery: async (text, params) => {
        queries++;
        return (await pool.query(text, params)).rows;
      },
      preparedQuery: async <T>(name: string, text: string, params: unknown[]) => {
        queries++;
        return (await pool.query({ name, text, values: params })).rows as T[];
      },
      queryCount,
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if (options.dataDir === "memory://") {
    client = new PGlite();
  } else {
    const dir = path.join(options.dataDir, "pglite");
    mkdirSync(dir, { recursive: true });
    client = new PGlite(dir);
  }
  await client.waitReady;
  const db = drizzlePglite(client, { schema, casing: "snake_case", logger }) as unknown as Db; // both drivers share pg-core's API
  return {
    db,
    kind: "pglite",
    rawQuery: async (text, params) => {
      queries++;
      return (await client.query(text, params)).rows;
    },
    preparedQuery: async <T>(_name: string, text: string, params: unknown[]) => {
      queries++;
      return (await client.query<T>(text, params)).rows;
    },
    queryCount,
    close: () => client.close(),
  };
}

/**
 * Applies pending migrations. On PostgreSQL a session advisory lock on a dedicated connection makes
 * concurrent instances wait for each other; PGlite is single-process, so it needs none.
 */
export async function runMigrations(database: Database, databaseUrl: string | null): Promise<void> {
  if (database.kind === "pglite" || !databaseUrl) {
    // The PGlite handle was created by drizzle-orm/pglite, so its migrator applies.
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], {
      migrationsFolder: MIGRATIONS_DIR,
    });
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      await migrateNodePg(drizzleNodePg(client), { migrationsFolder: MIGRATIONS_DIR });
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  } finally {
    await client.end();
  }
}

/** Runs raw SQL (repositories only, with a comment saying why) and returns its rows; both drivers answer `{ rows }`. */
export async function queryRows<T>(tx: Tx, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] }; // node-postgres and PGlite both return { rows }
  return result.rows;
}
