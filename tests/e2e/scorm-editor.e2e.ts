import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildEditor } from "../support/factories.js";
import { scorm12Package, scorm2004Package } from "../support/scorm-packages.js";
import { createTestApp, type TestContext } from "../support/test-app.js";
import {
  expectHeading,
  expectNoHorizontalScroll,
  launchBrowser,
  scanPage,
  signIn,
} from "./support/browser.js";

/** Scans the page at 320 px wide, checks nothing scrolls sideways, and goes back to 1280 px. */
async function scanNarrow(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 640 });
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe("content editor: a SCORM step, its package, and a new version", () => {
  let ctx: TestContext | undefined;
  let browser: Browser | undefined;
  let base = "";
  const dir = mkdtempSync(path.join(os.tmpdir(), "qia-scorm-e2e-"));
  beforeAll(async () => {
    ctx = await createTestApp();
    await ctx.app.listen({ host: "127.0.0.1", port: 0 });
    const address = ctx.app.server.address() as AddressInfo; // listen() on a TCP port always gives AddressInfo
    base = `http://127.0.0.1:${address.port}`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  it("adds a scorm step, uploads a package, sees the stages and summary, refuses a bad zip, uploads version 2", async () => {
    if (!ctx || !browser) throw new Error("The app or browser did not start");
    const [course] = (await ctx.database.rawQuery(
      `select c.id, c.title from courses c where exists (select 1 from course_modules m where m.course_id = c.id)
        order by c.title limit 1`,
      [],
    )) as Array<{ id: string; title: string }>;
    if (!course) throw new Error("no course with modules in the seed");

    const first = path.join(dir, "measuring-for-improvement.zip");
    writeFileSync(first, scorm12Package({ scos: 2, masteryScore: 80, title: "Measuring for improvement" }));
    const bad = path.join(dir, "not-a-package.zip");
    writeFileSync(bad, Buffer.from("this is not a zip"));
    const second = path.join(dir, "version-two.zip");
    writeFileSync(
      second,
      scorm2004Package({ edition: "3rd", sequencing: true, title: "Measuring, revised" }),
    );

    const editor = await buildEditor(ctx);
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, base, editor.email, editor.password);

    await page.goto(`${base}/manage/courses/${course.id}`);
    await expectHeading(page, course.title);
    const details = page.locator("details", { hasText: "Add a step to module 1" });
    await details.locator("summary").click();
    await details.getByRole("radio", { name: "SCORM package", exact: true }).check();
    await details.getByLabel("Step title").fill("Run charts in practice");
    await details.getByRole("button", { name: "Add step to module 1" }).click();
    await expectHeading(page, "Run charts in practice");
    await scanPage(page, "scorm-step-empty");

    // A file that is not a zip: the NHS error summary names the problem and links to the field.
    await page.getByLabel("Upload the SCORM package").setInputFiles(bad);
    await page.getByRole("button", { name: "Upload package" }).click();
    const summary = page.locator(".nhsuk-error-summary");
    await summary.getByText(/not a zip file/).waitFor();
    await expect.poll(() => summary.getByRole("link").first().getAttribute("href")).toBe("#scormPackageId");
    await page.getByText("Stopped").waitFor();
    await scanPage(page, "scorm-step-refused");

    // A real package: progress, then every stage done, then the summary.
    await page.getByLabel("Upload the SCORM package").setInputFiles(first);
    await page.getByRole("button", { name: "Upload package" }).click();
    await page.getByText("Imported version 1. Save the step to use it.").waitFor();
    const stages = page.locator(".app-import-stages li");
    await expect.poll(() => stages.count()).toBe(5);
    await expect.poll(() => stages.filter({ hasText: "Done" }).count()).toBe(5);
    await expect.poll(() => page.locator(".nhsuk-error-summary").count()).toBe(0);
    const packageSection = page.getByRole("region", { name: "The uploaded package" });
    await packageSection.getByText("SCORM 1.2", { exact: true }).waitFor();
    await packageSection.getByText("1 (first upload)").waitFor();
    await packageSection.getByText("80%").waitFor();
    await packageSection.getByText("sco-2/index.html").first().waitFor();
    await packageSection.getByRole("heading", { name: "Contents: Measuring for improvement" }).waitFor();
    await scanPage(page, "scorm-step-uploaded");

    await page.getByRole("button", { name: "Save step" }).click();
    await page.locator(".nhsuk-notification-banner").getByText("Step saved").waitFor();
    await page.getByRole("region", { name: "The step's package" }).waitFor();
    await scanPage(page, "scorm-step-saved");
    await scanNarrow(page, "scorm-step-saved-320px");

    // A new version: same lineage, version 2, with the sequencing warning in a warning callout.
    await page.getByLabel("Upload a new version").setInputFiles(second);
    await page.getByRole("button", { name: "Upload new version" }).click();
    await page.getByText("Imported version 2. Save the step to use it.").waitFor();
    const callout = page.locator(".nhsuk-card--warning");
    await callout.getByText(/IMS Simple Sequencing/).waitFor();
    await page.getByText("2 (replaces version 1)").waitFor();
    await page.getByText("SCORM 2004 3rd Edition").waitFor();
    await page.getByRole("button", { name: "Save step" }).click();
    await page.getByRole("region", { name: "The step's package" }).waitFor();
    await scanPage(page, "scorm-step-version-2");
    await scanNarrow(page, "scorm-step-version-2-320px");

    // Keyboard only: the file input and upload button are reachable in order.
    await page.getByLabel("Upload a new version").focus();
    await page.keyboard.press("Tab");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim() ?? ""))
      .toBe("Upload new version");
    await context.close();
  });
});
