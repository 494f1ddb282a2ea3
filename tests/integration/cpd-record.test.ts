import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfUkDate, ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import { type CpdRecord, cpdYearOf, cpdYearRange, type Transcript } from "../../src/shared/cpd.js";
import { buildAchievement, buildCertificate, insertCpdActivities } from "../support/cpd-fixtures.js";
import {
  auditFor,
  buildAdmin,
  buildEnrolment,
  buildUser,
  setEnrolmentProgress,
  signIn,
  type TestUser,
} from "../support/factories.js";
import { courseIdBySlug, stepsOf } from "../support/learning-fixtures.js";
import { extractPdfText, pdfPlainText as pdfTextRuns } from "../support/pdf-text.js";
import { createTestApp, type TestContext } from "../support/test-app.js";

let ctx: TestContext;
const DAY = 86_400_000;
const OUT_DIR = path.resolve("test-results/cpd");

/** Today's CPD year, and the one before it, as date ranges. */
const thisYear = cpdYearRange(cpdYearOf(ukDate(new Date())));
const lastYear = cpdYearRange(cpdYearOf(ukDate(new Date())) - 1);
/** Noon UK time on a date, so the UK date is that date whatever the season. */
const noonOn = (date: string) => new Date(startOfUkDate(date).getTime() + 12 * 3_600_000);
/** A date `days` after a YYYY-MM-DD date. */
const plusDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const learner = { user: null as unknown as TestUser, cookie: "" };
const stranger = { user: null as unknown as TestUser, cookie: "" };
let adminCookie = "";
let learnerAdminCookie = "";
let assessorCookie = "";

/** Codes of the learner's certificates, by what they stand for. */
const codes = { practitioner: "", foundationOld: "", foundation: "", intro: "", revoked: "" };
let earlyDate = "";
let lastYearDate = "";

function get(url: string, cookie: string | null) {
  return ctx.app.inject({ method: "GET", url, ...(cookie ? { headers: { cookie } } : {}) });
}

