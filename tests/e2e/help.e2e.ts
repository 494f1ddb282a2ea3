import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SUPPORT_REFERENCE_PATTERN } from "../../src/shared/help.js";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

const ESR_QUESTION = "Where do I find my ESR assignment number on my payslip?";

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

/** The reference shown in the confirmation panel, checked against the pattern the server uses. */
async function shownReference(page: Page): Promise<string> {
  await expectHeading(page, "Message sent");
  const reference = (await page.locator(".nhsuk-panel strong").textContent())?.trim() ?? "";
  expect(reference).toMatch(SUPPORT_REFERENCE_PATTERN);
  return reference;
}

describe("help centre: find an answer, contact support, and keep the answers up to date", () => {
  const journey = useJourney();

  it("lets a learner search, read the ESR answer and send the contact form, then quotes a reference", async () => {
    const base = journey.server().baseUrl;
    const context = await journey.browser().newContext();
    const page = await context.newPage();

    // From the header to the help centre's sections.
    await page.goto(`${base}/`);
    await page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Help" }).click();
    await expectHeading(page, "Help centre");
    await expect.poll(() => page.title()).toBe("Help centre – QI Academy");
    await page.getByRole("heading", { level: 2, name: "Your account" }).waitFor();
    await page.getByRole("link", { name: ESR_QUESTION }).waitFor();
    await scanPage(page, "help-centre");
    await scanNarrow(page, "help-centre-320px");

    // Search: the words go into the address and the best answer comes first, its matches marked.
    await page.getByLabel("Search the help centre").fill("ESR payslip");
    await page.getByRole("button", { name: "Search" }).click();
    await page.waitForURL((url) => url.pathname === "/help" && url.searchParams.get("q") === "ESR payslip");
    await expectHeading(page, "Search results");
    await page.getByText(/^\d+ answers? found$/).waitFor();
    const first = page
      .getByRole("main")
      .locator("li")
      .filter({ has: page.getByRole("heading", { level: 2 }) });
    await expect.poll(() => first.first().getByRole("link").textContent()).toBe(ESR_QUESTION);
    await expect.poll(() => first.first().locator("mark").count()).toBeGreaterThan(0);
    await scanPage(page, "help-search-results");
    await scanNarrow(page, "help-search-results-320px");

    // Nothing matches: say so, and offer another way.
    await page.goto(`${base}/help?q=xylophone-quasar`);
    await page.getByText("No answers match your search.").waitFor();
    await scanPage(page, "help-search-no-results");
    await page.goBack();
    await page.getByText(/^\d+ answers? found$/).waitFor();

    // The answer.
    await page.getByRole("link", { name: ESR_QUESTION }).click();
    await expectHeading(page, ESR_QUESTION);
    const main = page.getByRole("main");
    await expect.poll(() => main.textContent()).toContain("11 digits");
    await main.getByRole("heading", { level: 2, name: "It is optional" }).waitFor();
    await main
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Help centre" })
      .waitFor();
    await scanPage(page, "help-answer-esr");
    await scanNarrow(page, "help-answer-esr-320px");

    // The contact form: its errors first, then a message sent while signed out.
    await main.getByRole("link", { name: "Contact the support team" }).click();
    await expectHeading(page, "Contact the support team");
    await expect.poll(() => page.getByLabel("Your name").inputValue()).toBe("");
    await scanPage(page, "help-contact");
    await page.getByRole("button", { name: "Send message" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.getByRole("heading", { name: "There is a problem" }).waitFor();
    for (const message of [
      "Enter your name",
      "Enter your email address",
      "Select what your message is about",
      "Enter your message",
    ]) {
      await summary.getByRole("link", { name: message }).waitFor();
    }
    await expect.poll(() => page.title()).toBe("Error: Contact the support team – QI Academy");
    await scanPage(page, "help-contact-errors");
    await scanNarrow(page, "help-contact-errors-320px");

    await page.getByLabel("Your name").fill("Jordan Ellis");
    await page.getByLabel("Email address").fill("jordan.ellis@example.org");
    await page.getByRole("radio", { name: "Registering and signing in" }).check();
    const message = "My confirmation email has not arrived.";
    await page.getByLabel("Your message").fill(message);
    await page
      .getByText(`You have ${(5000 - message.length).toLocaleString("en-GB")} characters remaining`)
      .waitFor();
    await page.getByRole("button", { name: "Send message" }).click();
    const reference = await shownReference(page);
    await expect.poll(() => page.getByRole("main").textContent()).toContain("jordan.ellis@example.org");
    await scanPage(page, "help-contact-sent");
    await scanNarrow(page, "help-contact-sent-320px");

    // The support mailbox has the message under the same reference (read through the admin outbox).
    const admin = await (await journey.browser().newContext()).newPage();
    await signIn(admin, base, "admin@example.org", DEMO_PASSWORD);
    await admin.goto(`${base}/admin/outbox?to=support%40qi-academy.example`);
    await expectHeading(admin, "Email outbox");
    await admin.getByText(`Support request ${reference}: Registering and signing in`).waitFor();
    await admin.goto(`${base}/admin/outbox?to=jordan.ellis%40example.org`);
    await admin.getByText(`We have received your message (reference ${reference})`).waitFor();

    // Signed in, the form knows who is writing.
    await signIn(page, base, "learner@example.org", DEMO_PASSWORD);
    await page.goto(`${base}/help/contact`);
    await expectHeading(page, "Contact the support team");
    await expect.poll(() => page.getByLabel("Your name").inputValue()).toBe("Siân O'Brien");
    await expect.poll(() => page.getByLabel("Email address").inputValue()).toBe("learner@example.org");
    await page.getByRole("radio", { name: "Certificates" }).check();
    await page.getByLabel("Your message").fill("Can I change the name on my certificate?");
    await page.getByRole("button", { name: "Send message" }).click();
    expect(await shownReference(page)).not.toBe(reference);

    // Pages with nothing to show.
    await page.goto(`${base}/help/no-such-answer`);
    await expectHeading(page, "Help page not found");
    await scanPage(page, "help-answer-not-found");
    await page.goto(`${base}/help/contact/sent`);
    await expectHeading(page, "There is no message to show");
    await scanPage(page, "help-contact-sent-nothing");

    // Learners cannot reach the editors' pages.
    await page.goto(`${base}/manage/help`);
    await expectHeading(page, "You do not have permission to see this page");
    await scanPage(page, "help-manage-forbidden");

    await context.close();
  });

  it("lets a content editor change an answer, preview it and see the change, and add and delete a draft", async () => {
    const base = journey.server().baseUrl;
    const context = await journey.browser().newContext();
    const page = await context.newPage();
    await signIn(page, base, "editor@example.org", DEMO_PASSWORD);

    await page.goto(`${base}/help`);
    await expectHeading(page, "Help centre");
    await page.getByRole("link", { name: "Manage help answers" }).click();
    await expectHeading(page, "Help answers");
    const row = page.getByRole("row").filter({ hasText: ESR_QUESTION });
    await expect.poll(() => row.getByText("Published").count()).toBe(1);
    await scanPage(page, "help-manage-list");
    await scanNarrow(page, "help-manage-list-320px");

    // Edit the ESR answer and preview it before saving.
    await row.getByRole("link", { name: ESR_QUESTION }).click();
    await expectHeading(page, "Edit a help answer");
    await scanPage(page, "help-manage-edit");
    const summary = "Look on your NHS payslip. Type all 11 digits, like 12345678901.";
    await page.getByLabel("Short answer").fill(summary);
    const body = page.getByLabel("Full answer");
    await body.fill(`${await body.inputValue()}\n\n## Still stuck?\n\nAsk your **payroll team**.`);
    await page.getByRole("button", { name: "Preview the full answer" }).click();
    const preview = page.getByRole("region", { name: "Preview: how learners will see the full answer" });
    await preview.getByRole("heading", { name: "Still stuck?" }).waitFor();
    await expect.poll(() => preview.locator("strong").last().textContent()).toBe("payroll team");
    await scanPage(page, "help-manage-edit-preview");
    await page.getByRole("button", { name: "Save answer" }).click();

    // The answer as learners see it now.
    await expectHeading(page, ESR_QUESTION);
    await page.getByText("Answer saved").waitFor();
    await page.getByText(summary).waitFor();
    await page.getByRole("heading", { level: 2, name: "Still stuck?" }).waitFor();
    await scanPage(page, "help-answer-after-edit");
    const learner = await (await journey.browser().newContext()).newPage();
    await learner.goto(`${base}/help/where-to-find-my-esr-number`);
    await learner.getByText(summary).waitFor();

    // A new answer: its errors, then saved as a draft that learners cannot find.
    await page.goto(`${base}/manage/help/new`);
    await expectHeading(page, "Add a help answer");
    await page.getByRole("button", { name: "Save answer" }).click();
    await page
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: /Enter the question/ })
      .waitFor();
    await scanPage(page, "help-manage-new-errors");
    await page.getByLabel("Question").fill("Can I learn on a mobile phone?");
    await expect
      .poll(() => page.getByLabel("Web address").inputValue())
      .toBe("can-i-learn-on-a-mobile-phone");
    await page.getByRole("radio", { name: "Learning and progress" }).check();
    await page.getByLabel("Short answer").fill("Yes. QI Academy works on phones, tablets and computers.");
    await page.getByLabel("Full answer").fill("Every page works on a small screen.");
    await page.getByRole("button", { name: "Save answer" }).click();
    await expectHeading(page, "Can I learn on a mobile phone?");
    await page.getByRole("heading", { name: "Draft" }).waitFor();
    await scanPage(page, "help-answer-draft");
    await learner.goto(`${base}/help/can-i-learn-on-a-mobile-phone`);
    await expectHeading(learner, "Help page not found");

    // Delete it, after confirming.
    await page.getByRole("link", { name: "Edit this answer" }).click();
    await expectHeading(page, "Edit a help answer");
    await page.getByRole("link", { name: "Delete this answer" }).click();
    await expectHeading(page, "Are you sure you want to delete this answer?");
    await scanPage(page, "help-manage-delete");
    await page.getByRole("button", { name: "Delete answer" }).click();
    await expectHeading(page, "Help answers");
    await page.getByText("Answer deleted: Can I learn on a mobile phone?").waitFor();
    await expect
      .poll(() => page.getByRole("link", { name: "Can I learn on a mobile phone?" }).count())
      .toBe(0);
    await scanPage(page, "help-manage-after-delete");

    await context.close();
  });
});
