import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  expectHeading,
  expectNoHorizontalScroll,
  readEmailedLink,
  scanPage,
  signIn,
} from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

const INTRODUCTORY = "Productive Community Services: Introductory";
const FIRST_PASSWORD = "lantern orchard velvet";
const NEW_PASSWORD = "harbour thistle copper";

describe("accounts: register, confirm, sign in, change details, reset password", () => {
  const journey = useJourney();

  it("takes a new learner from registering to signing in with a reset password", async () => {
    const server = journey.server();
    const browser = journey.browser();
    const base = server.baseUrl;
    const email = `sian.obrien.${randomBytes(4).toString("hex")}@example.nhs.uk`;

    const learnerContext = await browser.newContext();
    const page = await learnerContext.newPage();
    const adminContext = await browser.newContext();
    const adminPage = await adminContext.newPage();

    // Home
    await page.goto(`${base}/`);
    await expectHeading(page, "Learn quality improvement and put it into practice");
    await scanPage(page, "accounts-home");

    // Register from a course page, so that signing in after confirming the email comes back to it.
    await page.getByRole("main").getByRole("link", { name: "Find a course" }).click();
    await page.getByRole("link", { name: INTRODUCTORY }).click();
    await expectHeading(page, INTRODUCTORY);
    const coursePath = new URL(page.url()).pathname;
    await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
    await expectHeading(page, "Create an account");
    await scanPage(page, "register-start");
    await page.getByRole("link", { name: "Start now" }).click();

    await expectHeading(page, "What is your name?");
    await scanPage(page, "register-name");
    await page.getByLabel("Given name").fill("Siân");
    await page.getByLabel("Family name").fill("O'Brien");
    await page.getByRole("button", { name: "Continue" }).click();

    await expectHeading(page, "What is your email address?");
    await scanPage(page, "register-email");
    await page.getByLabel("What is your email address?").fill(email);
    await page.getByRole("button", { name: "Continue" }).click();

    await expectHeading(page, "Which sector do you work in?");
    await scanPage(page, "register-sector");
    await page.getByRole("radio", { name: "NHS England", exact: true }).check();
    await page.getByRole("button", { name: "Continue" }).click();

    await expectHeading(page, "Which organisation do you work for?");
    await page.getByLabel("Search by name or ODS code").fill("Leeds");
    const leeds = page.getByRole("radio", { name: /^Leeds Teaching Hospitals NHS Trust/ });
    await leeds.waitFor();
    await leeds.check();
    await scanPage(page, "register-organisation");
    await page.getByRole("button", { name: "Continue" }).click();

    await expectHeading(page, "What is your job role? (optional)");
    await scanPage(page, "register-job-role");
    await page.getByLabel("What is your job role? (optional)").fill("Ward manager");
    await page.getByRole("button", { name: "Continue" }).click();

    await expectHeading(page, "What is your ESR assignment number? (optional)");
    await scanPage(page, "register-esr");
    await page.getByLabel("What is your ESR assignment number? (optional)").fill("123 45678901");
    await page.getByRole("button", { name: "Continue" }).click();

    await expectHeading(page, "Create a password");
    await scanPage(page, "register-password");
    await page.getByLabel("Create a password").fill(FIRST_PASSWORD);
    await page.getByRole("button", { name: "Continue" }).click();

    // Check your answers, also at 320 px wide.
    await expectHeading(page, "Check your answers before creating your account");
    const answers = page.locator(".nhsuk-summary-list");
    await expect.poll(() => answers.textContent()).toContain("Siân O'Brien");
    await expect.poll(() => answers.textContent()).toContain(email);
    await expect.poll(() => answers.textContent()).toContain("Leeds Teaching Hospitals NHS Trust");
    await expect.poll(() => answers.textContent()).toContain("123 45678901");
    await scanPage(page, "register-check");
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page);
    await scanPage(page, "register-check-320px");
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole("button", { name: "Create account" }).click();

    await expectHeading(page, "Check your email");
    await expect.poll(() => page.getByRole("main").textContent()).toContain(email);
    await scanPage(page, "register-done");

    // Read the confirmation link from the outbox as the administrator.
    await signIn(adminPage, base, "admin@example.org", DEMO_PASSWORD);
    const verifyLink = await readEmailedLink(adminPage, base, {
      to: email,
      subject: "Confirm your email address for QI Academy",
      linkPath: "/verify-email",
      scanAs: "admin-outbox",
    });

    await page.goto(verifyLink);
    await expectHeading(page, "Email address confirmed");
    await scanPage(page, "verify-email-confirmed");

    // Sign in, back on the course page, then check the name on certificates.
    await page.getByRole("link", { name: "Sign in and go back to where you were" }).click();
    await expectHeading(page, "Sign in");
    await scanPage(page, "sign-in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(FIRST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}${coursePath}`);
    await expectHeading(page, INTRODUCTORY);
    await page.getByRole("button", { name: "Enrol on this course" }).waitFor();
    await page.goto(`${base}/account`);
    await expectHeading(page, "My account");
    await expect.poll(() => page.getByRole("main").textContent()).toContain("Siân O'Brien");
    await scanPage(page, "my-account");

    await page.getByRole("link", { name: "Check the name on your certificates" }).click();
    await expectHeading(page, "Check the name on your certificates");
    await scanPage(page, "certificate-name");
    await page.getByLabel("Name on your certificates").fill("Dr Siân O'Brien");
    await page.getByLabel("I confirm this is the name I want on my certificates").check();
    await page.getByRole("button", { name: "Save and confirm" }).click();
    await page.waitForURL(`${base}/account`);
    const banner = page
      .getByRole("alert")
      .filter({ hasText: "The name on your certificates has been saved" });
    await banner.waitFor();
    const certificateRow = page
      .locator(".nhsuk-summary-list__row")
      .filter({ has: page.getByText("Name on certificates", { exact: true }) });
    await expect
      .poll(() => certificateRow.locator(".nhsuk-summary-list__value").textContent())
      .toBe("Dr Siân O'Brien");
    await scanPage(page, "my-account-certificate-saved");

    // Sign out.
    const accountNav = page.getByRole("navigation", { name: "Account" });
    await accountNav.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("alert").filter({ hasText: "You have signed out" }).waitFor();
    await expect.poll(() => page.url()).toBe(`${base}/`);

    // Forgotten password.
    await accountNav.getByRole("link", { name: "Sign in" }).click();
    await expectHeading(page, "Sign in");
    await page.getByRole("link", { name: "Forgotten your password?" }).click();
    await expectHeading(page, "Reset your password");
    await scanPage(page, "forgot-password");
    await page.getByLabel("Email address").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expectHeading(page, "Check your email");
    await expect.poll(() => page.getByRole("main").textContent()).toContain(email);
    await scanPage(page, "forgot-password-sent");

    const resetLink = await readEmailedLink(adminPage, base, {
      to: email,
      subject: "Reset your QI Academy password",
      linkPath: "/reset-password",
    });
    await page.goto(resetLink);
    await expectHeading(page, "Choose a new password");
    await scanPage(page, "reset-password");
    await page.getByLabel("Choose a new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expectHeading(page, "Password changed");
    await scanPage(page, "reset-password-done");

    // The old password no longer works, and says so in an error summary.
    await page.getByRole("link", { name: "Sign in with your new password" }).click();
    await expectHeading(page, "Sign in");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(FIRST_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const problem = page.locator(".nhsuk-error-summary");
    await problem.getByRole("heading", { name: "There is a problem" }).waitFor();
    await problem.getByRole("link", { name: "The email address or password is not right" }).waitFor();
    await expect.poll(() => page.title()).toMatch(/^Error: Sign in – QI Academy$/);
    expect(page.url()).toBe(`${base}/sign-in`);
    await scanPage(page, "sign-in-error");

    // The new password does.
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${base}/account`);
    await expectHeading(page, "My account");
    const nameRow = page
      .locator(".nhsuk-summary-list__row")
      .filter({ has: page.getByText("Name", { exact: true }) });
    await expect.poll(() => nameRow.locator(".nhsuk-summary-list__value").textContent()).toBe("Siân O'Brien");
    await expect
      .poll(() => certificateRow.locator(".nhsuk-summary-list__value").textContent())
      .toBe("Dr Siân O'Brien");
    await page.setViewportSize({ width: 320, height: 640 });
    await expectNoHorizontalScroll(page);
    await scanPage(page, "my-account-320px");

    await learnerContext.close();
    await adminContext.close();
  });
});
