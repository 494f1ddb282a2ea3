import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { expectHeading, scanPage, signIn } from "./support/browser.js";
import { useJourney } from "./support/journey.js";
import { DEMO_PASSWORD } from "./support/server.js";

/** Submits a form with nothing in it and scans its error state. */
async function scanErrors(page: Page, button: string, name: string) {
  await page.getByRole("button", { name: button }).click();
  await page.getByRole("heading", { name: "There is a problem" }).waitFor();
  await scanPage(page, name);
}

/** Follows a link in the page's main content and waits for the page's heading. */
async function follow(page: Page, link: string | RegExp, heading: string | RegExp) {
  await page
    .getByRole("main")
    .getByRole("link", { name: link, exact: typeof link === "string" })
    .first()
    .click();
  await expectHeading(page, heading);
}

// The projects journey (projects.e2e.ts) scans the pages a new project passes through; this sweep scans the rest on
// the demo data a fresh start seeds: the demo learner's project and its team, PDSA, measure and write-up pages, the
// public SPC tool, library and rubric, and the assessors' and administrators' case-study lists.
describe("improvement project pages pass an accessibility scan on the demo data", () => {
  const journey = useJourney();

  it("scans the demo project's pages, forms and their error states", async () => {
    const base = journey.server().baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await signIn(page, base, "learner@example.org", DEMO_PASSWORD);
    await page.getByRole("link", { name: "My projects" }).click();
    await expectHeading(page, "My improvement projects");
    await scanPage(page, "sweep-projects");

    await follow(
      page,
      "Reducing missed medication doses on Ward 10",
      "Reducing missed medication doses on Ward 10",
    );
    await scanPage(page, "sweep-project-overview");
    const overview = page.url();

    for (const [link, heading, name] of [
      [/Change the project's details/, /Change|Edit/, "sweep-project-edit"],
      ["Driver diagram", "Driver diagram", "sweep-project-driver-diagram"],
      ["PDSA cycles", "PDSA cycles", "sweep-project-pdsa"],
      ["Case-study write-up", "Case-study write-up", "sweep-project-write-up"],
      ["Recognition", "Recognition", "sweep-project-recognition"],
      [/Manage the team/, "Project team", "sweep-project-team"],
      [/^Delete the project/, /Are you sure you want to delete/, "sweep-project-delete"],
    ] as const) {
      await page.goto(overview);
      await follow(page, link, heading);
      await scanPage(page, name);
    }

    await page.goto(`${overview}/pdsa`);
    await expectHeading(page, "PDSA cycles");
    await page.getByRole("link", { name: "Tabards on the evening round" }).click();
    await page.getByRole("button", { name: "Save changes" }).waitFor();
    await scanPage(page, "sweep-pdsa-cycle");

    await page.goto(`${overview}/pdsa/new`);
    await page.getByRole("button", { name: "Add cycle" }).waitFor();
    await scanErrors(page, "Add cycle", "sweep-pdsa-new-error");

    await page.goto(`${overview}/measures/new`);
    await expectHeading(page, "Add a measure");
    await scanErrors(page, "Add measure", "sweep-measure-new-error");

    await page.goto(overview);
    await follow(page, "Missed doses per 100 administrations", "Missed doses per 100 administrations");
    await page.locator("main svg[role='img']").first().waitFor();
    await scanPage(page, "sweep-measure");
    const measure = page.url();
    for (const [link, heading, name] of [
      ["Paste or upload data", "Paste or upload data", "sweep-measure-import"],
      ["Chart settings", "Chart settings", "sweep-measure-settings"],
      ["Add a note to the chart", "Add a note to the chart", "sweep-measure-note"],
    ] as const) {
      await page.goto(measure);
      await follow(page, link, heading);
      await scanPage(page, name);
    }
    await scanErrors(page, "Add note", "sweep-measure-note-error");
  });

  it("scans the public SPC tool, the case-study library, an entry and the rubric", async () => {
    const base = journey.server().baseUrl;
    const page = await (await journey.browser().newContext()).newPage();
    await page.goto(`${base}/tools/spc`);
    await expectHeading(page, "Draw an SPC chart");
    await scanPage(page, "sweep-spc-tool");
    await scanErrors(page, "Draw the chart", "sweep-spc-tool-error");

    await page.goto(`${base}/case-studies`);
    await expectHeading(page, "Case-study library");
    await scanPage(page, "sweep-library");
    await follow(
      page,
      "Faster discharge letters on the respiratory ward",
      "Faster discharge letters on the respiratory ward",
    );
    await page.locator("main svg[role='img']").first().waitFor();
    await scanPage(page, "sweep-library-entry");

    await page.goto(`${base}/case-studies/rubric`);
    await expectHeading(page, "The recognition rubric");
    await scanPage(page, "sweep-rubric");
  });

  it("scans the assessors' and administrators' case-study lists", async () => {
    const base = journey.server().baseUrl;
    const assessor = await (await journey.browser().newContext()).newPage();
    await signIn(assessor, base, "assessor@example.org", DEMO_PASSWORD);
    await assessor.goto(`${base}/assessment/case-studies`);
    await expectHeading(assessor, "Case studies for recognition");
    await scanPage(assessor, "sweep-assessor-case-studies");

    const admin = await (await journey.browser().newContext()).newPage();
    await signIn(admin, base, "admin@example.org", DEMO_PASSWORD);
    await admin.goto(`${base}/admin/case-studies`);
    await expectHeading(admin, "Case studies for recognition");
    await scanPage(admin, "sweep-admin-case-studies");
  });
});
