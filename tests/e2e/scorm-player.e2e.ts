import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, FrameLocator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { courseSteps } from "../../src/server/db/schema/index.js";
import { ScormAttemptListSchema, ScormLaunchSchema, ScormPackageSchema } from "../../src/shared/scorm.js";
import { signIn as apiSignIn, buildAdmin, buildEditor, buildEnrolment } from "../support/factories.js";
import { scorm12Package, scorm2004Package } from "../support/scorm-packages.js";
import type { TestContext } from "../support/test-app.js";
import {
  expectHeading,
  expectNoHorizontalScroll,
  SCREENSHOT_DIR,
  scanPage,
  signIn,
} from "./support/browser.js";
import { type InProcessJourney, useInProcessJourney } from "./support/journey.js";

/*
 * The SCORM player in a real browser: packages uploaded through the API, a learner launching, resuming after closing
 * the tab, completing; a two-part package through its contents list; commits made offline arriving once back online;
 * and the administrators' attempt pages. Like the learning journey, it runs the built app in this process over its own
 * database (so a step can be put on a course directly), serving a copy of dist/web.
 */

/** A multipart body with the package as its file. */
function multipart(bytes: Buffer) {
  const boundary = `----qia${randomUUID()}`;
  return {
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="package.zip"\r\nContent-Type: application/zip\r\n\r\n`,
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

let coursesUsed = 0;

/**
 * Uploads a package as a content editor (the real import), then makes it the only step of a published seeded course
 * that has no steps yet, and enrols a new learner there. Returns what the journey needs.
 */
async function scormCourse(ctx: TestContext, bytes: Buffer, stepTitle: string) {
  const editor = await apiSignIn(ctx, await buildEditor(ctx));
  const body = multipart(bytes);
  const uploaded = await ctx.app.inject({
    method: "POST",
    url: "/api/scorm-packages",
    payload: body.payload,
    headers: { ...body.headers, cookie: editor },
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  const pkg = ScormPackageSchema.parse(uploaded.json());

  const candidates = (await ctx.database.rawQuery(
    `select c.id, c.title, (select m.id from course_modules m where m.course_id = c.id order by m.position limit 1) as module_id
       from courses c
      where c.status = 'published'
        and not exists (select 1 from course_modules m join course_steps s on s.module_id = m.id where m.course_id = c.id)
        and exists (select 1 from course_modules m where m.course_id = c.id)
      order by c.position, c.id`,
  )) as Array<{ id: string; title: string; module_id: string }>;
  const course = candidates[0];
  if (!course) throw new Error(`no published course without steps is left (${coursesUsed} used)`);
  coursesUsed += 1;
  const [step] = await ctx.database.db
    .insert(courseSteps)
    .values({
      moduleId: course.module_id,
      position: 1,
      kind: "scorm",
      title: stepTitle,
      body: "Work through the interactive activity. Your place is saved as you go.",
      scormPackageId: pkg.id,
    })
    .returning();
  if (!step) throw new Error("the step was not created");
  const enrolment = await buildEnrolment(ctx, {
    courseId: course.id,
    user: { givenName: "Priya", familyName: "Shah" },
  });
  if (!enrolment.user) throw new Error("no learner");
  return {
    courseId: course.id,
    courseTitle: course.title,
    stepId: step.id,
    enrolmentId: enrolment.id,
    learner: enrolment.user,
    learnerId: enrolment.userId,
  };
}

/** The learning content inside the player's frame. */
function content(page: Page): FrameLocator {
  return page.frameLocator("iframe.app-player__frame");
}

/** Waits for the content's status line to contain `text`. */
async function expectContentStatus(page: Page, text: string | RegExp): Promise<void> {
  await expect
    .poll(() => content(page).locator("#scorm-status").textContent({ timeout: 10_000 }), { timeout: 15_000 })
    .toMatch(typeof text === "string" ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")) : text);
}

/** Waits for the player's live region to say everything is saved. */
async function expectAllSaved(page: Page): Promise<void> {
  await page.getByRole("status").filter({ hasText: "All progress saved" }).waitFor({ timeout: 20_000 });
}

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/**
 * The player at 320 px. The content inside the frame is the package author's, not ours (the test package's plain
 * buttons are under 24 px tall at that width, axe's target-size), so axe checks the player page around it, not
 * inside it; the frame's own accessible name is checked here. At 1280 px the whole page, frame included, is scanned.
 */
async function scanPlayerNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  expect(await page.locator("iframe.app-player__frame").getAttribute("title")).toMatch(/^Learning content: /);
  expect(await page.locator("h1").count()).toBe(1);
  expect(await page.title()).toMatch(/^.+ – QI Academy$/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .exclude("iframe.app-player__frame")
    .analyze();
  const report = results.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(report, `${name}: axe violations`).toEqual([]);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `scorm-${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function newLearnerPage(browser: Browser, base: string, learner: { email: string; password: string }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  await signIn(page, base, learner.email, learner.password);
  return { context, page };
}

/** Resume, close the tab mid-way, resume again, complete: for one version. */
async function resumeAndComplete(journey: InProcessJourney, version: "1.2" | "2004"): Promise<void> {
  const ctx = journey.ctx();
  const base = journey.baseUrl();
  const bytes =
    version === "1.2"
      ? scorm12Package({ title: "Run charts explained" })
      : scorm2004Package({ title: "Run charts explained" });
  const setup = await scormCourse(ctx, bytes, `Run charts (SCORM ${version})`);
  const stepUrl = `${base}/learning/${setup.enrolmentId}/steps/${setup.stepId}`;
  const entryKey = version === "1.2" ? "cmi.core.entry" : "cmi.entry";

  let { context, page } = await newLearnerPage(journey.browser(), base, setup.learner);
  await page.goto(stepUrl);
  await expectHeading(page, `Run charts (SCORM ${version})`);
  const main = page.getByRole("main");
  await main.getByText("Work through the interactive activity.").waitFor();
  await main.getByText("Not started").waitFor();
  await scanPage(page, `scorm-${version}-step-not-started`);
  await scanNarrow(page, `scorm-${version}-step-not-started-320px`);
  await main.getByRole("link", { name: "Start the activity" }).click();

  // The player: the content finds the API, starts fresh, and the learner moves on and answers.
  await page.waitForURL(/\/play$/);
  await expectHeading(page, "Run charts explained");
  await expectContentStatus(page, "Entry: ab-initio; Location: ;");
  await scanPage(page, `scorm-${version}-player`);
  await scanPlayerNarrow(page, `${version}-player-320px`);
  await content(page).getByRole("button", { name: "Go to page 2" }).click();
  await content(page).getByRole("button", { name: "Answer the question" }).click();
  await expectAllSaved(page);

  // Closing the tab mid-way loses nothing the content committed, and counts as a suspend: the next launch resumes.
  await page.close({ runBeforeUnload: true });
  const cookie = await apiSignIn(ctx, setup.learner);
  await expect
    .poll(
      async () => {
        const response = await ctx.app.inject({
          method: "GET",
          url: `/api/learning/enrolments/${setup.enrolmentId}/steps/${setup.stepId}/scorm`,
          headers: { cookie },
        });
        return ScormLaunchSchema.parse(response.json()).scos[0]?.values[entryKey];
      },
      { timeout: 10_000 },
    )
    .toBe("resume");
  await context.close();
  ({ context, page } = await newLearnerPage(journey.browser(), base, setup.learner));
  await page.goto(stepUrl);
  await expectHeading(page, `Run charts (SCORM ${version})`);
  await page.getByRole("main").getByText("In progress").waitFor();
  await page.getByRole("main").getByRole("link", { name: "Resume the activity" }).click();
  await expectContentStatus(page, "Entry: resume; Location: page-2; Suspend data: visited=1,2");

  // Complete, then leave through the player's own exit.
  await content(page).getByRole("button", { name: "Complete" }).click();
  await expectAllSaved(page);
  await page.getByRole("button", { name: "Save and exit" }).click();
  await page.waitForURL(`${base}/learning/${setup.enrolmentId}`);
  await expectHeading(page, setup.courseTitle);
  const outline = page.getByRole("main");
  await outline.getByText("1 of 1 step complete (100%)").first().waitFor();
  await outline
    .locator(".nhsuk-task-list__item")
    .filter({ hasText: `Run charts (SCORM ${version})` })
    .getByText("Completed")
    .waitFor();
  await scanPage(page, `scorm-${version}-outline-completed`);

  // The step shows the completion and score; My learning shows the course complete.
  await page.goto(stepUrl);
  await expectHeading(page, `Run charts (SCORM ${version})`);
  const stepMain = page.getByRole("main");
  await stepMain.getByText("Completed").first().waitFor();
  await stepMain.locator(".nhsuk-summary-list").getByText("80", { exact: true }).waitFor();
  if (version === "2004") await stepMain.locator(".nhsuk-summary-list").getByText("Passed").waitFor();
  await scanPage(page, `scorm-${version}-step-completed`);
  await page.goto(`${base}/my-learning`);
  await expectHeading(page, "My learning");
  await page.getByRole("main").getByText(setup.courseTitle).first().waitFor();
  await page
    .getByRole("main")
    .getByText(/1 of 1 step complete|Completed/)
    .first()
    .waitFor();
  await context.close();
}

describe("SCORM player: launch, resume, contents, offline commits and the administrators' view", () => {
  const journey = useInProcessJourney();

  it("resumes a SCORM 1.2 package after the tab is closed, and records its completion and score", async () => {
    await resumeAndComplete(journey, "1.2");
  });

  it("resumes a SCORM 2004 package after the tab is closed, and records its completion and score", async () => {
    await resumeAndComplete(journey, "2004");
  });

  it("moves through a two-part package with the contents list and previous/next", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const setup = await scormCourse(
      ctx,
      scorm2004Package({ title: "Two-part activity", scos: 2 }),
      "Two parts",
    );
    const { context, page } = await newLearnerPage(journey.browser(), base, setup.learner);
    await page.goto(`${base}/learning/${setup.enrolmentId}/steps/${setup.stepId}/play`);
    await expectHeading(page, "Part 1");
    const contents = page.getByRole("navigation", { name: "Parts of this activity" });
    await contents.getByText("Part 1").waitFor();
    await expectContentStatus(page, "Entry: ab-initio");
    await scanPage(page, "scorm-two-parts-first");
    await scanPlayerNarrow(page, "two-parts-first-320px");

    // Finishing the first part moves to the next.
    await content(page).getByRole("button", { name: "Complete" }).click();
    await content(page).getByRole("button", { name: "Finish" }).click();
    await expectHeading(page, "Part 2");
    await expect.poll(() => new URL(page.url()).searchParams.get("sco")).not.toBeNull();
    await expectContentStatus(page, "Entry: ab-initio");

    // Back to part 1 through the contents list; its state came back from the server.
    await contents.getByRole("link", { name: "Part 1" }).click();
    await expectHeading(page, "Part 1");
    await expectContentStatus(page, /Status: completed\/passed/);
    // And on with "Next".
    await page.getByRole("navigation", { name: "Parts" }).getByRole("link", { name: /Next/ }).click();
    await expectHeading(page, "Part 2");
    await content(page).getByRole("button", { name: "Complete" }).click();
    await content(page).getByRole("button", { name: "Finish" }).click();
    await page.getByRole("heading", { name: "You have reached the end of this activity" }).waitFor();
    await expectAllSaved(page);
    await scanPage(page, "scorm-two-parts-ended");
    await page.getByRole("button", { name: "Go back to the course" }).click();
    await page.waitForURL(`${base}/learning/${setup.enrolmentId}`);
    await page.getByRole("main").getByText("1 of 1 step complete (100%)").first().waitFor();

    // Every part finished and complete: the learner may start again, and the first attempt stays in the record.
    await page.goto(`${base}/learning/${setup.enrolmentId}/steps/${setup.stepId}`);
    await page.getByRole("heading", { name: "Try again" }).waitFor();
    await scanPage(page, "scorm-two-parts-try-again");
    await page.getByRole("button", { name: "Start a new attempt" }).click();
    await page.waitForURL(/\/play/);
    await expectHeading(page, "Part 1");
    await expectContentStatus(page, "Entry: ab-initio");
    const numbers = (await ctx.database.rawQuery(
      "select distinct attempt_number from scorm_attempts where enrolment_id = $1 order by 1",
      [setup.enrolmentId],
    )) as Array<{ attempt_number: number }>;
    expect(numbers.map((row) => Number(row.attempt_number))).toEqual([1, 2]);
    await context.close();
  });

  it("keeps commits made offline and sends them when the connection returns; administrators see and reset them", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const setup = await scormCourse(ctx, scorm12Package({ title: "Offline activity" }), "Offline step");
    const { context, page } = await newLearnerPage(journey.browser(), base, setup.learner);
    await page.goto(`${base}/learning/${setup.enrolmentId}/steps/${setup.stepId}/play`);
    await expectHeading(page, "Offline activity");
    await expectContentStatus(page, "Entry: ab-initio");

    await context.setOffline(true);
    await content(page).getByRole("button", { name: "Go to page 2" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "Not saved yet: we will keep trying" })
      .waitFor({ timeout: 20_000 });
    await scanPage(page, "scorm-player-offline");
    await context.setOffline(false);
    await expectAllSaved(page);

    // The administrator finds the attempt from the learner's page and sees the committed values.
    const admin = await buildAdmin(ctx);
    const adminContext = await journey.browser().newContext({ viewport: { width: 1280, height: 720 } });
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, base, admin.email, admin.password);
    await adminPage.goto(`${base}/admin/users/${setup.learnerId}`);
    await expectHeading(adminPage, "Priya Shah");
    await adminPage.getByRole("link", { name: "SCORM attempts" }).click();
    await expectHeading(adminPage, "SCORM attempts");
    await scanPage(adminPage, "scorm-admin-attempts");
    await scanNarrow(adminPage, "scorm-admin-attempts-320px");
    await adminPage.getByRole("link", { name: "Offline step, attempt 1" }).click();
    await expectHeading(adminPage, "Offline step, attempt 1");
    const row = adminPage.getByRole("row").filter({ hasText: "cmi.core.lesson_location" });
    await row.getByText("page-2").waitFor();
    await adminPage
      .getByRole("row")
      .filter({ hasText: "cmi.suspend_data" })
      .getByText("visited=1,2")
      .waitFor();
    await scanPage(adminPage, "scorm-admin-attempt");
    await scanNarrow(adminPage, "scorm-admin-attempt-320px");

    // Reset behind a confirmation, then a success banner.
    await adminPage.getByRole("button", { name: "Reset this attempt" }).click();
    await adminPage.getByText("Are you sure you want to reset this attempt?").waitFor();
    await scanPage(adminPage, "scorm-admin-attempt-reset-confirm");
    await adminPage.getByRole("button", { name: "Yes, reset this attempt" }).click();
    await adminPage.getByRole("alert").getByText("Attempt reset").waitFor();
    await adminPage.getByText(/This attempt was reset on/).waitFor();
    await scanPage(adminPage, "scorm-admin-attempt-reset-done");

    // The API agrees.
    const cookie = await apiSignIn(ctx, admin);
    const list = await ctx.app.inject({
      method: "GET",
      url: `/api/admin/users/${setup.learnerId}/scorm-attempts`,
      headers: { cookie },
    });
    const attempts = ScormAttemptListSchema.parse(list.json()).attempts;
    expect(attempts[0]?.resetAt).not.toBeNull();
    await adminContext.close();
    await context.close();
  });
});
