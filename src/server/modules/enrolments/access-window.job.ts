import type { FastifyBaseLogger } from "fastify";
import type { AppConfig } from "../../platform/config.js";
import type { Db, Tx } from "../../platform/db.js";
import type { Mailer } from "../../platform/mailer.js";
import * as emails from "./access-window.emails.js";
import * as repo from "./access-window.repository.js";
import { reminderCutoffs } from "./access-window.rules.js";

/** What one pass of the access-window job needs. */
export interface AccessWindowPassDeps {
  db: Db;
  mailer: Mailer;
  config: AppConfig;
  /** The moment the pass works to; tests move it. */
  now?: Date;
  /** Rows claimed per transaction. */
  batchSize?: number;
}

/** How many enrolments one pass changed. */
export interface AccessWindowPassResult {
  resumed: number;
  expired: number;
  firstReminders: number;
  lastReminders: number;
}

const BATCH = 200;
const MINUTE = 60_000;

/** Claims batches until one comes back short; each batch commits with its emails, or not at all. */
async function inBatches<T>(
  db: Db,
  batch: number,
  claim: (tx: Tx) => Promise<T[]>,
  send: (tx: Tx, row: T) => Promise<void>,
): Promise<number> {
  let total = 0;
  while (true) {
    const claimed = await db.transaction(async (tx) => {
      const rows = await claim(tx);
      for (const row of rows) await send(tx, row);
      return rows.length;
    });
    total += claimed;
    if (claimed < batch) return total;
  }
}

/**
 * One pass: deferred enrolments whose new start has arrived become active; active ones whose access has ended become
 * expired (read-only, record kept) and the learner is told; learners who have not completed are reminded 30 and 7 days
 * before the end. Each change is claimed by a single UPDATE in the transaction that queues its email, so passes may
 * run on several instances at once and each email still goes exactly once.
 */
export async function runAccessWindowPass(deps: AccessWindowPassDeps): Promise<AccessWindowPassResult> {
  const { db, mailer, config } = deps;
  const now = deps.now ?? new Date();
  const batch = deps.batchSize ?? BATCH;
  const myLearningUrl = `${config.publicUrl}/my-learning`;
  const context = (row: repo.ClaimedEnrolment): emails.AccessMailContext => ({
    to: row.email,
    givenName: row.givenName,
    courseTitle: row.courseTitle,
    expiresAt: row.expiresAt,
    myLearningUrl,
  });
  const cutoffs = reminderCutoffs(now);

  const resumed = await inBatches(
    db,
    batch,
    (tx) => repo.resumeDeferred(tx, now, batch),
    async () => {},
  );
  const expired = await inBatches(
    db,
    batch,
    (tx) => repo.expireEnded(tx, now, batch),
    (tx, row) => mailer.enqueue(tx, emails.accessEndedMessage(context(row))),
  );
  const lastReminders = await inBatches(
    db,
    batch,
    (tx) => repo.claimLastReminders(tx, now, cutoffs.last, batch),
    (tx, row) => mailer.enqueue(tx, emails.accessEndingMessage(context(row), "last")),
  );
  const firstReminders = await inBatches(
    db,
    batch,
    (tx) => repo.claimFirstReminders(tx, cutoffs.last, cutoffs.first, now, batch),
    (tx, row) => mailer.enqueue(tx, emails.accessEndingMessage(context(row), "first")),
  );
  return { resumed, expired, firstReminders, lastReminders };
}

/** Options for the scheduled job. */
export interface AccessWindowJobOptions {
  db: Db;
  mailer: Mailer;
  config: AppConfig;
  logger: FastifyBaseLogger;
  firstDelayMs?: number;
  intervalMs?: number;
}

/**
 * Runs a pass soon after start and then every 15 minutes, never two at once on this instance (other instances may run
 * theirs alongside). Timers are unref'd so they never keep the process alive. Returns a stop function.
 */
export function startAccessWindowJob(options: AccessWindowJobOptions): () => void {
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    runAccessWindowPass(options)
      .then((result) => {
        if (Object.values(result).some((n) => n > 0))
          options.logger.info({ result }, "access windows updated");
      })
      .catch((error: unknown) => options.logger.error({ err: error }, "access-window pass failed"))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(pass, options.firstDelayMs ?? 30_000);
  const timer = setInterval(pass, options.intervalMs ?? 15 * MINUTE);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
