import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

const NORTHFIELD = "Northfield district nursing";
const SOUTHGATE = "Southgate community therapy";
const MODULE = "Well Organised Working Environment";
const MEASURE = "Time looking for stock";
const SIGNED_OFF_BENEFIT = "Stock reduction at the team base";

/** A fresh signed-in page for a demo account. */
async function demoPage(browser: Browser, base: string, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, base, email, DEMO_PASSWORD);
  return page;
}

/** Submits a form with nothing (or something wrong) in it and scans its error state. */
async function scanErrors(page: Page, button: string, name: string) {
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await expect(page.title()).resolves.toMatch(/^Error: /);
  await scanPage(page, name);
}

/** Clicks a link of a navigation landmark and waits for the page's heading. */
async function viaNav(page: Page, nav: string, link: string, heading: string | RegExp) {
  await page.getByRole("navigation", { name: nav }).getByRole("link", { name: link, exact: true }).click();
  await expectHeading(page, heading);
}

/** The page at a phone's 320 px width: nothing reaches past the screen. */
async function at320(page: Page, name: string) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: 720 });
  // The charts measure their box after a resize; give them a frame to redraw.
  await page.waitForTimeout(300);
  await expectNoHorizontalScroll(page);
  await scanPage(page, name);
  if (before) await page.setViewportSize(before);
}

