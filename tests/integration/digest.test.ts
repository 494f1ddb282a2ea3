import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import type { NotificationKind } from "../../src/shared/notifications-kinds.js";
import { buildUser, mailTo, signIn, type TestUser } from "../support/factories.js";
import { digestPass, notify, optIn, ukDayAt } from "../support/notifications-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(async () => ctx?.close());

async function person(kinds: NotificationKind[]): Promise<TestUser & { cookie: string }> {
  const user = await buildUser(ctx, { givenName: "Dana", familyName: "Digest" });
  const cookie = await signIn(ctx, user);
  await optIn(ctx, cookie, kinds);
  return { ...user, cookie };
}

async function undigested(userId: string) {
  return (await ctx.database.rawQuery(
    "select kind::text as kind from notifications where user_id = $1 and digested_at is null order by kind",
    [userId],
  )) as Array<{ kind: string }>;
}

async function digestsOf(userId: string) {
  return (await ctx.database.rawQuery(
    "select digest_date::text as day, notification_count from notification_digests where user_id = $1 order by digest_date",
    [userId],
  )) as Array<{ day: string; notification_count: number }>;
}

describe("daily digest", () => {
  it("does nothing before 07:00 UK time", async () => {
    const p = await person(["reply"]);
    await notify(ctx, p.id, ["reply"]);
    const result = await digestPass(ctx, ukDayAt(1, 6.9));
    expect(result).toEqual({ due: false, passedOver: 0, sent: 0 });
    expect(await mailTo(ctx, p.email)).toHaveLength(0);
    expect(await undigested(p.id)).toHaveLength(1);
  });

  it("mails the opted-in kinds once, with names, absolute links and unsubscribe links, and passes over the rest", async () => {
    const p = await person(["reply", "announcement"]);
    await notify(ctx, p.id, ["reply", "mention", "announcement", "highlight"], {
      link: "/runs/abc/announcements#announcement-1",
    });
    const result = await digestPass(ctx, ukDayAt(2, 8));
    expect(result.due).toBe(true);
    expect(result.sent).toBeGreaterThanOrEqual(1);

    const mails = await mailTo(ctx, p.email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail?.subject).toBe("QI Academy: 2 new notifications");
    expect(mail?.text).toContain("Dear Dana,");
    expect(mail?.text).toContain("Test reply notification 1");
    expect(mail?.text).toContain("Test announcement notification 3");
    expect(mail?.text).not.toContain("Test mention notification");
    expect(mail?.text).not.toContain("Test highlight notification");
    expect(mail?.text).toContain(`${ctx.config.publicUrl}/runs/abc/announcements#announcement-1`);
    expect(mail?.text).toContain(`${ctx.config.publicUrl}/notifications/settings`);
    expect(mail?.text?.match(/\/unsubscribe\?token=/g)).toHaveLength(3);
    expect(mail?.html).toContain(`href="${ctx.config.publicUrl}/runs/abc/announcements#announcement-1"`);
    expect(mail?.html).toContain("Unsubscribe from all digest emails");

    // Nothing is left undigested: the chosen kinds went in the email, the others were passed over without mail.
    expect(await undigested(p.id)).toEqual([]);
    expect(await digestsOf(p.id)).toEqual([{ day: ukDate(ukDayAt(2, 8)), notification_count: 2 }]);

    // A later pass the same day sends nothing more.
    await digestPass(ctx, ukDayAt(2, 9));
    expect(await mailTo(ctx, p.email)).toHaveLength(1);
  });

  it("carries an RFC 8058 one-click List-Unsubscribe header that a mail program can POST to without signing in", async () => {
    const p = await person(["reply", "mention"]);
    await notify(ctx, p.id, ["reply"]);
    await digestPass(ctx, ukDayAt(3, 8));
    const [row] = (await ctx.database.rawQuery(
      "select headers from mail_outbox where to_address = $1 order by created_at desc limit 1",
      [p.email],
    )) as Array<{ headers: Record<string, string> }>;
    expect(row?.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const address = /^<(.+)>$/.exec(row?.headers["List-Unsubscribe"] ?? "")?.[1] ?? "";
    expect(address.startsWith(`${ctx.config.publicUrl}/api/unsubscribe/one-click?token=`)).toBe(true);
    const url = address.slice(ctx.config.publicUrl.length);
    const post = (payload: string) =>
      ctx.app.inject({
        method: "POST",
        url,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload,
      });

    // Anything but the RFC's body is refused, and changes nothing.
    expect((await post("List-Unsubscribe=Yes")).statusCode).toBe(400);
    const kept = await ctx.app.inject({
      method: "GET",
      url: "/api/notifications/preferences",
      headers: { cookie: p.cookie },
    });
    expect(kept.json()).toEqual({ digestKinds: ["reply", "mention"] });

    const done = await post("List-Unsubscribe=One-Click");
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ kind: null, alreadyUsed: false });
    const after = await ctx.app.inject({
      method: "GET",
      url: "/api/notifications/preferences",
      headers: { cookie: p.cookie },
    });
    expect(after.json()).toEqual({ digestKinds: [] });
    expect((await post("List-Unsubscribe=One-Click")).json()).toMatchObject({ alreadyUsed: true });
  });

  it("marks notifications of kinds nobody chose without sending mail", async () => {
    const p = await person([]);
    await notify(ctx, p.id, ["reply", "mention"]);
    const result = await digestPass(ctx, ukDayAt(2, 10));
    expect(result.passedOver).toBeGreaterThanOrEqual(2);
    expect(await mailTo(ctx, p.email)).toHaveLength(0);
    expect(await undigested(p.id)).toEqual([]);
    expect(await digestsOf(p.id)).toEqual([]);
  });

  it("sends one email when two passes run at once", async () => {
    const people = await Promise.all([person(["mention"]), person(["mention"]), person(["mention"])]);
    for (const p of people) await notify(ctx, p.id, ["mention", "mention"]);
    const [a, b] = await Promise.all([
      digestPass(ctx, ukDayAt(3, 7.5), 2),
      digestPass(ctx, ukDayAt(3, 7.5), 2),
    ]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBeGreaterThanOrEqual(3);
    for (const p of people) {
      expect(await mailTo(ctx, p.email)).toHaveLength(1);
      expect(await digestsOf(p.id)).toHaveLength(1);
      expect(await undigested(p.id)).toEqual([]);
    }
    const outbox = (await ctx.database.rawQuery(
      "select count(*)::int as n from mail_outbox where to_address = any($1)",
      [people.map((p) => p.email)],
    )) as Array<{ n: number }>;
    expect(outbox[0]?.n).toBe(3);
  });

  it("holds notifications that arrive after the day's digest until the next day's", async () => {
    const p = await person(["highlight"]);
    await notify(ctx, p.id, ["highlight"]);
    await digestPass(ctx, ukDayAt(4, 8));
    expect(await mailTo(ctx, p.email)).toHaveLength(1);

    await notify(ctx, p.id, ["highlight", "highlight"], { summary: "A later highlight" });
    await digestPass(ctx, ukDayAt(4, 12));
    expect(await mailTo(ctx, p.email)).toHaveLength(1);
    expect(await undigested(p.id)).toHaveLength(2);

    await digestPass(ctx, ukDayAt(5, 8));
    const mails = await mailTo(ctx, p.email);
    expect(mails).toHaveLength(2);
    expect(mails[0]?.subject).toBe("QI Academy: 2 new notifications");
    expect(mails[0]?.text).toContain("A later highlight");
    expect(mails[0]?.text).not.toContain("Test highlight notification");
    expect((await digestsOf(p.id)).map((d) => d.notification_count)).toEqual([1, 2]);
  });

  it("sends no digest to an account that is no longer active", async () => {
    const p = await person(["reply"]);
    await notify(ctx, p.id, ["reply"]);
    await ctx.database.rawQuery("update users set status = 'expired' where id = $1", [p.id]);
    await digestPass(ctx, ukDayAt(6, 8));
    expect(await mailTo(ctx, p.email)).toHaveLength(0);
    expect(await undigested(p.id)).toEqual([]);
  });
});
