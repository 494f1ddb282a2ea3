import { createHash } from "node:crypto";
import { asc, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { courseModules, courseSteps, storedFiles } from "../../src/server/db/schema/index.js";
import { signIn as apiSignIn, buildUser } from "../support/factories.js";
import { answerKey, courseIdBySlug, setWindow, stepsOf } from "../support/learning-fixtures.js";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

const COURSE_SLUG = "productive-community-services-introductory";
const COURSE_TITLE = "Productive Community Services: Introductory";

/*
 * This journey needs the database as well as the browser: the quiz's answer key is read from quiz_options (never
 * from the web), and an enrolment's window is moved to test expiry. So it runs the built app in this process, over
 * its own database (PGlite, or TEST_DATABASE_URL), instead of the separate server the other journeys use, serving a
 * copy of dist/web taken at the start.
 */

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Waits for the page's h1; on failure says which page the browser is on instead, and what it shows. */
async function expectHeadingHere(page: Page, text: string | RegExp): Promise<void> {
  try {
    await expectHeading(page, text);
  } catch (error) {
    const h1 = await page
      .locator("h1")
      .allTextContents()
      .catch(() => []);
    const body = await page
      .locator("main")
      .innerText({ timeout: 1_000 })
      .catch(() => "");
    throw new Error(`Expected the heading ${String(text)} on ${page.url()}; h1: ${h1.join(" | ")}\n${body}`, {
      cause: error,
    });
  }
}

/** The step id in the page's address (/learning/:enrolmentId/steps/:stepId). */
function stepIdOf(page: Page): string {
  const match = /\/steps\/([^/?#]+)/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not on a step page: ${page.url()}`);
  return match[1];
}

/** Waits until the browser has left `from` and settled on a page other than the "continue" redirect. */
async function waitToLeave(page: Page, from: string): Promise<void> {
  await page.waitForURL((url) => url.pathname !== from && !url.pathname.endsWith("/continue"));
}

/** Ticks the given options of the quiz on the page (their inputs carry the option ids as values). */
async function chooseOptions(page: Page, optionIds: readonly string[]): Promise<void> {
  for (const optionId of optionIds) await page.locator(`input[value="${optionId}"]`).check();
}

describe("learning: enrol on a free course, learn, take quizzes and complete it", () => {
  const journey = useInProcessJourney();

  it("takes an NHS England learner from 'Where should I start?' to a completed course", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const learner = await buildUser(ctx, { sector: "nhs_england", verified: true, givenName: "Priya" });
    const courseId = await courseIdBySlug(ctx, COURSE_SLUG);
    const steps = await stepsOf(ctx, courseId);
    const [firstArticle, secondArticle, firstQuiz, nextAfterQuiz] = steps;
    if (!firstArticle || !secondArticle || !firstQuiz || !nextAfterQuiz)
      throw new Error("too few seeded steps");
    expect(firstQuiz.kind).toBe("quiz");

    const context = await journey.browser().newContext();
    const page = await context.newPage();
    await signIn(page, base, learner.email, learner.password);

    // My learning starts empty and says where to find a course.
    await page
      .getByRole("navigation", { name: "Account" })
      .getByRole("link", { name: "My learning" })
      .click();
    await expectHeadingHere(page, "My learning");
    await page.getByText("You have not enrolled on any courses yet.").waitFor();
    await scanPage(page, "learning-my-learning-empty");

    // Where should I start? → Introductory → the Productive Community Services course.
    await page
      .getByRole("navigation", { name: "Menu" })
      .getByRole("link", { name: "Where should I start?" })
      .click();
    await expectHeadingHere(page, "Which of these best describes you?");
    await scanPage(page, "learning-where-to-start");
    await page.getByRole("radio", { name: "I am new to the programme" }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expectHeadingHere(page, "We suggest Introductory");
    await scanPage(page, "learning-where-to-start-result");
    await page.getByRole("link", { name: "See Introductory courses" }).click();
    await expectHeadingHere(page, "Find a course");
    await page
      .getByText(/^\d+ courses? found$/)
      .first()
      .waitFor();
    await scanPage(page, "learning-courses-introductory");
    await page.getByRole("link", { name: COURSE_TITLE, exact: true }).click();
    await expectHeadingHere(page, COURSE_TITLE);

    // The course page offers to enrol: free for NHS England staff.
    const main = page.getByRole("main");
    await main.getByText("This course is free for you.").waitFor();
    await scanPage(page, "learning-course-can-enrol");
    await scanNarrow(page, "learning-course-can-enrol-320px");
    await main.getByRole("button", { name: "Enrol on this course" }).click();

    // The outline: a success banner, the expiry date, and every step not started.
    await expectHeadingHere(page, COURSE_TITLE);
    await page.waitForURL(/\/learning\/[^/]+$/);
    const enrolmentId = new URL(page.url()).pathname.split("/")[2] ?? "";
    await page.getByRole("alert").getByText(`You have enrolled on ${COURSE_TITLE}`).waitFor();
    await main.getByText(/^Your access ends on \d{1,2} \w+ \d{4}$/).waitFor();
    await main.getByText(`0 of ${steps.length} steps complete (0%)`).waitFor();
    await expect.poll(() => main.locator(".nhsuk-task-list__item").count()).toBe(steps.length);
    await scanPage(page, "learning-outline-new");
    await scanNarrow(page, "learning-outline-new-320px");

    // Enrolling twice is harmless: the course page now shows the enrolment and the way back in.
    await page.goto(`${base}/courses/${courseId}`);
    await expectHeadingHere(page, COURSE_TITLE);
    await main.getByRole("heading", { name: "You are enrolled on this course" }).waitFor();
    await main.getByText(/^Your access ends on /).waitFor();
    await scanPage(page, "learning-course-enrolled");
    await main.getByRole("link", { name: "Continue learning" }).click();

    // Continue goes to the first step: read the lesson, then mark it complete.
    await expectHeadingHere(page, firstArticle.title);
    await main.getByText(`Step 1 of`).first().waitFor();
    const breadcrumb = main.getByRole("navigation", { name: "Breadcrumb" });
    await breadcrumb.getByRole("link", { name: "My learning" }).waitFor();
    await breadcrumb.getByRole("link", { name: COURSE_TITLE }).waitFor();
    await main.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: /Next/ }).waitFor();
    await scanPage(page, "learning-step-article");
    await scanNarrow(page, "learning-step-article-320px");
    let from = new URL(page.url()).pathname;
    await main.getByRole("button", { name: "Mark as complete and continue" }).click();
    await waitToLeave(page, from);
    await expectHeadingHere(page, secondArticle.title);
    from = new URL(page.url()).pathname;
    await main.getByRole("button", { name: "Mark as complete and continue" }).click();
    await waitToLeave(page, from);

    // The quiz: nothing answered is refused, question by question, linked from the error summary.
    await expectHeadingHere(page, firstQuiz.title);
    expect(stepIdOf(page)).toBe(firstQuiz.id);
    await scanPage(page, "learning-step-quiz");
    await main.getByRole("button", { name: "Submit answers" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.getByRole("link", { name: "Select one or more answers to question 2" }).waitFor();
    await expect.poll(() => page.title()).toBe(`Error: ${firstQuiz.title} – QI Academy`);
    await scanPage(page, "learning-step-quiz-errors");
    await summary.getByRole("link", { name: "Select an answer to question 1" }).click();
    const key = await answerKey(ctx, firstQuiz.id);
    const firstQuestion = key[0];
    if (!firstQuestion) throw new Error("the quiz has no questions");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe(`question-${firstQuestion.questionId}`);

    // Fail it on purpose, then try again and pass.
    await chooseOptions(
      page,
      key.flatMap((q) => q.wrong.slice(0, 1)),
    );
    await main.getByRole("button", { name: "Submit answers" }).click();
    await main.getByRole("heading", { name: "You did not pass this time" }).waitFor();
    await main.getByText(/^You scored 0% \(0 of \d+ correct\)\. You need 80% to pass\.$/).waitFor();
    await expect.poll(() => main.getByText("Incorrect", { exact: true }).count()).toBe(key.length);
    await scanPage(page, "learning-step-quiz-failed");
    await scanNarrow(page, "learning-step-quiz-failed-320px");
    await main.getByRole("button", { name: "Try again" }).click();
    await main.getByRole("button", { name: "Submit answers" }).waitFor();
    await expect.poll(() => page.locator("input:checked").count()).toBe(0);
    await main.getByText(/^Last time you scored 0%/).waitFor();
    await chooseOptions(
      page,
      key.flatMap((q) => q.correct),
    );
    await main.getByRole("button", { name: "Submit answers" }).click();
    await main.getByRole("heading", { name: "You passed" }).waitFor();
    await expect.poll(() => main.getByText("Correct", { exact: true }).count()).toBe(key.length);
    await scanPage(page, "learning-step-quiz-passed");
    await main.getByRole("link", { name: "Continue", exact: true }).click();
    await expectHeadingHere(page, nextAfterQuiz.title);

    // My learning shows the course in progress, with progress in words and the expiry date.
    await page
      .getByRole("navigation", { name: "Account" })
      .getByRole("link", { name: "My learning" })
      .click();
    await expectHeadingHere(page, "My learning");
    await main.getByRole("heading", { name: "In progress (1)" }).waitFor();
    await main
      .getByText(`3 of ${steps.length} steps complete (${Math.round((3 / steps.length) * 100)}%)`)
      .waitFor();
    await main.getByText(/^Access ends \d{1,2} \w+ \d{4}$/).waitFor();
    await scanPage(page, "learning-my-learning-in-progress");
    await scanNarrow(page, "learning-my-learning-in-progress-320px");

    // Leave, and sign in again on another device: Continue lands on the next incomplete step.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expectHeadingHere(page, "Learn quality improvement and put it into practice");
    await scanPage(page, "learning-signed-out-home");
    await context.close();
    const again = await journey.browser().newContext();
    const page2 = await again.newPage();
    const main2 = page2.getByRole("main");
    await signIn(page2, base, learner.email, learner.password);
    await page2
      .getByRole("navigation", { name: "Account" })
      .getByRole("link", { name: "My learning" })
      .click();
    await expectHeadingHere(page2, "My learning");
    await main2.getByText(`Next step: ${nextAfterQuiz.title}`).waitFor();
    await scanPage(page2, "learning-my-learning-other-device");
    await main2.getByRole("link", { name: `Continue ${COURSE_TITLE}` }).click();
    await expectHeadingHere(page2, nextAfterQuiz.title);
    expect(stepIdOf(page2)).toBe(nextAfterQuiz.id);

    // Work through the rest of the course: articles to the end, quizzes passed with the answer key.
    for (let guard = 0; guard < steps.length; guard += 1) {
      if (!/\/steps\//.test(page2.url())) break;
      const stepId = stepIdOf(page2);
      const current = new URL(page2.url()).pathname;
      const step = steps.find((s) => s.id === stepId);
      if (!step) throw new Error(`unexpected step ${stepId}`);
      await expectHeadingHere(page2, step.title);
      await scanPage(page2, `learning-step-${guard + 1}-${step.kind}`);
      if (step.kind === "quiz") {
        await chooseOptions(
          page2,
          (await answerKey(ctx, step.id)).flatMap((q) => q.correct),
        );
        await main2.getByRole("button", { name: "Submit answers" }).click();
        await main2.getByRole("heading", { name: "You passed" }).waitFor();
        await main2.getByRole("link", { name: "Continue", exact: true }).click();
      } else {
        await main2.getByRole("button", { name: "Mark as complete and continue" }).click();
      }
      await waitToLeave(page2, current);
    }

    // The course is complete: the outline says so.
    await page2.waitForURL(`${base}/learning/${enrolmentId}`);
    await expectHeadingHere(page2, COURSE_TITLE);
    await main2.getByRole("heading", { name: "You have completed this course" }).waitFor();
    await main2.getByText(`${steps.length} of ${steps.length} steps complete (100%)`).waitFor();
    await expect.poll(() => main2.getByRole("link", { name: "Continue" }).count()).toBe(0);
    await scanPage(page2, "learning-outline-completed");

    // My learning lists it as completed, with a link to review it.
    await page2
      .getByRole("navigation", { name: "Account" })
      .getByRole("link", { name: "My learning" })
      .click();
    await expectHeadingHere(page2, "My learning");
    await main2.getByRole("heading", { name: "Completed (1)" }).waitFor();
    await expect.poll(() => main2.getByRole("heading", { name: /^In progress/ }).count()).toBe(0);
    await main2.getByRole("link", { name: `Review ${COURSE_TITLE}` }).waitFor();
    await scanPage(page2, "learning-my-learning-completed");

    // A step of the completed course: pagination, status, and no way to complete it again.
    await page2.goto(`${base}/learning/${enrolmentId}/steps/${firstArticle.id}`);
    await expectHeadingHere(page2, firstArticle.title);
    await main2.getByText("You have completed this step.").waitFor();
    await expect
      .poll(() => main2.getByRole("button", { name: "Mark as complete and continue" }).count())
      .toBe(0);
    await scanPage(page2, "learning-step-completed");

    // The course page says so too, and leads back to the course to review it.
    await page2.goto(`${base}/courses/${courseId}`);
    await expectHeadingHere(page2, COURSE_TITLE);
    await main2.getByRole("heading", { name: "You have completed this course" }).waitFor();
    await main2.getByRole("link", { name: "Review the course" }).waitFor();
    await scanPage(page2, "learning-course-completed");
    await again.close();
  });

  it("keeps an expired enrolment read-only, and tells other learners why they cannot enrol", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const courseId = await courseIdBySlug(ctx, COURSE_SLUG);
    const steps = await stepsOf(ctx, courseId);
    const quiz = steps.find((step) => step.kind === "quiz");
    if (!quiz) throw new Error("the course has no quiz");

    // A learner whose six months have run out.
    const expired = await buildUser(ctx, { sector: "nhs_england", verified: true });
    const cookie = await apiSignIn(ctx, expired);
    const enrolled = await ctx.app.inject({
      method: "POST",
      url: "/api/enrolments",
      headers: { cookie },
      payload: { courseId },
    });
    expect(enrolled.statusCode).toBe(201);
    const enrolmentId: string = enrolled.json().enrolment.id;
    const now = Date.now();
    await setWindow(ctx, enrolmentId, new Date(now - 200 * 86_400_000), new Date(now - 86_400_000));

    const context = await journey.browser().newContext();
    const page = await context.newPage();
    const main = page.getByRole("main");
    await signIn(page, base, expired.email, expired.password);
    await page.goto(`${base}/my-learning`);
    await expectHeadingHere(page, "My learning");
    await main.getByRole("heading", { name: "Expired (1)" }).waitFor();
    await main.getByText(/^Access ended \d{1,2} \w+ \d{4}$/).waitFor();
    await scanPage(page, "learning-my-learning-expired");

    await main.getByRole("link", { name: `Review ${COURSE_TITLE}` }).click();
    await expectHeadingHere(page, COURSE_TITLE);
    await main.getByRole("heading", { name: "Your access to this course has ended" }).waitFor();
    await main
      .getByText(/^Your access ended on /)
      .first()
      .waitFor();
    await expect
      .poll(() => main.getByRole("link", { name: /^(Continue|Start the course)$/ }).count())
      .toBe(0);
    await scanPage(page, "learning-outline-expired");

    await main.getByRole("link", { name: quiz.title }).click();
    await expectHeadingHere(page, quiz.title);
    await main.getByRole("heading", { name: "Your access to this course has ended" }).waitFor();
    await main.getByText("You did not answer this quiz before your access ended.").waitFor();
    await expect.poll(() => main.getByRole("button", { name: "Submit answers" }).count()).toBe(0);
    await scanPage(page, "learning-step-expired");
    await context.close();

    // A learner from outside NHS England is told the price and what to do, not offered a button.
    const wales = await buildUser(ctx, { sector: "nhs_outside_england", verified: true });
    const walesContext = await journey.browser().newContext();
    const walesPage = await walesContext.newPage();
    await signIn(walesPage, base, wales.email, wales.password);
    await walesPage.goto(`${base}/courses/${courseId}`);
    await expectHeadingHere(walesPage, COURSE_TITLE);
    // The server's own words, in inset text, once the page knows this learner's standing.
    await walesPage
      .getByRole("main")
      .locator(".nhsuk-inset-text")
      .getByText(/^Introductory is free for NHS England staff\. For your sector it costs £45/)
      .waitFor();
    await expect
      .poll(() => walesPage.getByRole("main").getByRole("button", { name: "Enrol on this course" }).count())
      .toBe(0);
    await scanPage(walesPage, "learning-course-refused");
    await walesContext.close();

    // Signed out, the course page offers sign in (coming back here) and account creation.
    const visitor = await journey.browser().newContext();
    const visitorPage = await visitor.newPage();
    await visitorPage.goto(`${base}/courses/${courseId}`);
    await expectHeadingHere(visitorPage, COURSE_TITLE);
    const signInLink = visitorPage.getByRole("main").getByRole("link", { name: "Sign in to enrol" });
    await signInLink.waitFor();
    await visitorPage.getByRole("main").getByRole("link", { name: "Create an account" }).waitFor();
    await scanPage(visitorPage, "learning-course-signed-out");
    await signInLink.click();
    await expectHeadingHere(visitorPage, "Sign in");
    await visitorPage.getByLabel("Email address").fill(wales.email);
    await visitorPage.getByLabel("Password", { exact: true }).fill(wales.password);
    await visitorPage.getByRole("button", { name: "Sign in" }).click();
    await visitorPage.waitForURL(`${base}/courses/${courseId}`);
    await visitor.close();

    // Somebody else's enrolment is not found.
    const nosy = await journey.browser().newContext();
    const nosyPage = await nosy.newPage();
    await signIn(nosyPage, base, wales.email, wales.password);
    await nosyPage.goto(`${base}/learning/${enrolmentId}`);
    await expectHeadingHere(nosyPage, "Course not found");
    await scanPage(nosyPage, "learning-outline-not-found");
    await nosy.close();
  });

  it("shows a download with its type and size, and an embedded video with its transcript", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const db = ctx.database.db;
    // Give the QI measures course's first module a template to download and a YouTube video.
    const courseId = await courseIdBySlug(ctx, "improvement-fundamentals-qi-measures");
    const [module] = await db
      .select({ id: courseModules.id })
      .from(courseModules)
      .where(eq(courseModules.courseId, courseId))
      .orderBy(asc(courseModules.position))
      .limit(1);
    if (!module) throw new Error("the course has no modules");
    const pdf = Buffer.from(`%PDF-1.4\n${"PDSA template ".repeat(150)}\n%%EOF\n`);
    const [file] = await db
      .insert(storedFiles)
      .values({
        filename: "pdsa-template.pdf",
        contentType: "application/pdf",
        sizeBytes: pdf.length,
        sha256: createHash("sha256").update(pdf).digest("hex"),
        content: pdf,
      })
      .returning({ id: storedFiles.id });
    if (!file) throw new Error("file insert returned no row");
    const [download, video] = await db
      .insert(courseSteps)
      .values([
        {
          moduleId: module.id,
          position: 101,
          kind: "download" as const,
          title: "PDSA template",
          body: "Use this template to plan your first test of change.",
          fileId: file.id,
        },
        {
          moduleId: module.id,
          position: 102,
          kind: "video" as const,
          title: "Run charts in three minutes",
          body: "**Narrator:** A run chart shows your data over time.",
          videoUrl: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        },
      ])
      .returning({ id: courseSteps.id });
    if (!download || !video) throw new Error("step insert returned no rows");

    const learner = await buildUser(ctx, { sector: "independent", verified: true });
    const enrolled = await ctx.app.inject({
      method: "POST",
      url: "/api/enrolments",
      headers: { cookie: await apiSignIn(ctx, learner) },
      payload: { courseId },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const enrolmentId: string = enrolled.json().enrolment.id;

    const context = await journey.browser().newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const main = page.getByRole("main");
    await signIn(page, base, learner.email, learner.password);

    // The download names its type and size; downloading it completes the step.
    await page.goto(`${base}/learning/${enrolmentId}/steps/${download.id}`);
    await expectHeadingHere(page, "PDSA template");
    const link = main.getByRole("link", { name: "Download PDSA template (PDF, 2 KB)" });
    await link.waitFor();
    await scanPage(page, "learning-step-download");
    const downloaded = page.waitForEvent("download");
    await link.click();
    expect((await downloaded).suggestedFilename()).toBe("pdsa-template.pdf");
    await main.getByText("You have completed this step.").waitFor();

    // The video: YouTube's privacy-enhanced player, a link to watch it there, and the transcript in an expander.
    await main.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: /Next/ }).click();
    await expectHeadingHere(page, "Run charts in three minutes");
    const frame = main.locator("iframe");
    await expect
      .poll(() => frame.getAttribute("src"))
      .toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    await expect.poll(() => frame.getAttribute("title")).toBe("Video: Run charts in three minutes");
    await main.getByRole("link", { name: "Watch this video on YouTube" }).waitFor();
    await main.getByText("Transcript").click();
    await main.getByText("A run chart shows your data over time.").waitFor();
    await scanPage(page, "learning-step-video");
    await scanNarrow(page, "learning-step-video-320px");
    const from = new URL(page.url()).pathname;
    await main.getByRole("button", { name: "I have watched this video" }).click();
    await waitToLeave(page, from);
    await page.goto(`${base}/learning/${enrolmentId}`);
    await expectHeadingHere(page, "Improvement Fundamentals: QI measures");
    const videoRow = main
      .locator(".nhsuk-task-list__item")
      .filter({ hasText: "Run charts in three minutes" });
    await expect.poll(() => videoRow.locator(".nhsuk-task-list__status").textContent()).toBe("Completed");
    await context.close();
  });
});
