import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NotificationPage } from "../../src/shared/notifications.js";
import { buildUser, mailTo, signIn, type TestUser } from "../support/factories.js";
import {
  digestPass,
  notify,
  optIn,
  ukDayAt,
  unsubscribeTokensIn,
} from "../support/notifications-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let owner: TestUser & { cookie: string };
let other: TestUser & { cookie: string };
let actor: TestUser;

async function signedIn(givenName: string): Promise<TestUser & { cookie: string }> {
  const user = await buildUser(ctx, { givenName, familyName: "Tester" });
  return { ...user, cookie: await signIn(ctx, user) };
}

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await signedIn("Olu");
  other = await signedIn("Nia");
  actor = await buildUser(ctx, { givenName: "Aisha", familyName: "Khan" });
});

afterAll(async () => {
  await ctx?.close();
});

function call(method: "GET" | "POST" | "PUT", url: string, cookie: string | null, payload?: unknown) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function rowsOf(userId: string) {
  return (await ctx.database.rawQuery(
    "select id, read_at from notifications where user_id = $1 order by created_at desc, id desc",
    [userId],
  )) as Array<{ id: string; read_at: Date | null }>;
}

async function preferencesOf(userId: string) {
  const rows = (await ctx.database.rawQuery(
    "select digest_kinds::text as kinds from notification_preferences where user_id = $1",
    [userId],
  )) as Array<{ kinds: string }>;
  return rows[0]?.kinds ?? null;
}

describe("notifications: signed out", () => {
  it("answers 401 on every endpoint that needs a person", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const requests: Array<[Parameters<typeof call>[0], string, unknown?]> = [
      ["GET", "/api/notifications"],
      ["GET", "/api/notifications/unread-count"],
      ["POST", `/api/notifications/${id}/read`],
      ["POST", "/api/notifications/read-all"],
      ["GET", "/api/notifications/preferences"],
      ["PUT", "/api/notifications/preferences", { digestKinds: [] }],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json()).toMatchObject({ error: "unauthenticated" });
    }
  });
});

describe("in-app notifications", () => {
  it("lists only my own, newest first, 20 a page, with the actor's name and the unread count", async () => {
    await notify(ctx, owner.id, ["reply", "mention", "highlight"], { actorId: actor.id });
    await notify(
      ctx,
      owner.id,
      Array.from({ length: 20 }, () => "announcement" as const),
    );
    await notify(ctx, other.id, ["reply"]);

    const first = await call("GET", "/api/notifications", owner.cookie);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json() as NotificationPage;
    expect(page.notifications).toHaveLength(20);
    expect(page.unread).toBe(23);
    expect(page.nextCursor).not.toBeNull();
    const ids = (await rowsOf(owner.id)).map((r) => r.id);
    expect(page.notifications.map((n) => n.id)).toEqual(ids.slice(0, 20));

    const second = await call("GET", `/api/notifications?cursor=${page.nextCursor}`, owner.cookie);
    const rest = second.json() as NotificationPage;
    expect(rest.notifications.map((n) => n.id)).toEqual(ids.slice(20));
    expect(rest.nextCursor).toBeNull();
    const reply = rest.notifications.find((n) => n.kind === "reply");
    expect(reply).toMatchObject({
      actorName: "Aisha Khan",
      read: false,
      summary: "Test reply notification 1",
    });

    const count = await call("GET", "/api/notifications/unread-count", owner.cookie);
    expect(count.json()).toEqual({ unread: 23 });
    expect((await call("GET", "/api/notifications/unread-count", other.cookie)).json()).toEqual({
      unread: 1,
    });
  });

  it("never notifies people of their own action", async () => {
    const before = (await rowsOf(other.id)).length;
    await notify(ctx, other.id, ["mention"], { actorId: other.id });
    expect(await rowsOf(other.id)).toHaveLength(before);
  });

  it("rejects a cursor that is not one", async () => {
    const response = await call("GET", "/api/notifications?cursor=abc", owner.cookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: "validation_failed" });
  });

  it("marks one of mine read, and answers 404 for someone else's or an unknown one", async () => {
    const [latest] = await rowsOf(owner.id);
    const [othersRow] = await rowsOf(other.id);
    if (!latest || !othersRow) throw new Error("no notifications");

    const mine = await call("POST", `/api/notifications/${latest.id}/read`, owner.cookie);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toEqual({ unread: 22 });
    // Reading again keeps the first time it was read.
    const [afterFirst] = await rowsOf(owner.id);
    await call("POST", `/api/notifications/${latest.id}/read`, owner.cookie);
    const [afterSecond] = await rowsOf(owner.id);
    expect(afterSecond?.read_at).toEqual(afterFirst?.read_at);

    const theirs = await call("POST", `/api/notifications/${othersRow.id}/read`, owner.cookie);
    expect(theirs.statusCode).toBe(404);
    expect((await rowsOf(other.id))[0]?.read_at).toBeNull();

    const unknown = await call(
      "POST",
      "/api/notifications/00000000-0000-4000-8000-000000000000/read",
      owner.cookie,
    );
    expect(unknown.statusCode).toBe(404);
    const bad = await call("POST", "/api/notifications/not-an-id/read", owner.cookie);
    expect(bad.statusCode).toBe(400);
  });

  it("marks all of mine read and nobody else's", async () => {
    const response = await call("POST", "/api/notifications/read-all", owner.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ unread: 0 });
    expect((await rowsOf(owner.id)).every((r) => r.read_at !== null)).toBe(true);
    expect((await call("GET", "/api/notifications/unread-count", other.cookie)).json()).toEqual({
      unread: 1,
    });
    const list = (await call("GET", "/api/notifications", owner.cookie)).json() as NotificationPage;
    expect(list.notifications.every((n) => n.read)).toBe(true);
  });
});

