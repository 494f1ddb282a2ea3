import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import {
  buildAdmin,
  buildEnrolment,
  buildOrganisation,
  buildReportLearner,
  buildUser,
  setEnrolmentProgress,
  signIn as signInApi,
  tokenFromMail,
} from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

const ukLong = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

const NOMINEES = [
  { legend: "Your line manager", name: "Helen Marsh", email: "helen.marsh@trust.example.nhs.uk" },
  {
    legend: "Your Caldicott Guardian or information governance lead",
    name: "Dr Raj Patel",
    email: "caldicott@trust.example.nhs.uk",
  },
  {
    legend: "Your HR or learning and development lead",
    name: "Amira Haddad",
    email: "ld@trust.example.nhs.uk",
  },
];

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** Clicks a download link and reads the file it gives (UTF-8, byte-order mark kept). */
async function downloadText(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
}

/** Scans the page, then checks it at 320 px wide and puts the viewport back. */
async function scanBothWidths(page: Page, name: string) {
  await scanPage(page, name);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

// The nominees' links are read from the outbox in this process's database, so the app runs in-process.
describe("learner administrator access: apply, three nominees confirm, an administrator approves, reports", () => {
  const journey = useInProcessJourney();

  it("takes a member from applying to active access, then to their progress report, its downloads and the audit log", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const [trust] = (await ctx.database.rawQuery("select id from organisations where name = $1", [
      "QI Academy Demo Community NHS Trust",
    ])) as Array<{ id: string }>;
    const applicantUser = await buildUser(ctx, {
      organisationId: trust?.id ?? null,
      givenName: "Jordan",
      familyName: "Blake",
    });
    const adminUser = await buildAdmin(ctx, { givenName: "Dana", familyName: "Reid" });
    // Until the nominee page moves outside RequireSignIn, nominees answer signed in as someone else.
    const newPage = async () => (await journey.browser().newContext()).newPage();
    const applicant = await (await journey.browser().newContext({ acceptDownloads: true })).newPage();
    const nominee = await newPage();
    const admin = await newPage();

    // The member finds the application from their account page, which also says who can see their progress.
    await signIn(applicant, base, applicantUser.email, applicantUser.password);
    await expectHeading(applicant, "My account");
    await applicant.getByRole("heading", { name: "Who can see your progress" }).waitFor();
    await expect
      .poll(() => applicant.getByRole("main").textContent())
      .toContain("No learner administrators can see your progress");
    await scanBothWidths(applicant, "learner-admin-account");
    await applicant.getByRole("link", { name: "Apply for or manage learner administrator access" }).click();
    await expectHeading(applicant, "Learner administrator access");
    await expect
      .poll(() => applicant.getByRole("main").textContent())
      .toContain("You do not have learner administrator access.");
    await scanBothWidths(applicant, "learner-admin-none");

    // The application form: errors first, then a complete application.
    await applicant.getByRole("link", { name: "Apply for access" }).click();
    await expectHeading(applicant, "Apply for learner administrator access");
    await applicant.getByRole("button", { name: "Continue" }).click();
    await applicant.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect.poll(() => applicant.title()).toMatch(/^Error: /);
    await scanBothWidths(applicant, "learner-admin-apply-errors");

    await applicant.getByLabel("Community Services Directorate").check();
    await applicant
      .getByLabel("Why do you need learner administrator access?")
      .fill("I report our directorate's QI training to the board each quarter.");
    for (const n of NOMINEES) {
      const group = applicant.getByRole("group", { name: n.legend });
      await group.getByLabel("Full name").fill(n.name);
      await group.getByLabel("Work email address").fill(n.email);
    }
    // Naming themselves is refused by the server at sending: back on the form, the message is against the field.
    const hrEmail = applicant
      .getByRole("group", { name: NOMINEES[2]?.legend ?? "" })
      .getByLabel("Work email address");
    await hrEmail.fill(applicantUser.email);
    await applicant.getByRole("button", { name: "Continue" }).click();
    await expectHeading(applicant, "Check your answers before sending your application");
    await applicant.getByRole("button", { name: "Send application" }).click();
    await applicant
      .getByRole("link", { name: /You cannot be your own HR or learning and development lead/ })
      .waitFor();
    await expectHeading(applicant, "Apply for learner administrator access");
    await hrEmail.fill(NOMINEES[2]?.email ?? "");
    await applicant.getByRole("button", { name: "Continue" }).click();

    // Check your answers, change one, and send.
    await expectHeading(applicant, "Check your answers before sending your application");
    await expect
      .poll(() => applicant.getByRole("main").textContent())
      .toContain("Community Services Directorate");
    await scanBothWidths(applicant, "learner-admin-apply-check");
    await applicant.getByRole("link", { name: "Change line manager" }).click();
    await expectHeading(applicant, "Apply for learner administrator access");
    const managerName = applicant
      .getByRole("group", { name: NOMINEES[0]?.legend ?? "" })
      .getByLabel("Full name");
    await expect.poll(() => managerName.evaluate((el) => el === document.activeElement)).toBe(true);
    await managerName.fill("Helen Marsh-Jones");
    await applicant.getByRole("button", { name: "Continue" }).click();
    await expectHeading(applicant, "Check your answers before sending your application");
    await applicant.getByText("Helen Marsh-Jones").waitFor();
    await applicant.getByRole("button", { name: "Send application" }).click();
    await applicant.getByRole("alert").filter({ hasText: "Application sent" }).waitFor();
    await expectHeading(applicant, "Learner administrator access");
    await applicant.getByText("Waiting for nominees").first().waitFor();
    await scanBothWidths(applicant, "learner-admin-applied");

    // Each nominee opens the link from their email and confirms, without an account.
    const firstToken = await tokenFromMail(ctx, NOMINEES[0]?.email ?? "", "/nominations/respond");
    for (const [i, n] of NOMINEES.entries()) {
      const token = await tokenFromMail(ctx, n.email, "/nominations/respond");
      await nominee.goto(`${base}/nominations/respond?token=${encodeURIComponent(token)}`);
      await expectHeading(nominee, "Confirm a learner administrator application");
      await expect.poll(() => nominee.getByRole("main").textContent()).toContain("Jordan Blake");
      await expect
        .poll(() => nominee.getByRole("main").textContent())
        .toContain("Community Services Directorate");
      if (i === 0) await scanBothWidths(nominee, "learner-admin-nomination");
      await nominee.getByRole("button", { name: "Confirm", exact: true }).click();
      await expectHeading(nominee, "Application confirmed");
      if (i === 0) await scanBothWidths(nominee, "learner-admin-nomination-confirmed");
    }
    // A used link says so, and no more.
    await nominee.goto(`${base}/nominations/respond?token=${encodeURIComponent(firstToken)}`);
    await expectHeading(nominee, "This link no longer works");
    await expect.poll(() => nominee.getByRole("main").textContent()).not.toContain("Jordan");
    await scanBothWidths(nominee, "learner-admin-nomination-used");

    // The applicant sees all three confirmations.
    await applicant.reload();
    await applicant.getByText("Waiting for a decision").first().waitFor();
    await expect.poll(() => applicant.getByText("Confirmed", { exact: true }).count()).toBe(3);

    // A platform administrator finds it, reads it and approves.
    await signIn(admin, base, adminUser.email, adminUser.password);
    await admin.goto(`${base}/admin/learner-administrators`);
    await expectHeading(admin, "Learner administrator applications");
    await admin.getByRole("table").getByRole("link", { name: "Jordan Blake" }).waitFor();
    await scanBothWidths(admin, "learner-admin-admin-list");
    await admin.getByRole("table").getByRole("link", { name: "Jordan Blake" }).click();
    await expectHeading(admin, "Jordan Blake");
    await expect
      .poll(() => admin.getByRole("main").textContent())
      .toContain("I report our directorate's QI training to the board each quarter.");
    await scanBothWidths(admin, "learner-admin-admin-application");
    await admin.getByRole("button", { name: "Reject application" }).click();
    await admin.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(admin, "learner-admin-admin-reject-error");
    await admin.getByRole("button", { name: "Approve application" }).click();
    await admin.getByRole("alert").filter({ hasText: "Application approved" }).waitFor();
    await admin.getByText("Approved", { exact: true }).waitFor();
    await scanBothWidths(admin, "learner-admin-admin-approved");

    // The applicant now has access, with its end date a year from today.
    const end = new Date();
    end.setUTCFullYear(end.getUTCFullYear() + 1);
    await applicant.goto(`${base}/account/learner-administrator`);
    await expectHeading(applicant, "Learner administrator access");
    await expect
      .poll(() => applicant.getByRole("main").textContent())
      .toContain(`Until ${ukLong.format(end)}`);
    await expect
      .poll(() => applicant.getByRole("main").textContent())
      .toContain("Community Services Directorate");
    await scanBothWidths(applicant, "learner-admin-active");

    // Giving access up is asked for on its own page (kept here).
    await applicant.getByRole("link", { name: /Give up/ }).click();
    await expectHeading(applicant, "Give up learner administrator access");
    await scanBothWidths(applicant, "learner-admin-give-up");
    await applicant.getByRole("link", { name: "Keep my access" }).click();
    await expectHeading(applicant, "Learner administrator access");

    // Someone to report on: Imogen, in a team below the directorate, completed one course and is part way through
    // another. Wes belongs to the trust but not to the directorate, so the new access does not reach him.
    const [directorate] = (await ctx.database.rawQuery("select id from organisations where name = $1", [
      "Community Services Directorate",
    ])) as Array<{ id: string }>;
    if (!trust || !directorate)
      throw new Error("the demo trust or its directorate is missing from the directory");
    const team = await buildOrganisation(ctx, {
      name: "Harbour Community Nursing Team",
      type: "team",
      parentId: directorate.id,
    });
    const intro = await courseIdBySlug(ctx, "productive-community-services-introductory");
    const measures = await courseIdBySlug(ctx, "improvement-fundamentals-qi-measures");
    const imogen = await buildReportLearner(ctx, {
      organisationId: trust.id,
      teamId: team,
      esrNumber: "10155500011",
      givenName: "Imogen",
      familyName: "Hart",
      email: "imogen.hart@trust.example.nhs.uk",
    });
    await buildEnrolment(ctx, {
      userId: imogen.id,
      courseId: intro,
      startsAt: daysAgo(60),
      completedAt: daysAgo(10),
    });
    const started = await buildEnrolment(ctx, {
      userId: imogen.id,
      courseId: measures,
      startsAt: daysAgo(5),
    });
    await setEnrolmentProgress(ctx, started.id, { requiredStepsCompleted: 1, lastActivityAt: daysAgo(1) });
    const wes = await buildReportLearner(ctx, {
      organisationId: trust.id,
      esrNumber: "10155500099",
      givenName: "Wes",
      familyName: "Outside",
      email: "wes.outside@trust.example.nhs.uk",
    });
    await buildEnrolment(ctx, { userId: wes.id, courseId: intro, completedAt: daysAgo(3) });

    // The new learner administrator follows the header's Reports link straight to the directorate's progress report.
    await applicant.getByRole("link", { name: "Reports", exact: true }).click();
    await expectHeading(applicant, /Learner progress/);
    await expect.poll(() => applicant.url()).toMatch(new RegExp(`/reports/${directorate.id}/progress$`));
    const report = applicant.getByRole("main");
    await expect.poll(() => report.textContent()).toContain("2 enrolments");
    await expect.poll(() => report.textContent()).toContain("Imogen Hart");
    await expect.poll(() => report.textContent()).toContain("Harbour Community Nursing Team");
    await expect.poll(() => report.textContent()).not.toContain("Wes Outside");
    await scanBothWidths(applicant, "learner-admin-report");

    // Filtered to completed courses: Imogen's introductory course only.
    await applicant.getByLabel("Status").selectOption({ label: "Completed" });
    await applicant.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => applicant.url()).toContain("status=completed");
    await expect.poll(() => report.textContent()).toContain("1 enrolment,");
    await expect
      .poll(() => applicant.locator("tbody tr").first().textContent())
      .toContain("Productive Community Services: Introductory");
    await scanBothWidths(applicant, "learner-admin-report-filtered");

    // The CSV carries the filter: its header row, then Imogen's completed course and nothing else.
    const csv = await downloadText(applicant, () =>
      applicant.getByRole("link", { name: /^Download CSV/ }).click(),
    );
    expect(csv.name).toBe(`learner-progress-community-services-directorate-${ukDate(new Date())}.csv`);
    const csvRows = parse(csv.text, { bom: true }) as string[][];
    expect(csvRows[0]?.slice(0, 6)).toEqual([
      "Given name",
      "Family name",
      "Email",
      "ESR number",
      "Team",
      "Course",
    ]);
    const csvRecords = parse(csv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(csvRecords).toHaveLength(1);
    expect(csvRecords[0]).toMatchObject({
      "Given name": "Imogen",
      "Family name": "Hart",
      "ESR number": "10155500011",
      Team: "Harbour Community Nursing Team",
      Course: "Productive Community Services: Introductory",
      Status: "Completed",
      Completed: ukDate(daysAgo(10)),
    });

    // The ESR completions file: its header row, then Imogen's completion; Wes is outside the directorate.
    const esr = await downloadText(applicant, () =>
      applicant.getByRole("link", { name: "Download ESR completions" }).click(),
    );
    expect(esr.name).toMatch(/^esr-completions-community-services-directorate-.*\.csv$/);
    const esrRows = parse(esr.text, { bom: true }) as string[][];
    expect(esrRows[0]).toEqual([
      "ESR assignment number",
      "Family name",
      "Given name",
      "Email",
      "Course code",
      "Course title",
      "Completion date",
      "Certificate code",
    ]);
    expect(esrRows.slice(1)).toEqual([
      [
        "10155500011",
        "Hart",
        "Imogen",
        "imogen.hart@trust.example.nhs.uk",
        "productive-community-services-introductory",
        "Productive Community Services: Introductory",
        ukDate(daysAgo(10)),
        "",
      ],
    ]);

    // "Your activity" lists the report they viewed and both downloads.
    await applicant.getByRole("link", { name: "Your activity" }).click();
    await expectHeading(applicant, "Your activity");
    const activity = applicant.getByRole("table");
    await expect.poll(() => activity.textContent()).toContain("Viewed the learner progress report");
    await expect.poll(() => activity.textContent()).toContain("Downloaded the learner progress report");
    await expect.poll(() => activity.textContent()).toContain("Downloaded the ESR completions file");
    await scanBothWidths(applicant, "learner-admin-activity");

    // The platform administrator opens Admin, then the audit log, and looks up the application by its id: Jordan
    // applied, the three nominees confirmed (no account, so no one is named) and Dana approved it.
    const [application] = (await ctx.database.rawQuery(
      "select id from learner_admin_applications where applicant_id = $1",
      [applicantUser.id],
    )) as Array<{ id: string }>;
    await admin.getByRole("link", { name: "Admin", exact: true }).click();
    await admin
      .getByRole("navigation", { name: "Admin tools" })
      .getByRole("link", { name: "Audit log" })
      .click();
    await expectHeading(admin, "Audit log");
    await admin.getByLabel("Subject id (optional)").fill(application?.id ?? "");
    await admin.getByRole("button", { name: "Search the audit log" }).click();
    const log = admin.getByRole("table");
    await expect.poll(() => log.textContent()).toContain("Approved learner administrator access");
    await expect.poll(() => log.textContent()).toContain(`applicantId: ${applicantUser.id}`);
    await expect.poll(() => log.textContent()).toContain(adminUser.email);
    await expect.poll(() => log.textContent()).toContain("Applied for learner administrator access");
    await expect.poll(() => log.getByText("Confirmed an application as a nominee").count()).toBe(3);
    await scanBothWidths(admin, "learner-admin-audit-application");

    // Then everything Jordan did, by their email: the application, the report viewed and the two downloads.
    await admin.getByLabel("Subject id (optional)").fill("");
    await admin.getByLabel("Who (optional)").fill(applicantUser.email);
    await admin.getByRole("button", { name: "Search the audit log" }).click();
    await expect.poll(() => admin.url()).toContain(`actor=${encodeURIComponent(applicantUser.email)}`);
    await expect.poll(() => log.textContent()).not.toContain("Approved learner administrator access");
    await expect.poll(() => log.textContent()).toContain("Applied for learner administrator access");
    await expect.poll(() => log.textContent()).toContain("Viewed the learner progress report");
    await expect.poll(() => log.textContent()).toContain("Downloaded the learner progress report");
    await expect.poll(() => log.textContent()).toContain("Downloaded the ESR completions file");
    await scanBothWidths(admin, "learner-admin-audit-downloads");
  });

  it("ends the application when a nominee declines, and says when a link has expired", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const applicantUser = await buildUser(ctx, { givenName: "Robin", familyName: "Hale" });
    const cookie = await signInApi(ctx, applicantUser);
    const [organisation] = (await ctx.database.rawQuery("select organisation_id from users where id = $1", [
      applicantUser.id,
    ])) as Array<{ organisation_id: string }>;
    const created = await ctx.app.inject({
      method: "POST",
      url: "/api/me/learner-admin/applications",
      headers: { cookie },
      payload: {
        organisationId: organisation?.organisation_id,
        reason: "I send our ward's completions to ESR.",
        lineManagerName: "Pat Line",
        lineManagerEmail: "pat.line@trust.example.nhs.uk",
        caldicottGuardianName: "Sol Guard",
        caldicottGuardianEmail: "sol.guard@trust.example.nhs.uk",
        hrLeadName: "Ash Lead",
        hrLeadEmail: "ash.lead@trust.example.nhs.uk",
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const nominee = await (await journey.browser().newContext()).newPage();

    // An expired link says so, and who to ask for a new one, without showing the application.
    await ctx.database.rawQuery(
      "update learner_admin_nominees set token_expires_at = now() - interval '1 minute' where email = $1",
      ["sol.guard@trust.example.nhs.uk"],
    );
    const expired = await tokenFromMail(ctx, "sol.guard@trust.example.nhs.uk", "/nominations/respond");
    await nominee.goto(`${base}/nominations/respond?token=${encodeURIComponent(expired)}`);
    await expectHeading(nominee, "This link no longer works");
    await expect.poll(() => nominee.getByRole("main").textContent()).toContain("expired");
    await expect.poll(() => nominee.getByRole("main").textContent()).not.toContain("ESR");
    await scanBothWidths(nominee, "learner-admin-nomination-expired");

    // An unknown link.
    await nominee.goto(`${base}/nominations/respond?token=${"x".repeat(43)}`);
    await expectHeading(nominee, "This link is not valid");
    await scanPage(nominee, "learner-admin-nomination-unknown");

    // The line manager declines with a reason.
    const token = await tokenFromMail(ctx, "pat.line@trust.example.nhs.uk", "/nominations/respond");
    await nominee.goto(`${base}/nominations/respond?token=${encodeURIComponent(token)}`);
    await expectHeading(nominee, "Confirm a learner administrator application");
    await nominee.getByLabel("Why are you declining? (optional)").fill("Robin does not report on training.");
    await nominee.getByRole("button", { name: "Decline" }).click();
    await expectHeading(nominee, "Application declined");
    await scanBothWidths(nominee, "learner-admin-nomination-declined");

    // The applicant sees the application ended, with the decline dated.
    const applicant = await (await journey.browser().newContext()).newPage();
    await signIn(applicant, base, applicantUser.email, applicantUser.password);
    await applicant.goto(`${base}/account/learner-administrator`);
    await expectHeading(applicant, "Learner administrator access");
    await applicant.getByRole("heading", { name: "Past applications" }).waitFor();
    await applicant.getByText("Declined by a nominee").waitFor();
    await scanBothWidths(applicant, "learner-admin-declined");
  });
});
