import type { FastifyBaseLogger } from "fastify";
import { purgeEnded } from "./modules/accounts/accounts.repository.js";
import type { AppConfig } from "./platform/config.js";
import type { Db } from "./platform/db.js";
import { purgeStaleThrottles } from "./platform/rate-limit.js";

const HOUR = 3_600_000;

/** One pass: delete ended sessions, spent links and stale rate-limit windows. Idempotent, so every instance may run it. */
export async function runHousekeeping(db: Db, config: AppConfig) {
  const { sessions, tokens } = await purgeEnded(db, config.sessionIdleMs);
  const throttles = await purgeStaleThrottles(db);
  return { sessions, tokens, throttles };
}

/** Runs housekeeping soon after start and then hourly; returns a stop function. */
export function startHousekeeping(db: Db, config: AppConfig, logger: FastifyBaseLogger): () => void {
  const pass = () =>
    runHousekeeping(db, config)
      .then((removed) => logger.info({ removed }, "housekeeping done"))
      .catch((error: unknown) => logger.error({ err: error }, "housekeeping failed"));
  const first = setTimeout(pass, 60_000);
  const timer = setInterval(pass, HOUR);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