// The implementation journey (implementation.e2e.ts) scans the pages a new registration passes through; this sweep
// scans the rest on the demo data a fresh start seeds: the demo trust's registration on Productive Community
// Services with Northfield and Southgate, their houses, measures, board and benefits, the summary and box sets, the
// progress import, the administrators' box set orders and the content editors' house and measure library.
describe("programme implementation pages pass an accessibility scan on the demo data", () => {
  const journey = useJourney();

  it("scans the programme lead's registration, grid, houses, measures, board, benefits, summary and box sets", async () => {
    const base = journey.server().baseUrl;
    const page = await demoPage(journey.browser(), base, "lead@example.org");

    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Programmes" }).click();
    await expectHeading(page, "Programme implementation");
    await scanPage(page, "sweep-implementation-home");
    await page.getByRole("link", { name: /^Productive Community Services for / }).click();
    await expectHeading(page, "Productive Community Services");
    await page
      .getByRole("table", { name: "Teams implementing the programme" })
      .getByRole("link", { name: NORTHFIELD, exact: true })
      .waitFor();
    await scanPage(page, "sweep-implementation-overview");
    const overview = page.url();

    // The organisation's grid of every team's house, with counts, and the progress import.
    await viaNav(page, "Programme implementation", "Teams' houses", "Teams' houses");
    const grid = page.getByRole("table", { name: /^Each team's status on each module/ });
    await grid.getByRole("link", { name: NORTHFIELD, exact: true }).waitFor();
    await grid.getByRole("link", { name: SOUTHGATE, exact: true }).waitFor();
    await scanPage(page, "sweep-implementation-grid");
    await at320(page, "sweep-implementation-grid-320");
    await page.getByRole("link", { name: "Import module progress from a CSV file" }).click();
    await expectHeading(page, "Import module progress");
    await scanPage(page, "sweep-implementation-progress-import");
    await scanErrors(page, "Preview", "sweep-implementation-progress-import-error");

    // A team's house and a module's status.
    await page.goto(overview);
    await expectHeading(page, "Productive Community Services");
    await page
      .getByRole("table", { name: "Teams implementing the programme" })
      .getByRole("link", { name: NORTHFIELD, exact: true })
      .click();
    await expectHeading(page, NORTHFIELD);
    const teamHouse = page.url();
    await page.getByRole("region", { name: "Foundation modules" }).getByRole("link").first().waitFor();
    await scanPage(page, "sweep-implementation-team-house");
    await at320(page, "sweep-implementation-team-house-320");
    await page
      .getByRole("region", { name: "Foundation modules" })
      .getByRole("link", { name: new RegExp(`^${MODULE}\\s*: change its status$`) })
      .click();
    await expectHeading(page, MODULE);
    await page.getByRole("button", { name: "Save status" }).waitFor();
    await scanPage(page, "sweep-implementation-module-status");

    // The team's measures, a measure's chart, its import and settings pages, and a new measure's error state.
    await page.goto(teamHouse);
    await expectHeading(page, NORTHFIELD);
    await viaNav(page, "This team", "Measures", "Measures");
    await scanPage(page, "sweep-implementation-measures");
    await page.getByRole("main").getByRole("link", { name: MEASURE, exact: true }).click();
    await expectHeading(page, MEASURE);
    await page.locator("figure.app-spc-chart svg[role=img]").waitFor();
    await scanPage(page, "sweep-implementation-measure");
    const measure = page.url();
    await page.getByRole("link", { name: "Paste or upload data" }).click();
    await expectHeading(page, "Paste or upload data");
    await scanPage(page, "sweep-implementation-measure-import");
    await scanErrors(page, "Preview", "sweep-implementation-measure-import-error");
    await page.goto(measure);
    await expectHeading(page, MEASURE);
    await page.getByRole("link", { name: "Measure settings and board" }).click();
    await expectHeading(page, "Measure settings");
    await scanPage(page, "sweep-implementation-measure-settings");
    await page.goto(teamHouse);
    await viaNav(page, "This team", "Measures", "Measures");
    await page.getByRole("link", { name: "Add a measure" }).click();
    await expectHeading(page, "Add a measure");
    await scanPage(page, "sweep-implementation-measure-new");
    await scanErrors(page, "Add measure", "sweep-implementation-measure-new-error");

    // The "Knowing how we are doing" board, its print control, 320 px, and its settings.
    await page.goto(teamHouse);
    await viaNav(page, "This team", "Knowing how we are doing", "Knowing how we are doing");
    await page.locator(".app-board-card").first().waitFor();
    await expect(page.locator(".app-board-card").count()).resolves.toBeGreaterThanOrEqual(1);
    await page.getByText("Print or show full screen").click();
    await page.getByRole("button", { name: "Print for the team's wall" }).waitFor();
    await page.getByLabel("A4 landscape").check();
    await page.getByRole("button", { name: "View full screen" }).waitFor();
    await scanPage(page, "sweep-implementation-board");
    await at320(page, "sweep-implementation-board-320");
    await page.getByRole("link", { name: "Choose the board's measures" }).click();
    await expectHeading(page, "Choose the board's measures");
    await scanPage(page, "sweep-implementation-board-settings");

    // Benefits: the list, a signed-off benefit, the benefit areas, and the record form's error state.
    await page.goto(overview);
    await viaNav(page, "Programme implementation", "Benefits", "Benefits");
    await page.getByRole("link", { name: SIGNED_OFF_BENEFIT }).waitFor();
    await scanPage(page, "sweep-implementation-benefits");
    await page.getByRole("link", { name: SIGNED_OFF_BENEFIT }).click();
    await expectHeading(page, SIGNED_OFF_BENEFIT);
    await page.locator(".nhsuk-tag").filter({ hasText: "Signed off" }).first().waitFor();
    await page.getByRole("heading", { name: "History" }).waitFor();
    await page
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Programme implementation", exact: true })
      .waitFor();
    await scanPage(page, "sweep-implementation-benefit");
    await page
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Benefits" })
      .click();
    await expectHeading(page, "Benefits");
    await page.getByRole("link", { name: "Change the benefit areas" }).click();
    await expectHeading(page, "Benefit areas");
    await scanPage(page, "sweep-implementation-benefit-areas");
    await page.goto(overview);
    await viaNav(page, "Programme implementation", "Benefits", "Benefits");
    await page.getByRole("link", { name: "Record a benefit" }).click();
    await expectHeading(page, "Record a benefit");
    await scanPage(page, "sweep-implementation-benefit-new");
    await scanErrors(page, "Record benefit", "sweep-implementation-benefit-new-error");

    // The summary and box sets.
    await page.goto(overview);
    await viaNav(page, "Programme implementation", "Benefits summary", "Benefits summary");
    await page.getByRole("heading", { name: "Headline figures" }).waitFor();
    await page.getByRole("link", { name: "Benefits summary with its chart (PDF)" }).waitFor();
    await scanPage(page, "sweep-implementation-summary");
    await viaNav(page, "Programme implementation", "Box sets", "Box sets");
    await page.getByRole("table", { name: "Free box sets and prices" }).waitFor();
    await scanPage(page, "sweep-implementation-box-sets");
    await scanErrors(page, "Order box sets", "sweep-implementation-box-sets-error");

    // Adding a team: the form and its error state.
    await page.goto(overview);
    await page.getByRole("link", { name: "Add a team" }).click();
    await expectHeading(page, "Add a team");
    await scanErrors(page, "Add team", "sweep-implementation-team-new-error");
  });

  it("scans what the team leader and the finance lead see", async () => {
    const base = journey.server().baseUrl;
    const leader = await demoPage(journey.browser(), base, "teamleader@example.org");
    await leader.goto(`${base}/implementation`);
    await expectHeading(leader, "Programme implementation");
    await leader.getByRole("heading", { name: "Teams you lead" }).waitFor();
    await scanPage(leader, "sweep-implementation-home-team-leader");
    await leader.getByRole("link", { name: NORTHFIELD, exact: true }).click();
    await expectHeading(leader, NORTHFIELD);
    // The team's house has the team pages' breadcrumb back to the registration.
    await leader
      .getByRole("navigation", { name: "Breadcrumb" })
      .getByRole("link", { name: "Programme implementation", exact: true })
      .waitFor();
    await scanPage(leader, "sweep-implementation-team-house-leader");
    await leader.getByRole("link", { name: "See every team's house" }).click();
    await expectHeading(leader, /Teams' houses|Sorry|cannot/);
    await scanPage(leader, "sweep-implementation-grid-leader");

    const finance = await demoPage(journey.browser(), base, "finance@example.org");
    await finance.goto(`${base}/implementation`);
    await finance.getByRole("link", { name: /^Productive Community Services for / }).click();
    await expectHeading(finance, "Productive Community Services");
    await viaNav(finance, "Programme implementation", "Benefits", "Benefits");
    await scanPage(finance, "sweep-implementation-benefits-finance");
  });

  it("scans the administrators' box set orders and the editors' house and measure library", async () => {
    const base = journey.server().baseUrl;
    const admin = await demoPage(journey.browser(), base, "admin@example.org");
    await admin.goto(`${base}/admin/box-sets`);
    await expectHeading(admin, "Box set orders");
    await scanPage(admin, "sweep-implementation-admin-box-sets");

    const editor = await demoPage(journey.browser(), base, "editor@example.org");
    await editor.goto(`${base}/manage/programmes`);
    await expectHeading(editor, "Manage programmes");
    await editor.getByRole("link", { name: /^Change\s*Productive Community Services$/ }).click();
    await expectHeading(editor, "Change programme");
    const programme = editor.url();
    await editor.getByRole("link", { name: "Change the house (modules and their order)" }).click();
    await expectHeading(editor, "Productive Community Services: house");
    await editor.getByText(MODULE).first().waitFor();
    await scanPage(editor, "sweep-implementation-house-editor");
    await editor.goto(programme);
    await expectHeading(editor, "Change programme");
    await editor.getByRole("link", { name: "Change the measure library" }).click();
    await expectHeading(editor, "Measure library");
    await editor.getByText(MEASURE).first().waitFor();
    await scanPage(editor, "sweep-implementation-measure-library");
  });
});
