import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { RECOGNITION_RUBRIC } from "../../src/shared/recognition.js";
import { buildUser, organisationByOds, TEST_PASSWORD } from "../support/factories.js";
import { pdfPlainText } from "../support/pdf-text.js";
import { expectHeading, SCREENSHOT_DIR, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

/** A signed-in page of its own (its own cookies), for one person of the journey. */
async function personPage(
  browser: Browser,
  base: string,
  email: string,
  landing = "/account",
): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, base, email, TEST_PASSWORD, landing);
  return page;
}

/** pdftoppm (poppler-utils) when this machine has it: the case study is rendered to PNG for a person to look at. */
function hasPdftoppm(): boolean {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Fills a day / month / year date input found by its legend. */
async function fillDate(page: Page, legend: string, iso: string): Promise<void> {
  const [year = "", month = "", day = ""] = iso.split("-");
  const group = page.getByRole("group", { name: legend, exact: true });
  await group.getByLabel("Day").fill(String(Number(day)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year);
}

/** The calendar date `weeks` weeks after `iso`. */
function addWeeks(iso: string, weeks: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + weeks * 7);
  return date.toISOString().slice(0, 10);
}

/** "2025-03-31" as "31/03/2025", the way a spreadsheet copies it. */
const ukDate = (iso: string) => iso.split("-").reverse().join("/");

const FIRST_WEEK = "2025-01-06";
/** Twelve weeks around 10, then twelve around 5 (every one below the overall mean): a shift down, and lower is better. */
const VALUES = [9, 11, 10, 12, 9, 10, 11, 10, 9, 11, 10, 12, 5, 4, 6, 5, 5, 4, 6, 5, 4, 5, 6, 5];
const CHANGE_WEEK = addWeeks(FIRST_WEEK, 12); // week 13: 31 March 2025
const CHANGE_WEEK_WORDS = "31 March 2025";

const TITLE = "Kestrel ward: fewer missed medicine doses";
const MEASURE = "Missed doses per week";
const PDSA_TITLE = "Protected drug rounds";
const PRIMARY = "Reliable drug rounds";
const SECONDARY = "Nurses not interrupted during rounds";
const CHANGE_IDEA = "Red tabards on drug rounds";
const SECTIONS = {
  Background: "Patients on Kestrel ward missed about ten doses of medicine every week.",
  Aim: "Halve missed doses on Kestrel ward within six months.",
  Methods: "We built a driver diagram and tested protected drug rounds in PDSA cycles.",
  Results: "Missed doses fell from about ten a week to about five, a shift on the SPC chart.",
  "Lessons learnt": "Small tests with the night team made the change stick.",
  "Next steps": "Spread protected drug rounds to the two neighbouring wards.",
  "Patient and staff involvement": "Patients and nurses chose the tabard colour together.",
} as const;

/*
 * An improvement project from start to recognition, through the pages each person uses: a learner starts a project with
 * an aim, builds a driver diagram, adds an outcome measure and pastes 24 weeks of data, records a PDSA cycle, sees the
 * chart flag the shift as improvement with the cycle marked on it, rebases the limits at the change, writes the case
 * study and downloads its PDF (rendered to PNG when poppler is installed), and submits it for recognition; an assessor
 * from another organisation scores and recognises it; the learner sees the certificate; a signed-out visitor finds it
 * in the public library with its chart and the learner named as author.
 */
describe("projects: from a project's aim to a recognised case study in the library", () => {
  const journey = useInProcessJourney();

  it("takes a learner's project through measures, PDSA, SPC, write-up and recognition, and an assessor recognises it", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const browser = journey.browser();
    const learner = await buildUser(ctx, {
      givenName: "Priya",
      familyName: "Shah",
      organisationId: await organisationByOds(ctx, "RR8"),
      roles: ["learner"],
    });
    const assessor = await buildUser(ctx, {
      givenName: "Tom",
      familyName: "Evans",
      organisationId: await organisationByOds(ctx, "RX1"),
      roles: ["assessor"],
    });

    // The learner opens My projects from the header and starts a project.
    const l = await personPage(browser, base, learner.email);
    await l.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "My projects" }).click();
    await expectHeading(l, "My improvement projects");
    await scanPage(l, "projects-mine");
    await l.getByRole("link", { name: "Start a project" }).click();
    await expectHeading(l, "Start an improvement project");
    await l.getByLabel("Project title").fill(TITLE);
    await l.getByLabel("What is the problem?").fill("Patients miss about ten doses of medicine a week.");
    await l.getByLabel("What will improve?").fill("Reduce missed medicine doses on Kestrel ward");
    await l.getByLabel("By how much?").fill("by 50%");
    await fillDate(l, "By when?", `${new Date().getUTCFullYear() + 1}-03-31`);
    await l.getByLabel("Where does the project happen?").selectOption({ label: "Hospital ward" });
    await l.getByLabel("What is it about?").selectOption({ label: "Medicines" });
    await scanPage(l, "projects-new");
    await l.getByRole("button", { name: "Start project" }).click();
    await l.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    const projectId = new URL(l.url()).pathname.split("/")[2] ?? "";
    await expectHeading(l, TITLE);
    await l.getByText("Project started").waitFor();
    await scanPage(l, "projects-overview");

    // The driver diagram: a primary driver, a secondary driver under it and a change idea under that.
    await l.getByRole("link", { name: "Driver diagram" }).click();
    await expectHeading(l, "Driver diagram");
    await l.getByLabel("Add a primary driver").fill(PRIMARY);
    await l.getByRole("button", { name: "Add primary driver" }).click();
    await l.getByRole("heading", { level: 3, name: PRIMARY }).waitFor();
    await l.getByLabel(`Add a secondary driver under "${PRIMARY}"`).fill(SECONDARY);
    await l.getByRole("button", { name: "Add secondary driver" }).click();
    await l.getByRole("heading", { level: 4, name: SECONDARY }).waitFor();
    await l.getByLabel(`Add a change idea under "${SECONDARY}"`).fill(CHANGE_IDEA);
    await l.getByRole("button", { name: "Add change idea" }).click();
    await l
      .getByRole("list", { name: `Under ${SECONDARY}` })
      .getByRole("button", { name: new RegExp(`^Rename\\s*: ${CHANGE_IDEA}$`) })
      .waitFor();
    await scanPage(l, "projects-driver-diagram");

    // An outcome measure: lower is better, weekly, with a target.
    await l.goto(`${base}/projects/${projectId}`);
    await expectHeading(l, TITLE);
    await l.getByRole("link", { name: "Add a measure" }).click();
    await expectHeading(l, "Add a measure");
    await l.getByLabel("Outcome measure", { exact: true }).check();
    await l.getByLabel("Title", { exact: true }).fill(MEASURE);
    await l.getByLabel("Lower is better", { exact: true }).check();
    await l.getByLabel("How often is the data collected?").selectOption("weekly");
    await l.getByLabel("Target (optional)").fill("4");
    await scanPage(l, "projects-new-measure");
    await l.getByRole("button", { name: "Add measure" }).click();
    await expectHeading(l, MEASURE);
    const measurePath = new URL(l.url()).pathname;
    expect(measurePath).toMatch(new RegExp(`^/projects/${projectId}/measures/[0-9a-f-]{36}$`));
    await l.getByText("Lower is better. Collected weekly. Target: 4.").waitFor();

    // 24 weeks pasted from a spreadsheet: previewed, then added.
    await l.getByRole("link", { name: "Paste or upload data" }).click();
    await expectHeading(l, "Paste or upload data");
    const pasted = VALUES.map((v, i) => `${ukDate(addWeeks(FIRST_WEEK, i))}\t${v}`).join("\n");
    await l.getByLabel("Paste from a spreadsheet").fill(pasted);
    await l.getByRole("button", { name: "Preview" }).click();
    await l.getByText("24 new, 0 replacing existing values, 0 errors.").waitFor();
    await expect(l.getByRole("table").getByText("New", { exact: true }).count()).resolves.toBe(24);
    await scanPage(l, "projects-import-preview");
    await l.getByRole("button", { name: "Add these 24 values" }).click();
    await expectHeading(l, MEASURE);
    await l.getByText("Data added").waitFor();
    await l.getByText(/^24 values from 6 January 2025 to 16 June 2025\./).waitFor();

    // A PDSA cycle testing the change idea, starting in week 13.
    await l.goto(`${base}/projects/${projectId}`);
    await l.getByRole("link", { name: "PDSA cycles" }).click();
    await expectHeading(l, "PDSA cycles");
    await l.getByRole("link", { name: "Add a PDSA cycle" }).click();
    await expectHeading(l, "Add a PDSA cycle");
    await l.getByLabel("Title", { exact: true }).fill(PDSA_TITLE);
    await l.getByLabel("Change idea tested").selectOption({ label: CHANGE_IDEA });
    await fillDate(l, "Start date", CHANGE_WEEK);
    await l
      .getByLabel("Plan", { exact: true })
      .fill("Day shift wears red tabards on the 8am and 12pm rounds.");
    await l.getByLabel("Prediction", { exact: true }).fill("Fewer interruptions, so fewer missed doses.");
    await l.getByLabel("Do", { exact: true }).fill("Tabards were worn on every round for four weeks.");
    await l.getByLabel("Study", { exact: true }).fill("Missed doses halved within the first fortnight.");
    await l.getByLabel("Act", { exact: true }).fill("Adopt on every round, nights included.");
    await l.getByLabel("Adopt the change").check();
    await scanPage(l, "projects-new-pdsa");
    await l.getByRole("button", { name: "Add cycle" }).click();
    await expectHeading(l, "PDSA cycles");
    await l.getByRole("link", { name: PDSA_TITLE }).waitFor();
    await scanPage(l, "projects-pdsa-list");

    // The measure's chart: the shift down is special cause improvement, and the cycle is marked on the chart.
    await l.goto(`${base}${measurePath}`);
    await expectHeading(l, MEASURE);
    const chart = l.locator("figure.app-spc-chart");
    await chart.locator("svg[role=img]").waitFor();
    await l.getByText("Special cause variation: improvement (low).").first().waitFor();
    await chart.getByText("Special cause: improvement (blue triangle)").waitFor();
    await expect(chart.locator("svg[role=img] text").allTextContents()).resolves.toContain(
      `PDSA: ${PDSA_TITLE}`,
    );
    await chart.getByText("Show the data").click();
    const improvementRows = chart.getByRole("row").filter({ hasText: "Special cause: improvement" });
    await expect.poll(() => improvementRows.count()).toBeGreaterThanOrEqual(6);
    await expect(l.getByText("Limits recalculated from").locator("..").innerText()).resolves.toContain(
      "Not recalculated",
    );
    await scanPage(l, "projects-measure-shift");

    // Chart settings: recalculate the limits from week 13; the chart then says so.
    await l.getByRole("link", { name: "Chart settings" }).click();
    await expectHeading(l, "Chart settings");
    await fillDate(l, "Recalculate the limits from", CHANGE_WEEK);
    await l.getByRole("button", { name: "Add this date" }).click();
    await l.getByText(`Recalculated from ${CHANGE_WEEK_WORDS}`).waitFor();
    await scanPage(l, "projects-chart-settings");
    await l.getByRole("button", { name: "Save settings" }).click();
    await expectHeading(l, MEASURE);
    await l.getByText("Chart settings saved").waitFor();
    await l
      .getByText("The limits are recalculated 1 time, so the chart has 2 parts, each with its own mean.", {
        exact: false,
      })
      .waitFor();
    await expect(l.getByText("Limits recalculated from").locator("..").innerText()).resolves.toContain(
      CHANGE_WEEK_WORDS,
    );
    await expect(l.locator("figure.app-spc-chart svg[role=img] text").allTextContents()).resolves.toContain(
      `PDSA: ${PDSA_TITLE}`,
    );
    await scanPage(l, "projects-measure-rebased");

    // The case-study write-up: every section and the measure's chart, saved.
    await l.goto(`${base}/projects/${projectId}`);
    await l.getByRole("link", { name: "Case-study write-up" }).click();
    await expectHeading(l, "Case-study write-up");
    for (const [label, text] of Object.entries(SECTIONS)) {
      await l.getByLabel(label, { exact: true }).fill(text);
    }
    await l.getByRole("checkbox", { name: MEASURE }).check();
    await l.getByRole("button", { name: "Save write-up" }).click();
    await l
      .getByRole("status")
      .filter({ hasText: /^Saved at/ })
      .waitFor();
    await scanPage(l, "projects-write-up");

    // The PDF holds the title, every section heading and the chart; render it to PNG to look at.
    const pdfHref = await l.getByRole("link", { name: "Download the case study (PDF)" }).getAttribute("href");
    expect(pdfHref).toBe(`/api/projects/${projectId}/case-study.pdf`);
    const response = await l.request.get(`${base}${pdfHref}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const bytes = await response.body();
    const text = await pdfPlainText(bytes);
    expect(text).toContain(TITLE);
    for (const heading of Object.keys(SECTIONS)) expect(text).toContain(heading);
    expect(text).toContain(MEASURE);
    expect(text).toContain("Driver diagram");
    const pdfDir = path.join(SCREENSHOT_DIR, "projects-case-study");
    mkdirSync(pdfDir, { recursive: true });
    const pdfFile = path.join(pdfDir, "case-study.pdf");
    writeFileSync(pdfFile, bytes);
    if (hasPdftoppm()) {
      execFileSync("pdftoppm", ["-png", "-r", "70", pdfFile, path.join(pdfDir, "page")]);
      expect(readdirSync(pdfDir).filter((f) => f.endsWith(".png")).length).toBeGreaterThanOrEqual(1);
    }
    expect(existsSync(pdfFile)).toBe(true);

    // Recognition: the learner agrees to be named, then submits with the declaration and library consent.
    await l.getByRole("link", { name: "Submit the case study for recognition" }).click();
    await expectHeading(l, "Recognition");
    await l.getByText("The write-up is complete and there is measured data.").waitFor();
    await l.getByRole("button", { name: "Show my name as an author" }).click();
    await l.getByText("Your name appears with the case study if it is published.").waitFor();
    await l.getByLabel("This is our team's own work, and any patient data in it is anonymised").check();
    await l.getByLabel("Yes, publish it if it is recognised").check();
    await scanPage(l, "projects-recognition-submit");
    await l.getByRole("button", { name: "Submit for recognition" }).click();
    await l.getByText(/was submitted on .* and is waiting for an assessor/).waitFor();

    // The assessor, from another organisation, picks it up from Assessment → case studies and recognises it.
    const a = await personPage(browser, base, assessor.email);
    await a.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Assessment" }).click();
    await expectHeading(a, "Assessment");
    await a.getByRole("link", { name: "Case studies submitted for recognition" }).click();
    await expectHeading(a, "Case studies for recognition");
    await a.getByRole("button", { name: `Pick up ${TITLE}` }).waitFor();
    await scanPage(a, "projects-case-study-queue");
    await a.getByRole("button", { name: `Pick up ${TITLE}` }).click();
    await expectHeading(a, TITLE);
    await a.getByText("Case study picked up").waitFor();
    for (const [i, criterion] of RECOGNITION_RUBRIC.criteria.entries()) {
      await a
        .getByRole("group", { name: `Score for "${criterion.title}"` })
        .getByLabel(i % 2 === 0 ? /^3 – / : /^2 – /)
        .check();
    }
    await a.getByLabel("Recognise the project").check();
    await a.getByLabel("Overall feedback for the team").fill("A clear shift, well tested and well told.");
    await scanPage(a, "projects-case-study-assess");
    await a.getByRole("button", { name: "Record decision" }).click();
    await expectHeading(a, "Case studies for recognition");
    await a.getByText("Project recognised").waitFor();
    await a.getByText(/certificates were issued and the case study is in the public library/).waitFor();

    // The learner: recognised, with a certificate.
    await l.reload();
    await expectHeading(l, "Recognition");
    await l.getByText("This project is recognised").waitFor();
    await l.locator(".nhsuk-tag").filter({ hasText: "Recognised" }).first().waitFor();
    await l.getByRole("heading", { name: "Certificates" }).waitFor();
    await l.getByText("Priya Shah", { exact: true }).first().waitFor();
    await l.getByRole("link", { name: "See it in the library" }).waitFor();
    await scanPage(l, "projects-recognised");

    // A signed-out visitor finds it in the library by a word of its title, with its chart and its author.
    const v = await (await browser.newContext()).newPage();
    await v.goto(`${base}/case-studies`);
    await expectHeading(v, "Case-study library");
    await v.getByLabel("Search case studies").fill("Kestrel");
    await v.getByRole("button", { name: "Search" }).click();
    await v.waitForURL((url) => url.searchParams.get("q") === "Kestrel");
    await v.getByText("1 case study").waitFor();
    await scanPage(v, "projects-library");
    await v.getByRole("link", { name: TITLE }).click();
    await expectHeading(v, TITLE);
    const authors = v.locator(".nhsuk-summary-list__row").filter({ hasText: "Authors" });
    await expect(authors.innerText()).resolves.toContain("Priya Shah");
    await v.locator("figure.app-spc-chart svg[role=img]").first().waitFor();
    await expect(v.locator("figure.app-spc-chart svg title").first().textContent()).resolves.toBe(MEASURE);
    await scanPage(v, "projects-library-entry");
  });
});
