import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { buildOrganisation, buildUser, TEST_PASSWORD } from "../support/factories.js";
import { pdfPlainText } from "../support/pdf-text.js";
import { expectHeading, SCREENSHOT_DIR, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

/** A signed-in page of its own (its own cookies), for one person of the journey. */
async function personPage(browser: Browser, base: string, email: string): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, base, email, TEST_PASSWORD);
  return page;
}

/**
 * A form's error state: the focused error summary links `message` to the field `id`, the field shows it inline,
 * and the page title starts "Error: ".
 */
async function expectFormError(page: Page, id: string, message: string): Promise<void> {
  const summary = page.locator(".nhsuk-error-summary");
  await summary.getByRole("link", { name: message }).waitFor();
  await expect(summary.getByRole("link", { name: message }).getAttribute("href")).resolves.toBe(`#${id}`);
  await expect(summary.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
  const group = page.locator(".nhsuk-form-group--error").filter({ has: page.locator(`[id="${id}"]`) });
  await expect(group.locator(".nhsuk-error-message").innerText()).resolves.toContain(message);
  await expect(page.title()).resolves.toMatch(/^Error: /);
}

/** The page title once its errors are fixed: no "Error: " prefix. */
async function expectNoErrorTitle(page: Page): Promise<void> {
  await expect.poll(() => page.title()).not.toMatch(/^Error: /);
}

/** pdftoppm (poppler-utils) when this machine has it: the summary PDF is rendered to PNG for a person to look at. */
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

/** The calendar date `weeks` weeks after `iso` (negative for before). */
function addWeeks(iso: string, weeks: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + weeks * 7);
  return date.toISOString().slice(0, 10);
}

/** "2025-03-31" as "31/03/2025", the way a spreadsheet copies it. */
const ukDate = (iso: string) => iso.split("-").reverse().join("/");

/** The Monday of this week (UTC), so every date of the journey is in the past whenever it runs. */
function thisMonday(): string {
  const now = new Date();
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  today.setUTCDate(today.getUTCDate() - ((today.getUTCDay() + 6) % 7));
  return today.toISOString().slice(0, 10);
}

/** The team starts on the programme 26 weeks ago; its 24 weekly tallies start then. */
const FIRST_WEEK = addWeeks(thisMonday(), -26);
/** Minutes looking for stock: twelve weeks around 30, then twelve around 13 (lower is better) — a clear shift. */
const VALUES = [
  32, 28, 30, 31, 29, 33, 30, 27, 31, 30, 29, 32, 15, 13, 14, 12, 15, 14, 13, 12, 14, 13, 15, 12,
];
/** The module starts in week 13, when the values drop, and is complete in week 23. */
const MODULE_START = addWeeks(FIRST_WEEK, 12);
const MODULE_DONE = addWeeks(FIRST_WEEK, 22);
const REALISED_ON = addWeeks(FIRST_WEEK, 23);

const MODULE = "Well Organised Working Environment";
/** The module's tile link (its visually hidden words are blockified, so the name may have a space before the colon). */
const MODULE_LINK = new RegExp(`^${MODULE}\\s*: change its status$`);
const MEASURE = "Time looking for stock";
const TEAM_A = "Riverside district nursing";
const TEAM_B = "Hillcrest community therapy";
const BENEFIT = "Stock reduction in the Riverside stock room";
const QUERY = "Is the £1,850 the stock value at the count, or at purchase price?";
const ANSWER = "At purchase price, from the supplier invoices; the two counts are attached.";

/*
 * Programme implementation end to end, through the pages each person uses: a programme lead of a new NHS trust
 * registers it on Productive Community Services with an executive sponsor, names a finance lead, adds two teams and
 * orders more box sets than the free entitlement (the excess is priced and the charge confirmed); a team leader moves
 * the first foundation module to in progress, adds "Time looking for stock", pastes 24 weeks and sees the chart flag
 * the improvement with the module's start marked, then completes the module; records a stock reduction benefit with
 * evidence; the finance lead queries it, the team leader answers, the finance lead signs it off and the history shows
 * each step with who; the summary shows it as realised first-order value and the PDF and CSV downloads carry it.
 */
