import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import { rebuildEnrolmentProgress } from "../../src/server/modules/reports/report-summaries.repository.js";
import { seedReportsDemo } from "../../src/server/modules/reports/reports.seed.js";
import type {
  Completions,
  ExpiringPage,
  Funnel,
  ProgressPage,
  ReportOrganisations,
  TeamsReport,
} from "../../src/shared/reports.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildOrganisation,
  buildReportLearner,
  buildUser,
  setEnrolmentProgress,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { courseIdBySlug, stepsOf } from "../support/learning-fixtures.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);
const daysAhead = (days: number) => new Date(Date.now() + days * DAY);

/** The organisation tree: ICB P → trust A → ward A1; trust B (with ward B1) elsewhere. */
const org = { P: "", A: "", A1: "", A2: "", B: "", B1: "" };
let intro = "";
let measures = "";
let introRequired = 0;
const people: Record<string, TestUser> = {};
const cookies = { adminA: "", adminA1: "", adminP: "", adminB: "", lapsed: "", learner: "", platform: "" };
const enrolmentIds: Record<string, string> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  org.P = await buildOrganisation(ctx, { name: "Reports Test ICB", type: "icb" });
  org.A = await buildOrganisation(ctx, { name: "Ashdown NHS Trust", type: "nhs_trust", parentId: org.P });
  org.A1 = await buildOrganisation(ctx, { name: "Ashdown Ward 1", parentId: org.A });
  org.A2 = await buildOrganisation(ctx, { name: "Ashdown Ward 2", parentId: org.A });
  org.B = await buildOrganisation(ctx, { name: "Birchwood NHS Trust", type: "nhs_trust" });
  org.B1 = await buildOrganisation(ctx, { name: "Birchwood Ward 1", parentId: org.B });
  intro = await courseIdBySlug(ctx, "productive-community-services-introductory");
  measures = await courseIdBySlug(ctx, "improvement-fundamentals-qi-measures");
  introRequired = (await stepsOf(ctx, intro)).filter((s) => s.required).length;

  people.ann = await buildReportLearner(ctx, {
    organisationId: org.A,
    teamId: org.A1,
    esrNumber: "12345678901",
    givenName: "Ann",
    familyName: "Able",
    email: "ann.able@example.test",
  });
  people.ben = await buildReportLearner(ctx, {
    organisationId: org.A,
    givenName: "Ben",
    familyName: "Baker",
    email: "ben.baker@example.test",
  });
  people.cara = await buildReportLearner(ctx, {
    organisationId: org.A,
    teamId: org.A2,
    givenName: "@SUM(1+1)",
    familyName: '=HYPERLINK("http://evil.example")',
    email: "cara@example.test",
  });
  people.dee = await buildReportLearner(ctx, {
    organisationId: org.A1,
    givenName: "Dee",
    familyName: "Dale",
    email: "dee.dale@example.test",
  });
  people.zed = await buildReportLearner(ctx, {
    organisationId: org.B,
    teamId: org.B1,
    esrNumber: "99988877766",
    givenName: "Zed",
    familyName: "Zulu",
    email: "zed.zulu@example.test",
  });

  const enrol = async (
    key: string,
    userId: string,
    courseId: string,
    options: {
      completedAt?: Date;
      expiresAt?: Date;
      steps?: number;
      lastActive?: Date | null;
      created?: Date;
    },
  ) => {
    const enrolment = await buildEnrolment(ctx, {
      userId,
      courseId,
      startsAt: daysAgo(60),
      ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}),
      completedAt: options.completedAt ?? null,
    });
    await setEnrolmentProgress(ctx, enrolment.id, {
      requiredStepsCompleted: options.steps ?? 0,
      lastActivityAt: options.lastActive ?? null,
      ...(options.created ? { createdAt: options.created } : {}),
    });
    enrolmentIds[key] = enrolment.id;
  };
  await enrol("annIntro", people.ann.id, intro, {
    completedAt: daysAgo(10),
    steps: introRequired,
    lastActive: daysAgo(10),
    created: daysAgo(40),
  });
  await enrol("benIntro", people.ben.id, intro, { steps: 2, lastActive: daysAgo(1), created: daysAgo(30) });
  await enrol("benMeasures", people.ben.id, measures, { created: daysAgo(20) });
  await enrol("caraIntro", people.cara.id, intro, { expiresAt: daysAhead(5), created: daysAgo(50) });
  await enrol("deeIntro", people.dee.id, intro, { steps: 1, lastActive: daysAgo(2), created: daysAgo(5) });
  await enrol("zedIntro", people.zed.id, intro, {
    completedAt: daysAgo(3),
    steps: introRequired,
    lastActive: daysAgo(3),
    expiresAt: daysAhead(6),
  });

  // Administrators belong to no organisation here, so the reports' counts hold only the learners above.
  people.adminA = await buildUser(ctx, {
    organisationId: null,
    roles: ["learner", { role: "learner_admin", organisationId: org.A, expiresAt: daysAhead(300) }],
  });
  people.adminA1 = await buildUser(ctx, {
    organisationId: null,
    roles: ["learner", { role: "learner_admin", organisationId: org.A1 }],
  });
  people.adminP = await buildUser(ctx, {
    organisationId: null,
    roles: ["learner", { role: "learner_admin", organisationId: org.P }],
  });
  people.adminB = await buildUser(ctx, {
    organisationId: null,
    roles: ["learner", { role: "learner_admin", organisationId: org.B }],
  });
  people.lapsed = await buildUser(ctx, {
    organisationId: null,
    roles: ["learner", { role: "learner_admin", organisationId: org.A, expiresAt: daysAgo(1) }],
  });
  people.learner = await buildUser(ctx, { organisationId: null });
  people.platform = await buildAdmin(ctx, { organisationId: null });
  for (const key of Object.keys(cookies) as Array<keyof typeof cookies>)
    cookies[key] = await signIn(ctx, people[key] as TestUser);
});
afterAll(async () => ctx.close());