describe("digest preferences", () => {
  it("starts with none and saves the chosen kinds for me only", async () => {
    const person = await signedIn("Pat");
    expect((await call("GET", "/api/notifications/preferences", person.cookie)).json()).toEqual({
      digestKinds: [],
    });
    const saved = await call("PUT", "/api/notifications/preferences", person.cookie, {
      digestKinds: ["reply", "announcement"],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({ digestKinds: ["reply", "announcement"] });
    expect((await call("GET", "/api/notifications/preferences", person.cookie)).json()).toEqual({
      digestKinds: ["reply", "announcement"],
    });
    expect((await call("GET", "/api/notifications/preferences", other.cookie)).json()).toEqual({
      digestKinds: [],
    });
    const cleared = await call("PUT", "/api/notifications/preferences", person.cookie, { digestKinds: [] });
    expect(cleared.json()).toEqual({ digestKinds: [] });
  });

  it("refuses unknown kinds, repeats, missing or extra fields, and writes nothing", async () => {
    const person = await signedIn("Quinn");
    await optIn(ctx, person.cookie, ["mention"]);
    const bad: unknown[] = [
      { digestKinds: ["reply", "birthday"] },
      { digestKinds: ["reply", "reply"] },
      { digestKinds: "reply" },
      {},
      { digestKinds: [], userId: other.id },
    ];
    for (const payload of bad) {
      const response = await call("PUT", "/api/notifications/preferences", person.cookie, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: "validation_failed" });
    }
    expect(await preferencesOf(person.id)).toBe("{mention}");
  });
});

describe("one-click unsubscribe", () => {
  async function digestFor(kinds: Array<"reply" | "mention" | "highlight" | "announcement">) {
    const person = await signedIn("Uma");
    await optIn(ctx, person.cookie, kinds);
    await notify(ctx, person.id, kinds);
    await digestPass(ctx, ukDayAt(1, 8));
    const [mail] = await mailTo(ctx, person.email);
    if (!mail) throw new Error("no digest");
    return { person, tokens: unsubscribeTokensIn(mail.text) };
  }

  const unsubscribe = (token: string) => call("POST", "/api/unsubscribe", null, { token });

  it("stops one kind without signing in, and says what it stopped", async () => {
    const { person, tokens } = await digestFor(["reply", "mention"]);
    expect(Object.keys(tokens).sort()).toEqual(["all", "mention", "reply"]);
    const response = await unsubscribe(tokens.reply ?? "");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ kind: "reply", alreadyUsed: false });
    expect(response.json().stopped).toContain("replies to my comments");
    expect(await preferencesOf(person.id)).toBe("{mention}");
    // Tokens are stored only as keyed hashes.
    const stored = (await ctx.database.rawQuery(
      "select token_hash, used_at from unsubscribe_tokens where user_id = $1",
      [person.id],
    )) as Array<{ token_hash: string; used_at: Date | null }>;
    expect(stored).toHaveLength(3);
    expect(stored.map((s) => s.token_hash)).not.toContain(tokens.reply);
    expect(stored.filter((s) => s.used_at !== null)).toHaveLength(1);
  });

  it("stops every kind with the 'all' link", async () => {
    const { person, tokens } = await digestFor(["reply", "highlight", "announcement"]);
    const response = await unsubscribe(tokens.all ?? "");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: null, alreadyUsed: false });
    expect(await preferencesOf(person.id)).toBe("{}");
  });

  it("answers 404 for a forged link and changes nothing", async () => {
    const { person } = await digestFor(["reply"]);
    const response = await unsubscribe("A".repeat(43));
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/^This unsubscribe link is not valid/);
    const malformed = await unsubscribe("not a token!");
    expect(malformed.statusCode).toBe(400);
    expect(await preferencesOf(person.id)).toBe("{reply}");
  });

  it("says a used link was already used, and does not unsubscribe someone who re-subscribed since", async () => {
    const { person, tokens } = await digestFor(["mention"]);
    expect((await unsubscribe(tokens.mention ?? "")).statusCode).toBe(200);
    expect(await preferencesOf(person.id)).toBe("{}");
    await optIn(ctx, person.cookie, ["mention"]);

    const again = await unsubscribe(tokens.mention ?? "");
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ kind: "mention", alreadyUsed: true });
    expect(await preferencesOf(person.id)).toBe("{mention}");
  });

  it("limits attempts from one address", async () => {
    const responses = [];
    for (let i = 0; i < 31; i += 1) {
      responses.push(
        await ctx.app.inject({
          method: "POST",
          url: "/api/unsubscribe",
          remoteAddress: "203.0.113.9",
          payload: { token: `${"B".repeat(40)}${i}` },
        }),
      );
    }
    expect(responses.slice(0, 30).every((r) => r.statusCode === 404)).toBe(true);
    expect(responses[30]?.statusCode).toBe(429);
    expect(responses[30]?.headers["retry-after"]).toBeDefined();
  });
});
