import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startOfUkDate, ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import { buildAchievement, buildCertificate } from "../support/cpd-fixtures.js";
import { buildUser } from "../support/factories.js";
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

/** Reads a download: its suggested name and bytes. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** The text of the totals card with this heading, white space made single. */
async function totalsCard(page: Page, heading: RegExp): Promise<string> {
  const card = page.locator(".nhsuk-card").filter({ has: page.getByRole("heading", { name: heading }) });
  return (await card.innerText()).replace(/\s+/g, " ");
}

/*
 * This journey needs the database as well as the browser: the course the learner achieved (and its certificate) are
 * put in straight, as the certificates work would, so it runs the built app in this process.
 */
describe("CPD: a learner keeps their CPD record and downloads it", () => {
  const journey = useInProcessJourney();

  it("adds an activity, changes it, sees the totals, downloads CSV and PDF, reads the transcript and deletes it", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const learner = await buildUser(ctx, { givenName: "Aoife", familyName: "Ní Bhriain" });
    const today = ukDate(new Date());
    const achievement = await buildAchievement(ctx, {
      userId: learner.id,
      courseId: await courseIdBySlug(ctx, "productive-ward-practitioner"),
      achievedAt: new Date(startOfUkDate(today).getTime() + 9 * 3_600_000),
    });
    const certificate = await buildCertificate(ctx, { achievementId: achievement.id });

    const context = await journey.browser().newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, base, learner.email, learner.password);

    // The record: the Practitioner course's 20 points are there already, with its certificate.
    await page.goto(`${base}/cpd`);
    await expectHeading(page, "Your CPD record");
    await expect.poll(() => totalsCard(page, /^This CPD year/)).toContain("20 CPD points and 0 hours");
    const courses = page.getByRole("table", { name: "Courses completed" });
    await expect.poll(() => courses.innerText()).toContain("The Productive Ward: Practitioner");
    await expect(
      courses.getByRole("link", { name: new RegExp(certificate.code) }).getAttribute("href"),
    ).resolves.toBe(`/verify/${certificate.code}`);
    await expect(
      courses.getByRole("link", { name: /^Download certificate/ }).getAttribute("href"),
    ).resolves.toBe(`/api/certificates/${certificate.id}/pdf`);
    await page.getByText("You have not recorded an activity in the CPD year").waitFor();
    await scanPage(page, "cpd-record-course-only");

    // Adding an activity: the form refuses nothing filled in, a future date and bad hours, with an error summary.
    await page.getByRole("link", { name: "Add a CPD activity" }).first().click();
    await expectHeading(page, "Add a CPD activity");
    await scanPage(page, "cpd-add");
    await page.getByRole("button", { name: "Add activity" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.waitFor();
    await expect.poll(() => summary.innerText()).toContain("Enter a title for the activity");
    expect(await summary.innerText()).toContain("Enter the date of the activity");
    expect(await summary.innerText()).toContain("Enter the hours, the CPD points, or both");
    expect(await page.title()).toBe("Error: Add a CPD activity – QI Academy");
    await scanPage(page, "cpd-add-errors");

    const [year, month, day] = today.split("-");
    await page.getByLabel("What did you do?").fill("Led a PDSA cycle on handovers");
    await page.getByLabel("Day").fill(String(Number(day)));
    await page.getByLabel("Month").fill(String(Number(month)));
    await page.getByLabel("Year").fill(String(Number(year) + 1));
    await page.getByLabel("Hours").fill("1.5.5");
    await page
      .getByLabel("Reflection (optional)")
      .fill(
        "We timed **every** handover.\n\n- fewer interruptions\n- shorter handovers\n\n<script>window.hacked = true</script>",
      );
    await page.getByRole("button", { name: "Add activity" }).click();
    await expect
      .poll(() => summary.innerText())
      .toContain("The date of the activity must be today or in the past");
    expect(await summary.innerText()).toContain("Enter the hours as a number, like 1.5");
    // The summary links to the field it names.
    await summary.getByRole("link", { name: "Enter the hours as a number, like 1.5" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("hours");

    await page.getByLabel("Year").fill(year ?? "");
    await page.getByLabel("Hours").fill("1.5");
    await page.getByRole("button", { name: "Add activity" }).click();

    // The activity's page: a success banner, the amounts and the reflection, rendered and inert.
    await expectHeading(page, "Led a PDSA cycle on handovers");
    await page.getByText("CPD activity added").waitFor();
    await page.locator(".app-cpd-reflection strong", { hasText: "every" }).waitFor();
    expect(await page.locator(".app-cpd-reflection li").allInnerTexts()).toEqual([
      "fewer interruptions",
      "shorter handovers",
    ]);
    await expect.poll(() => page.locator(".app-cpd-reflection").innerText()).toContain("<script>");
    expect(await page.evaluate(() => (window as unknown as { hacked?: boolean }).hacked)).toBeUndefined();
    expect(await page.getByRole("main").innerText()).toContain("1.5 hours");
    await scanPage(page, "cpd-activity");

    // Changing it: points added, hours changed.
    await page.getByRole("link", { name: /^Change this activity/ }).click();
    await expectHeading(page, "Change a CPD activity");
    await expect
      .poll(() => page.getByLabel("What did you do?").inputValue())
      .toBe("Led a PDSA cycle on handovers");
    await scanPage(page, "cpd-change");
    await page.getByLabel("Hours").fill("2");
    await page.getByLabel("CPD points").fill("1.25");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expectHeading(page, "Led a PDSA cycle on handovers");
    await page.getByText("CPD activity changed").waitFor();
    await expect.poll(() => page.getByRole("main").innerText()).toContain("2 hours");
    expect(await page.getByRole("main").innerText()).toContain("1.25 CPD points");

    // The record adds it up: 20 + 1.25 points, 2 hours, this year and all time.
    await page.getByRole("link", { name: "Your CPD record" }).click();
    await expectHeading(page, "Your CPD record");
    await expect.poll(() => totalsCard(page, /^This CPD year/)).toContain("21.25 CPD points and 2 hours");
    expect(await totalsCard(page, /^All time/)).toContain("21.25 CPD points and 2 hours");
    const activities = page.getByRole("table", { name: "Your own CPD activities" });
    await expect.poll(() => activities.innerText()).toContain("Led a PDSA cycle on handovers");
    await scanPage(page, "cpd-record");
    await scanNarrow(page, "cpd-record-320px");

    // Every year: the same entries, and the filter is in the address.
    await page.getByLabel("CPD year").selectOption("all");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(`${base}/cpd?year=all`);
    await page.getByText(/^Showing all years: 21\.25 CPD points and 2 hours\.$/).waitFor();

    // Downloads: the CSV has both entries; the PDF names the learner, the entries and the reflection.
    const csv = await download(page, () => page.getByRole("link", { name: /^Download CSV/ }).click());
    expect(csv.name).toBe("cpd-record-all-dates.csv");
    const rows = parse(csv.bytes.toString("utf8"), { bom: true, columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.map((r) => [r.Type, r.Title, r["CPD points"], r.Hours])).toEqual(
      expect.arrayContaining([
        ["Own activity", "Led a PDSA cycle on handovers", "1.25", "2"],
        ["Course completed", "The Productive Ward: Practitioner", "20", ""],
      ]),
    );
    const pdf = await download(page, () => page.getByRole("link", { name: /^Download PDF/ }).click());
    expect(pdf.name).toBe("cpd-record-all-dates.pdf");
    expect(pdf.bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const pdfText = (await pdfPlainText(pdf.bytes)).replace(/\s+/g, " ");
    expect(pdfText).toContain("Aoife Ní Bhriain");
    expect(pdfText).toContain("21.25 CPD points");
    expect(pdfText).toContain("Led a PDSA cycle on handovers");
    expect(pdfText).toContain("We timed every handover.");
    expect(pdfText).toContain(`Certificate ${certificate.code} (valid)`);
    expect(pdfText).toContain("Page 1 of 1");
    if (existsSync("/usr/bin/pdftoppm")) {
      const file = path.join(SCREENSHOT_DIR, "cpd-record-download.pdf");
      writeFileSync(file, pdf.bytes);
      execFileSync("pdftoppm", ["-png", "-r", "70", "-singlefile", file, file.replace(/\.pdf$/, "")]);
    }

    // The transcript: the course achieved with its certificate, and the downloads.
    await page.getByRole("link", { name: "See your transcript" }).click();
    await expectHeading(page, "Your transcript");
    const achieved = page.getByRole("table", { name: "Courses achieved" });
    await expect.poll(() => achieved.innerText()).toContain("The Productive Ward: Practitioner");
    expect(await achieved.innerText()).toContain("Valid");
    await scanPage(page, "cpd-transcript");
    const transcript = await download(page, () => page.getByRole("link", { name: /^Download PDF/ }).click());
    expect(transcript.name).toBe(`transcript-${today}.pdf`);
    expect((await pdfPlainText(transcript.bytes)).replace(/\s+/g, " ")).toContain(certificate.code);

    // Deleting the activity: a confirmation page, then the record without it.
    await page.goto(`${base}/cpd`);
    await expectHeading(page, "Your CPD record");
    await page.getByRole("link", { name: "Led a PDSA cycle on handovers" }).click();
    await expectHeading(page, "Led a PDSA cycle on handovers");
    await page.getByRole("link", { name: /^Delete this activity/ }).click();
    await expectHeading(page, "Are you sure you want to delete this CPD activity?");
    await scanPage(page, "cpd-delete");
    await page.getByRole("button", { name: "Delete activity" }).click();
    await expectHeading(page, "Your CPD record");
    await page.getByText("CPD activity deleted: Led a PDSA cycle on handovers").waitFor();
    await expect.poll(() => totalsCard(page, /^This CPD year/)).toContain("20 CPD points and 0 hours");
    await scanPage(page, "cpd-record-after-delete");

    // Its page is gone: someone following an old link is told so.
    await page.goto(`${base}/cpd/activities/00000000-0000-4000-8000-000000000000`);
    await expectHeading(page, "CPD activity not found");
    await page.getByText("The CPD activity could not be found.").waitFor();
    await scanPage(page, "cpd-activity-not-found");
    await context.close();
  });
});