const get = (url: string, cookie?: string) =>
  ctx.app.inject({ method: "GET", url, headers: cookie ? { cookie } : {} });
const progressUrl = (query: Record<string, string | number>) =>
  `/api/reports/learner-progress?${new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))}`;
const progress = async (cookie: string, query: Record<string, string | number>) => {
  const response = await get(progressUrl({ organisationId: org.A, ...query }), cookie);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ProgressPage;
};
const emails = (page: { rows: Array<{ email: string }> }) => page.rows.map((r) => r.email).sort();
const A_EMAILS = [
  "ann.able@example.test",
  "ben.baker@example.test",
  "cara@example.test",
  "dee.dale@example.test",
];

/** Every report endpoint for an organisation, for the authorisation matrix. */
const endpoints = (organisationId: string) => [
  `/api/reports/learner-progress?organisationId=${organisationId}`,
  `/api/reports/learner-progress?organisationId=${organisationId}&format=csv`,
  `/api/reports/learner-progress?organisationId=${organisationId}&format=xlsx`,
  `/api/reports/funnel?organisationId=${organisationId}`,
  `/api/reports/completions?organisationId=${organisationId}`,
  `/api/reports/expiring?organisationId=${organisationId}`,
  `/api/reports/teams?organisationId=${organisationId}`,
  `/api/reports/esr-completions?organisationId=${organisationId}`,
  `/api/reports/organisations/${organisationId}`,
];

describe("who may run reports", () => {
  it("answers 401 to anonymous requests and 403 to learners, on every report", async () => {
    for (const url of [...endpoints(org.A), "/api/reports/organisations", "/api/reports/funnel"]) {
      const anonymous = await get(url);
      expect(anonymous.statusCode, url).toBe(401);
      const learner = await get(url, cookies.learner);
      expect(learner.statusCode, url).toBe(403);
      expect(learner.json().message).toContain("learner administrator");
    }
  });

  it("refuses a learner administrator of another trust (403) and unknown organisations (404), on every report", async () => {
    for (const url of endpoints(org.A)) {
      const response = await get(url, cookies.adminB);
      expect(response.statusCode, url).toBe(403);
      expect(response.body).not.toContain("ann.able");
    }
    for (const url of endpoints("00000000-0000-4000-8000-000000000000")) {
      const response = await get(url, cookies.adminA);
      expect(response.statusCode, url).toBe(404);
    }
    // A learner administrator of a ward cannot reach the trust above it.
    expect((await get(endpoints(org.A)[0] as string, cookies.adminA1)).statusCode).toBe(403);
  });

  it("refuses a lapsed learner administrator, and one whose access lapses during a live session", async () => {
    for (const url of endpoints(org.A)) expect((await get(url, cookies.lapsed)).statusCode, url).toBe(403);
    const admin = await buildUser(ctx, {
      organisationId: null,
      roles: ["learner", { role: "learner_admin", organisationId: org.A, expiresAt: daysAhead(30) }],
    });
    const cookie = await signIn(ctx, admin);
    expect((await get(endpoints(org.A)[0] as string, cookie)).statusCode).toBe(200);
    await ctx.database.rawQuery(
      "update user_roles set expires_at = now() - interval '1 second' where user_id = $1 and role = 'learner_admin'",
      [admin.id],
    );
    for (const url of endpoints(org.A)) expect((await get(url, cookie)).statusCode, url).toBe(403);
  });

  it("lets platform administrators run any organisation's reports", async () => {
    for (const url of [...endpoints(org.A), ...endpoints(org.B)]) {
      const response = await get(url, cookies.platform);
      expect(response.statusCode, `${url} ${response.body}`).toBe(200);
    }
  });

  it("lists the organisations a learner administrator can report on, with the teams below them", async () => {
    const response = await get("/api/reports/organisations", cookies.adminA);
    expect(response.statusCode).toBe(200);
    const body = response.json() as ReportOrganisations;
    expect(body.allOrganisations).toBe(false);
    expect(body.organisations).toEqual([
      {
        id: org.A,
        name: "Ashdown NHS Trust",
        teams: [
          { id: org.A1, name: "Ashdown Ward 1" },
          { id: org.A2, name: "Ashdown Ward 2" },
        ],
      },
    ]);
    const platform = (
      await get("/api/reports/organisations", cookies.platform)
    ).json() as ReportOrganisations;
    expect(platform.allOrganisations).toBe(true);
  });
});

