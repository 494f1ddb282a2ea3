import { randomUUID } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

const FOUNDATION = "Productive Community Services: Foundation";
const ACCREDITED_INTRODUCTION = "Productive Community Services: Accredited Introduction";

/** Waits for the catalogue to show its count ("12 courses found") for the filters now in the address. */
async function waitForResults(page: Page): Promise<void> {
  await page
    .getByText(/^\d+ courses? found$/)
    .first()
    .waitFor();
}

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe("catalogue: find a course, read about it, and get a suggested starting level", () => {
  const journey = useJourney();

  it("lets a signed-out visitor search, filter and read a course with its list price", async () => {
    const server = journey.server();
    const browser = journey.browser();
    const base = server.baseUrl;
    const context = await browser.newContext();
    const page = await context.newPage();

    // From the home page to the catalogue.
    await page.goto(`${base}/`);
    await expectHeading(page, "Learn quality improvement and put it into practice");
    await page.getByRole("main").getByRole("link", { name: "Find a course" }).click();
    await expectHeading(page, "Find a course");
    await waitForResults(page);
    await expect.poll(() => page.title()).toBe("Find a course – QI Academy");
    await scanPage(page, "catalogue-courses");
    await scanNarrow(page, "catalogue-courses-320px");

    // Search and filter: the choices go into the address, so the results can be shared.
    await page.getByLabel("Search courses").fill("community");
    await page.getByRole("checkbox", { name: "Foundation", exact: true }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(
      (url) => url.searchParams.get("q") === "community" && url.searchParams.get("level") === "foundation",
    );
    await waitForResults(page);
    // The count line is already on the page from the unfiltered results, so wait for the filtered cards themselves:
    // every level tag on them reads Foundation.
    const cards = page.locator(".nhsuk-card--clickable");
    await expect.poll(() => cards.count()).toBeGreaterThan(0);
    await expect
      .poll(async () => [
        ...new Set(
          (await cards.locator(".nhsuk-tag").filter({ hasNotText: "Free" }).allTextContents()).map((t) =>
            t.trim(),
          ),
        ),
      ])
      .toEqual(["Foundation"]);
    await scanPage(page, "catalogue-courses-filtered");
    await scanNarrow(page, "catalogue-courses-filtered-320px");

    // The course page: list price, the recommended course first, and the modules.
    await page.getByRole("link", { name: FOUNDATION, exact: true }).click();
    await expectHeading(page, FOUNDATION);
    const main = page.getByRole("main");
    await main
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Find a course" })
      .waitFor();
    const inset = main.locator(".nhsuk-inset-text");
    await expect.poll(() => inset.textContent()).toContain("£95 (£114 including VAT)");
    await inset.getByRole("link", { name: "Sign in to see the price for your sector" }).waitFor();
    const callout = main.locator(".nhsuk-card--warning");
    await expect.poll(() => callout.textContent()).toContain(`We recommend ${ACCREDITED_INTRODUCTION} first`);
    await callout.getByRole("link", { name: ACCREDITED_INTRODUCTION }).waitFor();
    await main.getByRole("heading", { level: 2, name: "Course contents" }).waitFor();
    await expect.poll(() => main.locator(".app-module-list > li").count()).toBeGreaterThan(0);
    // A visitor who has not signed in is offered no way to start the course.
    await expect.poll(() => main.getByRole("button", { name: /enrol|start/i }).count()).toBe(0);
    await expect.poll(() => main.locator(".nhsuk-action-link").count()).toBe(0);
    await scanPage(page, "catalogue-course-foundation");
    await scanNarrow(page, "catalogue-course-foundation-320px");

    // Back keeps the search and the filters.
    await page.goBack();
    await waitForResults(page);
    await expect.poll(() => page.getByLabel("Search courses").inputValue()).toBe("community");
    await expect
      .poll(() => page.getByRole("checkbox", { name: "Foundation", exact: true }).isChecked())
      .toBe(true);

    // Nothing matches: say so, and how to widen the search.
    await page.goto(`${base}/courses?q=xylophone-quasar`);
    await page.getByText("No courses match your search. Try other words or clear the filters.").waitFor();
    await scanPage(page, "catalogue-courses-none");

    // A course that does not exist.
    await page.goto(`${base}/courses/${randomUUID()}`);
    await expectHeading(page, "Course not found");
    await scanPage(page, "catalogue-course-not-found");

    await context.close();
  });

  it("shows a signed-in NHS England learner their own price, and suggests where to start", async () => {
    const server = journey.server();
    const browser = journey.browser();
    const base = server.baseUrl;
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, "learner@example.org", DEMO_PASSWORD);

    // Introductory courses are free to NHS England staff.
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Find a course" }).click();
    await expectHeading(page, "Find a course");
    await page.getByLabel("Search courses").fill("community");
    await page.getByRole("checkbox", { name: "Introductory", exact: true }).check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL((url) => url.searchParams.get("level") === "introductory");
    await waitForResults(page);
    await page.getByRole("link", { name: /^Productive Community Services\b.*\bIntroductory$/ }).click();
    await expectHeading(page, /^Productive Community Services\b.*\bIntroductory$/);
    const inset = page.getByRole("main").locator(".nhsuk-inset-text");
    await expect.poll(() => inset.textContent()).toContain("Your price: Free");
    await expect
      .poll(() => inset.getByRole("link", { name: "Sign in to see the price for your sector" }).count())
      .toBe(0);
    await scanPage(page, "catalogue-course-introductory-signed-in");

    // Where should I start? One question, with an error if it is not answered.
    await page
      .getByRole("navigation", { name: "Menu" })
      .getByRole("link", { name: "Where should I start?" })
      .click();
    await expectHeading(page, "Which of these best describes you?");
    await scanPage(page, "where-to-start");
    await page.getByRole("button", { name: "Continue" }).click();
    const problem = page.locator(".nhsuk-error-summary");
    await problem.getByRole("link", { name: "Select the sentence that best describes you" }).waitFor();
    await expect.poll(() => page.title()).toBe("Error: Which of these best describes you? – QI Academy");
    await scanPage(page, "where-to-start-error");
    await page.getByRole("radio", { name: "I have used some of its tools" }).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expectHeading(page, "We suggest Accredited Introduction");
    await scanPage(page, "where-to-start-result");

    // The suggestion leads to the Accredited Introduction courses.
    await page.getByRole("link", { name: "See Accredited Introduction courses" }).click();
    await page.waitForURL((url) => url.searchParams.get("level") === "accredited_introduction");
    await waitForResults(page);
    await page.getByRole("link", { name: ACCREDITED_INTRODUCTION, exact: true }).waitFor();
    const levelTags = page.locator(".nhsuk-card--clickable .nhsuk-tag").filter({ hasNotText: "Free" });
    for (const tag of await levelTags.allTextContents()) expect(tag.trim()).toBe("Accredited Introduction");
    await scanPage(page, "catalogue-courses-accredited-introduction");

    // An answer that is not one of ours goes back to the question.
    await page.goto(`${base}/where-to-start/result?answer=not-an-answer`);
    await expectHeading(page, "Which of these best describes you?");

    await context.close();
  });
});
