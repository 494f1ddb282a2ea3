import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { expectHeading, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

/** Submits a form with nothing in it and scans its error state. */
async function scanErrors(page: Page, button: string, name: string) {
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await scanPage(page, name);
}

// The community journey (community.e2e.ts) scans the pages a run's day-to-day work passes through; this sweep scans
// the rest on the demo data a fresh start seeds: the facilitator's hub and forms, course-level figures, the survey
// editor, the board and a topic, and the public guidelines.
describe("community pages pass an accessibility scan on the demo data", () => {
  const journey = useJourney();

  it("scans the facilitator's hub, run pages and forms, and the course-level figures", async () => {
    const base = journey.server().baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "facilitator@example.org", DEMO_PASSWORD);
    await page.getByRole("link", { name: "Facilitation" }).click();
    await expectHeading(page, "Facilitate course runs");
    await scanPage(page, "sweep-facilitate");

    await page.getByRole("link", { name: "Schedule a run" }).click();
    await expectHeading(page, /Schedule/);
    await scanPage(page, "sweep-run-new");
    await scanErrors(page, "Schedule run", "sweep-run-new-error");

    await page.goto(`${base}/facilitate`);
    await page
      .getByRole("link", { name: /^Live run from/ })
      .first()
      .click();
    await page.getByRole("heading", { level: 2, name: "The run's pages" }).waitFor();
    await scanPage(page, "sweep-run-overview");
    const overview = page.url();

    await page.getByRole("link", { name: /Change the run's details/ }).click();
    await page.getByRole("button", { name: "Save changes" }).waitFor();
    await scanPage(page, "sweep-run-edit");

    for (const [link, heading, name] of [
      ["Discussions", /^Discussions in /, "sweep-run-discussions"],
      ["Board", /discussion board$/, "sweep-run-board-facilitator"],
      ["Engagement", "Engagement", "sweep-run-engagement"],
      ["Surveys", "Survey results", "sweep-run-surveys"],
      ["Engagement across every run of the course", /Engagement/, "sweep-course-engagement"],
      [
        "Survey results across every run of the course",
        "Survey results for the course",
        "sweep-course-surveys",
      ],
    ] as const) {
      await page.goto(overview);
      await page.getByRole("link", { name: link, exact: true }).click();
      await expectHeading(page, heading);
      await scanPage(page, name);
    }

    await page.goto(`${base}/facilitate/moderation`);
    await expectHeading(page, "Moderation queue");
    await scanPage(page, "sweep-moderation-overview");
  });

  it("scans the survey editor for content editors", async () => {
    const base = journey.server().baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "editor@example.org", DEMO_PASSWORD);
    await page.goto(`${base}/manage/courses`);
    await page.getByRole("link", { name: "Improvement Fundamentals: QI measures" }).first().click();
    await page.getByRole("link", { name: "Course surveys" }).click();
    await expectHeading(page, "Course surveys");
    await scanPage(page, "sweep-manage-surveys");
    await page.getByRole("link", { name: "Change the post-course survey" }).click();
    await expectHeading(page, "Change the post-course survey");
    await scanPage(page, "sweep-edit-survey");
  });

  it("scans a learner's run: the course page, the board, a new topic, announcements and email settings", async () => {
    const base = journey.server().baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "learner@example.org", DEMO_PASSWORD);
    await page.goto(`${base}/my-learning`);
    await page
      .getByRole("link", { name: /Improvement Fundamentals: QI measures/ })
      .first()
      .click();
    await page.getByRole("heading", { name: "Your course run" }).waitFor();
    await page.getByRole("link", { name: "About this course" }).click();
    await page.getByRole("heading", { level: 2, name: "Course runs" }).waitFor();
    await scanPage(page, "sweep-course-runs-panel");
    await page.goBack();

    await page.getByRole("link", { name: /The run's board/ }).click();
    await expectHeading(page, /discussion board$/);
    await scanPage(page, "sweep-board");
    await scanErrors(page, "Start topic", "sweep-board-error");
    await page.getByLabel("Title").fill("Hello from the demo trust");
    await page
      .getByRole("textbox", { name: "Your opening post" })
      .fill("I work on a surgical ward and want to reduce missed observations.");
    await page.getByRole("button", { name: "Start topic" }).click();
    await expectHeading(page, "Hello from the demo trust");
    await scanPage(page, "sweep-topic");

    await page.goBack();
    await page.goBack();
    await page.getByRole("link", { name: "Announcements from the facilitators" }).click();
    await expectHeading(page, "Announcements");
    await scanPage(page, "sweep-run-announcements");

    await page.goto(`${base}/notifications/settings`);
    await expectHeading(page, "Notification emails");
    await scanPage(page, "sweep-notification-settings");

    const anonymous = await (await journey.browser().newContext()).newPage();
    await anonymous.goto(`${base}/community-guidelines`);
    await expectHeading(anonymous, "Community guidelines");
    await scanPage(anonymous, "sweep-community-guidelines");
    await anonymous.goto(`${base}/unsubscribe?token=not-a-real-token-but-long-enough-to-try`);
    await anonymous.getByRole("heading", { level: 1 }).waitFor();
    await scanPage(anonymous, "sweep-unsubscribe-invalid");
  });
});
