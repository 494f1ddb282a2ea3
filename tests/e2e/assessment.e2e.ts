import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  buildStaff,
  buildSubmission,
  ensureCriteria,
  resubmit,
  setSampling,
  submissionState,
} from "../support/assessment-fixtures.js";
import {
  expectHeading,
  expectNoHorizontalScroll,
  SCREENSHOT_DIR,
  scanPage,
  signIn,
} from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

/** Scans the page, then checks it at 320 px wide (saving that screenshot too) and puts the viewport back. */
async function scanBothWidths(page: Page, name: string) {
  await scanPage(page, name);
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-320px.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** Chooses a radio inside the fieldset whose legend is `legend`. */
async function choose(page: Page, legend: string, option: string) {
  await page.getByRole("group", { name: legend }).getByLabel(option, { exact: true }).check();
}

// The fixtures write submissions straight into this process's database, so the app runs in-process.
describe("assessment: pick up, refer back, resubmission allocated, pass, verifier confirms", () => {
  const journey = useInProcessJourney();

  it("takes a portfolio from the pick-up list through a referral and a verified pass", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    await setSampling(ctx, { samplePercent: 0, newAssessorDecisions: 0 });
    const { criteria } = await ensureCriteria(ctx);
    const assessor = await buildStaff(ctx, ["assessor"], { givenName: "Asha", familyName: "Patel" });
    const verifier = await buildStaff(ctx, ["internal_verifier"], {
      givenName: "Vera",
      familyName: "Okafor",
    });
    const admin = await buildStaff(ctx, ["platform_admin"], { givenName: "Dana", familyName: "Reid" });
    const sub = await buildSubmission(ctx, {
      user: { givenName: "Priya", familyName: "Shah" },
      submittedAt: new Date(Date.now() - 3 * 86_400_000),
    });

    const newPage = async () => (await journey.browser().newContext()).newPage();
    const asAssessor = await newPage();
    const asVerifier = await newPage();
    const asAdmin = await newPage();

    // The assessor finds Priya's portfolio waiting, and picks it up.
    await signIn(asAssessor, base, assessor.user.email, assessor.user.password);
    await asAssessor.goto(`${base}/assessment`);
    await expectHeading(asAssessor, "Assessment");
    await asAssessor.getByText("Nothing is allocated to you.").waitFor();
    await scanBothWidths(asAssessor, "assessment-queue-empty");
    await asAssessor.getByRole("tab", { name: /Available to pick up/ }).click();
    const available = asAssessor.getByRole("tabpanel", { name: /Available to pick up/ });
    await available.getByRole("row").filter({ hasText: "Priya Shah" }).waitFor();
    await expect.poll(() => asAssessor.url()).toContain("tab=available");
    await scanBothWidths(asAssessor, "assessment-queue-available");
    await available.getByRole("button", { name: "Pick up Priya Shah's portfolio" }).click();

    // The side-by-side view: each criterion beside its evidence; the reflection's script is shown as text.
    await expectHeading(asAssessor, "Priya Shah");
    await asAssessor.getByRole("alert").filter({ hasText: "Submission picked up" }).waitFor();
    const main = asAssessor.getByRole("main");
    await expect.poll(() => main.textContent()).toContain(criteria[1]?.statement ?? "");
    await expect.poll(() => asAssessor.locator(".app-evidence strong").first().textContent()).toBe("halved");
    expect(await asAssessor.locator("main script").count()).toBe(0);
    await expect
      .poll(() =>
        asAssessor.getByRole("link", { name: "Download ward-audit.pdf" }).first().getAttribute("href"),
      )
      .toBe(`/api/portfolios/${sub.portfolioId}/files/${sub.fileId}`);
    await scanBothWidths(asAssessor, "assessment-submission");

    // Recording nothing lists every missing answer in the error summary.
    await asAssessor.getByRole("button", { name: "Record decision" }).click();
    await asAssessor.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect.poll(() => asAssessor.title()).toMatch(/^Error: /);
    await asAssessor
      .getByRole("link", { name: "Select whether criterion 1.1 is met or not yet met" })
      .waitFor();
    await asAssessor.getByRole("link", { name: "Select pass or refer back" }).waitFor();
    await scanPage(asAssessor, "assessment-submission-errors");

    // Refer back: 1.1 not yet met with feedback, the rest met.
    await choose(asAssessor, "Is criterion 1.1 met?", "Not yet met");
    await asAssessor.getByLabel("Feedback on 1.1").fill("Show a before-and-after measure of time to care.");
    for (const code of ["1.2", "1.3", "2.1"]) await choose(asAssessor, `Is criterion ${code} met?`, "Met");
    await choose(asAssessor, "Overall outcome", "Refer back");
    await asAssessor
      .getByLabel("Overall feedback for the learner")
      .fill("A strong start. Add a measure for 1.1 and resubmit.");
    await asAssessor.getByRole("button", { name: "Record decision" }).click();
    await expectHeading(asAssessor, "Assessment");
    await asAssessor.getByRole("alert").filter({ hasText: "Portfolio referred back" }).waitFor();
    await scanBothWidths(asAssessor, "assessment-referred");
    await expect.poll(async () => (await submissionState(ctx, sub.submissionId)).status).toBe("referred");

    // Priya revises and resubmits; an administrator allocates version 2 to the same assessor and turns sampling on.
    const v2 = await resubmit(ctx, sub);
    await signIn(asAdmin, base, admin.user.email, admin.user.password);
    await asAdmin.goto(`${base}/admin/assessment/settings`);
    await expectHeading(asAdmin, "Internal verification sampling");
    await scanBothWidths(asAdmin, "assessment-settings");
    const percent = asAdmin.getByLabel("Percentage of decisions to sample");
    await percent.fill("101");
    await asAdmin.getByRole("button", { name: "Save settings" }).click();
    await asAdmin
      .getByRole("link", { name: "Enter the percentage as a whole number from 0 to 100" })
      .waitFor();
    await scanPage(asAdmin, "assessment-settings-errors");
    await percent.fill("100");
    await asAdmin.getByRole("button", { name: "Save settings" }).click();
    await asAdmin.getByRole("alert").filter({ hasText: "Sampling settings saved" }).waitFor();
    await scanPage(asAdmin, "assessment-settings-saved");

    await asAdmin.goto(`${base}/admin/assessment?allocated=no`);
    await expectHeading(asAdmin, "Assessment allocation");
    const row = asAdmin.getByRole("row").filter({ hasText: "Priya Shah" });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain("version 2");
    await scanBothWidths(asAdmin, "assessment-allocation");
    await row.getByRole("link", { name: "Allocate Priya Shah's portfolio" }).click();
    await expectHeading(asAdmin, "Choose an assessor for Priya Shah's portfolio");
    await asAdmin.getByRole("button", { name: "Allocate" }).click();
    await asAdmin.getByRole("link", { name: "Choose an assessor from the list" }).waitFor();
    await scanBothWidths(asAdmin, "assessment-allocate-errors");
    await asAdmin.getByLabel("Asha Patel").check();
    await asAdmin.getByRole("button", { name: "Allocate" }).click();
    await expectHeading(asAdmin, "Assessment allocation");
    await asAdmin.getByRole("alert").filter({ hasText: "Submission allocated" }).waitFor();
    await expect.poll(async () => (await submissionState(ctx, v2)).assessor_id).toBe(assessor.user.id);

    // The assessor sees version 2 in their queue with the earlier version's decision, and passes it.
    await asAssessor.goto(`${base}/assessment`);
    const allocated = asAssessor.getByRole("tabpanel", { name: /Allocated to you/ });
    await allocated.getByRole("link", { name: "Priya Shah" }).click();
    await expectHeading(asAssessor, "Priya Shah");
    await asAssessor.getByText("Portfolio for The Productive Ward: Practitioner, version 2").waitFor();
    await asAssessor.getByText("Version 1, submitted", { exact: false }).click();
    await expect
      .poll(() => asAssessor.getByRole("main").textContent())
      .toContain("Show a before-and-after measure of time to care.");
    await scanBothWidths(asAssessor, "assessment-submission-v2");
    for (const code of ["1.1", "1.2", "1.3", "2.1"])
      await choose(asAssessor, `Is criterion ${code} met?`, "Met");
    await choose(asAssessor, "Overall outcome", "Pass");
    await asAssessor.getByRole("button", { name: "Record decision" }).click();
    await asAssessor.getByRole("alert").filter({ hasText: "Decision recorded" }).waitFor();
    await expect
      .poll(() => asAssessor.getByRole("alert").textContent())
      .toContain("sampled for internal verification");
    await expect.poll(async () => (await submissionState(ctx, v2)).status).toBe("awaiting_verification");

    // The verifier confirms the pass, and it takes effect.
    await signIn(asVerifier, base, verifier.user.email, verifier.user.password);
    await asVerifier.goto(`${base}/verification`);
    await expectHeading(asVerifier, "Internal verification");
    await asVerifier.getByRole("link", { name: "Priya Shah" }).waitFor();
    await scanBothWidths(asVerifier, "verification-queue");
    await asVerifier.getByRole("link", { name: "Priya Shah" }).click();
    await expectHeading(asVerifier, "Priya Shah");
    await asVerifier.getByRole("heading", { name: "The decision under review" }).waitFor();
    await expect.poll(() => asVerifier.getByText("Assessor's judgement:").count()).toBe(4);
    await scanBothWidths(asVerifier, "verification-submission");
    await choose(asVerifier, "Do you confirm the assessor's decision?", "Confirm the decision");
    await asVerifier.getByLabel("Your rationale").fill("Short");
    await asVerifier.getByRole("button", { name: "Record verdict" }).click();
    await asVerifier.getByRole("link", { name: "Write your rationale in at least 10 characters" }).waitFor();
    await scanPage(asVerifier, "verification-errors");
    await asVerifier
      .getByLabel("Your rationale")
      .fill("Every criterion is evidenced; the new measure for 1.1 is convincing.");
    await asVerifier.getByRole("button", { name: "Record verdict" }).click();
    await expectHeading(asVerifier, "Internal verification");
    await asVerifier.getByRole("alert").filter({ hasText: "Decision confirmed" }).waitFor();
    await scanBothWidths(asVerifier, "verification-confirmed");
    await expect
      .poll(() => submissionState(ctx, v2))
      .toMatchObject({ status: "passed", portfolio_status: "passed" });
  });
});
