import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEditor, buildUser } from "../support/factories.js";
import { createTestApp, type TestContext } from "../support/test-app.js";
import {
  expectHeading,
  expectNoHorizontalScroll,
  launchBrowser,
  scanPage,
  signIn,
} from "./support/browser.js";

const COURSE = "Safer discharge planning";
const MODULE_ONE = "Why discharge planning matters";
const MODULE_TWO = "Planning the discharge";
const MODULE_TWO_RENAMED = "Planning the discharge together";

/** A 1×1 PNG, and a PDF small enough to read. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4c20000000049454e44ae426082",
  "hex",
);
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
);

/**
 * The app runs in this process over its own database (as the learning journey does), so the editor and the learner
 * are made by the factories rather than taken from the demo accounts.
 */
function useEditorJourney() {
  let ctx: TestContext | undefined;
  let browser: Browser | undefined;
  let baseUrl = "";
  beforeAll(async () => {
    ctx = await createTestApp();
    await ctx.app.listen({ host: "127.0.0.1", port: 0 });
    const address = ctx.app.server.address() as AddressInfo; // listen() on a TCP port always gives AddressInfo
    baseUrl = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });
  return {
    ctx: () => {
      if (!ctx) throw new Error("The app did not start");
      return ctx;
    },
    browser: () => {
      if (!browser) throw new Error("The browser did not start");
      return browser;
    },
    baseUrl: () => baseUrl,
  };
}

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** An input by its id (ids in the quiz editor hold dots, which CSS selectors would read as classes). */
const byId = (page: Page, id: string) => page.locator(`[id="${id}"]`);

/** Waits for the success banner with this heading. */
async function expectBanner(page: Page, heading: string | RegExp): Promise<void> {
  await page.locator(".nhsuk-notification-banner").getByText(heading).first().waitFor();
}

/** Opens "Add a step to module N", fills it in and lands on the new step's editor. */
async function addStep(page: Page, modulePosition: number, kind: string, title: string): Promise<void> {
  const details = page.locator("details", { hasText: `Add a step to module ${modulePosition}` });
  await details.locator("summary").click();
  await details.getByRole("radio", { name: kind, exact: true }).check();
  await details.getByLabel("Step title").fill(title);
  await details.getByRole("button", { name: `Add step to module ${modulePosition}` }).click();
  await expectHeading(page, title);
}

/** Writes an article's text, saves it, and goes back to the course. */
async function writeArticle(page: Page, text: string): Promise<void> {
  await page.getByLabel("Article text").fill(text);
  await page.getByRole("button", { name: "Save step" }).click();
  await expectBanner(page, "Step saved");
  await page.getByRole("link", { name: "Back to the course" }).first().click();
  await expectHeading(page, COURSE);
}