describe("GET /api/reports/learner-progress", () => {
  it("shows only the learners of the organisation and those below it, with each column", async () => {
    const page = await progress(cookies.adminA, {});
    expect(page.total).toBe(5);
    expect([...new Set(page.rows.map((r) => r.email))].sort()).toEqual(A_EMAILS);
    const ann = page.rows.find((r) => r.email === "ann.able@example.test");
    expect(ann).toMatchObject({
      givenName: "Ann",
      familyName: "Able",
      esrNumber: "12345678901",
      team: { id: org.A1, name: "Ashdown Ward 1" },
      course: { id: intro, level: "introductory" },
      status: "completed",
      progressPercent: 100,
      certificate: null,
    });
    const ben = page.rows.find((r) => r.enrolmentId === enrolmentIds.benIntro);
    expect(ben).toMatchObject({ status: "in_progress", progressPercent: Math.floor(200 / introRequired) });
    expect(page.rows.find((r) => r.enrolmentId === enrolmentIds.benMeasures)?.status).toBe("not_started");
    // Dee belongs to the ward itself, below the trust.
    expect(page.rows.some((r) => r.email === "dee.dale@example.test")).toBe(true);
  });

  it("lets a learner administrator of the ICB above see its trusts' learners, and a ward's see only the ward", async () => {
    expect(emails(await progress(cookies.adminP, {}))).toEqual(
      [...A_EMAILS, "ben.baker@example.test"].sort(),
    );
    const ward = await get(progressUrl({ organisationId: org.A1 }), cookies.adminA1);
    expect(emails(ward.json() as ProgressPage)).toEqual(["ann.able@example.test", "dee.dale@example.test"]);
    // Trust B is not below the ICB.
    expect((await get(progressUrl({ organisationId: org.B }), cookies.adminP)).statusCode).toBe(403);
  });

  it("never shows another trust's learner through a team, course or sort parameter", async () => {
    for (const teamId of [org.B, org.B1, org.P]) {
      const response = await get(progressUrl({ organisationId: org.A, teamId }), cookies.adminA);
      expect(response.statusCode).toBe(400);
      expect(response.json().details).toEqual([
        { field: "teamId", message: expect.stringContaining("team") },
      ]);
    }
    const course = await progress(cookies.adminA, { courseId: intro });
    expect(course.rows.some((r) => r.email === "zed.zulu@example.test")).toBe(false);
    for (const sort of [
      "name",
      "email",
      "team",
      "course",
      "level",
      "status",
      "progress",
      "enrolled",
      "lastActive",
    ]) {
      const sorted = await progress(cookies.adminA, { sort, direction: "desc" });
      expect(sorted.total).toBe(5);
      expect(sorted.rows.some((r) => r.email === "zed.zulu@example.test")).toBe(false);
    }
    const injected = await get(
      progressUrl({ organisationId: org.A, sort: "u.email; drop table users" }),
      cookies.adminA,
    );
    expect(injected.statusCode).toBe(400);
    expect(injected.json().details[0].field).toBe("sort");
  });

  it("filters by course, programme, level, status, team, ESR number and dates", async () => {
    expect(emails(await progress(cookies.adminA, { status: "completed" }))).toEqual([
      "ann.able@example.test",
    ]);
    expect(emails(await progress(cookies.adminA, { courseId: measures }))).toEqual([
      "ben.baker@example.test",
    ]);
    expect((await progress(cookies.adminA, { level: "introductory" })).total).toBe(4);
    expect(emails(await progress(cookies.adminA, { teamId: org.A1 }))).toEqual([
      "ann.able@example.test",
      "dee.dale@example.test",
    ]);
    expect(emails(await progress(cookies.adminA, { hasEsr: "true" }))).toEqual(["ann.able@example.test"]);
    expect((await progress(cookies.adminA, { hasEsr: "false" })).total).toBe(4);
    expect(emails(await progress(cookies.adminA, { status: "not_started" }))).toEqual([
      "ben.baker@example.test",
      "cara@example.test",
    ]);
    const today = ukDate(new Date());
    expect(
      emails(await progress(cookies.adminA, { completedFrom: ukDate(daysAgo(11)), completedTo: today })),
    ).toEqual(["ann.able@example.test"]);
    expect(
      emails(await progress(cookies.adminA, { enrolledFrom: ukDate(daysAgo(25)), enrolledTo: today })),
    ).toEqual(["ben.baker@example.test", "dee.dale@example.test"]);
    expect(emails(await progress(cookies.adminA, { lastActiveFrom: ukDate(daysAgo(3)) }))).toEqual([
      "ben.baker@example.test",
      "dee.dale@example.test",
    ]);
    const programme = (await ctx.database.rawQuery("select programme_id from courses where id = $1", [
      measures,
    ])) as Array<{ programme_id: string }>;
    expect(emails(await progress(cookies.adminA, { programmeId: programme[0]?.programme_id ?? "" }))).toEqual(
      ["ben.baker@example.test"],
    );
  });

  it("sorts by an allowed column in either direction, and pages with a total", async () => {
    const byProgress = await progress(cookies.adminA, { sort: "progress", direction: "desc" });
    expect(byProgress.rows.map((r) => r.progressPercent)).toEqual(
      [...byProgress.rows.map((r) => r.progressPercent)].sort((a, b) => b - a),
    );
    expect(byProgress.rows[0]?.email).toBe("ann.able@example.test");
    const byName = await progress(cookies.adminA, { sort: "name" });
    const named = byName.rows.map((r) => r.familyName).filter((name) => !name.startsWith("="));
    // Where "=HYPERLINK…" falls depends on the database's collation; the others are in alphabetical order.
    expect(named).toEqual(["Able", "Baker", "Baker", "Dale"]);
    const pages = [];
    for (const page of [1, 2, 3])
      pages.push(await progress(cookies.adminA, { sort: "name", pageSize: 2, page }));
    expect(pages[0]).toMatchObject({ total: 5, page: 1, pageSize: 2, pageCount: 3 });
    expect(pages.flatMap((p) => p.rows.map((r) => r.enrolmentId))).toEqual(
      byName.rows.map((r) => r.enrolmentId),
    );
    expect(pages[2]?.rows).toHaveLength(1);
    const beyond = await progress(cookies.adminA, { pageSize: 2, page: 9 });
    expect(beyond).toMatchObject({ rows: [], total: 5, pageCount: 3 });
  });

  it("refuses impossible dates, reversed ranges, page sizes over the maximum and unknown parameters", async () => {
    const cases: Array<[Record<string, string | number>, string]> = [
      [{ enrolledFrom: "2026-02-30" }, "enrolledFrom"],
      [{ completedTo: "31/03/2026" }, "completedTo"],
      [{ enrolledFrom: "2026-03-10", enrolledTo: "2026-03-01" }, "enrolledTo"],
      [{ lastActiveFrom: "2026-05-10", lastActiveTo: "2026-05-09" }, "lastActiveTo"],
      [{ pageSize: 101 }, "pageSize"],
      [{ page: 0 }, "page"],
      [{ status: "finished" }, "status"],
      [{ format: "pdf" }, "format"],
      [{ organisationId: "not-a-uuid" }, "organisationId"],
      [{ courseId: "nope" }, "courseId"],
      [{ colour: "red" }, "colour"],
    ];
    for (const [query, field] of cases) {
      const response = await get(progressUrl({ organisationId: org.A, ...query }), cookies.adminA);
      expect(response.statusCode, JSON.stringify(query)).toBe(400);
      const body = response.json();
      expect(
        body.details.map((d: { field: string }) => d.field),
        JSON.stringify(query),
      ).toContain(field);
      expect(body.message.length).toBeGreaterThan(10);
    }
  });

  it("records each view in the audit log with the filters and the number of rows", async () => {
    await progress(cookies.adminA, { status: "completed", sort: "email" });
    const [event] = await auditFor(ctx, "reports.learner_progress_viewed");
    expect(event).toMatchObject({
      actorUserId: people.adminA?.id,
      subjectType: "organisation",
      subjectId: org.A,
    });
    expect(event?.details).toMatchObject({
      report: "learner-progress",
      format: "json",
      filters: { status: "completed" },
      sort: "email",
      rows: 1,
    });
  });
});

