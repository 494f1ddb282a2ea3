import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ukDate } from "../../src/server/modules/enrolments/access-window.rules.js";
import {
  buildAdmin,
  buildEnrolment,
  buildOrganisation,
  buildReportLearner,
  buildUser,
  setEnrolmentProgress,
} from "../support/factories.js";
import { courseIdBySlug } from "../support/learning-fixtures.js";
import { expectHeading, expectNoHorizontalScroll, scanPage, signIn } from "./support/browser.js";
import { useInProcessJourney } from "./support/journey.js";

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** Reads a download's text (UTF-8, byte-order mark kept). */
async function downloadText(page: Page, click: () => Promise<void>) {
  const [download] = await Promise.all([page.waitForEvent("download"), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, "utf8") };
}

describe("reports: a learner administrator follows their trust's progress and downloads it", () => {
  const journey = useInProcessJourney();

  it("opens the progress report, filters and sorts it, downloads CSV and ESR completions, and sees the funnel and teams", async () => {
    const ctx = journey.ctx();
    const base = journey.baseUrl();
    const trust = await buildOrganisation(ctx, { name: "Kestrel Valley NHS Trust", type: "nhs_trust" });
    const ward = await buildOrganisation(ctx, { name: "Kestrel Ward 4", parentId: trust });
    const other = await buildOrganisation(ctx, { name: "Otterburn NHS Trust", type: "nhs_trust" });
    const intro = await courseIdBySlug(ctx, "productive-community-services-introductory");
    const measures = await courseIdBySlug(ctx, "improvement-fundamentals-qi-measures");

    const learners = [
      { given: "Priya", family: "Anand", team: ward, esr: "10112345678", completed: 12, steps: 99 },
      { given: "Tom", family: "Brennan", team: ward, esr: null, completed: null, steps: 2 },
      { given: "Leah", family: "Carter", team: null, esr: "10187654321", completed: null, steps: 0 },
    ];
    for (const l of learners) {
      const user = await buildReportLearner(ctx, {
        organisationId: trust,
        teamId: l.team,
        esrNumber: l.esr,
        givenName: l.given,
        familyName: l.family,
        email: `${l.given.toLowerCase()}.${l.family.toLowerCase()}@kestrel.example`,
      });
      const enrolment = await buildEnrolment(ctx, {
        userId: user.id,
        courseId: intro,
        startsAt: daysAgo(40),
        completedAt: l.completed ? daysAgo(l.completed) : null,
      });
      await setEnrolmentProgress(ctx, enrolment.id, {
        requiredStepsCompleted: l.steps === 99 ? 0 : l.steps,
        lastActivityAt: l.steps > 0 ? daysAgo(l.completed ?? 1) : null,
      });
    }
    const tomId = (await ctx.database.rawQuery("select id from users where email = $1", [
      "tom.brennan@kestrel.example",
    ])) as Array<{ id: string }>;
    await buildEnrolment(ctx, { userId: tomId[0]?.id ?? "", courseId: measures, startsAt: daysAgo(5) });
    const outsider = await buildReportLearner(ctx, {
      organisationId: other,
      givenName: "Owen",
      familyName: "Outside",
      email: "owen.outside@otterburn.example",
    });
    await buildEnrolment(ctx, { userId: outsider.id, courseId: intro, completedAt: daysAgo(3) });

    const admin = await buildUser(ctx, {
      organisationId: null,
      givenName: "Morgan",
      familyName: "Lee",
      roles: [
        "learner",
        { role: "learner_admin", organisationId: trust, expiresAt: new Date(Date.now() + 200 * DAY) },
      ],
    });
    const page = await (await journey.browser().newContext({ acceptDownloads: true })).newPage();
    await signIn(page, base, admin.email, admin.password);

    // A learner administrator of one organisation goes straight to its progress report.
    await page.goto(`${base}/reports`);
    await expectHeading(page, /Learner progress/);
    expect(page.url()).toBe(`${base}/reports/${trust}/progress`);
    const main = page.getByRole("main");
    await expect.poll(() => main.textContent()).toContain("4 enrolments");
    const text = await main.textContent();
    expect(text).toContain("Priya Anand");
    expect(text).toContain("Kestrel Ward 4");
    expect(text).not.toContain("Owen");
    await scanPage(page, "reports-progress");

    // Filter to the ward, then sort by progress, highest first.
    await page.getByLabel("Team").selectOption({ label: "Kestrel Ward 4" });
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => main.textContent()).toContain("3 enrolments");
    expect(await main.textContent()).not.toContain("Leah Carter");
    expect(page.url()).toContain(`teamId=${ward}`);
    await page.getByRole("link", { name: /^Progress/ }).click();
    await expect.poll(() => page.url()).toContain("sort=progress");
    await expect
      .poll(() => page.locator("th[aria-sort]:not([aria-sort=none])").first().getAttribute("aria-sort"))
      .toBe("ascending");
    await page.getByRole("link", { name: /^Progress/ }).click();
    await expect.poll(() => page.locator("th[aria-sort=descending]").textContent()).toContain("Progress");
    await expect.poll(() => page.locator("tbody tr").first().textContent()).toContain("Priya Anand");
    expect(page.url()).toContain(`teamId=${ward}`);

    // A date that does not exist is caught before the report is asked for.
    await page.getByText("Filter by dates").click();
    await page.locator("#completedFrom").fill("31");
    await page.locator("#completedFrom-month").fill("2");
    await page.locator("#completedFrom-year").fill("2026");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(page, "reports-progress-date-error");
    await page.locator("#completedFrom").fill("");
    await page.locator("#completedFrom-month").fill("");
    await page.locator("#completedFrom-year").fill("");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.getByRole("heading", { name: "There is a problem" }).waitFor({ state: "detached" });

    // The CSV carries the same filters: the ward's three enrolments only.
    const csv = await downloadText(page, () => page.getByRole("link", { name: /^Download CSV/ }).click());
    expect(csv.name).toBe(`learner-progress-kestrel-valley-nhs-trust-${ukDate(new Date())}.csv`);
    const rows = parse(csv.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => `${r["Given name"]} ${r["Family name"]}`).sort()).toEqual([
      "Priya Anand",
      "Tom Brennan",
      "Tom Brennan",
    ]);
    expect(rows.every((r) => r.Team === "Kestrel Ward 4")).toBe(true);

    const esr = await downloadText(page, () =>
      page.getByRole("link", { name: "Download ESR completions" }).click(),
    );
    expect(esr.name).toMatch(/^esr-completions-kestrel-valley-nhs-trust-.*\.csv$/);
    const esrRows = parse(esr.text, { bom: true }) as string[][];
    expect(esrRows[0]?.[0]).toBe("ESR assignment number");
    expect(esrRows.slice(1)).toEqual([
      [
        "10112345678",
        "Anand",
        "Priya",
        "priya.anand@kestrel.example",
        "productive-community-services-introductory",
        "Productive Community Services: Introductory",
        ukDate(daysAgo(12)),
        "",
      ],
    ]);

    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The funnel: 3 enrolled on the introductory course, 2 started, 1 completed.
    await page.getByRole("link", { name: "Engagement funnel" }).click();
    await expectHeading(page, /Engagement funnel/);
    await expect.poll(() => main.textContent()).toContain("2 (66% of enrolled)");
    expect(await main.textContent()).toContain("1 (50% of started)");
    await scanPage(page, "reports-funnel");
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Teams: the ward and the learners with no team, and the trust's total.
    await page.getByRole("link", { name: "Teams" }).click();
    await expectHeading(page, /Teams/);
    await expect.poll(() => main.textContent()).toContain("All of Kestrel Valley NHS Trust");
    expect(await main.textContent()).toContain("Kestrel Ward 4");
    await scanPage(page, "reports-teams");
    const teams = await downloadText(page, () => page.getByRole("link", { name: /^Download CSV/ }).click());
    expect(teams.name).toBe(`teams-kestrel-valley-nhs-trust-${ukDate(new Date())}.csv`);
    const teamRows = parse(teams.text, { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(teamRows.at(-1)).toMatchObject({
      Team: "All of Kestrel Valley NHS Trust",
      Learners: "3",
      Enrolments: "4",
    });
    await page.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(page);
    await page.setViewportSize({ width: 1280, height: 900 });

    for (const [link, heading, expected] of [
      ["Completions over time", /Completions over time/, "1 completion from"],
      ["Access ending soon", /Access ending soon/, "Next 30 days"],
    ] as const) {
      await page.getByRole("link", { name: link }).click();
      await expectHeading(page, heading);
      await expect.poll(() => main.textContent()).toContain(expected);
      await scanPage(page, `reports-${link.split(" ")[0]?.toLowerCase()}`);
      await page.setViewportSize({ width: 320, height: 800 });
      await expectNoHorizontalScroll(page);
      await page.setViewportSize({ width: 1280, height: 900 });
    }

    // Another trust's report is refused.
    await page.goto(`${base}/reports/${other}/progress`);
    await expectHeading(page, "Learner progress");
    await expect.poll(() => main.textContent()).toContain("You can only see reports for the organisations");
    await scanPage(page, "reports-forbidden");

    // A platform administrator chooses any organisation from the directory.
    const platformAdmin = await buildAdmin(ctx, { organisationId: null });
    const adminPage = await (await journey.browser().newContext()).newPage();
    await signIn(adminPage, base, platformAdmin.email, platformAdmin.password);
    await adminPage.goto(`${base}/reports`);
    await expectHeading(adminPage, "Reports");
    await adminPage.getByRole("button", { name: "Continue" }).click();
    await adminPage.getByRole("heading", { name: "There is a problem" }).waitFor();
    await scanPage(adminPage, "reports-choose-organisation-error");
    await adminPage.getByLabel("Search by name or ODS code").fill("Otterburn");
    await adminPage.getByLabel("Otterburn NHS Trust").check();
    await scanPage(adminPage, "reports-choose-organisation");
    await adminPage.setViewportSize({ width: 320, height: 800 });
    await expectNoHorizontalScroll(adminPage);
    await adminPage.setViewportSize({ width: 1280, height: 900 });
    await adminPage.getByRole("button", { name: "Continue" }).click();
    await expectHeading(adminPage, /Learner progress/);
    await expect.poll(() => adminPage.getByRole("main").textContent()).toContain("Owen Outside");
  });
});