async function post(cookie: string, body: Record<string, unknown>) {
  const response = await ctx.app.inject({
    method: "POST",
    url: "/api/me/cpd-activities",
    headers: { cookie },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
}

/** Renders a PDF's pages to PNG under test-results/cpd for a person to look at, when poppler is installed. */
function renderForLooking(bytes: Buffer, name: string) {
  mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.pdf`);
  writeFileSync(file, bytes);
  if (!existsSync("/usr/bin/pdftoppm")) return [];
  execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(OUT_DIR, name)]);
  return readdirSync(OUT_DIR).filter((f) => f.startsWith(`${name}-`) && f.endsWith(".png"));
}

beforeAll(async () => {
  ctx = await createTestApp();
  learner.user = await buildUser(ctx, { givenName: "Siân", familyName: "O'Connor-Łukasz" });
  await ctx.database.rawQuery("update users set certificate_name = $2 where id = $1", [
    learner.user.id,
    "Siân O'Connor-Łukasz 王芳",
  ]);
  learner.cookie = await signIn(ctx, learner.user);
  stranger.user = await buildUser(ctx, { givenName: "Sam", familyName: "Stranger" });
  stranger.cookie = await signIn(ctx, stranger.user);
  adminCookie = await signIn(ctx, await buildAdmin(ctx));
  learnerAdminCookie = await signIn(
    ctx,
    await buildUser(ctx, {
      roles: [
        "learner",
        {
          role: "learner_admin",
          organisationId: (await ctx.database
            .rawQuery("select organisation_id from users where id = $1", [learner.user.id])
            .then((rows) => (rows[0] as { organisation_id: string }).organisation_id)) as string,
          expiresAt: new Date(Date.now() + 90 * DAY),
        },
      ],
    }),
  );
  assessorCookie = await signIn(ctx, await buildUser(ctx, { roles: ["learner", "assessor"] }));

  // This CPD year: a Practitioner (20 points, valid certificate that expires in three years), an Introductory whose
  // certificate has expired (3 points, still counts), a Foundation reissued after a name change (10 points).
  const today = ukDate(new Date());
  const practitioner = await buildAchievement(ctx, {
    userId: learner.user.id,
    courseId: await courseIdBySlug(ctx, "productive-ward-practitioner"),
    achievedAt: noonOn(thisYear.from),
  });
  codes.practitioner = (
    await buildCertificate(ctx, {
      achievementId: practitioner.id,
      issuedAt: noonOn(thisYear.from),
      expiresAt: new Date(Date.now() + 3 * 365 * DAY),
    })
  ).code;
  const intro = await buildAchievement(ctx, {
    userId: learner.user.id,
    courseId: await courseIdBySlug(ctx, "productive-ward-introductory"),
    achievedAt: noonOn(today),
  });
  codes.intro = (
    await buildCertificate(ctx, {
      achievementId: intro.id,
      issuedAt: noonOn(today),
      expiresAt: new Date(Date.now() - DAY),
    })
  ).code;
  // Last CPD year: a Foundation, reissued (the first certificate superseded), and a mini-course whose certificate
  // was revoked (5 points that do not count).
  lastYearDate = plusDays(lastYear.from, 40);
  const foundation = await buildAchievement(ctx, {
    userId: learner.user.id,
    courseId: await courseIdBySlug(ctx, "productive-ward-foundation"),
    achievedAt: noonOn(lastYearDate),
  });
  const reissue = await buildCertificate(ctx, {
    achievementId: foundation.id,
    issuedAt: noonOn(plusDays(lastYearDate, 10)),
  });
  codes.foundation = reissue.code;
  codes.foundationOld = (
    await buildCertificate(ctx, {
      achievementId: foundation.id,
      state: "superseded",
      issuedAt: noonOn(lastYearDate),
      replacedById: reissue.id,
    })
  ).code;
  const revoked = await buildAchievement(ctx, {
    userId: learner.user.id,
    courseId: await courseIdBySlug(ctx, "improvement-fundamentals-qi-theory"),
    achievedAt: noonOn(plusDays(lastYearDate, 5)),
  });
  codes.revoked = (
    await buildCertificate(ctx, {
      achievementId: revoked.id,
      state: "revoked",
      issuedAt: noonOn(plusDays(lastYearDate, 5)),
    })
  ).code;

  // Own activities: two this year, one last year, one years ago.
  earlyDate = "2019-05-20";
  await post(learner.cookie, {
    title: "Read the Making Data Count guide",
    activityDate: thisYear.from,
    hours: 1.5,
    points: 1.25,
    reflection: "Run charts need **12 points** before limits mean much.\n\n- baselines\n- rules",
  });
  await post(learner.cookie, {
    title: '=HYPERLINK("http://evil.example","Click")',
    activityDate: today,
    hours: 0.5,
  });
  await post(learner.cookie, { title: "Ward audit", activityDate: lastYearDate, points: 2 });
  await post(learner.cookie, { title: "Lean workshop", activityDate: earlyDate, hours: 6 });

  // Courses under way: one started and part done, one deferred; one past its access and one achieved are not listed.
  const measures = await courseIdBySlug(ctx, "improvement-fundamentals-qi-measures");
  const inProgress = await buildEnrolment(ctx, {
    userId: learner.user.id,
    courseId: measures,
    startsAt: new Date(Date.now() - 20 * DAY),
  });
  const required = (await stepsOf(ctx, measures)).filter((s) => s.required).length;
  await setEnrolmentProgress(ctx, inProgress.id, {
    requiredStepsCompleted: Math.floor(required / 2),
    lastActivityAt: new Date(),
  });
  await buildEnrolment(ctx, {
    userId: learner.user.id,
    courseId: await courseIdBySlug(ctx, "productive-operating-theatre-practitioner"),
    state: "deferred",
    startsAt: new Date(Date.now() - 10 * DAY),
  });
  await buildEnrolment(ctx, {
    userId: learner.user.id,
    courseId: await courseIdBySlug(ctx, "improvement-fundamentals-qi-tools"),
    startsAt: new Date(Date.now() - 400 * DAY),
    expiresAt: new Date(Date.now() - 10 * DAY),
  });
});

afterAll(async () => {
  await ctx?.close();
});

describe("the CPD record page's data", () => {
  it("adds up this CPD year and all time, counting expired certificates and leaving out revoked ones", async () => {
    const response = await get("/api/me/cpd-record", learner.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const record = response.json() as CpdRecord;
    expect(record.currentYear).toMatchObject({ from: thisYear.from, to: thisYear.to, label: thisYear.label });
    expect(record.selectedYear?.from).toBe(thisYear.from);
    // This year: 20 + 3 course points, 1.25 own points; 1.5 + 0.5 hours.
    expect(record.totals.currentYear).toEqual({ points: 24.25, hours: 2, courses: 2, activities: 2 });
    expect(record.totals.selected).toEqual(record.totals.currentYear);
    // All time adds the Foundation (10) and the ward audit (2); the revoked mini-course's 5 do not count.
    expect(record.totals.allTime).toEqual({ points: 36.25, hours: 8, courses: 3, activities: 4 });
    expect(record.years.map((y) => y.startYear)).toEqual([
      cpdYearOf(thisYear.from),
      cpdYearOf(lastYear.from),
      2019,
    ]);

    expect(record.courses.map((c) => [c.courseTitle, c.cpdPoints, c.certificate?.status, c.counted])).toEqual(
      [
        ["The Productive Ward: Introductory", 3, "expired", true],
        ["The Productive Ward: Practitioner", 20, "valid", true],
      ],
    );
    expect(record.courses[1]).toMatchObject({
      levelLabel: "Practitioner",
      programmeTitle: "The Productive Ward",
      achievedOn: thisYear.from,
      certificate: { code: codes.practitioner },
    });
    expect(record.activities.map((a) => a.title)).toEqual([
      '=HYPERLINK("http://evil.example","Click")',
      "Read the Making Data Count guide",
    ]);
    expect(record.activities[1]?.reflectionHtml).toContain("<strong>12 points</strong>");
  });

  it("shows another CPD year, or every year, when asked", async () => {
    const last = (
      await get(`/api/me/cpd-record?year=${cpdYearOf(lastYear.from)}`, learner.cookie)
    ).json() as CpdRecord;
    expect(last.selectedYear).toMatchObject({ from: lastYear.from, to: lastYear.to });
    expect(last.totals.selected).toEqual({ points: 12, hours: 0, courses: 1, activities: 1 });
    expect(last.courses.map((c) => [c.certificate?.code, c.certificate?.status, c.counted])).toEqual([
      [codes.revoked, "revoked", false],
      [codes.foundation, "valid", true],
    ]);
    expect(last.activities.map((a) => a.title)).toEqual(["Ward audit"]);

    const all = (await get("/api/me/cpd-record?year=all", learner.cookie)).json() as CpdRecord;
    expect(all.selectedYear).toBeNull();
    expect(all.totals.selected).toEqual(all.totals.allTime);
    expect(all.courses).toHaveLength(4);
    expect(all.activities).toHaveLength(4);

    const empty = (await get("/api/me/cpd-record?year=2005", learner.cookie)).json() as CpdRecord;
    expect(empty.totals.selected).toEqual({ points: 0, hours: 0, courses: 0, activities: 0 });
    expect(empty.courses).toEqual([]);
  });

  it("refuses a year that is not a year", async () => {
    for (const year of ["last", "20.5", "1066"]) {
      const response = await get(`/api/me/cpd-record?year=${year}`, learner.cookie);
      expect(response.statusCode, year).toBe(400);
    }
  });

  it("is the learner's own: someone else sees only theirs", async () => {
    const theirs = (await get("/api/me/cpd-record", stranger.cookie)).json() as CpdRecord;
    expect(theirs.totals.allTime).toEqual({ points: 0, hours: 0, courses: 0, activities: 0 });
    expect(theirs.courses).toEqual([]);
    expect(theirs.years.map((y) => y.startYear)).toEqual([cpdYearOf(thisYear.from)]);
  });
});

describe("the transcript's data", () => {
  it("lists every achievement with its certificate's status and replaced codes, and courses under way", async () => {
    const response = await get("/api/me/transcript", learner.cookie);
    expect(response.statusCode, response.body).toBe(200);
    const transcript = response.json() as Transcript;
    expect(transcript.certificateName).toBe("Siân O'Connor-Łukasz 王芳");
    expect(
      transcript.achievements.map((a) => [a.courseTitle, a.certificate?.status, a.replacedCodes]),
    ).toEqual([
      ["The Productive Ward: Introductory", "expired", []],
      ["The Productive Ward: Practitioner", "valid", []],
      ["Improvement Fundamentals: QI theory", "revoked", []],
      ["The Productive Ward: Foundation", "valid", [codes.foundationOld]],
    ]);
    expect(transcript.achievements[1]?.certificate?.expiresOn).not.toBeNull();
    expect(transcript.inProgress.map((e) => [e.courseTitle, e.deferred])).toEqual([
      ["Improvement Fundamentals: QI measures", false],
      ["The Productive Operating Theatre: Practitioner", true],
    ]);
    const measures = transcript.inProgress[0];
    expect(measures?.progressPercent).toBeGreaterThan(0);
    expect(measures?.progressPercent).toBeLessThan(100);
    expect(transcript.inProgress[1]?.progressPercent).toBe(0);
  });

  it("is empty for someone who has achieved nothing", async () => {
    const transcript = (await get("/api/me/transcript", stranger.cookie)).json() as Transcript;
    expect(transcript).toEqual({ certificateName: "Sam Stranger", achievements: [], inProgress: [] });
  });
});

describe("downloading the CPD record", () => {
  it("gives every entry of a period as CSV, with formulas made harmless and reflections kept", async () => {
    const response = await get(
      `/api/me/cpd-record.csv?from=${thisYear.from}&to=${thisYear.to}`,
      learner.cookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="cpd-record-${thisYear.from}-to-${thisYear.to}.csv"`,
    );
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.body.startsWith("\uFEFF")).toBe(true);
    const rows = parse(response.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0] ?? {})).toEqual([
      "Date",
      "Type",
      "Title",
      "Level",
      "Programme",
      "CPD points",
      "Hours",
      "Counts towards totals",
      "Certificate code",
      "Certificate status",
      "Reflection",
    ]);
    const today = ukDate(new Date());
    expect(
      rows.map((r) => [r.Date, r.Type, r.Title, r["CPD points"], r.Hours, r["Certificate status"]]),
    ).toEqual(
      expect.arrayContaining([
        [today, "Own activity", `'=HYPERLINK("http://evil.example","Click")`, "", "0.5", ""],
        [today, "Course completed", "The Productive Ward: Introductory", "3", "", "Expired"],
        [thisYear.from, "Course completed", "The Productive Ward: Practitioner", "20", "", "Valid"],
        [thisYear.from, "Own activity", "Read the Making Data Count guide", "1.25", "1.5", ""],
      ]),
    );
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.Title === "Read the Making Data Count guide")?.Reflection).toBe(
      "Run charts need **12 points** before limits mean much.\n\n- baselines\n- rules",
    );
    expect(
      rows.find((r) => r.Type === "Course completed" && r.Level === "Practitioner")?.["Certificate code"],
    ).toBe(codes.practitioner);
  });

  it("gives everything when no period is given, marking a revoked course as not counted", async () => {
    const response = await get("/api/me/cpd-record.csv", learner.cookie);
    expect(response.headers["content-disposition"]).toBe('attachment; filename="cpd-record-all-dates.csv"');
    const rows = parse(response.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(8);
    expect(rows.at(-1)).toMatchObject({ Date: earlyDate, Title: "Lean workshop", Hours: "6" });
    expect(rows.find((r) => r["Certificate code"] === codes.revoked)).toMatchObject({
      "Counts towards totals": "No",
      "Certificate status": "Revoked",
    });
  });

  it("refuses a period that ends before it starts, or dates that are not dates", async () => {
    const cases: Array<[string, string]> = [
      ["from=2025-05-01&to=2025-04-01", 'The "to" date must be the same as or after the "from" date'],
      ["from=2025-02-30", 'Enter the "from" date as a real date in the form YYYY-MM-DD, like 2025-04-01'],
      ["to=yesterday", 'Enter the "to" date as a real date in the form YYYY-MM-DD, like 2026-03-31'],
      ["format=xlsx", 'Remove the unknown field "format"'],
    ];
    for (const [query, message] of cases) {
      for (const format of ["csv", "pdf"]) {
        const response = await get(`/api/me/cpd-record.${format}?${query}`, learner.cookie);
        expect(response.statusCode, `${format} ${query}`).toBe(400);
        expect((response.json() as { message: string }).message).toBe(message);
      }
    }
  });

  it("gives an A4 PDF with the certificate name, period, totals, entries, reflections and page numbers", async () => {
    const response = await get(
      `/api/me/cpd-record.pdf?from=${thisYear.from}&to=${thisYear.to}`,
      learner.cookie,
    );
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="cpd-record-${thisYear.from}-to-${thisYear.to}.pdf"`,
    );
    const bytes = response.rawPayload;
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfPlainText(bytes);
    expect(text).toContain("CPD record");
    expect(text).toContain("Siân O'Connor-Łukasz 王芳");
    expect(text).toContain(`Period: ${periodWords(thisYear.from, thisYear.to)}`);
    expect(text).toContain("24.25 CPD points: 23 from 2 courses and 1.25 from 2 activities of your own");
    expect(text).toContain("2 hours of your own CPD activities");
    expect(text).toContain("The Productive Ward: Practitioner");
    expect(text).toContain(`Certificate ${codes.practitioner} (valid until`);
    expect(text).toContain("Run charts need 12 points before limits mean much.");
    expect(text).toContain("• baselines");
    expect(text).toContain('=HYPERLINK("http://evil.example","Click")');
    expect(text).toContain("Page 1 of 1");
    const pngs = renderForLooking(bytes, "cpd-record-this-year");
    if (existsSync("/usr/bin/pdftoppm")) expect(pngs.length).toBe(1);
  });

  it("carries a long reflection over pages, repeating the header and numbering every page", async () => {
    const writer = await buildUser(ctx, { givenName: "Long", familyName: "Writer" });
    const cookie = await signIn(ctx, writer);
    const paragraph =
      "Today the team tested a new handover sheet on the early shift and we measured how long handover took each morning. ";
    await post(cookie, {
      title: "A very long reflection on a PDSA cycle",
      activityDate: "2025-06-01",
      hours: 2,
      reflection: [
        `See https://example.org/${"handover-".repeat(40)}end for the sheet.`,
        paragraph.repeat(12),
        paragraph.repeat(12),
        paragraph.repeat(12),
        paragraph.repeat(30).slice(0, 2500),
      ].join("\n\n"),
    });
    for (let i = 0; i < 6; i++) {
      await post(cookie, {
        title: `Follow-up ${i + 1}`,
        activityDate: `2025-06-${String(2 + i).padStart(2, "0")}`,
        points: 1,
        reflection: paragraph.repeat(10),
      });
    }
    const response = await get("/api/me/cpd-record.pdf", cookie);
    expect(response.statusCode).toBe(200);
    const pages = await extractPdfText(response.rawPayload);
    expect(pages.length).toBeGreaterThan(2);
    pages.forEach((texts, index) => {
      const joined = texts.join(" ");
      expect(joined, `page ${index + 1}`).toContain("QI Academy CPD record · All dates");
      expect(joined, `page ${index + 1}`).toContain("Long Writer");
      expect(joined, `page ${index + 1}`).toContain(`Page ${index + 1} of ${pages.length}`);
    });
    renderForLooking(response.rawPayload, "cpd-record-long");
    // An address too long for a line is broken across lines, not run off the page.
    const all = pages.flat();
    const pieces = all.filter((t) => /handover-|example\.org/.test(t));
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces[0]).toMatch(/^https:\/\/example\.org\/handover-/);
    expect(pieces.at(-1)).toMatch(/handover-end for the sheet\.$/);
    expect(pieces.join("")).toBe(`https://example.org/${"handover-".repeat(40)}end for the sheet.`);
  });
});

