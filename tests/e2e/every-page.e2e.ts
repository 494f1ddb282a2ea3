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
});
