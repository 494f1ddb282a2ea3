import { sql } from "drizzle-orm";
import type { RateLimitConfig } from "./config.js";
import { type Db, queryRows } from "./db.js";
import { rateLimited } from "./errors.js";

/** The state of one counter after an attempt was counted. */
interface Counted {
  count: number;
  retryAfterSeconds: number;
}

/** Counts one attempt against `key` in a fixed window shared by every instance (one atomic upsert). */
async function count(db: Db, key: string, limit: RateLimitConfig): Promise<Counted> {
  // Raw SQL: the reset-or-increment must be one atomic INSERT … ON CONFLICT, which the builder cannot express with CASE on the old row.
  const [row] = await queryRows<{ count: number; retry_after: number }>(
    db,
    sql`
    insert into rate_limits as r (key, window_start, count) values (${key}, now(), 1)
    on conflict (key) do update set
      count = case when r.window_start <= now() - make_interval(secs => ${limit.windowSeconds}) then 1 else r.count + 1 end,
      window_start = case when r.window_start <= now() - make_interval(secs => ${limit.windowSeconds}) then now() else r.window_start end
    returning count, ceil(extract(epoch from (window_start + make_interval(secs => ${limit.windowSeconds}) - now())))::int as retry_after`,
  );
  return {
    count: Number(row?.count ?? 1),
    retryAfterSeconds: Math.max(1, Number(row?.retry_after ?? limit.windowSeconds)),
  };
}

/**
 * Counts an attempt against each key. Past a key's soft limit the request is slowed (growing with each attempt);
 * past its hard limit it is refused with 429 and Retry-After.
 */
export async function throttle(
  db: Db,
  checks: Array<{ key: string; limit: RateLimitConfig }>,
): Promise<void> {
  let delayMs = 0;
  for (const check of checks) {
    const counted = await count(db, check.key, check.limit);
    if (counted.count > check.limit.hardLimit) throw rateLimited(counted.retryAfterSeconds);
    if (counted.count > check.limit.softLimit) {
      delayMs = Math.max(
        delayMs,
        Math.min(5000, (counted.count - check.limit.softLimit) * check.limit.slowDownMs),
      );
    }
  }
  if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
}

/** Forgets a counter, e.g. an account's failed sign-ins after it signs in successfully. */
export async function resetThrottle(db: Db, key: string): Promise<void> {
  await db.execute(sql`delete from rate_limits where key = ${key}`);
}

/** Deletes counters whose window ended over a day ago (their next attempt would start a new window anyway). */
export async function purgeStaleThrottles(db: Db): Promise<number> {
  // Raw SQL: rate_limits is platform state with no repository; one statement, no rules.
  const rows = await queryRows<{ key: string }>(
    db,
    sql`delete from rate_limits where window_start < now() - interval '1 day' returning key`,
  );
  return rows.length;
}