describe("exports", () => {
  it("streams every matching row as CSV, neutralising formulas, named after the organisation and date", async () => {
    const response = await get(
      progressUrl({ organisationId: org.A, format: "csv", pageSize: 1 }),
      cookies.adminA,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="learner-progress-ashdown-nhs-trust-${ukDate(new Date())}.csv"`,
    );
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.body).toContain("\r\n");
    const rows = parse(response.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.Email)).not.toContain("zed.zulu@example.test");
    const cara = rows.find((r) => r.Email === "cara@example.test");
    expect(cara?.["Family name"]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(cara?.["Given name"]).toBe("'@SUM(1+1)");
    expect(rows.find((r) => r.Email === "ann.able@example.test")).toMatchObject({
      "ESR number": "12345678901",
      Team: "Ashdown Ward 1",
      Level: "Introductory",
      Status: "Completed",
      "Progress %": "100",
      Completed: ukDate(daysAgo(10)),
      Certificate: "",
    });
    const filtered = await get(
      progressUrl({ organisationId: org.A, format: "csv", status: "completed" }),
      cookies.adminA,
    );
    expect(parse(filtered.body, { bom: true, columns: true })).toHaveLength(1);
    const [event] = await auditFor(ctx, "reports.learner_progress_exported");
    expect(event?.details).toMatchObject({ format: "csv", filters: { status: "completed" }, rows: 1 });
  });

  it("streams the same rows as an Excel workbook", async () => {
    const response = await get(progressUrl({ organisationId: org.A, format: "xlsx" }), cookies.adminA);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toContain(".xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Learner progress");
    if (!sheet) throw new Error("no sheet");
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[2]).toBe("Email");
    expect(sheet.rowCount).toBe(6);
    const all = [2, 3, 4, 5, 6].map(values);
    expect(all.map((r) => r[2])).not.toContain("zed.zulu@example.test");
    expect(all.find((r) => r[2] === "cara@example.test")?.[1]).toBe('\'=HYPERLINK("http://evil.example")');
    expect(all.find((r) => r[2] === "ann.able@example.test")?.[8]).toBe(100);
  });

  it("exports ESR-ready completions: only completed enrolments in scope and in the date range", async () => {
    const from = ukDate(daysAgo(30));
    const to = ukDate(new Date());
    const response = await get(
      `/api/reports/esr-completions?organisationId=${org.A}&from=${from}&to=${to}`,
      cookies.adminA,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="esr-completions-ashdown-nhs-trust-${from}-to-${to}.csv"`,
    );
    const rows = parse(response.body, { bom: true }) as string[][];
    expect(rows[0]).toEqual([
      "ESR assignment number",
      "Family name",
      "Given name",
      "Email",
      "Course code",
      "Course title",
      "Completion date",
      "Certificate code",
    ]);
    expect(rows.slice(1)).toEqual([
      [
        "12345678901",
        "Able",
        "Ann",
        "ann.able@example.test",
        "productive-community-services-introductory",
        "Productive Community Services: Introductory",
        ukDate(daysAgo(10)),
        "",
      ],
    ]);
    const ward1 = await get(
      `/api/reports/esr-completions?organisationId=${org.A}&teamId=${org.A1}`,
      cookies.adminA,
    );
    expect((parse(ward1.body, { bom: true }) as string[][]).slice(1).map((r) => r[3])).toEqual([
      "ann.able@example.test",
    ]);
    const ward2 = await get(
      `/api/reports/esr-completions?organisationId=${org.A}&teamId=${org.A2}`,
      cookies.adminA,
    );
    expect(parse(ward2.body, { bom: true })).toHaveLength(1);
    const outside = await get(
      `/api/reports/esr-completions?organisationId=${org.A}&teamId=${org.B1}`,
      cookies.adminA,
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().details[0].field).toBe("teamId");
    const earlier = await get(
      `/api/reports/esr-completions?organisationId=${org.A}&from=${ukDate(daysAgo(5))}&to=${to}`,
      cookies.adminA,
    );
    expect(parse(earlier.body, { bom: true })).toHaveLength(1);
    const [event] = await auditFor(ctx, "reports.esr_completions_exported");
    expect(event?.details).toMatchObject({ filters: { from: ukDate(daysAgo(5)), to }, rows: 0 });
    const reversed = await get(
      `/api/reports/esr-completions?organisationId=${org.A}&from=2026-05-02&to=2026-05-01`,
      cookies.adminA,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details).toEqual([{ field: "to", message: expect.stringContaining("after") }]);
    expect(
      (await get(`/api/reports/esr-completions?organisationId=${org.A}&from=2026-13-01`, cookies.adminA))
        .statusCode,
    ).toBe(400);
  });

  it("downloads the funnel, completions, expiring and teams reports as CSV and Excel, in scope and audited", async () => {
    const today = ukDate(new Date());
    const files = [
      [
        "funnel",
        `/api/reports/funnel?organisationId=${org.A}`,
        `engagement-funnel-ashdown-nhs-trust-${today}`,
      ],
      [
        "completions",
        `/api/reports/completions?organisationId=${org.A}`,
        `completions-ashdown-nhs-trust-${today}`,
      ],
      [
        "expiring",
        `/api/reports/expiring?organisationId=${org.A}`,
        `access-ending-soon-ashdown-nhs-trust-${today}`,
      ],
      ["teams", `/api/reports/teams?organisationId=${org.A}`, `teams-ashdown-nhs-trust-${today}`],
    ] as const;
    for (const [report, url, name] of files) {
      const csv = await get(`${url}&format=csv`, cookies.adminA);
      expect(csv.statusCode, `${report} ${csv.body}`).toBe(200);
      expect(csv.headers["content-disposition"]).toBe(`attachment; filename="${name}.csv"`);
      expect(csv.body).not.toContain("zed.zulu");
      const rows = parse(csv.body, { bom: true }) as string[][];
      expect(rows.length, report).toBeGreaterThan(1);
      const xlsx = await get(`${url}&format=xlsx`, cookies.adminA);
      expect(xlsx.statusCode, report).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      expect(workbook.worksheets[0]?.rowCount, report).toBe(rows.length);
      const [event] = await auditFor(ctx, `reports.${report}_exported`);
      expect(event?.details).toMatchObject({ report, format: "xlsx" });
    }
    const expiring = parse(
      (await get(`/api/reports/expiring?organisationId=${org.A}&format=csv`, cookies.adminA)).body,
      { bom: true, columns: true },
    ) as Array<Record<string, string>>;
    expect(expiring).toEqual([
      expect.objectContaining({
        "Family name": '\'=HYPERLINK("http://evil.example")',
        "Given name": "'@SUM(1+1)",
        Email: "cara@example.test",
        Team: "Ashdown Ward 2",
      }),
    ]);
    const funnel = parse(
      (await get(`/api/reports/funnel?organisationId=${org.A}&courseId=${intro}&format=csv`, cookies.adminA))
        .body,
      { bom: true, columns: true },
    ) as Array<Record<string, string>>;
    expect(funnel).toEqual([
      expect.objectContaining({
        Enrolled: "4",
        Started: "3",
        "Completed all modules": "1",
        "Completed % of started": "33",
      }),
    ]);
    const teams = parse(
      (await get(`/api/reports/teams?organisationId=${org.A}&format=csv`, cookies.adminA)).body,
      { bom: true, columns: true },
    ) as Array<Record<string, string>>;
    expect(teams.at(-1)).toMatchObject({ Team: "All of Ashdown NHS Trust", Learners: "4", Enrolments: "5" });
    expect(
      (await get(`/api/reports/teams?organisationId=${org.A}&format=pdf`, cookies.adminA)).statusCode,
    ).toBe(400);
    expect(
      (await get(`/api/reports/teams?organisationId=${org.A}&format=csv`, cookies.adminB)).statusCode,
    ).toBe(403);
  });

  it("rate-limits exports per person with 429, Retry-After and a message, while on-screen reports still work", async () => {
    const admin = await buildUser(ctx, {
      organisationId: null,
      roles: ["learner", { role: "learner_admin", organisationId: org.A }],
    });
    const cookie = await signIn(ctx, admin);
    await ctx.database.rawQuery("insert into rate_limits (key, window_start, count) values ($1, now(), 30)", [
      `reports-export:${admin.id}`,
    ]);
    for (const url of [
      progressUrl({ organisationId: org.A, format: "csv" }),
      progressUrl({ organisationId: org.A, format: "xlsx" }),
      `/api/reports/esr-completions?organisationId=${org.A}`,
      `/api/reports/teams?organisationId=${org.A}&format=csv`,
      `/api/reports/funnel?format=xlsx`,
    ]) {
      const response = await get(url, cookie);
      expect(response.statusCode, url).toBe(429);
      expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
      expect(response.json()).toMatchObject({
        error: "rate_limited",
        message: expect.stringContaining("Wait"),
      });
    }
    expect((await get(progressUrl({ organisationId: org.A }), cookie)).statusCode).toBe(200);
  });
});