describe("implementation: from registering on a programme to a signed-off benefit in the summary", () => {
  const journey = useInProcessJourney();

  it("registers, adds teams, orders box sets, moves a module, charts a measure and signs off a benefit", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const browser = journey.browser();
    const suffix = Math.random().toString(36).slice(2, 7);
    const trustName = `Kingsmead Community Health NHS Trust ${suffix}`;
    const organisationId = await buildOrganisation(ctx, { type: "nhs_trust", name: trustName });
    const person = (givenName: string, familyName: string) =>
      buildUser(ctx, {
        organisationId,
        givenName,
        familyName,
        email: `${givenName.toLowerCase()}-${suffix}@kingsmead.example.test`,
      });
    const lead = await person("Olivia", "Hart");
    const sponsor = await person("Marcus", "Webb");
    const finance = await person("Fiona", "Clarke");
    const leaderA = await person("Tara", "Jones");
    const leaderB = await person("Ben", "Okafor");

    // 1. The programme lead registers the trust on Productive Community Services from Programmes in the header.
    const p = await personPage(browser, base, lead.email);
    await p.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Programmes" }).click();
    await expectHeading(p, "Programme implementation");
    await scanPage(p, "implementation-home-empty");
    await p.getByRole("link", { name: "Register your organisation on a programme" }).click();
    await expectHeading(p, "Register your organisation on a programme");
    await p.getByLabel("Productive Community Services", { exact: true }).check();
    await expect(p.getByLabel("Which organisation?").inputValue()).resolves.toBe(organisationId);
    await p.getByLabel("Executive sponsor's email address").fill(sponsor.email);
    await expect(p.getByLabel("Programme lead's email address").inputValue()).resolves.toBe(lead.email);
    await scanPage(p, "implementation-register");
    await p.getByRole("button", { name: "Register", exact: true }).click();
    await expectHeading(p, "Productive Community Services");
    await p.getByText("Your organisation is registered").waitFor();
    const registrationId = new URL(p.url()).pathname.split("/")[2] ?? "";
    expect(registrationId).toMatch(/^[0-9a-f-]{36}$/);
    const people = p.getByRole("table", { name: "People named on this registration" });
    await people
      .getByRole("row")
      .filter({ hasText: "Executive sponsor" })
      .filter({ hasText: "Marcus Webb" })
      .waitFor();
    await people
      .getByRole("row")
      .filter({ hasText: "Programme lead" })
      .filter({ hasText: "Olivia Hart" })
      .waitFor();

    // The finance lead is named on the registration.
    await p.getByText("Add someone to the registration").click();
    await p.getByRole("button", { name: "Add person" }).click();
    await expectFormError(p, "email", "Enter their email address");
    await p.locator(".nhsuk-error-summary").getByRole("link", { name: "Choose their role" }).waitFor();
    await p.getByLabel("Email address", { exact: true }).fill(finance.email);
    await p.getByLabel("Finance lead", { exact: true }).check();
    await p.getByRole("button", { name: "Add person" }).click();
    await p.getByText("Fiona Clarke is now finance lead.").waitFor();
    await expectNoErrorTitle(p);
    await people
      .getByRole("row")
      .filter({ hasText: "Finance lead" })
      .filter({ hasText: "Fiona Clarke" })
      .waitFor();
    await scanPage(p, "implementation-registration");

    // Two teams, each with its team leader.
    for (const [name, setting, leader, size] of [
      [TEAM_A, "District nursing", leaderA.email, "14"],
      [TEAM_B, "Community therapy", leaderB.email, "9"],
    ] as const) {
      await p.getByRole("link", { name: "Add a team" }).click();
      await expectHeading(p, "Add a team");
      await p.getByLabel("Team name").fill(name);
      await p.getByLabel("Setting").selectOption({ label: setting });
      await p.getByLabel("Team leader's email address").fill(leader);
      await p.getByLabel("Number of people in the team").fill(size);
      await fillDate(p, "When did the team start on the programme?", FIRST_WEEK);
      if (name === TEAM_A) await scanPage(p, "implementation-team-new");
      await p.getByRole("button", { name: "Add team" }).click();
      await expectHeading(p, "Productive Community Services");
      await p.getByText(`${name} added`).waitFor();
    }
    const teams = p.getByRole("table", { name: "Teams implementing the programme" });
    await teams.getByRole("row").filter({ hasText: TEAM_A }).filter({ hasText: "Tara Jones" }).waitFor();
    await teams.getByRole("row").filter({ hasText: TEAM_B }).filter({ hasText: "Ben Okafor" }).waitFor();
    const teamAPath = await teams.getByRole("link", { name: TEAM_A, exact: true }).getAttribute("href");
    const teamBPath = await teams.getByRole("link", { name: TEAM_B, exact: true }).getAttribute("href");
    expect(teamAPath).toMatch(/^\/implementation\/teams\/[0-9a-f-]{36}$/);
    expect(teamBPath).toMatch(/^\/implementation\/teams\/[0-9a-f-]{36}$/);
    await scanPage(p, "implementation-registration-teams");

    // Box sets: 3 executive and 7 team, two more team sets than the free five, so £130.00 at cost price.
    await p
      .getByRole("navigation", { name: "Programme implementation" })
      .getByRole("link", { name: "Box sets" })
      .click();
    await expectHeading(p, "Box sets");
    await p
      .getByText(/is an NHS trust or integrated care board, so it gets 3 executive and 5 team box sets free/)
      .waitFor();
    await p.getByText("No box sets have been ordered yet.").waitFor();
    await p.getByLabel("Executive box sets").fill("3");
    await p.getByLabel("Team box sets").fill("7");
    await p.getByText("Executive: 3 free, 0 charged. Team: 5 free, 2 charged. Total: £130.00.").waitFor();
    await p
      .getByText("2 team box sets are beyond your free entitlement and cost £130.00 at cost price.")
      .waitFor();
    await p
      .getByLabel("Delivery address")
      .fill("Programme office, Kingsmead House\n1 Mill Lane\nKingsmead\nKM1 2AB");
    // Without confirming the charge the order is refused with a reason.
    await p.getByRole("button", { name: "Order box sets" }).click();
    await p.getByRole("heading", { name: "There is a problem" }).waitFor();
    await p.getByRole("link", { name: "Confirm the charge of £130.00 to order these box sets" }).waitFor();
    await scanPage(p, "implementation-box-sets-confirm-error");
    await p.getByLabel("I confirm the charge of £130.00").check();
    await p.getByRole("button", { name: "Order box sets" }).click();
    await p
      .getByText(
        "Your order is placed: 3 executive and 7 team box sets, £130.00 at cost price. An administrator will dispatch it and we will email you when they do.",
      )
      .waitFor();
    const orders = p.getByRole("table", { name: "Box set orders, newest first" });
    const order = orders.getByRole("row").filter({ hasText: "Waiting to be dispatched" });
    await order.waitFor();
    await expect(order.innerText()).resolves.toMatch(/3 \(free\)[\s\S]*7 \(5 free\)[\s\S]*£130\.00/);
    await expect(order.innerText()).resolves.toContain("by Olivia Hart");
    const entitlement = p.getByRole("table", { name: "Free box sets and prices" });
    await expect(
      entitlement.getByRole("row").filter({ hasText: "Team" }).last().innerText(),
    ).resolves.toMatch(/5\s+5\s+0\s+£65\.00/);
    await scanPage(p, "implementation-box-sets-ordered");

    // 2. The team leader opens their team's house from Programmes and starts the first foundation module.
    const t = await personPage(browser, base, leaderA.email);
    await t.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Programmes" }).click();
    await expectHeading(t, "Programme implementation");
    await t.getByRole("heading", { name: "Teams you lead" }).waitFor();
    await t.getByRole("link", { name: TEAM_A, exact: true }).click();
    await expectHeading(t, TEAM_A);
    expect(new URL(t.url()).pathname).toBe(teamAPath);
    const foundation = t.getByRole("region", { name: "Foundation modules" });
    await foundation.getByRole("link", { name: MODULE_LINK }).waitFor();
    await scanPage(t, "implementation-team-house");
    await foundation.getByRole("link", { name: MODULE_LINK }).click();
    await expectHeading(t, MODULE);
    await t.getByLabel("In progress", { exact: true }).check();
    await fillDate(t, "When did the team start this module?", MODULE_START);
    await t.getByLabel("Notes (optional)").fill("Stock room sorted with the 5S steps; shadow boards up.");
    await scanPage(t, "implementation-module-status");
    await t.getByRole("button", { name: "Save status" }).click();
    await expectHeading(t, TEAM_A);
    await t.getByText(`${MODULE}: in progress`).waitFor();
    const tile = foundation.getByRole("listitem").filter({ hasText: MODULE });
    await expect(tile.innerText()).resolves.toContain("In progress");

    // The library measure "Time looking for stock", with a target.
    await t.getByRole("navigation", { name: "This team" }).getByRole("link", { name: "Measures" }).click();
    await expectHeading(t, "Measures");
    await t.getByText("The team has no measures yet.").waitFor();
    await scanPage(t, "implementation-team-measures-empty");
    await t.getByRole("link", { name: "Add a measure" }).click();
    await expectHeading(t, "Add a measure");
    await t.getByLabel(MEASURE, { exact: true }).check();
    await t.getByLabel("Target (optional)").fill("10");
    await scanPage(t, "implementation-measure-new");
    await t.getByRole("button", { name: "Add measure" }).click();
    await expectHeading(t, MEASURE);
    const measurePath = new URL(t.url()).pathname;
    expect(measurePath).toMatch(/^\/implementation\/team-measures\/[0-9a-f-]{36}$/);
    await t.getByText(`Module: ${MODULE}.`, { exact: false }).waitFor();

    // 24 weekly values pasted from a spreadsheet: previewed, then added.
    await t.getByRole("link", { name: "Paste or upload data" }).click();
    await expectHeading(t, "Paste or upload data");
    const pasted = VALUES.map((v, i) => `${ukDate(addWeeks(FIRST_WEEK, i))}\t${v}`).join("\n");
    await t.getByLabel("Paste from a spreadsheet").fill(pasted);
    await t.getByRole("button", { name: "Preview" }).click();
    await t.getByText("24 new, 0 replacing existing values, 0 errors.").waitFor();
    await scanPage(t, "implementation-measure-import-preview");
    await t.getByRole("button", { name: "Add these 24 values" }).click();
    await expectHeading(t, MEASURE);
    await t.getByText("Data added").waitFor();

    // The chart flags the drop as special cause improvement, and the module's start is marked on it.
    const chart = t.locator("figure.app-spc-chart");
    await chart.locator("svg[role=img]").waitFor();
    await t.getByText("Special cause variation: improvement (low).").first().waitFor();
    await chart.getByText("Special cause: improvement (blue triangle)").waitFor();
    const markerLabels = await chart.locator("svg[role=img] text").allTextContents();
    expect(markerLabels.some((label) => label.startsWith("Started Well Organised"))).toBe(true);
    await chart.getByText("Show the data").click();
    const improvementRows = chart.getByRole("row").filter({ hasText: "Special cause: improvement" });
    await expect.poll(() => improvementRows.count()).toBeGreaterThanOrEqual(6);
    await scanPage(t, "implementation-measure-chart");

    // The module is complete.
    await t.goto(`${base}${teamAPath}`);
    await expectHeading(t, TEAM_A);
    await foundation.getByRole("link", { name: MODULE_LINK }).click();
    await expectHeading(t, MODULE);
    await t.getByLabel("Complete", { exact: true }).check();
    await fillDate(t, "When did the team complete it?", MODULE_DONE);
    await t.getByRole("button", { name: "Save status" }).click();
    await expectHeading(t, TEAM_A);
    await t.getByText(`${MODULE}: complete`).waitFor();
    await expect(tile.innerText()).resolves.toContain("Complete");
    await scanPage(t, "implementation-team-house-complete");

    // A team leader cannot open the other team's house.
    await t.goto(`${base}${teamBPath}`);
    await expectHeading(t, /You cannot see this team|Team not found/);
    await scanPage(t, "implementation-other-team-refused");

    // 3. The team leader records a stock reduction benefit: cashable, first-order, stock, with evidence.
    await t.goto(`${base}${teamAPath}`);
    await expectHeading(t, TEAM_A);
    await t
      .getByRole("navigation", { name: "This team" })
      .getByRole("link", { name: "Benefits", exact: true })
      .click();
    await expectHeading(t, "Benefits");
    await t.getByRole("link", { name: "Record a benefit" }).click();
    await expectHeading(t, "Record a benefit");
    await t.getByLabel("Team", { exact: true }).selectOption({ label: TEAM_A });
    await t.getByLabel("Module (optional)").selectOption({ label: MODULE });
    await t.getByLabel("Value and efficiency", { exact: true }).check();
    await t.getByLabel("Title", { exact: true }).fill(BENEFIT);
    await t
      .getByLabel("Description (optional)")
      .fill("Out-of-date and duplicate stock returned; par levels set.");
    await t.getByLabel("Yes, it saves or earns money").check();
    await t.getByLabel("Stock", { exact: true }).check();
    await t
      .getByLabel("Method of calculation")
      .fill("Stock value at the first count less the value at the second count, at purchase price.");
    await t.getByLabel("Baseline (optional)").fill("4,200");
    await t.getByLabel("Forecast saving (optional)").fill("2,000");
    await fillDate(t, "Forecast date", REALISED_ON);
    await fillDate(t, "Date realised", REALISED_ON);
    // An absurd realised value (over £1bn for one team) is refused with the error summary; nothing is recorded.
    await t.getByLabel("Realised saving (optional)").fill("1,500,000,000");
    await t.getByRole("button", { name: "Record benefit" }).click();
    await t.getByRole("heading", { name: "There is a problem" }).waitFor();
    await expect(t.title()).resolves.toMatch(/^Error: /);
    const overLimit = t
      .locator(".nhsuk-error-summary")
      .getByRole("link", { name: /is more than one team could realise/ });
    await expect(overLimit.getAttribute("href")).resolves.toBe("#realisedPence");
    await scanPage(t, "implementation-benefit-over-limit");
    await t.getByLabel("Realised saving (optional)").fill("1,850");
    await t.getByRole("button", { name: "Record benefit" }).click();
    await expectHeading(t, BENEFIT);
    await t.getByText(`${BENEFIT} recorded`).waitFor();
    const benefitPath = new URL(t.url()).pathname;
    expect(benefitPath).toMatch(/^\/implementation\/benefits\/[0-9a-f-]{36}$/);
    await t.locator(".nhsuk-tag").filter({ hasText: "Awaiting sign-off" }).first().waitFor();
    const cashableRow = t.locator(".nhsuk-summary-list__row").filter({ hasText: "Cashable" });
    await expect(cashableRow.innerText()).resolves.toContain("First-order (working capital): stock");
    await t.getByRole("button", { name: "Upload file" }).click();
    await expectFormError(t, "file", "Choose a file to upload");
    await t.getByLabel("Add an evidence file").setInputFiles({
      name: "stock-counts.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "Item,First count (£),Second count (£)\nDressings,2400,1300\nCatheters,1800,1050\n",
      ),
    });
    await t.getByRole("button", { name: "Upload file" }).click();
    await t.getByText("stock-counts.csv added.").waitFor();
    await expectNoErrorTitle(t);
    await t.getByRole("link", { name: "stock-counts.csv" }).waitFor();
    await scanPage(t, "implementation-benefit-recorded");

    // 4. The finance lead finds it awaiting their sign-off and queries it.
    const f = await personPage(browser, base, finance.email);
    await f.goto(`${base}/implementation`);
    await expectHeading(f, "Programme implementation");
    await f.getByRole("link", { name: `Productive Community Services for ${trustName}` }).click();
    await expectHeading(f, "Productive Community Services");
    await f
      .getByRole("navigation", { name: "Programme implementation" })
      .getByRole("link", { name: "Benefits", exact: true })
      .click();
    await expectHeading(f, "Benefits");
    const awaiting = f.getByRole("table", { name: "Awaiting your sign-off" });
    await awaiting.getByRole("link", { name: BENEFIT }).waitFor();
    await scanPage(f, "implementation-benefits-finance");
    await awaiting.getByRole("link", { name: BENEFIT }).click();
    await expectHeading(f, BENEFIT);
    await f.getByRole("button", { name: "Save decision" }).click();
    await expectFormError(f, "decision", "Choose whether to sign off, query or reject the benefit");
    await f.getByLabel("Query it").check();
    await f.getByRole("button", { name: "Save decision" }).click();
    await expectFormError(f, "comment", "Say what the team needs to check or explain");
    await f.getByLabel("Comment", { exact: true }).fill(QUERY);
    await scanPage(f, "implementation-benefit-decision");
    await f.getByRole("button", { name: "Save decision" }).click();
    await f.locator(".nhsuk-tag").filter({ hasText: "Queried by finance" }).first().waitFor();
    await expectNoErrorTitle(f);

    // The team leader answers.
    await t.reload();
    await expectHeading(t, BENEFIT);
    await t.getByRole("heading", { name: "Answer the query" }).waitFor();
    await t.getByText(QUERY).first().waitFor();
    await scanPage(t, "implementation-benefit-answer");
    await t.getByRole("button", { name: "Send answer" }).click();
    await expectFormError(t, "comment", "Enter your answer to the finance lead's query");
    await t.getByLabel("Your answer").fill(ANSWER);
    await t.getByRole("button", { name: "Send answer" }).click();
    await t.locator(".nhsuk-tag").filter({ hasText: "Awaiting sign-off" }).first().waitFor();
    await expectNoErrorTitle(t);

    // The finance lead signs it off.
    await f.reload();
    await expectHeading(f, BENEFIT);
    await f.getByText(ANSWER).first().waitFor();
    await f.getByLabel("Sign it off").check();
    await f.getByRole("button", { name: "Save decision" }).click();
    await f.locator(".nhsuk-tag").filter({ hasText: "Signed off" }).first().waitFor();
    await f
      .locator(".nhsuk-summary-list__row")
      .filter({ hasText: "Signed off by" })
      .filter({ hasText: "Fiona Clarke" })
      .waitFor();

    // The history shows each step with who, in order.
    const history = f.locator("ol.app-benefit-history");
    await expect
      .poll(() => history.locator("h3").allTextContents())
      .toEqual([
        "Recorded by Tara Jones",
        "Evidence added by Tara Jones",
        "Queried by Fiona Clarke",
        "Query answered by Tara Jones",
        "Signed off by Fiona Clarke",
      ]);
    await history.getByText(QUERY).waitFor();
    await history.getByText(ANSWER).waitFor();
    await scanPage(f, "implementation-benefit-signed-off");

    // 5. The summary: £1,850 realised first-order, nothing awaiting sign-off.
    await f.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Benefits" }).click();
    await expectHeading(f, "Benefits");
    await f.getByRole("table", { name: "All benefits" }).getByRole("link", { name: BENEFIT }).waitFor();
    await f
      .getByRole("navigation", { name: "Programme implementation" })
      .getByRole("link", { name: "Benefits summary" })
      .click();
    await expectHeading(f, "Benefits summary");
    const card = (label: string) =>
      f.locator(".nhsuk-card").filter({ has: f.getByRole("heading", { name: label, exact: true }) });
    await expect(card("Realised first-order").innerText()).resolves.toContain("£1,850");
    await expect(card("Realised second-order").innerText()).resolves.toContain("£0");
    await expect(card("Forecast").innerText()).resolves.toContain("£2,000");
    await expect(card("Not yet signed off").innerText()).resolves.toContain("£0");
    await scanPage(f, "implementation-summary");

    // The PDF summary downloads and says so; rendered to PNG to look at.
    const pdfDownload = f.waitForEvent("download");
    await f.getByRole("link", { name: "Benefits summary with its chart (PDF)" }).click();
    const pdf = await pdfDownload;
    const pdfDir = path.join(SCREENSHOT_DIR, "implementation-summary-pdf");
    mkdirSync(pdfDir, { recursive: true });
    const pdfFile = path.join(pdfDir, "summary.pdf");
    await pdf.saveAs(pdfFile);
    const pdfHref = await f
      .getByRole("link", { name: "Benefits summary with its chart (PDF)" })
      .getAttribute("href");
    const response = await f.request.get(`${base}${pdfHref}`);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/pdf");
    const bytes = await response.body();
    writeFileSync(pdfFile, bytes);
    const text = await pdfPlainText(bytes);
    expect(text).toContain("Productive Community Services");
    expect(text).toContain(trustName);
    expect(text).toContain("£1,850");
    expect(text).toMatch(/first-order/i);
    expect(text).toContain(TEAM_A);
    if (hasPdftoppm()) {
      execFileSync("pdftoppm", ["-png", "-r", "70", pdfFile, path.join(pdfDir, "page")]);
      expect(readdirSync(pdfDir).filter((name) => name.endsWith(".png")).length).toBeGreaterThanOrEqual(1);
    }
    expect(existsSync(pdfFile)).toBe(true);

    // The CSV has the benefit, signed off by the finance lead, at £1,850 realised.
    const csvHref = await f
      .getByRole("link", { name: "Every benefit, one row each (CSV)" })
      .getAttribute("href");
    const csvResponse = await f.request.get(`${base}${csvHref}`);
    expect(csvResponse.status()).toBe(200);
    expect(csvResponse.headers()["content-type"]).toContain("text/csv");
    const csv = await csvResponse.text();
    const line = csv.split(/\r?\n/).find((row) => row.includes(BENEFIT));
    expect(line, "the CSV has a row for the benefit").toBeDefined();
    expect(line).toContain(TEAM_A);
    expect(line).toContain("Signed off");
    expect(line).toContain("Fiona Clarke");
    expect(line).toMatch(/1,?850(\.00)?/);

    // The programme lead sees the same realised figure.
    await p.goto(`${base}/implementation/${registrationId}/summary`);
    await expectHeading(p, "Benefits summary");
    await expect(
      p
        .locator(".nhsuk-card")
        .filter({ has: p.getByRole("heading", { name: "Realised first-order", exact: true }) })
        .innerText(),
    ).resolves.toContain("£1,850");
  });
});
