import { Writable } from "node:stream";
import { count, eq } from "drizzle-orm";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import { helpArticles, mailOutbox, supportRequests } from "../../src/server/db/schema/index.js";
import { MATCH_END, MATCH_START } from "../../src/server/modules/help/help.repository.js";
import { readHelpSeed, seedHelp } from "../../src/server/modules/help/help.seed.js";
import { createHelpService, newSupportReference } from "../../src/server/modules/help/help.service.js";
import { DEFAULT_RATE_LIMITS } from "../../src/server/platform/config.js";
import { createMailer } from "../../src/server/platform/mailer.js";
import { RegisterSchema } from "../../src/shared/accounts.js";
import { ACCESS_MONTHS, DEFERRABLE_LEVELS, formatPrice, LEVEL_LABELS } from "../../src/shared/catalogue.js";
import {
  HELP_CATEGORIES,
  type HelpArticle,
  type HelpArticleAdmin,
  type HelpArticleAdminList,
  type HelpIndex,
  SUPPORT_REFERENCE_PATTERN,
  SupportRequestSchema,
} from "../../src/shared/help.js";
import { auditFor, buildAdmin, buildUser, mailTo, signIn, tableCounts } from "../support/factories.js";
import { createTestApp, type TestContext, testConfig } from "../support/test-app.js";
import { createTestDatabase } from "../support/test-database.js";

const SUPPORT = "support@qi-academy.example";