describe("GET /api/reports/funnel", () => {
  it("counts enrolled → started → completed per course for the organisation's learners only", async () => {
    const response = await get(`/api/reports/funnel?organisationId=${org.A}`, cookies.adminA);
    expect(response.statusCode, response.body).toBe(200);
    const funnel = response.json() as Funnel;
    expect(funnel.organisation).toEqual({ id: org.A, name: "Ashdown NHS Trust" });
    const introRow = funnel.courses.find((c) => c.courseId === intro);
    // Ann (completed), Ben and Dee (started), Cara (not started); Zed is in trust B.
    expect(introRow).toMatchObject({
      enrolled: 4,
      started: 3,
      startedPercent: 75,
      completed: 1,
      completedPercent: 33,
    });
    expect(funnel.courses.find((c) => c.courseId === measures)).toMatchObject({ enrolled: 1, started: 0 });
  });

  it("covers every organisation the administrator holds when none is given, and one course when asked", async () => {
    const mine = (await get("/api/reports/funnel", cookies.adminA)).json() as Funnel;
    expect(mine.organisation).toBeNull();
    expect(mine.courses.find((c) => c.courseId === intro)?.enrolled).toBe(4);
    const one = (await get(`/api/reports/funnel?courseId=${intro}`, cookies.adminB)).json() as Funnel;
    expect(one.courses).toEqual([expect.objectContaining({ courseId: intro, enrolled: 1, completed: 1 })]);
    const none = (
      await get(`/api/reports/funnel?organisationId=${org.B}&courseId=${measures}`, cookies.adminB)
    ).json() as Funnel;
    expect(none.courses).toEqual([
      expect.objectContaining({ courseId: measures, enrolled: 0, startedPercent: 0 }),
    ]);
    const unknown = await get(
      "/api/reports/funnel?courseId=00000000-0000-4000-8000-000000000000",
      cookies.adminA,
    );
    expect(unknown.statusCode).toBe(404);
    const [event] = await auditFor(ctx, "reports.funnel_viewed");
    expect(event?.details).toMatchObject({ report: "funnel" });
  });
});

