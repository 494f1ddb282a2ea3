import { describe, expect, it } from "vitest";
import { expectHeading, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

const LEARNER = "learner@example.org";
const REASON = "Left the trust in March; no longer needs access";

describe("admin: expire and re-activate an account", () => {
  const journey = useJourney();

  it("stops an expired learner signing in, with the reason, until they are re-activated", async () => {
    const server = journey.server();
    const browser = journey.browser();
    const base = server.baseUrl;
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    const learnerContext = await browser.newContext();
    const learner = await learnerContext.newPage();

    // Find the learner from Admin → Users.
    await signIn(admin, base, "admin@example.org", DEMO_PASSWORD);
    await admin.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Admin" }).click();
    await expectHeading(admin, "Users");
    await admin.getByRole("table").waitFor();
    await scanPage(admin, "admin-users");

    await admin.getByLabel("Name or email address").fill(LEARNER);
    await admin.getByRole("button", { name: "Search" }).click();
    await admin.waitForURL((url) => url.searchParams.get("q") === LEARNER);
    await admin.getByRole("table", { name: "1 user found" }).waitFor();
    await scanPage(admin, "admin-users-search");
    await admin.getByRole("table").getByRole("link", { name: "Siân O'Brien" }).click();

    await expectHeading(admin, "Siân O'Brien");
    await scanPage(admin, "admin-user");

    // Expire the account with a reason.
    await admin.getByLabel("Why are you expiring this account?").fill(REASON);
    await admin.getByRole("button", { name: "Expire account" }).click();
    await admin.getByRole("alert").filter({ hasText: "Account expired" }).waitFor();
    await admin.getByRole("heading", { name: "Re-activate account" }).waitFor();
    await expect.poll(() => admin.getByRole("main").textContent()).toContain(REASON);
    await scanPage(admin, "admin-user-expired");

    // The learner is told their account has expired, and why.
    await learner.goto(`${base}/sign-in`);
    await expectHeading(learner, "Sign in");
    await learner.getByLabel("Email address").fill(LEARNER);
    await learner.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await learner.getByRole("button", { name: "Sign in" }).click();
    const problem = learner.locator(".nhsuk-error-summary");
    await problem.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect.poll(() => problem.textContent()).toContain(`Your account has expired: ${REASON}`);
    expect(learner.url()).toBe(`${base}/sign-in`);
    await scanPage(learner, "admin-sign-in-account-expired");

    // Re-activate, and the learner can sign in.
    await admin.getByRole("button", { name: "Re-activate account" }).click();
    await admin.getByRole("alert").filter({ hasText: "Account re-activated" }).waitFor();
    await admin.getByRole("heading", { name: "Expire account" }).waitFor();
    await scanPage(admin, "admin-user-reactivated");

    await learner.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await learner.getByRole("button", { name: "Sign in" }).click();
    await learner.waitForURL(`${base}/account`);
    await expectHeading(learner, "My account");
    await expect.poll(() => learner.getByRole("main").textContent()).toContain(LEARNER);
    await scanPage(learner, "admin-learner-account-after-reactivation");

    await learnerContext.close();
    await adminContext.close();
  });
});