describe("content editor: build a course, preview, publish, and a learner finds it", () => {
  const journey = useEditorJourney();

  it("creates a course with two modules and a quiz, previews Markdown, publishes it; a learner finds it", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const editor = await buildEditor(ctx, { givenName: "Tomasz" });
    const context = await journey.browser().newContext();
    const page = await context.newPage();
    await signIn(page, base, editor.email, editor.password);

    // Manage courses, from the header.
    await page
      .getByRole("navigation", { name: "Account" })
      .getByRole("link", { name: "Manage courses" })
      .click();
    await expectHeading(page, "Manage courses");
    await expect.poll(() => page.title()).toBe("Manage courses – QI Academy");
    await page.getByRole("heading", { level: 2, name: "Improvement Fundamentals" }).waitFor();
    await scanPage(page, "editor-manage-courses");
    await scanNarrow(page, "editor-manage-courses-320px");

    // Create a course: the empty form shows every problem first.
    await page.getByRole("link", { name: "Create a course" }).click();
    await expectHeading(page, "Create a course");
    await scanPage(page, "editor-course-new");
    await page.getByRole("button", { name: "Create course" }).click();
    const problems = page.locator(".nhsuk-error-summary");
    await problems.getByRole("link", { name: "Select the programme this course belongs to" }).waitFor();
    await problems.getByRole("link", { name: "Enter the price in pounds, like 595 or 12.50" }).waitFor();
    await expect.poll(() => page.title()).toBe("Error: Create a course – QI Academy");
    await scanPage(page, "editor-course-new-errors");
    await page.getByLabel("Programme", { exact: true }).selectOption({ label: "Improvement Fundamentals" });
    await page.getByLabel("Course title").fill(COURSE);
    await page.getByRole("radio", { name: "Mini-course", exact: true }).check();
    await page
      .getByLabel("Summary", { exact: true })
      .fill("Plan discharge from the day of admission, so patients go home on time.");
    await page.getByLabel("Who the course is for").fill("Ward and community teams");
    await page
      .getByLabel("What learners will be able to do")
      .fill("Set an expected date of discharge\nSpot delays early");
    await page.getByLabel("Price, excluding VAT").fill("0");
    await page.getByLabel("CPD points").fill("2");
    await page.getByRole("button", { name: "Create course" }).click();
    await expectHeading(page, COURSE);
    await expectBanner(page, "Course created as a draft");
    await page.getByText("Add at least one module").waitFor();
    await scanPage(page, "editor-course-draft-empty");

    // Two modules.
    for (const title of [MODULE_ONE, MODULE_TWO]) {
      await page.getByLabel("Module title").fill(title);
      await page.getByRole("button", { name: "Add module" }).click();
      await expectBanner(page, `Module added: ${title}`);
    }
    await page.getByRole("heading", { level: 3, name: `Module 2: ${MODULE_TWO}` }).waitFor();

    // An article in module 1, with a preview of its Markdown: script is shown as text, never run.
    await addStep(page, 1, "Article", "What goes wrong");
    await expectBanner(page, "Article step added");
    await scanPage(page, "editor-step-article");
    await page
      .getByLabel("Article text")
      .fill(
        "## Delays\n\nMost delays are **avoidable**.\n\n<script>alert('x')</script>\n\n[Guidance](https://www.england.nhs.uk/)",
      );
    await page.getByRole("button", { name: "Preview article text" }).click();
    const preview = page.locator(".app-markdown-preview");
    await preview.getByRole("heading", { level: 2, name: "Delays" }).waitFor();
    await expect.poll(() => preview.locator("strong").textContent()).toBe("avoidable");
    await expect.poll(() => preview.textContent()).toContain("<script>alert('x')</script>");
    await expect.poll(() => preview.locator("script").count()).toBe(0);
    await scanPage(page, "editor-step-article-preview");
    await scanNarrow(page, "editor-step-article-preview-320px");
    await page.getByRole("button", { name: "Save step" }).click();
    await expectBanner(page, "Step saved");
    // The earlier "step added" banner goes once something new has happened.
    await expect.poll(() => page.getByText("Article step added").count()).toBe(0);
    await page.getByRole("link", { name: "Back to the course" }).first().click();
    await expectHeading(page, COURSE);

    // A spare step, deleted again after a confirmation.
    await addStep(page, 1, "Article", "Spare step");
    await page.getByRole("link", { name: "Back to the course" }).first().click();
    await expectHeading(page, COURSE);
    await page.getByRole("button", { name: "Delete step 2, Spare step" }).click();
    await page.getByText("Delete step 2, Spare step?").waitFor();
    await scanPage(page, "editor-course-confirm-delete-step");
    await page.getByRole("button", { name: "Yes, delete it" }).click();
    await expectBanner(page, "Step deleted: Spare step");

    // An article in module 2, then a quiz with two questions.
    await addStep(page, 2, "Article", "The expected date of discharge");
    await writeArticle(page, "Set it **within 24 hours** of admission.");
    await addStep(page, 2, "Quiz", "Check your understanding");
    await page.getByRole("button", { name: "Add a question" }).click();
    await byId(page, "questions.0.prompt").fill("When should the expected date of discharge be set?");
    await byId(page, "questions.0.options.0.text").fill("Within 24 hours of admission");
    await byId(page, "questions.0.options.1.text").fill("On the day of discharge");
    await byId(page, "questions.0.options.1.feedback").fill("That is too late to plan.");
    // Saved with no correct answer marked: the editor is told what to fix.
    await page.getByRole("button", { name: "Save step" }).click();
    await problems
      .getByRole("link", {
        name: 'Mark exactly one answer as correct, or choose "One or more answers are correct"',
      })
      .waitFor();
    await scanPage(page, "editor-step-quiz-error");
    await byId(page, "questions.0.options.0.correct").check();
    await page.getByRole("button", { name: "Add a question" }).click();
    await byId(page, "questions.1.prompt").fill("Which of these help discharge on time?");
    await byId(page, "questions.1.kind-2").check();
    await byId(page, "questions.1.options.0.text").fill("Daily board rounds");
    await byId(page, "questions.1.options.1.text").fill("Early pharmacy requests");
    await page.getByRole("button", { name: "Add an answer to question 2" }).click();
    await byId(page, "questions.1.options.2.text").fill("Waiting for the consultant's round");
    await byId(page, "questions.1.options.0.correct").check();
    await byId(page, "questions.1.options.1.correct").check();
    await page.getByRole("button", { name: "Save step" }).click();
    await expectBanner(page, "Step saved");
    await scanPage(page, "editor-step-quiz");
    await scanNarrow(page, "editor-step-quiz-320px");
    await page.getByRole("link", { name: "Back to the course" }).first().click();
    await expectHeading(page, COURSE);

    // A video on another website: only https addresses are taken.
    await addStep(page, 1, "Video", "Watch: a discharge huddle");
    await page.getByRole("radio", { name: "On another website" }).check();
    await page.getByLabel("The video's web address").fill("http://videos.example.org/huddle.mp4");
    await page.getByRole("button", { name: "Save step" }).click();
    await problems.getByRole("link", { name: "Enter the video's web address, starting https://" }).waitFor();
    await scanPage(page, "editor-step-video-error");
    await page.getByLabel("The video's web address").fill("https://videos.example.org/huddle.mp4");
    await page
      .getByLabel("Transcript", { exact: true })
      .fill("The team meets at 9am to agree who can go home today.");
    await page.getByRole("button", { name: "Save step" }).click();
    await expectBanner(page, "Step saved");
    await scanPage(page, "editor-step-video");
    await page.getByRole("link", { name: "Back to the course" }).first().click();
    await expectHeading(page, COURSE);

    // A download: a PNG named .pdf is refused for what its bytes are; the real PDF uploads with its progress said.
    await addStep(page, 1, "Download", "Discharge checklist");
    const fileInput = page.getByLabel("File to download");
    await fileInput.setInputFiles({ name: "checklist.pdf", mimeType: "application/pdf", buffer: PNG });
    await page.getByRole("button", { name: "Upload file" }).click();
    await problems
      .getByRole("link", { name: /^The file's contents are not a PDF, even though its name ends \.pdf/ })
      .waitFor();
    await scanPage(page, "editor-step-download-wrong-file");
    await fileInput.setInputFiles({ name: "checklist.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByRole("button", { name: "Upload file" }).click();
    await page.getByText("Uploaded checklist.pdf. Save the step to use it.").waitFor();
    await page.getByLabel("Description", { exact: true }).fill("Print it for the ward's board.");
    await page.getByRole("button", { name: "Save step" }).click();
    await expectBanner(page, "Step saved");
    await page.getByRole("link", { name: "checklist.pdf" }).waitFor();
    await scanPage(page, "editor-step-download");
    await page.getByRole("link", { name: "Back to the course" }).first().click();
    await expectHeading(page, COURSE);

    // The course's details and a module's name, each changed on its own page.
    await page.getByRole("link", { name: "Change cpd points" }).click();
    await expectHeading(page, "Change the course's details");
    await scanPage(page, "editor-course-details");
    await page.getByLabel("CPD points").fill("3");
    await page.getByRole("button", { name: "Save details" }).click();
    await expectHeading(page, COURSE);
    await expectBanner(page, "Course details saved");
    await page.getByRole("link", { name: `Rename module 2, ${MODULE_TWO}` }).click();
    await expectHeading(page, "Change module 2");
    await scanPage(page, "editor-module-rename");
    await page.getByLabel("Module title").fill(MODULE_TWO_RENAMED);
    await page.getByRole("button", { name: "Save module" }).click();
    await expectBanner(page, "Module saved");
    await page.getByRole("heading", { level: 3, name: `Module 2: ${MODULE_TWO_RENAMED}` }).waitFor();

    // Reorder: module 2 up, then back down, with focus kept on the button pressed.
    await page.getByRole("button", { name: `Move up module 2, ${MODULE_TWO_RENAMED}` }).click();
    await page.getByRole("heading", { level: 3, name: `Module 1: ${MODULE_TWO_RENAMED}` }).waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id ?? ""))
      .toMatch(/^module-.+-down$/);
    await page.getByRole("button", { name: `Move down module 1, ${MODULE_TWO_RENAMED}` }).click();
    await page.getByRole("heading", { level: 3, name: `Module 1: ${MODULE_ONE}` }).waitFor();

    // Publish, after a confirmation.
    await expect.poll(() => page.getByText("Before you can publish this course").count()).toBe(0);
    await page.getByRole("button", { name: "Publish course" }).click();
    await page.getByText("Publish this course?").waitFor();
    await scanPage(page, "editor-course-confirm-publish");
    await page.getByRole("button", { name: "Yes, publish it" }).click();
    await expectBanner(page, "Course published: it is now in the catalogue");
    await page.locator(".nhsuk-tag", { hasText: "Published" }).first().waitFor();
    await scanPage(page, "editor-course-published");
    await scanNarrow(page, "editor-course-published-320px");

    // Programmes.
    await page.goto(`${base}/manage/programmes`);
    await expectHeading(page, "Manage programmes");
    await scanPage(page, "editor-programmes");
    await page.getByRole("button", { name: "Add programme" }).click();
    await problems.getByRole("link", { name: "Enter the programme's title" }).waitFor();
    await scanPage(page, "editor-programmes-errors");
    await page.getByRole("link", { name: "Change Improvement Fundamentals" }).click();
    await expectHeading(page, "Change programme");
    await scanPage(page, "editor-programme-edit");
    await page.getByRole("button", { name: "Save programme" }).click();
    await expectHeading(page, "Manage programmes");
    await expectBanner(page, "Programme saved");
    await context.close();

    // A learner finds the course in the catalogue and reads its page; the editors' pages are not for them.
    const learner = await buildUser(ctx, { sector: "nhs_england" });
    const learnerContext = await journey.browser().newContext();
    const learnerPage = await learnerContext.newPage();
    await signIn(learnerPage, base, learner.email, learner.password);
    await expect
      .poll(() =>
        learnerPage
          .getByRole("navigation", { name: "Account" })
          .getByRole("link", { name: "Manage courses" })
          .count(),
      )
      .toBe(0);
    await learnerPage.goto(`${base}/courses`);
    await expectHeading(learnerPage, "Find a course");
    await learnerPage.getByLabel("Search courses").fill("discharge");
    await learnerPage.getByRole("button", { name: "Apply filters" }).click();
    await learnerPage.waitForURL((url) => url.searchParams.get("q") === "discharge");
    await learnerPage.getByRole("link", { name: COURSE, exact: true }).click();
    await expectHeading(learnerPage, COURSE);
    const contents = learnerPage.locator(".app-module-list");
    await expect
      .poll(() => contents.locator("h3").allTextContents())
      .toEqual([MODULE_ONE, MODULE_TWO_RENAMED]);
    await scanPage(learnerPage, "editor-learner-course-page");
    await learnerPage.goto(`${base}/manage/courses`);
    await expectHeading(learnerPage, "You do not have permission to see this page");
    await scanPage(learnerPage, "editor-learner-refused");
    await learnerContext.close();
  });
});