describe("GET /api/reports/completions", () => {
  it("counts completions per month and per week, zero-filled, for the organisation's learners only", async () => {
    const response = await get(`/api/reports/completions?organisationId=${org.A}`, cookies.adminA);
    expect(response.statusCode, response.body).toBe(200);
    const months = response.json() as Completions;
    expect(months.interval).toBe("month");
    expect(months.total).toBe(1);
    expect(months.periods.length).toBeGreaterThanOrEqual(12);
    expect(months.periods.every((p) => p.start.endsWith("-01"))).toBe(true);
    const weeks = (
      await get(
        `/api/reports/completions?organisationId=${org.A}&interval=week&from=${ukDate(daysAgo(20))}&to=${ukDate(new Date())}`,
        cookies.adminA,
      )
    ).json() as Completions;
    expect(weeks.total).toBe(1);
    expect(weeks.periods.every((p) => new Date(`${p.start}T12:00:00Z`).getUTCDay() === 1)).toBe(true);
    const platform = (await get(`/api/reports/completions?organisationId=${org.B}`, cookies.platform)).json();
    expect(platform.total).toBe(1);
  });

  it("refuses reversed and impossible dates with the field named", async () => {
    const reversed = await get(
      `/api/reports/completions?organisationId=${org.A}&from=2026-06-01&to=2026-01-01`,
      cookies.adminA,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details[0].field).toBe("to");
    const impossible = await get(
      `/api/reports/completions?organisationId=${org.A}&from=2025-02-29`,
      cookies.adminA,
    );
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().details[0].field).toBe("from");
    const interval = await get(
      `/api/reports/completions?organisationId=${org.A}&interval=day`,
      cookies.adminA,
    );
    expect(interval.statusCode).toBe(400);
  });
});

