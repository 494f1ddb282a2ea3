import { describe, it } from "vitest";
import { expectHeading, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

// The journeys scan the pages they pass through; this sweep scans the rest, signed in and out, with each
// form's error state, so every page the app serves has had an axe scan and a screenshot.
describe("every page passes an accessibility scan", () => {
  const journey = useJourney();

  it("scans the signed-out pages not on a journey, and the page-not-found page", async () => {
    const server = journey.server();
    const browser = journey.browser();
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${server.baseUrl}/resend-verification`);
    await expectHeading(page, "Get a new link to confirm your email address");
    await scanPage(page, "sweep-resend-verification");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(page, "sweep-resend-verification-error");

    await page.goto(`${server.baseUrl}/verify-email`);
    await expectHeading(page, "This link is not complete");
    await scanPage(page, "sweep-verify-email-no-token");

    await page.goto(`${server.baseUrl}/verify-email?token=not-a-real-token-but-long-enough`);
    await expectHeading(page, "We could not confirm your email address");
    await scanPage(page, "sweep-verify-email-bad-token");

    await page.goto(`${server.baseUrl}/no-such-page`);
    await expectHeading(page, "Page not found");
    await scanPage(page, "sweep-not-found");

    await page.goto(`${server.baseUrl}/account/name`);
    await expectHeading(page, "Sign in");
    // The learning pages are scanned by tests/e2e/learning.e2e.ts; signed out, they ask for sign-in.
    await page.goto(`${server.baseUrl}/my-learning`);
    await expectHeading(page, "Sign in");
  });

  it("scans each account change page, blank and with its errors", async () => {
    const server = journey.server();
    const browser = journey.browser();
    const page = await (await browser.newContext()).newPage();
    await signIn(page, server.baseUrl, "facilitator@example.org", DEMO_PASSWORD);
    // [path, heading, submit button, how to make the form invalid (null: the blank form is already invalid),
    // whether it has an error state to scan]
    const pages: Array<[string, string, string, (() => Promise<void>) | null, boolean]> = [
      ["/account/name", "Change your name", "Save name", () => page.getByLabel("Given name").fill(""), true],
      ["/account/certificate-name", "Check the name on your certificates", "Save and confirm", null, true],
      ["/account/email", "Change your email address", "Send confirmation link", null, true],
      ["/account/password", "Change your password", "Change password", null, true],
      ["/account/organisation", "Change your sector and organisation", "Save changes", null, false],
      ["/account/job-role", "What is your job role?", "Save job role", null, false],
      [
        "/account/esr",
        "What is your ESR assignment number?",
        "Save ESR number",
        () => page.getByLabel("What is your ESR assignment number?").fill("1234"),
        true,
      ],
    ];
    for (const [path, heading, submit, makeInvalid, hasErrorState] of pages) {
      const name = path.slice(1).replaceAll("/", "-");
      await page.goto(`${server.baseUrl}${path}`);
      await expectHeading(page, heading);
      await scanPage(page, `sweep-${name}`);
      if (!hasErrorState) continue;
      await makeInvalid?.();
      await page.getByRole("button", { name: submit }).click();
      await page.getByRole("heading", { name: "There is a problem" }).waitFor();
      await scanPage(page, `sweep-${name}-error`);
    }
  });

  it("scans the administrators' places and licences pages, blank, with their errors and after a change", async () => {
    const server = journey.server();
    const base = server.baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "admin@example.org", DEMO_PASSWORD);

    // Places on courses: the form's errors, then a place given to the demo learner.
    await page.goto(`${base}/admin/grants`);
    await expectHeading(page, "Places on courses");
    await page.getByText("No places match.").waitFor();
    await scanPage(page, "sweep-admin-grants");
    await page.getByRole("button", { name: "Give place" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(page, "sweep-admin-grants-error");
    await page.getByLabel("Learner's email address").fill("learner@example.org");
    await page.locator("#courseId").selectOption({ label: "The Productive Ward: Practitioner" });
    await page.getByLabel("Why are you giving this place?").fill("Bursary agreed with the trust");
    await page.getByRole("button", { name: "Give place" }).click();
    await page.getByRole("alert").filter({ hasText: "Place given to Siân O'Brien" }).waitFor();
    await page.getByRole("table").getByText("Bursary agreed with the trust").waitFor();
    await scanPage(page, "sweep-admin-grants-given");

    // Organisation licences: empty, the add form with its errors, then added and changed.
    await page.goto(`${base}/admin/licences`);
    await expectHeading(page, "Organisation licences");
    await page.getByText("No licences have been added yet.").waitFor();
    await scanPage(page, "sweep-admin-licences-empty");
    await page.getByRole("link", { name: "Add a licence" }).click();
    await expectHeading(page, "Add a licence");
    await scanPage(page, "sweep-admin-licence-new");
    await page.getByRole("button", { name: "Add licence" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(page, "sweep-admin-licence-new-error");
    await page.getByLabel("Search by name or ODS code").fill("RR8");
    await page.getByLabel("Leeds Teaching Hospitals NHS Trust (RR8)").check();
    await page.locator("#courseId").selectOption({ label: "The Productive Ward: Practitioner" });
    await page.getByLabel("Number of seats").fill("25");
    const dates: Array<[string, string, string, string]> = [
      ["Start date", "1", "4", "2026"],
      ["End date", "31", "3", "2027"],
    ];
    for (const [legend, day, month, year] of dates) {
      const group = page.getByRole("group", { name: legend });
      await group.getByLabel("Day").fill(day);
      await group.getByLabel("Month").fill(month);
      await group.getByLabel("Year").fill(year);
    }
    await page.getByRole("button", { name: "Add licence" }).click();
    await expectHeading(page, "Organisation licences");
    await page
      .getByRole("alert")
      .filter({ hasText: "Licence added for Leeds Teaching Hospitals NHS Trust" })
      .waitFor();
    await page.getByRole("table").getByText("0 of 25 seats used").waitFor();
    await scanPage(page, "sweep-admin-licences");

    await page.getByRole("link", { name: /^Change/ }).click();
    await expectHeading(page, "Change a licence");
    await scanPage(page, "sweep-admin-licence-edit");
    await page.getByRole("group", { name: "End date" }).getByLabel("Year").fill("2025");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(page, "sweep-admin-licence-edit-error");
    await page.getByRole("group", { name: "End date" }).getByLabel("Year").fill("2027");
    await page.getByLabel("Number of seats").fill("30");
    await page.getByRole("button", { name: "Save changes" }).click();
    await page
      .getByRole("alert")
      .filter({ hasText: "Licence for Leeds Teaching Hospitals NHS Trust changed" })
      .waitFor();
    await page.getByRole("table").getByText("0 of 30 seats used").waitFor();

    // The deferral queue with nothing waiting (the deferral journey scans it full).
    await page.goto(`${base}/admin/deferrals`);
    await expectHeading(page, "Deferral requests");
    await page.getByText("There are no requests waiting for a decision.").waitFor();
    await scanPage(page, "sweep-admin-deferrals-empty");
  });

  it("shows the demo learner's records (a certificate, CPD activities, the transcript) and the demo assessor's queue", async () => {
    const base = journey.server().baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "learner@example.org", DEMO_PASSWORD);
    await page.goto(`${base}/my-learning`);
    await expectHeading(page, "My learning");
    await page
      .getByRole("navigation", { name: "Your records" })
      .getByRole("link", { name: "My certificates" })
      .click();
    await expectHeading(page, "Your certificates");
    await page.locator(".nhsuk-card .nhsuk-tag").filter({ hasText: "Valid" }).first().waitFor();
    await scanPage(page, "sweep-demo-certificates");
    await page.goto(`${base}/cpd`);
    await expectHeading(page, "Your CPD record");
    await page.getByRole("table").first().waitFor();
    await scanPage(page, "sweep-demo-cpd");
    await page.goto(`${base}/transcript`);
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("table").first().waitFor();
    await scanPage(page, "sweep-demo-transcript");

    const assessorPage = await (await journey.browser().newContext()).newPage();
    await signIn(assessorPage, base, "assessor@example.org", DEMO_PASSWORD);
    await assessorPage.getByRole("link", { name: "Assessment" }).click();
    await expectHeading(assessorPage, "Assessment");
    await scanPage(assessorPage, "sweep-demo-assessment");
  });
});
