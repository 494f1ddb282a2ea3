import type { FastifyBaseLogger } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  runAccessWindowPass,
  startAccessWindowJob,
} from "../../src/server/modules/enrolments/access-window.job.js";
import { createMailer } from "../../src/server/platform/mailer.js";
import { buildEnrolment, mailTo, type TestEnrolment } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
const DAY = 86_400_000;
const silent = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  fatal: () => {},
  trace: () => {},
  child: () => silent,
  level: "silent",
  silent: () => {},
} as unknown as FastifyBaseLogger; // only the methods the mailer and the job call

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx.close());

const pass = (now: Date, batchSize?: number) =>
  runAccessWindowPass({
    db: ctx.database.db,
    mailer: createMailer({ smtp: false, logger: silent }),
    config: ctx.config,
    now,
    ...(batchSize ? { batchSize } : {}),
  });

const ukLong = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

/** An active enrolment whose access ends `days` days after `now`. */
const endingIn = (now: Date, days: number, options: { completed?: boolean; level?: string } = {}) =>
  buildEnrolment(ctx, {
    level: options.level ?? "foundation",
    startsAt: new Date(now.getTime() - 100 * DAY),
    expiresAt: new Date(now.getTime() + days * DAY),
    completedAt: options.completed ? new Date(now.getTime() - DAY) : null,
  });

const emailOf = (enrolment: TestEnrolment) => enrolment.user?.email ?? "";

async function row(enrolment: TestEnrolment) {
  const [found] = (await ctx.database.rawQuery(
    `select state, expired_at, reminder_30_sent_at, reminder_7_sent_at, starts_at, expires_at
       from enrolments where id = $1`,
    [enrolment.id],
  )) as Array<{
    state: string;
    expired_at: Date | null;
    reminder_30_sent_at: Date | null;
    reminder_7_sent_at: Date | null;
  }>;
  if (!found) throw new Error("no such enrolment");
  return found;
}

describe("reminders before access ends", () => {
  it("emails the 30-day reminder once, naming the course and the UK date, with a link to My learning", async () => {
    const now = new Date();
    const enrolment = await endingIn(now, 20);
    await pass(now);
    await pass(new Date(now.getTime() + 60_000));
    const mails = await mailTo(ctx, emailOf(enrolment));
    expect(mails).toHaveLength(1);
    const when = ukLong.format(enrolment.expiresAt);
    expect(mails[0]?.subject).toBe(`Your access to ${enrolment.course.title} ends on ${when}`);
    expect(mails[0]?.text).toContain(`${ctx.config.publicUrl}/my-learning`);
    expect(mails[0]?.text).not.toContain("less than a week");
    expect(await row(enrolment)).toMatchObject({ state: "active", reminder_7_sent_at: null });
    expect((await row(enrolment)).reminder_30_sent_at).not.toBeNull();
  });

  it("then emails the 7-day reminder once when the last week begins", async () => {
    const now = new Date();
    const enrolment = await endingIn(now, 20);
    await pass(now);
    await pass(new Date(now.getTime() + 12 * DAY));
    expect(await mailTo(ctx, emailOf(enrolment))).toHaveLength(1);
    await pass(new Date(now.getTime() + 14 * DAY));
    await pass(new Date(now.getTime() + 15 * DAY));
    const mails = await mailTo(ctx, emailOf(enrolment));
    expect(mails).toHaveLength(2);
    expect(mails[0]?.text).toContain("less than a week from now");
  });

  it("sends only the 7-day reminder to someone already inside the last week, marking both sent", async () => {
    const now = new Date();
    const enrolment = await endingIn(now, 5);
    await pass(now);
    await pass(now);
    const mails = await mailTo(ctx, emailOf(enrolment));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.text).toContain("less than a week from now");
    const after = await row(enrolment);
    expect(after.reminder_30_sent_at).not.toBeNull();
    expect(after.reminder_7_sent_at).not.toBeNull();
  });

  it("counts 30 days to the moment: exactly 30 days is due, a minute more is not yet", async () => {
    const now = new Date();
    const due = await buildEnrolment(ctx, {
      startsAt: new Date(now.getTime() - DAY),
      expiresAt: new Date(now.getTime() + 30 * DAY),
    });
    const notYet = await buildEnrolment(ctx, {
      startsAt: new Date(now.getTime() - DAY),
      expiresAt: new Date(now.getTime() + 30 * DAY + 60_000),
    });
    await pass(now);
    expect(await mailTo(ctx, emailOf(due))).toHaveLength(1);
    expect(await mailTo(ctx, emailOf(notYet))).toHaveLength(0);
  });

  it("does not remind learners who have completed the course", async () => {
    const now = new Date();
    const done30 = await endingIn(now, 20, { completed: true });
    const done7 = await endingIn(now, 3, { completed: true });
    await pass(now);
    expect(await mailTo(ctx, emailOf(done30))).toHaveLength(0);
    expect(await mailTo(ctx, emailOf(done7))).toHaveLength(0);
  });
});

