import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import pino from "pino";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailOutbox } from "../../src/server/db/schema/index.js";
import { startMailSender } from "../../src/server/platform/mailer.js";
import { buildUser } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let server: SMTPServer;
let port: number;
const received: Array<{ to: string[]; raw: string }> = [];
let refuseNext = 0;

beforeAll(async () => {
  // With smtpUrl set, the app queues mail as pending instead of storing it for the outbox page.
  ctx = await createTestApp({ smtpUrl: "smtp://127.0.0.1:1" });
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onRcptTo(_address, _session, callback) {
      if (refuseNext > 0) {
        refuseNext -= 1;
        callback(new Error("mailbox unavailable"));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => {
        raw += chunk.toString("utf8");
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await ctx.close();
});

const sender = () =>
  startMailSender({
    db: ctx.database.db,
    smtpUrl: `smtp://127.0.0.1:${port}`,
    from: "QI Academy <no-reply@example.test>",
    logger: pino({ level: "silent" }),
    intervalMs: 60_000,
  });

describe("SMTP delivery", () => {
  it("sends queued mail once, even with two senders running, and clears the body after sending", async () => {
    const user = await buildUser(ctx);
    await ctx.app.inject({
      method: "POST",
      url: "/api/auth/forgot-password",
      payload: { email: user.email },
    });
    const [queued] = await ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(queued?.status).toBe("pending");
    const [a, b] = [sender(), sender()];
    const sent = await Promise.all([a.runOnce(), b.runOnce()]);
    await Promise.all([a.stop(), b.stop()]);
    expect(sent[0] + sent[1]).toBe(1);
    const delivered = received.filter((m) => m.to.includes(user.email));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.raw).toContain("Reset your QI Academy password");
    const [row] = await ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(row).toMatchObject({ status: "sent", text: null, html: null });
  });

  it("sends a message's own headers (a digest's List-Unsubscribe) and clears them after sending", async () => {
    const user = await buildUser(ctx);
    await ctx.database.db.insert(mailOutbox).values({
      to: user.email,
      subject: "Your digest",
      text: "Hello",
      html: "<p>Hello</p>",
      headers: {
        "List-Unsubscribe": "<https://qi.example/api/unsubscribe/one-click?token=abc>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
      },
      status: "pending",
    });
    const s = sender();
    expect(await s.runOnce()).toBe(1);
    await s.stop();
    const raw = received.find((m) => m.to.includes(user.email))?.raw ?? "";
    expect(raw).toContain("List-Unsubscribe: <https://qi.example/api/unsubscribe/one-click?token=abc>");
    expect(raw).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const [row] = await ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(row).toMatchObject({ status: "sent", headers: null });
  });

  it("keeps a message pending with a later retry when the server refuses it", async () => {
    const user = await buildUser(ctx);
    await ctx.app.inject({
      method: "POST",
      url: "/api/auth/forgot-password",
      payload: { email: user.email },
    });
    refuseNext = 1;
    const s = sender();
    expect(await s.runOnce()).toBe(0);
    await s.stop();
    const [row] = await ctx.database.db.select().from(mailOutbox).where(eq(mailOutbox.to, user.email));
    expect(row?.status).toBe("pending");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toContain("mailbox unavailable");
    expect(row?.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
  });
});
