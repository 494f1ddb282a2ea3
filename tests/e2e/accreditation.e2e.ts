import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seedAssessmentCriteria } from "../../src/server/modules/portfolios/portfolios.seed.js";
import { buildStaff, setSampling } from "../support/assessment-fixtures.js";
import {
  COURSE_SLUGS,
  credentialsOf,
  enrolledLearner,
  giveCourseSteps,
  workThrough,
} from "../support/certificates-fixtures.js";
import { TEST_PASSWORD } from "../support/factories.js";
import { pdfPlainText } from "../support/pdf-text.js";
import { PDF } from "../support/portfolio-fixtures.js";
import { expectHeading, SCREENSHOT_DIR, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

/** Chooses a radio inside the fieldset whose legend is `legend`. */
async function choose(page: Page, legend: string, option: string) {
  await page.getByRole("group", { name: legend }).getByLabel(option, { exact: true }).check();
}

/** The portfolio's submission statuses, oldest version first. */
async function versions(journey: ReturnType<typeof useInProcessJourney>, enrolmentId: string) {
  return (await journey.ctx().database.rawQuery(
    `select s.version, s.status from portfolio_submissions s join portfolios p on p.id = s.portfolio_id
        where p.enrolment_id = $1 order by s.version`,
    [enrolmentId],
  )) as Array<{ version: number; status: string }>;
}

/** The learner submits their portfolio from its overview page, declaring it is their own work. */
async function submitPortfolio(page: Page) {
  await page.getByRole("link", { name: "Submit your portfolio" }).click();
  await expectHeading(page, "Check your portfolio before you submit it");
  await page.getByLabel(/I declare that the evidence in this portfolio is my own work/).check();
  await page.getByRole("button", { name: "Submit portfolio" }).click();
  await expectHeading(page, "Portfolio submitted");
}

/*
 * The whole credential, through the pages each person uses: a Practitioner learner builds and submits a portfolio,
 * the assessor refers it back, the learner revises and resubmits, the assessor passes it, the internal verifier
 * confirms, the learner downloads the certificate, anyone can check it, and an administrator revokes it. The app
 * runs in this process because the learner's lessons are given to the course and completed through the API first.
 */
describe("accreditation: portfolio to a certificate anyone can check", () => {
  const journey = useInProcessJourney();

  it("takes a Practitioner learner's evidence through referral, pass and verification to a certificate, until it is revoked", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    await seedAssessmentCriteria(ctx.database.db);
    await setSampling(ctx, { samplePercent: 0, newAssessorDecisions: 0 });
    const courseId = await giveCourseSteps(ctx, COURSE_SLUGS.practitioner, { finalQuiz: false });
    const learner = await enrolledLearner(ctx, courseId, {
      user: { givenName: "Zoë", familyName: "Ó Briain" },
    });
    await workThrough(ctx, learner);
    const assessor = await buildStaff(ctx, ["assessor"], { givenName: "Asha", familyName: "Patel" });
    const verifier = await buildStaff(ctx, ["internal_verifier"], {
      givenName: "Vera",
      familyName: "Okafor",
    });
    const admin = await buildStaff(ctx, ["platform_admin"], { givenName: "Dana", familyName: "Reid" });
    const codes = (
      (await ctx.database.rawQuery(
        `select c.code from assessment_criteria c join learning_outcomes o on o.id = c.outcome_id
          join assessment_units u on u.id = o.unit_id where u.course_id = $1
          order by u.position, o.position, c.position`,
        [courseId],
      )) as Array<{ code: string }>
    ).map((row) => row.code);
    expect(codes.length).toBeGreaterThan(2);
    const [firstCode = ""] = codes;
    // Completing the lessons is not enough on its own for a Practitioner: no certificate yet.
    expect((await credentialsOf(ctx, learner.enrolmentId)).certificates).toHaveLength(0);

    const newPage = async (downloads = false) =>
      (await journey.browser().newContext({ acceptDownloads: downloads })).newPage();
    const asLearner = await newPage(true);
    const asAssessor = await newPage();
    const asVerifier = await newPage();
    const asAdmin = await newPage();

    // The learner writes a reflection against every criterion, uploads a PDF for the first, and submits.
    await signIn(asLearner, base, learner.user.email, TEST_PASSWORD);
    await asLearner.goto(`${base}/learning/${learner.enrolmentId}`);
    await asLearner.getByRole("link", { name: "Your portfolio" }).click();
    await expectHeading(asLearner, "Your portfolio");
    await asLearner.getByRole("link", { name: "Add evidence" }).click();
    await asLearner.getByLabel("A written reflection").check();
    await asLearner.getByRole("button", { name: "Continue" }).click();
    await expectHeading(asLearner, "Write a reflection");
    await asLearner.getByLabel("Title").fill("Releasing time to care on Ward 7");
    await asLearner
      .getByLabel("Your reflection")
      .fill("We ran the Well Organised Ward module with the whole team and measured time to care weekly.");
    const boxes = asLearner
      .getByRole("group", { name: "Which criteria does this evidence show?" })
      .getByRole("checkbox");
    await expect.poll(() => boxes.count()).toBe(codes.length);
    for (let i = 0; i < codes.length; i++) await boxes.nth(i).check();
    await asLearner.getByRole("button", { name: "Save and return to your portfolio" }).click();
    await expectHeading(asLearner, "Your portfolio");
    await expect
      .poll(() => asLearner.getByText(`${codes.length} of ${codes.length} criteria have evidence`).count())
      .toBe(1);
    await asLearner.getByRole("link", { name: "Add evidence" }).click();
    await asLearner.getByLabel("A file").check();
    await asLearner.getByRole("button", { name: "Continue" }).click();
    await expectHeading(asLearner, "Upload a file");
    await asLearner
      .getByLabel("File", { exact: true })
      .setInputFiles({ name: "time-to-care.pdf", mimeType: "application/pdf", buffer: PDF });
    await asLearner.getByLabel("Title").fill("Time to care audit");
    await asLearner.getByRole("checkbox", { name: new RegExp(`^${firstCode.replace(".", "\\.")} `) }).check();
    await asLearner.getByRole("button", { name: "Upload and add to your portfolio" }).click();
    await expectHeading(asLearner, "Your portfolio");
    await expect
      .poll(() => asLearner.getByRole("link", { name: "Download time-to-care.pdf" }).count())
      .toBe(1);
    await submitPortfolio(asLearner);
    await scanPage(asLearner, "accreditation-submitted");
    await expect
      .poll(() => versions(journey, learner.enrolmentId))
      .toEqual([{ version: 1, status: "awaiting_assessment" }]);

    // The assessor picks it up and refers it back: the first criterion is not yet met.
    await signIn(asAssessor, base, assessor.user.email, assessor.user.password);
    await asAssessor.goto(`${base}/assessment?tab=available`);
    await expectHeading(asAssessor, "Assessment");
    const available = asAssessor.getByRole("tabpanel", { name: /Available to pick up/ });
    await available.getByRole("button", { name: "Pick up Zoë Ó Briain's portfolio" }).click();
    await expectHeading(asAssessor, "Zoë Ó Briain");
    await expect
      .poll(() => asAssessor.getByRole("link", { name: "Download time-to-care.pdf" }).count())
      .toBeGreaterThan(0);
    await choose(asAssessor, `Is criterion ${firstCode} met?`, "Not yet met");
    await asAssessor
      .getByLabel(`Feedback on ${firstCode}`)
      .fill("Show the weekly time-to-care figures as a chart.");
    for (const code of codes.slice(1)) await choose(asAssessor, `Is criterion ${code} met?`, "Met");
    await choose(asAssessor, "Overall outcome", "Refer back");
    await asAssessor
      .getByLabel("Overall feedback for the learner")
      .fill("Nearly there: add the chart for the first criterion and resubmit.");
    await asAssessor.getByRole("button", { name: "Record decision" }).click();
    await asAssessor.getByRole("alert").filter({ hasText: "Portfolio referred back" }).waitFor();
    await expect
      .poll(() => versions(journey, learner.enrolmentId))
      .toEqual([{ version: 1, status: "referred" }]);

    // The learner reads the feedback, adds a link to the chart and resubmits: version 2.
    await asLearner.goto(`${base}/learning/${learner.enrolmentId}/portfolio`);
    await expectHeading(asLearner, "Your portfolio");
    await expect
      .poll(() => asLearner.getByText("Show the weekly time-to-care figures as a chart.").count())
      .toBeGreaterThan(0);
    await scanPage(asLearner, "accreditation-referred");
    await asLearner.getByRole("link", { name: "Add evidence" }).click();
    await asLearner.getByLabel("A link").check();
    await asLearner.getByRole("button", { name: "Continue" }).click();
    await asLearner.getByLabel("Title").fill("Weekly time to care, as an SPC chart");
    await asLearner.getByLabel("Web address").fill("https://example.nhs.uk/ward-7/time-to-care");
    await asLearner.getByRole("checkbox", { name: new RegExp(`^${firstCode.replace(".", "\\.")} `) }).check();
    await asLearner.getByRole("button", { name: "Add to your portfolio" }).click();
    await expectHeading(asLearner, "Your portfolio");
    await submitPortfolio(asLearner);
    await expect
      .poll(() => versions(journey, learner.enrolmentId))
      .toEqual([
        { version: 1, status: "referred" },
        { version: 2, status: "awaiting_assessment" },
      ]);

    // Every decision from now on is sampled. The assessor picks up version 2 and passes it.
    await setSampling(ctx, { samplePercent: 100, newAssessorDecisions: 0 });
    await asAssessor.goto(`${base}/assessment?tab=available`);
    await asAssessor
      .getByRole("tabpanel", { name: /Available to pick up/ })
      .getByRole("button", { name: "Pick up Zoë Ó Briain's portfolio" })
      .click();
    await expectHeading(asAssessor, "Zoë Ó Briain");
    for (const code of codes) await choose(asAssessor, `Is criterion ${code} met?`, "Met");
    await choose(asAssessor, "Overall outcome", "Pass");
    await asAssessor.getByRole("button", { name: "Record decision" }).click();
    await asAssessor.getByRole("alert").filter({ hasText: "Decision recorded" }).waitFor();
    await expect
      .poll(() => versions(journey, learner.enrolmentId))
      .toEqual([
        { version: 1, status: "referred" },
        { version: 2, status: "awaiting_verification" },
      ]);
    // Still no certificate while the pass waits for the verifier.
    expect((await credentialsOf(ctx, learner.enrolmentId)).certificates).toHaveLength(0);

    // The internal verifier confirms the pass; it takes effect and the certificate is issued.
    await signIn(asVerifier, base, verifier.user.email, verifier.user.password);
    await asVerifier.goto(`${base}/verification`);
    await asVerifier.getByRole("link", { name: "Zoë Ó Briain" }).click();
    await expectHeading(asVerifier, "Zoë Ó Briain");
    await choose(asVerifier, "Do you confirm the assessor's decision?", "Confirm the decision");
    await asVerifier
      .getByLabel("Your rationale")
      .fill("The chart added for the first criterion shows a sustained improvement; the pass is sound.");
    await asVerifier.getByRole("button", { name: "Record verdict" }).click();
    await asVerifier.getByRole("alert").filter({ hasText: "Decision confirmed" }).waitFor();
    await expect
      .poll(async () => (await credentialsOf(ctx, learner.enrolmentId)).certificates.length)
      .toBe(1);
    const [certificate] = (await credentialsOf(ctx, learner.enrolmentId)).certificates;
    const code = certificate?.code ?? "";

    // The learner sees the pass and downloads the certificate: the PDF holds their name and the code.
    await asLearner.goto(`${base}/certificates`);
    await expectHeading(asLearner, "Your certificates");
    const card = asLearner.locator(".nhsuk-card").filter({ hasText: code });
    await expect.poll(() => card.locator(".nhsuk-tag").textContent()).toBe("Valid");
    await scanPage(asLearner, "accreditation-certificates");
    const [download] = await Promise.all([
      asLearner.waitForEvent("download"),
      card.getByRole("link", { name: /^Download certificate/ }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    const text = await pdfPlainText(bytes);
    expect(text).toContain("Zoë Ó Briain");
    expect(text).toContain(code);
    expect(text).toContain("Practitioner");
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const pdfFile = path.join(SCREENSHOT_DIR, "accreditation-certificate.pdf");
    writeFileSync(pdfFile, bytes);
    let rendered = false;
    try {
      execFileSync("pdftoppm", ["-png", "-r", "80", "-singlefile", pdfFile, pdfFile.replace(/\.pdf$/, "")]);
      rendered = true;
    } catch {
      // poppler-utils is not installed: the PDF's text was checked above; the PNG is for a person to look at.
    }
    if (rendered) expect(existsSync(pdfFile.replace(/\.pdf$/, ".png"))).toBe(true);

    // Anyone, signed out, checks the certificate: valid.
    const publicPage = await newPage();
    await publicPage.goto(`${base}/verify/${code}`);
    await expectHeading(publicPage, "This certificate is valid");
    await expect
      .poll(() => publicPage.locator(".nhsuk-summary-list").textContent())
      .toContain("Zoë Ó Briain");
    await scanPage(publicPage, "accreditation-verify-valid");

    // An administrator revokes it with a reason; the public page says so.
    await signIn(asAdmin, base, admin.user.email, admin.user.password);
    await asAdmin.goto(`${base}/admin/certificates`);
    await asAdmin.getByLabel("Certificate code, or learner's name or email address").fill(code);
    await asAdmin.getByRole("button", { name: "Search" }).click();
    await asAdmin.getByRole("link", { name: code }).click();
    await expectHeading(asAdmin, code);
    await asAdmin.getByLabel("Why are you revoking it?").fill("Awarded against the wrong enrolment.");
    await asAdmin.getByRole("button", { name: "Revoke certificate" }).click();
    await asAdmin
      .locator(".nhsuk-notification-banner")
      .getByText("Certificate revoked", { exact: true })
      .waitFor();
    await publicPage.goto(`${base}/verify/${code}`);
    await expectHeading(publicPage, "This certificate is no longer valid");
    await scanPage(publicPage, "accreditation-verify-revoked");
  });
});