describe("the end of access", () => {
  it("makes the enrolment read-only (expired), keeps it, and tells the learner once", async () => {
    const now = new Date();
    const enrolment = await endingIn(now, -0.01);
    const completed = await endingIn(now, -2, { completed: true });
    await pass(now);
    await pass(new Date(now.getTime() + DAY));
    const after = await row(enrolment);
    expect(after.state).toBe("expired");
    expect(after.expired_at?.toISOString()).toBe(now.toISOString());
    const mails = await mailTo(ctx, emailOf(enrolment));
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(`Your access to ${enrolment.course.title} has ended`);
    expect(mails[0]?.text).toContain(`ended on ${ukLong.format(enrolment.expiresAt)}`);
    expect(mails[0]?.text).toContain("Your record, your progress and any certificates are kept");
    expect((await row(completed)).state).toBe("expired");
    expect(await mailTo(ctx, emailOf(completed))).toHaveLength(1);
  });

  it("leaves access that has not ended alone", async () => {
    const now = new Date();
    const enrolment = await endingIn(now, 0.01);
    await pass(now);
    expect((await row(enrolment)).state).toBe("active");
  });
});

describe("deferred courses", () => {
  it("stay paused until the new start date arrives, then become active, with nothing expired or emailed", async () => {
    const now = new Date();
    const enrolment = await buildEnrolment(ctx, {
      level: "practitioner",
      state: "deferred",
      startsAt: new Date(now.getTime() + 10 * DAY),
      expiresAt: new Date(now.getTime() + 20 * DAY),
    });
    const before = await pass(now);
    expect((await row(enrolment)).state).toBe("deferred");
    expect(before.resumed).toBe(0);
    const resumed = await pass(new Date(now.getTime() + 10 * DAY));
    expect(resumed.resumed).toBeGreaterThanOrEqual(1);
    expect((await row(enrolment)).state).toBe("active");
    // The same pass reminds them that access ends in 10 days, now the course is running again.
    expect(await mailTo(ctx, emailOf(enrolment))).toHaveLength(1);
  });
});

describe("running on several instances", () => {
  it("sends each email exactly once when two passes run at the same time", async () => {
    const now = new Date();
    const enrolments = await Promise.all([
      ...Array.from({ length: 4 }, () => endingIn(now, 25)),
      ...Array.from({ length: 4 }, () => endingIn(now, 4)),
      ...Array.from({ length: 4 }, () => endingIn(now, -1)),
    ]);
    const results = await Promise.all([pass(now, 3), pass(now, 3)]);
    for (const enrolment of enrolments) {
      expect(await mailTo(ctx, emailOf(enrolment)), enrolment.id).toHaveLength(1);
    }
    const total = (key: keyof (typeof results)[number]) => results.reduce((sum, r) => sum + r[key], 0);
    expect(total("firstReminders")).toBeGreaterThanOrEqual(4);
    expect(total("lastReminders")).toBeGreaterThanOrEqual(4);
    expect(total("expired")).toBeGreaterThanOrEqual(4);
    const states = await Promise.all(enrolments.slice(8).map((e) => row(e)));
    expect(states.every((s) => s.state === "expired")).toBe(true);
  });

  it("works through more rows than one batch", async () => {
    const now = new Date();
    const enrolments = await Promise.all(Array.from({ length: 5 }, () => endingIn(now, -1)));
    await pass(now, 2);
    const states = await Promise.all(enrolments.map((e) => row(e)));
    expect(states.map((s) => s.state)).toEqual(Array(5).fill("expired"));
  });
});

describe("startAccessWindowJob", () => {
  it("runs a first pass soon after start and stops cleanly", async () => {
    const now = new Date();
    const enrolment = await endingIn(now, -1);
    const errors: unknown[] = [];
    const logger = { ...silent, error: (...args: unknown[]) => errors.push(args) } as FastifyBaseLogger;
    const stop = startAccessWindowJob({
      db: ctx.database.db,
      mailer: createMailer({ smtp: false, logger: silent }),
      config: ctx.config,
      logger,
      firstDelayMs: 1,
    });
    try {
      await expect.poll(async () => (await row(enrolment)).state, { timeout: 10_000 }).toBe("expired");
    } finally {
      stop();
    }
    expect(errors).toEqual([]);
  });
});