describe("a record too long for one PDF", () => {
  it("asks for a shorter period past 1,000 entries or 500,000 characters of reflection, and still gives the CSV", async () => {
    const busy = await buildUser(ctx);
    const cookie = await signIn(ctx, busy);
    await insertCpdActivities(ctx, busy.id, 1001, "2024-06-01");
    const refused = await get("/api/me/cpd-record.pdf", cookie);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({
      error: "validation_failed",
      message:
        "Your CPD record for this period (All dates) is too long for one PDF. Choose a shorter period, such as one CPD year, or download it as CSV.",
      details: [{ field: "from" }],
    });
    const csv = await get("/api/me/cpd-record.csv", cookie);
    expect(csv.statusCode).toBe(200);
    expect(parse(csv.body, { bom: true, columns: true })).toHaveLength(1001);

    const writer = await buildUser(ctx);
    const writerCookie = await signIn(ctx, writer);
    await insertCpdActivities(ctx, writer.id, 51, "2024-06-01");
    await ctx.database.rawQuery(
      "update cpd_activities set reflection = repeat('x', 10000) where user_id = $1",
      [writer.id],
    );
    const long = await get("/api/me/cpd-record.pdf?from=2024-04-01&to=2025-03-31", writerCookie);
    expect(long.statusCode).toBe(400);
    expect((long.json() as { message: string }).message).toContain("(1 April 2024 to 31 March 2025)");
  });
});

