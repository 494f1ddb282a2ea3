import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, chromium, type Page } from "playwright-core";
import { expect } from "vitest";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Where journeys save their screenshots, for a person to look through. */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, "test-results/e2e");

/** The WCAG levels every page must meet. */
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Debian's Chromium (or CHROME_PATH), headless, with nothing that reaches beyond localhost. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

let screenshotNumber = 0;

/**
 * Checks the page as it stands: one h1, a "… – QI Academy" title, and no axe violations at WCAG 2.2 AA;
 * then saves a full-page screenshot as test-results/e2e/<NN>-<name>.png.
 */
export async function scanPage(page: Page, name: string): Promise<void> {
  await expect.poll(() => page.locator("h1").count(), { message: `${name}: exactly one h1` }).toBe(1);
  await expect(page.locator("h1").first().isVisible(), `${name}: the h1 is visible`).resolves.toBe(true);
  expect(await page.title(), `${name}: page title`).toMatch(/^.+ – QI Academy$/);

  // NHS.UK links lose their underline on hover. The pointer stays where the last click left it, so a
  // link that happens to sit under it on the new page would be judged in its hover state.
  await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations
    .map((violation) => {
      const targets = violation.nodes.map((node) => `    ${node.target.join(" ")}`).join("\n");
      return `- ${violation.id} (${violation.impact ?? "unknown impact"}): ${violation.help}\n${targets}`;
    })
    .join("\n");
  expect(report, `${name}: axe violations on ${page.url()}`).toBe("");

  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  screenshotNumber += 1;
  const file = `${String(screenshotNumber).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });
}

/** Checks the page fits a 320 px wide screen without scrolling sideways, at the current viewport. */
export async function expectNoHorizontalScroll(page: Page, width = 320): Promise<void> {
  const { scrollWidth, culprits } = await page.evaluate((limit) => {
    // Name the innermost elements that reach past the screen, so a failure says what to fix.
    // An element counts when its box or its own text (which can overflow a narrow box) reaches past.
    const reachesPast = (el: Element) => {
      if (el.getBoundingClientRect().right > limit + 0.5) return true;
      const range = document.createRange();
      range.selectNodeContents(el);
      return range.getBoundingClientRect().right > limit + 0.5;
    };
    const wide = [...document.querySelectorAll("body *")].filter(reachesPast);
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other)));
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.className && typeof el.className === "string" ? `.${el.className.trim().split(/\s+/).join(".")}` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    return {
      scrollWidth: document.documentElement.scrollWidth,
      culprits: innermost.slice(0, 5).map(describe),
    };
  }, width);
  expect(
    scrollWidth,
    `page is ${scrollWidth}px wide at a ${width}px viewport; too wide: ${culprits.join("; ")}`,
  ).toBeLessThanOrEqual(width);
}

/** Waits for the page's h1 to read `text` (pages change without a load, so the URL alone is not enough). */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole("heading", { level: 1, name: text }).waitFor();
}

/** Signs in through the sign-in page and waits to land on `landing` (My account unless told). */
export async function signIn(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  landing = "/account",
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await expectHeading(page, "Sign in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${baseUrl}${landing}`);
}

/**
 * Opens Admin → Email outbox on an administrator's page, filters by recipient, expands the newest email
 * with this subject and returns the address of its link whose path is `linkPath`.
 * Set `scanAs` to scan the outbox page (with the email open) once in a journey.
 */
export async function readEmailedLink(
  adminPage: Page,
  baseUrl: string,
  options: { to: string; subject: string; linkPath: string; scanAs?: string },
): Promise<string> {
  // A fresh load each time, so the list is fetched now rather than shown from an earlier visit.
  await adminPage.goto(`${baseUrl}/admin/outbox`);
  await expectHeading(adminPage, "Email outbox");
  await adminPage.getByLabel("Recipient email address").fill(options.to);
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await adminPage.waitForURL((url) => url.searchParams.get("to") === options.to);

  // Newest first: the first row to this person with this subject is the latest such email.
  const row = adminPage
    .getByRole("table")
    .getByRole("row")
    .filter({ hasText: options.to })
    .filter({ hasText: options.subject })
    .first();
  await row.waitFor();
  await row.getByText(options.subject).click();
  const link = row.getByRole("link").filter({ hasText: `${baseUrl}${options.linkPath}?` });
  await link.waitFor();
  if (options.scanAs) await scanPage(adminPage, options.scanAs);
  const href = await link.getAttribute("href");
  if (!href) throw new Error(`The email to ${options.to} has no ${options.linkPath} link`);
  return href;
}
