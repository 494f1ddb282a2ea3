import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seedAssessmentCriteria } from "../../src/server/modules/portfolios/portfolios.seed.js";
import { buildEditor, buildEnrolment } from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { decide, PDF, submissionsOf } from "../support/portfolio-fixtures.js";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

const COURSE_SLUG = "productive-ward-practitioner";
const COURSE_TITLE = "The Productive Ward: Practitioner";

/*
 * Runs the built app in this process (the database is needed to seed the criteria, enrol the learner and read the
 * submitted version back). An editor adds a criterion; a learner writes a reflection that saves itself, uploads a
 * PDF, adds a link, maps them, sees every criterion covered, submits with the declaration, and finds the portfolio
 * locked.
 */

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe("portfolio: criteria, evidence and submission", () => {
  const journey = useInProcessJourney();

  it("an editor adds a criterion; a learner builds a portfolio against every criterion and submits it", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    await seedAssessmentCriteria(ctx.database.db);
    const courseId = await courseIdBySlug(ctx, COURSE_SLUG);
    const editor = await buildEditor(ctx, { givenName: "Eddie", familyName: "Editor" });
    const enrolment = await buildEnrolment(ctx, {
      courseId,
      user: { givenName: "Priya", familyName: "Shah", verified: true },
    });
    if (!enrolment.user) throw new Error("no learner");

    // The editor adds a criterion to the first learning outcome.
    const editorContext = await journey.browser().newContext();
    const editorPage = await editorContext.newPage();
    await signIn(editorPage, base, editor.email, editor.password);
    await editorPage.goto(`${base}/manage/courses/${courseId}`);
    await expectHeading(editorPage, COURSE_TITLE);
    await editorPage.getByRole("link", { name: "Assessment criteria" }).click();
    await expectHeading(editorPage, "Assessment criteria");
    await expect
      .poll(() => editorPage.getByText("Unit 1: Implementing the programme in your team").count())
      .toBe(1);
    await scanPage(editorPage, "portfolio-criteria-tree");
    await editorPage.getByRole("link", { name: "Add a criterion to learning outcome 1.1" }).click();
    await expectHeading(editorPage, "Add a criterion");
    await expect.poll(() => editorPage.getByLabel("Reference").inputValue()).toBe("1.4");
    await editorPage.getByRole("button", { name: "Add criterion" }).click();
    await expect
      .poll(() => editorPage.locator(".nhsuk-error-summary").innerText())
      .toContain("Enter what the learner must show");
    await scanPage(editorPage, "portfolio-criterion-errors");
    await editorPage
      .getByLabel("What the learner must show")
      .fill("Show how you used Patient Status at a Glance to plan the day with your team.");
    await editorPage
      .getByLabel("Guidance for learners (optional)")
      .fill("A photograph of your board works well.");
    await editorPage.getByRole("button", { name: "Add criterion" }).click();
    await expectHeading(editorPage, "Assessment criteria");
    await expect.poll(() => editorPage.getByText("Criterion 1.4 added").count()).toBe(1);
    await expect
      .poll(() => editorPage.getByText("Show how you used Patient Status at a Glance").count())
      .toBe(1);
    await editorContext.close();

    // The learner opens their portfolio from the course.
    const context = await journey.browser().newContext();
    const page = await context.newPage();
    await signIn(page, base, enrolment.user.email, enrolment.user.password);
    await page.goto(`${base}/learning/${enrolment.id}`);
    await expectHeading(page, COURSE_TITLE);
    await page.getByRole("link", { name: "Your portfolio" }).click();
    await expectHeading(page, "Your portfolio");
    await expect.poll(() => page.getByText(/^0 of \d+ criteria have evidence$/).count()).toBe(1);
    await expect.poll(() => page.getByText("Not submitted", { exact: true }).count()).toBe(1);
    await scanPage(page, "portfolio-empty");

    // A written reflection, mapped to every criterion, saves itself and survives a reload.
    await page.getByRole("link", { name: "Add evidence" }).click();
    await expectHeading(page, "What kind of evidence do you want to add?");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect
      .poll(() => page.locator(".nhsuk-error-summary").innerText())
      .toContain("Select the kind of evidence you want to add");
    await scanPage(page, "portfolio-add-kind-error");
    await page.getByLabel("A written reflection").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expectHeading(page, "Write a reflection");
    await page.getByLabel("Title").fill("Our well organised ward");
    await page
      .getByLabel("Your reflection")
      .fill("We sorted the stock room with the team over two weeks.\n\n- Fewer interruptions\n- Less stock");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "saves itself" }).count()).toBe(1);
    const boxes = page
      .getByRole("group", { name: "Which criteria does this evidence show?" })
      .getByRole("checkbox");
    const criteriaCount = await boxes.count();
    expect(criteriaCount).toBeGreaterThan(5);
    for (let i = 0; i < criteriaCount; i++) await boxes.nth(i).check();
    await expect
      .poll(
        () =>
          page
            .getByRole("status")
            .filter({ hasText: /^Saved at \d/ })
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("evidence")).toMatch(/^[0-9a-f-]{36}$/);
    await scanPage(page, "portfolio-reflection-saved");
    await page.getByLabel("Your reflection").press("End");
    await page.getByLabel("Your reflection").pressSequentially("\n\nStaff morale went up.");
    // Saved without pressing anything: the server has the new text a moment after typing stops.
    const savedBody = async () =>
      (
        (await ctx.database.rawQuery("select body from evidence_items where title = $1", [
          "Our well organised ward",
        ])) as Array<{ body: string }>
      )[0]?.body ?? "";
    await expect.poll(savedBody, { timeout: 10_000 }).toContain("Staff morale went up.");
    // …and the page has had the answer (until then it would warn about leaving with unsaved changes).
    await expect
      .poll(() => page.locator(".app-portfolio-save-status").innerText(), { timeout: 10_000 })
      .toMatch(/^Saved at \d/);
    await page.reload();
    await expectHeading(page, "Change your reflection");
    await expect
      .poll(() => page.getByLabel("Your reflection").inputValue())
      .toContain("Staff morale went up.");
    await page.getByRole("button", { name: "Save and return to your portfolio" }).click();
    await expectHeading(page, "Your portfolio");
    await expect
      .poll(() => page.getByText(`${criteriaCount} of ${criteriaCount} criteria have evidence`).count())
      .toBe(1);

    // A PDF, uploaded with its progress shown, for criterion 1.1.
    await page.getByRole("link", { name: "Add evidence" }).click();
    await page.getByLabel("A file").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expectHeading(page, "Upload a file");
    await page.getByLabel("File", { exact: true }).setInputFiles({
      name: "stock-audit.pdf",
      mimeType: "application/pdf",
      buffer: PDF,
    });
    await page.getByLabel("Title").fill("Stock room audit");
    await page.getByRole("checkbox", { name: /^1\.1 / }).check();
    await scanPage(page, "portfolio-upload-file");
    await page.getByRole("button", { name: "Upload and add to your portfolio" }).click();
    await expectHeading(page, "Your portfolio");
    await expect.poll(() => page.getByText("File added").count()).toBe(1);
    await expect.poll(() => page.getByRole("link", { name: "Download stock-audit.pdf" }).count()).toBe(1);

    // A link, for criterion 1.2.
    await page.getByRole("link", { name: "Add evidence" }).click();
    await page.getByLabel("A link").check();
    await page.getByRole("button", { name: "Continue" }).click();
    await expectHeading(page, "Add a link");
    await page.getByLabel("Title").fill("Our published SPC chart");
    await page.getByLabel("Web address").fill("javascript:alert(1)");
    await page.getByRole("checkbox", { name: /^1\.2 / }).check();
    await page.getByRole("button", { name: "Add to your portfolio" }).click();
    await expect.poll(() => page.locator(".nhsuk-error-summary").innerText()).toContain("https://");
    await scanPage(page, "portfolio-link-error");
    await page.getByLabel("Web address").fill("https://example.nhs.uk/ward-7/spc");
    await page.getByRole("button", { name: "Add to your portfolio" }).click();
    await expectHeading(page, "Your portfolio");
    await expect.poll(() => page.getByText("Link added").count()).toBe(1);
    await expect.poll(() => page.getByRole("heading", { name: "Our published SPC chart" }).count()).toBe(1);
    await scanPage(page, "portfolio-covered");
    await scanNarrow(page, "portfolio-covered-320");

    // Check and submit, with the declaration.
    await page.getByRole("link", { name: "Submit your portfolio" }).click();
    await expectHeading(page, "Check your portfolio before you submit it");
    await page.getByRole("button", { name: "Submit portfolio" }).click();
    await expect
      .poll(() => page.locator(".nhsuk-error-summary").innerText())
      .toContain("Confirm the declaration that this portfolio is your own work");
    await scanPage(page, "portfolio-check-declaration-error");
    await page.getByLabel(/I declare that the evidence in this portfolio is my own work/).check();
    await page.getByRole("button", { name: "Submit portfolio" }).click();
    await expectHeading(page, "Portfolio submitted");
    await expect.poll(() => page.getByText(/Version 1 of your portfolio/).count()).toBe(1);
    await scanPage(page, "portfolio-submitted");

    const [submission] = await submissionsOf(
      ctx,
      (
        (await ctx.database.rawQuery("select id from portfolios where enrolment_id = $1", [
          enrolment.id,
        ])) as Array<{
          id: string;
        }>
      )[0]?.id ?? "",
    );
    expect(submission).toMatchObject({ version: 1, status: "awaiting_assessment", assessor_id: null });
    expect(submission?.snapshot.evidence).toHaveLength(3);

    // Locked: no way to add or change evidence.
    await page.getByRole("link", { name: "Go to your portfolio" }).click();
    await expectHeading(page, "Your portfolio");
    // Once for the portfolio, once for version 1.
    await expect.poll(() => page.getByText("With an assessor", { exact: true }).count()).toBe(2);
    await expect
      .poll(() =>
        page
          .getByText("Your portfolio is with the assessor; you can change it if it is referred back.")
          .count(),
      )
      .toBe(1);
    expect(await page.getByRole("link", { name: "Add evidence" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: /Change or delete/ }).count()).toBe(0);
    await scanPage(page, "portfolio-locked");
    await page.goto(`${base}/learning/${enrolment.id}/portfolio/add/reflection`);
    await expectHeading(page, "You cannot change your portfolio now");
    await scanPage(page, "portfolio-locked-add");

    // The assessor refers it back (written as the assessment module writes it): the feedback shows and the
    // portfolio opens again.
    await decide(ctx, submission?.id ?? "", {
      outcome: "refer",
      feedback: "A good start. Say more about your own part in the measures.",
      criteria: (submission?.snapshot.criteria ?? []).map((c) => ({
        criterionId: c.id,
        decision: c.code === "2.1" ? "not_yet_met" : "met",
        feedback: c.code === "2.1" ? "Add the data from before the change." : "",
      })),
    });
    await page.goto(`${base}/learning/${enrolment.id}/portfolio`);
    await expectHeading(page, "Your portfolio");
    await expect
      .poll(() => page.getByRole("heading", { name: "1 criterion is not yet met" }).count())
      .toBe(1);
    // In the summary at the top, and in the decision on version 1.
    await expect.poll(() => page.getByText("Add the data from before the change.").count()).toBe(2);
    await expect.poll(() => page.getByText("Not yet met", { exact: true }).count()).toBe(1);
    await scanPage(page, "portfolio-referred");
    await page.getByRole("link", { name: "Change or delete Our published SPC chart" }).click();
    await expectHeading(page, "Change your link");
    await scanPage(page, "portfolio-change-link");
    await page.getByLabel("Title").fill("Our ward's published SPC chart");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expectHeading(page, "Your portfolio");
    await expect.poll(() => page.getByText("Link saved").count()).toBe(1);
    await page.getByRole("link", { name: "Change or delete Stock room audit" }).click();
    await expectHeading(page, "Change your file");
    await page.getByRole("button", { name: "Delete evidence" }).click();
    await expect.poll(() => page.getByText('Delete "Stock room audit"?').count()).toBe(1);
    await scanPage(page, "portfolio-delete-confirm");
    await page.getByRole("button", { name: "Cancel" }).click();
    await context.close();

    // The editor's other forms.
    const editorAgain = await journey.browser().newContext();
    const editorPage2 = await editorAgain.newPage();
    await signIn(editorPage2, base, editor.email, editor.password);
    await editorPage2.goto(`${base}/manage/courses/${courseId}/criteria`);
    await expectHeading(editorPage2, "Assessment criteria");
    await expect
      .poll(() =>
        editorPage2.getByText(/learners? ha(s|ve) mapped evidence to criteria in this unit/).count(),
      )
      .toBe(3);
    await scanNarrow(editorPage2, "portfolio-criteria-in-use-320");
    await editorPage2
      .getByRole("link", { name: "Change unit 1, Implementing the programme in your team" })
      .click();
    await expectHeading(editorPage2, "Change unit 1");
    await scanPage(editorPage2, "portfolio-change-unit");
    await editorPage2.goBack();
    await expectHeading(editorPage2, "Assessment criteria");
    await editorPage2.getByRole("link", { name: "Change criterion 1.4" }).click();
    await expectHeading(editorPage2, "Change criterion 1.4");
    await scanPage(editorPage2, "portfolio-change-criterion");
    await editorAgain.close();
  });
});
