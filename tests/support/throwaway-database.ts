import { randomBytes } from "node:crypto";
import pg from "pg";

/** A new, empty PostgreSQL database and how to drop it. */
export interface ThrowawayDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/**
 * Creates `<prefix>_<random>` on the server `baseUrl` points at, so a test file, a browser run or a benchmark never
 * sees anyone else's rows. The role needs CREATEDB. `drop` forces other connections off first.
 */
export async function createThrowawayDatabase(baseUrl: string, prefix: string): Promise<ThrowawayDatabase> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      try {
        await cleanup.query(`drop database if exists ${name} with (force)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