let ctx: TestContext;
let editor: string;
let learner: string;
beforeAll(async () => {
  ctx = await createTestApp();
  editor = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "content_editor"] }));
  learner = await signIn(ctx, await buildUser(ctx));
});
afterAll(async () => ctx.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (
  method: Method,
  url: string,
  options: { cookie?: string; payload?: unknown; ip?: string } = {},
) =>
  ctx.app.inject({
    method,
    url,
    headers: options.cookie ? { cookie: options.cookie } : {},
    ...(options.payload === undefined ? {} : { payload: options.payload as object }),
    remoteAddress: options.ip ?? "127.0.0.1",
  });

const helpIndex = async (query = "") => {
  const response = await call("GET", `/api/help${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as HelpIndex;
};

/** A valid answer an editor might write, with a fresh web address. */
let made = 0;
const draft = (overrides: Record<string, unknown> = {}) => {
  made += 1;
  return {
    title: `How do I find the quartz lantern ${made}?`,
    slug: `quartz-lantern-${made}`,
    category: "learning",
    summary: "A short answer about the quartz lantern.",
    body: "## Where it is\n\nThe **quartz lantern** is in the cupboard.",
    position: 500,
    published: true,
    ...overrides,
  };
};

const helpCounts = async () => {
  const db = ctx.database.db;
  const [[articles], [requests]] = await Promise.all([
    db.select({ n: count() }).from(helpArticles),
    db.select({ n: count() }).from(supportRequests),
  ]);
  return { ...(await tableCounts(ctx)), articles: articles?.n ?? 0, requests: requests?.n ?? 0 };
};

const contactBody = (overrides: Record<string, unknown> = {}) => ({
  name: "Priya Shah",
  email: `priya-${Math.random().toString(36).slice(2, 8)}@example.test`,
  topic: "certificates",
  message: "My certificate shows the wrong spelling of my name.\nCan you help?",
  ...overrides,
});

describe("GET /api/help", () => {
  it("lists the seeded answers by section, in the sections' order", async () => {
    const index = await helpIndex();
    expect(index.query).toBeNull();
    expect(index.results).toEqual([]);
    expect(index.categories.map((c) => c.category)).toEqual(HELP_CATEGORIES.map((c) => c.value));
    const slugs = index.categories.flatMap((c) => c.articles.map((a) => a.slug));
    expect(slugs.length).toBeGreaterThanOrEqual(10);
    expect(slugs.length).toBeLessThanOrEqual(14);
    expect(slugs).toContain("where-to-find-my-esr-number");
    const account = index.categories.find((c) => c.category === "account");
    expect(account?.label).toBe("Your account");
    expect(account?.articles[0]).toMatchObject({
      slug: "create-an-account",
      title: "How do I create an account?",
    });
  });

  it("finds the ESR answer for 'ESR payslip', best first, with a snippet marking the matches", async () => {
    const index = await helpIndex("?q=ESR%20payslip");
    expect(index.query).toBe("ESR payslip");
    expect(index.categories).toEqual([]);
    expect(index.results[0]?.slug).toBe("where-to-find-my-esr-number");
    const snippet = index.results[0]?.snippet ?? [];
    const matched = snippet.filter((p) => p.match).map((p) => p.text.toLowerCase());
    expect(matched).toEqual(expect.arrayContaining(["payslip"]));
    const text = snippet.map((p) => p.text).join("");
    expect(text).not.toMatch(/[*#[\]]|\]\(/);
    expect(text).not.toContain(MATCH_START);
    expect(text).not.toContain(MATCH_END);
  });

  it("stems words, falls back to titles when the words are all stop words, and treats any input as text", async () => {
    const deferring = await helpIndex("?q=deferring");
    expect(deferring.results.map((r) => r.slug)).toContain("defer-your-course");
    // "the" is a stop word, so the text-search query is empty: titles containing it are found instead.
    const the = await helpIndex("?q=the");
    expect(the.results.length).toBeGreaterThan(0);
    expect(the.results.every((r) => /the/i.test(r.title))).toBe(true);
    for (const odd of [
      "%27%3B%20drop%20table%20help_articles%3B--",
      "%22unclosed",
      "a%20%26%20%7C%20!",
      "100%25_",
    ]) {
      const response = await call("GET", `/api/help?q=${odd}`);
      expect(response.statusCode, odd).toBe(200);
    }
    expect((await helpIndex("?q=xyzzyplugh")).results).toEqual([]);
    // When no answer has every word, answers with any of them are shown.
    expect((await helpIndex("?q=payslip%20xyzzyplugh")).results[0]?.slug).toBe("where-to-find-my-esr-number");
  });

  it("refuses search words over 200 characters and unknown parameters with 400", async () => {
    expect((await call("GET", `/api/help?q=${"a".repeat(201)}`)).statusCode).toBe(400);
    expect((await call("GET", "/api/help?page=2")).statusCode).toBe(400);
  });
});

describe("GET /api/help/:slug", () => {
  it("renders the answer's Markdown to HTML, with other answers in its section", async () => {
    const response = await call("GET", "/api/help/where-to-find-my-esr-number");
    expect(response.statusCode, response.body).toBe(200);
    const article = response.json() as HelpArticle;
    expect(article.title).toBe("Where do I find my ESR assignment number on my payslip?");
    expect(article.category).toBe("account");
    expect(article.html).toContain("<h2>It is optional</h2>");
    expect(article.html).toContain('<a href="/account">My account</a>');
    expect(article.html).not.toContain("<h1");
    expect(article.related.map((r) => r.slug)).toContain("create-an-account");
    expect(article.related.map((r) => r.slug)).not.toContain("where-to-find-my-esr-number");
  });

  it("answers 404 for an unknown answer", async () => {
    const response = await call("GET", "/api/help/no-such-answer");
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe("not_found");
  });
});

describe("drafts", () => {
  it("hides an unpublished answer from the list, search and its page, except from editors", async () => {
    const body = draft({ published: false, title: "How do I polish the zephyr gauge?" });
    const created = await call("POST", "/api/manage/help/articles", { cookie: editor, payload: body });
    expect(created.statusCode, created.body).toBe(201);

    const slugs = (await helpIndex()).categories.flatMap((c) => c.articles.map((a) => a.slug));
    expect(slugs).not.toContain(body.slug);
    expect((await helpIndex("?q=zephyr")).results).toEqual([]);
    expect((await call("GET", `/api/help/${body.slug}`)).statusCode).toBe(404);
    expect((await call("GET", `/api/help/${body.slug}`, { cookie: learner })).statusCode).toBe(404);

    const asEditor = await call("GET", `/api/help/${body.slug}`, { cookie: editor });
    expect(asEditor.statusCode).toBe(200);
    expect((asEditor.json() as HelpArticle).published).toBe(false);
  });
});

describe("content editors maintain the answers", () => {
  it("creates, lists, reads, edits and deletes an answer, auditing each change", async () => {
    const body = draft();
    const created = await call("POST", "/api/manage/help/articles", { cookie: editor, payload: body });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json() as HelpArticleAdmin;
    expect(article).toMatchObject({ ...body, id: expect.any(String) });
    expect((await auditFor(ctx, "help.article_created"))[0]).toMatchObject({
      subjectId: article.id,
      details: { slug: body.slug, title: body.title, published: true },
    });

    const list = (
      await call("GET", "/api/manage/help/articles", { cookie: editor })
    ).json() as HelpArticleAdminList;
    expect(list.articles.find((a) => a.id === article.id)).toMatchObject({
      slug: body.slug,
      published: true,
    });
    expect((await call("GET", `/api/help/${body.slug}`)).statusCode).toBe(200);

    const read = await call("GET", `/api/manage/help/articles/${article.id}`, { cookie: editor });
    expect(read.json()).toMatchObject({ body: body.body, summary: body.summary });

    const edited = { ...body, slug: `${body.slug}-moved`, summary: "The lantern has moved to the shelf." };
    const updated = await call("PUT", `/api/manage/help/articles/${article.id}`, {
      cookie: editor,
      payload: edited,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ slug: edited.slug, summary: edited.summary });
    expect((await auditFor(ctx, "help.article_updated"))[0]).toMatchObject({
      subjectId: article.id,
      details: { slug: edited.slug, previousSlug: body.slug, changed: ["slug", "summary"] },
    });
    expect((await call("GET", `/api/help/${body.slug}`)).statusCode).toBe(404);
    expect((await call("GET", `/api/help/${edited.slug}`)).json()).toMatchObject({ summary: edited.summary });

    const deleted = await call("DELETE", `/api/manage/help/articles/${article.id}`, { cookie: editor });
    expect(deleted.statusCode).toBe(204);
    expect((await auditFor(ctx, "help.article_deleted"))[0]).toMatchObject({
      subjectId: article.id,
      details: { slug: edited.slug },
    });
    expect((await call("GET", `/api/help/${edited.slug}`)).statusCode).toBe(404);
    expect(
      (await call("DELETE", `/api/manage/help/articles/${article.id}`, { cookie: editor })).statusCode,
    ).toBe(404);
  });

  it("lets platform administrators maintain answers too", async () => {
    const admin = await signIn(ctx, await buildAdmin(ctx));
    const created = await call("POST", "/api/manage/help/articles", { cookie: admin, payload: draft() });
    expect(created.statusCode, created.body).toBe(201);
  });

  it("refuses a web address another answer uses with 409 against the slug field, and writes nothing", async () => {
    const before = await helpCounts();
    const taken = await call("POST", "/api/manage/help/articles", {
      cookie: editor,
      payload: draft({ slug: "where-to-find-my-esr-number" }),
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().details).toEqual([
      { field: "slug", message: expect.stringContaining("web address") },
    ]);
    const existing = (
      await call("POST", "/api/manage/help/articles", { cookie: editor, payload: draft() })
    ).json();
    const moved = await call("PUT", `/api/manage/help/articles/${existing.id}`, {
      cookie: editor,
      payload: draft({ slug: "create-an-account" }),
    });
    expect(moved.statusCode).toBe(409);
    expect((await helpCounts()).articles).toBe(before.articles + 1);
  });

  it("previews Markdown as the sanitised HTML learners would see", async () => {
    const response = await call("POST", "/api/help/preview", {
      cookie: editor,
      payload: { markdown: "# Heading\n\n## Sub\n\nSome *text*." },
    });
    expect(response.statusCode).toBe(200);
    // The page's h1 is the question, so the answer's headings move down one level.
    expect(response.json().html).toBe("<h2>Heading</h2>\n<h3>Sub</h3>\n<p>Some <em>text</em>.</p>\n");
  });

  const someId = "0b6a3c52-3f38-4a43-9d43-5f4f0a4b8b1e";
  const editorCalls: Array<[Method, string, unknown]> = [
    ["GET", "/api/manage/help/articles", undefined],
    ["POST", "/api/manage/help/articles", draft()],
    ["GET", `/api/manage/help/articles/${someId}`, undefined],
    ["PUT", `/api/manage/help/articles/${someId}`, draft()],
    ["DELETE", `/api/manage/help/articles/${someId}`, undefined],
    ["POST", "/api/help/preview", { markdown: "Hello" }],
  ];

  it.each(editorCalls)(
    "%s %s answers 401 signed out and 403 for a learner, writing nothing",
    async (method, url, payload) => {
      const before = await helpCounts();
      const signedOut = await call(method, url, { payload });
      expect(signedOut.statusCode).toBe(401);
      const forbidden = await call(method, url, { cookie: learner, payload });
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().error).toBe("forbidden");
      expect(await helpCounts()).toEqual(before);
    },
  );

  it.each([
    ["a missing title", { title: undefined }, "title"],
    ["a slug with spaces", { slug: "Where is it" }, "slug"],
    ["the reserved slug 'contact'", { slug: "contact" }, "slug"],
    ["an unknown section", { category: "gossip" }, "category"],
    ["a position that is not a whole number", { position: 1.5 }, "position"],
    ["a body over 20,000 characters", { body: "a".repeat(20_001) }, "body"],
    ["an unknown field", { colour: "red" }, "colour"],
  ])("refuses %s with 400 naming the field, and writes nothing", async (_what, overrides, field) => {
    const before = await helpCounts();
    const response = await call("POST", "/api/manage/help/articles", {
      cookie: editor,
      payload: draft(overrides),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field?: string }) => d.field)).toContain(field);
    expect(await helpCounts()).toEqual(before);
  });

  it("answers 400 for an answer id that is not a UUID, and 404 for one that does not exist", async () => {
    expect((await call("GET", "/api/manage/help/articles/not-an-id", { cookie: editor })).statusCode).toBe(
      400,
    );
    expect((await call("GET", `/api/manage/help/articles/${someId}`, { cookie: editor })).statusCode).toBe(
      404,
    );
    const before = await helpCounts();
    expect(
      (await call("PUT", `/api/manage/help/articles/${someId}`, { cookie: editor, payload: draft() }))
        .statusCode,
    ).toBe(404);
    expect(await helpCounts()).toEqual(before);
  });
});

describe("Markdown from editors is sanitised on output", () => {
  const hostile = [
    "<script>alert('x')</script>",
    '<iframe src="https://evil.example"></iframe>',
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(1))",
    "[or me](JaVaScRiPt:alert(1))",
    "![pic](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="javascript:alert(1)">raw link</a>',
  ].join("\n\n");

  const expectSafe = (html: string) => {
    // Nothing may be an element or attribute; as text, escaped, it is harmless.
    expect(html).not.toMatch(/<(script|iframe|img|object|embed|style)\b/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).not.toMatch(/(href|src)="(javascript|data|vbscript):/i);
    expect(html).toContain("&lt;script&gt;");
  };

  it("on the answer's page", async () => {
    const body = draft({ body: hostile });
    expect(
      (await call("POST", "/api/manage/help/articles", { cookie: editor, payload: body })).statusCode,
    ).toBe(201);
    const response = await call("GET", `/api/help/${body.slug}`);
    expectSafe((response.json() as HelpArticle).html);
  });

  it("in the editor's preview", async () => {
    const response = await call("POST", "/api/help/preview", {
      cookie: editor,
      payload: { markdown: hostile },
    });
    expectSafe(response.json().html);
  });
});

describe("POST /api/help/contact", () => {
  const supportRows = (reference: string) =>
    ctx.database.db.select().from(supportRequests).where(eq(supportRequests.reference, reference));
  const mailWith = async (to: string, reference: string) =>
    (await mailTo(ctx, to)).filter((m) => m.subject.includes(reference));

  it("works signed out: records the message and emails support and the sender the same reference", async () => {
    const body = contactBody();
    const response = await call("POST", "/api/help/contact", { payload: body, ip: "10.1.0.1" });
    expect(response.statusCode, response.body).toBe(201);
    const { reference } = response.json() as { reference: string };
    expect(reference).toMatch(SUPPORT_REFERENCE_PATTERN);

    const [row] = await supportRows(reference);
    expect(row).toMatchObject({
      userId: null,
      name: body.name,
      email: body.email,
      topic: "certificates",
      message: body.message,
    });

    const [toSupport] = await mailWith(SUPPORT, reference);
    expect(toSupport?.subject).toBe(`Support request ${reference}: Certificates`);
    expect(toSupport?.text).toContain(body.message);
    expect(toSupport?.text).toContain(`From: Priya Shah <${body.email}>`);
    expect(toSupport?.text).toContain("Account: not signed in");
    expect(toSupport?.html).toContain("Can you help?");

    const [toSender] = await mailWith(body.email, reference);
    expect(toSender?.text).toContain(`Your reference number is ${reference}`);
    // The acknowledgement never repeats the message or the name given.
    expect(toSender?.text).not.toContain("wrong spelling");
    expect(toSender?.text).not.toContain("Priya");
  });

  it("works signed in: records who sent it", async () => {
    const user = await buildUser(ctx, { givenName: "Sam", familyName: "Okafor" });
    const cookie = await signIn(ctx, user);
    const body = contactBody({ name: "Sam Okafor", email: user.email, topic: "accessibility" });
    const response = await call("POST", "/api/help/contact", { cookie, payload: body, ip: "10.1.0.2" });
    expect(response.statusCode, response.body).toBe(201);
    const { reference } = response.json() as { reference: string };
    const [row] = await supportRows(reference);
    expect(row?.userId).toBe(user.id);
    const [toSupport] = await mailWith(SUPPORT, reference);
    expect(toSupport?.text).toContain(`Account: signed in as ${user.email} (user ${user.id})`);
    expect(await mailWith(user.email, reference)).toHaveLength(1);
  });

  it("escapes what the sender wrote in the HTML email to support", async () => {
    const body = contactBody({ message: '<script>alert("x")</script> & <b>bold</b>' });
    const response = await call("POST", "/api/help/contact", { payload: body, ip: "10.1.0.3" });
    const { reference } = response.json() as { reference: string };
    const [toSupport] = await mailWith(SUPPORT, reference);
    expect(toSupport?.html).not.toContain("<script>");
    expect(toSupport?.html).toContain("&#60;script&#62;");
  });

  it.each([
    ["no name", { name: "" }, "name"],
    ["a name with markup", { name: "<b>Priya</b>" }, "name"],
    ["a malformed email address", { email: "priya@" }, "email"],
    ["a topic not on the list", { topic: "gossip" }, "topic"],
    ["an empty message", { message: "   " }, "message"],
    ["a message over 5,000 characters", { message: "a".repeat(5001) }, "message"],
    ["an unknown field", { phone: "01234" }, "phone"],
  ])("refuses %s with 400 naming the field, and writes nothing", async (_what, overrides, field) => {
    const before = await helpCounts();
    const response = await call("POST", "/api/help/contact", {
      payload: contactBody(overrides),
      ip: "10.1.0.4",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().details.map((d: { field?: string }) => d.field)).toContain(field);
    expect(await helpCounts()).toEqual(before);
  });

  it("accepts a message of exactly 5,000 characters", async () => {
    const response = await call("POST", "/api/help/contact", {
      payload: contactBody({ message: "a".repeat(5000) }),
      ip: "10.1.0.5",
    });
    expect(response.statusCode).toBe(201);
  });

  it("draws another reference when the first is already used", async () => {
    const [taken] = await ctx.database.db
      .select({ reference: supportRequests.reference })
      .from(supportRequests)
      .limit(1);
    expect(taken).toBeDefined();
    const fresh = newSupportReference();
    const draws = [taken?.reference ?? "", fresh];
    const service = createHelpService({
      database: ctx.database,
      config: ctx.config,
      mailer: createMailer({ smtp: false, logger: ctx.app.log }),
      newReference: () => draws.shift() ?? newSupportReference(),
    });
    const reference = await service.contact(null, SupportRequestSchema.parse(contactBody()), {
      requestId: "test",
      ipAddress: "10.1.0.6",
      userAgent: null,
    });
    expect(reference).toBe(fresh);
    expect(await supportRows(fresh)).toHaveLength(1);
  });

  it("makes references from an unambiguous alphabet", () => {
    for (let i = 0; i < 200; i += 1) {
      const reference = newSupportReference();
      expect(reference).toMatch(SUPPORT_REFERENCE_PATTERN);
      expect(reference.slice(4)).not.toMatch(/[01ILOU]/);
    }
  });
});

describe("contact form rate limits and logs", () => {
  it("refuses a burst from one address with 429 and Retry-After, writing nothing more", async () => {
    const limited = await createTestApp({
      rateLimits: {
        ...DEFAULT_RATE_LIMITS,
        resetPerIp: { windowSeconds: 3600, softLimit: 100, hardLimit: 2, slowDownMs: 1 },
      },
    });
    try {
      const send = () =>
        limited.app.inject({
          method: "POST",
          url: "/api/help/contact",
          payload: contactBody(),
          remoteAddress: "10.2.0.1",
        });
      expect((await send()).statusCode).toBe(201);
      expect((await send()).statusCode).toBe(201);
      const [before] = await limited.database.db.select({ n: count() }).from(mailOutbox);
      const refused = await send();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toBe("rate_limited");
      expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
      const [after] = await limited.database.db.select({ n: count() }).from(mailOutbox);
      expect(after?.n).toBe(before?.n);
      // Another address is not held up by the first.
      const other = await limited.app.inject({
        method: "POST",
        url: "/api/help/contact",
        payload: contactBody(),
        remoteAddress: "10.2.0.2",
      });
      expect(other.statusCode).toBe(201);
    } finally {
      await limited.close();
    }
  });

  it("refuses more than a few messages to one email address in an hour, whatever address they come from", async () => {
    const email = "flooded@example.test";
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_RATE_LIMITS.resetPerAccount.hardLimit + 1; i += 1) {
      const response = await call("POST", "/api/help/contact", {
        payload: contactBody({ email }),
        ip: `10.3.0.${i + 1}`,
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 201)).toHaveLength(DEFAULT_RATE_LIMITS.resetPerAccount.hardLimit);
  });

  it("never writes the message into the logs", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const testDb = await createTestDatabase();
    await seedHelp(testDb.database.db);
    const app = await buildApp({
      config: testConfig({ databaseUrl: testDb.databaseUrl }),
      database: testDb.database,
      logger: pino({ level: "trace" }, sink),
    });
    try {
      const secret = "my-distinctive-unlogged-words-7731";
      const response = await app.inject({
        method: "POST",
        url: "/api/help/contact",
        payload: contactBody({ message: `Please help: ${secret}` }),
      });
      expect(response.statusCode).toBe(201);
      expect(lines.some((line) => line.includes("mail stored in outbox"))).toBe(true);
      expect(lines.join("\n")).not.toContain(secret);
    } finally {
      await app.close();
      await testDb.dispose();
    }
  });
});

describe("the seeded answers tell the truth about the platform", () => {
  const seed = readHelpSeed();
  const body = (slug: string) => {
    const found = seed.find((a) => a.slug === slug);
    if (!found) throw new Error(`no seeded answer ${slug}`);
    return found.body;
  };

  it("gives each level its access window from ACCESS_MONTHS", () => {
    const lines = body("how-long-you-have").split("\n");
    const lineFor = (words: string) => lines.find((line) => line.startsWith("- ") && line.includes(words));
    for (const level of [
      "introductory",
      "accredited_introduction",
      "foundation",
      "practitioner",
      "facilitator",
      "programme_manager",
    ] as const) {
      expect(lineFor(LEVEL_LABELS[level]), level).toMatch(new RegExp(`: ${ACCESS_MONTHS[level]} months$`));
    }
    expect(lineFor("individual modules")).toMatch(new RegExp(`: ${ACCESS_MONTHS.module} months$`));
    expect(lineFor("mini-courses")).toMatch(new RegExp(`: ${ACCESS_MONTHS.mini_course} months$`));
  });

  it("names exactly the levels that can be deferred", () => {
    const first = body("defer-your-course").split("\n")[0] ?? "";
    const named = Object.entries(LEVEL_LABELS)
      .filter(([, label]) => first.includes(`**${label}**`))
      .map(([level]) => level);
    expect(new Set(named)).toEqual(new Set(DEFERRABLE_LEVELS));
  });

  it("writes prices as the catalogue formats them", () => {
    const prices = body("what-courses-cost");
    expect(prices).toContain(formatPrice(1_500));
    expect(prices).toContain(formatPrice(59_500));
  });

  it("gives an ESR example the registration form accepts", () => {
    const esr = body("where-to-find-my-esr-number");
    const example = esr.match(/like (\d{11})/)?.[1];
    expect(example).toBeDefined();
    expect(RegisterSchema.shape.esrNumber.safeParse(example).success).toBe(true);
  });

  it("loads only into an empty help centre", async () => {
    expect(await seedHelp(ctx.database.db)).toBe(0);
  });
});
