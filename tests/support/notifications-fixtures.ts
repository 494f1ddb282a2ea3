import type { FastifyBaseLogger } from "fastify";
import { startOfUkDate, ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import { runDigestPass } from "../../src/server/modules/notifications/digest.job.js";
import {
  createNotifications,
  type NotificationInput,
} from "../../src/server/modules/notifications/notifications.service.js";
import { createMailer } from "../../src/server/platform/mailer.js";
import type { NotificationKind } from "../../src/shared/notifications-kinds.js";
import type { TestContext } from "./test-app.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A logger that says nothing (only the methods the mailer and jobs call). */
export const silentLogger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  fatal: () => {},
  trace: () => {},
  child: () => silentLogger,
  level: "silent",
  silent: () => {},
} as unknown as FastifyBaseLogger; // a stand-in with only what is called

/** Creates notifications for people through the service other modules use. */
export async function notify(
  ctx: TestContext,
  userId: string,
  kinds: NotificationKind[],
  extra: Partial<NotificationInput> = {},
): Promise<void> {
  await createNotifications(
    ctx.database.db,
    kinds.map((kind, i) => ({
      userId,
      kind,
      summary: `Test ${kind} notification ${i + 1}`,
      link: `/notifications#test-${kind}-${i + 1}`,
      ...extra,
    })),
  );
}

/** A moment `hours` after midnight (UK) on the UK day `daysAhead` days from today. */
export function ukDayAt(daysAhead: number, hours: number): Date {
  return new Date(startOfUkDate(ukDate(new Date(Date.now() + daysAhead * DAY))).getTime() + hours * HOUR);
}

/** Runs one digest pass at `now` with the outbox mailer. */
export function digestPass(ctx: TestContext, now: Date, batchSize?: number) {
  return runDigestPass({
    db: ctx.database.db,
    mailer: createMailer({ smtp: false, logger: silentLogger }),
    config: ctx.config,
    now,
    ...(batchSize ? { batchSize } : {}),
  });
}

/** Chooses digest kinds through the API, as the settings page does. */
export async function optIn(
  ctx: TestContext,
  cookie: string,
  digestKinds: NotificationKind[],
): Promise<void> {
  const response = await ctx.app.inject({
    method: "PUT",
    url: "/api/notifications/preferences",
    headers: { cookie },
    payload: { digestKinds },
  });
  if (response.statusCode !== 200) throw new Error(`opt-in failed: ${response.statusCode} ${response.body}`);
}

/** The unsubscribe tokens in a digest's text: kind (or "all") → token. */
export function unsubscribeTokensIn(text: string | null): Record<string, string> {
  const found: Record<string, string> = {};
  for (const line of (text ?? "").split("\n")) {
    const match = line.match(/^(.*): \S+\/unsubscribe\?token=([A-Za-z0-9_-]+)$/);
    if (!match?.[1] || !match[2]) continue;
    const label = match[1];
    const kind = label.startsWith("Unsubscribe from all")
      ? "all"
      : label.includes("replies")
        ? "reply"
        : label.includes("mentions")
          ? "mention"
          : label.includes("highlights")
            ? "highlight"
            : "announcement";
    found[kind] = match[2];
  }
  return found;
}
