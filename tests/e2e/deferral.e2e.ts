import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOfUkDate, ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import { deferredWindow } from "../../src/server/modules/enrolments/enrolment.rules.js";
import {
  buildAdmin,
  buildEnrolment,
  mailTo,
  organisationByOds,
  signIn as signInApi,
  type TestEnrolment,
} from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";
import {
  expectHeading,
  expectNoHorizontalScroll,
  launchBrowser,
  scanPage,
  signIn,
} from "./support/browser.js";

const DAY = 86_400_000;
const CERTIFICATE = "Please send us a medical certificate covering the next two months.";
const REPLY = "Thank you. My GP will write one this week and I will send it straight on.";
const ukLong = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});

// This journey needs an enrolment with chosen dates, which only the database can give it, so it runs the built app in
// this process over a test database (the factories' way in) rather than as a child process like the other journeys.
describe("deferral: a learner asks, an administrator asks for a certificate, then approves with a date", () => {
  let ctx: TestContext;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    // E2E_WEB_DIST points at a private build when others may rebuild dist/web during the run.
    ctx = await createTestApp(process.env.E2E_WEB_DIST ? { webDistDir: process.env.E2E_WEB_DIST } : {});
    await ctx.app.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`; // listen() on TCP gives AddressInfo
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const newPage = async (): Promise<Page> => (await browser.newContext()).newPage();

  it("pauses the course and restarts the access window from the date the administrator sets", async () => {
    const enrolment: TestEnrolment = await buildEnrolment(ctx, {
      level: "practitioner",
      startsAt: new Date(Date.now() - 5 * DAY),
      user: { givenName: "Rowan", familyName: "Ellis" },
    });
    const learnerUser = enrolment.user;
    if (!learnerUser) throw new Error("the factory made no learner");
    const adminUser = await buildAdmin(ctx, { givenName: "Dana", familyName: "Reid" });
    const learner = await newPage();
    const admin = await newPage();
    const deferPath = `${base}/learning/${enrolment.id}/defer`;

    // The learner finds "Ask to defer" on their course and reads the rule.
    await signIn(learner, base, learnerUser.email, learnerUser.password);
    await learner.goto(`${base}/learning/${enrolment.id}`);
    await expectHeading(learner, enrolment.course.title);
    await learner.getByRole("link", { name: "Ask to defer this course" }).click();
    await expectHeading(learner, "Ask to defer your course");
    const main = learner.getByRole("main");
    await expect.poll(() => main.textContent()).toContain("You do not need to send any evidence");
    await scanPage(learner, "deferral-learner-ask");

    await learner.getByRole("button", { name: "Send request" }).click();
    await learner.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect.poll(() => learner.title()).toMatch(/^Error: /);
    await scanPage(learner, "deferral-learner-ask-error");

    await learner.getByLabel("Why do you need to defer?").fill("I have been signed off work for two months.");
    await learner.getByRole("button", { name: "Send request" }).click();
    await learner.getByRole("alert").filter({ hasText: "Your request has been sent" }).waitFor();
    await learner.getByText("Waiting for a decision").first().waitFor();
    await scanPage(learner, "deferral-learner-sent");

    // The administrator finds it in the queue and asks for a medical certificate.
    await signIn(admin, base, adminUser.email, adminUser.password);
    await admin.goto(`${base}/admin/users`);
    await admin
      .getByRole("navigation", { name: "Admin tools" })
      .getByRole("link", { name: "Deferrals" })
      .click();
    await expectHeading(admin, "Deferral requests");
    await admin.getByRole("table").getByRole("link", { name: "Rowan Ellis" }).waitFor();
    await scanPage(admin, "deferral-admin-queue");
    await admin.getByRole("table").getByRole("link", { name: "Rowan Ellis" }).click();
    await expectHeading(admin, "Rowan Ellis");
    await expect
      .poll(() => admin.getByRole("main").textContent())
      .toContain("I have been signed off work for two months.");
    await scanPage(admin, "deferral-admin-request");

    await admin.getByLabel("Your message").fill(CERTIFICATE);
    await admin.getByRole("button", { name: "Send message" }).click();
    await admin.getByRole("alert").filter({ hasText: "Message sent" }).waitFor();
    await scanPage(admin, "deferral-admin-message-sent");
    const [mail] = await mailTo(ctx, learnerUser.email);
    expect(mail?.text).toContain(CERTIFICATE);

    // The learner's course now points to their request, and they see the message on it and reply.
    await learner.goto(`${base}/learning/${enrolment.id}`);
    await learner.getByText("You have asked to defer this course.").waitFor();
    await expect.poll(() => learner.getByRole("link", { name: "Ask to defer this course" }).count()).toBe(0);
    await learner.getByRole("link", { name: "See your request" }).click();
    await expectHeading(learner, "Ask to defer your course");
    await learner.getByText(CERTIFICATE).waitFor();
    await expect.poll(() => learner.getByRole("main").textContent()).toContain("QI Academy");
    await scanPage(learner, "deferral-learner-message");
    await learner.getByLabel("Reply to QI Academy").fill(REPLY);
    await learner.getByRole("button", { name: "Send reply" }).click();
    await learner.getByRole("alert").filter({ hasText: "Message sent" }).waitFor();
    await learner.getByText(REPLY).waitFor();

    // The administrator sees the reply, then approves with a date a month away (after a mistake).
    await admin.goto(`${base}/admin/deferrals`);
    const row = admin.getByRole("row").filter({ hasText: "Rowan Ellis" });
    await row.getByText("Learner replied").waitFor();
    await row.getByRole("link", { name: "Rowan Ellis" }).click();
    await expectHeading(admin, "Rowan Ellis");
    await admin.getByText(REPLY).waitFor();

    await admin.getByRole("button", { name: "Approve deferral" }).click();
    await admin.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(admin, "deferral-admin-approve-error");

    const resumesOn = ukDate(new Date(Date.now() + 30 * DAY));
    const [year, month, day] = resumesOn.split("-");
    const dateGroup = admin.getByRole("group", { name: "When should the course start again?" });
    await dateGroup.getByLabel("Day").fill(String(Number(day)));
    await dateGroup.getByLabel("Month").fill(String(Number(month)));
    await dateGroup.getByLabel("Year").fill(year ?? "");
    await admin.getByRole("button", { name: "Approve deferral" }).click();
    await admin.getByRole("alert").filter({ hasText: "Deferral approved" }).waitFor();
    await admin.getByText("Approved", { exact: true }).waitFor();
    await scanPage(admin, "deferral-admin-approved");

    // The learner sees the new dates: the course starts again on that day with a full new access period.
    const window = deferredWindow("practitioner", startOfUkDate(resumesOn));
    await learner.goto(deferPath);
    await expectHeading(learner, "Ask to defer your course");
    // The heading shows before the request loads; wait for the dates themselves.
    await learner
      .getByRole("main")
      .getByText(
        `Your course is deferred. It starts again on ${ukLong.format(window.startsAt)}, and your access ends on ${ukLong.format(window.expiresAt)}.`,
      )
      .waitFor();
    await learner.getByText("Approved", { exact: true }).waitFor();
    await scanPage(learner, "deferral-learner-approved");

    // Both pages work at 320px wide.
    await learner.setViewportSize({ width: 320, height: 800 });
    await learner.reload();
    await expectHeading(learner, "Ask to defer your course");
    await expectNoHorizontalScroll(learner);
    await scanPage(learner, "deferral-learner-approved-320");
    await admin.setViewportSize({ width: 320, height: 800 });
    await admin.reload();
    await expectHeading(admin, "Rowan Ellis");
    await expectNoHorizontalScroll(admin);
    await scanPage(admin, "deferral-admin-approved-320");
  });

  it("fits the administrators' places and licences pages on a 320px screen", async () => {
    const adminUser = await buildAdmin(ctx);
    const cookie = await signInApi(ctx, adminUser);
    const learner = await buildEnrolment(ctx, {
      level: "foundation",
      user: { givenName: "Alexandria", familyName: "Montgomery-Fairweather" },
    });
    const course = await buildEnrolment(ctx, { level: "facilitator" });
    const given = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/grants",
      headers: { cookie },
      payload: {
        userId: learner.userId,
        courseId: course.course.id,
        reason: "Bursary agreed with the trust for the whole of the next financial year",
      },
    });
    expect(given.statusCode, given.body).toBe(201);
    const licensed = await ctx.app.inject({
      method: "POST",
      url: "/api/admin/licences",
      headers: { cookie },
      payload: {
        organisationId: await organisationByOds(ctx, "RR8"),
        courseId: course.course.id,
        seats: 250,
        startsOn: "2026-04-01",
        endsOn: "2027-03-31",
      },
    });
    expect(licensed.statusCode, licensed.body).toBe(201);

    const page = await newPage();
    await page.setViewportSize({ width: 320, height: 800 });
    await signIn(page, base, adminUser.email, adminUser.password);
    await page.goto(`${base}/admin/grants`);
    await expectHeading(page, "Places on courses");
    await page.getByRole("table").getByText("Alexandria Montgomery-Fairweather").first().waitFor();
    await expectNoHorizontalScroll(page);
    await scanPage(page, "places-admin-grants-320");
    await page.goto(`${base}/admin/licences`);
    await expectHeading(page, "Organisation licences");
    await page.getByRole("table").getByText("0 of 250 seats used").waitFor();
    await expectNoHorizontalScroll(page);
    await scanPage(page, "places-admin-licences-320");
    await page.getByRole("link", { name: /^Change/ }).click();
    await expectHeading(page, "Change a licence");
    await expectNoHorizontalScroll(page);
    await page.goto(`${base}/admin/licences/new`);
    await expectHeading(page, "Add a licence");
    await page.getByRole("button", { name: "Add licence" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expectNoHorizontalScroll(page);
    await scanPage(page, "places-admin-licence-new-error-320");
  });
});