describe("downloading the transcript", () => {
  it("gives achievements and courses in progress as CSV", async () => {
    const response = await get("/api/me/transcript.csv", learner.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe(
      `attachment; filename="transcript-${ukDate(new Date())}.csv"`,
    );
    const rows = parse(response.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.Section, r.Course, r["Certificate status"]])).toEqual([
      ["Achieved", "The Productive Ward: Introductory", "Expired"],
      ["Achieved", "The Productive Ward: Practitioner", "Valid"],
      ["Achieved", "Improvement Fundamentals: QI theory", "Revoked"],
      ["Achieved", "The Productive Ward: Foundation", "Valid"],
      ["In progress", "Improvement Fundamentals: QI measures", ""],
      ["Deferred", "The Productive Operating Theatre: Practitioner", ""],
    ]);
    expect(rows[3]).toMatchObject({
      Level: "Foundation",
      Programme: "The Productive Ward",
      "Date achieved": lastYearDate,
      "CPD points": "10",
      "Certificate code": codes.foundation,
      "Replaced certificate codes": codes.foundationOld,
    });
    expect(Number(rows[4]?.["Progress %"])).toBeGreaterThan(0);
    expect(rows[5]?.["Progress %"]).toBe("0");
  });

  it("gives a PDF with every achievement, certificate codes and statuses, and courses in progress", async () => {
    const response = await get("/api/me/transcript.pdf", learner.cookie);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/pdf");
    const text = await pdfPlainText(response.rawPayload);
    expect(text).toContain("Transcript");
    expect(text).toContain("Siân O'Connor-Łukasz 王芳");
    expect(text).toContain("Courses achieved (4)");
    expect(text).toContain(`Certificate ${codes.intro} (expired on`);
    expect(text).toContain(`Certificate ${codes.revoked} (revoked)`);
    expect(text).toContain(`Replaces certificate ${codes.foundationOld}`);
    expect(text).toContain("Courses in progress (2)");
    expect(text).toContain("Improvement Fundamentals: QI measures");
    expect(text).toMatch(/0% complete · deferred, access ends/);
    expect(text).toContain("Page 1 of");
    renderForLooking(response.rawPayload, "transcript");
  });

  it("gives an empty transcript that says so", async () => {
    const text = await pdfPlainText((await get("/api/me/transcript.pdf", stranger.cookie)).rawPayload);
    expect(text).toContain("No courses achieved yet.");
    expect(text).toContain("No courses in progress.");
  });
});

