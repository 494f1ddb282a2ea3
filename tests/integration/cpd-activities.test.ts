import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedCpdDemo } from "../../src/server/modules/cpd/cpd.seed.js";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import type { CpdActivity } from "../../src/shared/cpd.js";
import { insertCpdActivities } from "../support/cpd-fixtures.js";
import { buildUser, signIn, type TestUser, tableCounts } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
let owner: TestUser;
let other: TestUser;
let ownerCookie = "";
let otherCookie = "";

const DAY = 86_400_000;
const today = () => ukDate(new Date());
const tomorrow = () => ukDate(new Date(Date.now() + DAY));

beforeAll(async () => {
  ctx = await createTestApp();
  owner = await buildUser(ctx, { givenName: "Olu", familyName: "Owens" });
  other = await buildUser(ctx, { givenName: "Nia", familyName: "Other" });
  ownerCookie = await signIn(ctx, owner);
  otherCookie = await signIn(ctx, other);
});

afterAll(async () => {
  await ctx?.close();
});

function call(
  method: "GET" | "POST" | "PUT" | "DELETE",
  url: string,
  cookie: string | null,
  payload?: unknown,
) {
  return ctx.app.inject({
    method,
    url,
    ...(cookie ? { headers: { cookie } } : {}),
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function activityRows(userId: string) {
  return (await ctx.database.rawQuery(
    "select title, activity_date::text as activity_date, hours::text as hours, points::text as points, reflection from cpd_activities where user_id = $1 order by created_at, activity_date desc, id",
    [userId],
  )) as Array<Record<string, string | null>>;
}

async function create(cookie: string, body: Record<string, unknown>): Promise<CpdActivity> {
  const response = await call("POST", "/api/me/cpd-activities", cookie, body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as CpdActivity;
}

describe("CPD activities: signed out", () => {
  it("answers 401 on every endpoint", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const requests: Array<[Parameters<typeof call>[0], string, unknown?]> = [
      ["GET", "/api/me/cpd-activities"],
      ["POST", "/api/me/cpd-activities", { title: "x", activityDate: today(), hours: 1 }],
      ["GET", `/api/me/cpd-activities/${id}`],
      ["PUT", `/api/me/cpd-activities/${id}`, { title: "x", activityDate: today(), hours: 1 }],
      ["DELETE", `/api/me/cpd-activities/${id}`],
      ["GET", "/api/me/cpd-record"],
      ["GET", "/api/me/transcript"],
      ["GET", "/api/me/cpd-record.csv"],
      ["GET", "/api/me/cpd-record.pdf"],
      ["GET", "/api/me/transcript.csv"],
      ["GET", "/api/me/transcript.pdf"],
      ["GET", `/api/admin/users/${id}/cpd-record.csv`],
      ["GET", `/api/admin/users/${id}/transcript.pdf`],
    ];
    for (const [method, url, payload] of requests) {
      const response = await call(method, url, null, payload);
      expect(response.statusCode, `${method} ${url}`).toBe(401);
      expect(response.json()).toMatchObject({ error: "unauthenticated" });
    }
  });
});

describe("CPD activities: adding one", () => {
  it("records a learner's activity with hours, points and a reflection, and lists it", async () => {
    const created = await create(ownerCookie, {
      title: "  Read the Making Data Count guide  ",
      activityDate: "2025-09-14",
      hours: 1.5,
      points: 2,
      reflection: "I learnt how to set **baselines**.",
    });
    expect(created).toMatchObject({
      title: "Read the Making Data Count guide",
      activityDate: "2025-09-14",
      hours: 1.5,
      points: 2,
      reflection: "I learnt how to set **baselines**.",
    });
    expect(created.reflectionHtml).toContain("<strong>baselines</strong>");
    expect(await activityRows(owner.id)).toEqual([
      {
        title: "Read the Making Data Count guide",
        activity_date: "2025-09-14",
        hours: "1.50",
        points: "2.00",
        reflection: "I learnt how to set **baselines**.",
      },
    ]);

    const list = await call("GET", "/api/me/cpd-activities", ownerCookie);
    expect(list.statusCode).toBe(200);
    expect((list.json() as { activities: CpdActivity[] }).activities.map((a) => a.id)).toEqual([created.id]);
    const theirs = await call("GET", "/api/me/cpd-activities", otherCookie);
    expect((theirs.json() as { activities: CpdActivity[] }).activities).toEqual([]);
  });

  it("accepts points alone or hours alone, dated today, with no reflection", async () => {
    const pointsOnly = await create(otherCookie, {
      title: "Team huddle",
      activityDate: today(),
      points: 0.25,
    });
    expect(pointsOnly).toMatchObject({ hours: null, points: 0.25, reflection: "", reflectionHtml: "" });
    const hoursOnly = await create(otherCookie, {
      title: "Shadowed a matron",
      activityDate: "2000-01-01",
      hours: 1000,
      points: null,
    });
    expect(hoursOnly).toMatchObject({ hours: 1000, points: null });
  });

  it("renders a script or a javascript: link in the reflection as inert text", async () => {
    const created = await create(ownerCookie, {
      title: "Safety huddle",
      activityDate: "2025-10-01",
      hours: 1,
      reflection:
        '<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1)) and [ok](https://example.org)',
    });
    expect(created.reflectionHtml).not.toMatch(/<script|<img|href="javascript/i);
    expect(created.reflectionHtml).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(created.reflectionHtml).toContain(
      '<a href="https://example.org" rel="noopener noreferrer">ok</a>',
    );
    // The source is kept exactly as written, for editing.
    expect(created.reflection).toContain('<script>alert("x")</script>');
  });
});

describe("CPD activities: bad input", () => {
  const valid = { title: "Audit of falls", activityDate: "2025-06-02", hours: 2 };
  const cases: Array<[string, Record<string, unknown>, string, string]> = [
    [
      "a date in the future",
      { ...valid, activityDate: "FUTURE" },
      "activityDate",
      "The date of the activity must be today or in the past",
    ],
    [
      "a date before 2000",
      { ...valid, activityDate: "1999-12-31" },
      "activityDate",
      "The date of the activity must be in 2000 or later",
    ],
    [
      "a date that does not exist",
      { ...valid, activityDate: "2025-02-29" },
      "activityDate",
      "The date of the activity must be a real date",
    ],
    ["no date", { title: "x", hours: 1 }, "activityDate", "Enter the date of the activity"],
    ["negative hours", { ...valid, hours: -1 }, "hours", "The hours must be more than 0"],
    ["zero points", { ...valid, hours: null, points: 0 }, "points", "The CPD points must be more than 0"],
    ["too many hours", { ...valid, hours: 1000.5 }, "hours", "The hours must be 1,000 or fewer"],
    [
      "three decimal places",
      { ...valid, hours: 1.125 },
      "hours",
      "Enter the hours with no more than 2 decimal places, like 1.25",
    ],
    ["hours as text", { ...valid, hours: "2" }, "hours", "Enter the hours as a number, like 1.5"],
    [
      "neither hours nor points",
      { title: "x", activityDate: "2025-06-02" },
      "hours",
      "Enter the hours, the CPD points, or both",
    ],
    ["an empty title", { ...valid, title: "   " }, "title", "Enter a title for the activity"],
    [
      "a long title",
      { ...valid, title: "t".repeat(201) },
      "title",
      "The title must be 200 characters or fewer",
    ],
    [
      "a huge reflection",
      { ...valid, reflection: "r".repeat(10_001) },
      "reflection",
      "The reflection must be 10,000 characters or fewer",
    ],
    [
      "an unknown field",
      { ...valid, userId: owner?.id ?? "x" },
      "userId",
      'Remove the unknown field "userId"',
    ],
  ];

  it.each(cases)(
    "refuses %s with a message against the field, writing nothing",
    async (_, body, field, message) => {
      const payload = { ...body };
      if (payload.activityDate === "FUTURE") payload.activityDate = tomorrow();
      const before = await activityRows(owner.id);
      const counts = await tableCounts(ctx);
      const response = await call("POST", "/api/me/cpd-activities", ownerCookie, payload);
      expect(response.statusCode, response.body).toBe(400);
      const error = response.json() as { error: string; details: Array<{ field?: string; message: string }> };
      expect(error.error).toBe("validation_failed");
      expect(error.details).toContainEqual({ field, message });
      expect(await activityRows(owner.id)).toEqual(before);
      expect(await tableCounts(ctx)).toEqual(counts);
    },
  );

  it("refuses the same bad input on a change, leaving the activity as it was", async () => {
    const created = await create(ownerCookie, { ...valid, title: "Before" });
    for (const [, body] of cases) {
      const payload = { ...body };
      if (payload.activityDate === "FUTURE") payload.activityDate = tomorrow();
      const response = await call("PUT", `/api/me/cpd-activities/${created.id}`, ownerCookie, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    const after = await call("GET", `/api/me/cpd-activities/${created.id}`, ownerCookie);
    expect(after.json()).toMatchObject({ title: "Before", activityDate: "2025-06-02", hours: 2 });
  });

  it("refuses an id that is not a UUID", async () => {
    const response = await call("GET", "/api/me/cpd-activities/not-an-id", ownerCookie);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message: "The activity id is not valid" });
  });
});

describe("CPD activities: changing and deleting", () => {
  it("lets the owner read, change and delete their activity", async () => {
    const created = await create(ownerCookie, { title: "Draft", activityDate: "2025-07-01", points: 1 });
    const read = await call("GET", `/api/me/cpd-activities/${created.id}`, ownerCookie);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ title: "Draft", points: 1, hours: null });

    const changed = await call("PUT", `/api/me/cpd-activities/${created.id}`, ownerCookie, {
      title: "Facilitated a PDSA cycle",
      activityDate: "2025-07-02",
      hours: 3,
      reflection: "- what went well\n- what to change",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const body = changed.json() as CpdActivity;
    expect(body).toMatchObject({ title: "Facilitated a PDSA cycle", hours: 3, points: null });
    expect(body.reflectionHtml).toContain("<li>what went well</li>");
    expect(new Date(body.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(body.createdAt).getTime());

    const removed = await call("DELETE", `/api/me/cpd-activities/${created.id}`, ownerCookie);
    expect(removed.statusCode).toBe(204);
    expect((await call("GET", `/api/me/cpd-activities/${created.id}`, ownerCookie)).statusCode).toBe(404);
    expect((await call("DELETE", `/api/me/cpd-activities/${created.id}`, ownerCookie)).statusCode).toBe(404);
  });

  it("answers 404 to anyone else for the owner's activity, and changes nothing", async () => {
    const created = await create(ownerCookie, { title: "Mine", activityDate: "2025-08-01", hours: 1 });
    const snapshot = await activityRows(owner.id);
    const read = await call("GET", `/api/me/cpd-activities/${created.id}`, otherCookie);
    expect(read.statusCode).toBe(404);
    expect(read.json()).toMatchObject({
      error: "not_found",
      message: "The CPD activity could not be found.",
    });
    const changed = await call("PUT", `/api/me/cpd-activities/${created.id}`, otherCookie, {
      title: "Theirs now",
      activityDate: "2025-08-01",
      hours: 1,
    });
    expect(changed.statusCode).toBe(404);
    expect((await call("DELETE", `/api/me/cpd-activities/${created.id}`, otherCookie)).statusCode).toBe(404);
    expect(await activityRows(owner.id)).toEqual(snapshot);
  });

  it("refuses a change that comes from another site", async () => {
    const created = await create(ownerCookie, { title: "Kept", activityDate: "2025-08-02", hours: 1 });
    const response = await ctx.app.inject({
      method: "DELETE",
      url: `/api/me/cpd-activities/${created.id}`,
      headers: { cookie: ownerCookie, "sec-fetch-site": "cross-site" },
    });
    expect(response.statusCode).toBe(403);
    expect((await call("GET", `/api/me/cpd-activities/${created.id}`, ownerCookie)).statusCode).toBe(200);
  });
});

describe("CPD activities: a full record", () => {
  it("refuses a 5,001st activity with 409 and a way forward", async () => {
    const full = await buildUser(ctx);
    await insertCpdActivities(ctx, full.id, 5000);
    const cookie = await signIn(ctx, full);
    const response = await call("POST", "/api/me/cpd-activities", cookie, {
      title: "One more",
      activityDate: "2025-01-01",
      hours: 1,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      error: "conflict",
      message:
        "You have 5,000 CPD activities, which is the most one record can hold. Delete ones you no longer need, then add this one.",
    });
    const [row] = (await ctx.database.rawQuery(
      "select count(*)::int as n from cpd_activities where user_id = $1",
      [full.id],
    )) as Array<{ n: number }>;
    expect(row?.n).toBe(5000);
  });
});

describe("the demo seed", () => {
  it("gives the demo learner three activities once, and does nothing without them", async () => {
    expect(await seedCpdDemo(ctx.database.db)).toBe(false);
    const demo = await buildUser(ctx, { email: "learner@example.org" });
    expect(await seedCpdDemo(ctx.database.db)).toBe(true);
    expect(await seedCpdDemo(ctx.database.db)).toBe(false);
    const rows = await activityRows(demo.id);
    expect(rows.map((r) => r.title)).toEqual([
      "Led a PDSA cycle on the morning handover",
      "Read Making Data Count",
      "Regional quality improvement network day",
    ]);
    for (const row of rows) expect(String(row.activity_date) <= today()).toBe(true);
    const record = await call("GET", "/api/me/cpd-record?year=all", await signIn(ctx, demo));
    expect(record.json()).toMatchObject({ totals: { allTime: { points: 9, hours: 10.5, activities: 3 } } });
  });
});