describe("GET /api/reports/expiring", () => {
  it("lists learners whose access ends soon and who have not completed, soonest first", async () => {
    const response = await get(`/api/reports/expiring?organisationId=${org.A}&withinDays=30`, cookies.adminA);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json() as ExpiringPage;
    // Zed (trust B) also ends within 6 days but is not in scope, and has completed anyway.
    expect(page.rows.map((r) => r.email)).toEqual(["cara@example.test"]);
    expect(page).toMatchObject({ total: 1, withinDays: 30 });
    expect(
      (await get(`/api/reports/expiring?organisationId=${org.A}&withinDays=3`, cookies.adminA)).json().total,
    ).toBe(0);
    for (const withinDays of ["0", "366", "soon"]) {
      const bad = await get(
        `/api/reports/expiring?organisationId=${org.A}&withinDays=${withinDays}`,
        cookies.adminA,
      );
      expect(bad.statusCode).toBe(400);
      expect(bad.json().details[0].field).toBe("withinDays");
    }
    const [event] = await auditFor(ctx, "reports.expiring_viewed");
    expect(event?.details).toMatchObject({ filters: { withinDays: 3 }, rows: 0 });
  });
});

describe("GET /api/reports/teams", () => {
  it("counts learners, enrolled, started, completed and expiring per team", async () => {
    const response = await get(`/api/reports/teams?organisationId=${org.A}`, cookies.adminA);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json() as TeamsReport;
    expect(report.teams).toEqual([
      {
        team: { id: org.A1, name: "Ashdown Ward 1" },
        learners: 1,
        enrolled: 1,
        started: 1,
        completed: 1,
        expiring: 0,
      },
      {
        team: { id: org.A2, name: "Ashdown Ward 2" },
        learners: 1,
        enrolled: 1,
        started: 0,
        completed: 0,
        expiring: 1,
      },
      { team: null, learners: 2, enrolled: 3, started: 2, completed: 0, expiring: 0 },
    ]);
    expect(report.total).toEqual({ learners: 4, enrolled: 5, started: 3, completed: 1, expiring: 1 });
    const [event] = await auditFor(ctx, "reports.teams_viewed");
    expect(event?.details).toMatchObject({ report: "teams", rows: 3 });
  });
});