describe("administrators downloading for a learner", () => {
  const downloads = ["cpd-record.csv", "cpd-record.pdf", "transcript.csv", "transcript.pdf"];

  it("lets a platform administrator download each, auditing every one", async () => {
    for (const file of downloads) {
      const before = await auditFor(
        ctx,
        file.startsWith("cpd") ? "cpd.record_downloaded" : "cpd.transcript_downloaded",
      );
      const response = await get(`/api/admin/users/${learner.user.id}/${file}`, adminCookie);
      expect(response.statusCode, file).toBe(200);
      const after = await auditFor(
        ctx,
        file.startsWith("cpd") ? "cpd.record_downloaded" : "cpd.transcript_downloaded",
      );
      expect(after.length, file).toBe(before.length + 1);
      expect(after[0]).toMatchObject({ subjectType: "user", subjectId: learner.user.id });
      expect(after[0]?.details).toMatchObject({ format: file.split(".")[1] });
    }
    const record = await get(
      `/api/admin/users/${learner.user.id}/cpd-record.csv?from=${lastYear.from}&to=${lastYear.to}`,
      adminCookie,
    );
    const rows = parse(record.body, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.Title).sort()).toEqual([
      "Improvement Fundamentals: QI theory",
      "The Productive Ward: Foundation",
      "Ward audit",
    ]);
    const [audit] = await auditFor(ctx, "cpd.record_downloaded");
    expect(audit?.details).toEqual({
      format: "csv",
      period: { from: lastYear.from, to: lastYear.to },
      rows: 3,
    });
    const pdf = await pdfPlainText(
      (await get(`/api/admin/users/${learner.user.id}/transcript.pdf`, adminCookie)).rawPayload,
    );
    expect(pdf).toContain("Siân O'Connor-Łukasz 王芳");
  });

  it("refuses everyone else with 403, auditing nothing", async () => {
    const auditCount = async () =>
      (await auditFor(ctx, "cpd.record_downloaded")).length +
      (await auditFor(ctx, "cpd.transcript_downloaded")).length;
    const before = await auditCount();
    for (const cookie of [learner.cookie, stranger.cookie, learnerAdminCookie, assessorCookie]) {
      for (const file of downloads) {
        const response = await get(`/api/admin/users/${learner.user.id}/${file}`, cookie);
        expect(response.statusCode, file).toBe(403);
        expect(response.json()).toMatchObject({ error: "forbidden" });
      }
    }
    expect(await auditCount()).toBe(before);
  });

  it("answers 404 for an unknown user and 400 for an id that is not one", async () => {
    const missing = await get(
      "/api/admin/users/00000000-0000-4000-8000-000000000000/transcript.csv",
      adminCookie,
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ message: "The user could not be found." });
    expect((await get("/api/admin/users/nobody/cpd-record.pdf", adminCookie)).statusCode).toBe(400);
  });

  it("does not audit a learner's downloads of their own record", async () => {
    const before = (await auditFor(ctx, "cpd.record_downloaded")).length;
    await get("/api/me/cpd-record.csv", stranger.cookie);
    await get("/api/me/transcript.csv", stranger.cookie);
    expect((await auditFor(ctx, "cpd.record_downloaded")).length).toBe(before);
  });
});

