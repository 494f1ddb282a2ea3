import type { FastifyBaseLogger } from "fastify";
import type { NotificationKind } from "../../../shared/notifications-kinds.js";
import type { AppConfig } from "../../platform/config.js";
import { hashToken, newToken } from "../../platform/crypto.js";
import type { Db } from "../../platform/db.js";
import type { Mailer } from "../../platform/mailer.js";
import { ukDate } from "../enrolments/access-window.rules.js";
import { absoluteLink, digestDue } from "./digest.rules.js";
import { digestMessage } from "./notifications.emails.js";
import * as repo from "./notifications.repository.js";

/** What one digest pass needs. */
export interface DigestPassDeps {
  db: Db;
  mailer: Mailer;
  config: AppConfig;
  /** The moment the pass works to; tests move it. */
  now?: Date;
  /** People claimed per transaction. */
  batchSize?: number;
}

/** What one pass did. */
export interface DigestPassResult {
  /** False before 07:00 UK time: the pass did nothing. */
  due: boolean;
  /** Notifications of kinds their owners did not choose, marked digested without mail. */
  passedOver: number;
  /** Digest emails queued by this pass. */
  sent: number;
}

const BATCH = 100;
const MINUTE = 60_000;

/**
 * One pass of the daily digest. Before 07:00 UK time it does nothing. Otherwise notifications of kinds nobody chose
 * are marked digested, then for each batch of people with notifications of kinds they chose, one transaction claims
 * each person's digest for the UK day (INSERT … ON CONFLICT DO NOTHING into notification_digests), queues an email
 * for each person claimed here, stores the email's unsubscribe links and marks the notifications digested. A pass on
 * another instance claiming the same person waits on the row and then claims nothing, so each digest goes once.
 */
export async function runDigestPass(deps: DigestPassDeps): Promise<DigestPassResult> {
  const { db, mailer, config } = deps;
  const now = deps.now ?? new Date();
  const batch = deps.batchSize ?? BATCH;
  if (!digestDue(now)) return { due: false, passedOver: 0, sent: 0 };
  const digestDate = ukDate(now);
  const passedOver = await repo.passOverUnchosen(db, now);

  let sent = 0;
  const skipped = new Set<string>();
  while (true) {
    const candidates = (await repo.listDigestCandidates(db, now, digestDate, batch + skipped.size)).filter(
      (id) => !skipped.has(id),
    );
    if (candidates.length === 0) break;
    const queued = await db.transaction(async (tx) => {
      const items = await repo.listDigestItems(tx, candidates, now);
      const byUser = new Map<string, repo.DigestItem[]>();
      for (const item of items) byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
      const claimed = new Set(
        await repo.claimDigests(
          tx,
          [...byUser].map(([userId, list]) => ({ userId, notificationCount: list.length })),
          digestDate,
          now,
        ),
      );
      const tokens: repo.UnsubscribeTokenValues[] = [];
      for (const [userId, list] of byUser) {
        if (!claimed.has(userId)) continue;
        const first = list[0];
        if (!first) continue;
        const kinds: Array<NotificationKind | null> = [...first.digestKinds, null];
        let allToken = "";
        const unsubscribe = kinds.map((kind) => {
          const token = newToken();
          tokens.push({ tokenHash: hashToken(token, config.sessionSecret), userId, kind });
          if (kind === null) allToken = token;
          return { kind, url: `${config.publicUrl}/unsubscribe?token=${token}` };
        });
        // RFC 8058 one-click: mail programs offer "Unsubscribe" and POST to this address themselves.
        const headers = {
          "List-Unsubscribe": `<${config.publicUrl}/api/unsubscribe/one-click?token=${allToken}>`,
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        };
        await mailer.enqueue(tx, {
          headers,
          ...digestMessage({
            to: first.email,
            givenName: first.givenName,
            lines: list.map((item) => ({
              kind: item.kind,
              summary: item.summary,
              url: absoluteLink(config.publicUrl, item.link),
            })),
            unsubscribe,
            notificationsUrl: `${config.publicUrl}/notifications`,
            settingsUrl: `${config.publicUrl}/notifications/settings`,
          }),
        });
      }
      await repo.insertUnsubscribeTokens(tx, tokens, now);
      await repo.markDigested(
        tx,
        items.filter((item) => claimed.has(item.userId)).map((item) => item.id),
        now,
      );
      return claimed;
    });
    sent += queued.size;
    // People another pass claimed (or who had nothing left once read) are not asked about again in this pass.
    for (const id of candidates) if (!queued.has(id)) skipped.add(id);
    if (candidates.length < batch) break;
  }
  return { due: true, passedOver, sent };
}

/** Options for the scheduled job. */
export interface DigestJobOptions {
  db: Db;
  mailer: Mailer;
  config: AppConfig;
  logger: FastifyBaseLogger;
  firstDelayMs?: number;
  intervalMs?: number;
}

/**
 * Runs a digest pass soon after start and then every 15 minutes, never two at once on this instance (other
 * instances may run theirs alongside: the claim keeps each digest to one email). The first pass after 07:00 UK time
 * sends the day's digests; later passes that day find nothing new to claim. Timers are unref'd. Returns a stop
 * function.
 */
export function startDigestJob(options: DigestJobOptions): () => void {
  let running = false;
  const pass = () => {
    if (running) return;
    running = true;
    runDigestPass(options)
      .then((result) => {
        if (result.sent > 0 || result.passedOver > 0) options.logger.info({ result }, "notification digests");
      })
      .catch((error: unknown) => options.logger.error({ err: error }, "notification digest pass failed"))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(pass, options.firstDelayMs ?? 45_000);
  const timer = setInterval(pass, options.intervalMs ?? 15 * MINUTE);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