describe("the progress summary", () => {
  it("is kept current when a learner completes a step, and rebuilt in bulk from step progress", async () => {
    const learner = await buildReportLearner(ctx, { organisationId: org.A, email: "eve.evans@example.test" });
    const cookie = await signIn(ctx, learner);
    const enrolled = await ctx.app.inject({
      method: "POST",
      url: "/api/enrolments",
      headers: { cookie },
      payload: { courseId: intro },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const enrolmentId = enrolled.json().enrolment.id as string;
    const [first, second] = (await stepsOf(ctx, intro)).filter((s) => s.required && s.kind !== "quiz");
    if (!first || !second) throw new Error("the course has too few steps");
    for (const step of [first, second]) {
      const done = await ctx.app.inject({
        method: "POST",
        url: `/api/learning/enrolments/${enrolmentId}/steps/${step.id}/progress`,
        headers: { cookie },
        payload: { event: "completed" },
      });
      expect(done.statusCode, done.body).toBe(200);
    }
    const row = (await progress(cookies.adminA, { courseId: intro, sort: "email" })).rows.find(
      (r) => r.email === "eve.evans@example.test",
    );
    expect(row).toMatchObject({ status: "in_progress", progressPercent: Math.floor(200 / introRequired) });

    await ctx.database.rawQuery(
      "update enrolments set required_steps_completed = 0, last_activity_at = null where id = $1",
      [enrolmentId],
    );
    expect(await rebuildEnrolmentProgress(ctx.database.db)).toBeGreaterThanOrEqual(1);
    const [rebuilt] = (await ctx.database.rawQuery(
      "select required_steps_completed, last_activity_at from enrolments where id = $1",
      [enrolmentId],
    )) as Array<{ required_steps_completed: number; last_activity_at: Date | null }>;
    expect(rebuilt?.required_steps_completed).toBe(2);
    expect(rebuilt?.last_activity_at).not.toBeNull();
    // Rerunning changes nothing further for this enrolment.
    const again = (await ctx.database.rawQuery(
      "select required_steps_completed from enrolments where id = $1",
      [enrolmentId],
    )) as Array<{ required_steps_completed: number }>;
    expect(again[0]?.required_steps_completed).toBe(2);
  });
});

describe("the reports' demo data", () => {
  it("adds learners at every stage to the demo trust once, with step progress that matches the summary", async () => {
    expect(await seedReportsDemo(ctx.database.db, ctx.config.scryptCost)).toBe(10);
    expect(await seedReportsDemo(ctx.database.db, ctx.config.scryptCost)).toBe(0);
    const [trust] = (await ctx.database.rawQuery(
      "select id from organisations where name = 'QI Academy Demo Community NHS Trust' and ods_code is null",
    )) as Array<{ id: string }>;
    const page = (
      await get(progressUrl({ organisationId: trust?.id ?? "" }), cookies.platform)
    ).json() as ProgressPage;
    const demo = page.rows.filter((r) => r.email.endsWith("@reports-demo.example.org"));
    expect(demo).toHaveLength(14);
    expect(new Set(demo.map((r) => r.status))).toEqual(new Set(["completed", "in_progress", "not_started"]));
    const mismatched = await ctx.database.rawQuery(
      `select e.id from enrolments e join users u on u.id = e.user_id
        where u.email like '%@reports-demo.example.org'
          and e.required_steps_completed <> (select count(*) from step_progress sp join course_steps s on s.id = sp.step_id
            where sp.enrolment_id = e.id and sp.status = 'completed' and s.required)`,
    );
    expect(mismatched).toEqual([]);
  });
});