describe("download limits", () => {
  it("allows 30 downloads in 10 minutes, then answers 429 with Retry-After", async () => {
    const busy = await buildUser(ctx);
    const cookie = await signIn(ctx, busy);
    for (let i = 0; i < 30; i++) {
      const response = await get(i % 2 ? "/api/me/transcript.csv" : "/api/me/cpd-record.csv", cookie);
      expect(response.statusCode, `download ${i + 1}`).toBe(200);
    }
    const refused = await get("/api/me/cpd-record.pdf", cookie);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((refused.json() as { message: string }).message).toMatch(
      /^You have downloaded 30 files in the last 10 minutes, which is the most we allow\. Wait \d+ minutes? and try again\.$/,
    );
    // The page's own data is not limited.
    expect((await get("/api/me/cpd-record", cookie)).statusCode).toBe(200);
  });
});

/**
 * A PDF's text with runs of white space made single: a name drawn in two fonts (Latin, then Chinese) comes back as two
 * runs, which the extractor joins with a space.
 */
async function pdfPlainText(bytes: Uint8Array): Promise<string> {
  return (await pdfTextRuns(bytes)).replace(/\s+/g, " ");
}

/** "1 April 2025 to 31 March 2026" */
function periodWords(from: string, to: string): string {
  const words = (date: string) =>
    new Intl.DateTimeFormat("en-GB", {
      day: "numeric",
      month: "long",
      year: "numeric",
      timeZone: "UTC",
    }).format(new Date(`${date}T00:00:00Z`));
  return `${words(from)} to ${words(to)}`;
}
