import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  COURSE_SLUGS,
  credentialsOf,
  enrolledLearner,
  giveCourseSteps,
  setPortfolioStatus,
  workThrough,
} from "../support/certificates-fixtures.js";
import { buildAdmin, TEST_PASSWORD } from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { pdfPlainText } from "../support/pdf-text.js";
import {
  expectHeading,
  expectNoHorizontalScroll,
  SCREENSHOT_DIR,
  scanPage,
  signIn,
} from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

/** Scans the page, then checks it at 320 px wide and puts the viewport back. */
async function scanBothWidths(page: Page, name: string) {
  await scanPage(page, name);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** pdftoppm (poppler-utils) when this machine has it: the certificate is rendered to PNG for a person to look at. */
function hasPdftoppm(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

// The learner's course is completed through the learning API in this process, so the app runs in-process.
describe("certificates: achieve, download, verify signed out, revoke; awarding body claims", () => {
  const journey = useInProcessJourney();

  it("takes a learner from completing a course to a certificate anyone can check, until an administrator revokes it", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const introductory = await courseIdBySlug(ctx, COURSE_SLUGS.introductory);
    const learner = await enrolledLearner(ctx, introductory, {
      user: { givenName: "Siân", familyName: "Nguyễn-O'Neill" },
    });
    await workThrough(ctx, learner);
    const [certificate] = (await credentialsOf(ctx, learner.enrolmentId)).certificates;
    if (!certificate) throw new Error("completing the course issued no certificate");
    const code = certificate.code;
    await buildAdmin(ctx, { email: "cert.admin@example.test", givenName: "Dana", familyName: "Reid" });

    // The learner sees the achieved course in My learning and follows it to their certificates.
    const learnerPage = await (await journey.browser().newContext({ acceptDownloads: true })).newPage();
    await signIn(learnerPage, base, learner.user.email, TEST_PASSWORD);
    await learnerPage.goto(`${base}/my-learning`);
    await expectHeading(learnerPage, "My learning");
    await learnerPage.getByRole("link", { name: /^View certificate/ }).click();
    await expectHeading(learnerPage, "Your certificates");
    const card = learnerPage.locator(".nhsuk-card").filter({ hasText: code });
    await expect.poll(() => card.locator(".nhsuk-tag").textContent()).toBe("Valid");
    await scanBothWidths(learnerPage, "certificates-mine");

    // The PDF downloads as an attachment and holds the name and the code; render it to PNG to look at.
    const [download] = await Promise.all([
      learnerPage.waitForEvent("download"),
      card.getByRole("link", { name: /^Download certificate/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`qi-academy-certificate-${code}.pdf`);
    const bytes = readFileSync(await download.path());
    const text = await pdfPlainText(bytes);
    expect(text).toContain("Siân Nguyễn-O'Neill");
    expect(text).toContain(code);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pdfFile = path.join(SCREENSHOT_DIR, "certificate.pdf");
    writeFileSync(pdfFile, bytes);
    if (hasPdftoppm()) {
      execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdfFile, pdfFile.replace(/\.pdf$/, "")]);
      expect(existsSync(pdfFile.replace(/\.pdf$/, ".png"))).toBe(true);
    }

    // Anyone, signed out, checks the code: from the form (typed loosely) and from the QR code's address.
    const publicPage = await (await journey.browser().newContext()).newPage();
    await publicPage.goto(`${base}/verify`);
    await expectHeading(publicPage, "Check a certificate");
    await publicPage.getByRole("button", { name: "Check certificate" }).click();
    await publicPage
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "Enter the certificate code" })
      .waitFor();
    await scanBothWidths(publicPage, "verify-form-error");
    await publicPage.getByLabel("Certificate code").fill(code.toLowerCase().replaceAll("-", " "));
    await publicPage.getByRole("button", { name: "Check certificate" }).click();
    await expectHeading(publicPage, "This certificate is valid");
    const facts = publicPage.locator(".nhsuk-summary-list");
    await expect.poll(() => facts.textContent()).toContain("Siân Nguyễn-O'Neill");
    await expect.poll(() => facts.textContent()).toContain(code);
    expect(await publicPage.getByRole("main").textContent()).not.toContain(learner.user.email);
    await scanBothWidths(publicPage, "verify-valid");

    await publicPage.goto(`${base}/verify/QIA-0000-0000-0000-0000`);
    await expectHeading(publicPage, "We could not find this certificate");
    await scanPage(publicPage, "verify-not-found");

    // An administrator finds the certificate by its code and revokes it with a reason.
    const adminPage = await (await journey.browser().newContext()).newPage();
    await signIn(adminPage, base, "cert.admin@example.test", TEST_PASSWORD);
    await adminPage.goto(`${base}/admin/certificates`);
    await expectHeading(adminPage, "Certificates");
    await adminPage.getByLabel("Certificate code, or learner's name or email address").fill(code);
    await adminPage.getByRole("button", { name: "Search" }).click();
    await adminPage.getByRole("link", { name: code }).click();
    await expectHeading(adminPage, code);
    await scanBothWidths(adminPage, "admin-certificate");
    await adminPage.getByRole("button", { name: "Revoke certificate" }).click();
    await adminPage.locator(".nhsuk-error-summary").getByRole("link", { name: "Enter a reason" }).waitFor();
    await adminPage
      .getByLabel("Why are you revoking it?")
      .fill("Issued in error: the learner's enrolment was a duplicate.");
    await adminPage.getByRole("button", { name: "Revoke certificate" }).click();
    await adminPage
      .locator(".nhsuk-notification-banner")
      .getByText("Certificate revoked", { exact: true })
      .waitFor();
    await expect.poll(() => adminPage.locator("h1 + p .nhsuk-tag").textContent()).toBe("Revoked");
    await scanPage(adminPage, "admin-certificate-revoked");

    // The public page now says so, with the date but not the reason; the learner sees it too.
    await publicPage.goto(`${base}/verify/${code}`);
    await expectHeading(publicPage, "This certificate is no longer valid");
    expect(await publicPage.getByRole("main").textContent()).not.toContain("duplicate");
    await scanBothWidths(publicPage, "verify-revoked");
    await learnerPage.goto(`${base}/certificates`);
    await expectHeading(learnerPage, "Your certificates");
    await expect
      .poll(() => learnerPage.locator(".nhsuk-card .nhsuk-tag").first().textContent())
      .toBe("Revoked");
  });

  it("lists accredited achievements for the awarding body and records a registration number", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const practitioner = await giveCourseSteps(ctx, COURSE_SLUGS.practitioner, { finalQuiz: false });
    const learner = await enrolledLearner(ctx, practitioner, {
      user: { givenName: "Claire", familyName: "Claimant" },
    });
    await setPortfolioStatus(ctx, learner.enrolmentId, "passed");
    await workThrough(ctx, learner);
    await buildAdmin(ctx, { email: "claims.admin@example.test" });

    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "claims.admin@example.test", TEST_PASSWORD);
    await page.goto(`${base}/admin/awarding-body`);
    await expectHeading(page, "Awarding body claims");
    const today = new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/London",
      day: "numeric",
      month: "numeric",
      year: "numeric",
    })
      .format(new Date())
      .split("/");
    const [day = "", month = "", year = ""] = today;
    for (const [legend, parts] of [
      ["From", [day, month, year]],
      ["To", [day, month, year]],
    ] as const) {
      const group = page.getByRole("group", { name: legend });
      await group.getByLabel("Day").fill(parts[0]);
      await group.getByLabel("Month").fill(parts[1]);
      await group.getByLabel("Year").fill(parts[2]);
    }
    await page.getByRole("button", { name: "Show achievements" }).click();
    const row = page.getByRole("row").filter({ hasText: "Claire Claimant" });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain("Practitioner");
    await scanBothWidths(page, "awarding-body-claims");

    await row.getByRole("link", { name: /^Record/ }).click();
    await expectHeading(page, "What is their awarding body registration number?");
    await page.getByLabel("What is their awarding body registration number?").fill("=1+1");
    await page.getByRole("button", { name: "Save registration number" }).click();
    await page.locator(".nhsuk-error-summary").waitFor();
    await scanPage(page, "awarding-body-registration-error");
    await page.getByLabel("What is their awarding body registration number?").fill("ABC-12345/6");
    await page.getByRole("button", { name: "Save registration number" }).click();
    await page
      .locator(".nhsuk-notification-banner")
      .getByText("Registration number saved", { exact: true })
      .waitFor();
    await expect
      .poll(() => page.getByRole("row").filter({ hasText: "Claire Claimant" }).textContent())
      .toContain("ABC-12345/6");

    // Someone with no certificates sees what earns one.
    await page.goto(`${base}/certificates`);
    await expectHeading(page, "Your certificates");
    await page.getByText("You do not have any certificates yet.").waitFor();
    await scanPage(page, "certificates-none");

    // A course's certificates can be set to expire, on the course details page.
    await page.goto(`${base}/manage/courses/${practitioner}/details`);
    const validity = page.getByLabel(
      "How many months is a certificate for this course valid for? (optional)",
    );
    await validity.waitFor();
    await validity.fill("0");
    await page.getByRole("button", { name: "Save certificate validity" }).click();
    await page
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: "A certificate must be valid for at least 1 month" })
      .waitFor();
    await validity.fill("24");
    await page.getByRole("button", { name: "Save certificate validity" }).click();
    await page
      .locator(".nhsuk-notification-banner")
      .getByText("Certificate validity saved", { exact: true })
      .waitFor();
    await scanPage(page, "course-details-certificate-validity");
    const [row2] = (await ctx.database.rawQuery(
      "select certificate_validity_months from courses where id = $1",
      [practitioner],
    )) as Array<{ certificate_validity_months: number | null }>;
    expect(row2?.certificate_validity_months).toBe(24);
  });
});
